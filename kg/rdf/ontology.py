"""GeoKG's shipped ontology files (``kg/ontologies/``, a link to ``ontologies/``) and the term
declarations ``kg build`` copies from them, so that ``graph.ttl`` describes itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources

import pyoxigraph as ox

#: Ontology files shipped with the package, in the order they are loaded.
ONTOLOGY_FILES = ("geokg.ttl", "plover.ttl", "cameo.ttl")

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_OWL = "http://www.w3.org/2002/07/owl#"

#: What is copied about a declared term: its kind, label and place in the hierarchy.
DECLARATION_PREDICATES = tuple(ox.NamedNode(p) for p in (
    _RDF + "type", _RDFS + "label", _RDFS + "subClassOf", _RDFS + "subPropertyOf",
    _SKOS + "prefLabel", _SKOS + "notation", _SKOS + "inScheme", _SKOS + "broader",
))
#: Predicates whose objects are terms that need a declaration of their own.
_TERM_LINKS = {_RDF + "type", _RDFS + "subClassOf", _RDFS + "subPropertyOf", _SKOS + "inScheme",
               _SKOS + "broader"}
#: Built-in vocabularies OWL does not ask to declare.
_BUILTIN = (_RDF, _RDFS, _OWL, "http://www.w3.org/2001/XMLSchema#")


def ontology_bytes(name: str) -> bytes:
    """The bytes of a shipped ontology file (``geokg.ttl``, ``plover.ttl``, ``cameo.ttl``, ``shapes.ttl``)."""
    return resources.files("kg").joinpath("ontologies", name).read_bytes()


@cache
def ontology_store() -> ox.Store:
    """geokg.ttl + plover.ttl + cameo.ttl in one in-memory store (read-only by convention)."""
    store = ox.Store()
    for name in ONTOLOGY_FILES:
        store.load(ontology_bytes(name), format=ox.RdfFormat.TURTLE)
    return store


def declarations(used: Iterable[str]) -> Iterator[ox.Triple]:
    """Declarations (type, label, hierarchy) of every term in ``used`` and of the terms they refer to.

    Terms the ontology files do not declare (resource IRIs, relation properties declared by the
    graph itself) are ignored; built-in RDF/RDFS/OWL/XSD terms are never copied.
    """
    store = ontology_store()
    todo = sorted(set(used))
    seen: set[str] = set()
    while todo:
        term = todo.pop()
        if term in seen or term.startswith(_BUILTIN):
            continue
        seen.add(term)
        node = ox.NamedNode(term)
        for pred in DECLARATION_PREDICATES:
            for quad in store.quads_for_pattern(node, pred, None, None):
                yield ox.Triple(quad.subject, quad.predicate, quad.object)
                if isinstance(quad.object, ox.NamedNode) and pred.value in _TERM_LINKS:
                    todo.append(quad.object.value)
                todo.append(pred.value)
