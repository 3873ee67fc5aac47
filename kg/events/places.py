"""Event locations: a place entity attached to the clause ("in Kyiv", "in the villages of Tarasivka")."""

from __future__ import annotations

from spacy.tokens import Token

from kg.events.args import EntityLookup
from kg.model import COUNTRY, LOCATION

PLACE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "around", "throughout", "within"})


def clause_location(verb: Token, index: EntityLookup, countries_only: bool = False) -> str:
    """Entity key of the place where ``verb``'s event happens: a LOCATION, else a COUNTRY."""
    best = ""
    # the verb's own place phrases first, then place phrases nested in its other prepositional
    # phrases ("took them prisoner during clashes … in the villages of Tarasivka")
    preps = [c for c in verb.children if c.dep_ == "prep"]
    direct = [p for p in preps if p.lower_ in PLACE_PREPS]
    nested = [t for p in preps if p.lower_ not in PLACE_PREPS for t in p.subtree
              if t.dep_ == "prep" and t.lower_ in PLACE_PREPS]
    for prep in direct + nested:
        for tok in prep.subtree:
            if tok.dep_ in ("relcl", "ccomp", "advcl"):
                break
            key = index.key_at(tok.i)
            ent = index.entity(key) if key else None
            if ent is None:
                continue
            if ent.type == LOCATION and not countries_only:
                return key
            if ent.type == COUNTRY and not best and prep in direct and tok.dep_ == "pobj" and tok.head == prep:
                best = key  # "in Ukraine", not a possessor inside the phrase ("in its invasion")
    return best
