"""Shared fixtures: the spaCy model and one build of seeds/, each made once per test session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "eval" / "dev"
FOUNDING = SEEDS / "000_0d3747f6e96d4de0.txt"


def require_tool(path_or_name: str, why: str) -> str:
    """Path of an external tool; skip the test when absent, unless CI demands every tool."""
    found = shutil.which(path_or_name) or (path_or_name if Path(path_or_name).exists() else None)
    if found:
        return found
    if os.environ.get("GEOKG_REQUIRE_TOOLS"):
        pytest.fail(f"{path_or_name} is required in CI ({why})")
    pytest.skip(f"{path_or_name} not installed ({why})")


@pytest.fixture(scope="session")
def nlp():
    """The default spaCy pipeline, loaded once."""
    from kg.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Path:
    """``kg build seeds/ -o OUT`` run once; returns OUT (graph.ttl, graph.trig, graph.html, build.ttl)."""
    from kg.cli import main

    out = tmp_path_factory.mktemp("seed-build")
    code = main(["build", str(SEEDS), "-o", str(out), "-q"])
    assert code == 0, f"kg build seeds/ exited {code}"
    return out
