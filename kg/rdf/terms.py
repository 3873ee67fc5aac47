"""RDF terms and statements as text: N-Quads for the store, Turtle blocks for the exports.

The graph stage writes hundreds of statements per article. Building a pyoxigraph object per term
cost more than the store write itself (measured: 3.5 µs per ``ox.Quad``), so per-document
statements are kept as tuples of N-Triples term strings (``<iri>``, ``"text"``,
``"3"^^<…#integer>``), written to the store as N-Quads (parsed by Oxigraph, in Rust) and rendered
once as Turtle for ``graph.ttl``/``graph.trig``.

Lexical forms are the ones Oxigraph keeps (canonical decimals: ``0.3``, ``1``), so a statement
read back from the store is the statement written to the files. Strings escape exactly what
Turtle and N-Triples forbid raw (``"``, ``\\``, line breaks) plus other C0 controls (as
``\\uXXXX``, which every parser reads); IRIs come from :mod:`kg.rdf.iris` (slugs and hashes), never
from raw text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

Statement = tuple[str, str, str]  # subject, predicate, object as N-Triples terms

_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\]')
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_INTEGER = re.compile(r"-?[0-9]+")
_DECIMAL = re.compile(r"-?[0-9]+\.[0-9]+")


def iri(value: str) -> str:
    """``<value>``: for IRIs minted by :mod:`kg.rdf.iris` or taken from the vocabulary."""
    return f"<{value}>"


def _escape(char: re.Match[str]) -> str:
    c = char.group()
    return _ESCAPES.get(c) or f"\\u{ord(c):04X}"


def string(value: str) -> str:
    """A plain string literal."""
    if _NEEDS_ESCAPE.search(value):
        value = _NEEDS_ESCAPE.sub(_escape, value)
    return f'"{value}"'


def typed(value: str, datatype: str) -> str:
    """A literal with a datatype IRI (``value`` must already be a valid lexical form)."""
    return f"{string(value)}^^<{datatype}>"


def lang_string(value: str, lang: str) -> str:
    """A language-tagged literal."""
    return f"{string(value)}@{lang}"


def integer(value: int) -> str:
    """An ``xsd:integer`` literal."""
    return f'"{int(value)}"^^<{_XSD}integer>'


def decimal(value: float, places: int = 2) -> str:
    """An ``xsd:decimal`` rounded to ``places``, in Oxigraph's canonical form (``0.3``, ``1``)."""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return f'"{"0" if text in ("", "-0") else text}"^^<{_XSD}decimal>'


TRUE = f'"true"^^<{_XSD}boolean>'
FALSE = f'"false"^^<{_XSD}boolean>'


def boolean(value: bool) -> str:
    """An ``xsd:boolean`` literal."""
    return TRUE if value else FALSE


def nquads(statements: Iterable[Statement], graph: str) -> bytes:
    """N-Quads of ``statements`` in the named graph ``graph`` (an N-Triples IRI term)."""
    tail = f" {graph} .\n"
    # "s p o" joined in C (str.join over the tuples), not formatted statement by statement
    lines = tail.join(map(" ".join, statements))
    return (lines + tail).encode("utf-8") if lines else b""


class TurtleWriter:
    """Renders statements as Turtle with a fixed prefix map (no ``@prefix`` lines: the file has them).

    Predicates, classes and vocabulary IRIs become prefixed names when their local part is a plain
    name; integers, decimals and booleans are written bare, other datatypes as prefixed names.
    Everything else stays in N-Triples form, which is valid Turtle.
    """

    def __init__(self, prefixes: Mapping[str, str], data_base: str = "") -> None:
        self.prefixes = dict(prefixes)
        self._prefix = {ns: p for p, ns in prefixes.items() if ns.endswith(("/", "#"))}
        # IRIs minted under the data base (events, evidence, documents) never have a prefix
        self._data = f"<{data_base}" if data_base and not any(ns.startswith(data_base) for ns in self._prefix) \
            else "\0"
        self._names: dict[str, str] = {}  # vocabulary terms recur: predicates, classes, datatypes

    def prologue(self) -> str:
        """The ``@prefix`` lines the blocks rely on, for the top of a Turtle or TriG file."""
        return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in self.prefixes.items())

    def _name(self, term: str) -> str:
        """``<iri>`` as ``prefix:local`` when a prefix covers it and the local name is plain."""
        cached = self._names.get(term)
        if cached is not None:
            return cached
        if term.startswith(self._data):
            return term
        name = self._compact(term)
        if len(self._names) < 10_000:
            self._names[term] = name
        return name

    def _compact(self, term: str) -> str:
        value = term[1:-1]
        cut = max(value.rfind("/"), value.rfind("#")) + 1
        prefix = self._prefix.get(value[:cut])
        if prefix is not None and _LOCAL.fullmatch(value, cut):
            return f"{prefix}:{value[cut:]}"
        return term

    def term(self, term: str) -> str:
        """The Turtle form of one object term."""
        if term[0] == "<":
            return self._name(term)
        if term[-1] == ">" and '"^^<' in term:
            lexical, _, datatype = term.rpartition("^^")
            if datatype == f"<{_XSD}integer>" and _INTEGER.fullmatch(lexical, 1, len(lexical) - 1):
                return lexical[1:-1]
            if datatype == f"<{_XSD}decimal>" and _DECIMAL.fullmatch(lexical, 1, len(lexical) - 1):
                return lexical[1:-1]
            if datatype == f"<{_XSD}boolean>" and lexical in ('"true"', '"false"'):
                return lexical[1:-1]
            return f"{lexical}^^{self._name(datatype)}"
        return term

    def block(self, statements: Iterable[Statement]) -> str:
        """Turtle for ``statements``: sorted, grouped by subject (``;``), ``rdf:type`` written ``a``."""
        rows = sorted(set(statements))
        out: list[str] = []
        subject = None
        for s, p, o in rows:
            pred = "a" if p == _RDF_TYPE else self._name(p)
            if s != subject:
                if subject is not None:
                    out.append(" .\n")
                out.append(f"{s} {pred} {self.term(o)}")
                subject = s
            else:
                out.append(f" ;\n\t{pred} {self.term(o)}")
        if subject is not None:
            out.append(" .\n")
        return "".join(out)
