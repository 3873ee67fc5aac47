"""``kg eval --explain`` and the propositions kept by ``kg build --propositions``."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox

from kg.cli import main
from kg.ops.explain import NO_ACTOR, NO_GOLD, NOT_EXTRACTED, WRONG_ACTOR, WRONG_OBJECT, WRONG_TYPE, explain_rows
from kg.outputs.triples import event_rows

ROOT = Path(__file__).resolve().parent.parent
FOUNDING = ROOT / "seeds" / "000_0d3747f6e96d4de0.txt"


def _gold_event(s: str, p: str, t: str, o: str, quote: str) -> dict:
    return {"s": [s], "p": [p], "type": [t], "o": [o], "quote": quote}


def _gold(tmp_path: Path) -> Path:
    gold = {"doc": "d", "entities": [
        {"name": "China", "type": "COUNTRY", "country": "CHN", "aliases": ["Beijing"]},
        {"name": "Ukraine", "type": "COUNTRY", "country": "UKR", "aliases": ["Kyiv"]},
        {"name": "Russia", "type": "COUNTRY", "country": "RUS", "aliases": ["Moscow"]}],
        "events": [_gold_event(*e) for e in (
            ("China", "deny", "REJECT", "provision", "Beijing denied the provision of troops"),
            ("Ukraine", "accuse", "ACCUSE", "Russia", "Kyiv accused Moscow of recruiting"),
            ("Russia", "attack", "ASSAULT", "Ukraine", "Russia attacked Ukraine at dawn"),
            ("Russia", "recruit", "MOBILIZE", "nationals", "recruiting Chinese nationals to fight"),
            ("China", "call for", "REQUEST", "restraint", "China called for restraint on both sides"))]}
    (tmp_path / "d.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return tmp_path


def _row(subject, predicate, etype, obj, quote, country="", obj_country=""):
    return {"doc": "d", "subject": subject, "subject_country": country, "predicate": predicate,
            "event_type": etype, "object": obj, "object_country": obj_country, "quote": quote}


def test_each_miss_and_each_unmatched_event_gets_its_cause(tmp_path):
    rows = [
        _row("China", "deny", "REJECT", "provision", "Beijing denied the provision of troops", "CHN"),  # a hit
        _row("Ukraine", "praise", "SUPPORT", "Russia", "Kyiv accused Moscow of recruiting", "UKR", "RUS"),
        _row("", "attack", "", "Ukraine", "Russia attacked Ukraine at dawn", "", "UKR"),
        _row("China", "recruit", "MOBILIZE", "nationals", "recruiting Chinese nationals to fight", "CHN"),
        _row("China", "call for", "REQUEST", "ceasefire", "China called for restraint on both sides", "CHN"),
        _row("Russia", "strike", "ASSAULT", "grid", "an unrelated sentence about the power grid", "RUS"),
    ]
    ex = explain_rows(_gold(tmp_path), rows)
    missed = {f.gold.split(" -")[1].split("/")[0]: f.cause for f in ex.findings if f.kind == "missed"}
    assert missed == {"accuse": WRONG_TYPE, "attack": NO_ACTOR, "recruit": WRONG_ACTOR, "call for": WRONG_OBJECT}
    extra = {f.system.split(" -")[1].split("/")[0]: f.cause for f in ex.findings if f.kind == "extra"}
    assert extra == {"praise": WRONG_TYPE, "recruit": WRONG_ACTOR, "call for": WRONG_OBJECT, "strike": NO_GOLD}
    assert ex.counts("missed")[NOT_EXTRACTED] == 0 and sum(ex.counts("missed").values()) == 4


def test_a_gold_event_with_nothing_in_its_sentence_was_not_extracted(tmp_path):
    ex = explain_rows(_gold(tmp_path), [])
    assert ex.counts("missed")[NOT_EXTRACTED] == 5 and not [f for f in ex.findings if f.kind == "extra"]


def test_kg_eval_explain_prints_findings_and_counts(seed_build, capsys):
    assert main(["eval", str(ROOT / "eval" / "dev"), str(seed_build / "graph.ttl"), "--explain"]) == 0
    out = capsys.readouterr().out
    assert "MISSED [" in out and "gold:" in out and "system:" in out
    assert out.count("gold events missed: ") == 1 and "typed system events unmatched: " in out
    assert out.rstrip().splitlines()[-1].startswith("events: P ")
    assert main(["eval", str(ROOT / "eval" / "dev"), str(seed_build / "graph.ttl"), "--explain", "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert set(res["explain"]) == {"missed", "extra", "findings"} and res["f1"] > 0


def test_propositions_are_kept_apart_only_when_asked(tmp_path, seed_build):
    out = tmp_path / "out"
    assert main(["build", str(FOUNDING), "-o", str(out), "-q", "--no-html", "--propositions"]) == 0
    store = ox.Store()
    store.load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    gk = "https://w3id.org/geokg/ontology#"
    props = [s["p"] for s in store.query(f"SELECT ?p WHERE {{ ?p a <{gk}Proposition> }}")]
    assert props
    # a proposition is never an event, never typed, and has no direct triple
    assert not bool(store.query(f"ASK {{ ?p a <{gk}Proposition>, <{gk}Event> }}"))
    assert not bool(store.query(f"ASK {{ ?p a <{gk}Proposition> ; <{gk}eventType> ?t }}"))
    assert not bool(store.query(f"ASK {{ ?p a <{gk}Proposition> ; <{gk}relation> ?r }}"))
    default = event_rows(out / "graph.ttl")
    everything = event_rows(out / "graph.ttl", propositions=True)
    assert len(everything) > len(default)
    assert not [r for r in everything if r not in default and r["event_type"]]
    # the default build writes none of them
    store = ox.Store()
    store.load(path=str(seed_build / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    assert not bool(store.query(f"ASK {{ ?p a <{gk}Proposition> }}"))
