#!/usr/bin/env python3
"""Memory of the merge stage of ``kg build`` as the corpus grows (no parsing: that is bounded by batch).

    .venv/bin/python benchmarks/graph_memory.py --docs 10000

The seed and dev articles are parsed and extracted once, in a child process; their per-document
results are then replayed under distinct document ids through :func:`kg.build.build` (persistent
store, registry, shared graph, streamed export of graph.ttl and graph.trig) exactly as the
extraction workers would hand them over. The resident set size of this process is printed every
1,000 documents and at the end, so growth with corpus size is visible. Together with the worker
processes' RSS (one spaCy model each, flat), this bounds the peak RSS of ``kg build`` on a corpus
of that size; ``benchmarks/throughput.py`` measures whole builds.
"""

from __future__ import annotations

import argparse
import dataclasses
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EXTRACT = """
import pickle, sys
from pathlib import Path
from kg.ingest import iter_documents
from kg.pipeline import PipelineConfig, extract_documents
docs = iter_documents([Path(sys.argv[1])], lambda p: None)
results = list(extract_documents(docs, PipelineConfig(), lambda p: None))
Path(sys.argv[2]).write_bytes(pickle.dumps(results))
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=10_000)
    a = ap.parse_args(argv)
    import kg.build as kb
    from kg.build import BuildOptions, build

    me = psutil.Process()
    with tempfile.TemporaryDirectory(prefix="geokg-mem-") as tmp:
        pkl = Path(tmp) / "results.pkl"
        subprocess.run([sys.executable, "-c", EXTRACT, str(ROOT / "seeds"), str(pkl)], check=True, cwd=ROOT)
        seeds = pickle.loads(pkl.read_bytes())
        samples: list[tuple[int, float]] = []
        t0 = time.perf_counter()

        def replay(docs, config, report):
            for i in range(a.docs):
                r = seeds[i % len(seeds)]
                doc = dataclasses.replace(r.document, id=f"{r.document.id}-copy{i:05d}")
                if i % 1000 == 0:
                    samples.append((i, me.memory_info().rss / 2**20))
                    print(f"  {i:,} documents merged: RSS {samples[-1][1]:,.0f} MB "
                          f"({time.perf_counter() - t0:.0f} s)", file=sys.stderr, flush=True)
                yield dataclasses.replace(r, document=doc)

        kb.extract_documents = replay  # the merge stage sees what workers would send
        kb.iter_documents = lambda inputs, problem, date="": iter(())
        report = build([], BuildOptions(out_dir=Path(tmp) / "out", html=False))
        samples.append((a.docs, me.memory_info().rss / 2**20))
        seconds = time.perf_counter() - t0
        size = sum(f.stat().st_size for f in (Path(tmp) / "out").rglob("*") if f.is_file())
    peak = _peak_mb()
    print(f"{report.processed:,} documents merged in {seconds:.0f} s ({report.processed / seconds:.0f} docs/s); "
          f"OUT {size / 2**20:,.0f} MB on disk; peak RSS of the merging process {peak:,.0f} MB")
    print("| documents merged | RSS (MB) |\n|---:|---:|")
    for n, rss in samples:
        print(f"| {n:,} | {rss:,.0f} |")
    return 0


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    sys.exit(main())
