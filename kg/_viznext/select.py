"""Limiting what the explorer shows: top-N actors, a country, event types, a date range."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from .data import GraphData

_PAD_LOW = {4: "-01-01", 7: "-01"}
_PAD_HIGH = {4: "-12-31", 7: "-31"}


@dataclass(frozen=True)
class Selection:
    """Filters of ``kg viz``; an empty field means no limit."""

    top: int = 0
    country: str = ""  # ISO 3166-1 alpha-3
    event_types: tuple[str, ...] = ()
    since: str = ""  # ISO date, inclusive
    until: str = ""  # ISO date, inclusive

    def is_empty(self) -> bool:
        """Whether this selection keeps everything."""
        return self == Selection()


def date_bounds(date: str) -> tuple[str, str]:
    """First and last day a full or partial ISO date (``2014``, ``2014-03``) can mean."""
    return date + _PAD_LOW.get(len(date), ""), date + _PAD_HIGH.get(len(date), "")


def in_range(date: str, since: str, until: str) -> bool:
    """Whether ``date`` may fall in ``[since, until]``; an unknown date is outside any bounded range."""
    if not since and not until:
        return True
    if not date:
        return False
    low, high = date_bounds(date)
    return (not since or high >= since) and (not until or low <= until)


def select(data: GraphData, sel: Selection) -> GraphData:
    """The part of ``data`` that ``sel`` keeps: its events, their actors, their documents."""
    if sel.is_empty():
        return data
    types = {t.upper() for t in sel.event_types}
    iso = sel.country.upper()
    events = [e for e in data.events
              if (not types or e.event_type in types)
              and in_range(data.event_date(e), sel.since, sel.until)
              and (not iso or iso in data.actors[e.subject].countries or iso in data.actors[e.object].countries)]
    if sel.top > 0:
        degree = Counter(x for e in events for x in (e.subject, e.object))
        keep = {iri for iri, _ in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))[: sel.top]}
        events = [e for e in events if e.subject in keep and e.object in keep]
    used = {x for e in events for x in (e.subject, e.object)}
    docs = {e.doc for e in events}
    return replace(data, actors={k: v for k, v in data.actors.items() if k in used}, events=events,
                   docs={k: v for k, v in data.docs.items() if k in docs})
