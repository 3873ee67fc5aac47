"""Name mentions of one document: gazetteer matches, and their reconciliation with spaCy's names.

A :class:`Mention` is a token span with what it names: a gazetteer hit (state, capital, seat of
government, demonym, organisation, person, place) or a spaCy entity label. Gazetteer matches fix
spaCy's typing ("Kharkiv" tagged PERSON is a city; "Twitter" tagged PERSON is a company); a longer
spaCy span wins over a gazetteer name inside it ("Security Service of Ukraine" over "Ukraine").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span

from kg.entities.gazetteer import (
    ACTOR,
    CAPITAL,
    DEMONYM,
    PEOPLES,
    PLACE,
    SEAT,
    STATE,
    Actor,
    Gazetteer,
    Hit,
    fold,
)
from kg.entities.tokens import TokenTable
from kg.resources import read_tsv

#: spaCy labels GeoKG keeps, and the kind of mention each gives before the gazetteer is asked.
NER_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
_LEADING = {"the", "a", "an"}
POSSESSIVE = {"'s", "’s", "'", "’"}
#: Nouns that make "<noun> of X" a place ("the village of Abu Suruj").
PLACE_NOUNS = {"city", "town", "village", "region", "area", "province", "capital", "port", "district"}
_TRAILING = {"'s", "’s", "'", "’", ",", ".", "-", "(", ")", "\"", "“", "”", ":", ";"}


@dataclass
class Mention:
    """A name in the text: tokens ``[start, end)`` and what they name."""

    start: int
    end: int
    kind: str  # a gazetteer kind (STATE, ACTOR, ...) or "ner"
    label: str  # spaCy label (PERSON, ORG, ...) or the gazetteer actor's type
    actor: Actor | None = None
    country: str = ""  # state named inside the span ("Chinese Foreign Ministry" → CHN)

    def span(self, doc: Doc) -> Span:
        """The mention as a spaCy span."""
        return doc[self.start:self.end]


def _cased(first: str, second: str = "") -> bool:
    """Gazetteer names match capitalised text only ("us" is no country, "Nice" at a sentence start is).

    ``first`` is the text of a candidate name's first token, ``second`` the next token's: a
    lower-case name particle joined by a hyphen ("al-Shabab", "el-Sisi") starts a name too.
    """
    return first[:1].isupper() or first[:1].isdigit() or (second == "-" and first in name_particles())


@cache
def name_particles() -> frozenset[str]:
    """Lower-case particles that begin names ("al", "el", "ad"): ``kg/data/resolve/names.tsv``."""
    return frozenset(r["pattern"] for r in read_tsv("resolve/names.tsv") if r["kind"] == "particle")


def gazetteer_matches(doc: Doc, gaz: Gazetteer, table: TokenTable | None = None) -> list[Mention]:
    """Longest, left-to-right, non-overlapping gazetteer matches (``table``: the doc's token attributes)."""
    table = table if table is not None else TokenTable(doc)
    words = table.words
    lowers = [w.replace("’", "'") for w in table.lowers]  # low() of each word: Token.lower_ is str.lower()
    n = len(words)
    out: list[Mention] = []
    first = gaz.first_words
    # no name starts with most words: only the words that begin one are probed, left to right
    starts = [k for k, (w, lw) in enumerate(zip(words, lowers, strict=True)) if lw in first or w in first]
    for i in starts:
        if out and i < out[-1].end:
            continue  # inside the match just made
        longest = max(first.get(lowers[i], 0), first.get(words[i], 0))
        if not _cased(words[i], words[i + 1] if i + 1 < n else ""):
            continue
        for length in range(min(longest, n - i), 0, -1):
            hits = gaz.lookup(words[i:i + length], lowers[i:i + length])
            if hits:
                out.append(_from_hit(i, i + length, hits[0]))
                break
    return out


def _from_hit(start: int, end: int, hit: Hit) -> Mention:
    return Mention(start, end, hit.kind, hit.actor.type, hit.actor, hit.actor.country)


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article, a trailing possessive/punctuation and anything from "(" on."""
    for k in range(start, end):
        if doc[k].text == "(" and k > start:
            end = k
            break
    while start < end and (doc[start].lower_ in _LEADING or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].text in _TRAILING or doc[end - 1].text.islower()):
        if end - start >= 3 and _hyphenated(doc, end - 3) and doc[end - 1].tag_ != "VBN":
            break  # "Kim Jong-nam", "Ould Cheikh-ahmed": a hyphenated name ends in a lower-case part
            # (but "European Union-brokered" is the Union and a participle)
        end -= 1
    return start, end


def _hyphenated(doc: Doc, k: int) -> bool:
    """Tokens k, k+1, k+2 are a capitalised word, "-" and a lower-case word written as one."""
    return (doc[k + 1].text == "-" and not doc[k].whitespace_ and not doc[k + 1].whitespace_
            and doc[k].text[:1].isupper() and doc[k + 2].text.isalpha() and doc[k + 2].text.islower())


def _name_beyond_titles(doc: Doc, e: Mention, inside: list[Mention], gaz: Gazetteer) -> bool:
    """Does a spaCy PERSON span hold name words besides a known person's name and titles?

    "Carla Bruni-Sarkozy" is not Sarkozy; "Ukrainian President Volodymyr Zelensky" is Zelensky.
    """
    covered = {k for g in inside for k in range(g.start, g.end)}
    for tok in doc[e.start:e.end]:
        if tok.i in covered or not tok.is_alpha or not tok.text[:1].isupper():
            continue
        noun = gaz.nouns.get(fold(tok.text))
        if fold(tok.text) not in gaz.role_words and (noun is None or noun[0] != "TITLE"):
            return True
    return False


def reconcile(gaz_mentions: list[Mention], ner: list[Mention], doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """Merge both lists: the longer span wins an overlap; on equal spans the gazetteer wins.

    A spaCy span that wins keeps the state named inside it as its ``country``.
    """
    out: list[Mention] = []
    taken: dict[int, Mention] = {}
    for m in gaz_mentions:
        for k in range(m.start, m.end):
            taken[k] = m
    kept_gaz = {id(m): m for m in gaz_mentions}
    for e in ner:
        inside = {id(taken[k]): taken[k] for k in range(e.start, e.end) if k in taken}
        if not inside:
            out.append(e)
            continue
        longer = all(e.start <= g.start and g.end <= e.end and (g.end - g.start) < (e.end - e.start)
                     for g in inside.values())
        has_person = any(g.kind == ACTOR and g.label == "PERSON" for g in inside.values())
        if longer and (not has_person or _name_beyond_titles(doc, e, list(inside.values()), gaz)):
            e.country = next((g.actor.country for g in inside.values()
                              if g.kind in (STATE, DEMONYM, CAPITAL, PEOPLES) and g.actor), "")
            for g in inside.values():
                kept_gaz.pop(id(g), None)
            out.append(e)
    out.extend(kept_gaz.values())
    out.sort(key=lambda m: m.start)
    return out


__all__ = ["ACTOR", "CAPITAL", "DEMONYM", "NER_LABELS", "PEOPLES", "PLACE", "PLACE_NOUNS", "POSSESSIVE",
           "SEAT", "STATE", "Mention", "gazetteer_matches", "reconcile", "trim"]
