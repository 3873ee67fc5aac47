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
from collections import Counter
from dataclasses import dataclass

from spacy.symbols import NOUN, PRON, PROPN
from spacy.tokens import Doc, Token

from kg.entities.clusters import Builder, Cluster
from kg.entities.gazetteer import fold
from kg.entities.gender import PRONOUN_GENDER, genders
from kg.model import COUNTRY, GROUP, LOCATION, ORGANIZATION, PERSON

PERSONAL = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
NEUTER = {"it", "its", "itself"}
PLURAL = {"they", "them", "their", "theirs", "themselves"}
_CANDIDATES = PERSONAL | NEUTER | PLURAL
_LATTER_FORMER = ("latter", "former")
_COPULAS = {"be", "seem", "appear", "remain", "become"}
#: How many sentences back a personal pronoun may reach.
PERSON_REACH = 2
#: Modifiers that make a role another office than its head noun ("vice president").
SUBORDINATE = ("vice", "deputy", "former", "ex", "assistant", "under", "acting")
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
    chain: list[_Ref] = []  # resolved subject pronouns: "She called on Sarkozy … she stated" continues her
    t = b.table
    for i, (low, pos) in enumerate(zip(t.lowers, t.pos, strict=True)):
        # only pronouns and nouns can refer: the other words are passed over before any Token is made
        if i in b.tokens or (pos not in (NOUN, PROPN) and low not in _CANDIDATES and low not in _LATTER_FORMER):
            continue  # part of a name or of a phrase already resolved
        tok = doc[i]
        lemma = tok.lemma_.lower()
        if lemma in called and pos == NOUN:
            _called(tok, called[lemma], b)  # "the militias" when the article named the Janjaweed
            continue
        # "the minister"; "The President" too, capitalised as a title but with an article
        if low in _LATTER_FORMER and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
            key = _latter_former(tok, sent_of[tok.i], refs[:bisect_left(positions, tok.i)])
            if key:
                b.tokens[tok.i] = key
            continue
        described = lemma in b.gaz.nouns_described and (
            pos == NOUN or (pos == PROPN and any(c.dep_ == "det" for c in tok.children)))
        if not (low in _CANDIDATES or described):
            continue
        before = refs[:bisect_left(positions, tok.i)]
        key = ""
        if low in PERSONAL and pos == PRON:
            key = _personal(tok, sent_of[tok.i], sorted(before + chain, key=lambda r: r.token), gender)
            if key and tok.dep_ in ("nsubj", "nsubjpass"):
                chain.append(_Ref(tok.i, sent_of[tok.i], key, PERSON, tok.dep_))
        elif low in NEUTER and pos == PRON and not _expletive(tok):
            key = _controller(tok, before) or _neuter(sent_of[tok.i], before)
        elif low in PLURAL and pos == PRON:
            key = _nearest(before, {GROUP}, sent_of[tok.i], reach=1) or _plural_body(tok, sent_of[tok.i], before) \
                or _couple(doc, tok, sent_of[tok.i], before)
        elif described:
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
    near = [r for r in people if sent - r.sent <= PERSON_REACH]
    if near and not known:
        # the subject of the nearest sentence with a candidate outranks its objects (centering):
        # "She called on Sarkozy … she stated" goes on about her
        subjects = [r for r in near if r.sent == near[0].sent and r.dep in ("nsubj", "nsubjpass")]
        near = subjects + [r for r in near if r not in subjects]
    best = known or near
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


def _latter_former(tok: Token, sent: int, before: list[_Ref]) -> str:
    """ "the latter" is the last of the two actors named just before, "the former" the first ("Al-Shabaab
    is considered a terrorist body by the United States; the latter blames it …")."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return ""
    actors: list[str] = []
    for ref in reversed(before):
        if sent - ref.sent > 1 or len(actors) == 2:
            break
        if ref.type != LOCATION and ref.key not in actors:
            actors.append(ref.key)
    if len(actors) < 2:
        return ""
    return actors[0] if tok.lower_ == "latter" else actors[1]


def _couple(doc: Doc, tok: Token, sent: int, before: list[_Ref]) -> str:
    """ "they" as a subject for people named together as the subject of a recent sentence ("Ortega
    and his wife, Vice President Murillo, orchestrated … They shuttered independent media"): the
    first of them, whom news names first because they lead. The nearest subject decides."""
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return ""
    for ref in reversed(before):
        if sent - ref.sent > PERSON_REACH:
            return ""
        if ref.dep not in ("nsubj", "nsubjpass"):
            continue
        head = doc[ref.token]
        if ref.type == PERSON and any(c.dep_ == "conj" for c in head.children):
            return ref.key
        return ""
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
    places = []
    for ref in reversed(before):
        dist = sent - ref.sent
        if dist > 1:
            break
        if dist == 1 and ref.dep in ("nsubj", "nsubjpass"):
            if ref.type in actors:
                return ref.key
            if ref.type == LOCATION:
                places.append(ref.key)
    # a place the previous sentence was about: "Mosul Dam … is vital to the region. It was seized …"
    return places[-1] if places else ""


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
    if any(p.dep_ == "prep" and p.lower_ == "of" and any(o.pos_ == "PROPN" for o in p.children)
           for t in (tok, *tok.conjuncts) for p in t.children):
        return  # "the sovereign nation and people of Ukraine" names its referent
    type_, constraint = rule
    if type_ == PERSON and tok.tag_ in ("NNS", "NNPS"):
        return  # "the presidents" are several people, never the one last named
    # a two-word description ("government forces") may name a body the article introduces later
    two_words = doc[start].dep_ != "det"
    candidates = [*reversed(before), *(after if two_words else [])]
    # a body the article has described with this very noun comes first ("the junta" is the body
    # introduced as "the military junta, the NCPO"), then the nearest one that fits the rule
    noun = tok.lemma_.lower()
    if type_ == PERSON:
        # "the president" is the article's president, the one named most so far, not whoever was
        # named last ("… a coup which overthrew President Mahuad. The president sent troops")
        mentions = Counter(r.key for r in before)
        candidates = sorted(candidates, key=lambda r: -mentions[r.key])  # stable: the nearest first on ties
    described = [r for r in candidates if r.type == type_ and (_has_role(b.clusters[r.key], noun)
                                                               or _titled(doc, b.clusters[r.key], f"role:{noun}"))]
    candidates = described[:1] + candidates
    # a description does not refer back to its own clause's actor: in "the United States' invasion
    # of the country" or "Russia attacked the country" the country is another one
    seen: set[str] = _own_actors(tok, before)
    for ref in candidates:
        if ref.key in seen or ref.type != type_:
            continue
        seen.add(ref.key)
        if _fits(b.clusters[ref.key], constraint) or _titled(doc, b.clusters[ref.key], constraint):
            for k in range(start, tok.i + 1):
                b.tokens.setdefault(k, ref.key)
            return


def _own_actors(tok: Token, before: list[_Ref]) -> set[str]:
    """Keys of the actor of the noun or verb that governs a description: the possessor or
    modifier of a noun ("the US invasion of the country"), the subject of a verb."""
    gov = tok.head.head if tok.dep_ == "pobj" else tok.head
    if tok.dep_ not in ("pobj", "dobj") or gov.i == tok.i:
        return set()
    deps = ("poss", "compound", "amod", "nmod") if gov.pos_ in ("NOUN", "PROPN") else ("nsubj",)
    heads = {t.i for c in gov.children if c.dep_ in deps for t in c.subtree}
    return {r.key for r in before if r.token in heads}


def _titled(doc: Doc, c: Cluster, constraint: str) -> bool:
    """Is the person named with the title of a role constraint in the text ("President Gutierrez",
    "President General Lucio Gutierrez"), not as a lesser office ("Vice-President Palacio")?
    The role the entity stage keeps is one title; the text may give others."""
    what, _, word = constraint.partition(":")
    if what != "role" or not word:
        return False
    for start, end in c.spans:
        for k in range(max(start - 2, 0), end):
            if doc[k].lower_ == word and doc[k].pos_ == "PROPN":
                prev = [t.lower_ for t in doc[max(k - 2, 0):k] if t.text != "-"]
                if not (prev and prev[-1] in SUBORDINATE):
                    return True
    return False


def _has_role(c: Cluster, noun: str, anywhere: bool = False) -> bool:
    """Does the entity's role have ``noun`` as a word (or, ``anywhere``, inside a word: "spokes" in
    "spokesperson"), not as a lesser office: a vice-president is not "the president"?"""
    words = fold(c.role).split()
    for n, word in enumerate(words):
        if (word == noun or (anywhere and noun in word)) and not (n and words[n - 1] in SUBORDINATE):
            return True
    return False


def _fits(c: Cluster, constraint: str) -> bool:
    if not constraint:
        return True
    what, _, word = constraint.partition(":")
    if what == "role":
        return word in fold(c.role) and _has_role(c, word.split()[-1], anywhere=True)
    if what == "sector":
        return c.sector == word
    if what == "state":  # a state's own organ, not a people's force ("Peshmerga")
        return bool(c.country) and not c.words and c.sector == word
    return word in fold(c.label)


__all__ = ["NEUTER", "PERSONAL", "PLURAL", "resolve"]
