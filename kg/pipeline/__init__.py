"""Running the stages over a stream of documents: one document's extraction, spaCy components, workers.

    config = PipelineConfig(model=None, processes=2)
    for result in extract_documents(docs, config, report=print):   # DocResult records, in input order
        ...

:mod:`.stages` is one parsed document through entities then events; :mod:`.components` offers the
same as spaCy pipeline components; :mod:`.worker` loads a model and the stages once per process;
:mod:`.run` drives workers in-process or in a local pool, :mod:`.cluster` on Dask.
"""

from kg.pipeline.run import extract_documents
from kg.pipeline.stages import Extractor
from kg.pipeline.worker import PipelineConfig

__all__ = ["Extractor", "PipelineConfig", "extract_documents"]
