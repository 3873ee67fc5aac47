"""Graph analytics for analysts: the graph's events and actors as pandas DataFrames, the actor network
as networkx graphs, and the usual network measures over it.

What is in the actor graph (see docs/analytics.md):

* **nodes** are the actors — every resource typed ``gk:Person``, ``gk:State``, ``gk:Organization`` or
  ``gk:ArmedGroup`` — including actors that take part in no actor–actor event (isolates). Places
  (``gk:Place``) and non-entity objects (``skos:Concept``, "provision") are *not* nodes.
* **edges** are events whose subject and object are both actors: one edge per ``gk:Event`` in the
  :class:`~networkx.MultiDiGraph` (key = event IRI), subject → object, with its PLOVER type, quad class,
  date and ``weight`` 1. :func:`weighted_view` collapses them into a DiGraph whose ``weight`` is the
  number of events. Events aimed at a place or a concept stay in :func:`events_frame` only.

Every function takes a graph file path, a pyoxigraph ``Store`` or an rdflib ``Dataset`` built on
Oxigraph (what :func:`kg.rdf.merge.new_dataset` returns); those that work on the network also take a graph
made by :func:`actor_graph`.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pyoxigraph as ox
from rdflib import Dataset

from kg.outputs.readback import Report, event_attributes, first, first_reports
from kg.rdf.query import run_query
from kg.rdf.store import open_graph
from kg.resources import plover_quad_classes

Source = str | Path | ox.Store | Dataset
#: Actor classes, in the order used to pick one when a resource has several.
ACTOR_KINDS = ("Person", "State", "Organization", "ArmedGroup")
#: PLOVER quad classes 1–2 are cooperation; 3–4 are conflict.
COOPERATION = (1, 2)

RESOURCES_QUERY = """
SELECT ?x ?cls ?label ?country ?alias ?role WHERE {
  VALUES ?cls { gk:Person gk:State gk:Organization gk:ArmedGroup gk:Place skos:Concept }
  ?x a ?cls .
  # one attribute per row (no cross product of aliases × roles); {} keeps resources that have none
  { ?x rdfs:label|skos:prefLabel ?label } UNION { ?x gk:isoCode ?country } UNION { ?x gk:country/gk:isoCode ?country }
  UNION { ?x skos:altLabel ?alias } UNION { ?x gk:role ?role } UNION {}
}
"""
DOCS_QUERY = """
SELECT ?d ?doc ?doc_date WHERE { ?d a gk:Document ; dcterms:identifier ?doc . OPTIONAL { ?d dcterms:date ?doc_date } }
"""
EVENT_COLUMNS = ["event", "label", "doc", "sentence", "reports", "date", "doc_date", "month", "subject",
                 "subject_label", "subject_kind", "predicate", "event_type", "quad_class", "object", "object_label",
                 "object_kind", "negated", "hypothetical", "confidence", "actor_edge"]
ACTOR_COLUMNS = ["actor", "label", "kind", "country", "aliases", "roles"]


def as_store(source: Source) -> ox.Store:
    """A pyoxigraph store from a graph file path, a store, or an rdflib Dataset on Oxigraph."""
    if isinstance(source, ox.Store):
        return source
    if isinstance(source, str | Path):
        return open_graph(Path(source))
    inner = getattr(getattr(source, "store", None), "_inner", None)  # oxrdflib keeps the engine here
    if isinstance(inner, ox.Store):
        return inner
    raise TypeError(f"expected a graph path, a pyoxigraph Store or an rdflib Dataset on Oxigraph, "
                    f"got {type(source).__name__}")


def _local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _resources(store: ox.Store) -> dict[str, dict[str, Any]]:
    """IRI → kind, label, countries, aliases and roles of every actor, place and concept."""
    out: dict[str, dict[str, Any]] = {}
    for row in run_query(store, RESOURCES_QUERY).rows:
        kind = "Concept" if row["cls"].endswith("#Concept") else _local(row["cls"])
        rec = out.setdefault(row["x"], {"kinds": set(), "labels": set(), "countries": set(), "aliases": set(),
                                        "roles": set()})
        rec["kinds"].add(kind)
        for key, col in (("labels", "label"), ("countries", "country"), ("aliases", "alias"),
                         ("roles", "role")):
            if row[col]:
                rec[key].add(row[col])
    for iri, rec in out.items():
        order = (*ACTOR_KINDS, "Place", "Concept")
        rec["kind"] = min(rec["kinds"], key=order.index)
        rec["label"] = min(rec["labels"]) if rec["labels"] else _local(iri)
    return out


def actors_frame(source: Source) -> pd.DataFrame:
    """One row per actor: ``actor`` (IRI), ``label``, ``kind``, ``country`` (ISO 3166-1 alpha-3, the
    smallest when there are several), ``aliases`` and ``roles`` (``"; "``-joined); sorted by label."""
    rows = [{"actor": iri, "label": rec["label"], "kind": rec["kind"],
             "country": min(rec["countries"]) if rec["countries"] else "",
             "aliases": "; ".join(sorted(rec["aliases"])), "roles": "; ".join(sorted(rec["roles"]))}
            for iri, rec in _resources(as_store(source)).items() if rec["kind"] in ACTOR_KINDS]
    frame = pd.DataFrame(rows, columns=ACTOR_COLUMNS)
    return frame.sort_values(["label", "actor"], ignore_index=True)


def _month(date: str, doc_date: str) -> str | None:
    """``YYYY-MM`` of the event date; the publication month when the event has no date; missing when the
    event date is only a year (a 1932 event must not count in the month the article appeared)."""
    if date:
        return date[:7] if len(date) >= 7 else None
    return doc_date[:7] if len(doc_date) >= 7 else None


def _event_row(iri: str, attrs: dict[str, list[str]], report: Report | None, docs: dict[str, tuple[str, str]],
               res: dict[str, dict[str, Any]], quads: dict[str, tuple[int, str]]) -> dict[str, Any]:
    event_type = _local(first(attrs, "type"))
    quad_iri = first(attrs, "quad")
    quad = int(_local(quad_iri)[4:]) if quad_iri else quads.get(event_type, (0, ""))[0]
    subject, obj = first(attrs, "subject"), first(attrs, "object")
    subj, ob = res.get(subject, {}), res.get(obj, {})
    doc_iri = report.doc if report and report.doc else first(attrs, "document")
    doc, doc_date = docs.get(doc_iri, ("", ""))
    date = first(attrs, "date")
    return {
        "event": iri, "label": first(attrs, "label"), "doc": doc,
        "sentence": max(report.sentence, 0) if report else 0, "reports": int(first(attrs, "reports", "1")),
        "date": date, "doc_date": doc_date, "month": _month(date, doc_date),
        "subject": subject, "subject_label": subj.get("label", ""), "subject_kind": subj.get("kind", ""),
        "predicate": report.predicate if report and report.predicate else first(attrs, "predicate"),
        "event_type": event_type, "quad_class": quad,
        "object": obj, "object_label": ob.get("label", first(attrs, "object_text")), "object_kind": ob.get("kind", ""),
        "negated": first(attrs, "negated") == "true", "hypothetical": first(attrs, "hypothetical") == "true",
        "confidence": float(first(attrs, "confidence", "0") or 0.0),
        "actor_edge": subj.get("kind") in ACTOR_KINDS and ob.get("kind") in ACTOR_KINDS,
    }


def events_frame(source: Source) -> pd.DataFrame:
    """One row per ``gk:Event`` — all of them, also those aimed at a place or a concept.

    ``quad_class`` is 0 for untyped events; ``month`` is explained at :func:`_month`; ``actor_edge`` is
    true for the events that are edges of :func:`actor_graph`; ``reports`` is the number of documents
    reporting the event, whose first report (by document, then position) gives ``doc``, ``sentence``
    and ``predicate``. A property with several values gives its smallest. Sorted by document,
    sentence and IRI.
    """
    store = as_store(source)
    res, quads = _resources(store), plover_quad_classes()
    docs = {row["d"]: (row["doc"], row["doc_date"]) for row in run_query(store, DOCS_QUERY).rows}
    reports = first_reports(store)
    rows = [_event_row(iri, attrs, reports.get(iri), docs, res, quads)
            for iri, attrs in event_attributes(store).items()]
    frame = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    return frame.sort_values(["doc", "sentence", "event"], ignore_index=True)


def actor_graph(source: Source) -> nx.MultiDiGraph:
    """The actor network: one node per actor, one edge (key = event IRI) per actor–actor event."""
    store = as_store(source)
    g = nx.MultiDiGraph(name="GeoKG actor graph")
    for row in actors_frame(store).sort_values("actor").itertuples(index=False):
        g.add_node(row.actor, label=row.label, kind=row.kind, country=row.country, aliases=row.aliases,
                   roles=row.roles)
    for ev in events_frame(store).query("actor_edge").sort_values("event").itertuples(index=False):
        g.add_edge(ev.subject, ev.object, key=ev.event, label=ev.label, predicate=ev.predicate,
                   event_type=ev.event_type, quad_class=int(ev.quad_class), date=ev.date,
                   month=ev.month if isinstance(ev.month, str) else "",  # pandas turns None into NaN
                   doc=ev.doc, reports=int(ev.reports), negated=bool(ev.negated),
                   hypothetical=bool(ev.hypothetical),
                   confidence=float(ev.confidence), weight=1)
    return g


def _as_graph(graph: nx.MultiDiGraph | Source) -> nx.MultiDiGraph:
    return graph if isinstance(graph, nx.Graph) else actor_graph(graph)


def weighted_view(graph: nx.MultiDiGraph | Source) -> nx.DiGraph:
    """Parallel events collapsed: edge ``weight`` = number of events from subject to object, plus
    ``quad1``..``quad4``, ``cooperation``, ``conflict`` counts and the ``event_types`` seen."""
    g = _as_graph(graph)
    out = nx.DiGraph(name=g.graph.get("name", ""))
    out.add_nodes_from(g.nodes(data=True))
    for u, v, data in g.edges(data=True):
        if not out.has_edge(u, v):
            out.add_edge(u, v, weight=0, quad1=0, quad2=0, quad3=0, quad4=0, cooperation=0, conflict=0,
                         event_types="")
        e = out[u][v]
        e["weight"] += 1
        quad = data.get("quad_class", 0)
        if quad:
            e[f"quad{quad}"] += 1
            e["cooperation" if quad in COOPERATION else "conflict"] += 1
        if data.get("event_type"):
            seen = set(filter(None, e["event_types"].split(";")))
            e["event_types"] = ";".join(sorted(seen | {data["event_type"]}))
    return out


def undirected_view(graph: nx.MultiDiGraph | Source) -> nx.Graph:
    """Who is connected to whom regardless of direction: ``weight`` = events either way, and
    ``distance`` = 1 / weight so that frequent ties count as short in path-based measures."""
    g = _as_graph(graph)
    out = nx.Graph()
    out.add_nodes_from(sorted(g.nodes(data=True)))
    for u, v in g.edges():
        if out.has_edge(u, v):
            out[u][v]["weight"] += 1
        else:
            out.add_edge(u, v, weight=1)
    for _, _, data in out.edges(data=True):
        data["distance"] = 1.0 / data["weight"]
    return out


# -- measures ----------------------------------------------------------------------------


def centrality(graph: nx.MultiDiGraph | Source) -> pd.DataFrame:
    """Per actor: ``events_out``/``events_in``/``events`` (event counts), ``neighbours`` (distinct actors
    linked either way), ``degree_centrality`` (neighbours / (n − 1)) and ``betweenness`` (normalised, on
    the undirected view with distance 1/events); sorted by betweenness, then events, then label."""
    g = _as_graph(graph)
    und = undirected_view(g)
    between = nx.betweenness_centrality(und, weight="distance", normalized=True)
    degree = nx.degree_centrality(und) if len(und) > 1 else dict.fromkeys(und, 0.0)
    rows = [{"actor": n, "label": d.get("label", n), "kind": d.get("kind", ""),
             "events_out": g.out_degree(n), "events_in": g.in_degree(n), "events": g.degree(n),
             "neighbours": sum(1 for m in und[n] if m != n), "degree_centrality": degree[n],
             "betweenness": between[n]} for n, d in g.nodes(data=True)]
    frame = pd.DataFrame(rows, columns=["actor", "label", "kind", "events_out", "events_in", "events",
                                        "neighbours", "degree_centrality", "betweenness"])
    return frame.sort_values(["betweenness", "events", "label"], ascending=[False, False, True],
                             ignore_index=True)


def communities(graph: nx.MultiDiGraph | Source, seed: int = 0, resolution: float = 1.0) -> list[list[str]]:
    """Louvain communities of the undirected weighted view, largest first (ties: smallest label).

    Deterministic for a given ``seed``: nodes are renumbered in IRI order first, because Louvain
    iterates over sets, whose order for strings changes with ``PYTHONHASHSEED``.
    """
    und = undirected_view(graph)
    nodes = sorted(und)
    numbered = nx.relabel_nodes(und, {n: i for i, n in enumerate(nodes)})
    parts = nx.community.louvain_communities(numbered, weight="weight", resolution=resolution, seed=seed)
    groups = [sorted(nodes[i] for i in part) for part in parts]
    label = nx.get_node_attributes(und, "label")
    return sorted(groups, key=lambda grp: (-len(grp), min(label.get(n, n) for n in grp), grp))


def community_frame(graph: nx.MultiDiGraph | Source, seed: int = 0, min_size: int = 2) -> pd.DataFrame:
    """``actor``, ``label``, ``community`` (0 = largest) for actors in communities of ``min_size`` or more."""
    g = _as_graph(graph)
    rows = [{"actor": n, "label": g.nodes[n].get("label", n), "community": i}
            for i, grp in enumerate(communities(g, seed)) if len(grp) >= min_size for n in grp]
    return pd.DataFrame(rows, columns=["actor", "label", "community"])


def find_actor(graph: nx.MultiDiGraph, name: str) -> str:
    """The node for an IRI, a label or an alias (case-insensitive); among several matches the one
    with the most events. Raises ``KeyError`` when nothing matches."""
    if name in graph:
        return name
    wanted = name.casefold()
    for field in ("label", "aliases"):
        hits = [n for n, d in graph.nodes(data=True)
                if wanted in (a.strip().casefold() for a in str(d.get(field, "")).split(";"))]
        if hits:
            return min(hits, key=lambda n: (-graph.degree(n), n))
    raise KeyError(f"no actor called {name!r}")


def shortest_path(graph: nx.MultiDiGraph | Source, source: str, target: str,
                  directed: bool = False) -> list[str]:
    """Fewest-hop chain of actors from ``source`` to ``target`` (IRIs, labels or aliases); undirected
    unless ``directed``. Raises ``networkx.NetworkXNoPath`` when they are not connected."""
    g = _as_graph(graph)
    a, b = find_actor(g, source), find_actor(g, target)
    view = nx.DiGraph(g) if directed else undirected_view(g)
    return nx.shortest_path(view, a, b)


def path_frame(graph: nx.MultiDiGraph, path: list[str]) -> pd.DataFrame:
    """One row per hop of ``path``: the two actors and the events between them (either direction)."""
    rows = []
    for u, v in itertools.pairwise(path):
        evs = [d for a, b in ((u, v), (v, u)) if graph.has_edge(a, b) for d in graph[a][b].values()]
        rows.append({"from": graph.nodes[u].get("label", u), "to": graph.nodes[v].get("label", v),
                     "events": len(evs),
                     "examples": "; ".join(sorted({d.get("label", "") for d in evs})[:3])})
    return pd.DataFrame(rows, columns=["from", "to", "events", "examples"])


def balance(events: pd.DataFrame | Source, include_negated: bool = False) -> pd.DataFrame:
    """Cooperation/conflict balance of every pair of actors per month.

    One row per unordered pair (``a`` < ``b`` by IRI) and ``month`` with the counts of events in each
    PLOVER quad class (``quad1`` verbal cooperation, ``quad2`` material cooperation, ``quad3`` verbal
    conflict, ``quad4`` material conflict), ``cooperation``, ``conflict`` and ``balance`` =
    (cooperation − conflict) / (cooperation + conflict), from −1 (all conflict) to +1. Only typed
    events between two different actors with a known month count; negated and hypothetical ones
    ("did not attack", "may impose") are left out unless ``include_negated``.
    """
    ev = events if isinstance(events, pd.DataFrame) else events_frame(events)
    keep = ev["actor_edge"] & (ev["quad_class"] > 0) & ev["month"].notna() & (ev["subject"] != ev["object"])
    if not include_negated:
        keep &= ~ev["negated"] & ~ev["hypothetical"]
    ev = ev[keep]
    labels = dict(zip(ev["subject"], ev["subject_label"], strict=True)) | dict(
        zip(ev["object"], ev["object_label"], strict=True))
    counts: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for s, o, month, quad in zip(ev["subject"], ev["object"], ev["month"], ev["quad_class"], strict=True):
        a, b = sorted((s, o))
        counts[a, b, month][quad - 1] += 1
    rows = []
    for (a, b, month), q in sorted(counts.items()):
        coop, conf = q[0] + q[1], q[2] + q[3]
        rows.append({"a": a, "b": b, "a_label": labels[a], "b_label": labels[b], "month": month,
                     "quad1": q[0], "quad2": q[1], "quad3": q[2], "quad4": q[3], "cooperation": coop,
                     "conflict": conf, "balance": (coop - conf) / (coop + conf)})
    return pd.DataFrame(rows, columns=["a", "b", "a_label", "b_label", "month", "quad1", "quad2", "quad3",
                                       "quad4", "cooperation", "conflict", "balance"])
