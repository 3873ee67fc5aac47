"""Graph stage, per document: one :class:`DocResult` → the statements of its named graph.

A pure function of the document (and the base IRI and extraction activity): it runs where the
extraction ran — in the worker process with ``--processes N`` or on a Dask worker — so the
merging process only writes finished bytes to the store.

What goes in a document's graph: the document (text, hash, title, date), the entities it
mentions, its events and one evidence node per report (a Web Annotation ``oa:SpecificResource``
with a position and a quote selector; offsets count code points of ``gk:text``), and the direct
relation triple of every event between two arguments. See :mod:`kg.rdf.merge` for the shared graph.

Event nodes are shared by every report of the same event (:func:`kg.rdf.identity.event_identity`), so
their statements, like relation triples, can occur in several documents' graphs. They are kept
apart (:attr:`DocumentGraph.shareable`) so that ``graph.ttl``, the union, writes each once.
"""

from __future__ import annotations

import re

from rdflib import RDF, XSD
from rdflib.namespace import DCTERMS

from kg.isodate import iso_date
from kg.model import DocResult, Document, DocumentGraph, Event, EventFacts
from kg.rdf import terms as nt
from kg.rdf.identity import entity_merge_key, event_identity
from kg.rdf.iris import IriMinter, code_slug
from kg.rdf.relations import relation_label, relation_local_name
from kg.rdf.serialize import prefixes
from kg.rdf.terms import Statement, TurtleWriter
from kg.rdf.vocab import GK, OA, PLOVER, PROV, REL
from kg.resources import plover_quad_classes


class _Terms:
    """N-Triples forms of a namespace's terms, built once (``_GK.subject`` → ``<…#subject>``)."""

    def __init__(self, namespace: str, *names: str) -> None:
        for name in names:
            setattr(self, name, nt.iri(f"{namespace}{name}"))


_GK = _Terms(str(GK), "Document", "Event", "Proposition", "Evidence", "contentHash", "text", "mentionedIn", "predicate",
             "negated", "hypothetical", "subject", "object", "objectText", "eventType", "quadClass", "mode",
             "context", "attributedTo", "location", "eventDate", "evidence", "relation", "sentenceIndex",
             "confidence")
_P = _Terms(str(PROV), "used", "wasDerivedFrom", "wasGeneratedBy")
_OA = _Terms(str(OA), "hasSource", "hasSelector", "exact", "start", "end", "TextPositionSelector",
             "TextQuoteSelector")
_DC = _Terms(str(DCTERMS), "identifier", "title", "date", "source")
TYPE = nt.iri(str(RDF.type))
#: Predicates whose objects are vocabulary terms (classes, PLOVER codes) that need declarations.
TERM_OBJECTS = frozenset({TYPE, _GK.eventType, _GK.mode, _GK.context, _GK.quadClass, nt.iri(f"{GK}sector")})
_YEAR_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_YEAR = re.compile(r"\d{4}")


#: Predicates the explorer page (:mod:`kg.outputs.viz`) never reads: the document's text and hash,
#: mention and provenance links, the selectors (their quote and start are on the evidence node too).
_NOT_BROWSED = frozenset({_GK.text, _GK.contentHash, _GK.mentionedIn, _P.used, _P.wasGeneratedBy,
                          _OA.hasSelector, _OA.end})
_SELECTOR_ENDS = ("/position>", "/quote>")


def browsed(rows: list[Statement], hidden: set[str]) -> list[Statement]:
    """The statements of ``rows`` the explorer reads (not those about the ``hidden`` subjects).

    About a tenth of a document's graph, so that ``graph.html`` of a large build can be made from
    an in-memory store (``tests/test_viz.py`` checks the page equals the one of the whole graph).
    """
    rel = f"<{REL}"
    # a document's statements use a few dozen predicates: each is judged once, not once per statement
    kept = {p: p not in _NOT_BROWSED and not p.startswith(rel) for p in {p for _, p, _ in rows}}
    return [row for row in rows
            if kept[row[1]] and row[0] not in hidden and not row[0].endswith(_SELECTOR_ENDS)]


def used_terms(rows: list[Statement]) -> set[str]:
    """IRIs of the vocabulary terms ``rows`` use: predicates, classes, PLOVER codes (to declare them)."""
    terms = {p for _, p, _ in rows}
    terms.update(o for _, p, o in rows if p in TERM_OBJECTS)
    return {t[1:-1] for t in terms}


def date_literal(value: str) -> str | None:
    """A typed literal for a full or partial ISO date (``xsd:date``, ``gYearMonth``, ``gYear``).

    Anything else gives ``None``: an ill-typed date literal makes Jena's riot warn.
    """
    if not value:
        return None
    if iso_date(value) == value:
        return nt.typed(value, str(XSD.date))
    if _YEAR_MONTH.fullmatch(value):
        return nt.typed(value, str(XSD.gYearMonth))
    if _YEAR.fullmatch(value):
        return nt.typed(value, str(XSD.gYear))
    return None


class DocumentGrapher:
    """Turns document results into :class:`DocumentGraph` records (one per document)."""

    def __init__(self, base_iri: str, activity: str, full: bool = True) -> None:
        self.iris = IriMinter(base_iri)
        #: whether :attr:`DocumentGraph.nquads` is wanted (a dataset in memory); a persistent build
        #: keeps only the Turtle and the statements the explorer reads
        self.full = full
        self.activity = nt.iri(activity)
        self.turtle = TurtleWriter(prefixes(base_iri), self.iris.base)
        self._quads = plover_quad_classes()

    def __call__(self, result: DocResult) -> DocumentGraph:
        """The named graph of one document."""
        doc = result.document
        out = DocumentGraph(str(self.iris.graph(doc.id)))
        doc_iri = nt.iri(str(self.iris.document(doc.id)))
        nodes = {e.key: nt.iri(str(self.iris.entity(e.type, entity_merge_key(e)))) for e in result.entities}
        local = self._document(doc, doc_iri)
        local.append((self.activity, _P.used, doc_iri))
        for ent in sorted(set(nodes.values())):
            local.append((ent, _GK.mentionedIn, doc_iri))
        seen: set[str] = set()
        for event in result.events:
            self._event(event, doc, doc_iri, nodes, seen, local, out)
        rows = local + out.shareable
        if self.full:
            out.nquads = nt.nquads(rows, nt.iri(out.graph))
        # the explorer's statements (browsed()) are picked from the block later: kg.rdf.derived.Explorer
        out.terms = sorted(used_terms(rows))
        out.turtle = self.turtle.block(local)
        return out

    @staticmethod
    def _document(doc: Document, doc_iri: str) -> list[Statement]:
        rows = [(doc_iri, TYPE, _GK.Document), (doc_iri, _DC.identifier, nt.string(doc.id))]
        if doc.title:
            rows.append((doc_iri, _DC.title, nt.string(doc.title)))
        date = date_literal(doc.date)
        if date is not None:
            rows.append((doc_iri, _DC.date, date))
        if doc.source:
            rows.append((doc_iri, _DC.source, nt.string(doc.source)))
        if doc.url:
            rows.append((doc_iri, _DC.source, nt.typed(doc.url, str(XSD.anyURI))))
        rows.append((doc_iri, _GK.contentHash, nt.string(doc.content_hash)))
        rows.append((doc_iri, _GK.text, nt.string(doc.text)))
        return rows

    def _argument(self, key: str, text: str, nodes: dict[str, str]) -> str:
        """The IRI term of an event argument: its entity, else a concept minted from its words."""
        node = nodes.get(key)
        if node is not None:
            return node
        return nt.iri(str(self.iris.concept(text))) if text.strip() else ""

    def _event(self, event: Event, doc: Document, doc_iri: str, nodes: dict[str, str], seen: set[str],
               local: list[Statement], out: DocumentGraph) -> tuple[str, str] | None:
        """The event node (shared by every report of the same event) and this report's evidence node;
        return their terms (None for a report already written).

        What all reports agree on by construction (actors, kind, polarity, day) and what each adds
        (its document, predicate lemma, source, place) go on the event; what belongs to one report
        alone (sentence, confidence, quote, offsets) goes on its evidence. The event's label,
        confidence and report count depend on every report and are written by the merge.
        """
        subj = self._argument(event.subject, event.subject_text, nodes)
        obj = self._argument(event.object, event.object_text, nodes)
        quad = self._quads.get(event.event_type)
        key = event_identity(doc, event, subj[1:-1], obj[1:-1], event.subject in nodes, bool(quad))
        ev_value = str(self.iris.event(*key))
        ev = nt.iri(ev_value)
        start, end, exact = evidence_span(doc.text, event)
        evd_value = str(self.iris.evidence(doc.id, start, end, ev_value))
        if evd_value in seen:
            return None  # the same report extracted twice (e.g. two mentions of one actor): keep the first
        seen.add(evd_value)
        mergeable = key[0] == "event"
        rows = out.shareable if mergeable else local
        predicate = nt.string(event.predicate)
        kind = _GK.Proposition if event.proposition else _GK.Event
        rows += [(ev, TYPE, kind), (ev, _P.wasDerivedFrom, doc_iri), (ev, _P.wasGeneratedBy, self.activity),
                 (ev, _GK.predicate, predicate), (ev, _GK.negated, nt.boolean(event.negated)),
                 (ev, _GK.hypothetical, nt.boolean(event.hypothetical))]
        if subj:
            rows.append((ev, _GK.subject, subj))
        if obj:
            rows.append((ev, _GK.object, obj))
        if event.object_text and event.object not in nodes:
            rows.append((ev, _GK.objectText, nt.string(event.object_text)))
        if quad:
            rows.append((ev, _GK.eventType, nt.iri(f"{PLOVER}{event.event_type}")))
            rows.append((ev, _GK.quadClass, nt.iri(f"{PLOVER}quad{quad[0]}")))
            if event.mode:
                rows.append((ev, _GK.mode, nt.iri(f"{PLOVER}mode-{code_slug(event.mode)}")))
            if event.context:
                rows.append((ev, _GK.context, nt.iri(f"{PLOVER}context-{code_slug(event.context)}")))
        source = nodes.get(event.attributed_to) if event.attributed_to else None
        if source is not None:
            rows.append((ev, _GK.attributedTo, source))
        if event.location in nodes:
            rows.append((ev, _GK.location, nodes[event.location]))
        date = date_literal(event.date)
        if date is not None:
            rows.append((ev, _GK.eventDate, date))
        evd = nt.iri(evd_value)
        rows.append((ev, _GK.evidence, evd))
        local.extend(self._evidence(evd, evd_value, event, doc_iri, (start, end, exact), predicate, source))
        relation = ""
        if subj and obj and not event.proposition:  # a direct triple asserts an event, never a mere clause
            relation = f"{REL}{relation_local_name(event.predicate, event.negated, event.hypothetical)}"
            out.relations.add((relation, relation_label(event.predicate, event.negated, event.hypothetical)))
            rel = nt.iri(relation)
            rows.append((ev, _GK.relation, rel))
            out.shareable.append((subj, rel, obj))
        out.events.append(EventFacts(ev_value, mergeable, event.confidence, event.predicate, subj[1:-1],
                                     obj[1:-1], relation, event.object_text if event.object not in nodes else ""))
        return ev, evd

    @staticmethod
    def _evidence(evd: str, evd_value: str, event: Event, doc_iri: str, span: tuple[int, int, str],
                  predicate: str, source: str | None) -> list[Statement]:
        start, end, exact = span
        pos, quote = nt.iri(f"{evd_value}/position"), nt.iri(f"{evd_value}/quote")
        # xsd:integer, not nonNegativeInteger: Oxigraph stores every integer type as xsd:integer.
        start_l, end_l, exact_l = nt.integer(start), nt.integer(end), nt.string(exact)
        rows = [(evd, TYPE, _GK.Evidence), (evd, _OA.hasSource, doc_iri),
                # this report's own reading: where, how sure, which verb, according to whom
                (evd, _GK.sentenceIndex, nt.integer(event.sentence)),
                (evd, _GK.confidence, nt.decimal(event.confidence)),
                (evd, _GK.predicate, predicate)]
        if source is not None:
            rows.append((evd, _GK.attributedTo, source))
        rows += [(evd, _OA.hasSelector, pos), (evd, _OA.hasSelector, quote),
                 # the same quote and offsets directly on the evidence node, for one-hop SPARQL
                 (evd, _OA.exact, exact_l), (evd, _OA.start, start_l), (evd, _OA.end, end_l),
                 (pos, TYPE, _OA.TextPositionSelector), (pos, _OA.start, start_l), (pos, _OA.end, end_l),
                 (quote, TYPE, _OA.TextQuoteSelector), (quote, _OA.exact, exact_l)]
        return rows


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
