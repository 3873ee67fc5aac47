"""Cross-document identity: which entity records and which events are the same thing.

The graph stage asks this module for merge keys; everything about *when two mentions or two
reports denote the same thing* lives here, apart from how the graph is written.

Entities. A merge key is a pure function of one document's entity record, so an entity gets the
same IRI whichever documents are built with it (that is what makes ``--update`` equal to a full
build). Keys, strongest first:

1. states: the ISO 3166-1 alpha-3 code ("Russia", "Russian Federation", "Moscow" as seat → ``rus``);
2. curated actors and gazetteer places (those with a Wikidata or GeoNames id): the curated
   canonical name, which the entity stage puts in ``label`` for every alias it matched;
3. everything else: the normalised name of :func:`kg.entities.namekey.name_key` — folded to
   lower-case ASCII (accents dropped), a leading article or honorific dropped, name particles
   dropped from the names of actors ("al-Sadr" / "al Sadr" / "Sadr"; places keep them: "El Paso"),
   and romanisation variants collapsed by the rules in ``kg/data/resolve/names.tsv`` (Zelenskyy /
   Zelenskiy / Zelensky, Nouri / Nuri, Shabaab / Shabab); a group's one-word name in the singular
   (Shiites / Shiite).

The type is never part of the merge: the IRI's path segment is the type (``person/``, ``place/``),
so a person and a city named alike never share a node. Surname-only mentions ("Putin") are
resolved to the full name inside their document by the entity stage, or, when the document never
gives one, to the one office holder of that name in office on its date (:mod:`kg.entities.dated`);
across documents only full names, aliases and curated ids meet.

Events. Reports of the same event get one key, hence one event node with one evidence node per
report (:func:`event_identity`). This is the "one-a-day" rule of political event data sets
(ICEWS, Phoenix): the same actor doing the same kind of thing to the same target on the same day
is one event however many articles, or sentences of one article, report it. "Kind" is the PLOVER
type (an outlet's "accuses" and another's "blames" are one ACCUSE); polarity (negated) and
modality (hypothetical) are part of it, so "China denied" never merges with "China did not deny".
The day is the event's own date when the text gives one, else the publication date: a news report
without a date speaks of its own day. Events without a PLOVER type (two things someone "said"
that day are rarely one statement), whose actor is not an entity ("officials said"), or with no
date at all, are never merged: nothing says two such reports are about the same happening.
"""

from __future__ import annotations

from kg.entities.namekey import group_key, name_key
from kg.isodate import iso_date
from kg.model import COUNTRY, GROUP, LOCATION, PERSON, Document, Entity, Event
from kg.rdf.iris import fold


def entity_merge_key(entity: Entity) -> str:
    """Merge key across documents (see the module docstring): ISO code for states, else a name key."""
    if entity.type == COUNTRY and entity.country:
        return entity.country.lower()
    if entity.type == GROUP:  # "Shiites" and "Shiite" are one people
        return group_key(entity.label) or fold(entity.label)
    return name_key(entity.label, person=entity.type == PERSON, particles=entity.type != LOCATION) \
        or fold(entity.label)


def event_day(event: Event, document: Document) -> str:
    """The day an event is keyed on: its own date (any precision), else the publication date."""
    return event.date or iso_date(document.date)


def event_identity(document: Document, event: Event, subject: str, obj: str, subject_is_entity: bool,
                   typed: bool) -> tuple[object, ...]:
    """The key an event IRI is minted from; reports with the same key become one event node.

    ``subject`` and ``obj`` are the IRIs of the actor and target (entity or concept); ``typed``
    says whether ``event.event_type`` is a PLOVER type. See the module docstring for the rule.
    """
    day = event_day(event, document)
    if typed and subject_is_entity and day:
        return ("event", subject, event.event_type, obj, event.negated, event.hypothetical, day)
    # one report only: the key names its document and place in it
    return ("report", document.id, event.sentence, event.start, event.end, event.predicate, subject, obj,
            event.negated, event.hypothetical, event.event_type)
