"""Event dates: DATE expressions of a clause resolved against the publication date.

Handles weekdays ("on Tuesday" → the latest such day not after publication), today/yesterday/
tomorrow, "last/this/next week|month|year", explicit dates with or without a year ("March 3",
"8 April 2025", "February 2002") and bare years ("in 2022"). Results are ISO strings with the
precision the text gives: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ``""`` when unresolvable.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july",
                                      "august", "september", "october", "november", "december"], 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")
_MONTH = re.compile(r"\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?", re.I)


def _pub(pub: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(pub[:10]) if pub else None
    except ValueError:
        return None


def _relative(text: str, ref: dt.date) -> str:
    if "today" in text or "tonight" in text or "this morning" in text:
        return ref.isoformat()
    if "yesterday" in text:
        return (ref - dt.timedelta(days=1)).isoformat()
    if "tomorrow" in text:
        return (ref + dt.timedelta(days=1)).isoformat()
    for day, wd in WEEKDAYS.items():
        if day in text:
            back = (ref.weekday() - wd) % 7
            if "next" in text:
                return (ref + dt.timedelta(days=(wd - ref.weekday()) % 7 or 7)).isoformat()
            if "last" in text and back == 0:
                back = 7
            return (ref - dt.timedelta(days=back)).isoformat()
    for word, shift in (("last", -1), ("this", 0), ("next", 1), ("previous", -1)):
        if re.search(rf"\b{word} month\b", text):
            month = ref.month + shift
            year = ref.year + (month - 1) // 12
            return f"{year:04d}-{(month - 1) % 12 + 1:02d}"
        if re.search(rf"\b{word} year\b", text):
            return f"{ref.year + shift:04d}"
    return ""


def resolve(text: str, pub: str) -> str:
    """ISO date for a date expression, anchored to the publication date ``pub`` (ISO or "")."""
    low = text.lower()
    ref = _pub(pub)
    month_m = _MONTH.search(low)
    year_m = _YEAR.search(low)
    if month_m:
        month = MONTHS[month_m.group(1).lower()]
        rest = low[:month_m.start()] + " " + low[month_m.end():]
        day_m = _DAY.search(_YEAR.sub(" ", rest))
        if year_m:
            year = int(year_m.group(1))
        elif ref is not None:
            # a month later than publication, without a year, is last year's
            year = ref.year - 1 if month > ref.month else ref.year
        else:
            return ""
        if day_m:
            try:
                return dt.date(year, month, int(day_m.group(1))).isoformat()
            except ValueError:
                return f"{year:04d}-{month:02d}"
        return f"{year:04d}-{month:02d}"
    if year_m and not re.search(r"\b(ago|since)\b", low):
        return year_m.group(1)
    if ref is not None:
        return _relative(low, ref)
    return ""


def clause_date(verb: Token, pub: str, date_spans: list[Span]) -> str:
    """The resolved date of the DATE entity attached to ``verb``'s own clause, if any."""
    for span in date_spans:
        head = span.root
        # walk up to the first verb: the date must modify this verb, not a nested one
        tok = head
        for _ in range(5):
            if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
                break
            tok = tok.head
        if tok == verb:
            value = resolve(span.text, pub)
            if value:
                return value
    return ""


def dates_by_sentence(doc: Doc, sents: list[Span]) -> list[list[Span]]:
    """The DATE entities lying wholly inside each sentence (what ``sent.ents`` would give, filtered).

    One pass over ``doc.ents``: ``Span.ents`` rebuilds every entity of the document on each call,
    which made this quadratic in the number of sentences.
    """
    out: list[list[Span]] = [[] for _ in sents]
    starts = [s.start for s in sents]
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        si = bisect_right(starts, ent.start) - 1
        if si >= 0 and ent.end <= sents[si].end:  # an entity across a sentence break is in neither
            out[si].append(ent)
    return out
