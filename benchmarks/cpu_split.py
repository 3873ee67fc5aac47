#!/usr/bin/env python3
"""Where the CPU of ``kg build`` goes, thread by thread, and what that allows at 2 processes.

    .venv/bin/python benchmarks/cpu_split.py --docs 2000            # kg build at 1 and 2 processes

Runs ``kg build CORPUS -o OUT --processes N -q --no-html`` on the replicated seed corpus of
``throughput.py`` and samples, every 0.25 s, the CPU time of every thread of the build's process
tree (psutil; Linux names each thread in ``/proc/PID/task/TID/comm``). Threads are grouped:

* **spaCy workers**: the worker processes (parse, extraction, rendering each document's graph);
* **store compaction**: RocksDB's background threads (``rocksdb:*``) under the on-disk Oxigraph store;
* **merging process, other threads**: the Python main thread (merge, registry, summaries, export;
  at 1 process also the parse and extraction) and the store writer thread, where Oxigraph parses
  and sorts each bulk-loaded batch;
* **short-lived threads**: the rest of the process's CPU (threads that ended between two samples,
  e.g. Oxigraph's bulk-loader threads).

Then it loads the build's ``graph.trig`` alone into a fresh on-disk Oxigraph store, to give the
store's own cost for the same statements without anything else running (``--no-reload`` skips it).

Why it matters (issue 5): on a machine with C cores, the N-process build cannot take less wall time
than its total CPU divided by C; so ``2 processes ≥ 1.6 × 1 process`` needs the 2-process build's
total CPU ≤ 2 × T1 / 1.6 on 2 cores, where T1 is the 1-process wall time. The script prints that
budget next to what was measured.
"""

from __future__ import annotations

import collections
import contextlib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import ROOT, corpus_arguments, make_corpus, model_name

GROUPS = ("spaCy workers", "store compaction (RocksDB threads)", "merging process, other threads",
          "short-lived threads")


def _comm(pid: int, tid: int) -> str:
    try:
        return Path(f"/proc/{pid}/task/{tid}/comm").read_text().strip()
    except OSError:
        return "?"


def run_build(cmd: list[str]) -> tuple[float, dict[str, float]]:
    """Run ``cmd``; return its wall time and CPU seconds per group of threads."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    root = psutil.Process(proc.pid)
    threads: dict[tuple[int, int], tuple[str, float]] = {}
    process_cpu: dict[int, float] = {}
    while proc.poll() is None:
        with contextlib.suppress(psutil.Error):
            for p in [root, *root.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    times = p.cpu_times()
                    process_cpu[p.pid] = times.user + times.system
                    for th in p.threads():
                        threads[(p.pid, th.id)] = (_comm(p.pid, th.id), th.user_time + th.system_time)
        time.sleep(0.25)
    wall = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        raise SystemExit(f"kg build failed ({proc.returncode}):\n{err[-2000:]}")
    split = collections.Counter({g: 0.0 for g in GROUPS})
    for pid, total in process_cpu.items():
        own = [(name, cpu) for (p, _), (name, cpu) in threads.items() if p == pid]
        if pid != root.pid:
            split["spaCy workers"] += total
            continue
        for name, cpu in own:
            group = "store compaction (RocksDB threads)" if name.startswith("rocksdb") else \
                "merging process, other threads"
            split[group] += cpu
        split["short-lived threads"] += max(0.0, total - sum(cpu for _, cpu in own))
    return wall, dict(split)


def reload_cost(trig: Path) -> tuple[float, int]:
    """CPU seconds (this process, all threads, background compaction included) to bulk-load ``trig``."""
    import pyoxigraph as ox

    def cpu() -> float:
        r = resource.getrusage(resource.RUSAGE_SELF)
        return r.ru_utime + r.ru_stime

    with tempfile.TemporaryDirectory(prefix="geokg-store-") as tmp:
        store = ox.Store(tmp)
        c0 = cpu()
        store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
        previous = -1.0
        while (now := cpu()) - previous > 0.05:  # until background compaction has finished
            previous = now
            time.sleep(1.0)
        quads = len(store)
        del store
    return previous - c0, quads


def main(argv: list[str] | None = None) -> int:
    ap = corpus_arguments(__doc__.split("\n")[0])
    ap.add_argument("--no-reload", action="store_true", help="skip the standalone store load")
    a = ap.parse_args(argv)
    model = model_name(a.model)
    cores = os.cpu_count() or 1
    lines = [f"{a.docs:,} documents, model {model}, {cores} CPUs; 1-minute load average "
             f"{os.getloadavg()[0]:.1f} before the run", "",
             "| processes | wall s | total CPU s | " + " | ".join(GROUPS) + " |",
             "|---:|---:|---:|" + "---:|" * len(GROUPS)]
    walls: dict[int, float] = {}
    cpus: dict[int, float] = {}
    reload: tuple[float, int] | None = None
    with tempfile.TemporaryDirectory(prefix="geokg-bench-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        make_corpus(corpus, a.docs)
        for n in a.processes:
            out = Path(tmp) / f"out{n}"
            shutil.rmtree(out, ignore_errors=True)
            wall, split = run_build([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out),
                                     "--processes", str(n), "--model", model, "-q", "--no-html"])
            walls[n], cpus[n] = wall, sum(split.values())
            print(f"  kg build at {n}: {wall:.1f} s", file=sys.stderr, flush=True)
            lines.append(f"| {n} | {wall:.1f} | {cpus[n]:.1f} | "
                         + " | ".join(f"{split[g]:.1f}" for g in GROUPS) + " |")
            if not a.no_reload and reload is None:
                reload = reload_cost(out / "graph.trig")
    lines.append("")
    if reload is not None:
        lines.append(f"- `graph.trig` bulk-loaded alone into a fresh on-disk Oxigraph store: "
                     f"{reload[0]:.1f} CPU s for {reload[1]:,} quads ({1e6 * reload[0] / reload[1]:.1f} µs/quad)")
    if 1 in walls and 2 in walls:
        budget = walls[1] / 1.6
        lines.append(f"- 2 processes / 1 process: **{walls[1] / walls[2]:.2f}x**; 1.6x needs the 2-process "
                     f"build done in {budget:.1f} s, i.e. at most {budget * min(cores, 2):.1f} CPU s on "
                     f"{min(cores, 2)} cores (measured: {cpus[2]:.1f})")
    text = "\n".join(lines)
    print(text)
    if a.markdown:
        a.markdown.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
