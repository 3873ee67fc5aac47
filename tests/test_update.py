"""Incremental builds on the persistent state (issues 5, 16): ``--update`` merges, skips, replaces, and
never leaves ``OUT`` half-written."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kg.build import BuildOptions, build
from kg.cli import main
from kg.rdf.persist import STATE_DIR, recover

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# three short seed articles: two for the first build, one for the update
FIRST = ["002_south_ossetia_join_russia.txt", "032_us_venezuela_detainee_release.txt"]
SECOND = ["029_us_statement_gaza_hostage_release_deal.txt"]


def _corpus(dirpath: Path, names: list[str]) -> Path:
    dirpath.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(SEEDS / name, dirpath / name)
    shutil.copy(SEEDS / "manifest.tsv", dirpath / "manifest.tsv")  # titles and dates
    return dirpath


@pytest.fixture(scope="module")
def corpora(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("update-corpora")
    return _corpus(base / "a", FIRST), _corpus(base / "b", SECOND)


def _build(out: Path, *args: str) -> int:
    return main(["build", *args, "-o", str(out), "-q", "--no-html"])


@pytest.fixture(scope="module")
def at_once(corpora, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("at-once")
    assert _build(out, str(corpora[0]), str(corpora[1])) == 0
    return out


@pytest.fixture(scope="module")
def incremental(corpora, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("incremental")
    assert _build(out, str(corpora[0])) == 0
    assert _build(out, "--update", str(corpora[1])) == 0
    return out


def test_build_then_update_equals_building_everything_at_once(at_once, incremental):
    for name in ("graph.ttl", "graph.trig"):
        assert (incremental / name).read_bytes() == (at_once / name).read_bytes(), name


def test_same_update_twice_changes_nothing_and_skips_known_documents(corpora, incremental):
    before = {n: (incremental / n).read_bytes() for n in ("graph.ttl", "graph.trig")}
    report = build([corpora[1]], BuildOptions(out_dir=incremental, update=True, html=False))
    assert (report.processed, report.unchanged) == (0, 1)
    for name, data in before.items():
        assert (incremental / name).read_bytes() == data, name


def test_update_keeps_only_the_registry_and_leaves_no_work_dirs(incremental):
    # no RDF store unless asked for (kg build --store): the registry alone serves --update
    assert sorted(p.name for p in (incremental / STATE_DIR).iterdir()) == ["registry.sqlite"]
    assert sorted(p.name for p in incremental.iterdir() if p.name.startswith(".geokg")) == [STATE_DIR]


def test_changed_document_replaces_its_old_version(corpora, tmp_path):
    out = tmp_path / "out"
    assert _build(out, str(corpora[1])) == 0
    edited = _corpus(tmp_path / "edited", SECOND)
    path = edited / SECOND[0]
    path.write_text(path.read_text(encoding="utf-8").replace("Jill and I", "My wife and I"), encoding="utf-8")
    report = build([edited], BuildOptions(out_dir=out, update=True, html=False))
    assert (report.processed, report.replaced, report.documents) == (1, 1, 1)
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "My wife and I" in ttl and "Jill and I" not in ttl


def test_interrupted_build_leaves_previous_output_intact(corpora, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert _build(out, str(corpora[0])) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != "build.ttl"}

    def crash(self, result, graph=None):
        raise KeyboardInterrupt  # what Ctrl-C mid-build looks like to the build loop

    monkeypatch.setattr("kg.rdf.merge.GraphBuilder.add", crash)
    with pytest.raises(KeyboardInterrupt):
        build([corpora[1]], BuildOptions(out_dir=out, update=True, html=False))
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != "build.ttl"} == before
    assert not [p for p in out.iterdir() if p.name.startswith(".geokg.")]
    # and the update then completes normally
    assert build([corpora[1]], BuildOptions(out_dir=out, update=True, html=False)).processed == 1


def test_recover_restores_the_state_when_a_swap_was_cut_short(tmp_path):
    old = tmp_path / ".geokg.old-12345"
    (old / "store").mkdir(parents=True)
    abandoned = tmp_path / ".geokg.work-999999999-abcd"
    abandoned.mkdir()
    recover(tmp_path)
    assert (tmp_path / STATE_DIR / "store").is_dir()
    assert not old.exists() and not abandoned.exists()


def test_update_of_a_graph_without_its_store_recounts_the_reports(tmp_path):
    """An OUT with graph.trig but no store (older GeoKG, a restored backup) is imported: its event
    summaries are recomputed over old and new reports, not kept beside new ones."""
    from kg.rdf.query import run_query
    from kg.rdf.store import load_store

    out = tmp_path / "out"
    reports = ROOT / "tests" / "data" / "same_event_reports.jsonl"
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    lines = reports.read_text(encoding="utf-8").splitlines(keepends=True)
    one.write_text(lines[0], encoding="utf-8")  # Kyiv Independent, 9 April
    two.write_text("".join(lines[1:]), encoding="utf-8")  # Reuters the same day, the Guardian later
    assert _build(out, str(one)) == 0
    shutil.rmtree(out / STATE_DIR)
    assert _build(out, "--update", str(two)) == 0
    assert main(["validate", str(out / "graph.ttl")]) == 0
    counts = run_query(load_store(out / "graph.ttl"), """
        SELECT ?e (COUNT(?c) AS ?n) (MAX(?c) AS ?count) WHERE { ?e a gk:Event ; gk:reportCount ?c } GROUP BY ?e
        """).rows
    assert {row["n"] for row in counts} == {"1"}  # one report count per event
    assert "2" in {row["count"] for row in counts}  # the accusation both outlets report


def _snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("damage", ["removed", "edited", "same size"])
def test_update_refuses_a_graph_trig_other_than_the_one_the_state_records(corpora, incremental, tmp_path,
                                                                           capsys, damage):
    # --update copies the unchanged documents' graphs out of graph.trig: a different file would corrupt them
    out = tmp_path / "out"
    shutil.copytree(incremental, out)
    trig = out / "graph.trig"
    if damage == "removed":
        trig.unlink()
    elif damage == "edited":
        trig.write_bytes(trig.read_bytes().replace(b"Venezuela", b"Venezuela (edited)", 1))
    else:
        data = bytearray(trig.read_bytes())
        data[len(data) // 2] ^= 1  # one bit, as a disk error or a careless editor would do
        trig.write_bytes(bytes(data))
    before = _snapshot(out)
    edited = _corpus(tmp_path / "c", FIRST[:1])
    text = edited / FIRST[0]
    text.write_text(text.read_text(encoding="utf-8") + "\nThe talks resume on Monday.\n", encoding="utf-8")
    assert _build(out, "--update", str(edited)) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(trig) in err[0] and "without --update" in err[0], err
    assert {"removed": "missing", "edited": "bytes", "same size": "digest"}[damage] in err[0]
    assert _snapshot(out) == before  # nothing written, no work directory left
    assert _build(out, str(corpora[0]), str(corpora[1])) == 0  # a build afresh repairs it


def test_state_keeps_graph_trig_when_the_formats_leave_it_out(corpora, at_once, tmp_path):
    out = tmp_path / "out"
    options = BuildOptions(out_dir=out, html=False, formats=("ttl",))
    build([corpora[0]], options)
    assert not (out / "graph.trig").exists() and (out / STATE_DIR / "graph.trig").is_file()
    report = build([corpora[1]], BuildOptions(out_dir=out, html=False, formats=("ttl",), update=True))
    assert report.processed == 1
    assert (out / "graph.ttl").read_bytes() == (at_once / "graph.ttl").read_bytes()
    assert (out / STATE_DIR / "graph.trig").read_bytes() == (at_once / "graph.trig").read_bytes()


def test_build_cut_short_while_publishing_is_finished_by_the_next_one(corpora, at_once, tmp_path, monkeypatch):
    # graph.trig and the registry pointing into it must never come from different builds: a build
    # stopped after publishing its files but before swapping its state in is completed, not undone
    out = tmp_path / "out"
    assert _build(out, str(corpora[0])) == 0
    replace = os.replace

    def stop_before_the_swap(src, dst) -> None:
        if Path(dst).name == STATE_DIR:
            raise KeyboardInterrupt
        replace(src, dst)

    monkeypatch.setattr(os, "replace", stop_before_the_swap)
    with pytest.raises(KeyboardInterrupt):
        build([corpora[1]], BuildOptions(out_dir=out, update=True, html=False))
    monkeypatch.undo()
    assert not (out / STATE_DIR).exists()  # cut short between the two renames of the state
    report = build([corpora[1]], BuildOptions(out_dir=out, update=True, html=False))
    assert (report.processed, report.unchanged) == (0, 1)  # the cut-short build's work was kept
    for name in ("graph.ttl", "graph.trig"):
        assert (out / name).read_bytes() == (at_once / name).read_bytes(), name
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".geokg")) == [STATE_DIR]


def test_updates_after_importing_a_graph_keep_importing_it(corpora, tmp_path):
    # an imported graph.trig is not made of the registry's blocks: each later update reads it again
    out = tmp_path / "out"
    assert _build(out, str(corpora[0])) == 0
    shutil.rmtree(out / STATE_DIR)
    assert _build(out, "--update", str(corpora[1])) == 0
    more = _corpus(tmp_path / "more", ["005_un_darfur_attacks_violated_law.txt"])
    report = build([more], BuildOptions(out_dir=out, update=True, html=False))
    assert (report.processed, report.documents) == (1, 4)
    from kg.rdf.store import load_store

    assert len(list(load_store(out / "graph.trig").named_graphs())) == 5  # four documents and the shared graph
    (out / "graph.trig").unlink()
    with pytest.raises(Exception, match=r"graph\.trig is missing"):
        build([corpora[0]], BuildOptions(out_dir=out, update=True, html=False))
