"""Entity stage: actors and places of one document (issue 3).

Interface used by the events stage and by ``kg.pipeline.stages``::

    gaz = load_gazetteer(actors_file=None)              # curated data files + user actors
    index = find_entities(doc, document, gaz)          # -> EntityIndex
    index.entities                                     # list[kg.model.Entity]
    index.key_at(token_i)                              # entity key of a token, or ""
    index.entity(key)                                  # the Entity with that key, or None
    index.span_key(span_or_token)                      # key of a span's head token, or ""
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from kg.entities.build import build
from kg.entities.coref import resolve
from kg.entities.gazetteer import Actor, Gazetteer
from kg.entities.loading import load_gazetteer, read_actors_file
from kg.entities.names import find_mentions
from kg.entities.tokens import TokenTable
from kg.model import Document, Entity


class EntityIndex:
    """The entities of one document and which tokens refer to them (names, phrases, pronouns)."""

    def __init__(self, entities: list[Entity], tokens: dict[int, str]) -> None:
        self.entities = entities
        self._tokens = tokens
        self._by_key = {e.key: e for e in entities}

    def key_at(self, token_i: int) -> str:
        """Entity key of the token at index ``token_i``, or "" when it refers to no entity."""
        return self._tokens.get(token_i, "")

    def entity(self, key: str) -> Entity | None:
        """The entity with this key, if any."""
        return self._by_key.get(key)

    def span_key(self, span: Span | Token) -> str:
        """Key of a span (its syntactic head first, then any of its tokens) or of a token."""
        if isinstance(span, Token):
            return self.key_at(span.i)
        key = self.key_at(span.root.i)
        if key:
            return key
        return next((k for k in (self.key_at(t.i) for t in span) if k), "")


def find_entities(doc: Doc, document: Document, gaz: Gazetteer) -> EntityIndex:
    """Entities of a parsed document: names, demonym phrases, capitals as states, coreference."""
    table = TokenTable(doc)  # token attributes read once, for every step below
    builder = build(doc, gaz, find_mentions(doc, gaz, table), table, document.date)
    resolve(doc, builder)
    entities = builder.entities()
    keys = {e.key for e in entities}
    tokens = {i: k for i, k in builder.tokens.items() if k in keys}
    return EntityIndex(entities, tokens)


__all__ = ["Actor", "EntityIndex", "Gazetteer", "find_entities", "load_gazetteer", "read_actors_file"]
