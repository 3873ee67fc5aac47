"""Event stage: propositions, PLOVER types, attribution, negation, dates and places (issue 3).

    from kg.events import EventExtractor
    events = EventExtractor()(spacy_doc, document, entity_index)   # -> list[kg.model.Event]

Modules: ``clauses`` (one proposition per verbal head), ``nominal`` (event nouns),
``attribution`` (speakers), ``modality`` (negation, hypotheticals), ``typing`` (PLOVER),
``dates``, ``places``; rule data in ``kg/data/lexicon`` via ``lexicon``.
"""

from kg.events.extractor import EventExtractor
from kg.events.lexicon import Lexicon, Sense, load_lexicon

__all__ = ["EventExtractor", "Lexicon", "Sense", "load_lexicon"]
