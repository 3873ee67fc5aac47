"""Fuzz build: many generated news items with hostile names and text → a graph every parser accepts.

Each document is an English news paragraph whose actors, places, ids, titles, urls and sources
are built from hostile pieces: quotes, angle brackets, backslashes, newlines, tabs, right-to-left
marks and overrides, zero-width characters, emoji, combining marks, lone surrogates (as JSON
escapes), control characters, markup and Turtle syntax, and 10,000-character names. Some lines
are deliberately malformed JSON. The build must report those lines, process the rest, and write
Turtle/TriG that rdflib, pyoxigraph and Jena ``riot --validate`` accept without a warning and
that round-trips (rdflib's and Oxigraph's readings are the same graph).

Run the full size by hand (the CI test uses a small corpus)::

    .venv/bin/python tests/fuzz_build.py --docs 1000 --out /tmp/fuzz
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RIOT_CANDIDATES = (ROOT / "tools" / "riot.sh", Path("/work/shared/tools/riot.sh"))

#: Pieces hostile to Turtle, IRIs, HTML, JSON, terminals and naive string handling.
HOSTILE = [
    '"', "'", "`", "<", ">", "&", "\\", "\\n", "\n", "\r\n", "\t", "\u200f", "\u200e", "\u202e", "\u2066",
    "\u200b", "\ufeff", "\u0301", "🇺🇦", "👩🏽‍⚖️", "💥", "中国", "Россия", "مصر", "Ελλάδα", "{", "}", "|", "^",
    "%00", "%20", "@prefix x: <y> .", "_:b0", '"""', "'''", "\\u0000", "<script>alert(1)</script>",
    "]]>", "<!--", "javascript:alert(1)", "${jndi:x}", "#", "?", ";", ".", "\x00", "\x07", "\x1b[31m",
    "\x85", "\u2028", "\u2029", "\ufffe", "\ud800", "\udfff", "ﬁ", "Ǆ", "İ", "ß", "\U0001d54f",
]
FIRST = ["Vladimir", "Olena", "Lin", "Maria", "Abdel", "Jean-Luc", "Oluwaseun", "Zhao", "Siobhán", "Ngozi"]
LAST = ["Putin", "Zelenska", "Jian", "Machado", "Fattah", "O'Brien", "Okonkwo", "Leiji", "Ní Bhraonáin", "Ibe"]
PLACES = ["Kyiv", "Khartoum", "Caracas", "Beijing", "Mosul", "Tbilisi", "Harare", "Bangkok"]
SENTENCES = [
    "{a} accused {b} of violating the ceasefire near {p} on Tuesday.",
    "{b} denied sending troops to {p}, the foreign ministry said.",
    "{a} met {b} in {p} and called for talks on the disputed border.",
    "The government of {p} condemned the attack and summoned the envoy of {b}.",
    "{a} said that {b} had threatened to impose sanctions on {p}.",
    "Officials in {p} said {a} would visit next week to discuss aid with {b}.",
]


def hostile_piece(rng: random.Random) -> str:
    """One hostile fragment; sometimes several glued together."""
    return "".join(rng.choice(HOSTILE) for _ in range(rng.choice((1, 1, 2, 3))))


def hostile_name(rng: random.Random) -> str:
    """A person-like name with hostile characters inside, around, or (rarely) 10,000 characters long."""
    first, last = rng.choice(FIRST), rng.choice(LAST)
    roll = rng.random()
    if roll < 0.03:
        return first + " " + (last + hostile_piece(rng)) * (10_000 // (len(last) + 4))
    if roll < 0.5:
        return f"{first} {hostile_piece(rng)}{last}"
    if roll < 0.8:
        return f"{first} {last}{hostile_piece(rng)}"
    return f"{hostile_piece(rng)}{first} {last}"


def hostile_record(rng: random.Random, number: int) -> dict[str, object]:
    """One JSON Lines record: English prose about hostile-named actors, with hostile metadata."""
    a, b = hostile_name(rng), hostile_name(rng)
    place = rng.choice(PLACES) + (hostile_piece(rng) if rng.random() < 0.5 else "")
    text = " ".join(rng.choice(SENTENCES).format(a=a, b=b, p=place) for _ in range(rng.randint(2, 6)))
    record: dict[str, object] = {"text": text}
    if rng.random() < 0.8:
        record["id"] = f"doc{number}" + (hostile_piece(rng) if rng.random() < 0.5 else "")
    if rng.random() < 0.7:
        record["title"] = hostile_name(rng) + " " + hostile_piece(rng) + " says"
    if rng.random() < 0.5:
        record["url"] = rng.choice(["https://example.org/a b", "javascript:alert(1)", "http://x/<y>", "not a url",
                                    "https://example.org/" + hostile_piece(rng)])
    if rng.random() < 0.5:
        record["source"] = hostile_piece(rng) + " Times"
    if rng.random() < 0.5:
        record["date"] = rng.choice(["2024-02-29", "2025-04-08T10:00:00Z", "2023-12-31"])
    return record


def malformed_line(rng: random.Random) -> str:
    """A JSON Lines line the ingest stage must reject with file:line and a reason."""
    return rng.choice([
        '{"text": "unterminated', "[1, 2, 3]", '{"title": "no text"}', '{"text": 42}', "not json at all",
        '{"text": "A said B.", "date": "last Tuesday"}', "[" * 5000, '{"text": "   "}',
        '{"text": "x", "id": {"nested": true}}',
    ])


def write_corpus(path: Path, docs: int, seed: int = 7, malformed_every: int = 25) -> int:
    """Write ``docs`` hostile records (plus a malformed line every ``malformed_every``); return bad lines."""
    rng = random.Random(seed)
    bad = 0
    with path.open("w", encoding="utf-8", errors="surrogatepass") as fh:  # unpaired surrogates → bad UTF-8
        for number in range(docs):
            # ensure_ascii writes lone surrogates as \\ud800 escapes, as real scrapers do.
            fh.write(json.dumps(hostile_record(rng, number), ensure_ascii=rng.random() < 0.5) + "\n")
            if malformed_every and number % malformed_every == malformed_every - 1:
                fh.write(malformed_line(rng) + "\n")
                bad += 1
    return bad


def find_riot() -> Path | None:
    """The repo's riot wrapper, else the shared one, if Jena is installed."""
    for candidate in RIOT_CANDIDATES:
        if candidate.exists() and Path("/usr/share/java/jena-core.jar").exists():
            return candidate
    return None


def riot_validate(paths: list[Path], riot: Path) -> tuple[int, str]:
    """Exit code and combined output of ``riot --validate`` on ``paths`` (empty output = no warning)."""
    proc = subprocess.run(["sh", str(riot), "--validate", *map(str, paths)], capture_output=True, text=True,
                          timeout=600)
    return proc.returncode, (proc.stdout + proc.stderr).strip()


@dataclass
class ParseCheck:
    """What the three parsers said about one graph file."""

    path: Path
    triples: int = 0
    rdflib_warnings: list[str] = field(default_factory=list)
    same_graph: bool = False


def check_parsers(path: Path) -> ParseCheck:
    """Parse ``path`` with rdflib and pyoxigraph (raising on errors); compare the two readings."""
    import pyoxigraph as ox
    from rdflib import Dataset, Graph
    from rdflib.compare import isomorphic

    fmt = "trig" if path.suffix == ".trig" else "turtle"
    result = ParseCheck(path)
    with _captured_rdflib_warnings() as warnings:
        ds = Dataset()
        ds.parse(path, format=fmt)
    result.rdflib_warnings = warnings
    ox_fmt = ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.TURTLE
    ox_triples = {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(path=str(path), format=ox_fmt)}
    ox_graph = Graph().parse(data=ox.serialize(ox_triples, format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
    rdflib_graph = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        rdflib_graph.add((s, p, o))
    result.triples = len(rdflib_graph)
    result.same_graph = len(ox_graph) == len(rdflib_graph) and isomorphic(ox_graph, rdflib_graph)
    return result


class _captured_rdflib_warnings:
    def __enter__(self) -> list[str]:
        self.records: list[str] = []
        self.handler = logging.Handler(logging.WARNING)
        self.handler.emit = lambda record: self.records.append(record.getMessage())  # type: ignore[method-assign]
        logging.getLogger("rdflib").addHandler(self.handler)
        return self.records

    def __exit__(self, *exc: object) -> None:
        logging.getLogger("rdflib").removeHandler(self.handler)


def run(docs: int, out: Path, seed: int = 7, processes: int = 1) -> dict[str, object]:
    """Generate, build with ``kg build`` (a subprocess, as users run it), validate; return the numbers."""
    out.mkdir(parents=True, exist_ok=True)
    corpus = out / "hostile.jsonl"
    bad = write_corpus(corpus, docs, seed)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out / "graph"),
                           "--processes", str(processes)], capture_output=True, text=True, timeout=3600)
    seconds = time.perf_counter() - t0
    problems = [line for line in proc.stderr.splitlines() if line.startswith(str(corpus))]
    stats: dict[str, object] = {"docs": docs, "malformed_lines": bad, "exit_code": proc.returncode,
                                "build_seconds": round(seconds, 1), "problem_lines": len(problems),
                                "summary": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""}
    graphs = [out / "graph" / "graph.ttl", out / "graph" / "graph.trig"]
    for path in graphs:
        check = check_parsers(path)
        stats[f"{path.name}_triples"] = check.triples
        stats[f"{path.name}_rdflib_warnings"] = len(check.rdflib_warnings)
        stats[f"{path.name}_same_graph"] = check.same_graph
    riot = find_riot()
    if riot:
        code, output = riot_validate(graphs, riot)
        stats["riot_exit_code"], stats["riot_output"] = code, output
    return stats


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("/tmp/geokg-fuzz"))
    args = parser.parse_args()
    stats = run(args.docs, args.out, args.seed, args.processes)
    print(json.dumps(stats, ensure_ascii=False, indent=1))
    ok = (stats["exit_code"] == 1 and stats.get("riot_exit_code", 0) == 0 and not stats.get("riot_output")
          and stats["graph.ttl_same_graph"] and stats["graph.trig_same_graph"])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
