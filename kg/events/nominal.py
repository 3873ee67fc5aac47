"""Nominal events: "China's provision of dual-use items to Moscow", "Russia's invasion of Ukraine".

An event noun (``nouns.tsv``) with an explicit actor — possessor, "by" phrase or demonym
("Russian intervention") — is a proposition actor –verb→ target, the target being a named
entity among its of/to/on/against/into complements, else the head of its "of" complement.
"Talks between A and B" has A as its actor and B as its target.

An agentive compound participle ("Iranian-backed Houthis", "a Qatar-brokered truce") is its
first part's act on the noun it modifies: Iran –back→ Houthis. Only the participles of
``words.yaml`` ``agentive_participles`` (support, funding, arming, brokering): "Saudi-led",
"London-based", "state-run" and "rebel-held" name a relation, not an act.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.events.args import NONE, Arg, EntityLookup, noun_arg
from kg.events.clauses import Proposition
from kg.events.lexicon import Lexicon

#: Nouns whose "from X" names the giver ("humanitarian aid from the UK").
_GIFTS = frozenset({"aid", "supply", "assistance", "support", "delivery", "provision", "help", "shipment"})
_TARGET_PREPS = ("of", "to", "on", "against", "into", "in", "for")


def between_sides(noun: Token) -> tuple[Token, Token] | None:
    """The two sides of "talks between A and B": A is read as the actor, B as the target."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "between":
            first = next((p for p in prep.children if p.dep_ == "pobj"), None)
            second = next((c for c in first.children if c.dep_ == "conj"), None) if first is not None else None
            if second is not None:
                return first, second
    return None


def noun_actor(noun: Token, index: EntityLookup, lex: Lexicon) -> Arg:
    """The actor an event noun names: A of "between A and B", its possessor, "by" phrase (or "from"
    of a gift) or named modifier ("Russian intervention"), or that of the noun it is coordinated with."""
    sides = between_sides(noun)
    if sides is not None:
        return noun_arg(sides[0], index, lex, subject=True)
    for c in noun.children:
        if c.dep_ == "poss":
            return noun_arg(c, index, lex, subject=True)
        if c.dep_ == "prep" and (c.lower_ == "by" or (c.lower_ == "from" and noun.lemma_.lower() in _GIFTS)):
            for pobj in c.children:
                if pobj.dep_ == "pobj":
                    return noun_arg(pobj, index, lex, subject=True)
    for c in noun.children:
        if c.dep_ in ("amod", "compound"):
            key = index.key_at(c.i)
            if key:
                return Arg(key=key, i=c.i, quality=0.9)
    if noun.dep_ == "conj" and noun.head.pos_ == "NOUN" and noun.head.i < noun.i:
        # coordinated event nouns share their actor: "Belarus's diversion of the flight and (its)
        # subsequent removal and arrest of Pratasevich"
        return noun_actor(noun.head, index, lex)
    return NONE


def _target(noun: Token, actor: Arg, index: EntityLookup, lex: Lexicon,
            particle: str = "") -> tuple[Arg, Token | None]:
    """The target of an event noun: a named entity among its complements, else the head of its
    "of" complement or of its verb's own preposition ("calls for ceasefires": ``particle`` "for")."""
    sides = between_sides(noun)
    if sides is not None:
        return noun_arg(sides[1], index, lex), sides[1]
    first: tuple[Arg, Token | None] = (NONE, None)
    preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS]
    # "provision of items to Moscow": the "to" hangs off the "of" complement
    for p in list(preps):
        for pobj in p.children:
            preps += [c for c in pobj.children if c.dep_ == "prep" and c.lower_ in ("to", "against", "on")]
    for prep in preps:
        if prep.lower_ == "in" and noun.lemma_.lower() not in ("intervention",):
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            arg = noun_arg(pobj, index, lex)
            if arg.key and arg.key != actor.key:
                return arg, pobj
            if not first[0] and prep.lower_ in ("of", particle) and arg:
                first = (arg, pobj)
    return first


def nominal_propositions(sent_tokens: list[Token], index: EntityLookup, lex: Lexicon) -> list[Proposition]:
    """Propositions of the event nouns of a sentence that name their actor."""
    out = []
    for noun in sent_tokens:
        if noun.pos_ != "NOUN" or index.key_at(noun.i):
            continue  # (a word of a name is no event: "Band Aid", "Operation Desert Storm")
        verb = lex.nouns.get(noun.lemma_.lower()) or lex.nouns.get(noun.lower_)
        if verb is None:
            continue
        actor = noun_actor(noun, index, lex)
        if not actor or (actor.quality < 0.7 and noun.doc[actor.i].pos_ != "PRON"):
            continue
        if verb in ("attack", "assault") and any(c.dep_ == "amod" and c.lower_ in lex.verbal_modifiers
                                                 for c in noun.children):
            verb = "criticize"  # "verbal attacks" are words, not force
        particle = verb.rpartition(" ")[2] if " " in verb else ""
        target, target_tok = _target(noun, actor, index, lex, particle)
        if not target and noun.lemma_.lower() in _GIFTS and noun.lemma_.lower() != "support" and actor.key:
            # "humanitarian aid from the UK": the UK provides what the noun names (its support for no
            # one named is no event)
            verb = "provide"
            target, target_tok = noun_arg(noun, index, lex), noun
        out.append(Proposition(verb=noun, predicate=verb, subject=actor, obj=target, obj_token=target_tok))
    return out


def participle_propositions(sent_tokens: list[Token], index: EntityLookup, lex: Lexicon) -> list[Proposition]:
    """Propositions of agentive compound participles: "Syrian-backed Hezbollah" is Syria –back→
    Hezbollah (see the module docstring)."""
    out = []
    for part in sent_tokens:
        if part.dep_ != "amod" or part.tag_ != "VBN" or part.lemma_.lower() not in lex.agentive_participles:
            continue
        agent = next((c for c in part.children if c.dep_ in ("npadvmod", "compound") and c.i < part.i), None)
        if agent is None or part.i - agent.i != 2 or part.doc[agent.i + 1].text not in ("-", "–"):
            continue  # written as one word: "Iranian-backed", not "Iranian backed"
        actor = noun_arg(agent, index, lex, subject=True)
        target = noun_arg(part.head, index, lex)
        if actor.key and target and actor.key != target.key:
            out.append(Proposition(verb=part, predicate=part.lemma_.lower(), subject=Arg(
                key=actor.key, i=agent.i, quality=1.0), obj=target, obj_token=part.head))
    return out
