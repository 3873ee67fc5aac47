"""Document-level entities from name mentions: one cluster per real-world actor or place.

Order of work: people (so that surnames tagged as organisations can be recognised; a surname that
names nobody in full is the office holder of that name in office on the document's date), named
organisations and groups (so that "Kurdish forces" can join the Peshmerga named later), peoples,
states and places with their demonym + noun phrases, institutions ("parliament of Georgia"), unnamed
office holders ("China's chargé d'affaires"), then acronyms and the states of state organs.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.entities.clusters import Builder
from kg.entities.dated import holders_by_date
from kg.entities.gazetteer import ACTOR, CAPITAL, DEMONYM, PEOPLES, PLACE, SEAT, STATE, Gazetteer
from kg.entities.mentions import Mention
from kg.entities.orgs import add_group, add_of_institutions, add_org, countries_from_people, resolve_acronyms
from kg.entities.persons import add_offices, add_people, reclassify_as_people
from kg.entities.states import add_elliptic_states, add_place, add_state_mention, countries_of_places
from kg.entities.tokens import TokenTable

_STATE_KINDS = (STATE, CAPITAL, SEAT, DEMONYM, PEOPLES)


def build(doc: Doc, gaz: Gazetteer, mentions: list[Mention], table: TokenTable | None = None,
          date: str = "") -> Builder:
    """Run all steps over the mentions of ``doc`` (``table``: its token attributes, if already read;
    ``date``: the document's publication date, which dates the offices of people named by surname)."""
    b = Builder(doc, gaz, mentions, table)
    people = [m for m in mentions if m.label == "PERSON"]
    add_people(b, people)
    reclassify_as_people(b)
    seen = {id(m) for m in people}
    add_people(b, [m for m in mentions if m.label == "PERSON" and id(m) not in seen])
    holders_by_date(b, date)
    rest = [m for m in mentions if m.label != "PERSON"]
    for m in rest:
        if m.kind not in _STATE_KINDS and (m.kind == ACTOR or m.label == "ORG"):
            add_org(b, m)
    for m in rest:
        if m.kind == "ner" and m.label == "NORP":
            add_group(b, m)
    for m in rest:
        if m.kind in _STATE_KINDS:
            add_state_mention(b, m)
        elif m.kind == PLACE or (m.kind == "ner" and m.label in ("GPE", "LOC", "FAC")):
            add_place(b, m)
    add_elliptic_states(b)
    add_of_institutions(b)
    add_offices(b)
    resolve_acronyms(b)
    countries_from_people(b)
    countries_of_places(b)
    return b


__all__ = ["Builder", "build"]
