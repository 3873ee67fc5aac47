"""The notebooks run top to bottom on a fresh kernel (the venv's Python) and draw their plots."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
CHECK_KERNEL = "import sys; print(sys.prefix)"


def execute(name: str, tmp_path: Path, monkeypatch) -> tuple[nbformat.NotebookNode, float]:
    """Run notebooks/NAME in notebooks/ with its outputs directed to ``tmp_path``."""
    monkeypatch.setenv("GEOKG_OUT", str(tmp_path / "out"))
    monkeypatch.delenv("GEOKG_CORPUS", raising=False)
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "mpl"))
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(CHECK_KERNEL))
    # kernel "python3" with argv "python": jupyter_client starts it with sys.executable (the venv)
    client = NotebookClient(nb, kernel_name="python3", timeout=300,
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    t0 = time.perf_counter()
    client.execute()
    return nb, time.perf_counter() - t0


def outputs(nb: nbformat.NotebookNode, mime: str) -> list[str]:
    return [o["data"][mime] for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
            if mime in o.get("data", {})]


def stdout(cell: nbformat.NotebookNode) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("name") == "stdout")


@pytest.mark.parametrize("name", ["01-tour.ipynb", "02-your-corpus.ipynb"])
def test_notebooks_are_stored_without_outputs(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


@pytest.mark.slow
def test_tour_runs_and_draws_its_plots(tmp_path, monkeypatch):
    nb, seconds = execute("01-tour.ipynb", tmp_path, monkeypatch)
    assert stdout(nb.cells[-1]).strip() == sys.prefix
    assert len(outputs(nb, "image/png")) >= 2, "the timeline and cooperation/conflict plots"
    assert any("<iframe srcdoc=" in h for h in outputs(nb, "text/html")), "graph.html inline"
    assert (tmp_path / "out" / "graph.ttl").is_file() and (tmp_path / "out" / "actors.graphml").is_file()
    print(f"01-tour.ipynb ran in {seconds:.1f} s")


@pytest.mark.slow
def test_your_corpus_runs_builds_and_updates(tmp_path, monkeypatch):
    nb, seconds = execute("02-your-corpus.ipynb", tmp_path, monkeypatch)
    assert stdout(nb.cells[-1]).strip() == sys.prefix
    assert (tmp_path / "out-input" / "batch-1.jsonl").is_file()
    assert (tmp_path / "out" / "graph.ttl").is_file()
    assert any("graph.ttl unchanged by a second identical update: True" in stdout(c) for c in nb.cells)
    print(f"02-your-corpus.ipynb ran in {seconds:.1f} s")
