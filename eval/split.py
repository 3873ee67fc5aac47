#!/usr/bin/env python3
"""Split newly annotated articles into a tuning set and a blind set, once, by a fixed hash.

usage: python eval/split.py STAGING_DIR

Every ``NNN_slug.txt`` + ``NNN_slug.gold.json`` pair of STAGING_DIR (with the rows of its
``manifest-*.tsv`` files) goes to ``eval/tune/`` or ``eval/blind/``. The blind third is chosen by
SHA-256 of the file stem, stratified by topic (the lowest third of each topic's hashes, rounded
down, then the lowest remaining hashes until a third of all articles), so nobody picks which
articles are blind and nobody reads them before the blind split is scored. Run it once per batch:
an article already in eval/tune or eval/blind is never moved.
"""
from __future__ import annotations

import csv
import hashlib
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
COLUMNS = ["file", "title", "outlet", "date", "source_url_or_repo_path", "license", "word_count", "topic"]


def _key(stem: str) -> str:
    return hashlib.sha256(f"geokg-blind:{stem}".encode()).hexdigest()


def _rows(staging: Path) -> list[dict[str, str]]:
    rows = []
    for manifest in sorted(staging.glob("manifest-*.tsv")):
        with manifest.open(encoding="utf-8", newline="") as fh:
            rows += [{c: (r.get(c) or "").strip() for c in COLUMNS} for r in csv.DictReader(fh, delimiter="\t")]
    return [r for r in rows if (staging / r["file"]).exists()]


def choose_blind(rows: list[dict[str, str]]) -> set[str]:
    """File names of the blind third: per topic the lowest hashes, then the lowest overall."""
    by_topic: dict[str, list[str]] = {}
    for r in rows:
        by_topic.setdefault(r["topic"], []).append(r["file"])
    blind: set[str] = set()
    for files in by_topic.values():
        blind.update(sorted(files, key=lambda f: _key(Path(f).stem))[: len(files) // 3])
    rest = sorted((r["file"] for r in rows if r["file"] not in blind), key=lambda f: _key(Path(f).stem))
    blind.update(rest[: max(0, round(len(rows) / 3) - len(blind))])
    return blind


def _append(manifest: Path, rows: list[dict[str, str]]) -> None:
    new = not manifest.exists()
    with manifest.open("a", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, COLUMNS, delimiter="\t", lineterminator="\n")
        if new:
            w.writeheader()
        w.writerows(rows)


def main(argv: list[str]) -> int:
    staging = Path(argv[1])
    rows = [r for r in _rows(staging)
            if not any((HERE / split / r["file"]).exists() for split in ("tune", "blind"))]
    blind = choose_blind(rows)
    for split in ("tune", "blind"):
        chosen = [r for r in rows if (r["file"] in blind) == (split == "blind")]
        target = HERE / split
        target.mkdir(exist_ok=True)
        for r in chosen:
            stem = Path(r["file"]).stem
            for name in (r["file"], f"{stem}.gold.json"):
                shutil.move(str(staging / name), str(target / name))
        _append(target / "manifest.tsv", sorted(chosen, key=lambda r: r["file"]))
        print(f"{split}: {len(chosen)} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
