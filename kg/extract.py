"""Extraction of one parsed document: entities (``kg.entities``) then events (``kg.events``).

    ex = Extractor(actors_file=None)        # loads gazetteer and lexicons once per process
    result = ex(spacy_doc, document)        # -> DocResult (plain dataclasses, no spaCy objects)
"""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc

from kg.events import EventExtractor
from kg.model import DocResult, Document, Entity


class Extractor:
    """Turns a parsed spaCy ``Doc`` of a :class:`Document` into a :class:`DocResult`."""

    def __init__(self, actors_file: Path | None = None) -> None:
        self.actors_file = actors_file
        try:
            from kg.entities import Gazetteer, find_entities
        except ImportError:  # the entity stage is being built in parallel
            Gazetteer, find_entities = None, None
        self._find = find_entities
        self.gazetteer = Gazetteer.load(actors_file) if Gazetteer is not None else None
        self.events = EventExtractor()

    def index(self, doc: Doc, document: Document):
        """The entity index of a document (``kg.entities.EntityIndex``)."""
        if self._find is None:
            return _NerIndex(doc)
        return self._find(doc, document, self.gazetteer)

    def __call__(self, doc: Doc, document: Document) -> DocResult:
        index = self.index(doc, document)
        events = self.events(doc, document, index)
        return DocResult(document, list(index.entities), events)


_NER = {"PERSON": "PERSON", "GPE": "COUNTRY", "NORP": "COUNTRY", "ORG": "ORGANIZATION", "LOC": "LOCATION"}


class _NerIndex:
    """Stand-in entity index from spaCy NER alone, used until ``kg.entities`` is available."""

    def __init__(self, doc: Doc) -> None:
        self._by_key: dict[str, Entity] = {}
        self._tok: dict[int, str] = {}
        for span in doc.ents:
            if span.label_ not in _NER:
                continue
            key = span.text
            ent = self._by_key.setdefault(key, Entity(key=key, label=span.text, type=_NER[span.label_]))
            ent.mentions.append((span.start_char, span.end_char))
            for t in span:
                self._tok[t.i] = key

    @property
    def entities(self) -> list[Entity]:
        return list(self._by_key.values())

    def key_at(self, i: int) -> str:
        return self._tok.get(i, "")

    def entity(self, key: str) -> Entity | None:
        return self._by_key.get(key)
