"""Ingest stage: files, directories and JSON Lines in, :class:`Document` records out.

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

import codecs
import csv
import json
import os
import re
import stat
import unicodedata
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from kg.dateparse import find_publication_date, iso_date
from kg.language import check_language
from kg.model import Document, Problem
from kg.parts import PART_CHARS, SPLIT_ABOVE, count_parts, part_id, split_document

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
MANIFEST = "manifest.tsv"
#: A first line longer than this is body text, not a headline.
MAX_HEADLINE = 200
#: A text or HTML file is read whole; beyond this it is refused rather than exhausting memory.
#: (JSON Lines files are streamed line by line and have no limit.)
MAX_FILE_BYTES = 256 * 1024 * 1024
#: Bytes inspected to tell text from binary.
SNIFF_BYTES = 8192

Reporter = Callable[[Problem], None]


class InputError(ValueError):
    """An input that cannot be turned into a document; the message is the reason."""


def iter_documents(paths: Iterable[str | Path], report: Reporter, date: str = "",
                   check_english: bool = True) -> Iterator[Document]:
    """Yield a :class:`Document` for every readable English article under ``paths``.

    ``date`` (ISO) is the publication date for documents that carry none of their own.
    Problems go to ``report``; duplicate ids are skipped after the first; non-English documents
    are skipped (unless ``check_english`` is False); documents longer than
    :data:`kg.parts.SPLIT_ABOVE` characters come out as several part documents.
    """
    seen: dict[str, str] = {}
    walk = _Walk(report)
    for path in paths:
        for doc in walk.path(Path(path)):
            if not doc.date and date:
                doc = replace(doc, date=date)
            first = seen.get(doc.id)
            if first is not None:
                report(Problem(doc.origin, f"duplicate document id {_show(doc.id)} (first read from {first}); skipped"))
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
                                   f"characters, ids {_show(part_id(doc.id, 1))}, ...", "warning"))
    yield from split_document(doc, SPLIT_ABOVE, PART_CHARS)


def display(path: Path | str) -> str:
    """A path (or any name) as one printable line: control characters shown as escapes."""
    text = str(path)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


def _show(value: str, limit: int = 80) -> str:
    """A quoted, one-line, bounded rendering of an untrusted value for messages."""
    shown = repr(value[:limit])
    return shown + ("..." if len(value) > limit else "")


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
        manifest = _read_manifest(path / MANIFEST, self.report)
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
            yield from _iter_jsonl(path, self.report)
            return
        try:
            raw = _read_bytes(path)
            text = decode(raw, display(path), self.report)
            doc = (_html_document if path.suffix.lower() in HTML_SUFFIXES else _text_document)(path, text)
        except OSError as err:
            self.problem(path, f"cannot read: {err.strerror or err}", "failed")
            return
        except InputError as err:
            self.problem(path, str(err))
            return
        yield _apply_manifest(doc, meta)


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


# -- decoding ----------------------------------------------------------------------------

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def decode(raw: bytes, where: str, report: Reporter) -> str:
    """Bytes → text; raise :class:`InputError` for empty or binary input.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are decoded as such. Invalid UTF-8 is
    *decoded with a warning*, never skipped: when the file has no valid multi-byte UTF-8 sequence
    at all it is a legacy single-byte file and is decoded as Windows-1252; otherwise each
    undecodable byte becomes U+FFFD.
    """
    if raw.startswith(_UTF16_BOMS):
        try:
            return _non_empty(raw.decode("utf-16"))
        except UnicodeDecodeError as err:
            raise InputError(f"invalid UTF-16 at byte {err.start}") from None
    if not raw.strip():
        raise InputError("empty file")
    head = raw[:SNIFF_BYTES]
    if b"\x00" in head or _looks_binary(head):
        raise InputError("binary file, not text")
    try:
        return _non_empty(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        return _non_empty(_decode_invalid(raw, err, where, report))


def _legacy_bytes(err: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 are read as Windows-1252, else Latin-1."""
    assert isinstance(err, UnicodeDecodeError)
    chunk = err.object[err.start:err.end]
    return "".join(_cp1252(bytes([b])) for b in chunk), err.end


def _cp1252(byte: bytes) -> str:
    try:
        return byte.decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: C1 controls, dropped by normalise()
        return byte.decode("latin-1")


codecs.register_error("geokg-legacy", _legacy_bytes)


def decode_bytes(raw: bytes) -> tuple[str, int]:
    """UTF-8 text of ``raw`` with invalid bytes read as Windows-1252; also the number of such bytes."""
    try:
        return raw.decode("utf-8"), 0
    except UnicodeDecodeError:
        valid = len(raw.decode("utf-8", errors="ignore").encode("utf-8"))
        return raw.decode("utf-8", errors="geokg-legacy"), len(raw) - valid


def _decode_invalid(raw: bytes, err: UnicodeDecodeError, where: str, report: Reporter) -> str:
    """Text with a warning: each byte that is not UTF-8 is read as Windows-1252 (mis-labelled
    legacy pages and files concatenated from both are the common cause), so no U+FFFD appears."""
    line = raw.count(b"\n", 0, err.start) + 1
    text, bad = decode_bytes(raw.removeprefix(codecs.BOM_UTF8))
    report(Problem(where, f"invalid UTF-8 at byte {err.start} (line {line}): {bad} byte{'s' if bad != 1 else ''} "
                          "not valid UTF-8, decoded as Windows-1252", "warning"))
    return text


def _non_empty(text: str) -> str:
    if not text.strip():
        raise InputError("empty file (whitespace only)")
    return text


def _looks_binary(head: bytes) -> bool:
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(4, len(head) // 100)


# -- text normalisation ------------------------------------------------------------------

#: Characters no RDF literal should carry: C0/C1 controls (except tab and newline), lone
#: surrogates (JSON "\\ud800" decodes to one; UTF-8 cannot encode it), noncharacters, and
#: U+FFFD, which marks text already lost and which Jena riot warns about in every literal.
_UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffd\ufffe\uffff]")


def normalise(text: str) -> str:
    """The canonical text every offset refers to: NFC, ``\\n`` line ends, no control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _UNWANTED.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"[ \t]+\n", "\n", text).strip()


def one_line(value: object) -> str:
    """A metadata value (title, url, source, id) as clean single-line text."""
    return " ".join(normalise(str(value)).split())


#: Characters a URI may hold unescaped (RFC 3986 reserved + unreserved); '%' is kept only
#: before two hex digits. Everything else (spaces, quotes, <>, [], non-ASCII) is percent-encoded,
#: because the graph types urls as xsd:anyURI and Jena warns on an ill-formed one.
_URI_SAFE = "!$&'()*+,/:;=?@~-._"
#: Article urls are web addresses; anything else is dropped.
URL_SCHEMES = {"http", "https"}


def clean_url(value: object) -> str:
    """An absolute http(s) URL made safe for ``xsd:anyURI``, or ``""`` when ``value`` is not one."""
    text = one_line(value)
    if not text:
        return ""
    try:
        parts = urllib.parse.urlsplit(text)
    except ValueError:  # e.g. an unbalanced '[' in the host
        return ""
    if parts.scheme.lower() not in URL_SCHEMES or not parts.netloc:
        return ""  # a javascript: or data: "url" would be a live link in graph.html
    if parts.netloc and not re.fullmatch(r"[\w.:@\[\]%!$&'()*+,;=~-]+", parts.netloc):
        return ""

    def quote(part: str) -> str:
        return re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", urllib.parse.quote(part, safe=_URI_SAFE + "%"))

    netloc = urllib.parse.quote(parts.netloc, safe=_URI_SAFE + "[]%")
    url = urllib.parse.urlunsplit((parts.scheme, netloc, quote(parts.path), quote(parts.query), ""))
    return url + ("#" + quote(parts.fragment) if parts.fragment else "")


def _text_document(path: Path, text: str) -> Document:
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


def _html_document(path: Path, html: str) -> Document:
    from kg.html import extract_article

    article = extract_article(html)
    text = normalise(article.text)
    if not text:
        raise InputError("no article text found in HTML")
    return Document(id=path.stem, text=text, title=one_line(article.title),
                    date=article.date or find_publication_date(text), url=clean_url(article.url),
                    origin=display(path))


# -- JSON Lines --------------------------------------------------------------------------


def _iter_jsonl(path: Path, report: Reporter) -> Iterator[Document]:
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
        raise InputError(f"'date' is not an ISO 8601 date: {_show(str(raw_date), 40)}")
    fields = {k: obj.get(k) for k in ("id", "title", "url", "source")}
    for key, value in fields.items():
        if value is not None and (isinstance(value, bool) or not isinstance(value, str | int)):
            raise InputError(f"'{key}' must be a string")
    doc_id = one_line(fields["id"]) if fields["id"] is not None else ""
    return Document(id=doc_id or f"{stem}-{lineno}", text=text, title=one_line(fields["title"] or ""),
                    date=date or find_publication_date(text), url=clean_url(fields["url"] or ""),
                    source=one_line(fields["source"] or ""), origin=where)


# -- manifests ---------------------------------------------------------------------------


def _read_manifest(path: Path, report: Reporter) -> dict[str, dict[str, str]]:
    if not path.is_file():
        return {}
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t"))
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        report(Problem(display(path), f"manifest ignored: {err}", "warning"))
        return {}
    return {r["file"]: r for r in rows if r.get("file")}


def _apply_manifest(doc: Document, meta: dict[str, str]) -> Document:
    if not meta:
        return doc
    date = iso_date(meta.get("date") or "") or doc.date
    return replace(doc, title=one_line(meta.get("title") or "") or doc.title, date=date,
                   url=clean_url(meta.get("url") or "") or doc.url,
                   source=one_line(meta.get("source") or "") or doc.source)
