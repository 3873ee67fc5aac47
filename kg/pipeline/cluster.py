"""The Dask engine: document extraction on a ``dask.distributed`` cluster.

    kg build corpus/ --engine dask --scheduler tcp://scheduler:8786   # an existing cluster
    kg build corpus/ --engine dask --processes 4                      # a LocalCluster of 4 workers

Workers run exactly what the local engine runs (:class:`kg.pipeline.worker.Worker`: the spaCy model and
the extractor, loaded once per worker process) on chunks of documents and send back picklable
:class:`DocResult` records; the graph is merged once, in the client. Chunks are submitted with a
bounded window and collected in input order, so memory stays flat and the graph does not depend on
which worker finished first. Without ``--scheduler`` a LocalCluster is started — the same code path
as a real cluster, which is what the tests exercise.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

from kg.model import DocResult, Document, Problem
from kg.pipeline.worker import CHUNK_SIZE, PipelineConfig, Worker, chunks

#: Models loaded in this (worker) process, by pipeline configuration.
_WORKERS: dict[PipelineConfig, Worker] = {}


def run_chunk(chunk: list[Document], config: PipelineConfig) -> list[DocResult | Problem]:
    """Task run on a Dask worker: extract a chunk of documents (the model is loaded once per process)."""
    worker = _WORKERS.get(config)
    if worker is None:
        worker = _WORKERS[config] = Worker(config)
    return list(worker.run(chunk))


def _client(config: PipelineConfig):
    """A client of the cluster at ``config.scheduler``, or of a new LocalCluster (closed with it)."""
    from dask.distributed import Client, LocalCluster

    if config.scheduler:
        return Client(config.scheduler), None
    # one single-threaded worker process per --processes: spaCy releases the GIL only in parts
    cluster = LocalCluster(n_workers=max(1, config.processes), threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=40)
    return Client(cluster), cluster


def extract_dask(docs: Iterable[Document], config: PipelineConfig) -> Iterator[DocResult | Problem]:
    """Extract ``docs`` on a Dask cluster; results come back in input order."""
    client, cluster = _client(config)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        window = 2 * workers
        pending: deque = deque()
        for chunk in chunks(docs, CHUNK_SIZE):
            pending.append(client.submit(run_chunk, chunk, config, pure=False))
            while len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
