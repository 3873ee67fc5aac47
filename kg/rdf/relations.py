"""Names of the direct relation properties (``gk-rel:accuses``) derived from predicate lemmas.

A negated event gets its own property (``gk-rel:not-accuses``) and a hypothetical one too
(``gk-rel:may-accuse``), so that the direct triple never asserts what the text does not.
"""

from __future__ import annotations

import re

from kg.rdf.iris import slug

_IRREGULAR = {"be": "is", "have": "has", "do": "does", "go": "goes"}


def third_person(verb: str) -> str:
    """``accuse`` → ``accuses``, ``deny`` → ``denies``, ``call for`` → ``calls for``."""
    head, _, rest = verb.strip().partition(" ")
    if head in _IRREGULAR:
        inflected = _IRREGULAR[head]
    elif re.search(r"(s|sh|ch|x|z|o)$", head):
        inflected = head + "es"
    elif re.search(r"[^aeiou]y$", head):
        inflected = head[:-1] + "ies"
    else:
        inflected = head + "s"
    return f"{inflected} {rest}".strip()


def relation_label(predicate: str, negated: bool = False, hypothetical: bool = False) -> str:
    """Human label of the relation property: "accuses", "does not accuse", "may accuse"."""
    lemma = predicate.strip().lower() or "relates to"
    if negated:
        return f"does not {lemma}"
    if hypothetical:
        return f"may {lemma}"
    return third_person(lemma)


def relation_local_name(predicate: str, negated: bool = False, hypothetical: bool = False) -> str:
    """IRI-safe local name of the relation property: ``accuses``, ``not-accuse``, ``may-accuse``."""
    lemma = slug(predicate or "relate to")
    if negated:
        return f"not-{lemma}"
    if hypothetical:
        return f"may-{lemma}"
    return slug(third_person(predicate.strip().lower() or "relate to"))
