"""SPARQL over a graph file on the Oxigraph engine (read-only unless asked otherwise)."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.export import prefixes
from kg.store import load_store
from kg.vocab import DEFAULT_BASE_IRI

_UPDATE = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)\b", re.I)
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)


class QueryError(ValueError):
    """A query that cannot be run as given."""


@dataclass
class QueryResult:
    """Variables and rows of a SELECT/ASK (ASK: one row with ``ask``), or triples of CONSTRUCT."""

    variables: list[str]
    rows: list[dict[str, str]]


def _strip_comments(query: str) -> str:
    return re.sub(r"(?m)#[^\n<>\"']*$", "", query)


def is_update(query: str) -> bool:
    """Whether ``query`` is a SPARQL Update rather than a query."""
    text = _strip_comments(query)
    return bool(_UPDATE.search(text)) and not _FORM.search(text)


def run_query(store: ox.Store, query: str) -> QueryResult:
    """Run a SELECT, ASK, CONSTRUCT or DESCRIBE query; the default graph is the union of all graphs."""
    try:
        result = store.query(query, prefixes=prefixes(DEFAULT_BASE_IRI), use_default_graph_as_union=True)
    except SyntaxError as err:
        raise QueryError(f"SPARQL syntax error: {err}") from None
    if isinstance(result, bool):
        return QueryResult(["ask"], [{"ask": "true" if result else "false"}])
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        rows = [{n: term_value(sol[n]) for n in names} for sol in result]
        return QueryResult(names, rows)
    rows = [{"subject": str(t.subject), "predicate": str(t.predicate), "object": str(t.object)} for t in result]
    return QueryResult(["subject", "predicate", "object"], rows)


def term_value(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str:
    """Plain string of a result term: IRI, blank node id or literal lexical form; ``""`` if unbound."""
    if term is None:
        return ""
    return term.value


def query_file(graph: Path, query: str, allow_update: bool = False) -> QueryResult:
    """Load ``graph`` and run ``query``; updates are refused unless ``allow_update``."""
    if is_update(query) and not allow_update:
        raise QueryError("SPARQL Update refused: kg query is read-only (use --allow-update)")
    store = load_store(graph)
    if is_update(query):
        store.update(query)
        return QueryResult(["updated"], [{"updated": "true"}])
    return run_query(store, query)


def format_result(result: QueryResult, fmt: str) -> str:
    """Render a result as ``table``, ``csv``, ``tsv`` or ``json`` text."""
    if fmt == "json":
        return json.dumps(result.rows, ensure_ascii=False, indent=1) + "\n"
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.DictWriter(buf, result.variables, delimiter="," if fmt == "csv" else "\t",
                                lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(result.rows)
        return buf.getvalue()
    return _table(result)


def _table(result: QueryResult, max_width: int = 60) -> str:
    cells = [[_clip(r.get(v, ""), max_width) for v in result.variables] for r in result.rows]
    widths = [max([len(v)] + [len(row[i]) for row in cells]) for i, v in enumerate(result.variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(result.variables, widths, strict=True)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
