"""``kg validate``: SHACL validation of a graph file against ``ontologies/shapes.ttl`` (pySHACL).

The graph (Turtle, TriG, N-Triples, N-Quads or JSON-LD; all named graphs merged) is parsed with
Oxigraph and handed to pySHACL as one in-memory rdflib graph. No inference is run and the ontology
is deliberately not mixed in: ``sh:class`` follows the ``rdfs:subClassOf`` declarations the graph
itself must carry (CONTRACT: graph.ttl describes itself), so a graph without them fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SH

from kg.rdf.ontology import ontology_bytes
from kg.rdf.store import load_store


@dataclass(frozen=True)
class Finding:
    """One SHACL result: severity, focus node, path, value and message."""

    severity: str
    focus: str
    path: str
    value: str
    message: str

    def __str__(self) -> str:
        if self.focus in _WHOLE_GRAPH_FOCI:  # whole-graph checks report the offending node as value
            return f"{self.severity}: <{self.value}>: {self.message}"
        where = f" {self.path}" if self.path else ""
        value = f" = {self.value!r}" if self.value and self.value != self.focus else ""
        return f"{self.severity}: <{self.focus}>{where}{value}: {self.message}"


#: Focus nodes of the whole-graph SPARQL checks in shapes.ttl (classes, not data nodes).
_WHOLE_GRAPH_FOCI = {f"https://w3id.org/geokg/ontology#{c}" for c in ("Document", "Event", "Evidence")}


def _data_graph(path: Path) -> Graph:
    """All triples of the graph file (union of its named graphs) as an in-memory rdflib graph."""
    import pyoxigraph as ox

    store = load_store(Path(path))
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in store}
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    graph = Graph()
    graph.parse(data=data, format="nt")
    return graph


def shapes_graph() -> Graph:
    """The shipped SHACL shapes."""
    return Graph().parse(data=ontology_bytes("shapes.ttl"), format="turtle")


def findings(path: Path) -> list[Finding]:
    """Every SHACL result (violations and warnings) for the graph file ``path``, sorted."""
    from pyshacl import validate

    _conforms, report, _text = validate(_data_graph(path), shacl_graph=shapes_graph(), inference="none",
                                        advanced=False, allow_warnings=True)
    if not isinstance(report, Graph):  # pyshacl reports a shape it cannot run instead of raising
        raise RuntimeError(f"SHACL validation could not run: {report}")
    out = []
    for result in report.subjects(predicate=SH.resultSeverity):
        severity = report.value(result, SH.resultSeverity)
        out.append(Finding(
            severity=str(severity).rsplit("#", 1)[-1],
            focus=str(report.value(result, SH.focusNode) or ""),
            path=_short(report.value(result, SH.resultPath)),
            value=str(report.value(result, SH.value) or ""),
            message=str(report.value(result, SH.resultMessage) or ""),
        ))
    return sorted(set(out), key=lambda f: (f.severity != "Violation", f.message, f.focus, f.value))


def _short(node: object) -> str:
    if node is None:
        return ""
    text = str(node)
    for prefix, ns in (("gk:", "https://w3id.org/geokg/ontology#"), ("prov:", "http://www.w3.org/ns/prov#"),
                       ("oa:", "http://www.w3.org/ns/oa#"), ("dcterms:", "http://purl.org/dc/terms/"),
                       ("skos:", "http://www.w3.org/2004/02/skos/core#"),
                       ("rdfs:", "http://www.w3.org/2000/01/rdf-schema#")):
        if text.startswith(ns):
            return prefix + text[len(ns):]
    return text


def validate_graph(path: Path) -> tuple[bool, list[str]]:
    """Validate the graph file ``path``: (conforms, one line per violation).

    Warnings (data-quality findings such as a state without an ISO code) do not make a graph
    non-conforming and are not listed here; :func:`findings` returns them too.
    """
    violations = [str(f) for f in findings(path) if f.severity == "Violation"]
    return not violations, violations
