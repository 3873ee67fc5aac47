"""Ingest stage: files, directories, HTML and JSON Lines in, :class:`kg.model.Document` records out.

    for doc in iter_documents(["corpus/"], report=print):   # problems are reported, never raised
        ...

:mod:`.reader` walks the inputs, :mod:`.formats` turns one file into documents, :mod:`.text`
decodes and normalises, :mod:`.html` finds an article's body, :mod:`.dateline` its date,
:mod:`.language` rejects text that is not English and :mod:`.parts` splits very long documents.
"""

from kg.ingest.reader import SUPPORTED, iter_documents
from kg.ingest.text import InputError, clean_url, decode, display, normalise

__all__ = ["SUPPORTED", "InputError", "clean_url", "decode", "display", "iter_documents", "normalise"]
