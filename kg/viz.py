"""Interactive HTML graph (first version; the explorer of issue 6 replaces it).

Built with pyvis' data model and vis-network, inlined so the page opens from disk with no network.
All article text is untrusted: it reaches the page only as JSON with ``<``, ``>`` and ``&``
escaped, and vis-network shows string tooltips as text, never as HTML.
"""

from __future__ import annotations

import json
from importlib import resources

import pyoxigraph as ox
from pyvis.network import Network
from rdflib import Dataset

from kg.export import oxigraph_store
from kg.query import run_query

TYPE_COLOURS = {
    "Person": "#4e79a7", "State": "#e15759", "Organization": "#59a14f", "ArmedGroup": "#b07aa1",
    "Place": "#edc948", "Concept": "#bab0ac",
}

NODES_QUERY = """
PREFIX gk: <https://w3id.org/geokg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?e ?label ?type WHERE {
  { ?ev gk:subject ?e } UNION { ?ev gk:object ?e }
  ?e rdfs:label ?label ; a ?t .
  BIND(REPLACE(STR(?t), "^.*[#/]", "") AS ?type)
} ORDER BY ?e
"""
EDGES_QUERY = """
PREFIX gk: <https://w3id.org/geokg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?ev ?s ?o ?pred ?quote WHERE {
  ?ev a gk:Event ; gk:subject ?s ; gk:object ?o ; gk:predicate ?pred ; gk:evidence/oa:exact ?quote .
} ORDER BY ?ev
"""


def _vis_js() -> str:
    lib = resources.files("pyvis").joinpath("lib", "vis-9.1.2")
    # A literal "</script" inside inlined code would end the element early.
    return lib.joinpath("vis-network.min.js").read_text(encoding="utf-8").replace("</script", "<\\/script")


def _json(data: object) -> str:
    return (json.dumps(data, ensure_ascii=False).replace("&", "\\u0026").replace("<", "\\u003c")
            .replace(">", "\\u003e").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def graph_data(store: ox.Store) -> tuple[list[dict], list[dict]]:
    """Nodes and edges for vis-network, built through pyvis' network model."""
    net = Network(directed=True)
    for row in run_query(store, NODES_QUERY).rows:
        if row["e"] not in net.get_nodes():
            net.add_node(row["e"], label=row["label"], title=f"{row['label']} ({row['type']})",
                         color=TYPE_COLOURS.get(row["type"], "#bab0ac"))
    for row in run_query(store, EDGES_QUERY).rows:
        if row["s"] in net.get_nodes() and row["o"] in net.get_nodes():
            net.add_edge(row["s"], row["o"], label=row["pred"], title=row["quote"], arrows="to")
    return net.nodes, net.edges


def render_html(dataset: Dataset) -> str:
    """A self-contained HTML page showing the dataset's actors and events."""
    nodes, edges = graph_data(oxigraph_store(dataset))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>GeoKG graph</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<style>html,body{{margin:0;height:100%;font-family:sans-serif}}#graph{{width:100%;height:100%}}</style>
<script>{_vis_js()}</script></head>
<body><div id="graph"></div>
<script>
const nodes = new vis.DataSet({_json(nodes)});
const edges = new vis.DataSet({_json(edges)});
new vis.Network(document.getElementById("graph"), {{nodes, edges}},
  {{physics: {{stabilization: {{iterations: 200}}}}, edges: {{font: {{size: 10}}}}}});
</script></body></html>
"""
