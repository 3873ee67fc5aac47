"""Event locations: a place entity attached to the clause ("in Kyiv", "in the villages of Tarasivka")."""

from __future__ import annotations

from spacy.tokens import Token

from kg.events.args import EntityLookup
from kg.model import COUNTRY, LOCATION

PLACE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "around", "throughout", "within"})


def clause_location(verb: Token, index: EntityLookup) -> str:
    """Entity key of the place where ``verb``'s event happens: a LOCATION, else a COUNTRY."""
    best = ""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
            continue
        for tok in prep.subtree:
            if tok.pos_ == "VERB":
                break
            key = index.key_at(tok.i)
            ent = index.entity(key) if key else None
            if ent is None:
                continue
            if ent.type == LOCATION:
                return key
            if ent.type == COUNTRY and not best:
                best = key
    return best
