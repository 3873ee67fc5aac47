"""Which extracted clauses are events an analyst would keep, and which stay mere propositions.

An *event* has a known actor (a named entity, or an actor noun of ``words.yaml`` such as
"police", "rebels", "donors"), an event predicate and a target — or it is a typed event whose
PLOVER type needs no target ("protesters marched", "troops withdrew"). A PLOVER type, by the
rules of :mod:`kg.events.typing`, already implies a known actor and an event predicate. An untyped
clause is an event when it has a known actor and a target, and its predicate is an event
predicate: a verb the event lexicon types in some other use ("fought" with no named target, "met"
someone unnamed), or an event PLOVER leaves untyped (``other_events`` of ``words.yaml``: "elected",
"resigned") — never a copula, a speech, cognition or motion verb, nor a verb the lexicon's hand
review found too generic or too often figurative to assert an event (``-`` rows of
``kg/data/lexicon/reviewed.tsv``, ``generic_verbs`` and ``non_event_verbs``). Any other verb
("obligate", "fuel", "receive") asserts too little for the default view.
Everything else ("'' –set→ target", "state –live", "plans –socialize→ resources") is a
proposition: graphed only on request.
"""

from __future__ import annotations

from kg.events.lexicon import Lexicon
from kg.model import Event


def is_event_predicate(predicate: str, lex: Lexicon) -> bool:
    """Can ``predicate`` (a lemma or phrasal verb) assert an event at all: a verb the event lexicon
    types in some use ("attack", "meet"), or an event PLOVER leaves untyped ("elect", "resign")?"""
    if predicate in lex.not_events or predicate in lex.speech or predicate in lex.motion or predicate in lex.generic:
        return False
    return lex.sense(predicate) is not None or predicate in lex.other_events


def is_actor_noun(text: str, lex: Lexicon) -> bool:
    """Is an unnamed subject a kind of actor ("police", "the rebels", "aid agencies")?"""
    words = text.lower().split()
    return bool(words) and words[-1] in lex.actor_nouns


def is_proposition(event: Event, lex: Lexicon) -> bool:
    """True when ``event`` is not an event an analyst would keep (see the module docstring)."""
    if event.event_type:
        return False
    if event.hypothetical:
        return True  # planned, intended or conditional: nothing happened yet ("intend to impose")
    if not event.subject and not is_actor_noun(event.subject_text, lex):
        return True  # no known actor
    if not is_event_predicate(event.predicate, lex):
        return True
    return not (event.object or event.object_text)
