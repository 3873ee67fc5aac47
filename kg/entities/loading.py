"""Loading the gazetteer's data files (``kg/data/gazetteer/``) and users' actors files."""

from __future__ import annotations

import csv
import io
from functools import cache
from pathlib import Path

import yaml

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
    fold,
    is_acronym,
    low,
    tokens_of,
)
from kg.entities.people import word_forms
from kg.model import COUNTRY, ENTITY_TYPES, LOCATION, PERSON
from kg.resources import data_text, parse_yaml


def _rows(name: str) -> list[list[str]]:
    return [line.split("\t") for line in data_text(f"gazetteer/{name}").splitlines()
            if line.strip() and not line.startswith("#")]


def _col(row: list[str], i: int) -> str:
    return row[i].strip() if len(row) > i else ""


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


# ---------------------------------------------------------------------- loading

def load_gazetteer(actors_file: Path | str | None = None) -> Gazetteer:
    """The shipped gazetteer plus the user's actors file (CSV or YAML, see the README).

    Loaded once per process and actors file; treat the result as read-only.
    """
    return _load(str(actors_file) if actors_file else "")


@cache
def _load(actors_file: str) -> Gazetteer:
    gaz = Gazetteer()
    _load_states(gaz)
    _load_places(gaz)
    _load_regions(gaz)
    _load_people(gaz)
    gaz.holders_source = _offices
    _load_groups(gaz)
    _load_curated(gaz, parse_yaml(data_text("gazetteer/actors.yaml")))
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


@cache
def _offices() -> dict[str, list[tuple[str, str, str]]]:
    """Surname → (name, titles, offices) of ``offices.tsv``; the offices stay text until a document asks
    for their surname (:meth:`Gazetteer.holder`). The surnames are ASCII (derive.py): lower() folds them."""
    holders: dict[str, list[tuple[str, str, str]]] = {}
    for line in data_text("gazetteer/offices.tsv").splitlines():
        if line.startswith("#"):
            continue
        name, surnames, titles, offices = line.split("\t")
        for surname in surnames.lower().split("|"):
            for form in word_forms([surname]) if "-" in surname else (surname,):  # "al-Maliki": "Maliki"
                holders.setdefault(form, []).append((name, titles, offices))
    return holders


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
    if actor.type == PERSON and len(actor.name.split()) > 1:
        surname = fold(actor.name.split()[-1])
        gaz.curated_people[surname] = [a for a in gaz.curated_people.get(surname, []) if a.name != actor.name]
        gaz.curated_people[surname].append(actor)
    for n in [actor.name, *aliases]:
        key = tuple(low(t) for t in tokens_of(n))
        if override and not is_acronym(n):
            # a curated entry replaces derived entries of the same name ("Putin" of Phoenix)
            old = gaz.names.get(key, [])
            gaz.names[key] = [h for h in old if h.kind != ACTOR or h.actor.type != actor.type]
        gaz.add(n, ACTOR, actor)
        if override and not is_acronym(n):
            bucket = gaz.names[key]
            bucket.insert(0, bucket.pop())  # curated first


def _load_vocabulary(gaz: Gazetteer) -> None:
    for row in _rows("roles.tsv"):
        gaz.roles[fold(row[0])] = _col(row, 1)
    for row in _rows("nouns.tsv"):
        gaz.nouns[row[0]] = (_col(row, 1), _col(row, 2))
    for row in _rows("descriptions.tsv"):
        gaz.descriptions[row[0]] = (_col(row, 1), _col(row, 2))
    broader: dict[str, str] = {}
    for row in _rows("faiths.tsv"):
        gaz.faiths[row[0]] = _col(row, 1)
        broader.setdefault(_col(row, 1), _col(row, 2))
    for faith in broader:
        line = [faith]
        while broader.get(line[-1]) and broader[line[-1]] not in line:
            line.append(broader[line[-1]])
        gaz.faith_lines[faith] = tuple(line)
    for row in _rows("genders.tsv"):
        gaz.genders[row[0]] = _col(row, 1)
    for row in _rows("elliptic.tsv")[1:]:  # after the header row
        gaz.elliptic.setdefault(row[0], []).append((_col(row, 1), frozenset(_col(row, 2).split())))


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
                  wikidata=str(rec.get("wikidata") or "").strip(), peoples=tuple(peoples),
                  called=tuple(str(w).lower() for w in rec.get("called") or []),
                  faith=str(rec.get("faith") or "").strip().lower())
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


__all__ = ["load_gazetteer", "parse_actor", "read_actors_file"]
