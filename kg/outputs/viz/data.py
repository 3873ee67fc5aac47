"""Explorer data from RDF: SPARQL over the Oxigraph engine → typed actors, events and documents.

Everything read here is untrusted article text; it is carried as plain strings and only ever
reaches the page as escaped JSON rendered with ``textContent``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.outputs.readback import event_attributes, first, first_reports
from kg.rdf.query import run_query
from kg.resources import plover_quad_classes

CONCEPT = "Concept"  # anything an event points at that is not a typed entity ("provision", "troops")
ENTITY_TYPES = ("Person", "State", "Organization", "ArmedGroup", "Place")

_GK = "https://w3id.org/geokg/ontology#"

NODES_QUERY = """
SELECT DISTINCT ?e ?label ?cls WHERE {
  { ?ev a gk:Event ; gk:subject ?e } UNION { ?ev a gk:Event ; gk:object ?e }
  OPTIONAL { ?e rdfs:label|skos:prefLabel ?label }
  OPTIONAL { ?e a ?cls FILTER(STRSTARTS(STR(?cls), STR(gk:))) }
}"""
ALT_QUERY = "SELECT ?e ?alt WHERE { ?e skos:altLabel ?alt }"
ROLE_QUERY = "SELECT ?e ?role WHERE { ?e gk:role ?role }"
COUNTRY_QUERY = """
SELECT DISTINCT ?e ?iso ?name WHERE {
  { ?e gk:isoCode ?iso . BIND(?e AS ?state) } UNION { ?e gk:country ?state . ?state gk:isoCode ?iso }
  OPTIONAL { ?state rdfs:label ?name }
}"""
DOCS_QUERY = """
SELECT ?d ?id ?title ?date ?source ?url WHERE {
  ?d a gk:Document .
  OPTIONAL { ?d dcterms:identifier ?id }
  OPTIONAL { ?d dcterms:title ?title }
  OPTIONAL { ?d dcterms:date ?date }
  OPTIONAL { ?d dcterms:source ?source FILTER(isLiteral(?source) && DATATYPE(?source) != xsd:anyURI) }
  OPTIONAL { ?d dcterms:source ?url FILTER(isIRI(?url) || DATATYPE(?url) = xsd:anyURI) }
} ORDER BY ?d"""


@dataclass
class Actor:
    """A node: an entity (or a non-entity concept) that takes part in at least one event."""

    iri: str
    label: str
    type: str
    alt_labels: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # ISO 3166-1 alpha-3
    roles: list[str] = field(default_factory=list)


@dataclass
class EventEdge:
    """An edge: one extracted event from ``subject`` to ``object`` with its evidence."""

    iri: str
    subject: str
    object: str
    relation: str
    predicate: str = ""
    event_type: str = ""
    quad: int = 0  # PLOVER quad class 1..4, 0 when untyped
    mode: str = ""
    negated: bool = False
    hypothetical: bool = False
    date: str = ""  # the event's own date
    place: str = ""
    attributed_to: str = ""
    confidence: float = 0.0
    quote: str = ""
    doc: str = ""  # document IRI
    sentence: int = -1


@dataclass
class Source:
    """A source document of events."""

    iri: str
    id: str = ""
    title: str = ""
    date: str = ""
    source: str = ""
    url: str = ""


@dataclass
class GraphData:
    """Everything the explorer shows, independent of how it is drawn."""

    actors: dict[str, Actor]
    events: list[EventEdge]
    docs: dict[str, Source]
    country_names: dict[str, str] = field(default_factory=dict)

    def event_date(self, event: EventEdge) -> str:
        """The event's date, or its document's publication date when the event has none."""
        if event.date:
            return event.date
        doc = self.docs.get(event.doc)
        return doc.date if doc else ""


def _tail(iri: str) -> str:
    return iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _safe_url(url: str) -> str:
    """Only http(s) links reach the page: a ``javascript:`` URL in a feed would be a script."""
    return url if url.lower().startswith(("http://", "https://")) else ""


def extract(store: ox.Store) -> GraphData:
    """Actors, events and documents of a GeoKG graph, read with SPARQL."""
    actors = _actors(store)
    events = _events(store, actors)
    docs = _docs(store)
    countries: dict[str, str] = {}
    for row in run_query(store, COUNTRY_QUERY).rows:
        countries.setdefault(row["iso"].upper(), row["name"] or row["iso"].upper())
    return GraphData(actors, events, docs, dict(sorted(countries.items())))


def _actors(store: ox.Store) -> dict[str, Actor]:
    actors: dict[str, Actor] = {}
    for row in run_query(store, NODES_QUERY).rows:
        cls = _tail(row["cls"]) if row["cls"] else CONCEPT
        actor = actors.get(row["e"])
        if actor is None:
            label = row["label"] or _tail(row["e"]).replace("-", " ")
            actors[row["e"]] = Actor(row["e"], label, cls if cls in ENTITY_TYPES else CONCEPT)
        elif cls in ENTITY_TYPES and actor.type == CONCEPT:
            actor.type = cls
    extra: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for query, key in ((ALT_QUERY, "alt"), (ROLE_QUERY, "role"), (COUNTRY_QUERY, "iso")):
        for row in run_query(store, query).rows:
            if row["e"] in actors:
                extra[row["e"]][key].add(row[key])
    for iri, values in extra.items():
        actor = actors[iri]
        actor.alt_labels = sorted(values["alt"] - {actor.label})
        actor.roles = sorted(values["role"])
        actor.countries = sorted({c.upper() for c in values["iso"]})
    return actors


def _events(store: ox.Store, actors: dict[str, Actor]) -> list[EventEdge]:
    """One edge per event between two actors; a multi-valued property gives its smallest value, and the
    first report (by document, then position) gives the quote, document and sentence."""
    quads = plover_quad_classes()
    reports = first_reports(store)
    events = []
    for iri, attrs in sorted(event_attributes(store).items()):
        subject, obj = first(attrs, "subject"), first(attrs, "object")
        if subject not in actors or obj not in actors:
            continue
        event_type = _tail(first(attrs, "type"))
        found = re.fullmatch(r"quad([1-4])", _tail(first(attrs, "quad")))
        quad = int(found.group(1)) if found else quads.get(event_type, (0, ""))[0]
        mode = first(attrs, "mode")
        report = reports.get(iri)
        predicate = report.predicate if report and report.predicate else first(attrs, "predicate")
        events.append(EventEdge(
            iri=iri, subject=subject, object=obj, relation=first(attrs, "relation_label") or predicate,
            predicate=predicate, event_type=event_type, quad=quad,
            mode=_tail(mode).removeprefix("mode-").replace("-", " ") if mode else "",
            negated=first(attrs, "negated") == "true", hypothetical=first(attrs, "hypothetical") == "true",
            date=first(attrs, "date"), place=first(attrs, "place"), attributed_to=first(attrs, "attributed_to"),
            confidence=_float(first(attrs, "confidence")), quote=report.quote if report else "",
            doc=(report.doc if report and report.doc else first(attrs, "document")),
            sentence=report.sentence if report else -1))
    return events


def _docs(store: ox.Store) -> dict[str, Source]:
    docs: dict[str, Source] = {}
    for row in run_query(store, DOCS_QUERY).rows:
        doc = docs.setdefault(row["d"], Source(row["d"], row["id"], row["title"], row["date"]))
        doc.source = doc.source or row["source"]
        doc.url = doc.url or _safe_url(row["url"])
    return docs


def _float(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0
