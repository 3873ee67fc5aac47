"""The document registry of a persistent build (``OUT/.geokg/registry.sqlite``), in SQLite.

For every processed document: its id and content hash (an update skips it when unchanged), what it
said about entities and relation properties (replayed so that the shared graph of an update equals
the one of a build of everything at once), its named graph as rendered (Turtle and the shareable
statements: ``graph.ttl`` and ``graph.trig`` are written from these, see :mod:`kg.rdf.dump`), the
statements the explorer page reads (N-Quads, see :func:`kg.rdf.document.browsed`) and its reports'
facts for the event summaries. Everything large is zlib-compressed in the worker that rendered the
document (:func:`pack_graph`), so the merging process only writes bytes.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.model import Document, DocumentGraph, Entity, EventFacts
from kg.rdf.document import TYPE, browsed
from kg.rdf.terms import Statement, nquads
from kg.rdf.vocab import GK

#: Registry schema version: a registry written by another layout is refused, not misread; one of
#: schema 2 (uncompressed facts, no explorer statements) is brought up to date (:func:`migrate`).
SCHEMA = "3"
NEW, SAME, CHANGED = "new", "same", "changed"
#: zlib level: 6 packs the Turtle and N-Quads about 8:1, at a cost paid in the parallel workers.
_LEVEL = 6


@dataclass(frozen=True)
class StoredDocument:
    """What the registry keeps about one processed document."""

    id: str
    content_hash: str
    entities: list[Entity]
    relations: list[tuple[str, str]]


#: What the registry keeps of an entity: not its mentions (their offsets live in the document's graph).
_ENTITY_FIELDS = tuple(f.name for f in dataclasses.fields(Entity) if f.name != "mentions")
_FACT_FIELDS = tuple(f.name for f in dataclasses.fields(EventFacts))


def _entity_json(entity: Entity) -> dict:
    return {name: getattr(entity, name) for name in _ENTITY_FIELDS}  # asdict() deep-copies: slower


def _entity_from_json(data: dict) -> Entity:
    fields = {f.name for f in dataclasses.fields(Entity)}
    return Entity(**{k: v for k, v in data.items() if k in fields})


def _pack(value: object) -> bytes:
    return zlib.compress(json.dumps(value, ensure_ascii=False).encode("utf-8"), _LEVEL)


def _unpack(data: bytes) -> object:
    return json.loads(zlib.decompress(data))


def pack_graph(graph: DocumentGraph) -> DocumentGraph:
    """Compress what the registry keeps of ``graph`` into :attr:`DocumentGraph.packed` and drop the
    uncompressed Turtle, shareable statements and explorer N-Quads; return it."""
    if graph.packed is None:
        graph.packed = (zlib.compress(graph.turtle.encode("utf-8"), _LEVEL), _pack(graph.shareable),
                        _pack([[getattr(f, name) for name in _FACT_FIELDS] for f in graph.events]),
                        _pack(graph.terms), zlib.compress(graph.browse, _LEVEL))
        graph.turtle, graph.shareable, graph.browse = "", [], b""
    return graph


class Registry:
    """Processed documents (id → content hash, entity and relation facts, rendered graph) in SQLite."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        self.db.execute("CREATE TABLE IF NOT EXISTS documents (id TEXT PRIMARY KEY, hash TEXT NOT NULL, "
                        "entities BLOB NOT NULL, relations BLOB NOT NULL)")
        self.db.execute("CREATE TABLE IF NOT EXISTS graphs (graph TEXT PRIMARY KEY, id TEXT NOT NULL, "
                        "turtle BLOB NOT NULL, shareable BLOB NOT NULL, events BLOB NOT NULL, terms BLOB NOT NULL, "
                        "browse BLOB NOT NULL)")
        self.db.execute("CREATE INDEX IF NOT EXISTS graphs_id ON graphs (id)")

    def meta(self, key: str) -> str | None:
        """A build setting recorded by an earlier build (base IRI, schema, query store)."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        """Record a build setting."""
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def status(self, document: Document) -> str:
        """NEW, SAME (same id and content hash: skip it) or CHANGED (same id, other text)."""
        row = self.db.execute("SELECT hash FROM documents WHERE id = ?", (document.id,)).fetchone()
        if row is None:
            return NEW
        return SAME if row[0] == document.content_hash else CHANGED

    def put(self, document: Document, entities: list[Entity], relations: set[tuple[str, str]]) -> None:
        """Record a processed document (replacing an older version of it)."""
        self.db.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?)", (
            document.id, document.content_hash, _pack([_entity_json(e) for e in entities]),
            _pack(sorted(relations))))

    def put_graph(self, doc_id: str, graph: DocumentGraph) -> None:
        """Record a document's rendered graph (replacing an older version of it)."""
        self.db.execute("INSERT OR REPLACE INTO graphs VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (graph.graph, doc_id, *pack_graph(graph).packed))

    def graphs(self, ids: Iterable[str] | None = None) -> Iterator[tuple[str, str, list[Statement]]]:
        """Every recorded document graph (or those of the documents ``ids``) in IRI order:
        (graph IRI, Turtle, shareable statements)."""
        wanted = None if ids is None else set(ids)
        for graph, doc_id, turtle, shareable in self.db.execute(
                "SELECT graph, id, turtle, shareable FROM graphs ORDER BY graph"):
            if wanted is None or doc_id in wanted:
                yield graph, zlib.decompress(turtle).decode("utf-8"), [tuple(s) for s in _unpack(shareable)]

    def browse(self) -> Iterator[bytes]:
        """Every recorded document's statements for the explorer page, as N-Quads, in IRI order."""
        for (data,) in self.db.execute("SELECT browse FROM graphs ORDER BY graph"):
            yield zlib.decompress(data)

    def event_facts(self) -> Iterator[tuple[str, list[EventFacts]]]:
        """Every recorded report's summary facts, by document graph in IRI order."""
        for graph, events in self.db.execute("SELECT graph, events FROM graphs ORDER BY graph"):
            yield graph, [EventFacts(*f) for f in _unpack(events)]

    def terms(self) -> set[str]:
        """The vocabulary terms every recorded document graph uses."""
        used: set[str] = set()
        for (terms,) in self.db.execute("SELECT terms FROM graphs"):
            used.update(_unpack(terms))
        return used

    def complete(self) -> bool:
        """Whether every recorded document has its rendered graph (not so for an imported graph)."""
        return self.db.execute("SELECT COUNT(*) FROM documents WHERE id NOT IN (SELECT id FROM graphs)"
                               ).fetchone()[0] == 0

    def put_known(self, doc_id: str, content_hash: str) -> None:
        """Record a document whose graph was imported, without entity or relation facts."""
        self.db.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?)",
                        (doc_id, content_hash, _pack([]), _pack([])))

    def forget(self, doc_id: str) -> None:
        """Drop a document's record (it is being processed again)."""
        self.db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        self.db.execute("DELETE FROM graphs WHERE id = ?", (doc_id,))

    def documents(self, exclude: set[str] = frozenset()) -> Iterator[StoredDocument]:
        """Every recorded document not in ``exclude``, in id order."""
        for doc_id, digest, ents, rels in self.db.execute("SELECT id, hash, entities, relations FROM documents "
                                                          "ORDER BY id"):
            if doc_id in exclude:
                continue
            yield StoredDocument(doc_id, digest, [_entity_from_json(e) for e in _unpack(ents)],
                                 [tuple(r) for r in _unpack(rels)])

    def __len__(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def close(self, commit: bool = True) -> None:
        """Commit (unless told not to) and close."""
        if commit:
            self.db.commit()
        self.db.close()


def migrate(registry: Registry, prologue: str) -> None:
    """Bring a schema-2 registry up to date: facts compressed, and each graph's explorer statements
    derived from its Turtle (``prologue``: the prefixes it was written with).

    (The on-disk store that layout kept on the hot path is not carried over.)
    """
    db = registry.db
    db.execute("ALTER TABLE graphs ADD COLUMN browse BLOB NOT NULL DEFAULT x''")
    proposition, evidence = f"<{GK}Proposition>", f"<{GK}evidence>"
    for graph, turtle, shareable, events, terms in db.execute(
            "SELECT graph, turtle, shareable, events, terms FROM graphs").fetchall():
        shared = [tuple(s) for s in json.loads(shareable)]
        rows = [(str(t.subject), str(t.predicate), str(t.object)) for t in
                ox.parse(prologue + zlib.decompress(turtle).decode("utf-8"), format=ox.RdfFormat.TURTLE)] + shared
        hidden = {s for s, p, o in rows if p == TYPE and o == proposition}
        hidden |= {o for s, p, o in rows if s in hidden and p == evidence}
        db.execute("UPDATE graphs SET shareable = ?, events = ?, terms = ?, browse = ? WHERE graph = ?", (
            _pack(shared), _pack(json.loads(events)), _pack(json.loads(terms)),
            zlib.compress(nquads(browsed(rows, hidden), f"<{graph}>"), _LEVEL), graph))
    for doc_id, ents, rels in db.execute("SELECT id, entities, relations FROM documents").fetchall():
        db.execute("UPDATE documents SET entities = ?, relations = ? WHERE id = ?",
                   (_pack(json.loads(ents)), _pack(json.loads(rels)), doc_id))
