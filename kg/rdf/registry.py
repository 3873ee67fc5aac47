"""The document registry of a persistent build (``OUT/.geokg/registry.sqlite``), in SQLite.

For every processed document: its id and content hash (an update skips it when unchanged), where
its named graph is in the ``graph.trig`` published with this registry (byte offset and length of
its ``<graph> { … }`` block, and where the block's shareable statements start), the vocabulary
terms it uses, and what it said that the shared graph is made of — entities, relation properties
and its reports' facts for the event summaries — replayed so that the shared graph of an update
equals the one of a build of everything at once. The facts are packed in the worker that rendered
the document (:func:`pack_graph`: one zlib stream per document, base IRI prefixes shortened), so
the merging process only writes bytes.

The rendered graphs themselves are not kept here: ``graph.trig`` holds them, and ``--update``
copies the blocks of unchanged documents from it (:mod:`kg.rdf.dump`). The registry records the
size and digest of that file (:meth:`Registry.trig_mark`); an update refuses a ``graph.trig`` that
is not the one it records (:mod:`kg.rdf.persist`). Documents of the running build are rendered
into a spool file of the working copy first; :attr:`Registry.spooled` says which.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from kg.model import Document, DocumentGraph, Entity, EventFacts
from kg.rdf.vocab import REL

#: Registry schema version: a registry written by another layout is refused, not misread; one of
#: schema 2 or 3 (rendered graphs kept compressed in the registry) is brought up to date (:func:`migrate`).
SCHEMA = "4"
NEW, SAME, CHANGED = "new", "same", "changed"
_LEVEL = 6

#: What the registry keeps of an entity: not its mentions (their offsets live in the document's graph).
_ENTITY_FIELDS = tuple(f.name for f in dataclasses.fields(Entity) if f.name != "mentions")
_FACT_FIELDS = tuple(f.name for f in dataclasses.fields(EventFacts))
_IRI_FIELDS = tuple(i for i, name in enumerate(_FACT_FIELDS) if name in ("event", "subject", "object", "relation"))


@dataclass(frozen=True)
class StoredDocument:
    """What the registry keeps about one processed document."""

    id: str
    content_hash: str
    entities: list[Entity]
    relations: list[tuple[str, str]]


@dataclass(frozen=True)
class Block:
    """Where one document's named graph is: ``length`` bytes at ``offset`` of graph.trig (or of
    the spool, for a document of the running build); its shareable statements start at ``split``
    bytes into the block."""

    graph: str
    id: str
    offset: int
    length: int
    split: int
    spooled: bool


def _short(value: str, prefixes: tuple[str, str]) -> str:
    """``value`` with a known namespace replaced by a mark (``:`` base IRI, ``=`` relations)."""
    base, rel = prefixes
    if value.startswith(base):
        return ":" + value[len(base):]
    if value.startswith(rel):
        return "=" + value[len(rel):]
    return value


def _long(value: str, prefixes: tuple[str, str]) -> str:
    if value[:1] == ":":
        return prefixes[0] + value[1:]
    if value[:1] == "=":
        return prefixes[1] + value[1:]
    return value


def pack_facts(base: str, entities: list[Entity], relations: Iterable[tuple[str, str]],
               events: list[EventFacts]) -> bytes:
    """What the shared graph needs of one document, as one compressed JSON list (fields by position)."""
    pre = (base, str(REL))
    facts = [[[getattr(e, name) for name in _ENTITY_FIELDS] for e in entities],
             [[_short(r, pre), label] for r, label in sorted(relations)],
             [[_short(v, pre) if i in _IRI_FIELDS else v for i, v in enumerate(getattr(f, n) for n in _FACT_FIELDS)]
              for f in events]]
    return zlib.compress(json.dumps(facts, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), _LEVEL)


def unpack_facts(base: str, data: bytes) -> tuple[list[Entity], list[tuple[str, str]], list[EventFacts]]:
    """The inverse of :func:`pack_facts`."""
    pre = (base, str(REL))
    ents, rels, events = json.loads(zlib.decompress(data))
    return ([Entity(**dict(zip(_ENTITY_FIELDS, e, strict=True))) for e in ents],
            [(_long(r, pre), label) for r, label in rels],
            [EventFacts(*(_long(v, pre) if i in _IRI_FIELDS else v for i, v in enumerate(f))) for f in events])


def pack_graph(graph: DocumentGraph, entities: list[Entity], block: Callable[[DocumentGraph], tuple[bytes, int]],
               base: str) -> DocumentGraph:
    """Render ``graph``'s TriG block (``block``: bytes and where its shareable part starts) and pack
    its facts into :attr:`DocumentGraph.packed`; drop the Turtle and shareable statements it no
    longer needs; return it."""
    if graph.packed is None:
        data, split = block(graph)
        graph.packed = (data, split, pack_facts(base, entities, graph.relations, graph.events))
        graph.turtle, graph.shareable = "", []
    return graph


def _hash_key(content_hash: str) -> bytes | str:
    """A SHA-256 hex digest as its 32 bytes (half the size); anything else as it is."""
    try:
        return bytes.fromhex(content_hash) if len(content_hash) == 64 else content_hash
    except ValueError:
        return content_hash


class StateError(RuntimeError):
    """The state in OUT cannot be used for this build (other base IRI, graph.trig changed, ...)."""


class Registry:
    """Processed documents (id → content hash, block in graph.trig, terms, facts) in SQLite.

    ``graph_of`` maps a document id to its named graph's IRI (not stored: it follows from the id).
    """

    def __init__(self, path: Path, graph_of: Callable[[str], str], base: str) -> None:
        self.db = sqlite3.connect(path)
        # small pages waste less at the end of each row (measured at 2,000 documents: 3.6 MB with
        # 512-byte pages, 3.9 MB with 1,024 or 4,096); takes effect on a new file or at VACUUM
        self.db.execute("PRAGMA page_size = 512")
        self.graph_of = graph_of
        self.base = base
        #: documents whose block is in this build's spool, not in the previous graph.trig
        self.spooled: set[str] = set()
        self.db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        self._terms: dict[str, int] | None = None

    def create(self) -> None:
        """Make the tables of the current schema (a registry without a schema, or one migrated)."""
        self.db.execute("CREATE TABLE IF NOT EXISTS documents (id TEXT PRIMARY KEY, hash BLOB NOT NULL, "
                        "offset INTEGER, length INTEGER, split INTEGER, terms BLOB, facts BLOB NOT NULL)")
        self.db.execute("CREATE TABLE IF NOT EXISTS terms (n INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE)")

    def meta(self, key: str) -> str | None:
        """A build setting recorded by an earlier build (base IRI, schema, query store, graph.trig)."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        """Record a build setting."""
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def trig_mark(self) -> tuple[str, int, str] | None:
        """Where the graph.trig of the blocks is (``out`` or ``state``), its size and its digest."""
        place, size, digest = self.meta("trig"), self.meta("trig_size"), self.meta("trig_digest")
        return None if place is None or size is None or digest is None else (place, int(size), digest)

    def set_trig_mark(self, place: str, size: int, digest: str) -> None:
        """Record the graph.trig the blocks are in."""
        self.set_meta("trig", place)
        self.set_meta("trig_size", str(size))
        self.set_meta("trig_digest", digest)

    def status(self, document: Document) -> str:
        """NEW, SAME (same id and content hash: skip it) or CHANGED (same id, other text)."""
        row = self.db.execute("SELECT hash FROM documents WHERE id = ?", (document.id,)).fetchone()
        if row is None:
            return NEW
        return SAME if row[0] == _hash_key(document.content_hash) else CHANGED

    def known(self, doc_id: str) -> bool:
        """Whether the document ``doc_id`` is recorded."""
        return self.db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def _term_numbers(self) -> dict[str, int]:
        if self._terms is None:
            self._terms = dict(self.db.execute("SELECT iri, n FROM terms"))
        return self._terms

    def _term_mask(self, terms: Iterable[str]) -> bytes:
        """The terms as a bit set over the registry's term numbers (a few bytes per document)."""
        numbers, mask = self._term_numbers(), 0
        for term in terms:
            n = numbers.get(term)
            if n is None:
                n = numbers[term] = len(numbers)
                self.db.execute("INSERT INTO terms VALUES (?, ?)", (n, term))
            mask |= 1 << n
        return mask.to_bytes((mask.bit_length() + 7) // 8, "little")

    def put(self, document: Document, graph: DocumentGraph, spool_offset: int) -> None:
        """Record a processed document whose block was appended to the spool at ``spool_offset``."""
        assert graph.packed is not None
        block, split, facts = graph.packed
        self.db.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)", (
            document.id, _hash_key(document.content_hash), spool_offset, len(block), split,
            self._term_mask(graph.terms), facts))
        self.spooled.add(document.id)

    def put_known(self, doc_id: str, content_hash: str) -> None:
        """Record a document whose graph was imported, without block, terms or facts."""
        self.db.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, NULL, NULL, NULL, NULL, ?)",
                        (doc_id, _hash_key(content_hash), pack_facts(self.base, [], [], [])))

    def blocks(self, ids: Iterable[str] | None = None) -> list[Block]:
        """Where every recorded document graph (or those of the documents ``ids``) is, in IRI order."""
        wanted = None if ids is None else set(ids)
        rows = [Block(self.graph_of(i), i, o, n, s, i in self.spooled) for i, o, n, s in self.db.execute(
                "SELECT id, offset, length, split FROM documents WHERE offset IS NOT NULL")
                if wanted is None or i in wanted]
        return sorted(rows, key=lambda b: b.graph)

    def moved(self, placed: Iterable[tuple[str, int]]) -> None:
        """Record the new offsets (document id, offset) of blocks just written to graph.trig."""
        self.db.executemany("UPDATE documents SET offset = ? WHERE id = ?", ((o, i) for i, o in placed))
        self.spooled.clear()

    def unplace(self) -> None:
        """Forget every block's place (graph.trig was written otherwise: from an imported graph)."""
        self.db.execute("UPDATE documents SET offset = NULL, length = NULL, split = NULL")
        self.spooled.clear()

    def event_facts(self) -> Iterator[tuple[str, list[EventFacts]]]:
        """Every recorded report's summary facts, by document graph in IRI order."""
        for block in self.blocks():
            (facts,) = self.db.execute("SELECT facts FROM documents WHERE id = ?", (block.id,)).fetchone()
            yield block.graph, unpack_facts(self.base, facts)[2]

    def terms(self) -> set[str]:
        """The vocabulary terms every recorded document graph uses."""
        mask = 0
        for (data,) in self.db.execute("SELECT terms FROM documents WHERE terms IS NOT NULL"):
            mask |= int.from_bytes(data, "little")
        return {iri for iri, n in self._term_numbers().items() if mask >> n & 1}

    def complete(self) -> bool:
        """Whether every recorded document has its block (not so for an imported graph)."""
        return self.db.execute("SELECT COUNT(*) FROM documents WHERE offset IS NULL").fetchone()[0] == 0

    def forget(self, doc_id: str) -> None:
        """Drop a document's record (it is being processed again)."""
        self.db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        self.spooled.discard(doc_id)

    def documents(self, exclude: set[str] = frozenset()) -> Iterator[StoredDocument]:
        """Every recorded document not in ``exclude``, in id order."""
        for doc_id, digest, facts in self.db.execute("SELECT id, hash, facts FROM documents ORDER BY id"):
            if doc_id in exclude:
                continue
            entities, relations, _ = unpack_facts(self.base, facts)
            yield StoredDocument(doc_id, digest.hex() if isinstance(digest, bytes) else digest, entities, relations)

    def __len__(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def close(self, commit: bool = True, compact: bool = False) -> None:
        """Commit (unless told not to), rewrite the file without free pages if ``compact``, and close."""
        if commit:
            self.db.commit()
            if compact:
                self.db.execute("VACUUM")
        self.db.close()


def migrate(registry: Registry, version: str, block: Callable[[str, str, list], tuple[bytes, int]],
            spool: BinaryIO) -> None:
    """Bring a registry of schema 2 or 3 up to date.

    Those layouts kept each document's rendered graph in the registry (Turtle and shareable
    statements, compressed; schema 2 kept the facts as JSON text). Each graph's block is rendered
    again from them (``block(graph IRI, Turtle, shareable statements)``) into ``spool``, as if the
    document had been processed by this build, so the build writes graph.trig from them and records
    where they are; facts and terms are repacked.
    """
    db = registry.db
    load = json.loads if version == "2" else (lambda data: json.loads(zlib.decompress(data)))
    db.execute("ALTER TABLE documents RENAME TO documents_old")
    registry.create()
    for doc_id, digest, ents, rels in db.execute("SELECT id, hash, entities, relations FROM documents_old "
                                                 "ORDER BY id").fetchall():
        entities = [Entity(**{k: v for k, v in e.items() if k in _ENTITY_FIELDS}) for e in load(ents)]
        relations = [tuple(r) for r in load(rels)]
        row = db.execute("SELECT graph, turtle, shareable, events, terms FROM graphs WHERE id = ?",
                         (doc_id,)).fetchone()
        if row is None:  # imported from a file: no rendered graph
            registry.put_known(doc_id, digest)
            continue
        graph, turtle, shareable, events, terms = row
        data, split = block(graph, zlib.decompress(turtle).decode("utf-8"), [tuple(s) for s in load(shareable)])
        offset = spool.tell()
        spool.write(data)
        db.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)", (
            doc_id, _hash_key(digest), offset, len(data), split, registry._term_mask(load(terms)),
            pack_facts(registry.base, entities, relations, [EventFacts(*f) for f in load(events)])))
        registry.spooled.add(doc_id)
    db.execute("DROP TABLE documents_old")
    db.execute("DROP TABLE graphs")
