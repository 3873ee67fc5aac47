"""Dependency-parse vocabulary shared by the event stage's clause readers: argument labels,
target prepositions, the labels of times and actors, and the first-child lookup."""

from __future__ import annotations

from spacy.tokens import Token

SUBJ = ("nsubj", "csubj")
PASS_SUBJ = ("nsubjpass", "csubjpass")
#: Prepositions whose object is a plausible target when the verb has no direct object.
TARGET_PREPS = ("against", "on", "with", "to", "at", "for", "into", "from", "upon", "toward", "towards", "of")
#: Named-entity labels of times and amounts: never the target of an event.
TEMPORAL = frozenset({"DATE", "TIME", "PERCENT", "ORDINAL"})
#: Named-entity labels of actors, for a "by" phrase read as an agent.
ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
#: Verb heads whose dependency makes them events of their own.
CLAUSAL = ("ROOT", "conj", "ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp", "parataxis", "csubj")


def child(tok: Token, deps: tuple[str, ...]) -> Token | None:
    """The first dependent of ``tok`` with one of the dependency labels ``deps``."""
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None
