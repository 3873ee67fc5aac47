"""Writes into an in-memory dataset as N-Quads text, which Oxigraph parses natively.

Converting rdflib terms one triple at a time through rdflib's store plugin cost more than the
extraction itself, and a pyoxigraph object per term still cost more than the store write. (A
persistent build writes no store at all while it parses: see :mod:`kg.rdf.derived`.)
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Dataset

from kg.rdf.serialize import oxigraph_store


def insert_nquads(dataset: Dataset, data: bytes) -> None:
    """Add N-Quads text to ``dataset``."""
    if data:
        oxigraph_store(dataset).load(data, format=ox.RdfFormat.N_QUADS)
