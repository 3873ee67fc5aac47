"""Running the NLP and extraction stages over a stream of documents.

Documents flow through ``nlp.pipe`` in small batches; with ``processes > 1`` each worker process
loads the model once and handles chunks of documents, returning picklable :class:`DocResult`
records. At most a bounded number of chunks is in flight, so memory does not grow with the corpus,
and results come back in input order, so output does not depend on scheduling.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.model import DocResult, Document, Problem

#: Measured here: batch 16 parses faster than 256 and keeps peak memory far lower.
BATCH_SIZE = 16
#: Documents per task sent to a worker process.
CHUNK_SIZE = 32


@dataclass(frozen=True)
class PipelineConfig:
    """How to run extraction: model name, process count, user actor file, engine.

    ``engine`` is ``local`` (this machine: in-process, or a pool of ``processes`` workers) or
    ``dask`` (a ``dask.distributed`` cluster at ``scheduler``; without one, a LocalCluster of
    ``processes`` workers).
    """

    model: str | None = None
    processes: int = 1
    batch_size: int = BATCH_SIZE
    actors_file: Path | None = None
    engine: str = "local"
    scheduler: str | None = None
    graph: tuple[str, str] | None = None  # (base IRI, activity IRI): also render each document's graph


class _Worker:
    """Model + extractor, loaded once per process."""

    def __init__(self, config: PipelineConfig) -> None:
        from kg.extract import Extractor
        from kg.nlp import load_model

        self.nlp = load_model(config.model)
        self.extractor = Extractor(actors_file=config.actors_file)
        self.batch_size = config.batch_size
        self.grapher = None
        if config.graph is not None:
            from kg.docgraph import DocumentGrapher

            self.grapher = DocumentGrapher(*config.graph)

    def run(self, docs: Iterable[Document]) -> Iterator[DocResult | Problem]:
        pairs = ((d.text, d) for d in docs)
        for spacy_doc, document in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
            try:
                result = self.extractor(spacy_doc, document)
                if self.grapher is not None:
                    result.graph = self.grapher(result)
                yield result
            except Exception as err:  # one bad document must not stop the corpus
                yield Problem(document.origin or document.id, f"extraction failed: {type(err).__name__}: {err}",
                              "failed")


_WORKER: _Worker | None = None  # per worker process only; never set in the parent


def _init_worker(config: PipelineConfig) -> None:
    global _WORKER
    _WORKER = _Worker(config)


def _run_chunk(chunk: list[Document]) -> list[DocResult | Problem]:
    assert _WORKER is not None, "worker not initialised"
    return list(_WORKER.run(chunk))


def chunks(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Lists of up to ``size`` documents, read lazily from ``docs``."""
    it = iter(docs)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def extract_documents(docs: Iterable[Document], config: PipelineConfig,
                      report: Callable[[Problem], None]) -> Iterator[DocResult]:
    """Parse and extract every document; problems go to ``report``; results keep input order."""
    if config.engine == "dask":
        from kg.engines import extract_dask

        stream = extract_dask(docs, config)
    elif config.processes <= 1:
        stream = _extract_local(docs, config)
    else:
        stream = _extract_pool(docs, config)
    for item in stream:
        if isinstance(item, Problem):
            report(item)
        else:
            yield item


def _extract_local(docs: Iterable[Document], config: PipelineConfig) -> Iterator[DocResult | Problem]:
    yield from _Worker(config).run(docs)


def _extract_pool(docs: Iterable[Document], config: PipelineConfig) -> Iterator[DocResult | Problem]:
    ctx = mp.get_context("spawn")  # fork after loading native libraries is unsafe
    window = 2 * config.processes
    with ctx.Pool(config.processes, initializer=_init_worker, initargs=(config,)) as pool:
        pending: deque = deque()
        for chunk in chunks(docs, CHUNK_SIZE):
            pending.append(pool.apply_async(_run_chunk, (chunk,)))
            while len(pending) >= window:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
