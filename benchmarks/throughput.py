#!/usr/bin/env python3
"""End-to-end throughput of ``kg build`` against bare spaCy ``nlp.pipe``, measured in the same run.

    .venv/bin/python benchmarks/throughput.py                       # 2,000 documents, 1 and 2 processes
    .venv/bin/python benchmarks/throughput.py --docs 10000 --processes 2 --skip-bare   # memory at 10k

The corpus is the seed and dev articles of ``seeds/`` replicated with distinct ids into one JSON
Lines file (each copy keeps its text, title and date). For every process count N it runs, each in
a fresh child process so model loading and start-up count for both sides:

* bare spaCy: ``spacy.load(MODEL)`` then ``for doc in nlp.pipe(texts, n_process=N, batch_size=16)``
  (the batch size ``kg build`` uses);
* ``kg build CORPUS -o OUT --processes N -q --no-html`` (the HTML explorer is a separate stage).

It reports documents/s, words/s, peak RSS (the sum over the process and all its children, sampled
every 0.1 s) and the ratios asked of issue 5: kg/bare at the same N, and kg at 2 processes / kg at
1 process. Results go to stdout as a Markdown table (``--markdown FILE`` also writes them there).
Timings on a shared machine are noisy: run it on an otherwise idle one.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

BARE = """
import json, sys, spacy
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = spacy.load(sys.argv[2])
for _ in nlp.pipe(texts, n_process=int(sys.argv[3]), batch_size=16):
    pass
"""


@dataclass
class Run:
    """One measured child process."""

    label: str
    processes: int
    seconds: float
    peak_rss: int  # bytes, process tree
    cpu: float = 0.0  # user + system seconds of the process tree
    sizes: tuple[int, int, int] | None = None  # kg build: bytes of OUT, of OUT/.geokg, of graph.trig

    def rate(self, n: int) -> float:
        """Items per second."""
        return n / self.seconds if self.seconds else 0.0


def make_corpus(path: Path, n_docs: int) -> tuple[int, int]:
    """Write ``n_docs`` replicated seed articles as JSON Lines; return (documents, words)."""
    sys.path.insert(0, str(ROOT))
    from kg.ingest import iter_documents

    docs = [d for d in iter_documents([SEEDS], lambda p: None) if d.text.strip()]
    words = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n_docs):
            d = docs[i % len(docs)]
            words += len(d.text.split())
            # each round of copies is published a day later: otherwise every copy's events would merge
            # into one node (same actors, type and day), a graph far smaller than a real corpus gives
            fh.write(json.dumps({"id": f"{d.id}-copy{i:05d}", "text": d.text, "title": d.title,
                                 "date": _shifted(d.date, i // len(docs))}, ensure_ascii=False) + "\n")
    return n_docs, words


def _shifted(date: str, days: int) -> str:
    """An ISO date ``days`` later ("" stays "")."""
    try:
        return (dt.date.fromisoformat(date[:10]) + dt.timedelta(days=days)).isoformat()
    except ValueError:
        return date


def measure(cmd: list[str], label: str, processes: int) -> Run:
    """Run ``cmd``; return its wall time and the peak RSS of its process tree."""
    usage0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    root = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(root))
        time.sleep(0.1)
    seconds = time.perf_counter() - t0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # every descendant, once reaped
    cpu = (usage.ru_utime - usage0.ru_utime) + (usage.ru_stime - usage0.ru_stime)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{label} failed ({proc.returncode}):\n{err[-2000:]}")
    return Run(label, processes, seconds, peak, cpu)


def folder_sizes(out: Path) -> tuple[int, int, int]:
    """Bytes of the whole output folder (registry included), of its state ``.geokg``, of graph.trig."""
    def size(path: Path) -> int:
        return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())

    return size(out), size(out / ".geokg"), (out / "graph.trig").stat().st_size


def _tree_rss(root: psutil.Process) -> int:
    total = 0
    try:
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    for p in procs:
        with contextlib.suppress(psutil.NoSuchProcess):
            total += p.memory_info().rss
    return total


def model_name(requested: str | None) -> str:
    """The spaCy package kg build would use."""
    sys.path.insert(0, str(ROOT))
    from kg.nlp import available_model

    return available_model(requested)


def table(runs: list[Run], n_docs: int, n_words: int) -> str:
    """Markdown table of the runs plus the ratios."""
    lines = ["| run | processes | seconds | CPU seconds | docs/s | words/s | peak RSS (MB) |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for r in runs:
        lines.append(f"| {r.label} | {r.processes} | {r.seconds:.1f} | {r.cpu:.1f} | {r.rate(n_docs):.2f} | "
                     f"{r.rate(n_words):,.0f} | {r.peak_rss / 2**20:,.0f} |")
    by = {(r.label, r.processes): r for r in runs}
    lines.append("")
    for n in sorted({r.processes for r in runs}):
        kg, bare = by.get(("kg build", n)), by.get(("bare spaCy", n))
        if kg and bare:
            lines.append(f"- kg build / bare spaCy at {n} process(es): **{bare.seconds / kg.seconds:.2f}x**")
    k1, k2 = by.get(("kg build", 1)), by.get(("kg build", 2))
    if k1 and k2:
        lines.append(f"- kg build 2 processes / 1 process: **{k1.seconds / k2.seconds:.2f}x**")
    for r in runs:
        if r.sizes:
            folder, state, trig = r.sizes
            lines.append(f"- output folder of kg build at {r.processes}: {folder / 2**20:,.1f} MB = "
                         f"**{folder / trig:.2f}x graph.trig** ({trig / 2**20:,.1f} MB); its state "
                         f"(.geokg) "
                         f"{state / 2**20:,.1f} MB = {state / trig:.2f}x")
    return "\n".join(lines)


def corpus_arguments(description: str) -> argparse.ArgumentParser:
    """An argument parser with the options every ``kg build`` benchmark over the replicated corpus takes."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--docs", type=int, default=2000, help="documents in the corpus (default 2000)")
    ap.add_argument("--processes", type=int, nargs="+", default=[1, 2], help="process counts (default 1 2)")
    ap.add_argument("--model", help="spaCy model (default: what kg build picks)")
    ap.add_argument("--markdown", type=Path, help="also write the results to this file")
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = corpus_arguments(__doc__.split("\n")[0])
    ap.add_argument("--skip-bare", action="store_true", help="only run kg build (e.g. a memory run)")
    ap.add_argument("--keep", type=Path, metavar="DIR",
                    help="keep the output of the last kg build here (e.g. for benchmarks/query_times.py)")
    ap.add_argument("--rounds", type=int, default=1,
                    help="repeat every run this many times, in turn, and report each round (noisy machines)")
    a = ap.parse_args(argv)
    model = model_name(a.model)
    py = sys.executable
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="geokg-bench-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        n_docs, n_words = make_corpus(corpus, a.docs)
        rounds = []
        for _ in range(a.rounds):
            runs = []
            for n in a.processes:
                if not a.skip_bare:
                    runs.append(measure([py, "-c", BARE, str(corpus), model, str(n)], "bare spaCy", n))
                    print(f"  bare spaCy at {n}: {runs[-1].seconds:.1f} s", file=sys.stderr, flush=True)
                out = Path(tmp) / f"out{n}"
                shutil.rmtree(out, ignore_errors=True)
                runs.append(measure([py, "-m", "kg", "build", str(corpus), "-o", str(out), "--processes", str(n),
                                     "--model", model, "-q", "--no-html"], "kg build", n))
                runs[-1].sizes = folder_sizes(out)
                print(f"  kg build at {n}: {runs[-1].seconds:.1f} s", file=sys.stderr, flush=True)
                if a.keep:
                    shutil.rmtree(a.keep, ignore_errors=True)
                    shutil.move(out, a.keep)
            rounds.append(runs)
    cpu = platform.processor() or platform.machine()
    head = (f"{n_docs:,} documents, {n_words:,} words; model {model}; "
            f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}; 1-minute load average "
            f"{load_before:.1f} before the run, {os.getloadavg()[0]:.1f} after (other jobs on the machine)")
    text = f"{head}\n"
    for i, runs in enumerate(rounds, 1):
        title = f"\nRound {i} of {len(rounds)}:\n" if len(rounds) > 1 else ""
        text += f"{title}\n{table(runs, n_docs, n_words)}\n"
    print(text)
    if a.markdown:
        a.markdown.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
