"""Bulk writes into the graph's dataset: N-Quads text, buffered for an on-disk store.

The graph stage hands the store one batch per document, as N-Quads text (:mod:`kg.rdf.terms`) that
Oxigraph parses natively: converting rdflib terms one triple at a time through rdflib's store
plugin cost more than the extraction itself, and a pyoxigraph object per term still cost more than
the store write.
"""

from __future__ import annotations

import queue
import threading

import pyoxigraph as ox
from rdflib import Dataset

from kg.rdf.serialize import oxigraph_store


class QuadBuffer:
    """Collects writes for an on-disk store and bulk-loads them in large batches, in a writer thread.

    A transaction per document on the on-disk store cost more than parsing the document
    (measured: 0.3 s per article); bulk loading skips the write-ahead log. Oxigraph releases the
    GIL while it loads, so the writer thread overlaps the store's work with parsing the next
    documents; at most ``depth`` batches wait for it, which bounds memory. Only for stores whose
    atomicity is provided elsewhere (a build's working copy, see :mod:`kg.rdf.persist`), and every
    reader must :meth:`flush` first.
    """

    def __init__(self, store: ox.Store, limit: int = 8_000_000, depth: int = 2) -> None:
        self.store = store
        self.limit = limit  # bytes of N-Quads per batch
        self.text: list[bytes] = []
        self.size = 0
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None

    def add_nquads(self, data: bytes) -> None:
        """Queue N-Quads text."""
        self.text.append(data)
        self.size += len(data)
        if self.size >= self.limit:
            self._send()

    def _send(self) -> None:
        self._check()
        if not self.text:
            return
        if self._thread is None:
            self._thread = threading.Thread(target=self._write, name="geokg-store-writer", daemon=True)
            self._thread.start()
        self._queue.put(b"".join(self.text))
        self.text, self.size = [], 0

    def _write(self) -> None:
        while (batch := self._queue.get()) is not None:
            try:
                if self._error is None:
                    self.store.bulk_load(batch, format=ox.RdfFormat.N_QUADS)
            except BaseException as err:  # re-raised in the building thread at its next call
                self._error = err
            finally:
                self._queue.task_done()
        self._queue.task_done()

    def _check(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def flush(self) -> None:
        """Write everything queued to the store and wait until it is written."""
        self._send()
        self._queue.join()
        self._check()

    def close(self) -> None:
        """Flush, then stop the writer thread."""
        try:
            self.flush()
        finally:
            if self._thread is not None:
                self._queue.put(None)
                self._thread.join()
                self._thread = None


def attach_buffer(dataset: Dataset, buffer: QuadBuffer | None) -> None:
    """Route :func:`insert_nquads` on ``dataset`` through ``buffer`` (None: back to direct loads)."""
    dataset._geokg_buffer = buffer  # type: ignore[attr-defined]


def insert_nquads(dataset: Dataset, data: bytes) -> None:
    """Add N-Quads text to ``dataset`` (through its buffer when it has one)."""
    if not data:
        return
    buffer = getattr(dataset, "_geokg_buffer", None)
    if buffer is not None:
        buffer.add_nquads(data)
    else:
        oxigraph_store(dataset).load(data, format=ox.RdfFormat.N_QUADS)


def flush_quads(dataset: Dataset) -> None:
    """Write what :func:`insert_nquads` buffered for ``dataset`` (before reading or updating it)."""
    buffer = getattr(dataset, "_geokg_buffer", None)
    if buffer is not None:
        buffer.flush()
