"""One extraction worker: the spaCy model and the extraction stages, loaded once per process.

The same :class:`Worker` runs in this process, in each process of a local pool
(:mod:`kg.pipeline.run`) and on each Dask worker (:mod:`kg.pipeline.cluster`): documents go
through ``nlp.pipe`` in small batches and come back as picklable :class:`DocResult` records.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
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
    #: (base IRI, activity IRI, whether every statement is wanted as N-Quads too): also render
    #: each document's graph (kg.rdf.document.DocumentGrapher)
    graph: tuple[str, str, bool] | None = None
    propositions: bool = False  # keep clauses that are not events, as gk:Proposition


class Worker:
    """Model + extractor, loaded once per process."""

    def __init__(self, config: PipelineConfig) -> None:
        from kg.nlp.models import load_model
        from kg.pipeline.stages import Extractor

        self.nlp = load_model(config.model)
        self.extractor = Extractor(actors_file=config.actors_file, propositions=config.propositions)
        self.batch_size = config.batch_size
        self.grapher = None
        if config.graph is not None:
            from functools import partial

            from kg.rdf.derived import named_block
            from kg.rdf.document import DocumentGrapher
            from kg.rdf.registry import pack_graph

            self.grapher = DocumentGrapher(*config.graph)
            writer, base = self.grapher.turtle, self.grapher.iris.base
            self._pack = partial(pack_graph, block=lambda g: named_block(writer, g.graph, g.turtle, g.shareable),
                                 base=base)

    def run(self, docs: Iterable[Document]) -> Iterator[DocResult | Problem]:
        pairs = ((d.text, d) for d in docs)
        for spacy_doc, document in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
            try:
                result = self.extractor(spacy_doc, document)
                if self.grapher is not None:
                    # rendered and packed here, in parallel: the merging process only writes the bytes
                    result.graph = self._pack(self.grapher(result), result.entities)
                yield result
            except Exception as err:  # one bad document must not stop the corpus
                yield Problem(document.origin or document.id, f"extraction failed: {type(err).__name__}: {err}",
                              "failed")


def chunks(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Lists of up to ``size`` documents, read lazily from ``docs``."""
    it = iter(docs)
    while chunk := list(itertools.islice(it, size)):
        yield chunk
