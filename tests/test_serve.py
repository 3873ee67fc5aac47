"""``kg serve``: a real HTTP SPARQL endpoint (SPARQL 1.1 Protocol), queried with a real client."""

from __future__ import annotations

import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph

from kg.cli import main
from kg.ops.serve import make_server_for

COUNT = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a gk:Event }"


@pytest.fixture(scope="module")
def endpoint(seed_build):
    server = make_server_for(seed_build, port=0)  # the output directory: its graph.trig
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/sparql"
    server.shutdown()
    server.server_close()


def _call(url: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, str, bytes]:
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers["Content-Type"], resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers["Content-Type"], err.read()


def _events(seed_build) -> int:
    from kg.rdf.query import query_file

    return int(query_file(seed_build / "graph.trig", COUNT).rows[0]["n"])


def test_get_select_as_sparql_json(endpoint, seed_build):
    import json

    status, ctype, body = _call(f"{endpoint}?{urllib.parse.urlencode({'query': COUNT})}",
                                headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and ctype.startswith("application/sparql-results+json")
    n = json.loads(body)["results"]["bindings"][0]["n"]["value"]
    assert int(n) == _events(seed_build) > 0


def test_post_form_with_csv_and_post_query_body_ask(endpoint):
    status, ctype, body = _call(endpoint, urllib.parse.urlencode({"query": COUNT}).encode(),
                                {"Accept": "text/csv", "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and ctype.startswith("text/csv") and body.decode().splitlines()[0] == "n"
    status, _, body = _call(endpoint, b"ASK { ?e a gk:Event ; gk:eventType plover:ACCUSE }",
                            {"Content-Type": "application/sparql-query"})
    assert status == 200 and b'"boolean":true' in body


def test_construct_as_turtle(endpoint):
    q = "CONSTRUCT { ?s gk:subject ?o } WHERE { ?s a gk:Event ; gk:subject ?o } LIMIT 5"
    status, ctype, body = _call(endpoint, q.encode(), {"Content-Type": "application/sparql-query",
                                                       "Accept": "text/turtle"})
    assert status == 200 and ctype.startswith("text/turtle")
    assert len(Graph().parse(data=body.decode(), format="turtle")) == 5


def test_updates_are_refused_and_change_nothing(endpoint, seed_build):
    before = _events(seed_build)
    update = "INSERT DATA { <urn:x> a <https://w3id.org/geokg/ontology#Event> }"
    assert _call(endpoint, update.encode(), {"Content-Type": "application/sparql-update"})[0] == 403
    assert _call(endpoint, urllib.parse.urlencode({"update": update}).encode(),
                 {"Content-Type": "application/x-www-form-urlencoded"})[0] == 403
    status, _, body = _call(f"{endpoint}?{urllib.parse.urlencode({'query': COUNT})}")
    assert status == 200 and str(before).encode() in body


def test_errors_are_http_errors(endpoint):
    assert _call(f"{endpoint}?{urllib.parse.urlencode({'query': 'SELECT WHERE {'})}")[0] == 400
    assert _call(endpoint)[0] == 400  # no query at all
    assert _call(endpoint.replace("/sparql", "/other"))[0] == 404
    status, _, body = _call(f"{endpoint}?{urllib.parse.urlencode({'query': COUNT})}", headers={"Accept": "image/png"})
    assert status == 406 and b"text/csv" in body


def test_kg_serve_command_prints_its_url_and_answers(seed_build):
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(seed_build), "--port", "0"],
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        assert "read-only" in line, line
        url = line.split(" at ", 1)[1].split(" ", 1)[0]
        assert url.startswith("http://127.0.0.1:") and url.endswith("/sparql")
        status, _, body = _call(f"{url}?{urllib.parse.urlencode({'query': COUNT})}")
        assert status == 200 and b'"n"' in body
    finally:
        proc.terminate()
        proc.wait(30)


def test_kg_query_takes_an_output_directory(seed_build, capsys):
    assert main(["query", str(seed_build), COUNT, "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == str(_events(seed_build))


def test_serves_the_persistent_store_of_a_build_with_store(seed_build, tmp_path):
    """An output with a store (``kg build --store``; here made by ``kg load --store``) is served from the
    store, read-only, with the graph files gone: nothing is loaded."""
    import shutil

    from kg.rdf.persist import STATE_DIR

    out = tmp_path / "out"
    shutil.copytree(seed_build, out, dirs_exist_ok=True)
    assert main(["load", str(seed_build / "graph.trig"), "--store", str(out / STATE_DIR / "store"), "-q"]) == 0
    (out / "graph.trig").unlink()
    (out / "graph.ttl").unlink()
    server = make_server_for(out, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/sparql"
        status, _, body = _call(f"{url}?{urllib.parse.urlencode({'query': COUNT})}",
                                headers={"Accept": "text/csv"})
        assert status == 200 and body.decode().split()[1] == str(_events(seed_build))
        status, _, _ = _call(url, data=urllib.parse.urlencode({"update": "CLEAR ALL"}).encode(),
                             headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 403
    finally:
        server.shutdown()
        server.server_close()
