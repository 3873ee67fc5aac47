"""``kg triples``: one row per report of an event, with the contract's columns, read back from a graph.

An event reported by several documents (or twice in one) is one ``gk:Event`` node with one
evidence node per report; each report is a row, with its own document, sentence, predicate lemma,
source, confidence and quote, and the event's actors, type, date and place."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.rdf.query import QueryResult, format_result, run_query
from kg.rdf.store import open_graph

#: Column names and order fixed by CONTRACT.md.
COLUMNS = ["doc", "sentence", "subject", "subject_country", "predicate", "event_type", "mode", "object",
           "object_country", "negated", "attributed_to", "date", "location", "confidence", "quote"]

#: Prefixes (gk:, prov:, dcterms:, ...) are bound by kg.rdf.query.run_query.
EVENTS_QUERY = """
SELECT ?doc ?sentence ?subject ?subject_country ?predicate ?event_type ?mode ?object ?object_country
       ?negated ?attributed_to ?date ?location ?confidence ?quote ?start
WHERE {
  VALUES ?class { gk:Event }
  ?e a ?class ; gk:negated ?negated ; gk:evidence ?ev .
  ?ev oa:hasSource/dcterms:identifier ?doc ; gk:sentenceIndex ?sentence ; gk:predicate ?predicate ;
      gk:confidence ?confidence ; oa:exact ?quote ; oa:start ?start .
  OPTIONAL { ?e gk:subject ?s . ?s rdfs:label|skos:prefLabel ?subject .
             OPTIONAL { { ?s gk:isoCode ?subject_country } UNION { ?s gk:country/gk:isoCode ?subject_country } } }
  OPTIONAL { ?e gk:object ?o . ?o rdfs:label|skos:prefLabel ?object .
             OPTIONAL { { ?o gk:isoCode ?object_country } UNION { ?o gk:country/gk:isoCode ?object_country } } }
  OPTIONAL { ?e gk:eventType ?t . ?t skos:notation ?event_type_n }
  OPTIONAL { ?e gk:eventType ?t2 }
  BIND(COALESCE(?event_type_n, REPLACE(STR(?t2), "^.*/", "")) AS ?event_type)
  OPTIONAL { ?e gk:mode ?m . OPTIONAL { ?m skos:prefLabel ?mode_l } }
  BIND(COALESCE(?mode_l, REPLACE(REPLACE(STR(?m), "^.*/mode-", ""), "-", " ")) AS ?mode)
  OPTIONAL { ?ev gk:attributedTo ?a . ?a rdfs:label ?attributed_to }
  OPTIONAL { ?e gk:eventDate ?date }
  OPTIONAL { ?e gk:location ?l . ?l rdfs:label ?location }
}
"""


def _row(sol: dict[str, str]) -> dict[str, object]:
    row: dict[str, object] = {c: sol.get(c, "") for c in COLUMNS}
    row["sentence"] = int(sol.get("sentence") or 0)
    row["confidence"] = float(sol.get("confidence") or 0.0)
    row["negated"] = "true" if sol.get("negated") == "true" else "false"
    return row


def event_rows_from_store(store: ox.Store, propositions: bool = False) -> list[dict[str, object]]:
    """Contract rows for every report of an event in ``store``, ordered by document, sentence and position.

    With ``propositions`` the clauses kept as ``gk:Proposition`` (``kg build --propositions``) are
    listed too; they never carry an event type.
    """
    query = EVENTS_QUERY.replace("{ gk:Event }", "{ gk:Event gk:Proposition }") if propositions else EVENTS_QUERY
    result = run_query(store, query)
    best: dict[tuple, dict[str, str]] = {}
    for sol in result.rows:
        # One row per event even when an entity has several countries: keep the smallest code.
        key = (sol["doc"], sol["start"], sol["sentence"], sol["predicate"], sol["subject"], sol["object"],
               sol["quote"], sol["negated"])
        if key not in best or (sol["subject_country"], sol["object_country"]) < (
                best[key]["subject_country"], best[key]["object_country"]):
            best[key] = sol
    ordered = sorted(best.values(), key=lambda s: (s["doc"], int(s["sentence"] or 0), int(s["start"] or 0),
                                                   s["predicate"], s["subject"], s["object"]))
    return [_row(s) for s in ordered]


def event_rows(graph: Path, propositions: bool = False) -> list[dict[str, object]]:
    """Contract rows for every event in the graph file ``graph`` (and its propositions, if asked)."""
    return event_rows_from_store(open_graph(graph), propositions)


def format_rows(rows: list[dict[str, object]], fmt: str) -> str:
    """Render rows as ``tsv``, ``csv`` or ``json``."""
    str_rows = [{k: ("" if v is None else str(v)) for k, v in r.items()} for r in rows]
    if fmt == "json":
        import json

        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    return format_result(QueryResult(COLUMNS, str_rows), fmt)
