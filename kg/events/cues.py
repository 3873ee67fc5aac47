"""Cue words of the round-3 mechanisms, read from ``kg/data/lexicon/words.yaml`` once per process.

Kept apart from :mod:`kg.events.lexicon` so that the word lists of these mechanisms (implied state
agents, people nouns) can grow without touching the shared lexicon loader.
"""

from __future__ import annotations

from functools import lru_cache

from kg.resources import data_text, parse_yaml

_KEYS = ("implied_state_acts", "people_nouns", "person_nouns", "object_control",
         "verbal_modifiers")


@lru_cache(maxsize=1)
def cues() -> dict[str, frozenset[str]]:
    """The word lists named in ``_KEYS``, each a frozenset (empty when the key is absent)."""
    words = parse_yaml(data_text("lexicon/words.yaml"))
    return {k: frozenset(words.get(k) or ()) for k in _KEYS}
