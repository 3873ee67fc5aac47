"""Arguments of a proposition: from a noun token to an entity key or a concept label."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from spacy.tokens import Token

from kg.model import COUNTRY, LOCATION, Entity

if TYPE_CHECKING:
    from kg.events.lexicon import Lexicon

#: Head nouns that only quantify, partition or report their "of" complement ("members of the SCO",
#: "one of the hostages", "eyewitness accounts of Kurdish forces retaking …").
#: Pronouns that, unresolved, say nothing about the actor.
RELATIVIZERS = frozenset({"who", "which", "that", "whom", "whose"})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "our", "my"})


class EntityLookup(Protocol):
    """The part of the entity stage's ``EntityIndex`` the event stage uses."""

    def key_at(self, i: int) -> str: ...

    def entity(self, key: str) -> Entity | None: ...


@dataclass(frozen=True)
class Arg:
    """One argument: an entity key, or a lower-case concept label, with the token it came from."""

    key: str = ""
    text: str = ""
    i: int = -1
    quality: float = 0.0  # 1 named entity, .7 actor noun, .4 other noun, .2 unresolved pronoun

    def __bool__(self) -> bool:
        return bool(self.key or self.text)

    def words(self) -> set[str]:
        """Lower-case words of the concept label (empty for an entity)."""
        return set(self.text.split()) if not self.key else set()


NONE = Arg()


def _entity_key(tok: Token, index: EntityLookup, allow_location: bool = True) -> str:
    key = index.key_at(tok.i)
    if key and not allow_location:
        ent = index.entity(key)
        if ent is not None and ent.type == LOCATION:
            return ""
    return key


def _is_state(key: str, index: EntityLookup) -> bool:
    ent = index.entity(key)
    return ent is not None and ent.type == COUNTRY


def _definite_person(tok: Token, low: str, lex: Lexicon) -> bool:
    """ "the Belarusian journalist": a definite person noun (words.yaml ``person_nouns``)."""
    return low in lex.person_nouns and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                                                  for c in tok.children)


def _term(tok: Token, lex: Lexicon) -> str:
    """A fixed "X of Y" term the noun heads ("state of emergency", "prisoners of war": words.yaml
    ``of_terms``), or ""."""
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if pobj is None:
        return ""
    term = " ".join(t.lower_ for t in tok.doc[tok.i:pobj.i + 1])
    return term if term in lex.of_terms else ""


def _concept_label(tok: Token) -> str:
    """Head noun with its compound modifiers, lower case: "dual-use items", "nationals"."""
    left = [c for c in tok.lefts if c.dep_ in ("compound", "amod") and c.pos_ in ("NOUN", "ADJ", "PROPN")]
    words = [c.text for c in left[-2:]] + [tok.text]
    return " ".join(words).lower()


def partitive_complement(tok: Token, lex: Lexicon) -> Token | None:
    """The "of" complement of a partitive head ("thousands of troops", "members of the gang")."""
    if tok.lower_ not in lex.partitives:
        return None
    return next((p for prep in tok.children if prep.dep_ == "prep" and prep.lower_ == "of"
                 for p in prep.children if p.dep_ == "pobj"), None)


def _named_example(tok: Token, index: EntityLookup) -> Arg | None:
    """The named member of a plural class noun: "some groups, including CARE International" — the
    class stays vague, the example is who the text names (a place is no example of a group)."""
    if tok.tag_ not in ("NNS", "NNPS"):
        return None
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "including":
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            key = _entity_key(pobj, index, allow_location=False) if pobj is not None else ""
            if key:
                return Arg(key=key, i=pobj.i, quality=1.0)
    return None


def noun_arg(tok: Token | None, index: EntityLookup, lex: Lexicon, subject: bool = False) -> Arg:
    """Resolve the head noun ``tok`` of an argument to an entity or a concept label.

    Order: the token's own entity; a partitive's "of" complement; a non-place entity among its
    compound/demonym modifiers ("US troops" → United States) or its possessor ("China's chargé
    d'affaires" → China); else the concept label of the noun.
    """
    if tok is None:
        return NONE
    key = _entity_key(tok, index)
    if key:
        return Arg(key=key, i=tok.i, quality=1.0)
    low = tok.text.lower()
    part = partitive_complement(tok, lex)
    if part is not None:
        return noun_arg(part, index, lex, subject)
    example = _named_example(tok, index) if not subject else None  # (forty leaders, including
    if example is not None:                                            # Annan, wrote: the forty did)
        return example
    for child in tok.children:
        if child.dep_ == "appos":  # "the terrorist group Hamas", "a fugitive named …"
            key = _entity_key(child, index, allow_location=False)
            if key:
                return Arg(key=key, i=child.i, quality=1.0)
    for child in tok.children:
        # "US troops", "China's envoy", and a state's demonym adjective: "Russian strikes" → Russia
        # (not a region's or a people's: "African leaders" are not Africa)
        if child.dep_ in ("compound", "nmod", "poss", "amod"):
            key = _entity_key(child, index, allow_location=False)
            # (but "the Colombian-French politician" is a person the article spoke of, not the state;
            # "a British academic" is coded by nationality, as PLOVER does)
            if key and (child.dep_ != "amod" or (_is_state(key, index) and not _definite_person(tok, low, lex))):
                return Arg(key=key, i=tok.i, quality=0.9)
    lemma = tok.lemma_.lower()
    if lemma in lex.actor_nouns:
        # "insurgents of the Islamic State", "the parliament of Georgia"
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    key = _entity_key(pobj, index, allow_location=False) if pobj.dep_ == "pobj" else ""
                    if key:
                        return Arg(key=key, i=tok.i, quality=0.9)
    if tok.pos_ == "PRON":
        return Arg(text=low, i=tok.i, quality=0.2) if low not in RELATIVIZERS else NONE
    if tok.pos_ not in ("NOUN", "PROPN", "NUM", "X"):
        return NONE
    quality = 0.7 if lemma in lex.actor_nouns or low in lex.actor_nouns else 0.4
    return Arg(text=_term(tok, lex) or _concept_label(tok), i=tok.i, quality=quality)


def conjuncts(tok: Token) -> list[Token]:
    """The token and the nouns coordinated with it ("France and Italy")."""
    out = [tok]
    for c in tok.conjuncts:
        if c.i > tok.i and c.pos_ in ("NOUN", "PROPN", "PRON"):
            out.append(c)
    return out
