"""``kg load``: push a graph file into a triple store.

Two targets:

* a server speaking the SPARQL 1.1 Graph Store HTTP Protocol (Fuseki, GraphDB, Virtuoso, Oxigraph
  server...): the first request ``PUT``s (replaces) the target graph, later chunks ``POST`` (merge)
  into it; HTTP digest or basic authentication, chosen from the server's challenge;
* an embedded, persistent Oxigraph store in a directory (``--store DIR``).

A Turtle/N-Triples file goes to one graph (``--graph IRI`` or the default graph); a TriG/N-Quads file
keeps its named graphs unless ``--graph`` merges them into one. Credentials come from the caller
(options or the ``GEOKG_USER`` / ``GEOKG_PASSWORD`` environment variables), never from code.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.rdf.serialize import prefixes
from kg.rdf.store import load_store
from kg.rdf.vocab import DEFAULT_BASE_IRI

if TYPE_CHECKING:
    import requests

#: Triples per HTTP request: keeps requests well under common server body limits (Virtuoso: 10 MB).
CHUNK_TRIPLES = 20_000
TIMEOUT_SECONDS = 300


class LoadError(RuntimeError):
    """The graph could not be loaded; the message says where and why (HTTP status and reply)."""


@dataclass
class LoadResult:
    """What was loaded: triples per target graph (``""`` is the default graph)."""

    target: str
    triples: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """Triples sent (endpoint) or stored (embedded store) in all graphs."""
        return sum(self.triples.values())


def credentials(user: str | None = None, password: str | None = None) -> tuple[str, str] | None:
    """(user, password) from the arguments, else from ``GEOKG_USER`` / ``GEOKG_PASSWORD``; None if no user."""
    user = user or os.environ.get("GEOKG_USER") or None
    password = password if password is not None else os.environ.get("GEOKG_PASSWORD")
    if not user:
        return None
    if password is None:
        raise LoadError("a user was given but no password (--password or GEOKG_PASSWORD)")
    return user, password


def graphs_of(path: Path, graph: str | None) -> dict[str, list[ox.Triple]]:
    """The triples of the file by target graph IRI (``""``: default graph), each list sorted."""
    store = load_store(Path(path))
    out: dict[str, list[ox.Triple]] = defaultdict(list)
    for quad in store:
        name = graph if graph is not None else (
            "" if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value)
        out[name].append(ox.Triple(quad.subject, quad.predicate, quad.object))
    for name, triples in out.items():
        out[name] = sorted(set(triples), key=str)
    return dict(out)


def load_graph(path: Path, endpoint: str, graph: str | None = None, user: str | None = None,
               password: str | None = None, auth: str = "auto") -> LoadResult:
    """Upload ``path`` to a Graph Store Protocol ``endpoint``; replaces each target graph."""
    import requests

    creds = credentials(user, password)
    result = LoadResult(endpoint)
    with requests.Session() as session:
        for name, triples in sorted(graphs_of(path, graph).items()):
            for i, chunk in enumerate(_chunks(triples, CHUNK_TRIPLES)):
                body = ox.serialize(chunk, format=ox.RdfFormat.TURTLE, prefixes=prefixes(DEFAULT_BASE_IRI)) or b""
                _send(session, "PUT" if i == 0 else "POST", endpoint, name, body, creds, auth)
            result.triples[name] = len(triples)
    return result


def _chunks(items: list[ox.Triple], size: int) -> Iterable[list[ox.Triple]]:
    for start in range(0, max(len(items), 1), size):
        yield items[start:start + size]


def _send(session: requests.Session, method: str, endpoint: str, graph: str, body: bytes,
          creds: tuple[str, str] | None, auth: str) -> None:
    """One Graph Store Protocol request; answers the server's digest or basic challenge."""
    import requests
    from requests.auth import HTTPBasicAuth, HTTPDigestAuth

    params = {"graph": graph} if graph else {"default": ""}
    headers = {"Content-Type": "text/turtle; charset=utf-8"}
    kinds = {"basic": HTTPBasicAuth, "digest": HTTPDigestAuth}

    def request(auth_obj: requests.auth.AuthBase | None = None) -> requests.Response:
        try:
            return session.request(method, endpoint, params=params, data=body, headers=headers, auth=auth_obj,
                                   timeout=TIMEOUT_SECONDS)
        except requests.RequestException as err:
            raise LoadError(f"{endpoint}: {type(err).__name__}: {err}") from None

    if creds and auth in kinds:
        reply = request(kinds[auth](*creds))
    else:
        reply = request()
        challenge = reply.headers.get("WWW-Authenticate", "").lower()
        if reply.status_code == 401 and creds:
            reply = request((HTTPDigestAuth if challenge.startswith("digest") else HTTPBasicAuth)(*creds))
    if not reply.ok:
        hint = " (give --user/--password or GEOKG_USER/GEOKG_PASSWORD)" if reply.status_code in (401, 403) else ""
        raise LoadError(f"{method} {reply.url}: HTTP {reply.status_code} {reply.reason}{hint}: "
                        f"{' '.join(reply.text.split())[:300]}")


def load_into_store(path: Path, directory: Path, graph: str | None = None) -> LoadResult:
    """Load ``path`` into the persistent Oxigraph store in ``directory``; replaces each target graph."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    try:
        store = ox.Store(str(directory))
    except OSError as err:
        raise LoadError(f"{directory}: cannot open the Oxigraph store: {err}") from None
    result = LoadResult(str(directory))
    for name, triples in sorted(graphs_of(path, graph).items()):
        target = ox.NamedNode(name) if name else ox.DefaultGraph()
        store.clear_graph(target)
        store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, target) for t in triples)
        result.triples[name] = len(triples)
    store.flush()
    return result
