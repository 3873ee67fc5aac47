"""Graph stage, merge: :class:`DocResult` records → one RDF dataset (rdflib API over Oxigraph).

Each document's statements (its events, evidence, mentions and direct relation triples) go to a
named graph of their own, rendered by :mod:`kg.rdf.document` (in the worker that extracted it) and
written here as N-Quads; entity descriptions, relation properties, event summaries and the
extraction activity go to a shared graph. ``graph.ttl`` is the union of all of them.

Entities are merged across documents on strong keys: ISO 3166 code for states, otherwise type +
normalised name. Entity descriptions are written once, at :meth:`GraphBuilder.finish`, from what
every document said about them, so the result does not depend on document order.

Events are merged too: every report of the same event (:func:`kg.rdf.identity.event_identity`: same
actor, kind, target, polarity and day) adds to one ``gk:Event`` node, in its own document's graph,
its ``prov:wasDerivedFrom`` document and one evidence node. The evidence is a Web Annotation
``oa:SpecificResource`` of the document with a position and a quote selector (offsets count code
points of the document's ``gk:text``, kept in the graph) plus what that report alone says: its
sentence, confidence, predicate lemma and source. What depends on all reports (``gk:reportCount``,
the event's ``gk:confidence``, its label) goes to the shared graph at :meth:`GraphBuilder.finish`.
Every event is ``prov:wasGeneratedBy`` one extraction activity whose IRI and facts depend only on
the GeoKG version and the spaCy model.

Self-description: the shared graph holds a header that ``owl:imports`` the ontology, plus copies of
the declarations (type, label, super-class/property, SKOS notation) of every term the graph uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

import pycountry
import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import RDF, RDFS, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS
from rdflib.term import Node

from kg import __version__
from kg.model import COUNTRY, DocResult, DocumentGraph, Entity, EventFacts
from kg.nlp.models import ModelInfo
from kg.rdf import terms as nt
from kg.rdf.document import TERM_OBJECTS, DocumentGrapher, used_terms
from kg.rdf.identity import entity_merge_key
from kg.rdf.iris import IriMinter
from kg.rdf.ontology import declarations
from kg.rdf.quads import insert_nquads
from kg.rdf.serialize import oxigraph_store
from kg.rdf.terms import Statement
from kg.rdf.vocab import ENTITY_CLASS, GEONAMES, GK, ONTOLOGY_IRI, PLOVER, PREFIXES, PROV, SCHEMA, WD

_REPORT_COUNT, _CONFIDENCE, _LABEL = (nt.iri(str(t)) for t in (GK.reportCount, GK.confidence, RDFS.label))


def _nt(node: Node) -> str:
    """The N-Triples form of an rdflib term."""
    if isinstance(node, Literal):
        if node.language:
            return nt.lang_string(str(node), node.language)
        if node.datatype is not None:
            return nt.typed(str(node), str(node.datatype))
        return nt.string(str(node))
    return nt.iri(str(node))


@dataclass
class EntityRecord:
    """What all documents together say about one merged entity."""

    type: str
    labels: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    sectors: set[str] = field(default_factory=set)
    geonames: set[int] = field(default_factory=set)
    wikidata: set[str] = field(default_factory=set)

    def canonical_label(self) -> str:
        """The fullest label, chosen independently of document order."""
        return max(self.labels, key=lambda s: (len(s), sum(ord(c) > 127 for c in s), s))


def new_dataset(store: ox.Store | None = None) -> Dataset:
    """An rdflib ``Dataset`` on the Oxigraph engine (over ``store`` if given), GeoKG's prefixes bound."""
    ds = Dataset(store=OxigraphStore(store=store)) if store is not None else Dataset(store="Oxigraph")
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    ds.bind("skos", SKOS)
    ds.bind("dcterms", DCTERMS)
    return ds


def country_name(iso3: str) -> str:
    """Common English name of a state from its ISO 3166-1 alpha-3 code."""
    record = pycountry.countries.get(alpha_3=iso3.upper())
    if record is None:
        return iso3.upper()
    return getattr(record, "common_name", None) or record.name


class GraphBuilder:
    """Accumulates documents into a dataset; call :meth:`finish` once at the end."""

    def __init__(self, base_iri: str, model: ModelInfo, dataset: Dataset | None = None,
                 keep_facts: bool = True, in_store: bool = True) -> None:
        self.iris = IriMinter(base_iri)
        #: None when the statements are not kept in a store at all (``in_store=False``: a persistent
        #: build keeps each document's rendered graph in its registry, see kg.rdf.persist)
        self.dataset: Dataset | None = (dataset if dataset is not None else new_dataset()) if in_store else None
        self.model = model
        self.entities: dict[URIRef, EntityRecord] = {}
        self.relations: set[tuple[URIRef, str]] = set()
        self.activity = self.iris.activity("geokg", __version__, model.name, model.version)
        self.grapher = DocumentGrapher(base_iri, str(self.activity))
        self.documents = 0
        self.events = 0
        #: every report's summary facts, in document order, unless :meth:`finish` is given them
        self._facts: list[tuple[str, list[EventFacts]]] | None = [] if keep_facts else None
        self._terms: set[str] = set()  # vocabulary terms the documents' graphs use (with _facts)
        #: events more than one document reports (known after :meth:`finish`)
        self.reported_often: set[str] = set()

    # -- per document -------------------------------------------------------------------

    def add(self, result: DocResult, graph: DocumentGraph | None = None) -> DocumentGraph:
        """Add one document's entities and events to the dataset; return its named graph.

        ``graph`` is the document's graph when a worker process already rendered it
        (:class:`kg.rdf.document.DocumentGrapher`); otherwise it is rendered here.
        """
        if graph is None:
            graph = self.grapher(result)
        for entity in result.entities:
            self._entity(entity)
        self.relations.update((URIRef(rel), label) for rel, label in graph.relations)
        # N-Quads parsed by Oxigraph: a Python object per term cost more than the store write
        self._insert(graph.nquads)
        if self._facts is not None:
            self._facts.append((graph.graph, graph.events))
            self._terms.update(graph.terms)
        self.documents += 1
        self.events += len(result.events)
        return graph

    def _entity(self, entity: Entity) -> URIRef:
        iri = self.iris.entity(entity.type, entity_merge_key(entity))
        rec = self.entities.setdefault(iri, EntityRecord(entity.type))
        rec.labels.add(entity.label)
        rec.aliases.update(a for a in entity.aliases if a.strip())
        if entity.country:
            rec.countries.add(entity.country.upper())
        if entity.role:
            rec.roles.add(entity.role)
        if entity.sector:
            rec.sectors.add(entity.sector)
        if entity.geonames_id:
            rec.geonames.add(entity.geonames_id)
        if entity.wikidata:
            rec.wikidata.add(entity.wikidata)
        return iri

    # -- once, at the end ---------------------------------------------------------------

    def finish(self, facts: Iterable[tuple[str, list[EventFacts]]] | None = None,
               terms: Iterable[str] | None = None, turtle: BinaryIO | None = None,
               from_store: bool = False) -> Dataset | None:
        """Write entity descriptions, relation properties, event summaries and provenance; return the dataset.

        ``facts`` (every report's summary facts, by graph IRI) and ``terms`` (the vocabulary terms
        the documents' graphs use) are given when they are kept elsewhere, in the registry of a
        persistent build; by default, those of the documents added here. The shared graph is also
        written as Turtle to ``turtle`` when given (the exports copy it). ``from_store`` reads
        all of that from the statements in the store instead (a graph imported from a file, whose
        documents' facts are not recorded).
        """
        if from_store:
            self._drop_stored_summaries()
            facts, terms = self._store_facts(), self._store_terms()
        graph = nt.iri(str(self.iris.shared_graph()))
        writer = self.grapher.turtle
        concepts: set[str] = set()
        for event_rows in self._write_summaries(facts if facts is not None else (self._facts or []), concepts):
            if turtle is not None:
                turtle.write(writer.block(event_rows).encode("utf-8"))
        rows = [tuple(map(_nt, t)) for t in self._shared_triples(URIRef(c) for c in sorted(concepts))]
        used = set(terms if terms is not None else self._terms)
        used |= used_terms(rows) | {str(GK.reportCount), str(GK.confidence), str(RDFS.label)}  # summaries
        rows += [(str(t.subject), str(t.predicate), str(t.object)) for t in declarations(used)]
        self._insert(nt.nquads(rows, graph))
        if turtle is not None:
            turtle.write(writer.block(rows).encode("utf-8"))
        return self.dataset

    def _shared_triples(self, concepts: Iterable[URIRef]) -> Iterator[tuple[Node, Node, Node]]:
        yield from self._header_triples()
        yield from self._activity_triples()
        for rel, label in sorted(self.relations):
            yield rel, RDF.type, OWL.ObjectProperty
            yield rel, RDFS.subPropertyOf, GK.relatedTo
            yield rel, RDFS.label, Literal(label, lang="en")
        states = {iri: rec for iri, rec in self.entities.items() if rec.type == COUNTRY}
        for iri, rec in sorted(self.entities.items()):
            yield from self._entity_triples(iri, rec)
            for iso in sorted(rec.countries):
                state = self.iris.entity(COUNTRY, iso.lower())
                if state != iri:
                    yield iri, GK.country, state
                    if state not in states:
                        states[state] = EntityRecord(COUNTRY, {country_name(iso)}, countries={iso})
                        yield from self._entity_triples(state, states[state])
        for iri in concepts:
            yield iri, RDF.type, SKOS.Concept
            # skos:prefLabel, not rdfs:label: a concept ("opposition") is not a named entity, and
            # must not look like one to tools that match entities by rdfs:label.
            yield iri, SKOS.prefLabel, Literal(concept_label(str(iri)))

    def _write_summaries(self, facts: Iterable[tuple[str, list[EventFacts]]],
                         concepts: set[str]) -> Iterator[list[Statement]]:
        """Per event, what depends on all its reports: report count, best confidence, label.

        Writes them to the store, adds the concepts events use to ``concepts``, and yields each
        event's statements (so the caller can render them). An event only one document can report
        (see :func:`kg.rdf.identity.event_identity`) is summed up as its facts stream by; the others
        are gathered first (a small share of all events).
        """
        labels = {str(iri): rec.canonical_label() for iri, rec in self.entities.items()}
        relations = {str(rel): label for rel, label in self.relations}
        shared = nt.iri(str(self.iris.shared_graph()))
        concept = f"{self.iris.base}concept/"
        merged: dict[str, tuple[set[str], list[EventFacts]]] = {}
        batch: list[Statement] = []
        store = self.dataset is not None
        for graph, events in facts:
            for f in events:
                for arg in (f.subject, f.object):
                    if arg.startswith(concept):
                        concepts.add(arg)
                if f.mergeable:
                    docs, reports = merged.setdefault(f.event, (set(), []))
                    docs.add(graph)
                    reports.append(f)
                else:
                    rows = self._summary(f.event, 1, [f], labels, relations)
                    if store:
                        batch += rows
                    yield rows
            if len(batch) >= 30_000:
                self._insert(nt.nquads(batch, shared))
                batch = []
        for event, (docs, reports) in sorted(merged.items()):
            rows = self._summary(event, len(docs), reports, labels, relations)
            if store:
                batch += rows
            yield rows
            if len(docs) > 1:
                self.reported_often.add(event)
        self._insert(nt.nquads(batch, shared))

    def _insert(self, data: bytes) -> None:
        if self.dataset is not None:
            insert_nquads(self.dataset, data)

    def _summary(self, event: str, count: int, reports: list[EventFacts], labels: dict[str, str],
                 relations: dict[str, str]) -> list[Statement]:
        """One event's report count, confidence (its best report's) and label."""
        first = reports[0]
        rels = [r.relation for r in reports if r.relation]
        verb = relations.get(min(rels)) if rels else None
        texts = [r.object_text for r in reports if r.object_text]
        target = min(texts) if texts else self._summary_label(first.object, labels)
        parts = (self._summary_label(first.subject, labels), verb or min(r.predicate for r in reports), target)
        ev = nt.iri(event)
        return [(ev, _REPORT_COUNT, nt.integer(count)),
                (ev, _CONFIDENCE, nt.decimal(max(r.confidence for r in reports))),
                (ev, _LABEL, nt.string(" ".join(p for p in parts if p)))]

    def _store_facts(self) -> Iterator[tuple[str, list[EventFacts]]]:
        """Every report's summary facts read from the store (a graph imported from a file).

        Nothing recorded says which events other documents could report, so every event is
        gathered by :meth:`_write_summaries` as if it could.
        """
        store = oxigraph_store(self.dataset)
        for row in store.query(_REPORTS):
            g, e, c, p, s, o, rel, ot = (term.value if term is not None else "" for term in row)
            yield g, [EventFacts(e, True, float(c), p, s, o, rel, ot)]

    def _drop_stored_summaries(self) -> None:
        """Remove the event summaries an imported shared graph holds: they are recomputed over all reports."""
        shared, events = self.iris.shared_graph(), f"{self.iris.base}event/"
        oxigraph_store(self.dataset).update(
            f"DELETE {{ GRAPH <{shared}> {{ ?e ?p ?o }} }} "
            f"WHERE {{ GRAPH <{shared}> {{ ?e ?p ?o FILTER(STRSTARTS(STR(?e), \"{events}\")) }} }}")

    def _store_terms(self) -> set[str]:
        """The vocabulary terms the store's statements use (a graph imported from a file)."""
        store = oxigraph_store(self.dataset)
        return {sol["t"].value for sol in store.query(_USED_TERMS, use_default_graph_as_union=True)}

    @staticmethod
    def _summary_label(iri: str, labels: dict[str, str]) -> str:
        if not iri:
            return ""
        return labels.get(iri) or concept_label(iri)

    def _header_triples(self) -> Iterator[tuple[Node, Node, Node]]:
        """The dataset as an ontology that imports GeoKG's vocabulary (CONTRACT: self-describing)."""
        ds = self.iris.dataset()
        yield ds, RDF.type, OWL.Ontology
        yield ds, RDF.type, SCHEMA.Dataset
        yield ds, OWL.imports, URIRef(ONTOLOGY_IRI)
        yield ds, OWL.imports, URIRef(str(PLOVER))
        yield ds, DCTERMS.title, Literal("GeoKG knowledge graph", lang="en")
        yield ds, DCTERMS.description, Literal(
            "Actors and PLOVER-typed events extracted by GeoKG from news documents, with provenance. "
            "The declarations of the vocabulary terms used are copied from the imported ontologies.", lang="en")
        yield ds, PROV.wasGeneratedBy, self.activity

    def _entity_triples(self, iri: URIRef, rec: EntityRecord) -> Iterator[tuple[Node, Node, Node]]:
        label = rec.canonical_label()
        yield iri, RDF.type, ENTITY_CLASS[rec.type]
        yield iri, RDFS.label, Literal(label)
        for alias in sorted((rec.labels | rec.aliases) - {label}):
            yield iri, SKOS.altLabel, Literal(alias)
        if rec.type == COUNTRY:
            for iso in sorted(rec.countries):
                yield iri, GK.isoCode, Literal(iso)
        for role in sorted(rec.roles):
            yield iri, GK.role, Literal(role)
        for sector in sorted(rec.sectors):
            if re.fullmatch(r"[A-Z]{3}", sector):  # a code from a data file; never mint IRIs from junk
                yield iri, GK.sector, PLOVER[f"sector-{sector}"]
        for gid in sorted(rec.geonames):
            yield iri, GK.geonamesId, Literal(str(gid))
            yield iri, OWL.sameAs, GEONAMES[f"{gid}/"]
        for qid in sorted(rec.wikidata):
            if re.fullmatch(r"Q[1-9][0-9]*", qid):
                yield iri, OWL.sameAs, WD[qid]

    def _activity_triples(self) -> Iterator[tuple[Node, Node, Node]]:
        act = self.activity
        agent = self.iris.software("geokg", __version__)
        model = self.iris.software(self.model.name, self.model.version)
        yield act, RDF.type, GK.Extraction
        yield act, RDF.type, PROV.Activity
        yield act, RDFS.label, Literal(f"GeoKG {__version__} extraction with spaCy {self.model.name} "
                                       f"{self.model.version}")
        yield act, GK.softwareVersion, Literal(__version__)
        yield act, GK.spacyModel, Literal(self.model.name)
        yield act, GK.spacyModelVersion, Literal(self.model.version)
        yield act, PROV.wasAssociatedWith, agent
        yield act, PROV.used, model
        yield agent, RDF.type, PROV.SoftwareAgent
        yield agent, RDFS.label, Literal(f"GeoKG {__version__}")
        yield agent, GK.softwareVersion, Literal(__version__)
        yield model, RDF.type, PROV.Entity
        yield model, RDFS.label, Literal(f"spaCy pipeline {self.model.name} {self.model.version}")


#: One row per report in the store: its document graph, event, confidence and what the event's
#: label is made of (a graph imported from a file, whose reports' facts are not recorded).
_REPORTS = """
PREFIX gk: <https://w3id.org/geokg/ontology#>
SELECT ?g ?e ?c ?p ?s ?o ?rel ?ot WHERE {
  GRAPH ?g { ?e a gk:Event ; gk:predicate ?p ; gk:evidence ?v . ?v gk:confidence ?c .
             OPTIONAL { ?e gk:subject ?s } OPTIONAL { ?e gk:object ?o } OPTIONAL { ?e gk:relation ?rel }
             OPTIONAL { ?e gk:objectText ?ot } }
}"""

#: Every property, and every vocabulary term in object position (classes, PLOVER codes), the
#: dataset uses: what needs a declaration (the same terms as :func:`kg.rdf.document.used_terms`).
_USED_TERMS = f"""
SELECT DISTINCT ?t WHERE {{
  {{ ?s ?t ?o }} UNION {{ ?s {"|".join(sorted(TERM_OBJECTS))} ?t }}
}}"""


def concept_label(iri: str) -> str:
    """The label of a concept from its IRI (``…/concept/provision-of-troops`` → "provision of troops")."""
    return iri.rsplit("/", 1)[1].replace("-", " ")


