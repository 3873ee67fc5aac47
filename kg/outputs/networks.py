"""``kg export``: the actor graph (:func:`kg.outputs.analytics.actor_graph`) for Gephi, networkx and spreadsheets.

* ``graphml`` — one ``<edge>`` per actor–actor event (id = event IRI), nodes keyed by actor IRI.
* ``gexf`` — the same graph in Gephi's native format (edge ``id`` = event IRI, ``weight`` 1 per event,
  so Gephi's "merge parallel edges" sums to the number of events).
* ``csv`` — two tables in Gephi's spreadsheet-import layout: ``actors.csv`` (``Id``, ``Label``, …) and
  ``events.csv`` (``Id``, ``Source``, ``Target``, ``Type``, ``Label``, ``Weight``, …). ``-o NAME.zip``
  writes them into one zip archive; any other ``-o`` is a directory that receives both files.

All three hold exactly the same nodes and edges. Every file is written atomically, and the bytes
depend only on the graph (sorted nodes and edges, fixed zip timestamps), so re-exporting an unchanged
graph gives identical files.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import networkx as nx
import pandas as pd
from networkx.readwrite.gexf import GEXFWriter

from kg.atomic import atomic_write
from kg.outputs.analytics import Source, actor_graph

EXPORT_FORMATS = ("graphml", "gexf", "csv")
ACTOR_CSV_COLUMNS = ["Id", "Label", "kind", "country", "aliases", "roles", "events_out", "events_in"]
EVENT_CSV_COLUMNS = ["Id", "Source", "Target", "Type", "Label", "Weight", "doc", "date", "month", "predicate",
                     "event_type", "quad_class", "negated", "hypothetical", "confidence"]
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest zip timestamp: archives then depend on content alone


class ExportError(ValueError):
    """An export that cannot be written as asked."""


def graphml_bytes(graph: nx.MultiDiGraph) -> bytes:
    """GraphML of the actor graph (networkx ``read_graphml`` and Gephi read it)."""
    buf = io.BytesIO()
    nx.write_graphml(graph, buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue()


def gexf_bytes(graph: nx.MultiDiGraph) -> bytes:
    """GEXF 1.2 of the actor graph, edge ids = event IRIs."""
    g = graph.copy()
    for _, _, key, data in g.edges(keys=True, data=True):
        data["id"] = key
    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph(g)
    meta = writer.xml.find("meta")
    if meta is not None:  # today's date would make the file differ from day to day; it is optional
        meta.attrib.pop("lastmodifieddate", None)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def csv_tables(graph: nx.MultiDiGraph) -> dict[str, bytes]:
    """``actors.csv`` and ``events.csv`` (UTF-8, header row, ``\\n`` line ends)."""
    actors = pd.DataFrame([
        {"Id": n, "Label": d.get("label", n), "kind": d.get("kind", ""), "country": d.get("country", ""),
         "aliases": d.get("aliases", ""), "roles": d.get("roles", ""), "events_out": graph.out_degree(n),
         "events_in": graph.in_degree(n)} for n, d in sorted(graph.nodes(data=True))],
        columns=ACTOR_CSV_COLUMNS)
    events = pd.DataFrame([
        {"Id": k, "Source": u, "Target": v, "Type": "Directed", "Label": d.get("label", ""), "Weight": 1,
         **{c: _cell(d.get(c, "")) for c in EVENT_CSV_COLUMNS[6:]}}
        for u, v, k, d in sorted(graph.edges(keys=True, data=True), key=lambda e: e[2])],
        columns=EVENT_CSV_COLUMNS)
    return {name: frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
            for name, frame in (("actors.csv", actors), ("events.csv", events))}


def _cell(value: object) -> object:
    """Booleans as ``true``/``false``, as in ``kg triples``; everything else unchanged."""
    return str(value).lower() if isinstance(value, bool) else value


def _zip(tables: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in tables.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buf.getvalue()


def infer_format(out: Path) -> str:
    """The format a file name asks for: ``.graphml``, ``.gexf``; ``csv`` for ``.zip`` or anything else."""
    suffix = Path(out).suffix.lower().lstrip(".")
    return suffix if suffix in ("graphml", "gexf") else "csv"


def write_export(graph: nx.MultiDiGraph, fmt: str, out: Path) -> list[Path]:
    """Write ``graph`` to ``out`` in ``fmt``; return the files written."""
    out = Path(out)
    if fmt == "graphml":
        atomic_write(out, graphml_bytes(graph))
        return [out]
    if fmt == "gexf":
        atomic_write(out, gexf_bytes(graph))
        return [out]
    if fmt != "csv":
        raise ExportError(f"unknown export format {fmt!r} (expected one of {', '.join(EXPORT_FORMATS)})")
    if out.suffix.lower() == ".csv":
        raise ExportError(f"{out}: csv export writes two tables (actors.csv, events.csv): "
                          f"give a directory or a .zip file")
    tables = csv_tables(graph)
    if out.suffix.lower() == ".zip":
        atomic_write(out, _zip(tables))
        return [out]
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out}: exists and is not a directory (csv writes actors.csv and events.csv "
                          f"into a directory, or into NAME.zip)")
    paths = [out / name for name in tables]
    for path in paths:
        atomic_write(path, tables[path.name])
    return paths


def export_graph(source: Source, fmt: str, out: Path) -> list[Path]:
    """Build the actor graph of ``source`` (graph file, pyoxigraph store or rdflib Dataset) and write it."""
    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"unknown export format {fmt!r} (expected one of {', '.join(EXPORT_FORMATS)})")
    return write_export(actor_graph(source), fmt, out)
