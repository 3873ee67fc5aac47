#!/usr/bin/env python3
"""Extraction throughput relative to bare spaCy parsing (issue 3: target ratio >= 0.8).

Parses the seed articles (replicated to a corpus of ``--copies`` × 13 documents) twice with the
same model in the same run — once bare (``nlp.pipe``), once with GeoKG's entity and event
extraction on each parsed Doc — and reports documents/second of both and their ratio
(throughput with extraction ÷ bare throughput). Runs alternate and the best of ``--repeat`` is
kept, so machine noise affects both sides alike.

usage: python benchmarks/extraction.py [--copies 8] [--repeat 3] [--model NAME] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.ingest import iter_documents  # noqa: E402
from kg.nlp import load_model, model_info  # noqa: E402
from kg.pipeline.stages import Extractor  # noqa: E402


def corpus(copies: int):
    """The seed articles, ``copies`` times."""
    docs = [d for d in iter_documents([ROOT / "seeds"], lambda p: None) if d.id != "README"]
    return docs * copies


def bare(nlp, docs, batch_size: int) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe((d.text for d in docs), batch_size=batch_size):
        pass
    return time.perf_counter() - start


def with_extraction(nlp, extractor: Extractor, docs, batch_size: int) -> tuple[float, int]:
    start = time.perf_counter()
    events = 0
    pairs = ((d.text, d) for d in docs)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        events += len(extractor(doc, document).events)
    return time.perf_counter() - start, events


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--copies", type=int, default=8)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--model")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    nlp = load_model(a.model)
    start = time.perf_counter()
    extractor = Extractor()  # gazetteer and lexicons: paid once per process, outside the ratio
    t_load = time.perf_counter() - start
    docs = corpus(a.copies)
    bare(nlp, docs[:13], a.batch_size)  # warm-up: lazy initialisation, caches
    with_extraction(nlp, extractor, docs[:13], a.batch_size)
    t_bare, t_full, events = float("inf"), float("inf"), 0
    for _ in range(a.repeat):
        t_bare = min(t_bare, bare(nlp, docs, a.batch_size))
        elapsed, events = with_extraction(nlp, extractor, docs, a.batch_size)
        t_full = min(t_full, elapsed)
    info = model_info(nlp)
    res = {"model": f"{info.name} {info.version}", "documents": len(docs), "events": events,
           "bare_docs_per_s": len(docs) / t_bare, "extraction_docs_per_s": len(docs) / t_full,
           "ratio": t_bare / t_full, "target": 0.8, "extractor_load_s": t_load}
    if a.json:
        print(json.dumps(res, indent=1))
    else:
        print(f"model {res['model']}, {res['documents']} documents, {events} events")
        print(f"bare nlp.pipe:            {res['bare_docs_per_s']:7.1f} docs/s")
        print(f"nlp.pipe + extraction:    {res['extraction_docs_per_s']:7.1f} docs/s")
        print(f"throughput ratio:         {res['ratio']:.2f} (target >= 0.8)")
        print(f"extractor load (once):    {t_load:7.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
