"""Name mentions of one document: gazetteer matches reconciled with spaCy's named entities.

A :class:`Mention` is a token span with what it names: a gazetteer hit (state, capital, seat of
government, demonym, organisation, person, place) or a spaCy entity label. Gazetteer matches fix
spaCy's typing ("Kharkiv" tagged PERSON is a city; "Twitter" tagged PERSON is a company); a longer
spaCy span wins over a gazetteer name inside it ("Security Service of Ukraine" over "Ukraine").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from kg.entities.gazetteer import ACTOR, CAPITAL, DEMONYM, PEOPLES, PLACE, SEAT, STATE, Actor, Gazetteer, Hit, fold

#: spaCy labels GeoKG keeps, and the kind of mention each gives before the gazetteer is asked.
NER_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
_LEADING = {"the", "a", "an"}
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


def _cased(doc: Doc, start: int, end: int) -> bool:
    """Gazetteer names match capitalised text only ("us" is no country, "Nice" at a sentence start is)."""
    first = doc[start].text
    return first[:1].isupper() or first[:1].isdigit()


def gazetteer_matches(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """Longest, left-to-right, non-overlapping gazetteer matches."""
    words = [t.text for t in doc]
    lowers = [t.lower_ for t in doc]
    n = len(doc)
    out: list[Mention] = []
    i = 0
    while i < n:
        if lowers[i] not in gaz.first_words and words[i] not in gaz.first_words:
            i += 1
            continue
        for length in range(min(gaz.max_len, n - i), 0, -1):
            hits = gaz.lookup(words[i:i + length], lowers[i:i + length])
            if hits and _cased(doc, i, i + length):
                out.append(_from_hit(i, i + length, hits[0]))
                i += length
                break
        else:
            i += 1
    return out


def _from_hit(start: int, end: int, hit: Hit) -> Mention:
    return Mention(start, end, hit.kind, hit.actor.type, hit.actor, hit.actor.country)


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article, a trailing possessive/punctuation and anything from "(" on."""
    for k in range(start, end):
        if doc[k].text == "(" and k > start:
            end = k
            break
    while start < end and doc[start].lower_ in _LEADING:
        start += 1
    while end > start and (doc[end - 1].text in _TRAILING or doc[end - 1].text.islower()):
        end -= 1
    return start, end


def ner_mentions(doc: Doc) -> list[Mention]:
    """spaCy entities of the kept labels, trimmed."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in NER_LABELS:
            continue
        start, end = trim(doc, ent.start, ent.end)
        if start < end and any(t.is_alpha for t in doc[start:end]):
            out.append(Mention(start, end, "ner", ent.label_))
    return out


def _name_beyond_titles(doc: Doc, e: Mention, inside: list[Mention], gaz: Gazetteer) -> bool:
    """Does a spaCy PERSON span hold name words besides a known person's name and titles?

    "Carla Bruni-Sarkozy" is not Sarkozy; "Ukrainian President Volodymyr Zelensky" is Zelensky.
    """
    covered = {k for g in inside for k in range(g.start, g.end)}
    for tok in doc[e.start:e.end]:
        if tok.i in covered or not tok.is_alpha or not tok.text[:1].isupper():
            continue
        if fold(tok.text) not in gaz.role_words:
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


def find_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """All name mentions of ``doc``, sorted, non-overlapping."""
    return reconcile(gazetteer_matches(doc, gaz), ner_mentions(doc), doc, gaz)


__all__ = [
    "ACTOR",
    "CAPITAL",
    "DEMONYM",
    "NER_LABELS",
    "PEOPLES",
    "PLACE",
    "SEAT",
    "STATE",
    "Mention",
    "find_mentions",
    "gazetteer_matches",
    "ner_mentions",
    "reconcile",
    "trim",
]
