"""One file's text → a :class:`Document`: plain text, Markdown, HTML, JSON Lines, and manifests.

Each reader raises :class:`kg.ingest.text.InputError` (or reports a :class:`Problem`) for input it
cannot turn into a document; what happens to each kind of bad input is in docs/robustness.md.
"""

from __future__ import annotations

import codecs
import csv
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from kg.ingest.dateline import find_publication_date
from kg.ingest.text import InputError, Reporter, clean_url, decode_bytes, display, normalise, one_line, show
from kg.isodate import iso_date
from kg.model import Document, Problem

#: A first line longer than this is body text, not a headline.
MAX_HEADLINE = 200


def text_document(path: Path, text: str) -> Document:
    if path.suffix.lower() == ".md":
        text = _strip_markdown(text)
    text = normalise(text)
    if not text:
        raise InputError("empty file (whitespace only)")
    first = text.split("\n", 1)[0].strip()
    title = first if len(first) <= MAX_HEADLINE else ""
    return Document(id=path.stem, text=text, title=title, date=find_publication_date(text),
                    origin=display(path))


def _strip_markdown(text: str) -> str:
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.M)  # headings
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links and images keep their text
    return re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)


def html_document(path: Path, html: str) -> Document:
    from kg.ingest.html import extract_article

    article = extract_article(html)
    text = normalise(article.text)
    if not text:
        raise InputError("no article text found in HTML")
    return Document(id=path.stem, text=text, title=one_line(article.title),
                    date=article.date or find_publication_date(text), url=clean_url(article.url),
                    origin=display(path))


# -- JSON Lines --------------------------------------------------------------------------


def iter_jsonl(path: Path, report: Reporter) -> Iterator[Document]:
    """Stream a JSON Lines file: memory stays bounded by the longest line, not the file."""
    where = display(path)
    try:
        fh = path.open("rb")
    except OSError as err:
        report(Problem(where, f"cannot read: {err.strerror or err}", "failed"))
        return
    with fh:
        found = False
        try:
            for lineno, raw in enumerate(fh, 1):
                if not raw.strip():
                    continue
                found = True
                try:
                    yield _jsonl_document(_decode_line(raw, f"{where}:{lineno}", report), path.stem, lineno,
                                          f"{where}:{lineno}")
                except InputError as err:
                    report(Problem(f"{where}:{lineno}", str(err)))
        except OSError as err:
            report(Problem(where, f"read error: {err.strerror or err}", "failed"))
            return
    if not found:
        report(Problem(where, "empty file"))


def _decode_line(raw: bytes, where: str, report: Reporter) -> str:
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        text, bad = decode_bytes(raw)
        report(Problem(where, f"invalid UTF-8 at byte {err.start + 1} of the line: {bad} "
                              f"byte{'s' if bad != 1 else ''} not valid UTF-8, decoded as Windows-1252", "warning"))
        return text


def _jsonl_document(line: str, stem: str, lineno: int, where: str) -> Document:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(f"invalid JSON ({err.msg} at column {err.colno})") from None
    except RecursionError:
        raise InputError("invalid JSON (nested too deeply)") from None
    if not isinstance(obj, dict):
        raise InputError(f"expected a JSON object, got {type(obj).__name__}")
    body = obj.get("text")
    if not isinstance(body, str):
        raise InputError("missing 'text' string")
    text = normalise(body)
    if not text:
        raise InputError("empty 'text'")
    raw_date = obj.get("date") or ""
    date = iso_date(str(raw_date)) if raw_date else ""
    if raw_date and not date:
        raise InputError(f"'date' is not an ISO 8601 date: {show(str(raw_date), 40)}")
    fields = {k: obj.get(k) for k in ("id", "title", "url", "source")}
    for key, value in fields.items():
        if value is not None and (isinstance(value, bool) or not isinstance(value, str | int)):
            raise InputError(f"'{key}' must be a string")
    doc_id = one_line(fields["id"]) if fields["id"] is not None else ""
    return Document(id=doc_id or f"{stem}-{lineno}", text=text, title=one_line(fields["title"] or ""),
                    date=date or find_publication_date(text), url=clean_url(fields["url"] or ""),
                    source=one_line(fields["source"] or ""), origin=where)


# -- manifests ---------------------------------------------------------------------------


def read_manifest(path: Path, report: Reporter) -> dict[str, dict[str, str]]:
    if not path.is_file():
        return {}
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t"))
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        report(Problem(display(path), f"manifest ignored: {err}", "warning"))
        return {}
    return {r["file"]: r for r in rows if r.get("file")}


def apply_manifest(doc: Document, meta: dict[str, str]) -> Document:
    if not meta:
        return doc
    date = iso_date(meta.get("date") or "") or doc.date
    return replace(doc, title=one_line(meta.get("title") or "") or doc.title, date=date,
                   url=clean_url(meta.get("url") or "") or doc.url,
                   source=one_line(meta.get("source") or "") or doc.source)
