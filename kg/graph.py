"""Graph stage: :class:`DocResult` records → one RDF dataset (rdflib API over Oxigraph).

Each document's statements (its events, evidence, mentions and direct relation triples) go to a
named graph of their own; entity descriptions, relation properties and the extraction activity go
to a shared graph. ``graph.ttl`` is the union of all of them.

Entities are merged across documents on strong keys: ISO 3166 code for states, otherwise type +
normalised name. Entity descriptions are written once, at :meth:`GraphBuilder.finish`, from what
every document said about them, so the result does not depend on document order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pycountry
from rdflib import RDF, RDFS, XSD, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS
from rdflib.term import Node

from kg import __version__
from kg.dateparse import iso_date
from kg.iris import IriMinter, fold
from kg.model import COUNTRY, DocResult, Entity, Event
from kg.nlp import ModelInfo
from kg.relations import relation_label, relation_local_name
from kg.resolve import entity_merge_key, event_identity
from kg.resources import plover_quad_classes
from kg.vocab import ENTITY_CLASS, GK, OA, PLOVER, PREFIXES, PROV, REL

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


def new_dataset() -> Dataset:
    """An empty rdflib ``Dataset`` on the Oxigraph engine, with GeoKG's prefixes bound."""
    ds = Dataset(store="Oxigraph")
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
        for ent_iri in sorted(set(iri_of.values())):
            quads.append((ent_iri, GK.mentionedIn, doc_iri, None))
        for event in result.events:
            quads.extend(self._event_quads(event, result, doc_iri, iri_of))
        self.dataset.addN((s, p, o, self.dataset.graph(g)) for s, p, o, _ in quads)
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
                     iri_of: dict[str, URIRef]) -> Iterator[Quad]:
        doc = result.document
        subj = iri_of.get(event.subject) or self._concept(event.subject_text)
        obj = iri_of.get(event.object) or self._concept(event.object_text)
        ev = self.iris.event(*event_identity(doc.id, event.sentence, event.start, event.end, event.predicate,
                                             str(subj), str(obj), event.negated))
        yield ev, RDF.type, GK.Event, None
        yield ev, PROV.wasDerivedFrom, doc_iri, None
        yield ev, PROV.wasGeneratedBy, self.activity, None
        yield ev, GK.predicate, Literal(event.predicate), None
        yield ev, GK.sentenceIndex, Literal(event.sentence, datatype=XSD.nonNegativeInteger), None
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
        yield from self._evidence_quads(ev, event, doc_iri, doc.id)
        if subj is not None and obj is not None:
            rel = self._relation(event)
            yield ev, GK.relation, rel, None
            yield subj, rel, obj, None
        label = " ".join(x for x in (self._label_of(event.subject, event.subject_text, result),
                                     relation_label(event.predicate, event.negated, event.hypothetical),
                                     self._label_of(event.object, event.object_text, result)) if x)
        yield ev, RDFS.label, Literal(label), None

    def _typing_quads(self, ev: URIRef, event: Event) -> Iterator[Quad]:
        if not event.event_type:
            return
        yield ev, GK.eventType, PLOVER[event.event_type], None
        quad = plover_quad_classes().get(event.event_type)
        if quad:
            yield ev, GK.quadClass, PLOVER[f"quad{quad[0]}"], None
        if event.mode:
            yield ev, GK.mode, PLOVER[f"mode-{fold(event.mode).replace(' ', '-')}"], None
        if event.context:
            yield ev, GK.context, PLOVER[f"context-{fold(event.context).replace(' ', '-')}"], None

    def _evidence_quads(self, ev: URIRef, event: Event, doc_iri: URIRef, doc_id: str) -> Iterator[Quad]:
        evd = self.iris.evidence(doc_id, event.start, event.end)
        yield ev, GK.evidence, evd, None
        yield evd, RDF.type, GK.Evidence, None
        yield evd, GK.inDocument, doc_iri, None
        yield evd, OA.exact, Literal(event.quote), None
        yield evd, OA.start, Literal(event.start, datatype=XSD.nonNegativeInteger), None
        yield evd, OA.end, Literal(event.end, datatype=XSD.nonNegativeInteger), None

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
        return self.dataset

    def _shared_triples(self) -> Iterator[tuple[Node, Node, Node]]:
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
            yield iri, GK.sector, PLOVER[f"sector-{sector}"]
        for gid in sorted(rec.geonames):
            yield iri, GK.geonamesId, Literal(str(gid))
            yield iri, OWL.sameAs, URIRef(f"https://sws.geonames.org/{gid}/")
        for qid in sorted(rec.wikidata):
            yield iri, OWL.sameAs, URIRef(f"http://www.wikidata.org/entity/{qid}")

    def _concept_triples(self) -> Iterator[tuple[Node, Node, Node]]:
        concepts = {o for _, _, o in self.dataset.triples((None, GK.object, None))
                    if str(o).startswith(f"{self.iris.base}concept/")}
        concepts |= {s for _, _, s in self.dataset.triples((None, GK.subject, None))
                     if str(s).startswith(f"{self.iris.base}concept/")}
        for iri in sorted(concepts):
            yield iri, RDF.type, SKOS.Concept
            yield iri, RDFS.label, Literal(str(iri).rsplit("/", 1)[1].replace("-", " "))

    def _activity_triples(self) -> Iterator[tuple[Node, Node, Node]]:
        act = self.activity
        yield act, RDF.type, GK.Extraction
        yield act, RDF.type, PROV.Activity
        yield act, RDFS.label, Literal(f"GeoKG {__version__} extraction with spaCy {self.model.name} "
                                       f"{self.model.version}")
        yield act, GK.softwareVersion, Literal(__version__)
        yield act, GK.spacyModel, Literal(self.model.name)
        yield act, GK.spacyModelVersion, Literal(self.model.version)


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


def build_dataset(results: Iterable[DocResult], base_iri: str, model: ModelInfo) -> Dataset:
    """Convenience: build and finish a dataset from a stream of document results."""
    builder = GraphBuilder(base_iri, model)
    for result in results:
        builder.add(result)
    return builder.finish()

