"""Entities under construction: :class:`Cluster` and the per-document :class:`Builder`.

A cluster collects the mentions (token spans and surface forms) of one actor or place; the builder
holds all clusters of a document and the token → entity key map the events stage reads. The steps
that fill it live in :mod:`kg.entities.states`, :mod:`kg.entities.orgs` and :mod:`kg.entities.persons`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc

from kg.entities.gazetteer import Actor, Gazetteer, fold
from kg.entities.mentions import Mention
from kg.entities.namekey import name_key
from kg.entities.tokens import TokenTable
from kg.model import COUNTRY, GROUP, ORGANIZATION, Entity


@dataclass
class Cluster:
    """An entity under construction."""

    key: str
    type: str
    label: str
    country: str = ""
    role: str = ""
    sector: str = ""
    wikidata: str = ""
    geonames_id: int = 0
    fixed_label: bool = False  # label comes from the gazetteer or is settled
    names: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    words: set[str] = field(default_factory=set)  # person name words; a force's peoples; group stems
    called: tuple[str, ...] = ()  # nouns that refer to it ("militia" for the Janjaweed)
    faith: str = ""  # a group's religion or sect, from the gazetteer (``faiths.tsv``)

    def entity(self, table: TokenTable, hidden: frozenset[str]) -> Entity:
        """The finished :class:`Entity` (``table``: the document's tokens); surface forms in ``hidden``
        (folded) are not aliases."""
        label = clean(self.label)
        label_key = norm_key(label)
        aliases: list[str] = []
        for n in self.names:
            n = clean(n)
            if n and n not in aliases and norm_key(n) != label_key and fold(n) not in hidden:
                aliases.append(n)
        idx, words = table.idx, table.words
        mentions = sorted({(idx[s], idx[e - 1] + len(words[e - 1])) for s, e in self.spans})
        return Entity(key=self.key, label=label, type=self.type, country=self.country, aliases=aliases,
                      role=self.role, sector=self.sector, geonames_id=self.geonames_id,
                      wikidata=self.wikidata, mentions=mentions)


_LEADING_THE = re.compile(r"^(the|The)\s+")  # compiled once: clean() runs for every surface form
_POSSESSIVE_END = re.compile(r"\s*['’]s$")


def clean(text: str) -> str:
    """A surface form as a name: single spaces, no leading "the", no possessive or quotes."""
    text = " ".join(text.split())
    text = _LEADING_THE.sub("", text)
    text = _POSSESSIVE_END.sub("", text).strip(" ,;:\"“”'’()")
    return text[:-1] if text.endswith(".") and text.count(".") == 1 else text  # keep "U.S."


@lru_cache(maxsize=65536)  # the same names are compared many times per document and corpus
def norm_key(text: str) -> str:
    """Comparison form of a name: folded, no possessive, no leading "the", alphanumerics only."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['’]s\b", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def group_stem(text: str) -> str:
    """Stem shared by a people's noun and adjective: Kurds/Kurdish → kurd, Yazidis/Yazidi → yazid."""
    word = norm_key(text).replace(" ", "")
    word = word[:-1] if word.endswith("s") else word
    for suffix in ("ish", "ian", "ese", "an", "ia", "i"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


class Builder:
    """Accumulates clusters and the token → key map of one document."""

    def __init__(self, doc: Doc, gaz: Gazetteer, mentions: list[Mention], table: TokenTable | None = None) -> None:
        self.doc = doc
        self.table = table if table is not None else TokenTable(doc)
        self.gaz = gaz
        self.mentions = mentions
        self.owner: dict[int, Mention] = {k: m for m in mentions for k in range(m.start, m.end)}
        self.clusters: dict[str, Cluster] = {}
        self.tokens: dict[int, str] = {}
        self.by_actor: dict[tuple[str, str], str] = {}  # (type, gazetteer name or identity) → key
        self.org_names: dict[str, str] = {}  # normalised name of an organisation or group → key
        #: name key (romanisation variants and particles collapsed) of an organisation or group → key
        self.org_keys: dict[str, str] = {}

    def cluster(self, type_: str, label: str, actor: Actor | None = None, **kw) -> Cluster:
        """The cluster of a gazetteer actor or of a (type, normalised label), created if new."""
        ident = (type_, actor.name if actor else norm_key(label))
        key = self.by_actor.get(ident)
        if key is None:
            key = self._new_key(type_, actor.name if actor else label)
            c = Cluster(key, type_, actor.name if actor else label, fixed_label=actor is not None, **kw)
            if actor is not None:
                c.country = c.country or actor.country
                c.sector = c.sector or actor.sector
                c.wikidata = actor.wikidata
                c.geonames_id = actor.geonames_id
                c.called = actor.called
                c.faith = actor.faith
            self.clusters[key] = c
            self.by_actor[ident] = key
        return self.clusters[key]


    def keyed(self, type_: str, ident: str, label: str, **kw) -> Cluster:
        """A cluster identified by ``ident`` but labelled with the first surface form seen."""
        c = self.cluster(type_, ident, **kw)
        if not c.names and not c.fixed_label:
            c.label = label
        return c


    def _new_key(self, type_: str, label: str) -> str:
        base = f"{type_.lower()}:{norm_key(label).replace(' ', '-') or 'x'}"
        key, n = base, 2
        while key in self.clusters:
            key, n = f"{base}-{n}", n + 1
        return key


    def attach(self, c: Cluster, start: int, end: int, surface: str | None = None,
               own_tokens: bool = True) -> None:
        """Record a mention of ``c`` over tokens ``[start, end)``."""
        c.names.append(surface if surface is not None else self.table.span_text(start, end))
        c.spans.append((start, end))
        if c.type in (ORGANIZATION, GROUP):
            self.org_names.setdefault(norm_key(c.names[-1]), c.key)
            self.org_keys.setdefault(name_key(clean(c.names[-1]), particles=True), c.key)
        if own_tokens:
            for k in range(start, end):
                self.tokens[k] = c.key


    def entities(self) -> list[Entity]:
        """All finished entities, in order of first mention."""
        ordered = sorted(self.clusters.values(), key=lambda c: min((s for s, _ in c.spans), default=0))
        return [c.entity(self.table, self.gaz.not_names) for c in ordered if c.spans]


    def state(self, iso3: str) -> Cluster | None:
        """The cluster of a state, by ISO code."""
        actor = self.gaz.state(iso3)
        return self.cluster(COUNTRY, actor.name, actor) if actor else None


    def group_of(self, text: str) -> Cluster | None:
        """The group named by another form of ``text`` ("Kurds" / "Kurdish", "Yazidi" / "Yazidis")."""
        stem = group_stem(text)
        return next((c for c in self.clusters.values() if c.type == GROUP and stem in c.words), None)


    def merge(self, src: Cluster, dst: Cluster) -> None:
        """Fold cluster ``src`` into ``dst``."""
        for (start, end), name in zip(src.spans, src.names, strict=True):
            self.attach(dst, start, end, name, own_tokens=False)
        for k, key in self.tokens.items():
            if key == src.key:
                self.tokens[k] = dst.key
        del self.clusters[src.key]


__all__ = ["Builder", "Cluster", "clean", "group_stem", "norm_key"]
