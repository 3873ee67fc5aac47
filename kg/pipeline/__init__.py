"""Running the stages over a stream of documents: one document's extraction, spaCy components, workers.

    config = PipelineConfig(model=None, processes=2)
    for result in extract_documents(docs, config, report=print):   # DocResult records, in input order
        ...

:mod:`.stages` is one parsed document through entities then events; :mod:`.components` offers the
same as spaCy pipeline components (registered in :mod:`.factories`); :mod:`.worker` loads a model
and the stages once per process; :mod:`.run` drives workers in-process or in a local pool,
:mod:`.cluster` on Dask.
"""

from __future__ import annotations

import importlib
from typing import Any

#: Loaded on first use: spaCy imports this package (for :mod:`.factories`) while GeoKG's own
#: stages are still being imported, so importing them here would be circular.
_EXPORTS = {"Extractor": "kg.pipeline.stages", "PipelineConfig": "kg.pipeline.worker",
            "extract_documents": "kg.pipeline.run"}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
