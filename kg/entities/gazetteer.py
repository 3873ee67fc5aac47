"""Curated names of states, places, organisations, groups, people and roles (``kg/data/gazetteer/``).

All lookups are dictionaries keyed by tuples of lower-cased tokens, built once per process, so
matching a document is a dictionary probe per token position (see :mod:`kg.entities.mentions`).
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import yaml
from spacy.lang.en import English
from spacy.lang.en.stop_words import STOP_WORDS

from kg.model import COUNTRY, ENTITY_TYPES, GROUP, LOCATION, ORGANIZATION, PERSON
from kg.resources import data_text

Key = tuple[str, ...]

#: What a gazetteer name stands for.
STATE, CAPITAL, SEAT, DEMONYM = "state", "capital", "seat", "demonym"
PEOPLES, ACTOR, PLACE = "peoples", "actor", "place"


@dataclass(frozen=True)
class Actor:
    """One gazetteer entry: a state, place, organisation, group or person."""

    name: str
    type: str
    country: str = ""
    sector: str = ""
    wikidata: str = ""
    geonames_id: int = 0
    peoples: tuple[str, ...] = ()  # demonyms whose "<demonym> forces" this body is ("Kurdish")


@dataclass(frozen=True)
class Hit:
    """What a matched name means: its kind (STATE, CAPITAL, ...) and the actor or state it names."""

    kind: str
    actor: Actor


@dataclass
class Gazetteer:
    """All curated data, loaded once per process with :meth:`load`."""

    names: dict[Key, list[Hit]] = field(default_factory=dict)  # lower-case token tuples
    acronyms: dict[Key, list[Hit]] = field(default_factory=dict)  # case-sensitive (US, IS, WHO)
    states: dict[str, Actor] = field(default_factory=dict)  # iso3 → state
    adjectives: dict[str, str] = field(default_factory=dict)  # iso3 → main demonym ("Sudanese")
    roles: dict[str, str] = field(default_factory=dict)  # folded role phrase → sector
    role_words: frozenset[str] = frozenset()  # every folded word of a role phrase
    nouns: dict[str, tuple[str, str]] = field(default_factory=dict)  # lemma → (class, sector)
    descriptions: dict[str, tuple[str, str]] = field(default_factory=dict)  # noun → (type, constraint)
    nouns_described: frozenset[str] = frozenset()  # head nouns of the descriptions
    genders: dict[str, str] = field(default_factory=dict)  # gendered title word → "m" / "f"
    titles: set[str] = field(default_factory=set)  # folded office titles that point to a body, not name it
    first_words: dict[str, int] = field(default_factory=dict)  # first token → longest name it starts
    max_role_len: int = 1  # most tokens in a role phrase
    max_len: int = 1

    @classmethod
    def load(cls, actors_file: Path | None = None) -> Gazetteer:
        """The shipped gazetteer plus the user's actors file (CSV or YAML, see the README)."""
        return _load(str(actors_file) if actors_file else "")

    # ------------------------------------------------------------------ building

    def add(self, name: str, kind: str, actor: Actor) -> None:
        """Register ``name`` (any casing) as a name of ``actor``."""
        name = name.strip()
        if not name:
            return
        key = tokens_of(name)
        if not key:
            return
        hit = Hit(kind, actor)
        if _is_acronym(name):
            bucket = self.acronyms.setdefault(tuple(name.split()) if " " in name else key_cased(name), [])
        else:
            bucket = self.names.setdefault(tuple(low(t) for t in key), [])
        if hit not in bucket:
            # actors first: "Georgia" the state wins over Georgia the US state
            bucket.append(hit)
        self.max_len = max(self.max_len, len(key))

    def finish(self) -> None:
        """Freeze derived indexes after all names are added."""
        for key in [*self.names, *self.acronyms]:
            self.first_words[key[0]] = max(self.first_words.get(key[0], 0), len(key))
        self.nouns_described = frozenset(d.split()[-1] for d in self.descriptions)
        self.max_role_len = max((len(tokens_of(p)) for p in self.roles), default=1)
        self.role_words = frozenset(w for phrase in self.roles for w in phrase.split() if w not in STOP_WORDS)

    # ------------------------------------------------------------------ lookups

    def lookup(self, words: list[str], lowers: list[str]) -> list[Hit]:
        """Hits for one candidate phrase given as token texts and their lower-case forms."""
        hits = self.acronyms.get(tuple(words))
        if hits:
            return hits
        return self.names.get(tuple(lowers), [])  # ``lowers`` as made by :func:`_low`

    def state(self, iso3: str) -> Actor | None:
        """The state with this ISO 3166-1 alpha-3 code."""
        return self.states.get(iso3)

    def role(self, phrase: str) -> str | None:
        """Sector of a role phrase ("foreign minister" → GOV), or None if it is no role."""
        return self.roles.get(fold(phrase))


# ---------------------------------------------------------------------- helpers

_TOKENIZER = English().tokenizer


def tokens_of(text: str) -> Key:
    """Token texts of a name, tokenised the way spaCy's English pipelines do."""
    return tuple(t.text for t in _TOKENIZER(text) if not t.is_space)


def low(token_text: str) -> str:
    """Lower-case form names are keyed by: curly apostrophes straightened ("People’s")."""
    return token_text.lower().replace("’", "'")


def key_cased(text: str) -> Key:
    """Case-preserving token key, for acronyms."""
    return tokens_of(text)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes, single spaces: the form role lookups use."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(text.replace("-", " ").split())


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return 0 < len(letters) <= 6 and all(c.isupper() for c in letters) and " " not in name.strip()


def _rows(name: str) -> list[list[str]]:
    return [line.split("\t") for line in data_text(f"gazetteer/{name}").splitlines()
            if line.strip() and not line.startswith("#")]


def _col(row: list[str], i: int) -> str:
    return row[i].strip() if len(row) > i else ""


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


# ---------------------------------------------------------------------- loading

@cache
def _load(actors_file: str) -> Gazetteer:
    gaz = Gazetteer()
    _load_states(gaz)
    _load_places(gaz)
    _load_regions(gaz)
    _load_people(gaz)
    _load_groups(gaz)
    _load_curated(gaz, yaml.safe_load(data_text("gazetteer/actors.yaml")))
    _load_vocabulary(gaz)
    if actors_file:
        for actor, aliases in read_actors_file(Path(actors_file)):
            _add_actor(gaz, actor, aliases, override=True)
    gaz.finish()
    return gaz


def _load_states(gaz: Gazetteer) -> None:
    for row in _rows("countries.tsv"):
        iso3, name = row[0], row[1]
        state = Actor(name, COUNTRY, iso3)
        gaz.states[iso3] = state
        for n in [name, *_split(_col(row, 2))]:
            gaz.add(n, STATE, state)
            if n.lower().startswith("the "):
                gaz.add(n[4:], STATE, state)
        capital, cap_id = _col(row, 3), _col(row, 4)
        if capital:
            gaz.add(capital, CAPITAL, Actor(capital, LOCATION, iso3, geonames_id=int(cap_id or 0)))
    for row in _rows("demonyms.tsv"):
        state = gaz.states.get(row[0])
        if state is None:
            continue
        for adj in _split(_col(row, 1)):
            gaz.add(adj, DEMONYM, state)
            gaz.adjectives.setdefault(state.country, adj)
        for people in _split(_col(row, 2)):
            gaz.add(people, PEOPLES, state)


def _load_places(gaz: Gazetteer) -> None:
    for row in _rows("places.tsv"):
        place = Actor(row[1], LOCATION, _col(row, 2), geonames_id=int(row[0]))
        for n in [row[1], *_split(_col(row, 3))]:
            known = gaz.names.get(tuple(low(w) for w in tokens_of(n)), [])
            if not any(h.kind in (STATE, CAPITAL) for h in known):
                gaz.add(n, PLACE, place)


def _load_regions(gaz: Gazetteer) -> None:
    for row in _rows("regions.tsv"):
        region = Actor(row[0], LOCATION, _col(row, 1))
        for n in [row[0], *_split(_col(row, 2))]:
            gaz.add(n, PLACE, region)


def _load_people(gaz: Gazetteer) -> None:
    for row in _rows("people.tsv"):
        person = Actor(row[0], PERSON, _col(row, 1), _col(row, 2))
        for n in [row[0], *_split(_col(row, 3))]:
            if len(n.split()) >= 2:  # bare surnames of the derived list are too ambiguous
                gaz.add(n, ACTOR, person)


def _load_groups(gaz: Gazetteer) -> None:
    for row in _rows("phoenix_orgs.tsv"):
        group = Actor(row[0], row[1], _col(row, 2), _col(row, 3))
        for n in [row[0], *_split(_col(row, 4))]:
            if len(n) > 3:
                gaz.add(n, ACTOR, group)


def _load_curated(gaz: Gazetteer, data: dict) -> None:
    for seat, iso3 in (data.get("seats") or {}).items():
        state = gaz.states.get(iso3)
        if state:
            gaz.add(seat, SEAT, state)
    for rec in data.get("actors") or []:
        actor, aliases = parse_actor(rec)
        _add_actor(gaz, actor, aliases, override=True)
        # "UN High Commissioner for Human Rights" leads to the Office but names a person's post
        for title in rec.get("titles") or []:
            gaz.add(title, ACTOR, actor)
            gaz.titles.add(fold(title))


def _add_actor(gaz: Gazetteer, actor: Actor, aliases: list[str], override: bool) -> None:
    for n in [actor.name, *aliases]:
        key = tuple(low(t) for t in tokens_of(n))
        if override and not _is_acronym(n):
            # a curated entry replaces derived entries of the same name ("Putin" of Phoenix)
            old = gaz.names.get(key, [])
            gaz.names[key] = [h for h in old if h.kind != ACTOR or h.actor.type != actor.type]
        gaz.add(n, ACTOR, actor)
        if override and not _is_acronym(n):
            bucket = gaz.names[key]
            bucket.insert(0, bucket.pop())  # curated first


def _load_vocabulary(gaz: Gazetteer) -> None:
    for row in _rows("roles.tsv"):
        gaz.roles[fold(row[0])] = _col(row, 1)
    for row in _rows("nouns.tsv"):
        gaz.nouns[row[0]] = (_col(row, 1), _col(row, 2))
    for row in _rows("descriptions.tsv"):
        gaz.descriptions[row[0]] = (_col(row, 1), _col(row, 2))
    for row in _rows("genders.tsv"):
        gaz.genders[row[0]] = _col(row, 1)


# ---------------------------------------------------------------------- user actors files

def parse_actor(rec: dict) -> tuple[Actor, list[str]]:
    """One actor record (YAML mapping or CSV row) → (Actor, aliases). Raises ValueError if invalid."""
    name = str(rec.get("name") or "").strip()
    typ = str(rec.get("type") or "").strip().upper()
    if not name or typ not in ENTITY_TYPES:
        raise ValueError(f"actor needs a name and a type in {', '.join(ENTITY_TYPES)}: {rec!r}")
    aliases = rec.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [a for a in (p.strip() for p in aliases.replace(";", "|").split("|")) if a]
    peoples = rec.get("people") or []
    actor = Actor(name=name, type=typ, country=str(rec.get("country") or "").strip().upper(),
                  sector=str(rec.get("sector") or "").strip().upper(),
                  wikidata=str(rec.get("wikidata") or "").strip(), peoples=tuple(peoples))
    return actor, [str(a) for a in aliases]


def read_actors_file(path: Path) -> list[tuple[Actor, list[str]]]:
    """Actors of a user file: YAML (a list, or a mapping with ``actors:``) or CSV with a header."""
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() in {".yaml", ".yml"}:
        data = yaml.safe_load(text) or []
        records = data.get("actors", []) if isinstance(data, dict) else data
    else:
        records = list(csv.DictReader(io.StringIO(text)))
    out = []
    for i, rec in enumerate(records, 1):
        try:
            out.append(parse_actor(rec))
        except ValueError as err:
            raise ValueError(f"{path}: record {i}: {err}") from None
    return out


__all__ = [
    "ACTOR",
    "CAPITAL",
    "DEMONYM",
    "GROUP",
    "ORGANIZATION",
    "PEOPLES",
    "PLACE",
    "SEAT",
    "STATE",
    "Actor",
    "Gazetteer",
    "Hit",
    "fold",
    "parse_actor",
    "read_actors_file",
    "tokens_of",
]
