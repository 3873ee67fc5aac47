"""Extraction of one parsed document: entities (``kg.entities``) then events (``kg.events``).

    ex = Extractor(actors_file=None)        # loads gazetteer and lexicons once per process
    result = ex(spacy_doc, document)        # -> DocResult (plain dataclasses, no spaCy objects)
"""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc

from kg.entities import EntityIndex, find_entities, load_gazetteer
from kg.events import EventExtractor
from kg.model import DocResult, Document


class Extractor:
    """Turns a parsed spaCy ``Doc`` of a :class:`Document` into a :class:`DocResult`."""

    def __init__(self, actors_file: Path | None = None, propositions: bool = False) -> None:
        self.actors_file = actors_file
        self.gazetteer = load_gazetteer(actors_file)
        self.events = EventExtractor()
        self.propositions = propositions  # keep the clauses that are not events (Event.proposition)

    def index(self, doc: Doc, document: Document) -> EntityIndex:
        """The entity index of a document: its actors and places and which tokens name them."""
        return find_entities(doc, document, self.gazetteer)

    def __call__(self, doc: Doc, document: Document) -> DocResult:
        index = self.index(doc, document)
        events = self.events(doc, document, index)
        if not self.propositions:
            events = [e for e in events if not e.proposition]
        return DocResult(document, list(index.entities), events)
