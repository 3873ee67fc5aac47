"""Salience of a document's actors: which state the article is about.

News names the state an article is about far more often than any other ("Zimbabwe", "Zimbabwe's",
"Zimbabwean police"); an agentless arrest or ban in such an article ("Some groups had already been
banned") is that state's act when the text names no other agent. A state is salient only when it
is mentioned at least ``MIN_MENTIONS`` times and clearly more than the next one: an article about
two states in conflict has no single implied agent. The headline and lead name what the article
is about, so their mentions weigh ``LEAD_WEIGHT`` times as much.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from kg.events.args import NONE, Arg, EntityLookup
from kg.events.lexicon import Lexicon
from kg.model import COUNTRY, LOCATION, PERSON

#: Weighted mentions of its actors a state needs to be the article's own ...
MIN_MENTIONS = 3
#: ... and mentions of its own name: an article about a state names it more than once.
MIN_OWN_MENTIONS = 2
#: ... and how many times the runner-up's it needs (1.5: clearly ahead, not tied).
LEAD = 1.5
#: The weight of a mention in the headline and lead (the first two paragraphs).
LEAD_WEIGHT = 3


@dataclass(frozen=True)
class StateCounts:
    """Weighted mentions of each state's actors in a document (see :func:`salient_state`)."""

    counts: Counter[str]  # ISO code -> weighted mentions of the state and its actors
    states: dict[str, str]  # ISO code -> key of the state's own entity in this document
    own: Counter[str]  # ISO code -> mentions of the state's own name


def state_counts(doc: Doc, index: EntityLookup) -> StateCounts:
    """Count, in one pass, the mentions of every state's actors: the state itself, or the state a
    person, organisation or group belongs to ("Tsvangirai", "the MDC" count for Zimbabwe)."""
    counts: Counter[str] = Counter()
    states: dict[str, str] = {}
    own: Counter[str] = Counter()
    previous = ""
    lead_end = _lead_end(doc.text)
    for tok in doc:
        key = index.key_at(tok.i)
        if key and key != previous:  # one count per mention, not per token of a name
            ent = index.entity(key)
            if ent is not None and ent.country and ent.type != LOCATION:
                counts[ent.country] += LEAD_WEIGHT if tok.idx < lead_end else 1
                if ent.type == COUNTRY:
                    states.setdefault(ent.country, key)
                    own[ent.country] += 1
        previous = key
    return StateCounts(counts, states, own)


def _prominent(iso: str, found: StateCounts) -> bool:
    return found.counts[iso] >= MIN_MENTIONS and found.own[iso] >= MIN_OWN_MENTIONS and iso in found.states


def salient_state(doc: Doc, index: EntityLookup, found: StateCounts | None = None) -> Arg:
    """The state the document is mostly about, as an argument of quality 0.7, or ``NONE``."""
    found = found or state_counts(doc, index)
    ranked = found.counts.most_common(2)
    if not ranked or not _prominent(ranked[0][0], found):
        return NONE
    if len(ranked) > 1 and ranked[0][1] < LEAD * ranked[1][1]:
        return NONE
    return Arg(key=found.states[ranked[0][0]], quality=0.7)


def salient_pair(found: StateCounts) -> tuple[Arg, Arg] | None:
    """The two states a document is about ("the two sides agreed …"): both prominent, and any third
    clearly behind the second; else None."""
    ranked = found.counts.most_common(3)
    if len(ranked) < 2 or not (_prominent(ranked[0][0], found) and _prominent(ranked[1][0], found)):
        return None
    if len(ranked) > 2 and ranked[1][1] < LEAD * ranked[2][1]:
        return None
    return Arg(key=found.states[ranked[0][0]], quality=0.8), Arg(key=found.states[ranked[1][0]], quality=0.8)


def _lead_end(text: str) -> int:
    """Character offset where the second paragraph (headline, then lead) ends."""
    pos = 0
    for _ in range(2):
        start = text.find("\n\n", pos)
        if start < 0:
            return len(text)
        pos = start + 2
        while pos < len(text) and text[pos] == "\n":
            pos += 1
    return pos


def animate(arg: Arg, index: EntityLookup, head: str, actor_noun: bool, lex: Lexicon) -> bool:
    """Is the target a person or a body: a named actor, an actor noun or a noun of people
    (words.yaml ``people_nouns``: "people", "journalists", "groups"), given its head word?"""
    if arg.key:
        ent = index.entity(arg.key)
        return ent is not None and ent.type != LOCATION
    return bool(arg.text) and (actor_noun or head in lex.people_nouns)


def state_of(arg: Arg, doc: Doc, index: EntityLookup) -> Arg:
    """The state an office holder belongs to, when the document names that state: the "we" of a
    statement by a president or minister is the government, its "I" the author."""
    ent = index.entity(arg.key) if arg.key else None
    if ent is None or not ent.country or ent.type != PERSON or not ent.role:
        return NONE  # only an office holder speaks for a state
    previous = ""
    for tok in doc:
        key = index.key_at(tok.i)
        if key and key != previous:
            other = index.entity(key)
            if other is not None and other.type == COUNTRY and other.country == ent.country:
                return Arg(key=key, i=-1, quality=arg.quality)
        previous = key
    return NONE


#: Dependents that make "the government" someone else's ("the Iraqi government", "its government").
_OWNED = frozenset({"amod", "compound", "poss", "nmod", "appos"})


def government_of(arg: Arg, doc: Doc, salient: Arg, lex: Lexicon) -> Arg:
    """A bare definite state noun ("the government", "the authorities", words.yaml ``state_nouns``)
    as the state the article is about, when there is one; any other argument unchanged."""
    if arg.key or arg.i < 0 or not salient:
        return arg
    tok = doc[arg.i]
    if tok.lemma_.lower() not in lex.state_nouns or not any(c.dep_ == "det" and c.lower_ == "the"
                                                             for c in tok.children):
        return arg
    if any(c.dep_ in _OWNED or (c.dep_ == "prep" and c.lower_ == "of") for c in tok.children):
        return arg
    return Arg(key=salient.key, i=arg.i, quality=0.8)
