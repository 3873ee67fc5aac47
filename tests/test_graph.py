"""The graph stage on hand-made records: event identity and duplicate propositions."""

from __future__ import annotations

from kg.model import COUNTRY, DocResult, Document, Entity, Event
from kg.nlp import ModelInfo
from kg.rdf.merge import GraphBuilder
from kg.rdf.vocab import GK

TEXT = "Russia could attack Ukraine, and Russia attacked Ukraine."


def _result(*events: Event) -> DocResult:
    doc = Document(id="d1", text=TEXT, date="2025-01-15")
    ents = [Entity("rus", "Russia", COUNTRY, "RUS", mentions=[(0, 6)]),
            Entity("ukr", "Ukraine", COUNTRY, "UKR", mentions=[(20, 27)])]
    return DocResult(doc, ents, list(events))


def _event(**kw) -> Event:
    base = dict(sentence=0, predicate="attack", subject="rus", object="ukr", event_type="ASSAULT",
                quote=TEXT, start=0, end=len(TEXT), confidence=0.8)
    base.update(kw)
    return Event(**base)


def _events(builder: GraphBuilder) -> set:
    return {q[0] for q in builder.finish().quads((None, None, GK.Event, None))}


def test_hypothetical_and_asserted_readings_of_one_clause_are_two_events():
    builder = GraphBuilder("https://example.org/id/", ModelInfo("m", "1", "3.8"))
    builder.add(_result(_event(hypothetical=True, event_type="", confidence=0.15), _event()))
    assert len(_events(builder)) == 2


def test_the_same_proposition_twice_is_one_event_node():
    builder = GraphBuilder("https://example.org/id/", ModelInfo("m", "1", "3.8"))
    builder.add(_result(_event(), _event(confidence=0.5)))
    (ev,) = _events(builder)
    assert len({q[2] for q in builder.dataset.quads((ev, GK.confidence, None, None))}) == 1
