"""Event deduplication across documents (issue 5): reports of the same event — same actor, PLOVER
type, target, polarity and day — become one event node with one evidence node per report.

The corpus is three short reports written for this test in the style of wire copy (Kyiv
Independent and Reuters on 9 April 2025 report the same accusation in different words; the
Guardian reports a new one three days later)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.cli import main
from kg.model import Document, Event
from kg.outputs.triples import event_rows
from kg.rdf.identity import event_identity
from kg.rdf.query import run_query
from kg.rdf.store import load_store

CORPUS = Path(__file__).parent / "data" / "same_event_reports.jsonl"
DOC = "https://w3id.org/geokg/id/doc/"


def _build(out: Path, *args: str) -> None:
    assert main(["build", *args, "-o", str(out), "-q", "--no-html"]) == 0


@pytest.fixture(scope="module")
def graph(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dedup")
    _build(out, str(CORPUS))
    return out / "graph.ttl"


def _accusations(graph: Path) -> dict[str, dict[str, set[str]]]:
    """Zelensky's asserted ACCUSE events against Russia: event IRI → attribute → values."""
    rows = run_query(load_store(graph), """
        SELECT ?e ?label ?count ?conf ?doc ?report ?rconf ?pred WHERE {
          ?e gk:eventType plover:ACCUSE ; gk:hypothetical false ; gk:subject/rdfs:label "Volodymyr Zelensky" ;
             gk:object/rdfs:label "Russia" ; rdfs:label ?label ; gk:reportCount ?count ; gk:confidence ?conf ;
             prov:wasDerivedFrom/dcterms:identifier ?doc ; gk:evidence ?report .
          ?report gk:confidence ?rconf ; gk:predicate ?pred .
        }""").rows
    out: dict[str, dict[str, set[str]]] = {}
    for row in rows:
        ev = out.setdefault(row["e"], {})
        for key, value in row.items():
            if key != "e":
                ev.setdefault(key, set()).add(value)
    return out


def test_two_outlets_reporting_one_accusation_give_one_event_with_two_reports(graph):
    events = _accusations(graph)
    merged = [ev for ev in events.values() if ev["doc"] == {"kyiv-independent-0409", "reuters-0409"}]
    assert len(merged) == 1, events
    ev = merged[0]
    assert ev["count"] == {"2"}
    assert ev["label"] == {"Volodymyr Zelensky accuses Russia"}
    assert ev["pred"] == {"accuse", "blame"}  # each outlet's own verb stays on its report
    assert len(ev["report"]) >= 2
    assert ev["conf"] == {max(ev["rconf"], key=float)}  # the event is as sure as its best report


def test_a_report_of_another_day_is_another_event(graph):
    docs = [ev["doc"] for ev in _accusations(graph).values()]
    assert {"guardian-0412"} in docs
    assert all(d == {"guardian-0412"} or "guardian-0412" not in d for d in docs)


def test_every_report_is_a_row_of_kg_triples_with_its_own_document_and_verb(graph):
    rows = [r for r in event_rows(graph) if r["event_type"] == "ACCUSE" and r["object"] == "Russia"
            and r["doc"] != "guardian-0412"]
    assert {(r["doc"], r["predicate"]) for r in rows} >= {("kyiv-independent-0409", "accuse"),
                                                           ("reuters-0409", "blame")}
    for r in rows:
        assert r["quote"] in CORPUS.read_text(encoding="utf-8").replace("\\n", "\n")


def test_the_merged_graph_conforms_to_the_shapes(graph, capsys):
    assert main(["validate", str(graph), "-q"]) == 0


def test_update_with_the_other_reports_equals_building_all_at_once(graph, tmp_path):
    first, rest = tmp_path / "first.jsonl", tmp_path / "rest.jsonl"
    lines = CORPUS.read_text(encoding="utf-8").splitlines(keepends=True)
    first.write_text(lines[0], encoding="utf-8")
    rest.write_text("".join(lines[1:]), encoding="utf-8")
    out = tmp_path / "out"
    _build(out, str(first))
    _build(out, "--update", str(rest))
    assert (out / "graph.ttl").read_bytes() == graph.read_bytes()


# -- the identity rule itself ---------------------------------------------------------------------

DOC_A = Document(id="a", text="x", date="2025-04-09")
DOC_B = Document(id="b", text="y", date="2025-04-09")
ZEL, RUS = "https://w3id.org/geokg/id/person/volodymyr-zelensky", "https://w3id.org/geokg/id/state/rus"


def _key(doc: Document, typed: bool = True, entity: bool = True, **kw) -> tuple:
    event = Event(sentence=kw.pop("sentence", 0), predicate=kw.pop("predicate", "accuse"), event_type="ACCUSE", **kw)
    return event_identity(doc, event, ZEL, RUS, entity, typed)


def test_identity_merges_typed_events_of_one_actor_target_and_day_across_documents():
    assert _key(DOC_A) == _key(DOC_B, predicate="blame", sentence=7)
    assert _key(DOC_A, date="2025-04-08") == _key(DOC_B, date="2025-04-08")


def test_identity_keeps_apart_what_may_differ():
    assert _key(DOC_A) != _key(DOC_B, negated=True)  # "accused" vs "did not accuse"
    assert _key(DOC_A) != _key(DOC_B, hypothetical=True)
    assert _key(DOC_A) != _key(Document(id="c", text="z", date="2025-04-12"))
    assert _key(DOC_A, typed=False) != _key(DOC_B, typed=False)  # two things someone "said"
    assert _key(DOC_A, entity=False) != _key(DOC_B, entity=False)  # "officials" are not one actor
    undated = Document(id="d", text="z"), Document(id="e", text="z")
    assert _key(undated[0]) != _key(undated[1])


def test_turtle_union_writes_every_statement_once_and_trig_holds_the_same_graph(graph):
    """graph.ttl is the union of the documents' graphs: the merged event's statements and the
    relation triple both outlets assert are in two graphs of graph.trig, but once in graph.ttl."""
    import pyoxigraph as ox

    read = [(t.subject, t.predicate, t.object) for t in ox.parse(path=str(graph), format=ox.RdfFormat.TURTLE)]
    assert len(read) == len(set(read))  # a streaming parse: nothing deduplicated for us
    quads = list(ox.parse(path=str(graph.with_suffix(".trig")), format=ox.RdfFormat.TRIG))
    per_graph = [(q.subject, q.predicate, q.object) for q in quads]
    assert len(per_graph) > len(set(per_graph))  # some statements are in several documents' graphs
    assert set(per_graph) == set(read)
    graphs = [q.graph_name.value for q in quads]
    assert graphs == sorted(graphs)  # named graphs in IRI order, each written in one block
