"""The persistent graph under ``OUT/``: an on-disk Oxigraph store plus a document registry.

Layout::

    OUT/.geokg/store/          Oxigraph (RocksDB) store: one named graph per document + the shared graph
    OUT/.geokg/registry.sqlite every processed document: id, content hash, and what it said about
                               entities and relation properties (replayed so that the shared graph of
                               an update equals the one of a build of everything at once); its named
                               graph rendered as Turtle (graph.ttl and graph.trig are written from
                               these, see kg.rdf.dump) and its reports' facts for the event summaries

Atomicity: a build never writes into ``OUT/.geokg`` itself. It works in ``OUT/.geokg.work-PID``
(for ``--update``, a checkpoint of the current store: hard links, cheap), and :meth:`GraphState.commit`
swaps the directories with two renames. An interrupted build (even ``SIGKILL``) leaves the previous
state and exports untouched; the next build removes the abandoned work directory and, if a crash hit
between the two renames, restores the previous state.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import sqlite3
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from kg.model import Document, DocumentGraph, Entity, EventFacts
from kg.rdf.merge import new_dataset
from kg.rdf.quads import QuadBuffer, attach_buffer
from kg.rdf.terms import Statement

STATE_DIR = ".geokg"
_WORK_PREFIX = ".geokg.work-"
_OLD_PREFIX = ".geokg.old-"
#: Registry schema version: a registry written by another layout is refused, not misread.
SCHEMA = "2"

NEW, SAME, CHANGED = "new", "same", "changed"


class StateError(RuntimeError):
    """The state in OUT cannot be used for this build (other base IRI, corrupt, ...)."""


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


class Registry:
    """Processed documents (id → content hash, entity and relation facts) in SQLite."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        self.db.execute("CREATE TABLE IF NOT EXISTS documents (id TEXT PRIMARY KEY, hash TEXT NOT NULL, "
                        "entities TEXT NOT NULL, relations TEXT NOT NULL)")
        # each document's graph as written to the files (see kg.rdf.dump), and its reports' summary facts
        self.db.execute("CREATE TABLE IF NOT EXISTS graphs (graph TEXT PRIMARY KEY, id TEXT NOT NULL, "
                        "turtle BLOB NOT NULL, shareable TEXT NOT NULL, events TEXT NOT NULL, terms TEXT NOT NULL)")
        self.db.execute("CREATE INDEX IF NOT EXISTS graphs_id ON graphs (id)")

    def meta(self, key: str) -> str | None:
        """A build setting recorded by the first build (base IRI, schema)."""
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
            document.id, document.content_hash,
            json.dumps([_entity_json(e) for e in entities], ensure_ascii=False, sort_keys=True),
            json.dumps(sorted(relations), ensure_ascii=False)))

    def put_graph(self, doc_id: str, graph: DocumentGraph) -> None:
        """Record a document's rendered graph (replacing an older version of it)."""
        self.db.execute("INSERT OR REPLACE INTO graphs VALUES (?, ?, ?, ?, ?, ?)", (
            graph.graph, doc_id, zlib.compress(graph.turtle.encode("utf-8"), 1),
            json.dumps(graph.shareable, ensure_ascii=False),
            json.dumps([[getattr(f, name) for name in _FACT_FIELDS] for f in graph.events], ensure_ascii=False),
            json.dumps(graph.terms)))

    def graphs(self) -> Iterator[tuple[str, str, list[Statement]]]:
        """Every recorded document graph in IRI order: (graph IRI, Turtle, shareable statements)."""
        for graph, turtle, shareable in self.db.execute("SELECT graph, turtle, shareable FROM graphs ORDER BY graph"):
            yield graph, zlib.decompress(turtle).decode("utf-8"), [tuple(s) for s in json.loads(shareable)]

    def event_facts(self) -> Iterator[tuple[str, list[EventFacts]]]:
        """Every recorded report's summary facts, by document graph in IRI order."""
        for graph, events in self.db.execute("SELECT graph, events FROM graphs ORDER BY graph"):
            yield graph, [EventFacts(*f) for f in json.loads(events)]

    def terms(self) -> set[str]:
        """The vocabulary terms every recorded document graph uses."""
        used: set[str] = set()
        for (terms,) in self.db.execute("SELECT terms FROM graphs"):
            used.update(json.loads(terms))
        return used

    def complete(self) -> bool:
        """Whether every recorded document has its rendered graph (not so for an imported graph)."""
        return self.db.execute("SELECT COUNT(*) FROM documents WHERE id NOT IN (SELECT id FROM graphs)"
                               ).fetchone()[0] == 0

    def put_known(self, doc_id: str, content_hash: str) -> None:
        """Record a document whose graph was imported, without entity or relation facts."""
        self.db.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, '[]', '[]')", (doc_id, content_hash))

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
            yield StoredDocument(doc_id, digest, [_entity_from_json(e) for e in json.loads(ents)],
                                 [tuple(r) for r in json.loads(rels)])

    def __len__(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def close(self, commit: bool = True) -> None:
        """Commit (unless told not to) and close."""
        if commit:
            self.db.commit()
        self.db.close()


def open_dataset(store: ox.Store) -> Dataset:
    """An rdflib ``Dataset`` over an existing pyoxigraph store, with GeoKG's prefixes bound."""
    return new_dataset(store)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover(out_dir: Path) -> None:
    """Repair what an interrupted build left in ``out_dir``: abandoned work dirs, a half-done swap."""
    if not out_dir.is_dir():
        return
    state = out_dir / STATE_DIR
    for entry in sorted(out_dir.iterdir()):
        if entry.name.startswith(_OLD_PREFIX):
            if state.exists():
                shutil.rmtree(entry, ignore_errors=True)
            else:  # crashed between the two renames of commit(): the old state is the good one
                os.replace(entry, state)
        elif entry.name.startswith(_WORK_PREFIX):
            pid = entry.name[len(_WORK_PREFIX):].split("-", 1)[0]
            if not (pid.isdigit() and _pid_alive(int(pid)) and int(pid) != os.getpid()):
                shutil.rmtree(entry, ignore_errors=True)


class GraphState:
    """A build's working copy of the persistent graph; :meth:`commit` makes it the current one."""

    def __init__(self, out_dir: Path, update: bool, base_iri: str) -> None:
        self.out_dir = out_dir
        out_dir.mkdir(parents=True, exist_ok=True)
        recover(out_dir)
        self.work = out_dir / f"{_WORK_PREFIX}{os.getpid()}-{os.urandom(4).hex()}"
        self.work.mkdir()
        current = out_dir / STATE_DIR
        self.updating = update and (current / "store").is_dir()
        try:
            if self.updating:
                source = ox.Store.read_only(str(current / "store"))
                source.backup(str(self.work / "store"))
                del source
                shutil.copy2(current / "registry.sqlite", self.work / "registry.sqlite")
            self.store = ox.Store(str(self.work / "store"))
            self.registry = Registry(self.work / "registry.sqlite")
            self._check_settings(base_iri)
            self.imported = update and not self.updating and self._import(out_dir / "graph.trig")
        except BaseException:
            shutil.rmtree(self.work, ignore_errors=True)
            raise
        self.dataset = open_dataset(self.store)
        self.buffer = QuadBuffer(self.store)
        attach_buffer(self.dataset, self.buffer)

    def flush(self) -> None:
        """Write buffered document quads to the store (before anything reads it)."""
        self.buffer.flush()

    def _check_settings(self, base_iri: str) -> None:
        recorded = self.registry.meta("schema")
        if recorded is not None and recorded != SCHEMA:
            raise StateError(f"{self.out_dir}/{STATE_DIR} was written by another GeoKG layout "
                             f"(schema {recorded}); build afresh without --update")
        base = self.registry.meta("base_iri")
        if base is not None and base != base_iri:
            raise StateError(f"{self.out_dir} was built with --base-iri {base}; use the same base IRI "
                             "or build afresh without --update")
        self.registry.set_meta("schema", SCHEMA)
        self.registry.set_meta("base_iri", base_iri)

    def _import(self, trig: Path) -> bool:
        """Start an update of an OUT that has a graph but no store (older GeoKG, restored backup).

        The graph is loaded as it is (a corrupt file raises :class:`kg.rdf.store.GraphError` naming the
        file and line, before anything is written) and its documents are registered so they are
        skipped, but their entity facts are unknown: the imported shared graph is kept, not rebuilt.
        """
        if not trig.is_file():
            return False
        from kg.rdf.store import load_store

        load_store(trig, self.store)
        query = ("SELECT ?id ?hash WHERE { GRAPH ?g { ?d <http://purl.org/dc/terms/identifier> ?id ; "
                 "<https://w3id.org/geokg/ontology#contentHash> ?hash } }")
        for row in self.store.query(query):
            self.registry.put_known(row["id"].value, row["hash"].value)
        self.updating = True
        return True

    def remove_graph(self, graph: str) -> None:
        """Drop one document's named graph (its document changed and is processed again)."""
        self.flush()
        node = ox.NamedNode(graph)
        if self.store.contains_named_graph(node):
            self.store.remove_graph(node)

    def clear_graph(self, graph: str) -> None:
        """Empty a named graph that is rewritten at the end of every build (the shared graph)."""
        self.flush()
        node = ox.NamedNode(graph)
        if self.store.contains_named_graph(node):
            self.store.clear_graph(node)

    def commit(self, publish: Sequence[Path] = ()) -> list[Path]:
        """Make the working copy the current state of ``OUT``: move the staged output files of
        ``publish`` (inside the working copy) into ``OUT``, then swap the state directory; return
        the published paths. Nothing slow happens between the first rename and the last."""
        self.registry.close()
        self.buffer.close()
        self.store.flush()
        del self.dataset, self.store
        published = []
        for path in publish:
            target = self.out_dir / path.name
            os.replace(path, target)
            published.append(target)
        for folder in {p.parent for p in publish if p.parent != self.work}:
            folder.rmdir()
        current = self.out_dir / STATE_DIR
        old = self.out_dir / f"{_OLD_PREFIX}{os.getpid()}"
        if current.exists():
            os.replace(current, old)
        os.replace(self.work, current)
        shutil.rmtree(old, ignore_errors=True)
        return published

    def abort(self) -> None:
        """Throw the working copy away; ``OUT`` stays as it was. Safe to call twice."""
        if not self.work.exists():
            return
        try:
            self.registry.close(commit=False)
            with contextlib.suppress(Exception):  # the error that aborts the build may be the writer's
                self.buffer.close()
        finally:
            self.__dict__.pop("dataset", None)
            self.__dict__.pop("store", None)
            shutil.rmtree(self.work, ignore_errors=True)
