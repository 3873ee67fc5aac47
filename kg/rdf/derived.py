"""Oxigraph stores made from a build's registry once the documents are in: off the hot path.

Two of them, both after every document is parsed and recorded (:mod:`kg.rdf.persist`):

* the explorer's store (:func:`explorer_store`), in memory: the shared graph and, of each document,
  only the statements the explorer page reads (:func:`kg.rdf.document.browsed`, about a tenth of
  the graph), thrown away once ``graph.html`` is written;
* the query store of ``kg build --store`` (:func:`refresh_query_store`), on disk, for ``kg query``
  and ``kg serve``: loaded from ``graph.trig`` by a new build, or, by ``--update``, a checkpoint of
  the previous one (hard links) in which only the replaced documents' graphs and the shared graph
  change. Writing every statement into RocksDB while parsing cost more CPU than the whole merge
  (issue 5: 2 processes ran 1.33× one process with it, 2.1× without).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.rdf.terms import Statement, TurtleWriter

#: Bytes of RDF text per bulk load: big enough to amortise a load, small enough to bound memory.
_BATCH = 16_000_000


def named_block(writer: TurtleWriter, graph: str, turtle: str, shareable: list[Statement]) -> bytes:
    """One document's named graph as TriG (without the prologue): its Turtle and shareable statements."""
    return f"<{graph}> {{\n{turtle}{writer.block(shareable)}}}\n".encode()


def _batches(chunks: Iterable[bytes], prologue: bytes = b"") -> Iterator[bytes]:
    batch, size = [prologue], 0
    for chunk in chunks:
        batch.append(chunk)
        size += len(chunk)
        if size >= _BATCH:
            yield b"".join(batch)
            batch, size = [prologue], 0
    if size:
        yield b"".join(batch)


def explorer_store(prologue: str, shared: str, shared_turtle: Path, browse: Iterable[bytes]) -> ox.Store:
    """An in-memory store of the shared graph (``shared_turtle``, Turtle written with ``prologue``'s
    prefixes, into the named graph ``shared``) and every document's explorer statements (N-Quads)."""
    store = ox.Store()
    store.bulk_load(prologue.encode() + f"<{shared}> {{\n".encode() + shared_turtle.read_bytes() + b"}\n",
                    format=ox.RdfFormat.TRIG)
    for batch in _batches(browse):
        store.bulk_load(batch, format=ox.RdfFormat.N_QUADS)
    return store


def refresh_query_store(target: Path, trig: Path, previous: Path | None = None, removed: Iterable[str] = (),
                        prologue: str = "", added: Iterable[bytes] = ()) -> None:
    """Make the query store ``target`` (a directory that must not exist yet).

    Without ``previous``, it is ``graph.trig`` (``trig``) bulk-loaded. With ``previous`` (the store
    the build updates), it is a checkpoint of that store without the named graphs ``removed``
    (replaced documents and the shared graph) plus the TriG blocks ``added`` (the documents of this
    build and the new shared graph, written with ``prologue``'s prefixes): the same statements as
    ``graph.trig``, at the cost of what changed.
    """
    if previous is None:
        store = ox.Store(str(target))
        store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
        store.flush()
        return
    try:
        source = ox.Store.read_only(str(previous))
        source.backup(str(target))
        del source
        store = ox.Store(str(target))
        for graph in sorted(set(removed)):
            node = ox.NamedNode(graph)
            if store.contains_named_graph(node):
                store.remove_graph(node)
        for batch in _batches(added, prologue.encode()):
            store.bulk_load(batch, format=ox.RdfFormat.TRIG)
        store.flush()
        del store
    except OSError:  # an unreadable previous store: make it afresh from the file
        shutil.rmtree(target, ignore_errors=True)
        refresh_query_store(target, trig)
