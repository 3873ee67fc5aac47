"""Datelines: the publication date written in a document's opening lines."""

from __future__ import annotations

import re

from kg.isodate import valid_date

_MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"], 1)}
_MONTH_RE = "|".join(_MONTHS)
_DMY = re.compile(rf"\b(\d{{1,2}}) ({_MONTH_RE}),? (\d{{4}})\b", re.I)
_MDY = re.compile(rf"\b({_MONTH_RE}) (\d{{1,2}}), (\d{{4}})\b", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
#: Only the opening of an article holds its dateline; later dates are about events.
DATELINE_CHARS = 400


def find_publication_date(text: str) -> str:
    """The first well-formed date in the article's opening characters, or ``""``."""
    head = text[:DATELINE_CHARS]
    found: list[tuple[int, str]] = []
    for m in _ISO.finditer(head):
        found.append((m.start(), valid_date(int(m[1]), int(m[2]), int(m[3]))))
    for m in _DMY.finditer(head):
        found.append((m.start(), valid_date(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))))
    for m in _MDY.finditer(head):
        found.append((m.start(), valid_date(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))))
    for _, date in sorted(found):
        if date:
            return date
    return ""
