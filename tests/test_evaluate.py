"""``kg.ops.evaluate``: the GUIDELINES.md matching rules, identical to the reference ``eval/score.py``."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from kg.ops.evaluate import evaluate, evaluate_rows, norm, person_like, result_rows, score_rows

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "eval" / "dev"
#: Event F1 on the dev articles never goes below this (raise it when extraction improves;
#: measured 0.640, then 0.660 with the speech-act readings of issue 15 round 2, 0.659 after round 3
#: with the stricter default view: strict F1 0.626 -> 0.654; 0.672, strict 0.667, after round 4).
DEV_F1_FLOOR = 0.66


@pytest.fixture(scope="module")
def reference():
    """The reference scorer shipped in eval/score.py, imported as a module."""
    spec = importlib.util.spec_from_file_location("reference_score", ROOT / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def nlp_sm(nlp):
    return nlp


@pytest.fixture(scope="module")
def dev_rows(nlp_sm) -> list[dict]:
    """Rows extracted in memory from the dev articles (ingested as ``kg build`` reads them)."""
    from kg.ingest import iter_documents
    from kg.pipeline.stages import Extractor

    gold_ids = {p.name.removesuffix(".gold.json") for p in GOLD.glob("*.gold.json")}
    docs = [d for d in iter_documents([ROOT / "seeds"], lambda p: None) if d.id in gold_ids]
    ex = Extractor()
    rows: list[dict] = []
    for doc, document in zip(nlp_sm.pipe(d.text for d in docs), docs, strict=True):
        rows += result_rows(ex(doc, document))
    return rows


def _gold(tmp_path: Path, events: list[dict], entities: list[dict] | None = None) -> Path:
    gold = {"doc": "d", "entities": entities or [], "events": events}
    (tmp_path / "d.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return tmp_path


def row(subject: str, predicate: str, event_type: str = "", obj: str = "", **kw: str) -> dict:
    return {"doc": "d", "subject": subject, "predicate": predicate, "event_type": event_type, "object": obj, **kw}


def test_norm_drops_case_accents_possessives_and_leading_the():
    assert norm("The Chargé d’Affaires") == "charge d affaires"
    assert norm("China's") == "china"
    assert person_like("volodymyr zelensky", "zelensky") and not person_like("lin jian", "jian lin")


def test_matching_rules(tmp_path):
    entities = [{"name": "Volodymyr Zelensky", "type": "PERSON", "country": "UKR", "aliases": ["Zelensky"]},
                {"name": "Russia", "type": "COUNTRY", "country": "RUS", "aliases": ["Moscow"]}]
    events = [{"s": ["Volodymyr Zelensky"], "p": ["accuse"], "type": ["ACCUSE"], "o": ["Russia"]},
              {"s": ["Russia"], "p": ["launch"], "type": ["ASSAULT"], "o": ["invasion", ""]},
              {"s": ["Russia"], "p": ["provide"], "type": ["AID"], "o": ["troops"]}]
    gold = _gold(tmp_path, events, entities)
    rows = [row("President Volodymyr Zelensky", "criticize", "ACCUSE", "Moscow"),  # type + alias + surname
            row("Kremlin", "invade", "ASSAULT", subject_country="RUS"),  # ISO code; "" object
            row("Russia", "provide", "", "dual-use troops"),  # untyped: counts for recall only
            row("Russia", "meet", "CONSULT", "China")]  # typed, unmatched: costs precision
    res = score_rows(gold, rows)
    assert (res["matched"], res["typed_system"]) == (3, 3)
    assert res["recall"] == 1.0 and res["precision"] == pytest.approx(2 / 3)
    strict = score_rows(gold, rows, strict=True)
    assert strict["matched"] == 2


def test_each_system_event_matches_one_gold_event(tmp_path):
    events = [{"s": ["x"], "p": ["meet"], "type": ["CONSULT"], "o": [""]}] * 2
    res = score_rows(_gold(tmp_path, events), [row("x", "meet", "CONSULT")])
    assert res["matched"] == 1 and res["per_doc"]["d"]["missed"]


def test_same_numbers_as_reference_on_rows(reference, dev_rows):
    ours = evaluate_rows(GOLD, dev_rows)
    ref = reference.score(GOLD, dev_rows)
    ref_strict = reference.score(GOLD, dev_rows, strict=True)
    for key in ("precision", "recall", "f1", "gold", "typed_system", "matched", "per_doc"):
        assert ours[key] == ref[key], key
    assert ours["strict"]["f1"] == ref_strict["f1"]


def test_dev_f1_floor(dev_rows):
    assert evaluate_rows(GOLD, dev_rows)["f1"] >= DEV_F1_FLOOR


def test_same_numbers_as_reference_on_the_seed_graph(reference, seed_build):
    graph = seed_build / "graph.ttl"
    from kg.outputs.triples import event_rows

    ours = evaluate(GOLD, graph)
    rows = event_rows(graph)
    ref = reference.score(GOLD, rows)
    ref.update(reference.entity_scores(GOLD, graph))
    for key in ("precision", "recall", "f1", "per_doc", "entity_recall", "entities", "fragmented"):
        assert ours[key] == ref[key], key
    assert ours["strict"]["f1"] == reference.score(GOLD, rows, strict=True)["f1"]


def test_audit_draw_is_reproducible_and_joins_recorded_verdicts(tmp_path):
    """eval/audit.py: the same rows and seed draw the same rows; a verdict file (with comments) joins by row key."""
    import sys

    sys.path.insert(0, str(ROOT / "eval"))
    import audit

    rows = [{"doc": "d", "sentence": str(i), "subject": f"S{i}", "predicate": "attack", "object": "O"}
            for i in range(50)]
    first = audit.draw(rows, 40, 15)
    assert first == audit.draw(rows, 40, 15) and len({r["sentence"] for r in first}) == 40
    verdicts = tmp_path / "v.tsv"
    verdicts.write_text("# a comment\ndoc\tsentence\tsubject\tpredicate\tobject\tverdict\twhy\n"
                        "d\t3\tS3\tattack\tO\tok\t\nd\t4\tS4\tattack\tO\twrong\tno target\n", encoding="utf-8")
    joined = audit.read_verdicts(verdicts)
    assert joined[("d", "3", "S3", "attack", "O")] == ("ok", "")
    assert joined[("d", "4", "S4", "attack", "O")] == ("wrong", "no target")
