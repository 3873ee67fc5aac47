"""Splitting very long documents into parts spaCy can parse within bounded memory.

spaCy's parser needs roughly 3 MB per 1,000 characters in flight (measured here with
en_core_web_sm: a 100,000-character text peaks at +330 MB, a batch of 16 × 50,000 at 2.4 GB), so
a 20 MB dump parsed as one ``Doc`` would need tens of GB. A document longer than
:data:`SPLIT_ABOVE` characters is cut into parts of at most :data:`PART_CHARS`, at the best
boundary available: a paragraph break, else a line break, else a sentence end, else a space,
else (a 20,000-character "word") anywhere. Each part becomes its own document
(``ID-part0001`` ...), so offsets, sentence indices and evidence stay exact within the part.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from kg.model import Document

#: Documents up to this length are parsed whole (long-form articles are ~10-40k characters).
SPLIT_ABOVE = 50_000
#: Longest part of a split document: a batch of 16 such parts peaks near 1.1 GB.
PART_CHARS = 20_000
#: Boundaries in order of preference; the cut goes after the match.
_BOUNDARIES = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"'”’)\]]*\s"), re.compile(r"\s"))


def split_spans(text: str, max_chars: int = PART_CHARS) -> Iterator[tuple[int, int]]:
    """``(start, end)`` spans covering ``text`` in order, each at most ``max_chars`` long.

    Lazy, and each cut looks only at the window ahead of it, so the cost is linear in the text.
    Whitespace at a cut stays with the part before it; no character is dropped or duplicated.
    """
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    start, n = 0, len(text)
    while start < n:
        end = n if n - start <= max_chars else _cut(text, start, start + max_chars)
        yield start, end
        start = end


def _cut(text: str, start: int, limit: int) -> int:
    """Best cut in ``text[start:limit]``: the last preferred boundary in its second half."""
    floor = start + (limit - start) // 2  # never make tiny parts just to honour a boundary
    for pattern in _BOUNDARIES:
        last = None
        for match in pattern.finditer(text, floor, limit):
            last = match
        if last is not None:
            return last.end()
    return limit


def split_document(doc: Document, split_above: int = SPLIT_ABOVE,
                   max_chars: int = PART_CHARS) -> Iterator[Document]:
    """``doc`` itself when short enough, else its parts as documents ``ID-part0001`` ...

    Parts keep the title, date, url and source of the whole; their origin says which characters
    of the original they hold, so a problem in one part names the place in the file.
    """
    if len(doc.text) <= split_above:
        yield doc
        return
    for number, (start, end) in enumerate(split_spans(doc.text, max_chars), 1):
        part = doc.text[start:end].strip()
        if part:
            yield replace(doc, id=part_id(doc.id, number), text=part,
                          origin=f"{doc.origin or doc.id} (part {number}, characters {start}-{end})")


def part_id(doc_id: str, number: int) -> str:
    """Document id of part ``number`` (1-based) of ``doc_id``."""
    return f"{doc_id}-part{number:04d}"


def count_parts(length: int, max_chars: int = PART_CHARS) -> int:
    """Lower bound on the number of parts of a text of ``length`` characters (for messages)."""
    return -(-length // max_chars)
