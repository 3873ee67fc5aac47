"""Descriptive plurals that stand for the article's one named group or force of their kind.

News introduces an armed group by what it is before, or instead of, naming it: "Shiite militants"
in a lede on the Mahdi Army, "Islamic insurgents" for al-Shabaab, "African troops" for AMISOM. Such a
phrase has no name of its own; it is the named group when the article names exactly one group of the
noun's kind that the adjective fits, and otherwise (none, or two or more: "Somali rebels" in an
article on al-Shabaab and another Somali group) it stays a node of its own.

The adjective must be *known* to fit: a state's demonym fits a group of that state; a people's
adjective fits a body whose ``people`` list has it (the Peshmerga's "Kurdish", AMISOM's "African");
a religion or sect adjective (``faiths.tsv``) fits a group whose ``faith`` is that faith or a
branch of it ("Islamic" fits a Sunni group, "Shiite" does not). A group whose data says nothing of
its faith fits no religion adjective: religion adjectives in conflict news are contrastive ("Sunni
insurgents" beside the Shiite Mahdi Army, Christian and Muslim militias), and a wrong merge gives
one side's acts to the other, where a missed one only leaves a second node.
"""

from __future__ import annotations

from kg.entities.clusters import Builder, Cluster, clean
from kg.entities.gazetteer import fold
from kg.entities.namekey import name_key
from kg.model import COUNTRY, GROUP, LOCATION, ORGANIZATION

#: Kinds of force noun (``nouns.tsv`` classes): irregular armed groups and (multinational) forces.
REBEL, FORCE = "REBEL", "MIL"


def described_group(b: Builder, adjective: str, iso3: str, kind: str, at: int) -> Cluster | None:
    """The one named group of ``kind`` in the article that ``adjective`` (a state's demonym when
    ``iso3`` is given, else a people's or religion's adjective) fits, or None when none or several do.

    Of several that fit, the one based in a state the phrase's sentence (token ``at``) names or
    places it in, if only one is: "Islamic insurgents fought ... in Mogadishu" is the Somali group,
    not al-Qaeda, which the article names as al-Shabaab's ally; two Somali groups stay two."""
    adj = fold(adjective)
    fits: dict[str, Cluster] = {}
    for c in b.clusters.values():
        if c.fixed_label and c.spans and _of_kind(c, kind) and _fits(b, c, adj, iso3):
            # one group under two gazetteer spellings ("al-Shabaab", "Al-Shabaab") is one candidate
            fits.setdefault(name_key(clean(c.label), particles=True), c)
    if len(fits) > 1:
        here = _states_of_sentence(b, at)
        fits = {k: c for k, c in fits.items() if c.country and c.country in here}
    return next(iter(fits.values())) if len(fits) == 1 else None


def _states_of_sentence(b: Builder, at: int) -> set[str]:
    """States that the sentence of token ``at`` names or names a place of ("in Mogadishu")."""
    sent = b.doc[at].sent
    return {m.actor.country for m in b.mentions if m.actor is not None and m.actor.country
            and m.actor.type in (COUNTRY, LOCATION) and sent.start <= m.start < sent.end}


def _of_kind(c: Cluster, kind: str) -> bool:
    """Militants, insurgents, rebels are an irregular armed group; troops and soldiers without a state
    are a force that a people or region names (the Peshmerga, a regional peacekeeping mission)."""
    if kind == REBEL:
        return c.type == GROUP and c.sector == "REB"
    return c.type in (ORGANIZATION, GROUP) and c.sector in ("MIL", "IGO") and bool(c.words)


def _fits(b: Builder, c: Cluster, adj: str, iso3: str) -> bool:
    """Does the adjective say something true of the group (never merely nothing false)?"""
    if adj in c.words:
        return True  # a people the body's data names: "Kurdish" Peshmerga, "African" AMISOM
    if iso3:
        return c.country == iso3
    # "Islamic" fits a Sunni group: the adjective's faith is the group's or one it is a branch of
    faith = b.gaz.faiths.get(adj)
    return bool(faith and c.faith) and faith in b.gaz.faith_lines.get(c.faith, (c.faith,))


__all__ = ["FORCE", "REBEL", "described_group"]
