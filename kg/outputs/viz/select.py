"""Limiting what the explorer shows: top-N actors, a country, event types, a date range."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

import pycountry

from kg.resources import plover_quad_classes

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

    def describe(self) -> str:
        """The selection in words, for the page header ("" when it keeps everything)."""
        parts = [f"top {self.top} actors"] if self.top else []
        if self.country:
            parts.append(f"country {self.country}")
        if self.event_types:
            parts.append("event types " + ", ".join(self.event_types))
        if self.since or self.until:
            parts.append(f"dates {self.since or '…'} to {self.until or '…'}")
        return "; ".join(parts)


def make_selection(top: int = 0, country: str = "", event_types: str | list[str] = "", since: str = "",
                   until: str = "") -> Selection:
    """A :class:`Selection` from user input; raise ``ValueError`` with a clear message if invalid.

    ``country`` is an ISO 3166 alpha-3 or alpha-2 code; ``event_types`` PLOVER types, comma-separated
    or a list; ``since``/``until`` full or partial ISO dates (``2014``, ``2014-03``, ``2014-03-02``).
    """
    if top < 0:
        raise ValueError(f"--top must be a positive number of actors, got {top}")
    iso = ""
    if country:
        record = pycountry.countries.get(alpha_3=country.upper()) if len(country) == 3 else (
            pycountry.countries.get(alpha_2=country.upper()) if len(country) == 2 else None)
        if record is None:
            raise ValueError(f"--country must be an ISO 3166 country code (RUS, UA, ...), got {country!r}")
        iso = record.alpha_3
    names = event_types.split(",") if isinstance(event_types, str) else [
        t for item in event_types for t in item.split(",")]
    types = tuple(sorted({t.strip().upper() for t in names if t.strip()}))
    unknown = [t for t in types if t not in plover_quad_classes()]
    if unknown:
        raise ValueError(f"unknown PLOVER event type {', '.join(unknown)} "
                         f"(known: {', '.join(sorted(plover_quad_classes()))})")
    for name, value in (("--since", since), ("--until", until)):
        if value and not re.fullmatch(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?", value):
            raise ValueError(f"{name} must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), got {value!r}")
    if since and until and date_bounds(since)[0] > date_bounds(until)[1]:
        raise ValueError(f"--since {since} is after --until {until}")
    return Selection(top, iso, types, since, until)


def date_bounds(date: str) -> tuple[str, str]:
    """First and last day a full or partial ISO date (``2014``, ``2014-03``) can mean."""
    return date + _PAD_LOW.get(len(date), ""), date + _PAD_HIGH.get(len(date), "")


def in_range(date: str, since: str, until: str) -> bool:
    """Whether ``date`` may fall in ``[since, until]`` (all three full or partial ISO dates); an unknown
    date is outside any bounded range."""
    if not since and not until:
        return True
    if not date:
        return False
    low, high = date_bounds(date)
    return (not since or high >= date_bounds(since)[0]) and (not until or low <= date_bounds(until)[1])


def select(data: GraphData, sel: Selection) -> GraphData:
    """The part of ``data`` that ``sel`` keeps: its events, their actors, their documents."""
    if sel.is_empty():
        return data
    types = {t.upper() for t in sel.event_types}
    iso = sel.country.upper()
    events = [e for e in data.events
              if (not types or e.event_type in types)
              and in_range(data.event_date(e), sel.since, sel.until)
              and (not iso or iso in data.actors[e.subject].countries + data.actors[e.object].countries)]
    if sel.top > 0:
        degree = Counter(x for e in events for x in (e.subject, e.object))
        keep = {iri for iri, _ in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))[: sel.top]}
        events = [e for e in events if e.subject in keep and e.object in keep]
    used = {x for e in events for x in (e.subject, e.object)}
    docs = {e.doc for e in events}
    return replace(data, actors={k: v for k, v in data.actors.items() if k in used}, events=events,
                   docs={k: v for k, v in data.docs.items() if k in docs})
