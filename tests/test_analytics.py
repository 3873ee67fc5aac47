"""kg.outputs.analytics: the actor network and its measures, checked against SPARQL on the same graph and
against a small hand-written graph whose answers are known."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import networkx as nx
import pandas as pd
import pyoxigraph as ox
import pytest

from kg.outputs import analytics as A
from kg.rdf.query import run_query
from kg.rdf.store import load_dataset, load_store
from kg.resources import plover_quad_classes

ACTOR_CLASSES = "gk:Person gk:State gk:Organization gk:ArmedGroup"
COUNT_ACTORS = f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ VALUES ?c {{ {ACTOR_CLASSES} }} ?a a ?c }}"
COUNT_EVENTS = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a gk:Event }"
COUNT_ACTOR_EVENTS = f"""SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{
  ?e a gk:Event ; gk:subject ?s ; gk:object ?o .
  VALUES ?sc {{ {ACTOR_CLASSES} }} VALUES ?oc {{ {ACTOR_CLASSES} }} ?s a ?sc . ?o a ?oc }}"""

# A hand-made graph in GeoKG's model: A (state) and B (person) interact over two months; a place
# and a concept take part in events that must not become actor–actor edges.
SMALL = """
@prefix gk: <https://w3id.org/geokg/ontology#> .
@prefix plover: <https://w3id.org/geokg/plover/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix : <https://example.org/> .
:d1 a gk:Document ; dcterms:identifier "d1" ; dcterms:date "2024-02-10"^^xsd:date .
:a a gk:State ; rdfs:label "Atlantis" ; gk:isoCode "ATL" .
:b a gk:Person ; rdfs:label "Bea Borg" ; skos:altLabel "Borg" ; gk:country :a ; gk:role "minister" .
:c a gk:Organization ; rdfs:label "Council" .
:p a gk:Place ; rdfs:label "Port" .
:k a skos:Concept ; rdfs:label "provision" .
:e1 a gk:Event ; prov:wasDerivedFrom :d1 ; gk:subject :a ; gk:object :b ; gk:predicate "accuse" ;
    gk:eventType plover:ACCUSE ; gk:quadClass plover:quad3 ; gk:eventDate "2024-01-05"^^xsd:date ;
    gk:negated false ; gk:hypothetical false ; gk:confidence 0.9 .
:e2 a gk:Event ; prov:wasDerivedFrom :d1 ; gk:subject :b ; gk:object :a ; gk:predicate "praise" ;
    gk:eventType plover:SUPPORT ; gk:quadClass plover:quad1 ; gk:eventDate "2024-01"^^xsd:gYearMonth ;
    gk:negated false ; gk:hypothetical false ; gk:confidence 0.8 .
:e3 a gk:Event ; prov:wasDerivedFrom :d1 ; gk:subject :a ; gk:object :b ; gk:predicate "attack" ;
    gk:eventType plover:ASSAULT ; gk:negated false ; gk:hypothetical false ; gk:confidence 0.7 .
:e4 a gk:Event ; prov:wasDerivedFrom :d1 ; gk:subject :a ; gk:object :b ; gk:predicate "attack" ;
    gk:eventType plover:ASSAULT ; gk:quadClass plover:quad4 ; gk:negated true ; gk:hypothetical false .
:e5 a gk:Event ; prov:wasDerivedFrom :d1 ; gk:subject :a ; gk:object :b ; gk:predicate "sanction" ;
    gk:eventType plover:SANCTION ; gk:quadClass plover:quad4 ; gk:eventDate "1932"^^xsd:gYear ;
    gk:negated false ; gk:hypothetical false .
:e6 a gk:Event ; prov:wasDerivedFrom :d1 ; gk:subject :b ; gk:object :k ; gk:predicate "deny" .
:e7 a gk:Event ; prov:wasDerivedFrom :d1 ; gk:subject :c ; gk:object :p ; gk:predicate "visit" .
:e8 a gk:Event ; prov:wasDerivedFrom :d1 ; gk:subject :c ; gk:object :b ; gk:predicate "meet" .
"""


def count(store: ox.Store, query: str) -> int:
    return int(run_query(store, query).rows[0]["n"])


@pytest.fixture(scope="module")
def small() -> ox.Store:
    store = ox.Store()
    store.load(SMALL.encode(), format=ox.RdfFormat.TURTLE)
    return store


@pytest.fixture(scope="module")
def seed_graph(seed_build):
    return A.actor_graph(seed_build / "graph.ttl")


def test_small_graph_nodes_are_actors_and_edges_are_actor_events(small):
    g = A.actor_graph(small)
    assert sorted(g.nodes[n]["label"] for n in g) == ["Atlantis", "Bea Borg", "Council"]
    assert g.number_of_edges() == 6  # e1–e5 and e8; e6 hits a concept, e7 a place
    assert g.nodes["https://example.org/b"]["country"] == "ATL"
    e3 = g.edges["https://example.org/a", "https://example.org/b", "https://example.org/e3"]
    assert e3["event_type"] == "ASSAULT" and e3["quad_class"] == plover_quad_classes()["ASSAULT"][0]


def test_small_graph_events_frame_keeps_every_event(small):
    ev = A.events_frame(small).set_index("event")
    assert len(ev) == 8
    assert ev.loc["https://example.org/e6", "object_kind"] == "Concept"
    assert ev.loc["https://example.org/e7", "object_kind"] == "Place"
    assert ev["actor_edge"].sum() == 6
    # month: the event's own month; the publication month when undated; none for a bare year
    assert ev.loc["https://example.org/e2", "month"] == "2024-01"
    assert ev.loc["https://example.org/e3", "month"] == "2024-02"
    assert pd.isna(ev.loc["https://example.org/e5", "month"])


def test_small_graph_balance_per_pair_and_month(small):
    bal = A.balance(small)
    assert list(bal["month"]) == ["2024-01", "2024-02"]
    jan, feb = bal.iloc[0], bal.iloc[1]
    assert (jan.quad1, jan.quad3, jan.cooperation, jan.conflict, jan.balance) == (1, 1, 1, 1, 0.0)
    assert (feb.quad4, feb.balance) == (1, -1.0)  # e3; the negated e4 and the 1932 e5 do not count
    assert A.balance(small, include_negated=True).iloc[1].quad4 == 2


def test_small_graph_weighted_view_and_paths(small):
    g = A.actor_graph(small)
    w = A.weighted_view(g)
    ab = w["https://example.org/a"]["https://example.org/b"]
    assert (ab["weight"], ab["quad3"], ab["quad4"], ab["conflict"]) == (4, 1, 3, 4)
    assert ab["event_types"] == "ACCUSE;ASSAULT;SANCTION"
    assert A.shortest_path(g, "atlantis", "Council") == ["https://example.org/a", "https://example.org/b",
                                                         "https://example.org/c"]
    with pytest.raises(nx.NetworkXNoPath):
        A.shortest_path(g, "Atlantis", "Council", directed=True)
    assert A.find_actor(g, "borg") == "https://example.org/b"
    with pytest.raises(KeyError):
        A.find_actor(g, "Port")  # a place, not an actor


def test_seed_graph_matches_sparql_counts(seed_build, seed_graph):
    store = load_store(seed_build / "graph.ttl")
    assert seed_graph.number_of_nodes() == count(store, COUNT_ACTORS)
    assert seed_graph.number_of_edges() == count(store, COUNT_ACTOR_EVENTS) > 0
    assert len(A.events_frame(store)) == count(store, COUNT_EVENTS)
    assert len(A.actors_frame(store)) == count(store, COUNT_ACTORS)


def test_seed_graph_edges_carry_plover_typing(seed_graph):
    quads = plover_quad_classes()
    typed = 0
    for _, _, data in seed_graph.edges(data=True):
        if data["event_type"]:
            typed += 1
            assert data["quad_class"] == quads[data["event_type"]][0]
        assert data["weight"] == 1 and 0.0 <= data["confidence"] <= 1.0
    assert typed > 0


def test_zelensky_and_russia_are_connected(seed_graph):
    zelensky = [n for n, d in seed_graph.nodes(data=True) if "Zelensky" in d["label"]]
    path = A.shortest_path(seed_graph, max(zelensky, key=seed_graph.degree), "Russia")
    assert seed_graph.nodes[path[-1]]["label"] == "Russia"
    hops = A.path_frame(seed_graph, path)
    assert len(hops) == len(path) - 1 and (hops["events"] > 0).all()


def test_centrality_on_seed_graph(seed_graph):
    c = A.centrality(seed_graph)
    assert len(c) == seed_graph.number_of_nodes()
    assert c["events"].sum() == 2 * seed_graph.number_of_edges()
    assert c["betweenness"].between(0, 1).all() and c["degree_centrality"].between(0, 1).all()
    assert list(c["betweenness"]) == sorted(c["betweenness"], reverse=True)


def test_communities_partition_the_actors(seed_graph):
    groups = A.communities(seed_graph, seed=7)
    members = [n for grp in groups for n in grp]
    assert sorted(members) == sorted(seed_graph) and len(members) == len(set(members))
    assert [len(g) for g in groups] == sorted((len(g) for g in groups), reverse=True)
    assert A.communities(seed_graph, seed=7) == groups


def test_communities_do_not_depend_on_hash_seed(seed_build):
    code = ("import json, sys; from kg.outputs.analytics import communities; "
            "print(json.dumps(communities(sys.argv[1], seed=3)))")
    runs = [subprocess.run([sys.executable, "-c", code, str(seed_build / "graph.ttl")], check=True,
                           capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": h}).stdout
            for h in ("1", "2")]
    assert json.loads(runs[0]) == json.loads(runs[1])


def test_inputs_path_store_and_dataset_agree(seed_build):
    path = seed_build / "graph.ttl"
    by_path = A.actors_frame(path)
    assert by_path.equals(A.actors_frame(load_store(path)))
    assert by_path.equals(A.actors_frame(load_dataset(path)))
    with pytest.raises(TypeError):
        A.actors_frame(42)
