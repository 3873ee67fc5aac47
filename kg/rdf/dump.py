"""Streaming, deterministic export of the persistent graph: graph.ttl, .trig, .nt, .nq.

``graph.trig`` and ``graph.ttl`` of a build are written from the documents' blocks
(:func:`write_documents`): each block is copied from this build's spool (documents it processed)
or from the previous ``graph.trig`` (the others; see :mod:`kg.rdf.persist`), plus the shared graph
as :meth:`kg.rdf.merge.GraphBuilder.finish` rendered it. Other formats, and graphs imported from a
file (no blocks), are streamed from a store (:func:`write_store`, each graph's statements in the
store's index order, grouped by subject; see :func:`sorted_quads`).

Either way memory stays bounded, the named graphs come one after another in IRI order, and
``graph.ttl`` is the union: a statement that several graphs hold (a relation triple two articles
assert, an event several articles report) is written once, at its first graph. Each file goes to
a temporary file beside the target and is renamed over it.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg.atomic import atomic_stream
from kg.rdf.derived import Explorer, statements, turtle_block
from kg.rdf.iris import IriMinter
from kg.rdf.registry import Block, StateError
from kg.rdf.serialize import FORMATS, header, prefixes
from kg.rdf.terms import TurtleWriter
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


class Blocks:
    """Reads documents' blocks: from the previous graph.trig, or from this build's spool."""

    def __init__(self, previous: Path | None, spool: Path) -> None:
        self.previous = previous.open("rb") if previous is not None else None
        self.spool = spool.open("rb")

    def read(self, block: Block) -> bytes:
        """The bytes of ``block``; :class:`StateError` if they are not that document's graph."""
        source = self.spool if block.spooled or self.previous is None else self.previous
        source.seek(block.offset)
        data = source.read(block.length)
        if len(data) != block.length or not data.startswith(b"<%s> {\n" % block.graph.encode()) \
                or not data.endswith(b"}\n"):
            raise StateError(f"{getattr(source, 'name', source)}: the graph of document {block.id!r} is not "
                             "where the registry says; build afresh without --update")
        return data

    def close(self) -> None:
        """Close the files."""
        for fh in (self.previous, self.spool):
            if fh is not None:
                fh.close()


@dataclass
class Written:
    """What :func:`write_documents` wrote: the files, each block's offset in graph.trig (document
    id, offset), and graph.trig's size and digest."""

    paths: list[Path]
    placed: list[tuple[str, int]]
    size: int = 0
    digest: str = ""


def trig_digest(path: Path) -> str:
    """The digest the registry records of a graph.trig (BLAKE2b, 128 bits, hex)."""
    digest = hashlib.blake2b(digest_size=16)
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def write_documents(shared_turtle: Path, blocks: list[Block], source: Blocks, out_dir: Path, base_iri: str,
                    reported_often: set[str], explorer: Explorer | None = None) -> Written:
    """``graph.trig`` and ``graph.ttl`` from the documents' blocks and the shared graph's Turtle.

    ``blocks`` are the documents' named graphs in IRI order (:meth:`kg.rdf.registry.Registry.blocks`),
    read from ``source``: copied as they are into graph.trig; into graph.ttl, the union, their
    Turtle, then their shareable statements not written yet. ``shared_turtle`` is the shared graph
    as :meth:`kg.rdf.merge.GraphBuilder.finish` rendered it; ``reported_often`` are the events more
    than one document reports. ``explorer``, if given, takes every block on the way.
    """
    iris = IriMinter(base_iri)
    writer = TurtleWriter(prefixes(base_iri), iris.base)
    shared = str(iris.shared_graph())
    paths = [out_dir / "graph.trig", out_dir / "graph.ttl"]
    result = Written(paths, [])

    def write(files: list[BinaryIO]) -> None:
        """Both files in one pass over the blocks: the named graphs (.trig) and the union (.ttl)."""
        trig, ttl = _Counting(files[0]), files[1]
        union = _Union(iris.base, reported_often)
        for fh in (trig, ttl):
            fh.write(header())
            fh.write(writer.prologue().encode())
        pending_shared = True
        for block in blocks:
            if pending_shared and block.graph > shared:
                _copy_graph(trig, shared, shared_turtle, True)
                _copy_graph(ttl, shared, shared_turtle, False)
                pending_shared = False
            data = source.read(block)
            result.placed.append((block.id, trig.size))
            trig.write(data)
            head = len(block.graph) + 5  # "<graph> {\n"
            ttl.write(data[head:block.split])
            ttl.write(union.first(data[block.split:-2]))
            if explorer is not None:
                explorer.add(block.graph, data[head:-2])
        if pending_shared:
            _copy_graph(trig, shared, shared_turtle, True)
            _copy_graph(ttl, shared, shared_turtle, False)
        result.size, result.digest = trig.size, trig.digest.hexdigest()

    _atomic_all(paths, write)
    return result


class _Counting:
    """A file being written, with the count and digest of the bytes written so far."""

    def __init__(self, fh: BinaryIO) -> None:
        self.fh = fh
        self.size = 0
        self.digest = hashlib.blake2b(digest_size=16)

    def write(self, data: bytes) -> None:
        self.fh.write(data)
        self.digest.update(data)
        self.size += len(data)


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
    """Drops statements an earlier graph already held: relation triples, events several documents report.

    Statements are compared in their Turtle forms (one writer renders them all, one form per term).
    """

    def __init__(self, base: str, reported_often: set[str]) -> None:
        self.events = f"<{base}event/".encode()
        self.often = {f"<{e}>".encode() for e in reported_often}
        self.seen: set[bytes] = set()  # digests: distinct relation triples can be many

    def first(self, turtle: bytes) -> bytes:
        """The statements of ``turtle`` (a block of shareable statements) not written yet, as Turtle."""
        return turtle_block(self._first(statements(turtle)))

    def _first(self, rows: Iterable[tuple[bytes, bytes, bytes]]) -> Iterator[tuple[bytes, bytes, bytes]]:
        for s, p, o in rows:
            if not s.startswith(self.events) or s in self.often:
                key = hashlib.blake2b(b"%s %s %s" % (s, p, o), digest_size=16).digest()
                if key in self.seen:
                    continue
                self.seen.add(key)
            yield s, p, o
