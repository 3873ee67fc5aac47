#!/usr/bin/env python3
"""Where the time of a ``kg build`` goes, stage by stage, at one process.

Builds a replicated corpus (as ``benchmarks/throughput.py`` does) with ``kg.build.build`` while
timing the stages that are not spaCy's parse: extraction (``Extractor.__call__``), rendering each
document's graph (``DocumentGrapher.__call__``), merging it (``GraphBuilder.add``: entity records,
handing N-Quads to the store writer), recording it in the registry, waiting for the store writer
(its bulk loads run in a thread, overlapping the parse; only the waits count), the shared graph and
event summaries (``GraphBuilder.finish``), the export of graph.ttl/graph.trig and the final commit.
Parsing is what remains. Then it times bare ``nlp.pipe`` over the same texts in the same process, so the shares are
comparable. Wrapping the stages adds a few microseconds per call, nothing measurable.

usage: python benchmarks/stages.py [--docs 300] [--model NAME]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from throughput import make_corpus  # noqa: E402

import kg.build  # noqa: E402
import kg.pipeline.stages  # noqa: E402
import kg.rdf.document  # noqa: E402
import kg.rdf.merge  # noqa: E402
import kg.rdf.persist  # noqa: E402
import kg.rdf.registry  # noqa: E402

STAGES = [  # (owner, attribute, label); labels starting with a space are part of the line above
    (kg.pipeline.stages.Extractor, "__call__", "extraction"),
    (kg.rdf.document.DocumentGrapher, "__call__", "rendering documents' graphs (N-Quads, Turtle)"),
    (kg.rdf.registry, "pack_graph", "rendering TriG blocks, packing facts"),
    (kg.rdf.merge.GraphBuilder, "add", "merging (entity records)"),
    (kg.rdf.registry.Registry, "put", "registry: block place, terms and facts"),
    (kg.rdf.merge.GraphBuilder, "finish", "shared graph + event summaries"),
    (kg.build, "_export", "export graph.ttl + graph.trig (+ graph.html)"),
    (kg.rdf.persist.GraphState, "commit", "commit (swap)"),
]


def _timed(func: Callable, label: str, totals: Counter) -> Callable:
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            totals[label] += time.perf_counter() - start
    return wrapper


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--model")
    a = ap.parse_args(argv)
    totals: Counter = Counter()
    for owner, name, label in STAGES:
        setattr(owner, name, _timed(getattr(owner, name), label, totals))
    with tempfile.TemporaryDirectory(prefix="geokg-stages-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        n_docs, n_words = make_corpus(corpus, a.docs)
        out = Path(tmp) / "out"
        start = time.perf_counter()
        kg.build.build([corpus], kg.build.BuildOptions(out_dir=out, model=a.model, html=False))
        total = time.perf_counter() - start
        shutil.rmtree(out, ignore_errors=True)
        from kg.ingest import iter_documents
        from kg.nlp import load_model

        nlp = load_model(a.model)
        texts = [d.text for d in iter_documents([corpus], lambda p: None)]
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=16):
            pass
        bare = time.perf_counter() - start
    print(f"{n_docs:,} documents, {n_words:,} words, 1 process")
    print(f"{'kg build (model loading included)':50s} {total:7.1f} s")
    for _owner, _name, label in STAGES:
        print(f"{label:50s} {totals[label]:7.1f} s  {totals[label] / bare:6.1%} of the bare parse")
    stages = sum(v for k, v in totals.items() if not k.startswith(" "))
    print(f"{'everything else (parse, model loading, ingest)':50s} {total - stages:7.1f} s")
    print(f"{'bare nlp.pipe over the same texts (model loaded)':50s} {bare:7.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
