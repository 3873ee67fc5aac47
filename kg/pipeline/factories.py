"""spaCy registrations of GeoKG's components, kept apart from them (as ``spacy/pipeline/factories.py``).

spaCy imports this module through the ``spacy_factories`` entry points whenever it lists its
factories — inside ``spacy.blank()`` or ``English()``, which GeoKG's own stages call while they
are being imported — so it imports nothing of GeoKG until a component is actually made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc

if TYPE_CHECKING:
    from kg.pipeline.components import EntitiesComponent, EventsComponent


@Language.component("geokg_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    """Make paragraph breaks sentence boundaries, so captions and headlines stay apart."""
    from kg.pipeline.components import paragraphs as split

    return split(doc)


@Language.factory("geokg_entities", default_config={"actors_file": None})
def make_entities(nlp: Language, name: str, actors_file: str | None) -> EntitiesComponent:
    """Factory of the entity component (``actors_file``: user actors, CSV or YAML)."""
    from kg.pipeline.components import EntitiesComponent

    return EntitiesComponent(actors_file)


@Language.factory("geokg_events")
def make_events(nlp: Language, name: str) -> EventsComponent:
    """Factory of the event component."""
    from kg.pipeline.components import EventsComponent

    return EventsComponent()
