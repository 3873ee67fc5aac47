"""Running the extraction workers over a stream of documents: in-process, a local pool, or Dask.

With ``processes > 1`` each worker process loads the model once and handles chunks of documents.
At most a bounded number of chunks is in flight, so memory does not grow with the corpus, and
results come back in input order, so output does not depend on scheduling.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Callable, Iterable, Iterator

from kg.model import DocResult, Document, Problem
from kg.pipeline.worker import CHUNK_SIZE, PipelineConfig, Worker, chunks

_WORKER: Worker | None = None  # per worker process only; never set in the parent


def _init_worker(config: PipelineConfig) -> None:
    global _WORKER
    _WORKER = Worker(config)


def _run_chunk(chunk: list[Document]) -> list[DocResult | Problem]:
    assert _WORKER is not None, "worker not initialised"
    return list(_WORKER.run(chunk))


def extract_documents(docs: Iterable[Document], config: PipelineConfig,
                      report: Callable[[Problem], None]) -> Iterator[DocResult]:
    """Parse and extract every document; problems go to ``report``; results keep input order."""
    if config.engine == "dask":
        from kg.pipeline.cluster import extract_dask

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
    yield from Worker(config).run(docs)


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
