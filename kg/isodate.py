"""ISO 8601 calendar dates: validation shared by every stage that reads or writes a date."""

from __future__ import annotations

import datetime as dt
import re


def iso_date(value: str) -> str:
    """``YYYY-MM-DD`` for an ISO 8601 date or date-time string, else ``""``."""
    match = re.match(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?\s*$", value or "")
    if not match:
        return ""
    return valid_date(int(match[1]), int(match[2]), int(match[3]))


def valid_date(year: int, month: int, day: int) -> str:
    """``YYYY-MM-DD`` for a real calendar day, else ``""`` (no 30 February)."""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return ""
