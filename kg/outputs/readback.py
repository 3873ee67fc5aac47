"""Reading events back from a graph, one attribute value per row.

An event several documents report has several values of some properties (a document, predicate
lemma, source and evidence node per report). A single SPARQL pattern with one ``OPTIONAL`` per
property returns the cross product of all of them, which grows with the product of the reports
(measured: 4 million rows for 26 articles). The queries here return one row per value instead —
linear in the size of the graph — and fold them per event in Python.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from kg.rdf.query import run_query

#: attribute name → property path from the event (single values chosen as the smallest).
ATTRIBUTES = {
    "subject": "gk:subject", "object": "gk:object", "object_text": "gk:objectText", "predicate": "gk:predicate",
    "relation_label": "gk:relation/rdfs:label", "type": "gk:eventType", "quad": "gk:quadClass", "mode": "gk:mode",
    "negated": "gk:negated", "hypothetical": "gk:hypothetical", "date": "gk:eventDate",
    "place": "gk:location/rdfs:label", "attributed_to": "gk:attributedTo/rdfs:label", "confidence": "gk:confidence",
    "label": "rdfs:label", "reports": "gk:reportCount", "document": "prov:wasDerivedFrom",
}

_ATTRIBUTES_QUERY = "SELECT ?e ?k ?v WHERE {\n  ?e a gk:Event .\n  " + "\n  UNION ".join(
    f'{{ ?e {path} ?v BIND("{name}" AS ?k) }}' for name, path in ATTRIBUTES.items()) + "\n}"

_REPORTS_QUERY = """
SELECT ?e ?doc ?start ?sentence ?quote ?predicate WHERE {
  ?e a gk:Event ; gk:evidence ?report .
  ?report oa:exact ?quote .
  OPTIONAL { ?report oa:hasSource ?doc }
  OPTIONAL { ?report oa:start ?start }
  OPTIONAL { ?report gk:sentenceIndex ?sentence }
  OPTIONAL { ?report gk:predicate ?predicate }
}"""


@dataclass(frozen=True)
class Report:
    """One report of an event: its document IRI, position, sentence, quote and predicate lemma."""

    doc: str
    start: int
    sentence: int
    quote: str
    predicate: str


def event_attributes(store: ox.Store) -> dict[str, dict[str, list[str]]]:
    """Event IRI → attribute name (see :data:`ATTRIBUTES`) → its values, sorted."""
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in run_query(store, _ATTRIBUTES_QUERY).rows:
        out[row["e"]][row["k"]].add(row["v"])
    return {ev: {k: sorted(v) for k, v in attrs.items()} for ev, attrs in out.items()}


def first_reports(store: ox.Store) -> dict[str, Report]:
    """Event IRI → its first report (by document IRI, then position): the one that speaks for it."""
    best: dict[str, Report] = {}
    for row in run_query(store, _REPORTS_QUERY).rows:
        report = Report(row["doc"], _int(row["start"], 0), _int(row["sentence"], -1), row["quote"],
                        row["predicate"])
        current = best.get(row["e"])
        if current is None or (report.doc, report.start, report.quote) < (current.doc, current.start, current.quote):
            best[row["e"]] = report
    return best


def first(attrs: dict[str, list[str]], name: str, default: str = "") -> str:
    """The smallest value of an attribute, or ``default``."""
    values = attrs.get(name)
    return values[0] if values else default


def _int(text: str, default: int) -> int:
    try:
        return int(text)
    except ValueError:
        return default
