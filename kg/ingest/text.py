"""Untrusted bytes and strings → clean text: decoding, normalisation, urls, printable names.

Every offset in the graph counts code points of the text :func:`normalise` returns.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
import urllib.parse
from collections.abc import Callable
from pathlib import Path

from kg.model import Problem

#: Bytes inspected to tell text from binary.
SNIFF_BYTES = 8192

Reporter = Callable[[Problem], None]


class InputError(ValueError):
    """An input that cannot be turned into a document; the message is the reason."""


def display(path: Path | str) -> str:
    """A path (or any name) as one printable line: control characters shown as escapes."""
    text = str(path)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


def show(value: str, limit: int = 80) -> str:
    """A quoted, one-line, bounded rendering of an untrusted value for messages."""
    shown = repr(value[:limit])
    return shown + ("..." if len(value) > limit else "")


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
