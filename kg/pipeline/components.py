"""GeoKG as spaCy pipeline components.

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("geokg_paragraphs", before="parser")   # paragraph breaks end sentences (kg.nlp.load_model adds it)
    nlp.add_pipe("geokg_entities")                      # after "ner"
    nlp.add_pipe("geokg_events")                        # after "geokg_entities"
    doc = nlp(text)
    doc._.geokg_events                                  # list[kg.model.Event]

The factories are registered in :mod:`kg.pipeline.factories`, which spaCy finds by name through
the ``spacy_factories`` entry points in ``pyproject.toml`` (importing it registers them by hand).

Extensions (set by the components; users set only ``geokg_document``):

- ``Doc._.geokg_document``: the :class:`kg.model.Document` the Doc stands for (its publication
  date anchors relative dates such as "on Tuesday"). The components read it while they run, so
  use ``kg.pipeline.components.with_document(nlp, document)`` to process a document with its metadata;
  when it is unset, a Document with id "doc" and no date is made from the text.
- ``Doc._.geokg_index``: the entity stage's ``EntityIndex`` (token → entity key).
- ``Doc._.geokg_entities``: list of :class:`kg.model.Entity` of the document.
- ``Doc._.geokg_events``: list of :class:`kg.model.Event` (offsets index ``doc.text``).
- ``Token._.geokg_entity``: entity key of the token, or "".
- ``Span._.geokg_events``: the events whose evidence lies inside the span (e.g. a sentence).
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.model import DocResult, Document, Entity, Event
from kg.nlp.sentences import mark_paragraphs

Doc.set_extension("geokg_document", default=None, force=True)
Doc.set_extension("geokg_entities", default=None, force=True)
Doc.set_extension("geokg_events", default=None, force=True)
Doc.set_extension("geokg_index", default=None, force=True)


def _token_entity(token: Token) -> str:
    index = token.doc._.geokg_index
    return index.key_at(token.i) if index is not None else ""


def _span_events(span: Span) -> list[Event]:
    events = span.doc._.geokg_events or []
    return [e for e in events if span.start_char <= e.start and e.end <= span.end_char]


Token.set_extension("geokg_entity", getter=_token_entity, force=True)
Span.set_extension("geokg_events", getter=_span_events, force=True)


def document_of(doc: Doc) -> Document:
    """The :class:`Document` attached to ``doc``, or a minimal one made from its text."""
    document = doc._.geokg_document
    if document is None or document.text != doc.text:
        document = Document(id=document.id if document else "doc", text=doc.text,
                            date=document.date if document else "")
        doc._.geokg_document = document
    return document


def with_document(nlp: Language, document: Document) -> Doc:
    """Run ``nlp`` on ``document.text`` with the document's metadata attached."""
    doc = nlp.make_doc(document.text)
    doc._.geokg_document = document
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def result_of(doc: Doc) -> DocResult:
    """The plain :class:`DocResult` of a Doc processed by the GeoKG components."""
    return DocResult(document_of(doc), list(doc._.geokg_entities or []), list(doc._.geokg_events or []))


def paragraphs(doc: Doc) -> Doc:
    """Make paragraph breaks sentence boundaries, so captions and headlines stay apart
    (:func:`kg.nlp.sentences.mark_paragraphs`)."""
    return mark_paragraphs(doc)


class EntitiesComponent:
    """Sets ``Doc._.geokg_entities`` and ``Token._.geokg_entity`` with GeoKG's entity stage."""

    def __init__(self, actors_file: str | None = None) -> None:
        from kg.pipeline.stages import Extractor

        self._extractor = Extractor(actors_file=Path(actors_file) if actors_file else None)

    def __call__(self, doc: Doc) -> Doc:
        index = self._extractor.index(doc, document_of(doc))
        doc._.geokg_index = index
        doc._.geokg_entities = list(index.entities)
        return doc


class EventsComponent:
    """Sets ``Doc._.geokg_events`` (and ``Span._.geokg_events``) with GeoKG's event stage."""

    def __init__(self) -> None:
        from kg.events import EventExtractor

        self._events = EventExtractor()

    def __call__(self, doc: Doc) -> Doc:
        index = doc._.geokg_index
        if index is None:
            raise ValueError("geokg_events needs the geokg_entities component before it")
        doc._.geokg_events = self._events(doc, document_of(doc), index)
        return doc


__all__ = ["EntitiesComponent", "Entity", "EventsComponent", "document_of", "paragraphs", "result_of",
           "with_document"]
