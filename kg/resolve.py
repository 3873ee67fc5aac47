"""Cross-document identity: which entity records and which events are the same thing.

The graph stage asks this module for merge keys; everything about *when two mentions or two
reports denote the same thing* lives here, apart from how the graph is written.

Entities. A merge key is a pure function of one document's entity record, so an entity gets the
same IRI whichever documents are built with it (that is what makes ``--update`` equal to a full
build). Keys, strongest first:

1. states: the ISO 3166-1 alpha-3 code ("Russia", "Russian Federation", "Moscow" as seat → ``rus``);
2. curated actors and gazetteer places (those with a Wikidata or GeoNames id): the curated
   canonical name, which the entity stage puts in ``label`` for every alias it matched;
3. everything else: the normalised name — folded to lower-case ASCII (accents dropped), a leading
   article or honorific dropped, and romanisation variants collapsed by the rules in
   ``kg/data/resolve/names.tsv`` (Zelenskyy / Zelenskiy / Zelensky).

The type is never part of the merge: the IRI's path segment is the type (``person/``, ``place/``),
so a person and a city named alike never share a node. Surname-only mentions ("Putin") are
resolved to the full name inside their document by the entity stage; across documents only full
names, aliases and curated ids meet.

Events. Reports of the same event — same subject, PLOVER type, object, polarity and modality on
the same day — get one key, hence one event node with one evidence node per report.
"""

from __future__ import annotations

import re
from functools import cache

from kg.iris import fold
from kg.model import COUNTRY, PERSON, Entity
from kg.resources import read_tsv


@cache
def _rules() -> tuple[tuple[tuple[re.Pattern[str], str], ...], frozenset[str], frozenset[str]]:
    """(translit rules, honorifics, articles) from the shipped data file; immutable once read."""
    rows = read_tsv("resolve/names.tsv")
    translit = tuple((re.compile(r["pattern"]), r["replacement"] or "") for r in rows if r["kind"] == "translit")
    honorifics = frozenset(r["pattern"] for r in rows if r["kind"] == "honorific")
    articles = frozenset(r["pattern"] for r in rows if r["kind"] == "article")
    return translit, honorifics, articles


def name_key(name: str, person: bool = False) -> str:
    """Normalised name: folded, leading article (and for people, honorifics) dropped, translit collapsed.

    >>> name_key("Zelenskyy") == name_key("Zelenskiy") == name_key("Zelensky")
    True
    """
    translit, honorifics, articles = _rules()
    words = fold(name).split()
    if len(words) > 1 and words[0] in articles:
        words = words[1:]
    # only when a full name remains: "King Abdullah" alone must not become every "Abdullah"
    while person and len(words) > 2 and words[0] in honorifics:
        words = words[1:]
    out = []
    for word in words:
        if len(word) > 3:  # short words ("ii" in "Pope Pius II") are not romanisations
            for pattern, replacement in translit:
                word = pattern.sub(replacement, word)
        out.append(word)
    return " ".join(out)


def entity_merge_key(entity: Entity) -> str:
    """Merge key across documents (see the module docstring): ISO code for states, else a name key."""
    if entity.type == COUNTRY and entity.country:
        return entity.country.lower()
    return name_key(entity.label, person=entity.type == PERSON) or fold(entity.label)


def event_identity(doc_id: str, sentence: int, start: int, end: int, predicate: str, subject: str,
                   obj: str, negated: bool, hypothetical: bool = False, event_type: str = "") -> tuple[object, ...]:
    """The key an event IRI is minted from; two reports with the same key become one event node.

    It starts with the document id, so an event node lives in one document's named graph
    (:mod:`kg.dump` relies on that when it writes the union graph).
    """
    return (doc_id, sentence, start, end, predicate, subject, obj, negated, hypothetical, event_type)
