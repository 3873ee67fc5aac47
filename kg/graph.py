"""Graph stage: :class:`DocResult` records → one RDF dataset (rdflib API over Oxigraph).

Each document's statements (its events, evidence, mentions and direct relation triples) go to a
named graph of their own; entity descriptions, relation properties and the extraction activity go
to a shared graph. ``graph.ttl`` is the union of all of them.

Entities are merged across documents on strong keys: ISO 3166 code for states, otherwise type +
normalised name. Entity descriptions are written once, at :meth:`GraphBuilder.finish`, from what
every document said about them, so the result does not depend on document order.

Provenance: every event is ``prov:wasDerivedFrom`` its document and ``prov:wasGeneratedBy`` one
extraction activity whose IRI and facts depend only on the GeoKG version and the spaCy model. Its
evidence is a Web Annotation ``oa:SpecificResource`` of the document with a position and a quote
selector; offsets count code points of the document's ``gk:text``, kept in the graph.

Self-description: the shared graph holds a header that ``owl:imports`` the ontology, plus copies of
the declarations (type, label, super-class/property, SKOS notation) of every term the graph uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pycountry
import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import RDF, RDFS, XSD, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS
from rdflib.term import Node

from kg import __version__
from kg.dateparse import iso_date
from kg.export import oxigraph_store
from kg.iris import IriMinter, code_slug
from kg.model import COUNTRY, DocResult, Document, Entity, Event
from kg.nlp import ModelInfo
from kg.ontology import declarations
from kg.oxquads import add_quads
from kg.relations import relation_label, relation_local_name
from kg.resolve import entity_merge_key, event_identity
from kg.resources import plover_quad_classes
from kg.vocab import ENTITY_CLASS, GEONAMES, GK, OA, ONTOLOGY_IRI, PLOVER, PREFIXES, PROV, REL, SCHEMA, WD

Quad = tuple[Node, Node, Node, Node]


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

    def __init__(self, base_iri: str, model: ModelInfo, dataset: Dataset | None = None) -> None:
        self.iris = IriMinter(base_iri)
        self.dataset = dataset if dataset is not None else new_dataset()
        self.model = model
        self.entities: dict[URIRef, EntityRecord] = {}
        self.relations: set[tuple[URIRef, str]] = set()
        self.activity = self.iris.activity("geokg", __version__, model.name, model.version)
        self.documents = 0
        self.events = 0

    # -- per document -------------------------------------------------------------------

    def add(self, result: DocResult) -> None:
        """Add one document's entities and events to the dataset."""
        doc = result.document
        g = self.iris.graph(doc.id)
        doc_iri = self.iris.document(doc.id)
        iri_of = {e.key: self._entity(e) for e in result.entities}
        quads = list(self._document_quads(result, doc_iri))
        quads.append((self.activity, PROV.used, doc_iri, None))
        for ent_iri in sorted(set(iri_of.values())):
            quads.append((ent_iri, GK.mentionedIn, doc_iri, None))
        seen: set[URIRef] = set()
        for event in result.events:
            quads.extend(self._event_quads(event, result, doc_iri, iri_of, seen))
        add_quads(self.dataset, g, quads)  # bulk pyoxigraph insert: rdflib's addN was the build's bottleneck
        self.documents += 1
        self.events += len(result.events)

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

    def _document_quads(self, result: DocResult, doc_iri: URIRef) -> Iterator[Quad]:
        doc = result.document
        yield doc_iri, RDF.type, GK.Document, None
        yield doc_iri, DCTERMS.identifier, Literal(doc.id), None
        if doc.title:
            yield doc_iri, DCTERMS.title, Literal(doc.title), None
        date = date_literal(doc.date)
        if date is not None:
            yield doc_iri, DCTERMS.date, date, None
        if doc.source:
            yield doc_iri, DCTERMS.source, Literal(doc.source), None
        if doc.url:
            yield doc_iri, DCTERMS.source, Literal(doc.url, datatype=XSD.anyURI), None
        yield doc_iri, GK.contentHash, Literal(doc.content_hash), None
        yield doc_iri, GK.text, Literal(doc.text), None

    def _event_quads(self, event: Event, result: DocResult, doc_iri: URIRef,
                     iri_of: dict[str, URIRef], seen: set[URIRef]) -> Iterator[Quad]:
        doc = result.document
        subj = iri_of.get(event.subject) or self._concept(event.subject_text)
        obj = iri_of.get(event.object) or self._concept(event.object_text)
        ev = self.iris.event(*event_identity(doc.id, event.sentence, event.start, event.end, event.predicate,
                                             str(subj), str(obj), event.negated, event.hypothetical,
                                             event.event_type))
        if ev in seen:
            return  # the same proposition extracted twice (e.g. two mentions of one actor): keep the first
        seen.add(ev)
        yield ev, RDF.type, GK.Event, None
        yield ev, PROV.wasDerivedFrom, doc_iri, None
        yield ev, PROV.wasGeneratedBy, self.activity, None
        yield ev, GK.predicate, Literal(event.predicate), None
        yield ev, GK.sentenceIndex, Literal(event.sentence), None
        yield ev, GK.negated, Literal(event.negated), None
        yield ev, GK.hypothetical, Literal(event.hypothetical), None
        yield ev, GK.confidence, Literal(f"{event.confidence:.2f}", datatype=XSD.decimal), None
        if subj is not None:
            yield ev, GK.subject, subj, None
        if obj is not None:
            yield ev, GK.object, obj, None
        if event.object_text and event.object not in iri_of:
            yield ev, GK.objectText, Literal(event.object_text), None
        yield from self._typing_quads(ev, event)
        if event.attributed_to in iri_of:
            yield ev, GK.attributedTo, iri_of[event.attributed_to], None
        if event.location in iri_of:
            yield ev, GK.location, iri_of[event.location], None
        date = date_literal(event.date)
        if date is not None:
            yield ev, GK.eventDate, date, None
        yield from self._evidence_quads(ev, event, doc_iri, doc)
        if subj is not None and obj is not None:
            rel = self._relation(event)
            yield ev, GK.relation, rel, None
            yield subj, rel, obj, None
        label = " ".join(x for x in (self._label_of(event.subject, event.subject_text, result),
                                     relation_label(event.predicate, event.negated, event.hypothetical),
                                     self._label_of(event.object, event.object_text, result)) if x)
        yield ev, RDFS.label, Literal(label), None

    def _typing_quads(self, ev: URIRef, event: Event) -> Iterator[Quad]:
        quad = plover_quad_classes().get(event.event_type)
        if not quad:  # no type, or one PLOVER lacks ("OTHER"): the contract's empty event_type
            return
        yield ev, GK.eventType, PLOVER[event.event_type], None
        yield ev, GK.quadClass, PLOVER[f"quad{quad[0]}"], None
        if event.mode:
            yield ev, GK.mode, PLOVER[f"mode-{code_slug(event.mode)}"], None
        if event.context:
            yield ev, GK.context, PLOVER[f"context-{code_slug(event.context)}"], None

    def _evidence_quads(self, ev: URIRef, event: Event, doc_iri: URIRef, doc: Document) -> Iterator[Quad]:
        start, end, exact = evidence_span(doc.text, event)
        evd = self.iris.evidence(doc.id, start, end)
        pos, quote = URIRef(f"{evd}/position"), URIRef(f"{evd}/quote")
        # xsd:integer, not nonNegativeInteger: Oxigraph stores every integer type as xsd:integer.
        start_l, end_l = Literal(start), Literal(end)
        yield ev, GK.evidence, evd, None
        yield evd, RDF.type, GK.Evidence, None
        yield evd, OA.hasSource, doc_iri, None
        yield evd, OA.hasSelector, pos, None
        yield evd, OA.hasSelector, quote, None
        # The same quote and offsets directly on the evidence node, for one-hop SPARQL.
        yield evd, OA.exact, Literal(exact), None
        yield evd, OA.start, start_l, None
        yield evd, OA.end, end_l, None
        yield pos, RDF.type, OA.TextPositionSelector, None
        yield pos, OA.start, start_l, None
        yield pos, OA.end, end_l, None
        yield quote, RDF.type, OA.TextQuoteSelector, None
        yield quote, OA.exact, Literal(exact), None

    def _concept(self, lemma: str) -> URIRef | None:
        if not lemma.strip():
            return None
        return self.iris.concept(lemma)

    @staticmethod
    def _label_of(key: str, text: str, result: DocResult) -> str:
        ent = result.entity(key) if key else None
        return ent.label if ent else text

    def _relation(self, event: Event) -> URIRef:
        local = relation_local_name(event.predicate, event.negated, event.hypothetical)
        self.relations.add((REL[local], relation_label(event.predicate, event.negated, event.hypothetical)))
        return REL[local]

    # -- once, at the end ---------------------------------------------------------------

    def finish(self) -> Dataset:
        """Write entity descriptions, relation properties and provenance; return the dataset."""
        shared = self.dataset.graph(self.iris.shared_graph())
        shared.addN((s, p, o, shared) for s, p, o in self._shared_triples())
        shared.addN(self._declaration_quads(shared))
        return self.dataset

    def _shared_triples(self) -> Iterator[tuple[Node, Node, Node]]:
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
        yield from self._concept_triples()

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

    def _declaration_quads(self, graph: Node) -> list[Quad]:
        """Copies of the ontology declarations of every class, property and concept in the dataset."""
        store = oxigraph_store(self.dataset)
        used = {sol["t"].value for sol in store.query(_USED_TERMS, use_default_graph_as_union=True)}
        return [(to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object), graph)
                for t in declarations(used)]

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

    def _concept_triples(self) -> Iterator[tuple[Node, Node, Node]]:
        # Read the store directly: rdflib's Dataset.triples() sees only the default graph.
        store = oxigraph_store(self.dataset)
        prefix = f"{self.iris.base}concept/"
        concepts = {URIRef(q.object.value) for pred in (GK.subject, GK.object)
                    for q in store.quads_for_pattern(None, ox.NamedNode(pred), None, None)
                    if isinstance(q.object, ox.NamedNode) and q.object.value.startswith(prefix)}
        for iri in sorted(concepts):
            yield iri, RDF.type, SKOS.Concept
            # skos:prefLabel, not rdfs:label: a concept ("opposition") is not a named entity, and
            # must not look like one to tools that match entities by rdfs:label.
            yield iri, SKOS.prefLabel, Literal(str(iri).rsplit("/", 1)[1].replace("-", " "))

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


#: Every class, property and vocabulary concept the dataset uses (what needs a declaration).
_USED_TERMS = """
SELECT DISTINCT ?t WHERE {
  { ?s ?t ?o } UNION { ?s a ?t }
  UNION { ?s <https://w3id.org/geokg/ontology#eventType>|<https://w3id.org/geokg/ontology#mode>
            |<https://w3id.org/geokg/ontology#context>|<https://w3id.org/geokg/ontology#quadClass>
            |<https://w3id.org/geokg/ontology#sector> ?t }
}"""


def evidence_span(text: str, event: Event) -> tuple[int, int, str]:
    """Offsets and text of an event's evidence such that ``text[start:end] == exact`` always holds.

    The extractor's offsets are used when they match its quote; otherwise the quote is searched
    near them (then anywhere); failing that, the text at the clamped offsets is the evidence.
    """
    start, end, quote = event.start, event.end, event.quote
    if 0 <= start <= end <= len(text) and text[start:end] == quote:
        return start, end, quote
    if quote:
        found = text.find(quote, max(0, start - len(quote)))
        found = found if found >= 0 else text.find(quote)
        if found >= 0:
            return found, found + len(quote), quote
    start = min(max(start, 0), len(text))
    end = min(max(end, start), len(text))
    return start, end, text[start:end]


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.DefaultGraph) -> Node:
    """An rdflib term from a pyoxigraph term (named nodes and literals: all ontologies hold)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unexpected term in an ontology declaration: {term!r}")


def date_literal(value: str) -> Literal | None:
    """A typed literal for a full or partial ISO date (``xsd:date``, ``gYearMonth``, ``gYear``).

    Anything else gives ``None``: an ill-typed date literal makes Jena's riot warn.
    """
    if value and iso_date(value) == value:
        return Literal(value, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
        return Literal(value, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", value):
        return Literal(value, datatype=XSD.gYear)
    return None
