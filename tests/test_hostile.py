"""Hostile text: any string becomes a valid IRI and an escaped literal (property-based, hypothesis).

Quotes, angle brackets, backslashes, newlines, right-to-left marks, emoji and 10,000-character
names go through the IRI minter, the literal serialiser and a whole build; the Turtle and TriG
must parse in rdflib, pyoxigraph and Jena riot (without a warning) and round-trip to the same graph.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import require_tool
from fuzz_build import HOSTILE, find_riot, riot_validate, run
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rdflib import XSD, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.ingest import iter_documents, normalise
from kg.rdf.iris import TYPE_SEGMENT, IriMinter, id_slug, slug
from kg.rdf.merge import new_dataset
from kg.rdf.serialize import serialize
from kg.rdf.vocab import DEFAULT_BASE_IRI

#: RFC 3987 forbids these in an IRI; pyoxigraph rejects them and riot warns.
IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f-\x9f]')

hostile_text = st.one_of(
    st.text(),  # any code point but lone surrogates
    st.lists(st.sampled_from([*HOSTILE, "Zelensky", "Russia", " ", "-"]), max_size=12).map("".join),
    st.text(st.sampled_from('"\'<>\\\n\r\t\u200f\u202e🇺🇦 ab'), min_size=1, max_size=40),
    st.just("Putin" * 2000),  # a 10,000-character name
)
#: RDF strings are sequences of Unicode scalar values: a lone surrogate (which Python allows and
#: JSON "\\ud800" produces) cannot be a literal at all. Ingest removes them (see test_ingest.py).
scalar_text = hostile_text.map(lambda s: re.sub("[\ud800-\udfff]", "", s))


def iri_ok(iri: str) -> None:
    assert not IRI_FORBIDDEN.search(iri), iri
    ox.NamedNode(iri)  # pyoxigraph validates IRIs on construction
    assert URIRef(iri).n3().startswith("<")


# -- IRIs --------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(hostile_text, st.sampled_from([*TYPE_SEGMENT, "OTHER"]))
def test_any_name_becomes_a_valid_stable_iri(name, type_):
    minter = IriMinter(DEFAULT_BASE_IRI)
    for iri in (minter.entity(type_, name), minter.document(name), minter.graph(name), minter.concept(name),
                minter.event("doc", name, 3), minter.evidence(name, 0, 10)):
        iri_ok(str(iri))
        assert len(str(iri)) < 200, "IRIs stay short whatever the name"
    assert minter.entity(type_, name) == IriMinter(DEFAULT_BASE_IRI).entity(type_, name)


@settings(max_examples=300, deadline=None)
@given(hostile_text, hostile_text)
def test_distinct_document_ids_get_distinct_iris(a, b):
    if a != b:
        assert id_slug(a) != id_slug(b)
    assert slug(a) and re.fullmatch(r"[a-z0-9-]+", slug(a))


@pytest.mark.parametrize("base", ["http://x y/", "relative/path/", "http://x/<a>", 'http://x/"', "", "javascript"])
def test_bad_base_iris_are_refused(base):
    with pytest.raises(ValueError, match="absolute IRI"):
        IriMinter(base)


# -- literals ----------------------------------------------------------------------------


def _rdf11(term: object) -> object:
    """RDF 1.1 makes "x" and "x"^^xsd:string one literal; rdflib keeps them apart, oxrdflib returns the latter."""
    if isinstance(term, Literal) and term.datatype is None and not term.language:
        return Literal(str(term), datatype=XSD.string)
    return term


def _union(ds: Dataset) -> Graph:
    graph = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        graph.add((s, p, _rdf11(o)))
    return graph


def _roundtrip(ds: Dataset, fmt: str) -> tuple[bytes, Graph, set]:
    data = serialize(ds, fmt, DEFAULT_BASE_IRI)
    parsed = Dataset()
    parsed.parse(data=data.decode("utf-8"), format="trig" if fmt == "trig" else "turtle")
    graph = _union(parsed)
    ox_format = ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.TURTLE
    triples = {(q.subject, q.predicate, q.object) for q in ox.parse(data, format=ox_format)}
    return data, graph, triples


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scalar_text, scalar_text)
def test_any_text_is_an_escaped_literal_that_round_trips(label, quote):
    ds = new_dataset()
    minter = IriMinter(DEFAULT_BASE_IRI)
    subject = minter.entity("PERSON", label)
    graph = ds.graph(minter.graph(label))
    graph.add((subject, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal(label)))
    graph.add((subject, URIRef("http://www.w3.org/ns/oa#exact"), Literal(quote, lang="en")))
    for fmt in ("ttl", "trig"):
        _, parsed, ox_triples = _roundtrip(ds, fmt)
        assert {str(o) for o in parsed.objects()} == {label, quote}
        assert {o.value for _, _, o in ox_triples} == {label, quote}


# -- whole builds ------------------------------------------------------------------------

TEMPLATE = ("{a} accused {b} of sending troops to {p} on Tuesday. {b} denied the claims and called for "
            "talks, the foreign ministry said. The government of {p} condemned the attack and summoned the "
            "envoy of {a}.")
names = st.builds(lambda first, mid, last: f"{first} {mid}{last}", st.sampled_from(["Vladimir", "Lin", "Olena"]),
                  hostile_text.map(lambda s: s[:300]), st.sampled_from(["Putin", "Jian", "Zelenska"]))


@pytest.fixture(scope="module")
def extractor():
    from kg.pipeline.stages import Extractor

    return Extractor()


def _build(nlp, extractor, records: list[dict], tmp: Path) -> Dataset:
    from kg.nlp import model_info
    from kg.rdf.merge import GraphBuilder

    feed = tmp / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    docs = list(iter_documents([feed], lambda p: None))
    builder = GraphBuilder(DEFAULT_BASE_IRI, model_info(nlp))
    for spacy_doc, doc in nlp.pipe(((d.text, d) for d in docs), as_tuples=True):
        builder.add(extractor(spacy_doc, doc))
    return builder.finish()


def test_hostile_builds_parse_everywhere_and_round_trip(nlp, extractor, tmp_path_factory):
    written: list[Path] = []

    # No shrinking: each example is a spaCy parse, and a failure prints its inputs anyway.
    @settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck),
              phases=[Phase.explicit, Phase.reuse, Phase.generate])
    @given(names, names, st.sampled_from(["Kyiv", "Mosul", "Caracas"]), hostile_text.map(lambda s: s[:500]))
    def one_build(a, b, place, title):
        tmp = tmp_path_factory.mktemp("hostile")
        ds = _build(nlp, extractor, [{"id": title or "x", "title": title, "url": title,
                                      "text": TEMPLATE.format(a=a, b=b, p=place)}], tmp)
        expected = _union(ds)
        for fmt in ("ttl", "trig"):
            data, parsed, ox_triples = _roundtrip(ds, fmt)
            assert isomorphic(parsed, expected), "rdflib reading differs from the graph written"
            assert len(ox_triples) == len(expected), "pyoxigraph reading differs from the graph written"
            path = tmp / f"graph.{fmt}"
            path.write_bytes(data)
            written.append(path)
        labels = {str(o) for o in expected.objects() if isinstance(o, Literal)}
        # JSON pairs "\\ud800\\udfff" into one character; lone halves are what normalise() removes.
        text = json.loads(json.dumps(TEMPLATE.format(a=a, b=b, p=place)))
        assert normalise(text) in labels, "document text lost or altered"

    one_build()
    riot = find_riot() or require_tool("/usr/share/java/jena-core.jar", "Jena riot validates the hostile graphs")
    code, output = riot_validate(written, riot)
    assert code == 0 and not [line for line in output.splitlines() if " INFO " not in line], output


def test_fuzz_corpus_builds_a_graph_riot_accepts(tmp_path):
    """CI-sized run of tests/fuzz_build.py (the full run uses 1,000 documents)."""
    if find_riot() is None:
        require_tool("/usr/share/java/jena-core.jar", "Jena riot validates the fuzz graph")
    stats = run(60, tmp_path, seed=11)
    assert stats["exit_code"] == 1, stats  # the malformed lines are skipped, so: partial success
    skipped = re.search(r"; (\d+) skipped, (\d+) failed", str(stats["summary"]))
    assert skipped and int(skipped[1]) == stats["malformed_lines"] and skipped[2] == "0", stats["summary"]
    for name in ("graph.ttl", "graph.trig"):
        assert stats[f"{name}_triples"] > 1000
        assert stats[f"{name}_rdflib_warnings"] == 0 and stats[f"{name}_same_graph"], stats
    assert stats["riot_exit_code"] == 0
    assert not [line for line in str(stats["riot_output"]).splitlines() if " INFO " not in line], stats
    html = (tmp_path / "graph" / "graph.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html, "hostile markup reached graph.html unescaped"
