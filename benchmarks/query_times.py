#!/usr/bin/env python3
"""How fast ``kg query`` answers the competency queries of ``queries/`` on a large build.

    .venv/bin/python benchmarks/throughput.py --docs 10000 --processes 2 --skip-bare --keep /tmp/out10k
    .venv/bin/python benchmarks/query_times.py /tmp/out10k [--timeout 60]

It measures what ``kg query OUT -f FILE`` does on that output: loading ``OUT/graph.trig`` into an
in-memory Oxigraph store (what ``kg query OUT`` does for a build without ``--store``; timed once),
making the persistent store that ``kg build --store`` keeps (a bulk load of graph.trig into
``OUT/.geokg/store``; timed, with its size), then every query file run on that store opened
read-only, each in a child process that times the query alone (opening the store takes
milliseconds) and is stopped after ``--timeout`` seconds. Each query runs twice; the first run and
the best are reported. Results go to stdout as Markdown (``--markdown FILE`` also writes them).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
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


def _child(conn, out: str, text: str, runs: int) -> None:
    store = open_graph(Path(out))
    times, rows = [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        rows = len(run_query(store, text).rows)
        times.append(time.perf_counter() - t0)
    conn.send((rows, times))


def time_query(out: Path, path: Path, timeout: float, runs: int = 2) -> tuple[int, list[float]] | None:
    """(rows, seconds per run) of one query file on the store of ``out``; None if it timed out."""
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, str(out), path.read_text(encoding="utf-8"), runs))
    proc.start()
    try:
        return parent.recv() if parent.poll(timeout + 10) else None  # + time to start the child
    finally:
        proc.kill()
        proc.join()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path, help="a kg build output directory")
    ap.add_argument("--queries", type=Path, default=ROOT / "queries", help="folder of .rq files")
    ap.add_argument("--timeout", type=float, default=60, help="seconds per query (default 60)")
    ap.add_argument("--markdown", type=Path, help="also write the results to this file")
    a = ap.parse_args(argv)
    trig = a.out / "graph.trig"
    lines = [f"`graph.trig` of {a.out}: {trig.stat().st_size / 2**20:,.0f} MB", ""]
    t0 = time.perf_counter()
    quads = len(load_store(trig))
    loaded = time.perf_counter() - t0
    lines.append(f"- in-memory load of graph.trig (`kg query OUT` without a store): **{loaded:.1f} s**, "
                 f"{quads:,} quads, peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")
    target = a.out / STATE_DIR / STORE
    shutil.rmtree(target, ignore_errors=True)
    t0 = time.perf_counter()
    refresh_query_store(target, trig)
    made = time.perf_counter() - t0
    size = sum(f.stat().st_size for f in target.rglob("*") if f.is_file())
    lines += [f"- persistent store (`kg build --store`): bulk load **{made:.1f} s**, {size / 2**20:,.0f} MB on disk",
              "", "| query | rows | first run (s) | best of 2 (s) | under 1 s |", "|---|---:|---:|---:|:-:|"]
    print("\n".join(lines), flush=True)
    for path in sorted(a.queries.glob("*.rq")):
        result = time_query(a.out, path, a.timeout)
        if result is None:
            row = f"| `{path.name}` | — | > {a.timeout:g} (stopped) | — | no |"
        else:
            rows, times = result
            fast = "yes" if times[0] < 1 else "no"
            row = f"| `{path.name}` | {rows:,} | {times[0]:.3f} | {min(times):.3f} | {fast} |"
        print(row, flush=True)
        lines.append(row)
    if a.markdown:
        a.markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
