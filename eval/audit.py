#!/usr/bin/env python3
"""Draw random rows of a build's default ``kg triples`` output for a reading by hand.

usage: python eval/audit.py GRAPH [--rows 40] [--seed 15] [--verdicts FILE.tsv]

Each drawn row is printed with its quote (the evidence sentence or clause) so that a reader can
judge it against the text: right in actor, predicate, event type and target, or not. With
``--verdicts``, a TSV of earlier verdicts (``#`` lines are comments; columns ``doc``, ``sentence``, ``subject``,
``predicate``, ``object``, ``verdict`` = ``ok``/``wrong``, ``why``) is joined to the rows, and the
count of rows judged right is printed; rows without a verdict are listed as ``?``. The draw is
``random.Random(seed).sample`` over the rows in ``kg triples`` order, so the same graph and seed
always give the same rows.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KEY = ("doc", "sentence", "subject", "predicate", "object")


def draw(rows: list[dict[str, str]], n: int, seed: int) -> list[dict[str, str]]:
    """``n`` rows drawn at random (all of them if there are fewer), in drawing order."""
    return random.Random(seed).sample(rows, min(n, len(rows)))


def read_verdicts(path: Path) -> dict[tuple[str, ...], tuple[str, str]]:
    """Verdicts by row key: (verdict, why)."""
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]  # comments: what, when, how drawn
    return {tuple(r[k] for k in KEY): (r["verdict"], r.get("why", ""))
            for r in csv.DictReader(lines, delimiter="\t")}


def main(argv: list[str] | None = None) -> int:
    from kg.outputs.triples import event_rows

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("graph", type=Path, help="graph.ttl of a kg build (default view)")
    ap.add_argument("--rows", type=int, default=40)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--verdicts", type=Path, help="TSV of verdicts to join (see the module docstring)")
    a = ap.parse_args(argv)
    rows = [{k: str(v) for k, v in r.items()} for r in event_rows(a.graph)]
    drawn = draw(rows, a.rows, a.seed)
    verdicts = read_verdicts(a.verdicts) if a.verdicts else {}
    right = judged = 0
    for i, r in enumerate(drawn, 1):
        verdict, why = verdicts.get(tuple(r[k] for k in KEY), ("?", ""))
        judged += verdict != "?"
        right += verdict == "ok"
        typ = f"/{r['event_type']}" if r["event_type"] else ""
        neg = "not " if r["negated"] == "true" else ""
        print(f"{i:2d} [{verdict}] {r['doc']}#{r['sentence']}: {r['subject'] or '–'} –{neg}{r['predicate']}{typ}→ "
              f"{r['object'] or '–'}" + (f"   ({why})" if why else ""))
        print(f"     \"{' '.join(r['quote'].split())}\"")
    print(f"{len(rows)} rows in the default view; {len(drawn)} drawn (seed {a.seed}); "
          f"{judged} judged, {right} right")
    return 0


if __name__ == "__main__":
    sys.exit(main())
