#!/usr/bin/env python3
"""How fast ``kg query`` answers the competency queries of ``queries/`` on a large build.

    .venv/bin/python benchmarks/throughput.py --docs 10000 --processes 2 --skip-bare --keep /tmp/out10k
    .venv/bin/python benchmarks/query_times.py /tmp/out10k             # in memory, and with --store
    .venv/bin/python benchmarks/query_times.py /tmp/out10k --no-store  # in memory only

It times what ``kg query OUT -f FILE`` does, in one process so that the load is paid once:
loading ``OUT/graph.trig`` into an in-memory Oxigraph store (what ``kg query OUT`` does for a build
without ``--store``), then every query file on it, twice (the first run includes query planning and
cold caches; the best of the two is reported). Unless ``--no-store``, it then makes the persistent
store that ``kg build --store`` keeps (bulk load of graph.trig into ``OUT/.geokg/store``, timed) and
runs the queries again on it opened read-only, as ``kg query OUT`` then does. Peak RSS of this
process is reported too. Results go to stdout as Markdown (``--markdown FILE`` also writes them).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.rdf.derived import refresh_query_store  # noqa: E402
from kg.rdf.query import run_query  # noqa: E402
from kg.rdf.store import STATE_DIR, STORE, load_store, open_graph  # noqa: E402


def time_queries(store, files: list[Path]) -> list[tuple[str, int, float, float]]:
    """(query file, rows, first run s, best run s) for every file."""
    out = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        runs = []
        for _ in range(2):
            t0 = time.perf_counter()
            rows = len(run_query(store, text).rows)
            runs.append(time.perf_counter() - t0)
        out.append((path.name, rows, runs[0], min(runs)))
    return out


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path, help="a kg build output directory")
    ap.add_argument("--queries", type=Path, default=ROOT / "queries", help="folder of .rq files")
    ap.add_argument("--no-store", action="store_true", help="only the in-memory load")
    ap.add_argument("--markdown", type=Path, help="also write the results to this file")
    a = ap.parse_args(argv)
    files = sorted(a.queries.glob("*.rq"))
    trig = a.out / "graph.trig"
    lines = [f"`{trig}`: {trig.stat().st_size / 2**20:,.0f} MB", ""]
    t0 = time.perf_counter()
    memory = load_store(trig)
    load = time.perf_counter() - t0
    quads = len(memory)
    lines.append(f"- in-memory load of graph.trig: **{load:.1f} s** ({quads:,} quads; peak RSS so far "
                 f"{_rss_mb():,.0f} MB)")
    results = {"in memory": time_queries(memory, files)}
    del memory
    if not a.no_store:
        target = a.out / STATE_DIR / STORE
        shutil.rmtree(target, ignore_errors=True)
        t0 = time.perf_counter()
        refresh_query_store(target, trig)
        made = time.perf_counter() - t0
        t0 = time.perf_counter()
        store = open_graph(a.out)
        opened = time.perf_counter() - t0
        size = sum(f.stat().st_size for f in target.rglob("*") if f.is_file())
        lines.append(f"- persistent store (as `kg build --store` makes it): bulk load {made:.1f} s, "
                     f"{size / 2**20:,.0f} MB on disk; opened read-only in {opened:.2f} s")
        results["persistent store"] = time_queries(store, files)
    lines += ["", "| query | rows | " + " | ".join(f"{k}: first / best (s)" for k in results) + " |",
              "|---|---:|" + "---:|" * len(results)]
    for i, path in enumerate(files):
        rows = results["in memory"][i][1]
        cells = " | ".join(f"{r[i][2]:.3f} / {r[i][3]:.3f}" for r in results.values())
        lines.append(f"| `{path.name}` | {rows:,} | {cells} |")
    for name, timings in results.items():
        slowest = max(timings, key=lambda t: t[2])
        lines.append(f"\n{name}: slowest first run {slowest[2]:.3f} s (`{slowest[0]}`); every query under 1 s: "
                     f"**{'yes' if slowest[2] < 1 else 'no'}**")
    lines.append(f"\npeak RSS of this process: {_rss_mb():,.0f} MB")
    text = "\n".join(lines)
    print(text)
    if a.markdown:
        a.markdown.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
