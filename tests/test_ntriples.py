"""Statements written as text (kg.rdf.terms) read back as the same RDF in Oxigraph, rdflib and riot."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import require_tool
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.rdf import terms as nt
from kg.rdf.serialize import prefixes

ROOT = Path(__file__).resolve().parent.parent

BASE = "https://w3id.org/geokg/id/"
NASTY = ['plain', 'say "no"', "back\\slash", "line\nbreak\r\n", "tab\there", "bell\x07 and \x1f",
         "Зеленський’s “quote”", "emoji 🙂", "", "  spaced  ", "ends with backslash\\", "\\\"both\""]


def _statements() -> list[nt.Statement]:
    ev = nt.iri(f"{BASE}event/1")
    rows = [(ev, nt.iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), nt.iri("https://w3id.org/geokg/ontology#Event")),
            (ev, nt.iri("https://w3id.org/geokg/ontology#confidence"), nt.decimal(0.3)),
            (ev, nt.iri("https://w3id.org/geokg/ontology#confidence"), nt.decimal(1.0)),
            (ev, nt.iri("https://w3id.org/geokg/ontology#sentenceIndex"), nt.integer(7)),
            (ev, nt.iri("https://w3id.org/geokg/ontology#negated"), nt.boolean(False)),
            (ev, nt.iri("https://w3id.org/geokg/ontology#eventDate"), nt.typed("2025-04", str(XSD.gYearMonth))),
            (ev, nt.iri("http://www.w3.org/2000/01/rdf-schema#label"), nt.lang_string("label", "en")),
            (ev, nt.iri("https://w3id.org/geokg/ontology#eventType"), nt.iri("https://w3id.org/geokg/plover/ACCUSE")),
            (ev, nt.iri("https://w3id.org/geokg/ontology#mode"), nt.iri("https://w3id.org/geokg/plover/mode-x.y"))]
    rows += [(nt.iri(f"{BASE}evidence/{i}"), nt.iri("http://www.w3.org/ns/oa#exact"), nt.string(text))
             for i, text in enumerate(NASTY)]
    return rows


def _turtle(rows: list[nt.Statement]) -> bytes:
    writer = nt.TurtleWriter(prefixes(BASE), BASE)
    return (writer.prologue() + writer.block(rows)).encode("utf-8")


def test_turtle_and_nquads_read_back_as_the_same_statements():
    rows = _statements()
    from_nq = {(q.subject, q.predicate, q.object)
               for q in ox.parse(nt.nquads(rows, nt.iri(f"{BASE}graph/g")), format=ox.RdfFormat.N_QUADS)}
    from_ttl = {(t.subject, t.predicate, t.object) for t in ox.parse(_turtle(rows), format=ox.RdfFormat.TURTLE)}
    assert from_nq == from_ttl and len(from_ttl) == len(rows)
    texts = {t[2].value for t in from_ttl if t[1].value.endswith("#exact")}
    assert texts == set(NASTY)


def test_rdflib_reads_the_same_literals():
    g = Graph().parse(data=_turtle(_statements()).decode(), format="turtle")
    assert {str(o) for o in g.objects(None, URIRef("http://www.w3.org/ns/oa#exact"))} == set(NASTY)
    confidences = set(g.objects(URIRef(f"{BASE}event/1"), URIRef("https://w3id.org/geokg/ontology#confidence")))
    assert confidences == {Literal("0.3", datatype=XSD.decimal), Literal("1", datatype=XSD.decimal)}


def test_lexical_forms_are_the_ones_oxigraph_keeps():
    # a statement read back from the store must be the statement written to the files
    store = ox.Store()
    rows = _statements()
    store.load(nt.nquads(rows, nt.iri(f"{BASE}graph/g")), format=ox.RdfFormat.N_QUADS)
    assert {f"{q.subject} {q.predicate} {q.object}" for q in store} == {" ".join(r) for r in rows}
    assert nt.decimal(0.70) == '"0.7"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    assert nt.decimal(0.0) == '"0"^^<http://www.w3.org/2001/XMLSchema#decimal>'


def test_turtle_block_is_sorted_grouped_and_compact():
    text = _turtle(_statements()).decode()
    assert "\tgk:confidence 0.3 ;" in text and "\tgk:sentenceIndex 7 " in text and "\tgk:negated false " in text
    assert '"1"^^xsd:decimal' in text  # a bare 1 would be read as an integer
    assert " a gk:Event ;" in text and "gk:eventType plover:ACCUSE" in text
    assert "<https://w3id.org/geokg/plover/mode-x.y>" in text  # a local name with "." stays an IRI


@pytest.mark.riot
def test_riot_validates_the_turtle(tmp_path):
    require_tool("java", "Apache Jena riot runs on Java")
    require_tool("/usr/share/java/jena-cmds.jar", "Apache Jena riot (Debian libapache-jena-java)")
    path = tmp_path / "block.ttl"
    path.write_bytes(_turtle(_statements()))
    done = subprocess.run(["sh", str(ROOT / "tools" / "riot.sh"), "--validate", str(path)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and not (done.stdout + done.stderr).strip(), done.stdout + done.stderr
