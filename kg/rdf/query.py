"""SPARQL over a graph file on the Oxigraph engine (read-only unless asked otherwise).

The graph is loaded into an in-memory store — or, when it has one (``kg build --store``, ``kg load
--store``), its persistent store is opened read-only — so nothing a query does is ever written
back. A SPARQL Update is refused unless ``allow_update`` (and then changes only an in-memory copy).
pyoxigraph has no query timeout and may not release the GIL while evaluating, so a bounded
query runs in a child process that is killed when the time is up.
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing as mp
import re
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from kg.rdf.serialize import prefixes
from kg.rdf.store import load_store, open_graph
from kg.rdf.vocab import DEFAULT_BASE_IRI

#: SPARQL 1.1: a request is a prologue (BASE / PREFIX declarations, comments) and then either a
#: query form or an update operation; the first keyword after the prologue tells which.
_PROLOGUE = re.compile(r"""\s+|\#[^\n]*|(?i:BASE)\s*<[^>]*>|(?i:PREFIX)\s*[^\s:]*:\s*<[^>]*>""")
_QUERY_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
_UPDATE_OPS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}


class QueryError(ValueError):
    """A query that cannot be run as given."""


class QueryTimeout(QueryError):
    """A query stopped because it ran longer than its time limit."""


@dataclass
class QueryResult:
    """Variables and rows of a SELECT/ASK (ASK: one row with ``ask``), or triples of CONSTRUCT."""

    variables: list[str]
    rows: list[dict[str, str]]


def first_keyword(query: str) -> str:
    """The first keyword after the prologue, upper-cased (``SELECT``, ``INSERT``, ...), or ``""``."""
    pos = 0
    while match := _PROLOGUE.match(query, pos):
        if match.end() == pos:
            break
        pos = match.end()
    word = re.match(r"[A-Za-z]+", query[pos:])
    return word[0].upper() if word else ""


def is_update(query: str) -> bool:
    """Whether ``query`` is a SPARQL Update rather than a query."""
    return first_keyword(query) in _UPDATE_OPS


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


def query_file(graph: Path, query: str, allow_update: bool = False, timeout: float | None = None) -> QueryResult:
    """Load ``graph`` and run ``query``; updates are refused unless ``allow_update``.

    With ``timeout`` (seconds), loading and querying run in a child process that is stopped when
    the time is up, raising :class:`QueryTimeout`; the graph file is never touched either way.
    """
    if is_update(query) and not allow_update:
        raise QueryError("SPARQL Update refused: kg query is read-only (use --allow-update; "
                         "changes are never saved to the graph file)")
    if timeout is not None:
        return _query_with_timeout(Path(graph), query, timeout)
    return _load_and_run(Path(graph), query)


def _load_and_run(graph: Path, query: str) -> QueryResult:
    if not is_update(query):
        return run_query(open_graph(graph), query)
    store = load_store(graph)  # a copy in memory: an update never reaches a file or a persistent store
    try:
        store.update(query)
    except SyntaxError as err:
        raise QueryError(f"SPARQL syntax error: {err}") from None
    return QueryResult(["updated"], [{"updated": "true"}])


def _query_child(conn: Connection, graph: Path, query: str) -> None:
    try:
        conn.send(("ok", _load_and_run(graph, query)))
    except Exception as err:  # sent to the parent, which re-raises it
        conn.send(("error", err))
    finally:
        conn.close()


def _query_with_timeout(graph: Path, query: str, timeout: float) -> QueryResult:
    if timeout <= 0:
        raise QueryError(f"--timeout must be positive, got {timeout}")
    ctx = mp.get_context("spawn")  # a clean child: no inherited threads or native state
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_query_child, args=(child, graph, query), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(timeout):
            raise QueryTimeout(f"query stopped after the {timeout:g} s time limit (--timeout)")
        try:
            status, payload = parent.recv()
        except EOFError:
            proc.join(5)
            raise QueryError(f"query process died (exit code {proc.exitcode}); out of memory?") from None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        parent.close()
    if status == "error":
        raise payload
    return payload


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
