"""Ingest stage: files and directories named by the user → a stream of :class:`Document` records.

Supported inputs (CONTRACT.md): ``.txt``/``.md`` (id = file stem, first line = headline when it
is short), ``.html``/``.htm`` (article body, boilerplate dropped), ``.jsonl`` (one object per line
with ``text`` and optional ``id``, ``title``, ``date``, ``url``, ``source``) and directories
(recursively, sorted; hidden entries such as ``.git`` are ignored). A ``manifest.tsv`` in a
directory (columns ``file`` and any of ``title``, ``date``, ``source``, ``url``) supplies metadata
for the files beside it.

Bad inputs never stop the stream: each becomes one :class:`Problem` (one line ``where: reason``)
passed to ``report`` and the remaining inputs are read. What happens to each kind of bad input is
listed in docs/robustness.md; in short: empty, binary, non-English, duplicate and malformed inputs
are *skipped*; missing, unreadable and special files *fail*; invalid UTF-8 is decoded with a
*warning*; very long documents are split into parts with a *warning*.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from kg.ingest.formats import apply_manifest, html_document, iter_jsonl, read_manifest, text_document
from kg.ingest.language import check_language
from kg.ingest.parts import PART_CHARS, SPLIT_ABOVE, count_parts, part_id, split_document
from kg.ingest.text import InputError, Reporter, decode, display, show
from kg.model import Document, Problem

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
MANIFEST = "manifest.tsv"
#: A text or HTML file is read whole; beyond this it is refused rather than exhausting memory.
#: (JSON Lines files are streamed line by line and have no limit.)
MAX_FILE_BYTES = 256 * 1024 * 1024



def iter_documents(paths: Iterable[str | Path], report: Reporter, date: str = "",
                   check_english: bool = True) -> Iterator[Document]:
    """Yield a :class:`Document` for every readable English article under ``paths``.

    ``date`` (ISO) is the publication date for documents that carry none of their own.
    Problems go to ``report``; duplicate ids are skipped after the first; non-English documents
    are skipped (unless ``check_english`` is False); documents longer than
    :data:`kg.ingest.parts.SPLIT_ABOVE` characters come out as several part documents.
    """
    seen: dict[str, str] = {}
    walk = _Walk(report)
    for path in paths:
        for doc in walk.path(Path(path)):
            if not doc.date and date:
                doc = replace(doc, date=date)
            first = seen.get(doc.id)
            if first is not None:
                report(Problem(doc.origin, f"duplicate document id {show(doc.id)} (first read from {first}); skipped"))
                continue
            seen[doc.id] = doc.origin
            if check_english:
                verdict = check_language(doc.text)
                if not verdict.english:
                    report(Problem(doc.origin, f"{verdict.reason}; skipped (GeoKG reads English only)"))
                    continue
            yield from _parts(doc, report)


def _parts(doc: Document, report: Reporter) -> Iterator[Document]:
    if len(doc.text) > SPLIT_ABOVE:
        report(Problem(doc.origin, f"{len(doc.text):,} characters: processed in about "
                                   f"{count_parts(len(doc.text), PART_CHARS):,} parts of at most {PART_CHARS:,} "
                                   f"characters, ids {show(part_id(doc.id, 1))}, ...", "warning"))
    yield from split_document(doc, SPLIT_ABOVE, PART_CHARS)


class _Walk:
    """One traversal of the inputs: remembers directories already read, across all inputs."""

    def __init__(self, report: Reporter) -> None:
        self.report = report
        self.dirs: dict[str, str] = {}  # real path → path it was first read as

    def problem(self, where: Path | str, reason: str, level: str = "skipped") -> None:
        self.report(Problem(display(where), reason, level))

    def path(self, path: Path) -> Iterator[Document]:
        """Documents of an input named on the command line."""
        kind = _kind(path)
        if kind == "dir":
            yield from self.directory(path, ancestors=frozenset())
        elif kind == "missing":
            self.problem(path, _missing_reason(path), "failed")
        elif path.suffix.lower() not in SUPPORTED:
            self.problem(path, f"unsupported file type {path.suffix or '(none)'!r}; "
                               f"expected one of {', '.join(sorted(SUPPORTED))}")
        else:
            yield from self.file(path, kind, {})

    def directory(self, path: Path, ancestors: frozenset[str]) -> Iterator[Document]:
        real = os.path.realpath(path)
        if real in ancestors:
            self.problem(path, f"directory symlink loop (back to {display(self.dirs.get(real, real))}); skipped")
            return
        if real in self.dirs:
            self.problem(path, f"same directory as {display(self.dirs[real])}, already read; skipped")
            return
        self.dirs[real] = str(path)
        try:
            children = sorted(os.scandir(path), key=lambda e: e.name)
        except OSError as err:
            self.problem(path, f"cannot list directory: {err.strerror or err}", "failed")
            return
        manifest = read_manifest(path / MANIFEST, self.report)
        for entry in children:
            if entry.name.startswith("."):
                continue  # hidden files and directories (.git, editor swap files, our own temp files)
            child = Path(entry.path)
            kind = _kind(child)
            if kind == "dir":
                yield from self.directory(child, ancestors | {real})
            elif child.suffix.lower() in SUPPORTED:
                if kind == "missing":
                    self.problem(child, _missing_reason(child), "failed")
                else:
                    yield from self.file(child, kind, manifest.get(entry.name, {}))

    def file(self, path: Path, kind: str, meta: dict[str, str]) -> Iterator[Document]:
        if kind != "file":
            # Reading a FIFO would block forever and a device may never end.
            self.problem(path, f"not a regular file ({kind}); skipped")
            return
        if path.suffix.lower() in JSONL_SUFFIXES:
            yield from iter_jsonl(path, self.report)
            return
        try:
            raw = _read_bytes(path)
            text = decode(raw, display(path), self.report)
            doc = (html_document if path.suffix.lower() in HTML_SUFFIXES else text_document)(path, text)
        except OSError as err:
            self.problem(path, f"cannot read: {err.strerror or err}", "failed")
            return
        except InputError as err:
            self.problem(path, str(err))
            return
        yield apply_manifest(doc, meta)


def _kind(path: Path) -> str:
    """``dir``, ``file``, ``missing`` or the kind of special file (``FIFO``, ``socket``, ...)."""
    try:
        mode = path.stat().st_mode  # follows symlinks
    except (OSError, RuntimeError):  # RuntimeError: symlink loop on some Python versions
        return "missing"
    if stat.S_ISDIR(mode):
        return "dir"
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "special file"


def _missing_reason(path: Path) -> str:
    if path.is_symlink():
        try:
            os.stat(path)
        except OSError as err:
            if err.errno == 40:  # ELOOP
                return "symlink loop"
        return f"broken symlink (to {display(os.readlink(path))})"
    return "no such file or directory"


def _read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(f"file too large ({size / 2**20:,.0f} MB > {MAX_FILE_BYTES / 2**20:,.0f} MB); "
                         "split it or convert it to JSON Lines; skipped")
    return path.read_bytes()
