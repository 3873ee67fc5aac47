"""The Dask engine (issue 5): a LocalCluster — the code path a real cluster uses — gives the same
graph as the local engine on the dev articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

pytest.importorskip("dask.distributed")


def test_dask_local_cluster_graph_is_identical_to_local_engine(seed_build: Path, tmp_path: Path):
    out = tmp_path / "dask"
    code = main(["build", str(SEEDS), "-o", str(out), "-q", "--engine", "dask", "--processes", "2"])
    assert code == 0
    for name in ("graph.ttl", "graph.trig"):
        assert (out / name).read_bytes() == (seed_build / name).read_bytes(), name


def test_scheduler_needs_the_dask_engine(tmp_path: Path, capsys):
    code = main(["build", str(SEEDS), "-o", str(tmp_path), "--scheduler", "tcp://127.0.0.1:1"])
    assert code == 2
    assert "--engine dask" in capsys.readouterr().err
