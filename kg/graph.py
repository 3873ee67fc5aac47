"""Graph stage: :class:`DocResult` records → one RDF dataset (rdflib API over Oxigraph).

Each document's statements (its events, evidence, mentions and direct relation triples) go to a
named graph of their own; entity descriptions, relation properties and the extraction activity go
to a shared graph. ``graph.ttl`` is the union of all of them.

Entities are merged across documents on strong keys: ISO 3166 code for states, otherwise type +
normalised name. Entity descriptions are written once, at :meth:`GraphBuilder.finish`, from what
every document said about them, so the result does not depend on document order.

Events are merged too: every report of the same event (:func:`kg.resolve.event_identity`: same
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
from kg.oxquads import flush_quads, insert_quads
from kg.relations import relation_label, relation_local_name
from kg.resolve import entity_merge_key, event_identity
from kg.resources import plover_quad_classes
from kg.vocab import ENTITY_CLASS, GEONAMES, GK, OA, ONTOLOGY_IRI, PLOVER, PREFIXES, PROV, REL, SCHEMA, WD

Quad = tuple[Node, Node, Node, Node]
OxTriple = tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]

#: Distinct IRIs a builder keeps converted (entities, concepts, relations recur; events do not).
_NODE_CACHE = 200_000


class _Terms:
    """pyoxigraph nodes of a namespace's terms, built once (``_GK.subject``)."""

    def __init__(self, namespace: str, *names: str) -> None:
        for name in names:
            setattr(self, name, ox.NamedNode(f"{namespace}{name}"))


_GK = _Terms(str(GK), "Document", "Event", "Evidence", "contentHash", "text", "mentionedIn", "predicate",
             "negated", "hypothetical", "subject", "object", "objectText", "eventType", "quadClass", "mode",
             "context", "attributedTo", "location", "eventDate", "evidence", "relation", "sentenceIndex",
             "confidence")
_P = _Terms(str(PROV), "used", "wasDerivedFrom", "wasGeneratedBy")
_OA = _Terms(str(OA), "hasSource", "hasSelector", "exact", "start", "end", "TextPositionSelector",
             "TextQuoteSelector")
_DC = _Terms(str(DCTERMS), "identifier", "title", "date", "source")
_TYPE = ox.NamedNode(str(RDF.type))
_XSD_ANYURI, _XSD_DECIMAL, _XSD_INTEGER = (ox.NamedNode(str(XSD[t])) for t in ("anyURI", "decimal", "integer"))
_XSD_DATE, _XSD_GYEARMONTH, _XSD_GYEAR = (ox.NamedNode(str(XSD[t])) for t in ("date", "gYearMonth", "gYear"))
_TRUE, _FALSE = (ox.Literal(v, datatype=ox.NamedNode(str(XSD.boolean))) for v in ("true", "false"))


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_XSD_INTEGER)


def _decimal(value: float) -> ox.Literal:
    return ox.Literal(f"{value:.2f}", datatype=_XSD_DECIMAL)


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
        self._nodes: dict[str, ox.NamedNode] = {}

    # -- per document -------------------------------------------------------------------

    def add(self, result: DocResult) -> None:
        """Add one document's entities and events to the dataset."""
        doc = result.document
        node = self._node
        g = node(self.iris.graph(doc.id))
        doc_iri = node(self.iris.document(doc.id))
        nodes = {e.key: node(self._entity(e)) for e in result.entities}
        triples = list(self._document_triples(doc, doc_iri))
        triples.append((node(self.activity), _P.used, doc_iri))
        for ent in sorted(set(nodes.values()), key=lambda n: n.value):
            triples.append((ent, _GK.mentionedIn, doc_iri))
        seen: set[str] = set()
        for event in result.events:
            triples.extend(self._event_triples(event, doc, doc_iri, nodes, seen))
        # pyoxigraph terms straight into a bulk insert: rdflib terms and addN were the build's bottleneck
        insert_quads(self.dataset, [ox.Quad(s, p, o, g) for s, p, o in triples])
        self.documents += 1
        self.events += len(result.events)

    def _node(self, iri: str) -> ox.NamedNode:
        """The pyoxigraph node of an IRI; entity, document and concept IRIs recur, so they are cached."""
        cached = self._nodes.get(iri)
        if cached is None:
            if len(self._nodes) >= _NODE_CACHE:
                self._nodes.clear()  # a crude bound: most hits are on a few thousand IRIs
            cached = self._nodes[iri] = ox.NamedNode(iri)
        return cached

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

    @staticmethod
    def _document_triples(doc: Document, doc_iri: ox.NamedNode) -> Iterator[OxTriple]:
        yield doc_iri, _TYPE, _GK.Document
        yield doc_iri, _DC.identifier, ox.Literal(doc.id)
        if doc.title:
            yield doc_iri, _DC.title, ox.Literal(doc.title)
        date = date_term(doc.date)
        if date is not None:
            yield doc_iri, _DC.date, date
        if doc.source:
            yield doc_iri, _DC.source, ox.Literal(doc.source)
        if doc.url:
            yield doc_iri, _DC.source, ox.Literal(doc.url, datatype=_XSD_ANYURI)
        yield doc_iri, _GK.contentHash, ox.Literal(doc.content_hash)
        yield doc_iri, _GK.text, ox.Literal(doc.text)

    def _event_triples(self, event: Event, doc: Document, doc_iri: ox.NamedNode, nodes: dict[str, ox.NamedNode],
                       seen: set[str]) -> Iterator[OxTriple]:
        """The event node (shared by every report of the same event) and this report's evidence node.

        What all reports agree on by construction (actors, kind, polarity, day) and what each adds
        (its document, predicate lemma, source, place) go on the event; what belongs to one report
        alone (sentence, confidence, quote, offsets) goes on its evidence. The event's label,
        confidence and report count depend on every report and are written by :meth:`finish`.
        """
        subj_entity = nodes.get(event.subject)
        subj = subj_entity or self._concept_node(event.subject_text)
        obj = nodes.get(event.object) or self._concept_node(event.object_text)
        quad = plover_quad_classes().get(event.event_type)
        key = event_identity(doc, event, subj.value if subj else "", obj.value if obj else "",
                             subj_entity is not None, bool(quad))
        ev = ox.NamedNode(str(self.iris.event(*key)))
        start, end, exact = evidence_span(doc.text, event)
        evd = str(self.iris.evidence(doc.id, start, end, ev.value))
        if evd in seen:
            return  # the same report extracted twice (e.g. two mentions of one actor): keep the first
        seen.add(evd)
        yield ev, _TYPE, _GK.Event
        yield ev, _P.wasDerivedFrom, doc_iri
        yield ev, _P.wasGeneratedBy, self._node(self.activity)
        predicate = ox.Literal(event.predicate)
        yield ev, _GK.predicate, predicate
        yield ev, _GK.negated, _TRUE if event.negated else _FALSE
        yield ev, _GK.hypothetical, _TRUE if event.hypothetical else _FALSE
        if subj is not None:
            yield ev, _GK.subject, subj
        if obj is not None:
            yield ev, _GK.object, obj
        if event.object_text and event.object not in nodes:
            yield ev, _GK.objectText, ox.Literal(event.object_text)
        if quad:
            yield from self._typing_triples(ev, event, quad[0])
        source = nodes.get(event.attributed_to) if event.attributed_to else None
        if source is not None:
            yield ev, _GK.attributedTo, source
        if event.location in nodes:
            yield ev, _GK.location, nodes[event.location]
        date = date_term(event.date)
        if date is not None:
            yield ev, _GK.eventDate, date
        yield from self._evidence_triples(ev, ox.NamedNode(evd), event, doc_iri, (start, end, exact), source)
        if subj is not None and obj is not None:
            rel = self._node(str(self._relation(event)))
            yield ev, _GK.relation, rel
            yield subj, rel, obj

    @staticmethod
    def _typing_triples(ev: ox.NamedNode, event: Event, quad: int) -> Iterator[OxTriple]:
        yield ev, _GK.eventType, ox.NamedNode(f"{PLOVER}{event.event_type}")
        yield ev, _GK.quadClass, ox.NamedNode(f"{PLOVER}quad{quad}")
        if event.mode:
            yield ev, _GK.mode, ox.NamedNode(f"{PLOVER}mode-{code_slug(event.mode)}")
        if event.context:
            yield ev, _GK.context, ox.NamedNode(f"{PLOVER}context-{code_slug(event.context)}")

    @staticmethod
    def _evidence_triples(ev: ox.NamedNode, evd: ox.NamedNode, event: Event, doc_iri: ox.NamedNode,
                          span: tuple[int, int, str], source: ox.NamedNode | None) -> Iterator[OxTriple]:
        start, end, exact = span
        pos, quote = ox.NamedNode(f"{evd.value}/position"), ox.NamedNode(f"{evd.value}/quote")
        # xsd:integer, not nonNegativeInteger: Oxigraph stores every integer type as xsd:integer.
        start_l, end_l, exact_l = _integer(start), _integer(end), ox.Literal(exact)
        yield ev, _GK.evidence, evd
        yield evd, _TYPE, _GK.Evidence
        yield evd, _OA.hasSource, doc_iri
        # this report's own reading: where, how sure, which verb, according to whom
        yield evd, _GK.sentenceIndex, _integer(event.sentence)
        yield evd, _GK.confidence, _decimal(event.confidence)
        yield evd, _GK.predicate, ox.Literal(event.predicate)
        if source is not None:
            yield evd, _GK.attributedTo, source
        yield evd, _OA.hasSelector, pos
        yield evd, _OA.hasSelector, quote
        # The same quote and offsets directly on the evidence node, for one-hop SPARQL.
        yield evd, _OA.exact, exact_l
        yield evd, _OA.start, start_l
        yield evd, _OA.end, end_l
        yield pos, _TYPE, _OA.TextPositionSelector
        yield pos, _OA.start, start_l
        yield pos, _OA.end, end_l
        yield quote, _TYPE, _OA.TextQuoteSelector
        yield quote, _OA.exact, exact_l

    def _concept_node(self, lemma: str) -> ox.NamedNode | None:
        iri = self._concept(lemma)
        return None if iri is None else self._node(str(iri))

    def _concept(self, lemma: str) -> URIRef | None:
        if not lemma.strip():
            return None
        return self.iris.concept(lemma)

    def _relation(self, event: Event) -> URIRef:
        local = relation_local_name(event.predicate, event.negated, event.hypothetical)
        self.relations.add((REL[local], relation_label(event.predicate, event.negated, event.hypothetical)))
        return REL[local]

    # -- once, at the end ---------------------------------------------------------------

    def finish(self) -> Dataset:
        """Write entity descriptions, relation properties and provenance; return the dataset."""
        shared = self.dataset.graph(self.iris.shared_graph())
        shared.addN((s, p, o, shared) for s, p, o in self._shared_triples())
        flush_quads(self.dataset)
        self._write_event_summaries()
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

    def _write_event_summaries(self) -> None:
        """Per event, what depends on all its reports: report count, best confidence, label."""
        store = oxigraph_store(self.dataset)
        shared = self._node(str(self.iris.shared_graph()))
        labels = {str(iri): rec.canonical_label() for iri, rec in self.entities.items()}
        relations = {str(rel): label for rel, label in self.relations}
        label_pred, count_pred = ox.NamedNode(str(RDFS.label)), ox.NamedNode(str(GK.reportCount))
        batch: list[ox.Quad] = []
        # GROUP BY consumes every report before the first row comes out, so writing while reading is safe
        for row in store.query(_EVENT_SUMMARIES):
            ev = row["e"]
            verb = relations.get(row["relation"].value) if row["relation"] else None
            target = row["object_text"].value if row["object_text"] else self._summary_label(row["object"], labels)
            parts = (self._summary_label(row["subject"], labels), verb or row["predicate"].value, target)
            label = " ".join(p for p in parts if p)
            batch += [ox.Quad(ev, count_pred, row["reports"], shared),
                      ox.Quad(ev, _GK.confidence, row["confidence"], shared),
                      ox.Quad(ev, label_pred, ox.Literal(label), shared)]
            if len(batch) >= 30_000:
                insert_quads(self.dataset, batch)
                batch = []
        insert_quads(self.dataset, batch)
        flush_quads(self.dataset)

    @staticmethod
    def _summary_label(node: ox.NamedNode | None, labels: dict[str, str]) -> str:
        if node is None:
            return ""
        return labels.get(node.value) or concept_label(node.value)

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
            yield iri, SKOS.prefLabel, Literal(concept_label(str(iri)))

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


#: What depends on every report of an event, read once all are in: how many documents report it,
#: the highest confidence of a report, and the parts of its label (canonical actor names, the label
#: of its alphabetically first relation, or its predicate lemma when it has none).
_EVENT_SUMMARIES = """
PREFIX gk: <https://w3id.org/geokg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?e (COUNT(DISTINCT ?d) AS ?reports) (MAX(?c) AS ?confidence) (SAMPLE(?s) AS ?subject)
       (SAMPLE(?o) AS ?object) (MIN(STR(?rel)) AS ?relation) (MIN(?p) AS ?predicate) (MIN(?ot) AS ?object_text)
WHERE {
  GRAPH ?g { ?e a gk:Event ; prov:wasDerivedFrom ?d ; gk:predicate ?p ; gk:evidence ?v . ?v gk:confidence ?c .
             OPTIONAL { ?e gk:subject ?s } OPTIONAL { ?e gk:object ?o } OPTIONAL { ?e gk:relation ?rel }
             OPTIONAL { ?e gk:objectText ?ot } }
} GROUP BY ?e"""

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


def concept_label(iri: str) -> str:
    """The label of a concept from its IRI (``…/concept/provision-of-troops`` → "provision of troops")."""
    return iri.rsplit("/", 1)[1].replace("-", " ")


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.DefaultGraph) -> Node:
    """An rdflib term from a pyoxigraph term (named nodes and literals: all ontologies hold)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unexpected term in an ontology declaration: {term!r}")


def date_term(value: str) -> ox.Literal | None:
    """A typed literal for a full or partial ISO date (``xsd:date``, ``gYearMonth``, ``gYear``).

    Anything else gives ``None``: an ill-typed date literal makes Jena's riot warn.
    """
    if value and iso_date(value) == value:
        return ox.Literal(value, datatype=_XSD_DATE)
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
        return ox.Literal(value, datatype=_XSD_GYEARMONTH)
    if re.fullmatch(r"\d{4}", value):
        return ox.Literal(value, datatype=_XSD_GYEAR)
    return None
