"""Opening graphs on the Oxigraph engine: files loaded into memory (with clear errors for corrupt
files), or a persistent store opened read-only (``kg build --store``, ``kg load --store``)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from kg.rdf.merge import new_dataset

GRAPH_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}


#: Where a ``kg build`` output keeps its state, and in it the query store of ``kg build --store``.
STATE_DIR = ".geokg"
STORE = "store"


class GraphError(RuntimeError):
    """A graph file that cannot be read; the message names the file (and line)."""


def graph_format(path: Path) -> ox.RdfFormat:
    """The RDF format of a graph file, from its extension."""
    fmt = GRAPH_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise GraphError(f"{path}: unknown graph format {path.suffix!r} "
                         f"(expected one of {', '.join(sorted(GRAPH_FORMATS))})")
    return fmt


def graph_file(path: Path) -> Path:
    """The graph file a path names: the path itself, or for a ``kg build`` output directory its
    ``graph.trig`` (every named graph), else its ``graph.ttl``."""
    path = Path(path)
    if not path.is_dir():
        return path
    for name in ("graph.trig", "graph.ttl"):
        if (path / name).is_file():
            return path / name
    if store_dir(path) is not None:
        raise GraphError(f"{path}: holds an Oxigraph store but not a graph file (the store is only read, "
                         "never updated)")
    raise GraphError(f"{path}: a directory without graph.trig or graph.ttl (not a kg build output)")


def is_store(path: Path) -> bool:
    """Whether ``path`` is an Oxigraph (RocksDB) store directory."""
    return (path / "CURRENT").is_file() and any(path.glob("MANIFEST-*"))


def store_dir(path: Path) -> Path | None:
    """The persistent store a path names: a ``kg build --store`` output's, or a store directory."""
    path = Path(path)
    if not path.is_dir():
        return None
    for candidate in (path / STATE_DIR / STORE, path):
        if candidate.is_dir() and is_store(candidate):
            return candidate
    return None


def open_graph(path: Path) -> ox.Store:
    """A store to read the graph ``path`` names: its persistent store opened read-only when it has
    one (nothing to load: ``kg build --store``, ``kg load --store DIR``), else the graph file
    loaded into memory (:func:`load_store`)."""
    directory = store_dir(path)
    if directory is None:
        return load_store(path)
    try:
        return ox.Store.read_only(str(directory))
    except OSError as err:
        raise GraphError(f"{directory}: cannot open the Oxigraph store: {err}") from None


def load_store(path: Path, store: ox.Store | None = None) -> ox.Store:
    """Parse ``path`` (a graph file or a ``kg build`` output directory) into a (new) in-memory
    Oxigraph store; raise :class:`GraphError` if corrupt."""
    path = graph_file(path)
    if not path.is_file():  # also refuses FIFOs and devices, which could block or never end
        reason = "not a regular file" if path.exists() else "no such graph file"
        raise GraphError(f"{path}: {reason}")
    fmt = graph_format(path)
    store = store if store is not None else ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt)
    except SyntaxError as err:
        line = getattr(err, "lineno", None)
        where = f"{path}:{line}" if line else str(path)
        raise GraphError(f"{where}: not valid {fmt.name}: {err.msg if hasattr(err, 'msg') else err}") from None
    except (OSError, ValueError) as err:
        raise GraphError(f"{path}: cannot load graph: {err}") from None
    return store


def load_dataset(path: Path) -> Dataset:
    """Parse a graph file into an rdflib ``Dataset`` on the Oxigraph engine."""
    ds = new_dataset()
    load_store(path, ds.store._inner)
    return ds
