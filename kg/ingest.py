"""Ingest stage: files, directories and JSON Lines in, :class:`Document` records out.

Supported inputs (CONTRACT.md): ``.txt``/``.md`` (id = file stem, first line = headline when it
is short), ``.html``/``.htm`` (article body, boilerplate dropped), ``.jsonl`` (one object per line
with ``text`` and optional ``id``, ``title``, ``date``, ``url``, ``source``) and directories
(recursively, sorted). A ``manifest.tsv`` in a directory (columns ``file`` and any of ``title``,
``date``, ``source``, ``url``) supplies metadata for the files beside it.

Bad inputs never stop the stream: each becomes one :class:`Problem` passed to ``report`` and the
remaining inputs are read.
"""

from __future__ import annotations

import csv
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.dateparse import find_publication_date, iso_date
from kg.model import Document, Problem

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
MANIFEST = "manifest.tsv"
#: A first line longer than this is body text, not a headline.
MAX_HEADLINE = 200

Reporter = Callable[[Problem], None]


class InputError(ValueError):
    """An input that cannot be turned into a document; the message is the reason."""


def iter_documents(paths: Iterable[str | Path], report: Reporter, date: str = "") -> Iterator[Document]:
    """Yield a :class:`Document` for every readable article under ``paths``.

    ``date`` (ISO) is the publication date for documents that carry none of their own.
    Problems go to ``report``; duplicate ids are skipped after the first.
    """
    seen: dict[str, str] = {}
    for path in paths:
        for doc in _iter_path(Path(path), report, explicit=True, visited=set()):
            if not doc.date and date:
                doc = _replace(doc, date=date)
            first = seen.get(doc.id)
            if first is not None:
                report(Problem(doc.origin, f"duplicate document id {doc.id!r} (first read from {first}); skipped"))
                continue
            seen[doc.id] = doc.origin
            yield doc


def _iter_path(path: Path, report: Reporter, explicit: bool, visited: set[str]) -> Iterator[Document]:
    if not path.exists():
        report(Problem(str(path), "no such file or directory", "failed"))
        return
    if path.is_dir():
        yield from _iter_dir(path, report, visited)
        return
    if path.suffix.lower() not in SUPPORTED:
        if explicit:
            report(Problem(str(path), f"unsupported file type {path.suffix or '(none)'!r}; "
                                      f"expected one of {', '.join(sorted(SUPPORTED))}"))
        return
    yield from _iter_file(path, report, {})


def _iter_dir(path: Path, report: Reporter, visited: set[str]) -> Iterator[Document]:
    real = os.path.realpath(path)
    if real in visited:
        report(Problem(str(path), "directory symlink loop; skipped"))
        return
    visited = visited | {real}
    try:
        children = sorted(path.iterdir(), key=lambda p: p.name)
    except OSError as err:
        report(Problem(str(path), f"cannot list directory: {err.strerror or err}", "failed"))
        return
    manifest = _read_manifest(path / MANIFEST, report)
    for child in children:
        if child.is_dir():
            yield from _iter_dir(child, report, visited)
        elif child.suffix.lower() in SUPPORTED:
            yield from _iter_file(child, report, manifest.get(child.name, {}))


def _iter_file(path: Path, report: Reporter, meta: dict[str, str]) -> Iterator[Document]:
    suffix = path.suffix.lower()
    try:
        raw = path.read_bytes()
    except OSError as err:
        report(Problem(str(path), f"cannot read: {err.strerror or err}", "failed"))
        return
    if suffix in JSONL_SUFFIXES:
        yield from _iter_jsonl(path, raw, report)
        return
    try:
        text = decode(raw, str(path), report)
        doc = (_html_document if suffix in HTML_SUFFIXES else _text_document)(path, text, suffix)
    except InputError as err:
        report(Problem(str(path), str(err)))
        return
    yield _apply_manifest(doc, meta)


def decode(raw: bytes, where: str, report: Reporter) -> str:
    """Bytes → text. Invalid UTF-8 is decoded with U+FFFD replacements and a warning."""
    if not raw.strip():
        raise InputError("empty file")
    if b"\x00" in raw[:8192] or _looks_binary(raw[:8192]):
        raise InputError("binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        report(Problem(where, f"invalid UTF-8 at byte {err.start}; undecodable bytes replaced by U+FFFD",
                       "warning"))
        return raw.decode("utf-8-sig", errors="replace")


def _looks_binary(head: bytes) -> bool:
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(4, len(head) // 100)


def normalise(text: str) -> str:
    """The canonical text every offset refers to: NFC, ``\\n`` line ends, no control characters."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")
    return re.sub(r"[ \t]+\n", "\n", text).strip()


def _text_document(path: Path, text: str, suffix: str) -> Document:
    if suffix == ".md":
        text = _strip_markdown(text)
    text = normalise(text)
    if not text:
        raise InputError("empty file (whitespace only)")
    first = text.split("\n", 1)[0].strip()
    title = first if len(first) <= MAX_HEADLINE else ""
    return Document(id=path.stem, text=text, title=title, date=find_publication_date(text),
                    origin=str(path))


def _strip_markdown(text: str) -> str:
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.M)  # headings
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links and images keep their text
    return re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)


def _html_document(path: Path, html: str, suffix: str) -> Document:
    from kg.html import extract_article

    article = extract_article(html)
    text = normalise(article.text)
    if not text:
        raise InputError("no article text found in HTML")
    return Document(id=path.stem, text=text, title=article.title, date=article.date or find_publication_date(text),
                    url=article.url, origin=str(path))


def _iter_jsonl(path: Path, raw: bytes, report: Reporter) -> Iterator[Document]:
    if not raw.strip():
        report(Problem(str(path), "empty file"))
        return
    text = raw.decode("utf-8-sig", errors="replace")
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            yield _jsonl_document(line, path.stem, lineno, where)
        except InputError as err:
            report(Problem(where, str(err)))


def _jsonl_document(line: str, stem: str, lineno: int, where: str) -> Document:
    if "\ufffd" in line:
        raise InputError("invalid UTF-8 in line")
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(f"invalid JSON ({err.msg} at column {err.colno})") from None
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
        raise InputError(f"'date' is not an ISO 8601 date: {str(raw_date)[:40]!r}")
    fields = {k: obj.get(k) for k in ("id", "title", "url", "source")}
    for key, value in fields.items():
        if value is not None and not isinstance(value, str | int):
            raise InputError(f"'{key}' must be a string")
    return Document(id=str(fields["id"] or f"{stem}-{lineno}"), text=text, title=str(fields["title"] or ""),
                    date=date or find_publication_date(text), url=str(fields["url"] or ""),
                    source=str(fields["source"] or ""), origin=where)


def _read_manifest(path: Path, report: Reporter) -> dict[str, dict[str, str]]:
    if not path.is_file():
        return {}
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t"))
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        report(Problem(str(path), f"manifest ignored: {err}", "warning"))
        return {}
    return {r["file"]: r for r in rows if r.get("file")}


def _apply_manifest(doc: Document, meta: dict[str, str]) -> Document:
    if not meta:
        return doc
    date = iso_date(meta.get("date", "")) or doc.date
    return _replace(doc, title=meta.get("title") or doc.title, date=date,
                    url=meta.get("url") or doc.url, source=meta.get("source") or doc.source)


def _replace(doc: Document, **changes: str) -> Document:
    from dataclasses import replace

    return replace(doc, **changes)
