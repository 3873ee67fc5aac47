"""Rule-based resolution of pronouns and definite descriptions to the entities of a document.

- "he", "she", "him", "her", "his" → the nearest person named before, in this or the two previous
  sentences;
- "it", "its", "itself" → the nearest state, organisation or group that is a subject or possessor
  earlier in the sentence, else the subject of the previous sentence (expletive "it is ..." is skipped);
- "they", "them", "their" → the nearest group (armed group, "Chinese nationals") in this or the
  previous sentence;
- "the minister", "the ministry", "the president", "the group" (``descriptions.tsv``) → the
  nearest preceding entity of that type whose role or label fits.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.symbols import NOUN, PRON
from spacy.tokens import Doc, Token

from kg.entities.clusters import Builder, Cluster
from kg.entities.gazetteer import fold
from kg.entities.gender import PRONOUN_GENDER, genders
from kg.model import COUNTRY, GROUP, ORGANIZATION, PERSON

PERSONAL = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
NEUTER = {"it", "its", "itself"}
PLURAL = {"they", "them", "their", "theirs", "themselves"}
_CANDIDATES = PERSONAL | NEUTER | PLURAL
_COPULAS = {"be", "seem", "appear", "remain", "become"}
#: How many sentences back a personal pronoun may reach.
PERSON_REACH = 2
#: How far back "she" may reach to a person known to be a woman.
SHE_REACH = 6


@dataclass(frozen=True)
class _Ref:
    token: int  # head token of the mention
    sent: int  # sentence number
    key: str
    type: str
    dep: str


def _sentence_numbers(doc: Doc) -> list[int]:
    """Sentence number of every token, from one pass over the parse (``Token.sent`` rescans it per call)."""
    numbers: list[int] = []
    for n, sent in enumerate(doc.sents):
        numbers.extend([n] * len(sent))
    return numbers


def _refs(doc: Doc, b: Builder, sent_of: list[int]) -> list[_Ref]:
    out = []
    for c in b.clusters.values():
        for start, end in c.spans:
            head = doc[start:end].root
            # "Russia's" is a possessor even where the parser calls it an object
            nxt = doc[end] if end < len(doc) else None
            dep = "poss" if nxt is not None and nxt.text in ("'s", "’s", "'", "’") else head.dep_
            out.append(_Ref(head.i, sent_of[head.i], c.key, c.type, dep))
    out.sort(key=lambda r: r.token)
    return out


def resolve(doc: Doc, b: Builder) -> None:
    """Add the tokens of resolved pronouns and descriptions to ``b.tokens``."""
    sent_of = _sentence_numbers(doc)
    refs = _refs(doc, b, sent_of)
    if not refs:
        return
    positions = [r.token for r in refs]
    gender = genders(doc, b)
    called = {w: c.key for c in b.clusters.values() for w in c.called}
    t = b.table
    for i, (low, pos) in enumerate(zip(t.lowers, t.pos, strict=True)):
        # only pronouns and nouns can refer: the other words are passed over before any Token is made
        if i in b.tokens or (pos != NOUN and low not in _CANDIDATES):
            continue  # part of a name or of a phrase already resolved
        tok = doc[i]
        lemma = tok.lemma_.lower()
        if lemma in called and pos == NOUN:
            _called(tok, called[lemma], b)  # "the militias" when the article named the Janjaweed
            continue
        described = pos == NOUN and lemma in b.gaz.nouns_described
        if not (low in _CANDIDATES or described):
            continue
        before = refs[:bisect_left(positions, tok.i)]
        key = ""
        if low in PERSONAL and pos == PRON:
            key = _personal(tok, sent_of[tok.i], before, gender)
        elif low in NEUTER and pos == PRON and not _expletive(tok):
            key = _controller(tok, before) or _neuter(sent_of[tok.i], before)
        elif low in PLURAL and pos == PRON:
            key = _nearest(before, {GROUP}, sent_of[tok.i], reach=1) or _plural_body(tok, sent_of[tok.i], before)
        elif pos == NOUN:
            _description(doc, tok, b, before, refs[len(before):])
            continue
        if key:
            b.tokens[tok.i] = key


def _called(tok: Token, key: str, b: Builder) -> None:
    """A generic noun for a named actor of this article: "militias", "the militiamen"."""
    if tok.tag_ != "NNS" and not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return  # "a militia" may be another one
    start = min([c.i for c in tok.children if c.dep_ in ("det", "amod") and c.i < tok.i] + [tok.i])
    for k in range(start, tok.i + 1):
        b.tokens.setdefault(k, key)


def _personal(tok: Token, sent: int, before: list[_Ref], gender: dict[str, str]) -> str:
    """The person a "he"/"she" refers to: the nearest person not known to be of the other gender;
    for "she", a woman named within reach first (most people in the news are men, so a person of
    unknown gender is a weaker candidate for "she" than for "he")."""
    g = PRONOUN_GENDER[tok.lower_]
    people = [r for r in reversed(before) if r.type == PERSON
              and sent - r.sent <= SHE_REACH and gender.get(r.key, g) == g]
    known = [r for r in people if gender.get(r.key) == g] if g == "f" else []
    best = known or [r for r in people if sent - r.sent <= PERSON_REACH]
    return best[0].key if best else ""


def _nearest(before: list[_Ref], types: set[str], sent: int, reach: int) -> str:
    """The nearest entity of ``types`` before a pronoun in sentence ``sent``, at most ``reach`` sentences back."""
    for ref in reversed(before):
        if sent - ref.sent > reach:
            return ""
        if ref.type in types:
            return ref.key
    return ""


def _plural_body(tok: Token, sent: int, before: list[_Ref]) -> str:
    """ "they" as the subject of a clause for a state or organisation that was the subject of the
    previous sentence (or earlier in this one) with no other actor between: news writes
    "the regime ... they" and "the authorities ... they"."""
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return ""
    for ref in reversed(before):
        if sent - ref.sent > 1:
            return ""
        if ref.type == PERSON:
            return ""  # a person in between: "they" may be people
        if ref.type in (COUNTRY, ORGANIZATION) and ref.dep in ("nsubj", "nsubjpass"):
            return ref.key
    return ""


def _expletive(tok: Token) -> bool:
    """ "It is likely that ...", "it seems": no referent."""
    if tok.dep_ == "expl":
        return True
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_ in _COPULAS


def _controller(tok: Token, before: list[_Ref]) -> str:
    """An "it"/"its" in a clause controlled by an object is that object: in "Washington told
    Israel to halt its offensive" the offensive is Israel's, not the sentence subject's."""
    verb = tok.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "xcomp":
        return ""
    obj = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
    if obj is None:
        return ""
    ref = next((r for r in before if r.token == obj.i), None)
    return ref.key if ref is not None and ref.type in (COUNTRY, ORGANIZATION, GROUP) else ""


def _neuter(sent: int, before: list[_Ref]) -> str:
    """The state, organisation or group an "it" in sentence ``sent`` refers to."""
    actors = {COUNTRY, ORGANIZATION, GROUP}
    same = [r for r in before if r.sent == sent and r.type in actors]
    # the clause's subject first ("Beijing ... positions itself"), then a possessor ("China's
    # provision ... made it"), then the subject of the previous sentence
    for deps in (("nsubj", "nsubjpass"), ("poss",)):
        for ref in reversed(same):
            if ref.dep in deps:
                return ref.key
    for ref in reversed(before):
        dist = sent - ref.sent
        if dist > 1:
            break
        if dist == 1 and ref.type in actors and ref.dep in ("nsubj", "nsubjpass"):
            return ref.key
    return ""


def _rule(tok: Token, b: Builder) -> tuple[tuple[str, str], int] | None:
    """The description rule of a noun and the first token of its phrase.

    Two-word rules ("government forces") need no article; one-word rules ("the minister") do.
    """
    for mod in (c for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i):
        rule = b.gaz.descriptions.get(f"{mod.lemma_.lower()} {tok.lemma_.lower()}")
        if rule is not None:
            return rule, mod.i
    rule = b.gaz.descriptions.get(tok.lemma_.lower())
    dets = [c.i for c in tok.children if c.dep_ == "det" and c.lower_ in ("the", "this", "that")]
    return (rule, min(dets)) if rule is not None and dets else None


def _description(doc: Doc, tok: Token, b: Builder, before: list[_Ref], after: list[_Ref]) -> None:
    """ "the minister" → the last-mentioned person whose role contains "minister"."""
    found = _rule(tok, b)
    if found is None:
        return
    rule, start = found
    if any(c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" for c in tok.children):
        return  # "the Foreign Ministry", "the Trump administration": a name, not a description
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and (nxt.i in b.tokens or nxt.pos_ == "PROPN"):
        return  # "the minister Andriy Sybiha" is a title
    type_, constraint = rule
    # a two-word description ("government forces") may name a body the article introduces later
    two_words = doc[start].dep_ != "det"
    candidates = [*reversed(before), *(after if two_words else [])]
    # a body the article has described with this very noun comes first ("the junta" is the body
    # introduced as "the military junta, the NCPO"), then the nearest one that fits the rule
    noun = tok.lemma_.lower()
    described = [r for r in candidates if r.type == type_ and noun in fold(b.clusters[r.key].role).split()]
    candidates = described[:1] + candidates
    seen: set[str] = set()
    for ref in candidates:
        if ref.key in seen or ref.type != type_:
            continue
        seen.add(ref.key)
        if _fits(b.clusters[ref.key], constraint):
            for k in range(start, tok.i + 1):
                b.tokens.setdefault(k, ref.key)
            return


def _fits(c: Cluster, constraint: str) -> bool:
    if not constraint:
        return True
    what, _, word = constraint.partition(":")
    if what == "role":
        return word in fold(c.role)
    if what == "sector":
        return c.sector == word
    if what == "state":  # a state's own organ, not a people's force ("Peshmerga")
        return bool(c.country) and not c.words and c.sector == word
    return word in fold(c.label)


__all__ = ["NEUTER", "PERSONAL", "PLURAL", "resolve"]
