"""The RDF of `kg build seeds/` is publishable: it parses cleanly in rdflib, Oxigraph and Jena riot,
conforms to the SHACL shapes, keeps checkable provenance, and is byte-identical across runs and
process counts. The ontology files are checked too.
"""

from __future__ import annotations

import logging
import re
import subprocess
import warnings
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import ROOT, require_tool
from rdflib import RDF, RDFS, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, SKOS

from kg import __version__
from kg.cli import main
from kg.model import Event
from kg.ops.validate import validate_graph
from kg.rdf.document import evidence_span
from kg.rdf.query import run_query
from kg.rdf.store import load_store
from kg.rdf.vocab import GK

ONTOLOGIES = ROOT / "ontologies"
ONTOLOGY_FILES = [ONTOLOGIES / n for n in ("geokg.ttl", "plover.ttl", "cameo.ttl", "shapes.ttl")]
OA = Namespace("http://www.w3.org/ns/oa#")
PROV = Namespace("http://www.w3.org/ns/prov#")
PLOVER = "https://w3id.org/geokg/plover/"


@pytest.fixture(scope="module")
def second_build(seed_build, tmp_path_factory) -> Path:
    """`kg build seeds/` again, with 2 processes and the JSON-LD and N-Triples exports."""
    out = tmp_path_factory.mktemp("seed-build-2")
    code = main(["build", str(ROOT / "seeds"), "-o", str(out), "-q", "--processes", "2", "--no-html",
                 "--format", "jsonld", "nt"])
    assert code == 0
    return out


def _riot(paths: list[Path]) -> subprocess.CompletedProcess:
    require_tool("java", "Apache Jena riot runs on Java")
    require_tool("/usr/share/java/jena-cmds.jar", "Apache Jena riot (Debian libapache-jena-java)")
    return subprocess.run(["sh", str(ROOT / "tools" / "riot.sh"), "--validate", *map(str, paths)],
                          capture_output=True, text=True, timeout=300)


# -- three parsers, no warning -------------------------------------------------------------------


@pytest.mark.riot
def test_graph_and_ontologies_are_riot_clean(seed_build):
    proc = _riot([seed_build / "graph.ttl", seed_build / "graph.trig", *ONTOLOGY_FILES])
    # With several files riot names each one ("INFO ... File: ..."); anything else is a finding.
    findings = [ln for ln in (proc.stdout + proc.stderr).splitlines() if ln.strip() and " INFO " not in ln]
    assert proc.returncode == 0 and not findings, proc.stdout + proc.stderr


def test_rdflib_parses_without_warning(seed_build, caplog):
    caplog.set_level(logging.WARNING)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.simplefilter("ignore", DeprecationWarning)  # rdflib's own API deprecations, not our data
        graph = Graph().parse(seed_build / "graph.ttl", format="turtle")
        dataset = Dataset().parse(seed_build / "graph.trig", format="trig")
        for path in ONTOLOGY_FILES:
            Graph().parse(path, format="turtle")
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    union = {(s, p, o) for s, p, o, _g in dataset.quads()}
    assert len(union) == len(graph)


def test_oxigraph_parses_strictly_and_trig_has_one_graph_per_document(seed_build):
    ttl, trig = load_store(seed_build / "graph.ttl"), load_store(seed_build / "graph.trig")
    assert {(q.subject, q.predicate, q.object) for q in trig} == {(q.subject, q.predicate, q.object) for q in ttl}
    graphs = {q.graph_name.value for q in trig if isinstance(q.graph_name, ox.NamedNode)}
    docs = run_query(ttl, "SELECT ?id WHERE { ?d a gk:Document ; dcterms:identifier ?id }").rows
    assert len(docs) >= len(list((ROOT / "seeds").glob("*.txt")))
    assert len(graphs) == len(docs) + 1 and any(g.endswith("/graph/shared") for g in graphs)
    # The activity and the entity descriptions live in the shared graph, events in their document's.
    shared = next(g for g in graphs if g.endswith("/graph/shared"))
    where = {q.graph_name.value for q in trig if q.object == ox.NamedNode(str(GK.Event))}
    assert shared not in where and where <= graphs
    assert any(q.graph_name.value == shared for q in trig if q.object == ox.NamedNode(str(GK.Extraction)))
    for path in ONTOLOGY_FILES:
        ox.Store().load(path=str(path), format=ox.RdfFormat.TURTLE)


def test_jsonld_and_ntriples_exports_hold_the_same_graph(seed_build, second_build):
    reference = {(q.subject, q.predicate, q.object) for q in load_store(seed_build / "graph.ttl")}
    for name in ("graph.nt", "graph.jsonld"):
        store = load_store(second_build / name)
        assert {(q.subject, q.predicate, q.object) for q in store} == reference, name


# -- determinism ---------------------------------------------------------------------------------


def test_graph_is_byte_identical_with_one_and_two_processes(seed_build, second_build):
    assert (seed_build / "graph.ttl").read_bytes() == (second_build / "graph.ttl").read_bytes()
    assert (seed_build / "graph.trig").read_bytes() == (second_build / "graph.trig").read_bytes()
    # What varies between runs is in build.ttl, which does differ.
    assert b"startedAtTime" in (seed_build / "build.ttl").read_bytes()
    assert b"startedAtTime" not in (seed_build / "graph.ttl").read_bytes()


def test_resource_iris_are_slugs_or_hashes(seed_build):
    base = "https://w3id.org/geokg/id/"
    store = load_store(seed_build / "graph.ttl")
    iris = {t.value for q in store for t in (q.subject, q.object) if isinstance(t, ox.NamedNode)}
    ours = sorted(i for i in iris if i.startswith(base))
    assert ours
    bad = [i for i in ours if not re.fullmatch(r"[a-z]+(/[a-z0-9]+(-[a-z0-9]+)*)*", i[len(base):])]
    assert not bad, bad[:5]


# -- provenance ----------------------------------------------------------------------------------


def test_every_evidence_text_equals_the_document_text_at_its_offsets(seed_build):
    store = load_store(seed_build / "graph.ttl")
    rows = run_query(store, """
        SELECT ?ev ?exact ?start ?end ?qexact ?pstart ?pend ?text WHERE {
          ?e a gk:Event ; gk:evidence ?ev ; prov:wasDerivedFrom ?d .
          ?ev oa:hasSource ?d ; oa:exact ?exact ; oa:start ?start ; oa:end ?end ; oa:hasSelector ?q , ?p .
          ?q a oa:TextQuoteSelector ; oa:exact ?qexact .
          ?p a oa:TextPositionSelector ; oa:start ?pstart ; oa:end ?pend .
          ?d gk:text ?text .
        }""").rows
    reports = run_query(store, "SELECT (COUNT(?ev) AS ?n) WHERE { ?e a gk:Event ; gk:evidence ?ev }").rows[0]["n"]
    assert rows and len({r["ev"] for r in rows}) == int(reports)
    for r in rows:
        start, end = int(r["start"]), int(r["end"])
        assert r["text"][start:end] == r["exact"] == r["qexact"], r["ev"]
        assert (r["pstart"], r["pend"]) == (r["start"], r["end"])


def test_every_event_has_document_activity_and_evidence(seed_build):
    g = Graph().parse(seed_build / "graph.ttl", format="turtle")
    activity = next(g.subjects(RDF.type, GK.Extraction))
    assert str(g.value(activity, GK.softwareVersion)) == __version__
    assert str(g.value(activity, GK.spacyModel)).startswith("en_core_web")
    for event in g.subjects(RDF.type, GK.Event):
        assert (g.value(event, PROV.wasDerivedFrom), RDF.type, GK.Document) in g
        assert g.value(event, PROV.wasGeneratedBy) == activity
        assert (g.value(event, GK.evidence), RDF.type, GK.Evidence) in g


def test_evidence_span_repairs_offsets_that_do_not_match_the_quote():
    text = (ROOT / "seeds" / "000_0d3747f6e96d4de0.txt").read_text(encoding="utf-8")
    quote = "Lin Jian, a spokesperson for the Chinese Foreign Ministry denied"
    start = text.index(quote)
    assert evidence_span(text, Event(0, "deny", quote=quote, start=start, end=start + len(quote))) == (
        start, start + len(quote), quote)
    moved = evidence_span(text, Event(0, "deny", quote=quote, start=start + 3, end=start + 3 + len(quote)))
    assert moved == (start, start + len(quote), quote)
    s, e, exact = evidence_span(text, Event(0, "deny", quote="not in the text", start=10**6, end=10**6 + 5))
    assert text[s:e] == exact and e <= len(text)


# -- self-description and validation -------------------------------------------------------------


def test_graph_imports_the_ontology_and_declares_the_terms_it_uses(seed_build):
    g = Graph().parse(seed_build / "graph.ttl", format="turtle")
    assert (None, OWL.imports, URIRef("https://w3id.org/geokg/ontology")) in g
    predicates = {p for p in g.predicates() if not str(p).startswith((str(RDF), str(RDFS), str(OWL)))}
    undeclared = [p for p in predicates if (p, RDF.type, None) not in g]
    assert not undeclared
    assert (GK.Person, RDFS.subClassOf, GK.Actor) in g
    accuse = URIRef(PLOVER + "ACCUSE")
    assert g.value(accuse, SKOS.notation) == Literal("ACCUSE")


def test_ontology_covers_every_vocabulary_term():
    onto = Graph().parse(ONTOLOGIES / "geokg.ttl", format="turtle")
    header = URIRef("https://w3id.org/geokg/ontology")
    assert str(onto.value(header, OWL.versionInfo)) == __version__
    assert onto.value(header, OWL.versionIRI) == URIRef(f"https://w3id.org/geokg/ontology/{__version__}")
    assert onto.value(header, URIRef("http://purl.org/dc/terms/license")) is not None
    terms = [getattr(GK, name) for name in GK.__annotations__]
    missing = [t for t in terms if (t, RDF.type, None) not in onto or (t, RDFS.comment, None) not in onto
               or (t, RDFS.label, None) not in onto]
    assert not missing


def test_plover_scheme_covers_what_the_graph_uses(seed_build):
    plover = Graph().parse(ONTOLOGIES / "plover.ttl", format="turtle")
    data = Graph().parse(seed_build / "graph.ttl", format="turtle")
    for prop in (GK.eventType, GK.quadClass, GK.mode, GK.context):
        for concept in set(data.objects(None, prop)):
            assert (concept, RDF.type, SKOS.Concept) in plover, concept
    for concept in set(data.objects(None, GK.eventType)):
        assert str(plover.value(concept, SKOS.notation)) == str(concept)[len(PLOVER):]
    for concept in set(data.objects(None, GK.mode)):
        assert plover.value(concept, SKOS.prefLabel) is not None
    from kg.resources import plover_quad_classes

    for event_type, (quad, _label) in plover_quad_classes().items():
        assert (URIRef(PLOVER + event_type), SKOS.broader, URIRef(f"{PLOVER}quad{quad}")) in plover
    licence = URIRef("https://creativecommons.org/licenses/by-sa/4.0/")
    for name in ("plover.ttl", "cameo.ttl"):
        text = (ONTOLOGIES / name).read_text(encoding="utf-8")
        assert "CC BY-SA 4.0" in text.split("@prefix", 1)[0] and str(licence) in text


def test_kg_validate_passes_on_the_seed_graph(seed_build, capsys):
    assert main(["validate", str(seed_build / "graph.ttl"), "-q"]) == 0
    assert capsys.readouterr().out == ""


def test_kg_validate_names_injected_violations(seed_build, tmp_path, capsys):
    g = Graph().parse(seed_build / "graph.ttl", format="turtle")
    orphan = sorted(g.subjects(RDF.type, GK.Event))[0]
    g.remove((orphan, PROV.wasDerivedFrom, None))  # an event without a document
    miscounted = sorted(g.subjects(RDF.type, GK.Event))[1]
    g.set((miscounted, GK.reportCount, Literal(5)))  # one document reports it, not five
    evidence = sorted(g.subjects(RDF.type, GK.Evidence))[0]
    for node in (evidence, *g.objects(evidence, OA.hasSelector)):  # an offset past the end
        if g.value(node, OA.end) is not None:
            g.set((node, OA.end, Literal(10**7)))
    bad = tmp_path / "bad.ttl"
    g.serialize(bad, format="turtle")
    assert main(["validate", str(bad), "-q"]) == 1
    out = capsys.readouterr().out
    assert re.search(rf"<{re.escape(str(orphan))}> prov:wasDerivedFrom: event without a document", out), out
    assert re.search(rf"<{re.escape(str(evidence))}>: offset past the end of the document text", out), out
    # the orphan's evidence now lies in a document it is not derived from
    assert re.search(rf"<{re.escape(str(orphan))}>: the event's evidence lies in a document", out), out
    assert re.search(rf"<{re.escape(str(miscounted))}>: gk:reportCount is not the number of documents", out), out
    conforms, violations = validate_graph(bad)
    assert not conforms and len(violations) == 4
