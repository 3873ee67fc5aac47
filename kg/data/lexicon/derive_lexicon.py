#!/usr/bin/env python3
"""Derive GeoKG's verb lexicon (``verbs.tsv``) from the PETRARCH2 CAMEO verb dictionary.

Pipeline: every verb listed in a verb block of ``CAMEO.2.0.txt`` gets the block's CAMEO code
(or its own ``[code]`` when it has one); the code is mapped to a PLOVER event type, mode and
context with ``CAMEO2PLOVER-2021.txt`` (leaf code first, then its shorter prefixes). Then the
hand review ``reviewed.tsv`` decides, verb by verb, whether that default holds for news (kept,
retyped or removed) and adds common news verbs CAMEO lacks; reviewed verbs are trusted with any
arguments (source ``reviewed``). The hand-made ``corrections.tsv`` is applied last: it fixes
the known weak spots of the CAMEO dictionary (summon is not a consultation, deny is a rejection,
capturing people is an arrest...)
and adds phrasal verbs. The output is committed so that users and CI never need the sources.

usage: python kg/data/lexicon/derive_lexicon.py [SOURCES_DIR]   (default /work/shared/data-sources)
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADER = ["lemma", "event_type", "mode", "context", "cameo", "source"]
#: CAMEO roots 01 (public statement) and 02 (appeal) are dropped by PLOVER; 02 is closest to REQUEST.
ROOT_FALLBACK = {"02": ("REQUEST", "", "")}


def read_cameo2plover(path: Path) -> dict[str, tuple[str, str, str]]:
    """CAMEO code -> (PLOVER type, mode, context) from the conversion table."""
    table: dict[str, tuple[str, str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([^#]*)", line)
        if not m:
            continue
        parts = [p.strip() for p in m.group(2).split(",")]
        parts += [""] * (3 - len(parts))
        ctx = parts[2].split(";")[0].strip()
        table.setdefault(m.group(1), (parts[0], parts[1].replace(" ", ""), ctx))
    return table


def plover_of(code: str, table: dict[str, tuple[str, str, str]]) -> tuple[str, str, str] | None:
    """Map a CAMEO code to PLOVER, falling back to shorter prefixes, then the root fallbacks."""
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return ROOT_FALLBACK.get(code[:2])


def read_cameo_verbs(path: Path) -> dict[str, str]:
    """Verb lemma (lower case, spaces for '_') -> CAMEO code, from the verb blocks."""
    verbs: dict[str, str] = {}
    block_code = ""
    in_patterns = False
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if raw.startswith("####### VERB PATTERNS"):
            in_patterns = True
            continue
        if not in_patterns or not line.strip():
            continue
        head = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---", line)
        if head:
            block_code = head.group(2).split(":")[0].strip()
            continue
        if line.startswith(("-", "~")):
            continue  # a noun/prep pattern: too specific to use without PETRARCH's matcher
        m = re.match(r"^\+?([A-Z][A-Z'_-]*)\s*(\{[^}]*\})?\s*(?:\[([^\]]*)\])?", line)
        if not m:
            continue
        code = (m.group(3) or block_code).split(":")[0].strip()
        if not code.isdigit():
            continue
        lemma = m.group(1).strip("_").replace("_", " ").lower()
        verbs.setdefault(lemma, code)
    return verbs


def derive(sources: Path) -> list[dict[str, str]]:
    """Rows of the derived lexicon, corrections applied, sorted by lemma."""
    table = read_cameo2plover(sources / "plover" / "CAMEO2PLOVER-2021.txt")
    rows: dict[str, dict[str, str]] = {}
    for lemma, code in read_cameo_verbs(sources / "petrarch" / "CAMEO.2.0.txt").items():
        plover = plover_of(code, table)
        if plover is None or not plover[0]:
            continue
        rows[lemma] = dict(zip(HEADER, [lemma, *plover, code, "CAMEO.2.0"], strict=True))
    for name, source in (("reviewed.tsv", "reviewed"), ("corrections.tsv", "corrections")):
        _apply(rows, HERE / name, source)
    return [rows[k] for k in sorted(rows)]


def _apply(rows: dict[str, dict[str, str]], path: Path, source: str) -> None:
    """Apply a hand-made file over ``rows``: ``-`` removes a verb, anything else sets it."""
    if not path.exists():
        return
    with path.open(encoding="utf-8") as f:
        for rec in csv.DictReader((ln for ln in f if not ln.startswith("#")), delimiter="\t"):
            lemma = rec["lemma"].strip()
            if rec["event_type"].strip() == "-":
                rows.pop(lemma, None)  # a CAMEO default too unreliable to keep
                continue
            old = rows.get(lemma, {})
            rows[lemma] = {"lemma": lemma, "event_type": rec["event_type"].strip(),
                           "mode": (rec.get("mode") or "").strip(), "context": (rec.get("context") or "").strip(),
                           "cameo": (rec.get("cameo") or old.get("cameo", "")).strip(), "source": source}


def main(argv: list[str]) -> int:
    sources = Path(argv[1]) if len(argv) > 1 else Path("/work/shared/data-sources")
    out = HERE / "verbs.tsv"
    rows = derive(sources)
    with out.open("w", encoding="utf-8", newline="") as f:
        f.write("# GENERATED by derive_lexicon.py from PETRARCH2 CAMEO.2.0.txt (MIT) + CAMEO2PLOVER-2021.txt\n")
        f.write("# (CC BY-SA 4.0) + reviewed.tsv + corrections.tsv. Do not edit by hand: edit those and re-run.\n")
        w = csv.DictWriter(f, HEADER, delimiter="\t", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"{out}: {len(rows)} verbs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
