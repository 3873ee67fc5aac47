"""Grammatical gender of the people of a document, so that "she" skips a man and "he" a woman.

Evidence: gendered words in a person's titles and roles ("Mrs", "spokeswoman", "King") and common
women's given names (``genders.tsv``), and subject pronouns in sentences where only one person, a
subject, was named before them ("Zelensky said that he ...").
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter

from spacy.tokens import Doc

from kg.entities.clusters import Builder
from kg.entities.gazetteer import fold
from kg.model import PERSON

PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                  "she": "f", "her": "f", "hers": "f", "herself": "f"}


def genders(doc: Doc, b: Builder) -> dict[str, str]:
    """Entity key → "m" or "f" for the people whose gender the article makes clear."""
    votes: dict[str, Counter[str]] = {}
    for c in b.clusters.values():
        if c.type != PERSON:
            continue
        words = {w for n in [*c.names, c.role] for w in fold(n).split()}
        given = fold(c.label).split()[:1]  # "Íngrid Betancourt" → ingrid
        for w in words | set(given):
            g = b.gaz.genders.get(w)
            if g:
                votes.setdefault(c.key, Counter())[g] += 2
    for key, g in _pronoun_votes(doc, b):
        votes.setdefault(key, Counter())[g] += 1
    return {k: v.most_common(1)[0][0] for k, v in votes.items() if len(v) == 1 or v["m"] != v["f"]}


def _pronoun_votes(doc: Doc, b: Builder) -> list[tuple[str, str]]:
    """(key, gender) for subject pronouns after exactly one named person, a subject, in their sentence.

    "Zelensky said that he had instructed ..." votes; "Sarkozy said her safe return ..." does not.
    """
    out = []
    named = sorted(i for i, key in b.tokens.items() if key.startswith("person:"))
    for sent in doc.sents:
        k = bisect_left(named, sent.start)
        if k == len(named) or named[k] >= sent.end:
            continue  # no person named in the sentence: nothing to vote for
        people: set[str] = set()
        subjects: set[str] = set()
        for tok in doc[named[k]:sent.end]:  # a pronoun before the first name has no vote
            key = b.tokens.get(tok.i, "")
            if key.startswith("person:"):
                people.add(key)
                if tok.dep_ in ("nsubj", "nsubjpass"):
                    subjects.add(key)
            g = PRONOUN_GENDER.get(tok.lower_)
            if g and tok.dep_ in ("nsubj", "nsubjpass") and len(people) == 1 and subjects == people:
                out.append((next(iter(people)), g))
    return out


__all__ = ["PRONOUN_GENDER", "genders"]
