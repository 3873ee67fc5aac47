"""Targets beyond a clause's direct object: an event noun's "of" patient, a named entity in a
target preposition, the owner named in a naming verb's complement, the object shared with a
coordinated verb, a light verb's target, a reaction's giver, a motion verb's destination."""

from __future__ import annotations

from spacy.tokens import Token

from kg.events.args import NONE, Arg, EntityLookup, noun_arg
from kg.events.deps import PASS_SUBJ, SUBJ, TEMPORAL, child
from kg.events.lexicon import Lexicon
from kg.model import LOCATION


def better_target(verb: Token, obj: Arg, index: EntityLookup, lex: Lexicon, actor: str = "") -> Arg:
    """For a non-entity direct object, a named entity introduced by a target preposition wins
    ("imposed sanctions on Russia", "demanded a response from the United States") — never the
    actor itself (``actor``: its key), as in "called on his followers"."""
    if obj.key or obj.i < 0:
        return obj
    holder = verb.doc[obj.i]
    if verb.lemma_.lower() in lex.naming and holder.pos_ == "PRON":
        # "described this as a response to Russia's aggressive behaviour": what is named is a
        # pronoun, whose act the complement gives to its owner
        owner = _complement_owner(verb, index, actor)
        if owner:
            return owner
    sense = lex.sense(verb.lemma_.lower())
    if holder.lemma_.lower() in lex.nouns and holder.dep_ == "dobj" and holder.head.i == verb.i \
            and not (sense is not None and sense.event_type == "ACCUSE"):
        # an event noun's "of" complement is who or what it is done to: "ordered the execution of
        # 8,000 men", "led the siege of Sarajevo", "demanded the release of the journalists" — but
        # what is condemned or worried about is the event itself ("condemned the arrest of X",
        # "concern over the arrest of X")
        patient = _of_patient(holder, index, lex, actor)
        if patient:
            return patient
    dative = child(verb, ("dative",))
    if dative is not None and dative.i != obj.i:
        arg = noun_arg(dative, index, lex)
        if arg.key and arg.key != actor:
            return arg
    for tok in (verb, holder):
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("on", "against", "with", "from", "to", "for"):
                pobj = child(prep, ("pobj",))  # ("for": "pledged support for Ukraine")
                if pobj is not None and pobj.lemma_.lower() in lex.nouns and not index.key_at(pobj.i):
                    continue  # an event is no target: "support our partners in defence from Houthi attacks"
                arg = noun_arg(pobj, index, lex)
                ent = index.entity(arg.key) if arg.key else None
                if ent is not None and ent.type != LOCATION and arg.key != actor:  # a destination is not a target
                    return arg
    return obj


def _complement_owner(verb: Token, index: EntityLookup, actor: str) -> Arg:
    """The named possessor in the "as" complement of a naming verb ("as a response to Russia's
    aggressive behaviour" → Russia), never the actor itself."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "as":
            for tok in prep.subtree:
                key = index.key_at(tok.i) if tok.dep_ == "poss" and tok.pos_ == "PROPN" else ""
                ent = index.entity(key) if key else None
                if ent is not None and ent.type != LOCATION and key != actor:
                    return Arg(key=key, i=tok.i, quality=1.0)
    return NONE


def _head_word(arg: Arg, tok: Token) -> str:
    """The head word of an argument (the partitive's complement when it has one)."""
    return tok.doc[arg.i].lower_ if arg.i >= 0 else tok.lower_


def _of_patient(noun: Token, index: EntityLookup, lex: Lexicon, actor: str) -> Arg:
    """The "of" complement of an event noun when it names an actor or people (not the actor itself)."""
    prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    pobj = child(prep, ("pobj",)) if prep is not None else None
    if pobj is None:
        return NONE
    arg = noun_arg(pobj, index, lex)
    if arg.key and arg.key != actor:
        return arg
    head = _head_word(arg, pobj)
    return arg if not arg.key and (head in lex.actor_nouns or head in lex.people_nouns) else NONE


def light_target(verb: Token, noun: Token) -> Token | None:
    """The target of a light-verb construction: "placed blame on X", "held talks with X"."""
    inner = [c for c in noun.children if c.dep_ in ("compound", "nmod")]
    if inner:
        return inner[-1]  # "took the two men prisoner" is parsed with "men" inside the noun phrase
    for tok in (noun, verb):
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("on", "against", "with", "of", "over", "to", "for", "at",
                                                       "about"):
                # ("for": "claimed responsibility for the attack"; "at"/"about": "outrage at X")
                pobj = child(prep, ("pobj",))
                if pobj is not None and pobj.ent_type_ not in TEMPORAL:
                    return pobj
    return None


def shared_object(verb: Token, predicate: str, lex: Lexicon) -> Token | None:
    """The object a verb that needs one shares with the verbs coordinated after it ("police beat
    and arrested dozens of protesters": they beat the protesters too) — only along verbs with no
    subject of their own."""
    sense = lex.sense(predicate)
    if sense is None or sense.event_type not in lex.target_required or child(verb, ("prep",)) is not None:
        return None  # ("assisting in the transport … and have established a point": its own complement)
    tok = verb
    for _ in range(4):
        nxt = next((c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"), None)
        if nxt is None or child(nxt, SUBJ + PASS_SUBJ) is not None:
            return None
        obj = child(nxt, ("dobj",))
        if obj is not None:
            return obj
        tok = nxt
    return None


def reaction_giver(verb: Token, noun: Token | None) -> Token | None:
    """Who gives a reaction received: the from/of/among/by phrase of the reaction noun or the verb."""
    for tok in (noun, verb):
        for prep in tok.children if tok is not None else ():
            if prep.dep_ == "prep" and prep.lower_ in ("from", "of", "among", "by"):
                pobj = child(prep, ("pobj",))
                if pobj is not None and pobj.ent_type_ not in TEMPORAL:
                    return pobj
    return None


def destination(verb: Token) -> Token | None:
    """Where a motion verb goes: "arrived in France", "returned to Colombia"."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "to", "at", "into"):
            pobj = child(prep, ("pobj",))
            if pobj is not None and pobj.ent_type_ not in TEMPORAL:
                return pobj
    return None
