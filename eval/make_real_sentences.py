#!/usr/bin/env python3
"""Derive a sentence-level PLOVER yardstick from real news: the gold of the TUNING articles.

usage: python eval/make_real_sentences.py [eval/tune] [-o eval/plover_real_tune.tsv]

For every gold event of ``eval/tune/*.gold.json`` the sentence of the article that contains its
``quote`` is found (sentence boundaries of the project's spaCy pipeline); the row gives the
gold type (the preferred one, ``type[0]``), the source country (the ``country`` of the entity
named first in ``s``) and the target country (of the first entity in ``o``, when it is one).
Like the public PLOVER sentence sets, each row is ONE event: a sentence carrying gold events of
more than one type is left out (which event is "the" event would be a guess), so is a sentence
whose quote cannot be found. Each row is scored alone, without its article
(``eval/score_sentences.py``), which is what the news-sentence sets measure.

Only the tuning articles are read: never eval/blind (the blind split) or the holdout.
The output is reproducible: same articles, gold and model → same file.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADER = """# Real-news PLOVER sentences derived from the gold of the tuning articles (eval/tune/*.gold.json) by
# eval/make_real_sentences.py (do not edit by hand; rerun the script). Article texts: Wikinews and other
# sources as listed in eval/tune/manifest.tsv (CC BY 2.5 / public domain); gold: GeoKG annotators (CC0).
# One row per sentence whose gold events all share one type; type = the gold's preferred type,
# source/target country = ISO 3166-1 alpha-3 of the first gold subject / object entity (empty when the
# gold names a concept or an IGO). Every row comes from a TUNING article: split is always "tune".
"""


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _find(text: str, quote: str) -> int:
    """Character offset of a gold quote in the article ("..." in a quote skips words)."""
    first = _norm(quote.split("...")[0].split("…")[0]).strip(" \"'“”")
    if not first:
        return -1
    pos = text.find(first)
    return pos if pos >= 0 else text.lower().find(first.lower())


def _sentences(article: Path, nlp) -> list[str]:
    """The article's sentences, paragraph by paragraph (the title line is a paragraph of its own)."""
    out = []
    for para in re.split(r"\n\s*\n", article.read_text(encoding="utf-8")):
        para = _norm(para)
        if para:
            out += [_norm(s.text) for s in nlp(para).sents]
    return out


def rows_of(article: Path, gold: dict, nlp) -> list[dict[str, str]]:
    """The one-event sentences of one article."""
    countries = {e["name"]: e.get("country", "") for e in gold["entities"]}
    sents = _sentences(article, nlp)
    starts, flat = [], ""
    for s in sents:
        starts.append(len(flat))
        flat += s + " "
    by_sent: dict[int, list[dict]] = {}
    for ev in gold["events"]:
        pos = _find(flat, ev.get("quote", ""))
        if pos < 0 or not ev.get("type"):
            continue
        si = max(i for i, a in enumerate(starts) if a <= pos)
        by_sent.setdefault(si, []).append(ev)
    out = []
    for si, evs in sorted(by_sent.items()):
        kinds = {ev["type"][0] for ev in evs if not ev.get("neg")}
        if len(kinds) != 1 or kinds == {"OTHER"}:
            continue
        ev = next(e for e in evs if not e.get("neg"))

        def country(names: list[str]) -> str:
            return countries.get(names[0], "") if names else ""  # a concept lemma has none

        out.append({"id": f"{gold['doc'].split('_')[0]}-{si:02d}", "split": "tune", "event_type": ev["type"][0],
                    "mode": "", "source_country": country(ev.get("s") or []),
                    "target_country": country(ev.get("o") or []), "sentence": sents[si]})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold_dir", nargs="?", type=Path, default=HERE / "tune")
    ap.add_argument("-o", "--out", type=Path, default=HERE / "plover_real_tune.tsv")
    a = ap.parse_args(argv)
    if "blind" in a.gold_dir.parts or "holdout" in a.gold_dir.parts:
        sys.exit("only tuning articles may be read")
    sys.path.insert(0, str(HERE.parent))
    from kg.nlp.models import load_model

    nlp = load_model()  # the project's own pipeline, so sentences split as the build splits them
    rows: list[dict[str, str]] = []
    for g in sorted(a.gold_dir.glob("*.gold.json")):
        art = g.with_name(g.name.replace(".gold.json", ".txt"))
        if art.exists():
            rows += rows_of(art, json.loads(g.read_text(encoding="utf-8")), nlp)
    cols = ["id", "split", "event_type", "mode", "source_country", "target_country", "sentence"]
    with a.out.open("w", encoding="utf-8") as fh:
        fh.write(HEADER)
        fh.write("\t".join(cols) + "\n")
        for r in rows:
            fh.write("\t".join(r[c].replace("\t", " ") for c in cols) + "\n")
    print(f"{len(rows)} sentences -> {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
