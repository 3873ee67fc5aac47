"""Bulk insertion of pyoxigraph quads into the graph's dataset.

The graph stage mints its per-document statements as pyoxigraph terms and hands the store one
batch per document: converting rdflib terms one triple at a time through rdflib's store plugin
cost more than the extraction itself (measured: 2.9 s for 80 articles, vs 1.9 s of extraction).
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Dataset

from kg.export import oxigraph_store


class QuadBuffer:
    """Collects quads for an on-disk store and writes them with ``bulk_extend`` in large batches.

    A transaction per document on the on-disk store cost more than parsing the document
    (measured: 0.3 s per article); bulk loading skips the write-ahead log. Only for stores whose
    atomicity is provided elsewhere (a build's working copy, see :mod:`kg.persist`), and every
    reader must :meth:`flush` first.
    """

    def __init__(self, store: ox.Store, limit: int = 50_000) -> None:
        self.store = store
        self.limit = limit
        self.quads: list[ox.Quad] = []

    def add(self, quads: list[ox.Quad]) -> None:
        """Queue quads; write them out once ``limit`` are queued."""
        self.quads.extend(quads)
        if len(self.quads) >= self.limit:
            self.flush()

    def flush(self) -> None:
        """Write every queued quad to the store."""
        if self.quads:
            self.store.bulk_extend(self.quads)
            self.quads = []


def attach_buffer(dataset: Dataset, buffer: QuadBuffer | None) -> None:
    """Route :func:`add_quads` on ``dataset`` through ``buffer`` (None: back to direct inserts)."""
    dataset._geokg_buffer = buffer  # type: ignore[attr-defined]


def insert_quads(dataset: Dataset, quads: list[ox.Quad]) -> None:
    """Add pyoxigraph quads to ``dataset`` in one batch (through its buffer when it has one).

    Same effect as ``dataset.addN``, several times faster: no rdflib term per statement.
    """
    buffer = getattr(dataset, "_geokg_buffer", None)
    if buffer is not None:
        buffer.add(quads)
    else:
        oxigraph_store(dataset).extend(quads)


def flush_quads(dataset: Dataset) -> None:
    """Write what :func:`insert_quads` buffered for ``dataset`` (before reading or updating it)."""
    buffer = getattr(dataset, "_geokg_buffer", None)
    if buffer is not None:
        buffer.flush()
