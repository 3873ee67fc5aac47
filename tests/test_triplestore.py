"""Integration: `kg load` into a real triple store (Virtuoso Open Source 7 started by .ci/services.sh).

Skipped when no server is running (GEOKG_VIRTUOSO_URL unset), except in CI (GEOKG_REQUIRE_TOOLS),
where a missing server fails. Also covers the embedded persistent Oxigraph store (`--store DIR`).
"""

from __future__ import annotations

import os

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.ops.load import LoadError, load_graph
from kg.rdf.store import load_store

pytestmark = pytest.mark.virtuoso


@pytest.fixture(scope="module")
def virtuoso() -> dict[str, str]:
    """URL and credentials of the loopback Virtuoso server, from the environment .ci/services.sh sets."""
    url = os.environ.get("GEOKG_VIRTUOSO_URL")
    if not url:
        if os.environ.get("GEOKG_REQUIRE_TOOLS"):
            pytest.fail("GEOKG_VIRTUOSO_URL is not set: .ci/services.sh did not start Virtuoso (see its output)")
        pytest.skip("no Virtuoso server (GEOKG_VIRTUOSO_URL unset; .ci/services.sh starts one)")
    return {"url": url.rstrip("/"), "user": os.environ.get("GEOKG_VIRTUOSO_USER", ""),
            "password": os.environ.get("GEOKG_VIRTUOSO_PASSWORD", "")}


def _count(url: str, graph: str) -> int:
    import requests

    query = f"SELECT (COUNT(*) AS ?n) FROM <{graph}> WHERE {{ ?s ?p ?o }}"
    reply = requests.get(f"{url}/sparql", params={"query": query, "format": "text/csv"}, timeout=60)
    reply.raise_for_status()
    return int(reply.text.splitlines()[1].strip('"'))


def _ask(url: str, graph: str, pattern: str) -> bool:
    import requests

    query = f"ASK FROM <{graph}> WHERE {{ {pattern} }}"
    reply = requests.get(f"{url}/sparql", params={"query": query, "format": "text/csv"}, timeout=60)
    reply.raise_for_status()
    return reply.text.splitlines()[-1].strip('"').lower() in ("1", "true")


def test_load_seed_graph_with_digest_auth_and_read_it_back(virtuoso, seed_build, monkeypatch):
    graph_ttl = seed_build / "graph.ttl"
    expected = len(load_store(graph_ttl))
    target = "https://w3id.org/geokg/test/seeds"
    monkeypatch.setenv("GEOKG_USER", virtuoso["user"])
    monkeypatch.setenv("GEOKG_PASSWORD", virtuoso["password"])
    endpoint = f"{virtuoso['url']}/sparql-graph-crud-auth"
    assert main(["load", str(graph_ttl), "--endpoint", endpoint, "--graph", target, "-q"]) == 0
    assert _count(virtuoso["url"], target) == expected
    # Loading again replaces the graph (PUT), it does not double it.
    result = load_graph(graph_ttl, endpoint, target, auth="digest")
    assert result.total == expected
    assert _count(virtuoso["url"], target) == expected
    # The data is queryable: the founding article's accusation is there.
    assert _ask(virtuoso["url"], target, "?e a <https://w3id.org/geokg/ontology#Event> ; "
                                         "<http://www.w3.org/ns/prov#wasDerivedFrom> ?d . "
                                         "?d <http://purl.org/dc/terms/identifier> \"000_0d3747f6e96d4de0\"")


def test_trig_keeps_one_named_graph_per_document(virtuoso, seed_build):
    trig = seed_build / "graph.trig"
    result = load_graph(trig, f"{virtuoso['url']}/sparql-graph-crud-auth", user=virtuoso["user"],
                        password=virtuoso["password"])
    store = load_store(trig)
    named = {q.graph_name.value for q in store if isinstance(q.graph_name, ox.NamedNode)}
    assert set(result.triples) == named
    shared = next(g for g in named if g.endswith("/graph/shared"))
    assert _count(virtuoso["url"], shared) == result.triples[shared]


def test_write_without_credentials_is_refused(virtuoso, seed_build, monkeypatch):
    monkeypatch.delenv("GEOKG_USER", raising=False)
    monkeypatch.delenv("GEOKG_PASSWORD", raising=False)
    target = "https://w3id.org/geokg/test/anonymous"
    with pytest.raises(LoadError, match=r"HTTP 40[13]"):
        load_graph(seed_build / "graph.ttl", f"{virtuoso['url']}/sparql-graph-crud", target)
    with pytest.raises(LoadError, match=r"HTTP 401"):
        load_graph(seed_build / "graph.ttl", f"{virtuoso['url']}/sparql-graph-crud-auth", target)
    assert _count(virtuoso["url"], target) == 0
    code = main(["load", str(seed_build / "graph.ttl"), "--endpoint", f"{virtuoso['url']}/sparql-graph-crud",
                 "--graph", target, "-q"])
    assert code == 4


def test_wrong_password_is_refused(virtuoso, seed_build):
    with pytest.raises(LoadError, match=r"HTTP 401"):
        load_graph(seed_build / "graph.ttl", f"{virtuoso['url']}/sparql-graph-crud-auth",
                   "https://w3id.org/geokg/test/wrong", user=virtuoso["user"], password="not-the-password")


def test_embedded_store_persists_and_replaces(seed_build, tmp_path):
    """`kg load --store DIR` needs no server: run even where Virtuoso is absent."""
    graph_ttl = seed_build / "graph.ttl"
    expected = len(load_store(graph_ttl))
    directory = tmp_path / "store"
    for _ in range(2):  # the second load replaces the graph instead of adding to it
        assert main(["load", str(graph_ttl), "--store", str(directory), "--graph", "https://example.org/g", "-q"]) == 0
    store = ox.Store(str(directory))
    assert len(store) == expected
    del store
    with pytest.raises(SystemExit) as exc:  # --store and --endpoint exclude each other
        main(["load", str(graph_ttl), "--store", str(directory), "--endpoint", "http://x", "-q"])
    assert exc.value.code == 2
