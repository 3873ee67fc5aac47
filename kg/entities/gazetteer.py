"""Curated names of states, places, organisations, groups, people and roles (``kg/data/gazetteer/``).

All lookups are dictionaries keyed by tuples of lower-cased tokens, built once per process, so
matching a document is a dictionary probe per token position (see :mod:`kg.entities.mentions`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.lang.en import English
from spacy.lang.en.stop_words import STOP_WORDS

from kg.model import PERSON

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
    called: tuple[str, ...] = ()  # nouns that name it in a text that named it ("the militias": Janjaweed)
    faith: str = ""  # a group's religion or sect (``faiths.tsv``): "Shiite militants" may be it


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
    #: elliptic state names ("South") → (state, context states) rows of ``elliptic.tsv``
    elliptic: dict[str, list[tuple[str, frozenset[str]]]] = field(default_factory=dict)
    faiths: dict[str, str] = field(default_factory=dict)  # religion adjective → faith ("shiite" → shia)
    #: faith → itself and the broader faiths it is a branch of (shia → shia, islam)
    faith_lines: dict[str, tuple[str, ...]] = field(default_factory=dict)
    titles: set[str] = field(default_factory=set)  # folded office titles that point to a body, not name it
    #: folded titles and roles ("President", "the foreign minister"): they describe, they never name,
    #: so they are no aliases (as altLabels they would merge every president across documents)
    not_names: frozenset[str] = frozenset()
    #: reads ``offices.tsv`` into :attr:`holders` at first use: only dated documents that name someone by
    #: surname alone need its 15,000 rows
    holders_source: Callable[[], dict[str, list[tuple[str, str, str]]]] | None = None
    #: folded surname → curated people of that name (``actors.yaml``, ``--actors``)
    curated_people: dict[str, list[Actor]] = field(default_factory=dict)
    first_words: dict[str, int] = field(default_factory=dict)  # first token → longest name it starts
    max_role_len: int = 1  # most tokens in a role phrase
    max_len: int = 1
    _holders: dict[str, list[tuple[str, str, str]]] | None = None

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
        if is_acronym(name):
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
        # a bare description ("the state", "the ministry") refers to an actor but never names it
        self.not_names = frozenset(self.titles | set(self.roles) | set(self.descriptions) | self.nouns_described)
        self.role_words = frozenset(w for phrase in self.roles for w in phrase.split() if w not in STOP_WORDS)

    # ------------------------------------------------------------------ lookups

    @property
    def holders(self) -> dict[str, list[tuple[str, str, str]]]:
        """Folded surname → office holders of that name (``offices.tsv``): (name, titles, offices), the
        lists as in the file ("prime minister|president"; "state sector from to" joined by "|")."""
        if self._holders is None:
            self._holders = self.holders_source() if self.holders_source is not None else {}
        return self._holders

    def lookup(self, words: list[str], lowers: list[str]) -> list[Hit]:
        """Hits for one candidate phrase given as token texts and their lower-case forms."""
        hits = self.acronyms.get(tuple(words))
        if hits:
            return hits
        return self.names.get(tuple(lowers), [])  # ``lowers`` as made by :func:`_low`

    def state(self, iso3: str) -> Actor | None:
        """The state with this ISO 3166-1 alpha-3 code."""
        return self.states.get(iso3)

    def holder(self, surname: str, day: str, states: Collection[str] | None = None,
               titles: Collection[str] = ()) -> Actor | None:
        """The one office holder called ``surname`` in office on ``day`` (ISO date) for one of ``states``
        (any state if None); None when none or several are (a curated person of that name who is not
        the holder counts as one more: curated people carry no dates, so they may hold an office then).

        Of several, the one the dictionary calls by one of the text's ``titles`` (folded: "prime
        minister"), if only one is so called: "Prime Minister Brown" when Nick Brown was a minister too.
        The holder is the curated actor of that name when there is one (curated data wins).
        """
        key = fold(surname).replace(" ", "-")  # fold() spaces hyphens: "al-maliki"
        fits = {name: (iso3, sector, called) for name, called, offices in self.holders.get(key, ())
                for iso3, sector, start, end in (o.split(" ") for o in offices.split("|"))
                if start <= day <= end and (states is None or iso3 in states)}
        if len(fits) > 1 and titles:
            fits = {name: fit for name, fit in fits.items() if set(fit[2].split("|")) & set(titles)}
        if len(fits) != 1:
            return None
        name, (iso3, sector, _called) = next(iter(fits.items()))
        curated = [a for a in self.curated_people.get(key, ()) if states is None or a.country in states]
        if any(fold(a.name) != fold(name) for a in curated):
            return None
        return curated[0] if curated else Actor(name, PERSON, iso3, sector)

    def role(self, phrase: str) -> str | None:
        """Sector of a role phrase ("foreign minister" → GOV), or None if it is no role."""
        return self.roles.get(fold(phrase))


# ---------------------------------------------------------------------- helpers

_TOKENIZER = English().tokenizer


#: Strings the tokenizer treats as special cases ("Cannot" → "Can" "not"), which plain words may be.
_SPECIAL_CASES = frozenset(_TOKENIZER.rules)


def tokens_of(text: str) -> Key:
    """Token texts of a name, tokenised the way spaCy's English pipelines do."""
    words = text.split(" ")
    if all(w.isalpha() and w not in _SPECIAL_CASES for w in words):
        # Letters-only words joined by single spaces: no prefix, suffix or infix rule applies to
        # letters, so the tokenizer would split at the spaces only. Most of the ~19,000 gazetteer
        # names are such; this skips the tokenizer, which made loading take over a second.
        return tuple(words)
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


def is_acronym(name: str) -> bool:
    """One all-capital word of at most six letters ("US", "U.S.", "WHO"): matched case-sensitively."""
    letters = [c for c in name if c.isalpha()]
    return 0 < len(letters) <= 6 and all(c.isupper() for c in letters) and " " not in name.strip()


__all__ = ["ACTOR", "CAPITAL", "DEMONYM", "PEOPLES", "PLACE", "SEAT", "STATE", "Actor", "Gazetteer", "Hit",
           "fold", "is_acronym", "low", "tokens_of"]
