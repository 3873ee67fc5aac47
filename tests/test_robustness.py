"""Never crash, never lose work: bad inputs end to end, exit codes, atomic outputs, SIGKILL, queries.

The per-input behaviour of the ingest stage is tested in test_ingest.py; hostile text and the fuzz
build in test_hostile.py. Here the whole ``kg`` command is exercised as users run it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.atomic import atomic_write
from kg.cli import EXIT_ERROR, EXIT_NOTHING, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, main
from kg.rdf.persist import STATE_DIR

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FOUNDING = SEEDS / "000_0d3747f6e96d4de0.txt"
OSSETIA = SEEDS / "002_south_ossetia_join_russia.txt"
OUTPUTS = ("graph.ttl", "graph.trig", "graph.html", "build.ttl")
FRENCH = ("Le président ukrainien a accusé la Russie d'avoir recruté des ressortissants chinois pour combattre "
          "en Ukraine. Pékin a démenti toute implication et a appelé à la retenue des deux parties.")


def kg(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=timeout,
                          cwd=ROOT)


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS if (out / name).exists()}


def doc_ids(graph: Path) -> set[str]:
    store = ox.Store()
    store.bulk_load(path=str(graph), format=ox.RdfFormat.TURTLE if graph.suffix == ".ttl" else ox.RdfFormat.TRIG)
    rows = store.query("SELECT DISTINCT ?id WHERE { GRAPH ?g { ?d <http://purl.org/dc/terms/identifier> ?id } }"
                       if graph.suffix == ".trig" else
                       "SELECT DISTINCT ?id WHERE { ?d <http://purl.org/dc/terms/identifier> ?id }")
    return {row["id"].value for row in rows}


@pytest.fixture(scope="module")
def small_build(tmp_path_factory) -> Path:
    """``kg build`` of two seed articles: the 'previous' outputs later runs must not damage."""
    out = tmp_path_factory.mktemp("small") / "out"
    done = kg("build", str(FOUNDING), str(OSSETIA), "-o", str(out), "-q")
    assert done.returncode == EXIT_OK, done.stderr
    return out


# -- bad inputs end to end ---------------------------------------------------------------


def test_bad_inputs_get_one_line_each_and_a_summary_and_exit_1(tmp_path):
    bad = tmp_path / "inputs"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "blank.md").write_bytes(b" \n\t\n")
    (bad / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    (bad / "french.txt").write_text(FRENCH, encoding="utf-8")
    (bad / "feed.jsonl").write_text('{"text": "broken\n' + json.dumps({"id": "ok", "text": OSSETIA.read_text()})
                                    + "\n", encoding="utf-8")
    (bad / "dup").mkdir()
    (bad / "dup" / FOUNDING.name).write_bytes(FOUNDING.read_bytes())
    (bad / "loop").symlink_to(bad, target_is_directory=True)
    missing = tmp_path / "missing.txt"
    done = kg("build", str(FOUNDING), str(bad), str(missing), "-o", str(tmp_path / "out"))
    assert done.returncode == EXIT_PARTIAL, done.stderr
    lines = done.stderr.strip().splitlines()
    expected = {
        bad / "empty.txt": "empty file",
        bad / "blank.md": "empty file",
        bad / "image.txt": "binary file",
        bad / "french.txt": "not English",
        f"{bad / 'feed.jsonl'}:1": "invalid JSON",
        bad / "dup" / FOUNDING.name: "duplicate document id",
        bad / "loop": "directory symlink loop",
        missing: "no such file or directory",
    }
    for where, reason in expected.items():
        hits = [line for line in lines if line.startswith(f"{where}: ")]
        assert len(hits) == 1 and reason in hits[0], (where, lines)
    summary = lines[-1]
    assert re.match(r"kg build: 2 documents, \d+ events, \d+ entities in [\d.]+ s; .*7 skipped, 1 failed, "
                    r"0 warnings", summary), summary
    assert doc_ids(tmp_path / "out" / "graph.ttl") == {FOUNDING.stem, "ok"}


def test_nothing_processable_exits_3_and_leaves_previous_outputs(small_build, tmp_path):
    before = snapshot(small_build)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    done = kg("build", str(empty), str(tmp_path / "nope.txt"), "-o", str(small_build))
    assert done.returncode == EXIT_NOTHING, done.stderr
    assert "no document could be processed (1 failed, 1 skipped)" in done.stderr
    assert snapshot(small_build) == before


@pytest.mark.parametrize("args", [["build", "--date", "yesterday", "x.txt"], ["build", "--base-iri", "http://a b/"],
                                  ["build", "--processes", "0", "x"], ["build"], ["query", "g.ttl"],
                                  ["query", "g.ttl", "ASK {}", "--timeout", "0"], ["nosuchcommand"]])
def test_usage_errors_exit_2_with_one_line(args, capsys):
    try:
        code = main(args)
    except SystemExit as err:  # argparse's own usage errors
        code = err.code
    assert code == EXIT_USAGE
    err = capsys.readouterr().err.strip()
    assert err and "Traceback" not in err


def test_unwritable_output_is_an_error_not_a_traceback(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("a file where the output directory should be")
    done = kg("build", str(OSSETIA), "-o", str(blocker), "-q")
    assert done.returncode == EXIT_ERROR, done.stderr
    assert "Traceback" not in done.stderr and str(blocker) in done.stderr
    assert blocker.read_text() == "a file where the output directory should be"


def test_long_document_is_built_in_parts(tmp_path, monkeypatch, capsys):
    # A 20 MB file is split in test_ingest.py (fast: no parsing). Here the parts go through
    # spaCy, extraction and export; the limits are lowered so a seed article is "long".
    import kg.ingest.reader

    monkeypatch.setattr(kg.ingest.reader, "SPLIT_ABOVE", 1500)
    monkeypatch.setattr(kg.ingest.reader, "PART_CHARS", 1000)
    text = FOUNDING.read_text(encoding="utf-8")
    assert len(text) > 2000
    code = main(["build", str(FOUNDING), "-o", str(tmp_path / "out"), "--no-html"])
    assert code == EXIT_OK
    assert f"{FOUNDING}: {len(text.strip()):,} characters: processed in about" in capsys.readouterr().err
    ids = doc_ids(tmp_path / "out" / "graph.ttl")
    assert {f"{FOUNDING.stem}-part0001", f"{FOUNDING.stem}-part0002", f"{FOUNDING.stem}-part0003"} <= ids
    assert FOUNDING.stem not in ids


# -- outputs never half-written ----------------------------------------------------------


def test_atomic_write_failure_keeps_the_previous_file(tmp_path, monkeypatch):
    target = tmp_path / "graph.ttl"
    target.write_bytes(b"previous")

    def crash(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        atomic_write(target, b"new" * 1000)
    assert target.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"], "temporary file left behind"


def test_outputs_are_complete_and_no_temporary_files_remain(small_build):
    for name in OUTPUTS:
        assert (small_build / name).stat().st_size > 0
    assert not [p for p in small_build.iterdir() if p.name.endswith(".tmp")]
    assert doc_ids(small_build / "graph.trig") == {FOUNDING.stem, OSSETIA.stem}


def _corpus(path: Path, copies: int) -> set[str]:
    """A JSON Lines corpus of the seed articles under new ids, big enough to take a while."""
    ids = set()
    with path.open("w", encoding="utf-8") as fh:
        for n in range(copies):
            for article in sorted(SEEDS.glob("0*.txt")):
                doc_id = f"copy{n}-{article.stem}"
                ids.add(doc_id)
                fh.write(json.dumps({"id": doc_id, "text": article.read_text(encoding="utf-8")}) + "\n")
    return ids


@pytest.mark.parametrize(("point", "store"), [("parse", False), ("merge", False), ("export", False),
                                              ("export", True)])
def test_sigkill_mid_build_keeps_previous_outputs_and_update_completes(small_build, tmp_path, point, store):
    # Killed at a point the build announces (kg.build.checkpoint), not after a guessed delay: the
    # outcome must not depend on the machine's speed. The whole set (outputs and registry) must be
    # the previous one, and the next --update must complete the work.
    out = tmp_path / "out"
    shutil.copytree(small_build, out, symlinks=True)  # with any hidden build state
    files = (*OUTPUTS, f"{STATE_DIR}/registry.sqlite")
    before = {name: (out / name).read_bytes() for name in files}
    corpus = tmp_path / "more.jsonl"
    new_ids = _corpus(corpus, copies=1)
    extra = ["--store"] if store else []  # then the query store is made too, before the export point
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", "--update", str(corpus), "-o", str(out),
                             "-q", *extra], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True, env={**os.environ, "GEOKG_PAUSE_AT": point})
    try:
        line = proc.stderr.readline().decode()  # blocks until the build reaches the point
        assert line.strip() == f"kg build: paused at {point}", line
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(30)
    assert proc.returncode == -signal.SIGKILL
    # The previous set, byte for byte, and it still parses.
    assert {name: (out / name).read_bytes() for name in files} == before
    assert doc_ids(out / "graph.ttl") == {FOUNDING.stem, OSSETIA.stem}
    # The next --update run completes the work and keeps what was there.
    assert not (out / STATE_DIR / "store").exists()
    done = kg("build", "--update", str(corpus), "-o", str(out), "-q", *extra)
    assert done.returncode == EXIT_OK, done.stderr
    assert doc_ids(out / "graph.ttl") == {FOUNDING.stem, OSSETIA.stem} | new_ids
    assert doc_ids(out / "graph.trig") == {FOUNDING.stem, OSSETIA.stem} | new_ids
    assert (out / STATE_DIR / "store").is_dir() == store
    assert not [p.name for p in out.iterdir() if p.name.startswith(".") and p.name != STATE_DIR]


# -- corrupt graphs ----------------------------------------------------------------------


def _corrupt(path: Path) -> int:
    """Truncate a Turtle/TriG file in the middle of a statement; return the 1-based last line."""
    data = path.read_bytes()
    cut = data[: len(data) // 2]
    cut = cut[: cut.rindex(b"\n") + 1] + b'<https://w3id.org/geokg/id/x> <https://w3id.org/geokg/id/y> "unterminated\n'
    path.write_bytes(cut)
    return cut.count(b"\n")


def test_query_on_a_corrupt_graph_names_file_and_line(small_build, tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_bytes((small_build / "graph.ttl").read_bytes())
    last = _corrupt(broken)
    damaged = broken.read_bytes()
    done = kg("query", str(broken), "SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    assert done.returncode == EXIT_ERROR
    match = re.search(rf"^kg query: {re.escape(str(broken))}:(\d+): not valid Turtle", done.stderr, re.M)
    assert match and int(match[1]) == last, done.stderr
    assert broken.read_bytes() == damaged


def test_update_onto_a_corrupt_graph_names_file_and_line_and_overwrites_nothing(small_build, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for name in ("graph.ttl", "graph.trig"):  # a graph in OUT, e.g. restored from a backup, damaged
        (out / name).write_bytes((small_build / name).read_bytes())
    _corrupt(out / "graph.trig")
    _corrupt(out / "graph.ttl")
    before = snapshot(out)
    done = kg("build", "--update", str(OSSETIA), "-o", str(out))
    assert done.returncode == EXIT_ERROR, done.stderr
    assert re.search(rf"{re.escape(str(out))}/graph\.(trig|ttl):\d+: not valid", done.stderr), done.stderr
    assert snapshot(out) == before


# -- queries -----------------------------------------------------------------------------


def test_query_is_read_only_unless_allowed(small_build):
    graph = small_build / "graph.ttl"
    before, mtime = graph.read_bytes(), graph.stat().st_mtime_ns
    insert = "PREFIX x: <https://example.org/#> # SELECT in a comment\nINSERT DATA { x:a x:b x:c }"
    refused = kg("query", str(graph), insert)
    assert refused.returncode == EXIT_ERROR and "read-only" in refused.stderr and "--allow-update" in refused.stderr
    allowed = kg("query", str(graph), insert, "--allow-update")
    assert allowed.returncode == EXIT_OK, allowed.stderr
    assert graph.read_bytes() == before and graph.stat().st_mtime_ns == mtime


def test_query_timeout_stops_a_runaway_query(small_build):
    graph = small_build / "graph.ttl"
    started = time.perf_counter()
    done = kg("query", str(graph), "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
              "--timeout", "3", timeout=120)
    assert done.returncode == EXIT_ERROR
    assert "time limit" in done.stderr and "--timeout" in done.stderr
    assert time.perf_counter() - started < 60


def test_query_within_its_timeout_answers(small_build):
    done = kg("query", str(small_build / "graph.ttl"), "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE "
              "{ ?d <http://purl.org/dc/terms/identifier> ?id }", "--format", "csv", "--timeout", "60")
    assert done.returncode == EXIT_OK, done.stderr
    assert done.stdout.splitlines() == ["n", "2"]


@pytest.mark.parametrize(("query", "update"), [
    ("SELECT * WHERE { ?s ?p ?o }", False),
    ("# INSERT DATA in a comment\nASK { ?s ?p ?o }", False),
    ("PREFIX ex: <http://example.org/#a> # DELETE\nCONSTRUCT WHERE { ?s ex:p ?o }", False),
    ('SELECT * WHERE { ?s ?p "DELETE WHERE" }', False),
    ("base <http://a/> describe <x>", False),
    ("PREFIX ex: <http://example.org/#> # SELECT in a comment\nINSERT DATA { ex:a ex:b ex:c }", True),
    ("  delete where { ?s ?p ?o }", True),
    ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", True),
    ("LOAD <http://example.org/x.ttl>", True),
    ("CLEAR ALL", True),
    ("DROP GRAPH <http://g>", True),
])
def test_updates_are_recognised_by_their_first_keyword(query, update):
    from kg.rdf.query import is_update

    assert is_update(query) is update
