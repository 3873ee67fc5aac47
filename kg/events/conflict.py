"""The implied agent of a casualty: the other side of the conflict it happened in.

News reports the dead of a clash without their killer: "one Ugandan soldier was killed in the
clash", "more than ten insurgents had died in the clash", "two soldiers were killed in a Taliban
ambush". PLOVER codes such one-sided violence as the perpetrator's ASSAULT on the victim (manual
v2.0, ASSAULT). The conflict is named by a complement of the casualty verb ("in/during the clash",
words.yaml ``conflict_nouns``); its agent is, in order:

- A or B of "fighting between A and B", the one the victim is not of;
- the opponent of "clashes with police", or the actor of the noun itself ("a Taliban ambush",
  "Israel's offensive"), unless the victim is of that side;
- for a definite noun ("the clash"), the other side of the latest violent encounter the document
  has reported whose sides the victim tells apart (an ASSAULT between two sides: "Islamic
  insurgents fought with African peace-keepers"); "another attack" is none of them.

The victim's side is the one it names: the same entity, or the same state when that side is a
state (or its forces) facing a side of another known state — a citizen of a civil conflict is of
neither. Else it is the side of its kind of force: a state and its soldiers and police are regular
forces, insurgents and militants irregular ones, protesters and rioters a crowd (words.yaml
``regular_forces``, ``irregular_forces``, ``crowd_nouns``), told apart only between sides of
different kinds; a soldier of a third state ("a Ugandan soldier") is only of a multinational side
(``multinational_forces``: peace-keepers, a coalition). A victim of neither side or of both
(civilians, "people", a third state) gets no agent: a missing actor is better than a wrong one.
"""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Token

from kg.events.args import NONE, Arg, EntityLookup, noun_arg
from kg.events.clauses import Proposition
from kg.events.lexicon import Lexicon
from kg.events.nominal import between_sides, noun_actor
from kg.events.typing import Typed
from kg.model import COUNTRY, GROUP, LOCATION, PERSON

#: Prepositions that place a casualty in a conflict ("killed in the clash", "died during the fighting").
CONFLICT_PREPS = ("in", "during", "amid")
#: Determiners of a conflict already reported ("the clash", "this attack"), not a new one ("another attack").
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
#: Kinds of force (see :func:`force_kind`).
REGULAR, IRREGULAR, CROWD = "regular", "irregular", "crowd"

#: A side of an armed encounter and its kind of force ("" when its words do not say).
Side = tuple[Arg, str]
#: The two sides of one encounter the document reported, actor first.
Encounter = tuple[Side, Side]


def conflict_noun(verb: Token, lex: Lexicon) -> Token | None:
    """The conflict a casualty verb places its victim in: the object of "in/during/amid" that is a
    conflict noun ("in the clash", "during the fighting"), if any."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in CONFLICT_PREPS:
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and (pobj.lemma_.lower() in lex.conflict_nouns or
                                            pobj.lower_ in lex.conflict_nouns):
                    return pobj
    return None


def _words(text: str) -> set[str]:
    """Lower-case words of a label and its two-word phrases ("security forces", "peace keepers")."""
    ws = text.lower().replace("-", " ").split()
    return set(ws) | {f"{a} {b}" for a, b in pairwise(ws)}


def force_kind(arg: Arg, tok: Token | None, index: EntityLookup, lex: Lexicon) -> str:
    """The kind of force an argument names: ``REGULAR`` for a state or its soldiers, police or army,
    ``IRREGULAR`` for insurgents, militants or rebels, ``CROWD`` for protesters or rioters, "" when
    its words say none (or more than one). A state reached through a demonym is not a force: "a
    British journalist" is no regular force, "British troops" are."""
    own = tok is None or (bool(arg.key) and index.key_at(tok.i) == arg.key)  # the name itself
    words: set[str] = set()
    if arg.key:
        ent = index.entity(arg.key)
        if ent is None or ent.type in (LOCATION, PERSON):
            return ""
        if ent.type == COUNTRY and own:
            return REGULAR
        if ent.type == GROUP:  # a capitalised "Army" names a militia: the Mahdi Army, Free Syrian Army
            words |= _words(" ".join(w for w in ent.label.split() if not w[:1].isupper())) if own else set()
        else:
            words |= _words(ent.label) if own else set()
    else:
        words |= _words(arg.text)
    if tok is not None and not (own and arg.key and tok.text[:1].isupper() and not tok.is_sent_start):
        words |= {tok.lower_, tok.lemma_.lower()}  # (a word of a proper name is the label's: "Army")
    kinds = [kind for kind, nouns in ((REGULAR, lex.regular_forces), (IRREGULAR, lex.irregular_forces),
                                      (CROWD, lex.crowd_nouns)) if words & nouns]
    return kinds[0] if len(kinds) == 1 else ""


def side(arg: Arg, tok: Token | None, index: EntityLookup, lex: Lexicon) -> Side | None:
    """``arg`` as a side of an armed encounter, with its kind of force: a named state, organisation
    or group, or a force ("troops", "insurgents", "protesters"); places, persons and plain people
    ("killing twelve people", "a British journalist") are none."""
    if not arg:
        return None
    kind = force_kind(arg, tok, index, lex)
    if kind:
        return arg, kind
    ent = index.entity(arg.key) if arg.key else None
    if ent is None or ent.type in (LOCATION, PERSON):
        return None
    if tok is not None and index.key_at(tok.i) != arg.key and \
            tok.lemma_.lower() in lex.person_nouns | lex.people_nouns:
        return None  # a person or people the article names by nationality
    return arg, ""


def _country(arg: Arg, index: EntityLookup) -> str:
    ent = index.entity(arg.key) if arg.key else None
    return ent.country if ent is not None else ""


def _victim_side(victim: Side, a: Side, b: Side, index: EntityLookup, lex: Lexicon) -> int:
    """0 when the victim is of side ``a``, 1 of side ``b``, -1 when that cannot be told."""
    (v, kind), (arg_a, ka), (arg_b, kb) = victim, a, b
    if v.key and (v.key == arg_a.key) != (v.key == arg_b.key):
        return 0 if v.key == arg_a.key else 1
    country, ca, cb = _country(v, index), _country(arg_a, index), _country(arg_b, index)
    if country and ca and cb and ca != cb and country in (ca, cb) and \
            _is_state(a if country == ca else b, index):
        # a state's soldier or citizen, against a side of another state ("Israeli soldiers" against
        # Hamas); not a citizen against a group of the citizen's own country (a civil conflict)
        return 0 if country == ca else 1
    if kind and ka and kb and ka != kb and kind in (ka, kb):
        # a soldier, in a clash of soldiers and insurgents; a foreign one ("a Ugandan soldier") only
        # on a multinational side (peace-keepers, a coalition), as foreign soldiers join a conflict
        mine = arg_a if kind == ka else arg_b
        if country and _country(mine, index) != country and not _multinational(mine, index, lex):
            return -1
        return 0 if kind == ka else 1
    return -1


def _multinational(arg: Arg, index: EntityLookup, lex: Lexicon) -> bool:
    """A force of several states' contingents: peace-keepers, a coalition, NATO, the African Union."""
    ent = index.entity(arg.key) if arg.key else None
    return bool(_words(ent.label if ent is not None else arg.text) & lex.multinational_forces)


def _is_state(s: Side, index: EntityLookup) -> bool:
    """A state or its regular forces (the "Somali military"), not a group based in it."""
    ent = index.entity(s[0].key) if s[0].key else None
    return ent is not None and (ent.type == COUNTRY or s[1] == REGULAR)


def _same_side(victim: Side, actor: Side, index: EntityLookup) -> bool:
    """May the victim be one of the attackers the conflict noun names: the same entity, or a force of
    the same kind and (when both are known) state? Civilians never are; Armenian soldiers are not of
    Azerbaijani forces."""
    (v, kind), (arg, actor_kind) = victim, actor
    if v.key and v.key == arg.key:
        return True
    country, theirs = _country(v, index), _country(arg, index)
    return bool(kind) and kind == actor_kind and not (country and theirs and country != theirs)


def _with_side(noun: Token, index: EntityLookup, lex: Lexicon) -> Side | None:
    """The opponent of "clashes with police", "a battle with militants"."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "with":
            pobj = next((p for p in prep.children if p.dep_ == "pobj"), None)
            if pobj is not None:
                return side(noun_arg(pobj, index, lex, subject=True), pobj, index, lex)
    return None


def _named_side(noun: Token, index: EntityLookup, lex: Lexicon) -> Side | None:
    """The side that wages the conflict a noun names: "a Taliban ambush", "Israel's offensive"."""
    actor = noun_actor(noun, index, lex)
    if not actor.key or actor.quality < 0.7:
        return None
    return side(actor, noun.doc[actor.i] if actor.i >= 0 else None, index, lex)


def opponent(victim: Arg, vtok: Token | None, noun: Token, encounters: list[Encounter],
             index: EntityLookup, lex: Lexicon) -> Arg:
    """The agent of a casualty in the conflict ``noun``: see the module docstring. Quality 0.7."""
    hurt: Side = (victim, force_kind(victim, vtok, index, lex))
    toks = between_sides(noun)
    if toks is not None:
        a, b = (side(noun_arg(t, index, lex, subject=True), t, index, lex) for t in toks)
        pairs = [(a, b)] if a and b else []
    elif (actor := _with_side(noun, index, lex) or _named_side(noun, index, lex)) is not None:
        # "clashes with police", "a Taliban ambush": that side, unless the victim is of it
        return NONE if _same_side(hurt, actor, index) else _agent(actor[0])
    elif any(c.dep_ == "det" and c.lower_ in DEFINITE for c in noun.children):
        pairs = list(reversed(encounters))  # "the clash": the latest one the victim's side fought
    else:
        return NONE
    for a, b in pairs:
        found = _victim_side(hurt, a, b, index, lex)
        if found >= 0:
            return _agent((b if found == 0 else a)[0])
    return NONE


def _agent(arg: Arg) -> Arg:
    return Arg(key=arg.key, text=arg.text, i=arg.i, quality=0.7)


def encounter(subj: Arg, prop: Proposition, index: EntityLookup, lex: Lexicon) -> Encounter | None:
    """The two sides of an ASSAULT proposition when both can be sides of a conflict
    ("Islamic insurgents fought with African peace-keepers"; not "killing twelve people")."""
    if subj.quality < 0.7 or (subj.key and subj.key == prop.obj.key):
        return None
    a = side(subj, prop.verb.doc[subj.i] if subj.i >= 0 else None, index, lex)
    b = side(prop.obj, prop.obj_token, index, lex)
    return (a, b) if a and b else None


def casualty(prop: Proposition, subjects: list[Arg], index: EntityLookup,
             lex: Lexicon) -> tuple[Arg, Token | None, Token] | None:
    """The victim (and its token) of an agentless casualty in a named conflict, and the conflict noun:
    "one Ugandan soldier was killed in the clash", "more than ten insurgents had died in the clash"."""
    if prop.passive and not subjects[0] and prop.predicate in lex.casualty_verbs:
        victim, vtok = prop.obj, prop.obj_token
    elif prop.predicate in lex.death_verbs and len(subjects) == 1 and subjects[0] is prop.subject:
        victim = prop.subject
        vtok = prop.verb.doc[victim.i] if victim.i >= 0 else None
    else:
        return None
    if not victim or not _animate(victim, vtok, index, lex):
        return None  # ("hopes died in the attack"; "27 were killed": who they were is not said)
    noun = conflict_noun(prop.verb, lex)
    return (victim, vtok, noun) if noun is not None else None


def _animate(victim: Arg, vtok: Token | None, index: EntityLookup, lex: Lexicon) -> bool:
    """A named actor or person, or a noun of people or forces ("civilians", "a journalist", "troops")."""
    if victim.key:
        ent = index.entity(victim.key)
        return ent is not None and ent.type != LOCATION
    head = {vtok.lower_, vtok.lemma_.lower()} if vtok is not None else set(victim.text.split()[-1:])
    return bool(head & (lex.actor_nouns | lex.people_nouns | lex.person_nouns)) or \
        bool(force_kind(victim, vtok, index, lex))


def deadly_fighting(prop: Proposition, index: EntityLookup, lex: Lexicon) -> bool:
    """Is an event noun "fighting between A and B" that people were killed in ("75 people were killed
    in fighting between insurgents and security forces")? Then it is an assault of A on B even between
    unnamed forces, which an event noun otherwise needs a named actor for."""
    noun, prep = prop.verb, prop.verb.head
    if noun.dep_ != "pobj" or prep.lower_ not in CONFLICT_PREPS or prep.head.lemma_.lower() not in \
            lex.casualty_verbs | lex.death_verbs or lex.nouns.get(noun.lemma_.lower()) not in lex.verbs:
        return False
    sides = between_sides(noun)
    return sides is not None and lex.sense(lex.nouns[noun.lemma_.lower()]).event_type == "ASSAULT" and \
        all(side(noun_arg(t, index, lex, subject=True), t, index, lex) for t in sides)


def killing(lex: Lexicon) -> Typed:
    """The typed reading of a death in a conflict: the other side's killing (PLOVER ASSAULT)."""
    sense = lex.sense("kill")
    if sense is None:
        return Typed("ASSAULT", "", "military", 0.7)
    return Typed(sense.event_type, sense.mode, sense.context, 0.7)
