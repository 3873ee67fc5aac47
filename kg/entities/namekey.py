"""Name keys: one normalised form for the spellings of one name, inside a document and across documents.

The entity stage joins an organisation named "Shabab" to the group "al-Shabaab" of the same article
with it; the graph stage (:mod:`kg.rdf.identity`) mints cross-document IRIs from it. Both read the
rules of ``kg/data/resolve/names.tsv``: romanisation variants collapsed (Zelenskyy / Zelensky,
Shabaab / Shabab, Nouri / Nuri), a leading article dropped, leading honorifics and titles dropped
from people's names while a full name remains, and name particles ("al-", "el-") dropped before a
name word, so that "al-Sadr", "al Sadr" and "Sadr" meet.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from kg.resources import read_tsv

Subs = tuple[tuple[re.Pattern[str], str], ...]


@cache
def _subs(kind: str) -> Subs:
    return tuple((re.compile(r["pattern"]), r["replacement"] or "") for r in read_tsv("resolve/names.tsv")
                 if r["kind"] == kind)


@cache
def _words(kind: str) -> frozenset[str]:
    return frozenset(r["pattern"] for r in read_tsv("resolve/names.tsv") if r["kind"] == kind)


@cache
def rules() -> tuple[Subs, frozenset[str], frozenset[str], frozenset[str]]:
    """(translit rules, honorifics, articles, particles) from the shipped data file; immutable once read."""
    rows = read_tsv("resolve/names.tsv")
    kinds = {k: frozenset(r["pattern"] for r in rows if r["kind"] == k) for k in ("honorific", "article", "particle")}
    return _subs("translit"), kinds["honorific"], kinds["article"], kinds["particle"]


_POSSESSIVE = re.compile(r"[’']s\b")  # compiled once: names are folded for every entity of every document
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def fold_name(text: str) -> str:
    """Lower-case ASCII folding: accents dropped, possessive dropped, punctuation to spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _POSSESSIVE.sub("", text.lower())
    return " ".join(_NOT_ALNUM.sub(" ", text).split())


def group_key(name: str) -> str:
    """Name key of a group: a one-word people or faith in the singular ("Shiites" → shiite)."""
    key = name_key(name, particles=True)
    if " " not in key:
        for pattern, replacement in _subs("plural"):
            key = pattern.sub(replacement, key)
    return key


@lru_cache(maxsize=65_536)  # the same names recur in every document; the rules are read once and never change
def name_key(name: str, person: bool = False, particles: bool = False) -> str:
    """Normalised name: folded, leading article (and for people, honorifics) dropped, translit collapsed.

    ``particles`` also drops name particles before a name word ("Muqtada al-Sadr" → muqtada sadr);
    places keep them ("El Paso" is not "Paso").

    >>> name_key("Zelenskyy") == name_key("Zelenskiy") == name_key("Zelensky")
    True
    """
    translit, honorifics, articles, particle_words = rules()
    courtesy = _words("courtesy")
    words = fold_name(name).split()
    if len(words) > 1 and words[0] in articles:
        words = words[1:]
    # only when a full name remains: "King Abdullah" alone must not become every "Abdullah"
    while person and len(words) > 2 and words[0] in honorifics | courtesy:
        words = words[1:]
    if person and len(words) == 2 and words[0] in courtesy:
        words = words[1:]
    if particles:
        words = [w for k, w in enumerate(words) if w not in particle_words or k == len(words) - 1]
    if person:
        translit = translit + _subs("person_translit")
    out = []
    for word in words:
        if len(word) > 3:  # short words ("ii" in "Pope Pius II") are not romanisations
            for pattern, replacement in translit:
                word = pattern.sub(replacement, word)
        out.append(word)
    return " ".join(out)


__all__ = ["fold_name", "group_key", "name_key", "rules"]
