"""The interactive HTML graph explorer (``graph.html``, ``kg viz``).

RDF → :mod:`.data` (SPARQL) → :mod:`.select` (``kg viz`` filters) → :mod:`.layout` (networkx sizes
and positions) → :mod:`.page` (pyvis' network model in a self-contained, offline HTML page).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from .data import GraphData, extract
from .page import PageOptions, render_page
from .select import Selection, make_selection, select

__all__ = ["GraphData", "PageOptions", "Selection", "extract", "make_selection", "render_html", "render_page",
           "render_store", "select", "write_viz"]


def render_store(store: ox.Store, selection: Selection | None = None,
                 options: PageOptions | None = None) -> str:
    """The explorer page of a graph held in a pyoxigraph store, limited to ``selection``."""
    data = extract(store)
    if selection is not None:
        data = select(data, selection)
    return render_page(data, options)


def render_html(dataset: Dataset) -> str:
    """The explorer page of an rdflib ``Dataset`` on the Oxigraph engine (used by ``kg build``)."""
    from kg.rdf.serialize import oxigraph_store

    return render_store(oxigraph_store(dataset))


def write_viz(graph: Path, out: Path, selection: Selection | None = None,
              options: PageOptions | None = None) -> int:
    """``kg viz``: read a graph file and write its explorer page atomically; return the events drawn."""
    from kg.atomic import atomic_write
    from kg.rdf.store import open_graph

    data = extract(open_graph(graph))
    if selection is not None:
        data = select(data, selection)
    atomic_write(out, render_page(data, options).encode("utf-8"))
    return len(data.events)

