"""Deterministic serialisations of an rdflib dataset: sorted Turtle, TriG, N-Triples, N-Quads.

Output is byte-identical for the same graph: triples are sorted before serialising, and nothing
that varies between runs (times, host) goes into ``graph.ttl``/``graph.trig`` — that goes to
``build.ttl``. Every file is written through :mod:`kg.atomic`, so an interrupted build never
leaves a half-written output.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from kg import __version__
from kg.atomic import atomic_write
from kg.rdf.vocab import ONTOLOGY_IRI, PREFIXES

FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_STANDARD_PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
}


def prefixes(base_iri: str) -> dict[str, str]:
    """Prefix map used in every serialisation."""
    out = {k: str(v) for k, v in PREFIXES.items()}
    out.update(_STANDARD_PREFIXES)
    return out


def oxigraph_store(dataset: Dataset) -> ox.Store:
    """The pyoxigraph store under an rdflib ``Dataset`` built with ``store="Oxigraph"``."""
    return dataset.store._inner  # oxrdflib keeps the engine here; no public accessor exists


def _sort_key(q: ox.Quad | ox.Triple) -> tuple[str, str, int, str, str]:
    graph = str(q.graph_name) if isinstance(q, ox.Quad) else ""
    return graph, str(q.subject), 0 if q.predicate.value == _RDF_TYPE else 1, str(q.predicate), str(q.object)


def sorted_triples(store: ox.Store) -> list[ox.Triple]:
    """All distinct triples of all graphs (the union), in a canonical order."""
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in store}
    return sorted(triples, key=_sort_key)


def sorted_quads(store: ox.Store) -> list[ox.Quad]:
    """All quads in a canonical order."""
    return sorted(store, key=_sort_key)


def serialize(dataset: Dataset, fmt: str, base_iri: str) -> bytes:
    """Serialise the dataset in ``fmt`` (ttl, trig, nt, nq, jsonld) deterministically."""
    store = oxigraph_store(dataset)
    rdf_format = FORMATS[fmt]
    data: Iterable[ox.Quad] | Iterable[ox.Triple]
    data = sorted_quads(store) if rdf_format.supports_datasets else sorted_triples(store)
    pfx = prefixes(base_iri) if fmt in ("ttl", "trig") else None
    body = ox.serialize(data, format=rdf_format, prefixes=pfx) or b""
    return header() + body if fmt in ("ttl", "trig") else body


def header() -> bytes:
    """The comment lines that open every Turtle and TriG file GeoKG writes."""
    return (f"# GeoKG {__version__} knowledge graph. Vocabulary: <{ONTOLOGY_IRI}>.\n"
            "# PLOVER terms: Open Event Data Alliance, CC BY-SA 4.0.\n").encode()


def write_graph(dataset: Dataset, out_dir: Path, base_iri: str, formats: Iterable[str] = ("ttl", "trig")) -> list[Path]:
    """Write ``graph.<fmt>`` for each format into ``out_dir``; return the paths written."""
    written = []
    for fmt in formats:
        path = out_dir / f"graph.{fmt}"
        atomic_write(path, serialize(dataset, fmt, base_iri))
        written.append(path)
    return written
