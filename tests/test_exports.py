"""kg export: GraphML, GEXF and CSV hold the actors and actor–actor events that SPARQL counts on the
same graph, load back in networkx, and are byte-identical when re-exported."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import networkx as nx
import pytest

from kg.cli import EXIT_ERROR, EXIT_OK, EXIT_USAGE, main
from kg.outputs.networks import export_graph
from kg.rdf.query import run_query
from kg.rdf.store import load_store

ACTOR_CLASSES = "gk:Person gk:State gk:Organization gk:ArmedGroup"
ACTORS = f"SELECT DISTINCT ?a WHERE {{ VALUES ?c {{ {ACTOR_CLASSES} }} ?a a ?c }}"
ACTOR_EVENTS = f"""SELECT DISTINCT ?e ?s ?o WHERE {{
  ?e a gk:Event ; gk:subject ?s ; gk:object ?o .
  VALUES ?sc {{ {ACTOR_CLASSES} }} VALUES ?oc {{ {ACTOR_CLASSES} }} ?s a ?sc . ?o a ?oc }}"""


@pytest.fixture(scope="module")
def sparql(seed_build) -> tuple[set[str], set[tuple[str, str, str]]]:
    """Actor IRIs and (event, subject, object) of actor–actor events, straight from SPARQL."""
    store = load_store(seed_build / "graph.ttl")
    actors = {r["a"] for r in run_query(store, ACTORS).rows}
    events = {(r["e"], r["s"], r["o"]) for r in run_query(store, ACTOR_EVENTS).rows}
    return actors, events


@pytest.fixture(scope="module")
def exported(seed_build, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export")
    graph = seed_build / "graph.ttl"
    for fmt, name in (("graphml", "g.graphml"), ("gexf", "g.gexf"), ("csv", "tables"), ("csv", "tables.zip")):
        assert main(["export", str(graph), "--format", fmt, "-o", str(out / name), "-q"]) == EXIT_OK
    return out


def edge_set(g: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    return {(str(k), u, v) for u, v, k in g.edges(keys=True)}


def test_graphml_loads_in_networkx_with_sparql_counts(exported, sparql):
    actors, events = sparql
    g = nx.read_graphml(exported / "g.graphml", force_multigraph=True)
    assert g.is_directed()
    assert g.number_of_nodes() == len(actors) > 0
    assert g.number_of_edges() == len(events) > 0
    assert set(g.nodes) == actors and edge_set(g) == events
    some = next(iter(g.edges(data=True)))[2]
    assert {"event_type", "quad_class", "date", "weight"} <= set(some)


def test_gexf_loads_in_networkx_with_sparql_counts(exported, sparql):
    actors, events = sparql
    g = nx.read_gexf(exported / "g.gexf")
    assert set(g.nodes) == actors
    assert {(d["id"], u, v) for u, v, d in g.edges(data=True)} == events
    assert all(d["label"] for _, d in g.nodes(data=True))


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_csv_tables_hold_the_same_graph(exported, sparql):
    actors, events = sparql
    rows_a = read_csv((exported / "tables" / "actors.csv").read_bytes())
    rows_e = read_csv((exported / "tables" / "events.csv").read_bytes())
    assert {r["Id"] for r in rows_a} == actors and len(rows_a) == len(actors)
    assert {(r["Id"], r["Source"], r["Target"]) for r in rows_e} == events and len(rows_e) == len(events)
    assert {r["Type"] for r in rows_e} == {"Directed"} and {r["negated"] for r in rows_e} <= {"true", "false"}
    with zipfile.ZipFile(exported / "tables.zip") as zf:
        assert sorted(zf.namelist()) == ["actors.csv", "events.csv"]
        for name in zf.namelist():
            assert zf.read(name) == (exported / "tables" / name).read_bytes()


def test_reexport_is_byte_identical_and_atomic(seed_build, exported, tmp_path):
    graph = seed_build / "graph.ttl"
    for fmt, name in (("graphml", "g.graphml"), ("gexf", "g.gexf"), ("csv", "tables.zip")):
        export_graph(graph, fmt, tmp_path / name)
        assert (tmp_path / name).read_bytes() == (exported / name).read_bytes(), name
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_cli_infers_format_and_reports_errors(seed_build, tmp_path, capsys):
    graph = str(seed_build / "graph.ttl")
    assert main(["export", graph, "-o", str(tmp_path / "x.gexf"), "-q"]) == EXIT_OK
    assert (tmp_path / "x.gexf").read_bytes().lstrip().startswith(b"<?xml")
    assert b"<gexf" in (tmp_path / "x.gexf").read_bytes()
    assert main(["export", str(tmp_path / "missing.ttl"), "-o", str(tmp_path / "x.graphml")]) == EXIT_ERROR
    assert "missing.ttl: no such graph file" in capsys.readouterr().err
    assert main(["export", graph, "--format", "csv", "-o", str(tmp_path / "x.csv")]) == EXIT_USAGE
    assert "give a directory or a .zip" in capsys.readouterr().err
    assert not (tmp_path / "x.graphml").exists() and not (tmp_path / "x.csv").exists()
