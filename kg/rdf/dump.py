"""Streaming, deterministic export of the persistent graph: graph.ttl, .trig, .nt, .nq.

``graph.ttl`` and ``graph.trig`` of a build are written from the documents' graphs as rendered
when they were added (:func:`write_documents`; Turtle kept in the registry, see :mod:`kg.rdf.persist`)
plus the shared graph as :meth:`kg.rdf.merge.GraphBuilder.finish` rendered it: reading every statement
back from the on-disk store cost about as much as parsing the articles. Other formats, and graphs
imported from a file (no rendered graphs), are streamed from the store (:func:`write_store`, each
graph's statements in the store's index order, grouped by subject; see :func:`sorted_quads`).

Either way memory stays bounded, the named graphs come one after another in IRI order, and
``graph.ttl`` is the union: a statement that several graphs hold (a relation triple two articles
assert, an event several articles report) is written once, at its first graph. Each file goes to
a temporary file beside the target and is renamed over it.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg.atomic import atomic_stream
from kg.rdf.derived import named_block
from kg.rdf.iris import IriMinter
from kg.rdf.serialize import FORMATS, header, prefixes
from kg.rdf.terms import Statement, TurtleWriter
from kg.rdf.vocab import GK

#: Formats written here by streaming; others (JSON-LD) go through kg.rdf.serialize in memory.
STREAMED = ("ttl", "trig", "nt", "nq")
_REPORT_COUNT = ox.NamedNode(str(GK.reportCount))


def graph_names(store: ox.Store) -> list[ox.NamedNode | ox.DefaultGraph]:
    """The default graph (if it holds anything), then the named graphs in IRI order."""
    names: list[ox.NamedNode | ox.DefaultGraph] = []
    if next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
        names.append(ox.DefaultGraph())
    return names + sorted((g for g in store.named_graphs() if isinstance(g, ox.NamedNode)), key=lambda g: g.value)


def sorted_quads(store: ox.Store) -> Iterator[ox.Quad]:
    """Every quad, graph by graph in IRI order; inside a graph, in the store's index order.

    The index order groups statements by subject, then predicate, and depends only on the set of
    quads (Oxigraph keys are content hashes, RocksDB keeps keys sorted), never on insertion order or
    process count, so it is deterministic without a Python sort, which cost more than parsing.
    """
    for g in graph_names(store):
        yield from store.quads_for_pattern(None, None, None, g)


def union_triples(store: ox.Store, base_iri: str) -> Iterator[ox.Triple]:
    """Distinct triples of all named graphs, in :func:`sorted_quads` order, each at its first graph.

    Checking every statement against the other graphs cost more than writing it, so only subjects
    that can occur in several graphs are checked: not documents and evidence spans (minted from a
    document id), nor events only one document reports (``gk:reportCount 1``). A union computed by
    Oxigraph itself (``CONSTRUCT`` over the union graph) was faster but held every triple in memory.
    """
    base = IriMinter(base_iri).base
    local = (f"{base}doc/", f"{base}evidence/")
    events = f"{base}event/"
    reported_often = {q.subject for q in store.quads_for_pattern(None, _REPORT_COUNT, None, None)
                      if q.object.value != "1"}
    for q in sorted_quads(store):
        subject = q.subject
        one_graph = isinstance(subject, ox.NamedNode) and (
            subject.value.startswith(local) or (subject.value.startswith(events) and subject not in reported_often))
        if one_graph or not _in_earlier_graph(store, q):
            yield ox.Triple(subject, q.predicate, q.object)



def _in_earlier_graph(store: ox.Store, q: ox.Quad) -> bool:
    if isinstance(q.graph_name, ox.DefaultGraph):
        return False  # the default graph is written first
    here = q.graph_name.value
    return any(isinstance(o.graph_name, ox.DefaultGraph) or o.graph_name.value < here
               for o in store.quads_for_pattern(q.subject, q.predicate, q.object, None))


def write_format(store: ox.Store, fmt: str, path: Path, base_iri: str) -> None:
    """Write the store as ``fmt`` (ttl, trig, nt, nq) to ``path``, atomically and deterministically."""
    rdf_format = FORMATS[fmt]
    data = union_triples(store, base_iri)
    pfx = prefixes(base_iri) if fmt in ("ttl", "trig") else None

    def write(fh) -> None:
        if fmt in ("ttl", "trig"):
            fh.write(header())
        if rdf_format.supports_datasets:
            # the whole dataset in index order, written by Oxigraph itself (no Python objects per quad)
            store.dump(fh, format=rdf_format, prefixes=pfx)
        else:
            ox.serialize(data, fh, format=rdf_format, prefixes=pfx)

    atomic_stream(path, write)


def write_store(store: ox.Store, out_dir: Path, base_iri: str, formats: Iterable[str]) -> list[Path]:
    """Write ``graph.<fmt>`` for every streamable format; return the paths written."""
    written = []
    for fmt in formats:
        if fmt in STREAMED:
            path = out_dir / f"graph.{fmt}"
            write_format(store, fmt, path, base_iri)
            written.append(path)
    return written


#: Formats :func:`write_documents` writes.
RENDERED = ("ttl", "trig")
#: Formats :func:`convert` streams from one of those: N-Triples from the union, N-Quads from the graphs.
CONVERTED = {"nt": "ttl", "nq": "trig"}


def convert(source: Path, fmt: str, path: Path) -> None:
    """Write ``source`` (``graph.ttl`` or ``graph.trig``) as ``fmt`` to ``path``, streaming (Oxigraph
    parses and writes; memory stays flat) and atomically; the order is the source's, deterministic."""
    def write(fh: BinaryIO) -> None:
        ox.serialize(ox.parse(path=str(source), format=FORMATS[source.suffix[1:]]), fh, format=FORMATS[fmt])

    atomic_stream(path, write)


def write_documents(shared_turtle: Path, graphs: Callable[[], Iterator[tuple[str, str, list[Statement]]]],
                    out_dir: Path, base_iri: str, reported_often: set[str], formats: Iterable[str]) -> list[Path]:
    """``graph.ttl``/``graph.trig`` from the documents' rendered graphs and the shared graph's Turtle.

    ``graphs()`` yields (graph IRI, Turtle, shareable statements) in IRI order (see
    :meth:`kg.rdf.persist.Registry.graphs`); ``shared_turtle`` is the shared graph as
    :meth:`kg.rdf.merge.GraphBuilder.finish` rendered it; ``reported_often`` are the events more than
    one document reports, whose statements the union writes only at their first graph.
    """
    iris = IriMinter(base_iri)
    writer = TurtleWriter(prefixes(base_iri), iris.base)
    shared = str(iris.shared_graph())
    paths = [out_dir / f"graph.{fmt}" for fmt in dict.fromkeys(formats) if fmt in RENDERED]

    def write(files: list[BinaryIO]) -> None:
        """Both files in one pass over the registry: the union (.ttl) and the named graphs (.trig)."""
        sinks = [(fh, _Union(iris.base, reported_often) if path.suffix == ".ttl" else None)
                 for fh, path in zip(files, paths, strict=True)]
        for fh, _ in sinks:
            fh.write(header())
            fh.write(writer.prologue().encode())
        pending_shared = True
        for graph, turtle, shareable in graphs():
            if pending_shared and graph > shared:
                for fh, union in sinks:
                    _copy_graph(fh, shared, shared_turtle, union is None)
                pending_shared = False
            for fh, union in sinks:
                if union is None:
                    fh.write(named_block(writer, graph, turtle, shareable))
                else:
                    fh.write((turtle + writer.block(union.first(shareable))).encode())
        if pending_shared:
            for fh, union in sinks:
                _copy_graph(fh, shared, shared_turtle, union is None)

    _atomic_all(paths, write)
    return paths


def _atomic_all(paths: list[Path], write: Callable[[list[BinaryIO]], None], files: tuple = ()) -> None:
    """:func:`kg.rdf.serialize.atomic_stream` for several files written together (each renamed when done)."""
    if len(files) == len(paths):
        write(list(files))
        return
    atomic_stream(paths[len(files)], lambda fh: _atomic_all(paths, write, (*files, fh)))


def _copy_graph(fh: BinaryIO, graph: str, body: Path, named: bool) -> None:
    if named:
        fh.write(f"<{graph}> {{\n".encode())
    with body.open("rb") as src:
        shutil.copyfileobj(src, fh)
    if named:
        fh.write(b"}\n")


class _Union:
    """Drops statements an earlier graph already held: relation triples, events several documents report."""

    def __init__(self, base: str, reported_often: set[str]) -> None:
        self.events = f"<{base}event/"
        self.often = {f"<{e}>" for e in reported_often}
        self.seen: set[bytes] = set()  # digests: distinct relation triples can be many

    def first(self, statements: list[Statement]) -> list[Statement]:
        """The statements not written yet."""
        out = []
        for s, p, o in statements:
            if not s.startswith(self.events) or s in self.often:
                key = hashlib.blake2b(f"{s} {p} {o}".encode(), digest_size=16).digest()
                if key in self.seen:
                    continue
                self.seen.add(key)
            out.append((s, p, o))
        return out
