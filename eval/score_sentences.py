#!/usr/bin/env python3
"""Score GeoKG's event typing on hand-coded PLOVER sentences (eval/plover_sentences.tsv).

usage: python eval/score_sentences.py [TSV] [--json]

Each sentence is built as its own document through the real pipeline (kg.build). For each
sentence we take the system event with the highest confidence that carries an event type and
compare its type with the gold type (type accuracy) and its subject_country with the gold source
country (source-country accuracy, over sentences whose gold names a country). A sentence with no
typed event counts as wrong.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def read_gold(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    # (no quote character: real news sentences carry quotation marks of their own)
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def system_rows(gold: list[dict[str, str]]) -> dict[str, list[dict]]:
    from kg.build import BuildOptions, build
    from kg.outputs.triples import event_rows

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "sentences.jsonl"
        with corpus.open("w", encoding="utf-8") as fh:
            for g in gold:
                fh.write(json.dumps({"id": g["id"], "text": g["sentence"], "date": "2025-01-15"}) + "\n")
        build([corpus], BuildOptions(out_dir=Path(tmp) / "out", html=False))
        rows = event_rows(Path(tmp) / "out" / "graph.ttl")
    by_doc: dict[str, list[dict]] = {}
    for r in rows:
        by_doc.setdefault(str(r["doc"]), []).append(r)
    return by_doc


def score(gold: list[dict[str, str]], by_doc: dict[str, list[dict]]) -> dict:
    """Accuracies of the most confident typed event of each sentence: its event type, the country
    of its source and (where the gold file has the column) of its target and its mode, each over
    the sentences whose gold gives one."""
    ok = {"type": 0, "source": 0, "target": 0, "mode": 0}
    n = {"type": 0, "source": 0, "target": 0, "mode": 0}
    details = []
    for g in gold:
        typed = [r for r in by_doc.get(g["id"], []) if r["event_type"]]
        best = max(typed, key=lambda r: r["confidence"], default=None)
        got = {"type": best["event_type"] if best else "", "source": best["subject_country"] if best else "",
               "target": best["object_country"] if best else "", "mode": best["mode"] if best else ""}
        want = {"type": g["event_type"], "source": g["source_country"], "target": g.get("target_country") or "",
                "mode": (g.get("mode") or "").replace("-", " ")}
        for k in ok:
            if want[k]:
                n[k] += 1
                # (modes compare without their hyphens: "heavy-weapons" is "heavy weapons")
                ok[k] += got[k].lower().replace("-", " ") == want[k].lower()
        details.append({"id": g["id"], "gold": g["event_type"], "system": got["type"],
                        "gold_country": g["source_country"], "system_country": got["source"],
                        "gold_target": want["target"], "system_target": got["target"]})
    acc = {k: ok[k] / n[k] if n[k] else 0.0 for k in ok}
    return {"sentences": len(gold), "type_accuracy": acc["type"], "source_country_accuracy": acc["source"],
            "target_country_accuracy": acc["target"], "mode_accuracy": acc["mode"], "details": details}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("tsv", nargs="?", type=Path, default=HERE / "plover_sentences.tsv")
    ap.add_argument("--split", choices=["tune", "blind"], help="only the sentences of this split (plover_wide.tsv)")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    gold = [g for g in read_gold(a.tsv) if not a.split or g.get("split") == a.split]
    res = score(gold, system_rows(gold))
    if a.json:
        print(json.dumps(res, indent=1))
        return 0
    for d in res["details"]:
        mark = "ok " if d["gold"] == d["system"] else "   "
        print(f"{mark}{d['id']}: gold {d['gold']:<9} system {d['system'] or '-':<9} "
              f"country {d['gold_country'] or '-'}/{d['system_country'] or '-'}")
    print(f"event type accuracy {res['type_accuracy']:.3f} over {res['sentences']} sentences; "
          f"source country accuracy {res['source_country_accuracy']:.3f}; target country accuracy "
          f"{res['target_country_accuracy']:.3f}; mode accuracy {res['mode_accuracy']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
