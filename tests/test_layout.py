"""The package layout is the pipeline diagram: imports point upstream only, no cycles, small modules.

The stages, in the order data flows (docs/architecture.md):
shared leaves → ingest → nlp → entities → events → rdf → outputs → ops → pipeline → build → cli.
A module may import its own stage and the stages before it, never a later one. Every import
counts, including those inside functions and under ``TYPE_CHECKING``: a lazy import that climbs
back up the pipeline is still a dependency the layout does not show.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "kg"

#: Stage of each stage package (and everything in it) and of each top-level module; a new module
#: that is in none of them fails the tests until someone decides where it belongs.
PACKAGES = {"kg.ingest": 1, "kg.nlp": 2, "kg.entities": 3, "kg.events": 4, "kg.rdf": 5, "kg.outputs": 6,
            "kg.ops": 7, "kg.pipeline": 8, "kg.cli": 10}
MODULES = {"kg": 0, "kg.model": 0, "kg.resources": 0, "kg.isodate": 0, "kg.atomic": 0,  # shared leaves
           "kg.build": 9, "kg.query": 9, "kg.triples": 9,  # wiring, and the contract's import paths
           "kg.__main__": 10}
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    mods = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent)
        if "data" in rel.parts:  # maintainer scripts that derive the data files, not the package
            continue
        name = ".".join(rel.with_suffix("").parts)
        mods[name.removesuffix(".__init__")] = path
    return mods


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Modules of ``kg`` that ``name`` imports, anywhere in its body."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in known else target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m in known and m != name}


def _graph() -> dict[str, set[str]]:
    mods = _modules()
    return {name: _imports(name, path, set(mods)) for name, path in mods.items()}


def _stage(module: str) -> int:
    stage = MODULES.get(module, PACKAGES.get(".".join(module.split(".")[:2])))
    if stage is None:
        raise AssertionError(f"{module} is in no stage of tests/test_layout.py (add it where it belongs)")
    return stage


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_checks_catch_a_cycle_and_an_upward_import():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]
    assert _stage("kg.rdf.merge") > _stage("kg.events.typing") > _stage("kg.entities.coref")
    with pytest.raises(AssertionError, match="no stage"):
        _stage("kg.somewhere_new")


def test_no_import_cycles_inside_kg():
    assert _cycles(_graph()) == []


def test_imports_point_upstream_only():
    upward = [f"{src} (stage {_stage(src)}) imports {dst} (stage {_stage(dst)})"
              for src, dsts in sorted(_graph().items()) for dst in sorted(dsts) if _stage(dst) > _stage(src)]
    assert upward == []


def test_modules_are_small_and_say_their_job():
    for name, path in _modules().items():
        lines = path.read_text(encoding="utf-8").count("\n")
        assert lines <= MAX_LINES, f"{path}: {lines} lines > {MAX_LINES}"
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert doc and doc.splitlines()[0].strip(), f"{name}: no docstring saying its one job"


def test_contract_entry_points_still_import():
    import kg.build
    import kg.query
    import kg.rdf.query
    import kg.triples
    from kg.outputs import triples

    assert callable(kg.build.build)
    assert kg.triples.event_rows is triples.event_rows
    assert kg.query.query_file is kg.rdf.query.query_file


@pytest.mark.parametrize("module", ["kg.entities", "kg.events", "kg.ingest", "kg.rdf.merge", "kg.outputs.triples",
                                    "kg.pipeline.components"])
def test_each_stage_imports_first_in_a_fresh_interpreter(module):
    # spaCy loads GeoKG's registered factories while GeoKG's own modules are being imported
    # (English() lists every entry point): an import order that differs from the CLI's must work.
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", f"import {module}; import spacy; spacy.blank('en')"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
