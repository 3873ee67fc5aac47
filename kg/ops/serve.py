"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over a graph, on the Oxigraph engine.

    kg serve out/                       # http://127.0.0.1:7878/sparql (loopback only)
    curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT ...' http://127.0.0.1:7878/sparql

The graph (a graph file, or a ``kg build`` output directory: its ``graph.trig``) is bulk-loaded
into an in-memory store once; the default graph is the union of the named graphs, as for
``kg query``. Queries come as ``GET ?query=``, ``POST`` form-encoded ``query=`` or ``POST`` with
``Content-Type: application/sparql-query`` (SPARQL 1.1 Protocol §2.1). Results follow the
``Accept`` header: SPARQL JSON (default), XML, CSV or TSV for SELECT/ASK; Turtle, N-Triples,
RDF/XML or JSON-LD for CONSTRUCT/DESCRIBE. Updates are refused with 403: the
endpoint never changes the graph. Any WSGI server can run :func:`make_app`; :func:`serve` uses the
standard library's, threaded.
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Callable, Iterable
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pyoxigraph as ox

from kg.rdf.query import is_update
from kg.rdf.serialize import prefixes
from kg.rdf.store import open_graph
from kg.rdf.vocab import DEFAULT_BASE_IRI

#: Result formats by media type, in the order offered when the client accepts anything.
SOLUTION_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
#: Largest request body read, so a client cannot make the server hold an unbounded query.
MAX_BODY = 1 << 20

Respond = Callable[[str, list[tuple[str, str]]], object]


def _choose(accept: str, offered: dict) -> tuple[str, object] | None:
    """The first offered format the Accept header allows (quality values ignored but 0)."""
    wanted = []
    for part in (accept or "*/*").split(","):
        media, *params = [p.strip() for p in part.split(";")]
        if any(p.replace(" ", "") in ("q=0", "q=0.0") for p in params):
            continue
        wanted.append(media.lower())
    for media in wanted:
        if media in offered:
            return media, offered[media]
        if media in ("*/*", "application/*", "text/*"):
            for name, fmt in offered.items():
                if media == "*/*" or name.startswith(media[:-1]):
                    return name, fmt
    return None


def _query_of(environ: dict) -> str | None:
    """The query text of a request, per the SPARQL 1.1 Protocol, or None when there is none."""
    method = environ.get("REQUEST_METHOD", "GET")
    params = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""))
    if method == "GET":
        return (params.get("query") or [None])[0]
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(min(length, MAX_BODY)).decode("utf-8", "replace")
    ctype = (environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
    if ctype in ("application/sparql-query", "application/sparql-update"):  # an update is refused later
        return body
    form = urllib.parse.parse_qs(body)
    return (form.get("query") or form.get("update") or [None])[0]


def make_app(store: ox.Store, base_iri: str = DEFAULT_BASE_IRI, path: str = "/sparql") -> Callable:
    """A WSGI application answering SPARQL queries on ``store`` at ``path`` (read-only)."""
    known = prefixes(base_iri)

    def app(environ: dict, respond: Respond) -> Iterable[bytes]:
        def reply(status: str, body: bytes, ctype: str = "text/plain; charset=utf-8") -> list[bytes]:
            respond(status, [("Content-Type", ctype), ("Content-Length", str(len(body))),
                             ("Access-Control-Allow-Origin", "*")])  # YASGUI in a browser
            return [body]

        if environ.get("PATH_INFO", "") != path:
            return reply("404 Not Found", f"the SPARQL endpoint is {path}\n".encode())
        if environ.get("REQUEST_METHOD") not in ("GET", "POST"):
            return reply("405 Method Not Allowed", b"GET or POST a query\n")
        query = _query_of(environ)
        if not query:
            return reply("400 Bad Request", b"no query (GET ?query=..., or POST one)\n")
        if is_update(query):
            return reply("403 Forbidden", b"read-only endpoint: SPARQL Update is refused\n")
        try:
            result = store.query(query, prefixes=known, use_default_graph_as_union=True)
        except SyntaxError as err:
            return reply("400 Bad Request", f"SPARQL syntax error: {err}\n".encode())
        offered = GRAPH_FORMATS if isinstance(result, ox.QueryTriples) else SOLUTION_FORMATS
        chosen = _choose(environ.get("HTTP_ACCEPT", ""), offered)
        if chosen is None:
            return reply("406 Not Acceptable", ("offered: " + ", ".join(offered) + "\n").encode())
        media, fmt = chosen
        try:
            body = result.serialize(format=fmt)
        except (OSError, ValueError) as err:  # e.g. a query that fails while it is evaluated
            return reply("500 Internal Server Error", json.dumps({"error": str(err)}).encode())
        return reply("200 OK", body, f"{media}; charset=utf-8")

    return app


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


def make_server_for(graph: Path, host: str = "127.0.0.1", port: int = 7878,
                    base_iri: str = DEFAULT_BASE_IRI) -> WSGIServer:
    """Load ``graph`` and bind a threaded HTTP server for it (``port`` 0 picks a free port)."""
    store = open_graph(graph)
    return make_server(host, port, make_app(store, base_iri), server_class=_ThreadingServer,
                       handler_class=WSGIRequestHandler)


def serve(graph: Path, host: str = "127.0.0.1", port: int = 7878, base_iri: str = DEFAULT_BASE_IRI,
          ready: Callable[[str], None] | None = None) -> None:
    """Serve ``graph`` until interrupted; ``ready`` gets the endpoint URL once it listens."""
    server = make_server_for(graph, host, port, base_iri)
    if ready is not None:
        ready(f"http://{host}:{server.server_port}/sparql")
    with server:
        server.serve_forever()
