"""TriG blocks of documents' graphs, and the Oxigraph stores made from them once the documents are in.

A document's named graph is one block of ``graph.trig`` (:func:`named_block`), rendered by the
worker that extracted it; the registry records where each block is (:mod:`kg.rdf.registry`), and
later builds copy blocks instead of rendering again. A block is written one statement per line, so
it is read back by :func:`statements` without an RDF parser.

Two stores, both after every document is parsed and recorded (:mod:`kg.rdf.persist`):

* the explorer's store (:class:`Explorer`), in memory: the shared graph and, of each document,
  only the statements the explorer page reads (:func:`kg.rdf.document.browsed`, about a tenth of
  the graph), picked from the blocks while graph.trig is written, thrown away once ``graph.html``
  is written;
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

from kg.rdf.document import _NOT_BROWSED, _SELECTOR_ENDS
from kg.rdf.terms import Statement, TurtleWriter
from kg.rdf.vocab import GK, REL

#: Bytes of RDF text per bulk load: big enough to amortise a load, small enough to bound memory.
_BATCH = 16_000_000
_SELECTOR_ENDS_B = tuple(end.encode() for end in _SELECTOR_ENDS)


def named_block(writer: TurtleWriter, graph: str, turtle: str, shareable: list[Statement]) -> tuple[bytes, int]:
    """One document's named graph as TriG (without the prologue): its Turtle and shareable
    statements; and where the shareable ones start (bytes into the block)."""
    head = f"<{graph}> {{\n{turtle}".encode()
    return head + f"{writer.block(shareable)}}}\n".encode(), len(head)


def statements(turtle: bytes) -> Iterator[tuple[bytes, bytes, bytes]]:
    """The statements of Turtle written by :meth:`TurtleWriter.block`, as (subject, predicate,
    object) in their Turtle forms, in the order written.

    That writer puts one statement per line (``S P O ;`` or ``S P O .``, then ``\tP O ;`` for
    the same subject) and escapes every line break inside literals, so lines are statements; no
    RDF parser is needed to read a block back.
    """
    subject = b""
    for line in turtle.split(b"\n"):
        if not line:
            continue
        if line[0] == 9:  # a tab: another statement about the same subject
            predicate, obj = line[1:-2].split(b" ", 1)
        else:
            subject, predicate, obj = line[:-2].split(b" ", 2)
        yield subject, predicate, obj


def turtle_block(rows: Iterable[tuple[bytes, bytes, bytes]]) -> bytes:
    """Statements read by :func:`statements` written back as :meth:`TurtleWriter.block` would
    (they stay in the order read, which is that method's)."""
    out: list[bytes] = []
    subject = None
    for s, p, o in rows:
        if s != subject:
            if subject is not None:
                out.append(b" .\n")
            out.append(b"%s %s %s" % (s, p, o))
            subject = s
        else:
            out.append(b" ;\n\t%s %s" % (p, o))
    if subject is not None:
        out.append(b" .\n")
    return b"".join(out)


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


class Explorer:
    """The explorer's in-memory store, filled while graph.trig is written: the shared graph and, of
    each document's block, the statements :func:`kg.rdf.document.browsed` keeps (about a tenth).

    The statements are picked from the block's text by their Turtle forms (:func:`statements`), so
    an update reads no RDF back from the previous graph.trig: it copies its blocks.
    """

    def __init__(self, writer: TurtleWriter, shared: str, shared_turtle: Path) -> None:
        self.prologue = writer.prologue().encode()
        self.store = ox.Store()
        self.store.bulk_load(self.prologue + f"<{shared}> {{\n".encode() + shared_turtle.read_bytes() + b"}\n",
                             format=ox.RdfFormat.TRIG)
        self.skip = {writer.term(p).encode() for p in _NOT_BROWSED}
        self.proposition = writer.term(f"<{GK}Proposition>").encode()
        self.evidence = writer.term(f"<{GK}evidence>").encode()
        self.relations = (f"<{REL}".encode(),
                          *(f"{p}:".encode() for p, ns in writer.prefixes.items() if ns == str(REL)))
        self.batch: list[bytes] = []
        self.size = 0

    def add(self, graph: str, body: bytes) -> None:
        """Take the explorer's statements of one document's block (``body``: between the braces)."""
        rows = list(statements(body))
        hidden = {s for s, p, o in rows if p == b"a" and o == self.proposition}
        if hidden:  # propositions and their evidence: the explorer shows events only
            hidden |= {o for s, p, o in rows if s in hidden and p == self.evidence}
        kept = [b"%s %s %s .\n" % (s, p, o) for s, p, o in rows
                if p not in self.skip and s not in hidden and not p.startswith(self.relations)
                and not s.endswith(_SELECTOR_ENDS_B)]
        chunk = b"<%s> {\n%s}\n" % (graph.encode(), b"".join(kept))
        self.batch.append(chunk)
        self.size += len(chunk)
        if self.size >= _BATCH:
            self._load()

    def _load(self) -> None:
        if self.batch:
            self.store.bulk_load(self.prologue + b"".join(self.batch), format=ox.RdfFormat.TRIG)
        self.batch, self.size = [], 0

    def finish(self) -> ox.Store:
        """The store, with every block taken."""
        self._load()
        return self.store


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
