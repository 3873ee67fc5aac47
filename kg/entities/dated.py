"""Surnames of office holders resolved by the document's date (issue 15).

News names a head of government in full once, then by surname; a well-known one it may never name
in full at all ("as Bush claimed", "Mr Brown said"). Inside a document the surname joins the full
name (:mod:`kg.entities.persons`); a surname that joins nobody would be a person of its own, one
node per article across the graph. This step gives such a person the one office holder of that
surname in office on the document's publication date (``offices.tsv``, the dated offices of the
Phoenix country dictionary), so that it meets the full name of other documents.

It stays away from everything it cannot tell apart: no date, no resolution; two holders of the
surname in office that day (or a curated person of that name besides the holder), no resolution;
another person of that surname in the document ("Laura Bush"), no resolution, unless the text's title
is the one the dictionary gives just one of them ("Prime Minister Brown"). The holder must serve
a state the document names ("as Bush claimed" in an article that names the United States): an
article about Argentina that says "Arana" means no Colombian minister of that name; a state in the
person's own title ("British Prime Minister Brown") keeps only holders of that state.
"""

from __future__ import annotations

import re

from kg.entities.clusters import Builder, Cluster
from kg.entities.gazetteer import CAPITAL, DEMONYM, PEOPLES, SEAT, STATE, fold
from kg.isodate import iso_date
from kg.model import PERSON

_STATE_KINDS = (STATE, CAPITAL, SEAT, DEMONYM, PEOPLES)  # mentions that name a state
_POSSESSIVE = re.compile(r"['’]s$")
#: Words joining the parts of an office before a surname ("Secretary of State Rice").
_LINKS = {"of", "the", "for"}


def holders_by_date(b: Builder, date: str) -> None:
    """Merge each person named only by a surname (with or without title) into the office holder of that
    surname in office on ``date`` (the document's ISO publication date), where exactly one is."""
    day = iso_date(date)
    if not day:
        return
    states: set[str] | None = None  # the states the document names, read at the first candidate
    for c in [c for c in b.clusters.values() if c.type == PERSON and not c.fixed_label]:
        surname = _surname(b, c)
        if not surname or fold(surname).replace(" ", "-") not in b.gaz.holders or any(
                o is not c and o.type == PERSON and surname in o.words for o in b.clusters.values()):
            continue  # no office holder of that name; another person of that name in the document
        if states is None:
            states = {m.actor.country if m.kind in _STATE_KINDS and m.actor is not None else m.country
                      for m in b.mentions} - {""}
        actor = b.gaz.holder(surname, day, {c.country} if c.country else states, _titles(b, c, surname))
        if actor is None:
            continue
        holder = b.cluster(PERSON, actor.name, actor)
        holder.words |= c.words
        holder.role, holder.sector = holder.role or c.role, holder.sector or c.sector
        b.merge(c, holder)


def _surname(b: Builder, c: Cluster) -> str:
    """The one capitalised name word of a person named only so ("Bush", "Mr Brown", "President Bush"),
    else "". Titles and office words are no part of a name; "al-Maliki" and "Maliki" are one word."""
    words = {w for w in c.words if not _is_title(b, w)}
    if len({w.rsplit("-", 1)[-1] for w in words}) != 1:
        return ""
    word = max(words, key=len)
    cased = [t for n in c.names for t in n.split() if _bare(t) == word]
    return word if cased and all(t.rsplit("-", 1)[-1][:1].isupper() for t in cased) else ""


def _titles(b: Builder, c: Cluster, surname: str) -> set[str]:
    """The titles right before the surname in the person's names ("British Prime Minister Brown" →
    prime minister), folded as ``offices.tsv`` folds them."""
    titles = set()
    for name in c.names:
        words = name.split()
        if len(words) < 2 or _bare(words[-1]) != surname:
            continue
        run = []
        for w in reversed(words[:-1]):
            if not _is_title(b, w):
                break
            run.insert(0, fold(w).replace(".", ""))
        while run and run[0] in _LINKS:
            run.pop(0)
        if run:
            titles.add(" ".join(run))
    return titles


def _bare(token: str) -> str:
    """A name token without possessive and punctuation, lower-cased: "Bush's" → bush."""
    return _POSSESSIVE.sub("", token).strip(",.;:\"“”'’()").lower()


def _is_title(b: Builder, word: str) -> bool:
    low = fold(word)
    return low in b.gaz.role_words or low in _LINKS or b.gaz.nouns.get(low, ("",))[0] in ("TITLE", "OFFICE")


__all__ = ["holders_by_date"]
