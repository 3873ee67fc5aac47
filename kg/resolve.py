"""Cross-document identity: which entity records and which events are the same thing.

The graph stage asks this module for merge keys; everything about *when two mentions or two
reports denote the same thing* lives here, apart from how the graph is written.
"""

from __future__ import annotations

from kg.iris import fold
from kg.model import COUNTRY, Entity


def entity_merge_key(entity: Entity) -> str:
    """Merge key across documents: ISO code for states, normalised name otherwise."""
    if entity.type == COUNTRY and entity.country:
        return entity.country.lower()
    return fold(entity.label)


def event_identity(doc_id: str, sentence: int, start: int, end: int, predicate: str, subject: str,
                   obj: str, negated: bool) -> tuple[object, ...]:
    """The key an event IRI is minted from; two reports with the same key become one event node."""
    return (doc_id, sentence, start, end, predicate, subject, obj, negated)
