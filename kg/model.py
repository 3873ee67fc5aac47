"""Typed records passed between the pipeline stages.

ingest → :class:`Document`; nlp + entities + events → :class:`DocResult` (a document with its
:class:`Entity` and :class:`Event` records); graph turns ``DocResult`` streams into RDF.
All records are plain, picklable dataclasses so worker processes (local or Dask) can return
them, and so the graph stage never needs spaCy.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

#: Entity types, as in the gold annotation guidelines.
PERSON = "PERSON"
COUNTRY = "COUNTRY"
ORGANIZATION = "ORGANIZATION"
GROUP = "GROUP"
LOCATION = "LOCATION"
ENTITY_TYPES = (PERSON, COUNTRY, ORGANIZATION, GROUP, LOCATION)


@dataclass(frozen=True)
class Document:
    """One news article, as read from disk; ``text`` is the normalised text offsets refer to."""

    id: str
    text: str
    title: str = ""
    date: str = ""  # ISO 8601 publication date (YYYY-MM-DD) or ""
    url: str = ""
    source: str = ""  # outlet / publisher
    origin: str = ""  # path[:line] it was read from, for messages

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text: same id and hash means the document was already processed."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Problem:
    """A bad input: reported as one line ``where: reason``; ``level`` is skipped/failed/warning."""

    where: str
    reason: str
    level: str = "skipped"

    def __str__(self) -> str:
        # One problem, one line: reasons may quote exception text that spans lines.
        return " ".join(f"{self.where}: {self.reason}".split())


@dataclass
class Entity:
    """A document-level entity: one real-world actor or place with all its mentions.

    ``key`` is unique within the document; the graph stage maps it to a global IRI.
    """

    key: str
    label: str
    type: str
    country: str = ""  # ISO 3166-1 alpha-3 of the state it is, belongs to, or lies in
    aliases: list[str] = field(default_factory=list)
    role: str = ""  # e.g. "Foreign Minister"
    sector: str = ""  # PLOVER / Phoenix sector code: GOV, MIL, ...
    geonames_id: int = 0
    wikidata: str = ""
    mentions: list[tuple[int, int]] = field(default_factory=list)  # character offsets


@dataclass
class Event:
    """One extracted proposition ``subject –predicate→ object`` with its qualifiers."""

    sentence: int
    predicate: str  # lemma, e.g. "accuse", "call for"
    subject: str = ""  # entity key, or "" when the actor is not an entity
    subject_text: str = ""  # surface/lemma label when ``subject`` is ""
    object: str = ""  # entity key or ""
    object_text: str = ""  # head lemma of a non-entity object ("provision")
    event_type: str = ""  # PLOVER event type, "" when none fits
    mode: str = ""
    context: str = ""
    negated: bool = False
    hypothetical: bool = False  # plans, threats, conditionals: not asserted as fact
    attributed_to: str = ""  # entity key of the reporting source
    date: str = ""  # ISO date (YYYY, YYYY-MM or YYYY-MM-DD)
    location: str = ""  # entity key of a LOCATION
    confidence: float = 0.5
    quote: str = ""  # evidence text, exactly ``Document.text[start:end]``
    start: int = 0
    end: int = 0
    #: not an event an analyst would keep (no known actor, a light, copular or speech predicate, an
    #: idiom): kept in the graph only as a ``gk:Proposition`` when asked (``kg build --propositions``)
    proposition: bool = False


@dataclass
class DocResult:
    """Everything extracted from one document."""

    document: Document
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    graph: DocumentGraph | None = None  # its named graph, when the worker rendered it (kg.rdf.document)

    def entity(self, key: str) -> Entity | None:
        """The entity with this document-local key, if any."""
        for e in self.entities:
            if e.key == key:
                return e
        return None


@dataclass(frozen=True)
class EventFacts:
    """What one report says that the event's summary (label, confidence, report count) needs."""

    event: str  # IRI
    mergeable: bool  # other documents may report the same event (see kg.rdf.identity.event_identity)
    confidence: float
    predicate: str
    subject: str = ""  # IRI of the actor (entity or concept), "" if none
    object: str = ""  # IRI of the target (entity or concept), "" if none
    relation: str = ""  # IRI of the relation property, "" without both arguments
    object_text: str = ""  # the target's words when it is not an entity


@dataclass
class DocumentGraph:
    """One document's named graph, ready to write: Turtle for the files, N-Quads for a store."""

    graph: str  # IRI of the named graph
    nquads: bytes = b""  # every statement of the graph (for a dataset in memory)
    turtle: str = ""  # the statements that only this document's graph can hold, as Turtle
    shareable: list[tuple[str, str, str]] = field(default_factory=list)  # event and relation statements
    relations: set[tuple[str, str]] = field(default_factory=set)  # (relation property IRI, label)
    events: list[EventFacts] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)  # vocabulary IRIs used (to copy their declarations)
    #: its TriG block, where the shareable part starts, its packed facts (kg.rdf.registry.pack_graph)
    packed: tuple[bytes, int, bytes] | None = None
