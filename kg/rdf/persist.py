"""The persistent graph under ``OUT/``: a document registry, and a query store when asked for.

Layout::

    OUT/graph.trig             every document's named graph as one ``<graph> { … }`` block, in IRI
                               order: the one copy of the rendered graphs (kg.rdf.dump)
    OUT/.geokg/registry.sqlite every processed document: id, content hash, where its block is in
                               graph.trig (offset, length, start of its shareable statements), the
                               vocabulary terms it uses, and what it said that the shared graph is
                               made of (entities, relation properties, its reports' facts) — about
                               0.04x graph.trig; plus graph.trig's size and digest
    OUT/.geokg/graph.trig      only for a build whose formats leave graph.trig out: kept here instead
    OUT/.geokg/store/          only with ``kg build --store``: an Oxigraph (RocksDB) store of graph.trig
                               for ``kg query``/``kg serve``, kept up to date by ``--update``
                               (kg.rdf.derived); never written while documents are parsed

``--update`` copies the blocks of unchanged documents from the graph.trig the registry records
and renders only the new ones (into ``blocks.spool`` of the working copy, then into the new
graph.trig). So that file is part of the state: before anything is parsed, an update checks its
size and digest, and refuses — one line naming the file and why, nothing written — a graph.trig
that was removed, edited or replaced since (build afresh without ``--update``).

Atomicity: a build never writes into ``OUT/.geokg`` itself. It works in ``OUT/.geokg.work-PID``
(for ``--update``, a copy of the registry and a checkpoint of the store: hard links, cheap) and
stages every output there. :meth:`GraphState.commit` renames it ``.geokg.ready-PID``, moves the
outputs into ``OUT`` and swaps the state directories with two renames. An interruption before
that leaves the previous state and exports untouched (the next build removes the abandoned work
directory); one after it is completed by the next build (:func:`recover`), so graph.trig and the
registry pointing into it always come from the same build.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from kg.rdf.iris import IriMinter
from kg.rdf.merge import new_dataset
from kg.rdf.registry import CHANGED, NEW, SAME, SCHEMA, Registry, StateError, migrate
from kg.rdf.store import STATE_DIR, STORE

__all__ = ["CHANGED", "NEW", "SAME", "STATE_DIR", "STORE", "GraphState", "Registry", "StateError", "recover"]

_WORK_PREFIX = ".geokg.work-"
_OLD_PREFIX = ".geokg.old-"
_READY_PREFIX = ".geokg.ready-"
#: The folder of a working copy where a build stages its outputs (published by commit()).
_OUTPUTS = "outputs"
#: Where a build renders its documents' blocks before graph.trig is written (in the working copy).
SPOOL = "blocks.spool"
#: The state's own copy of graph.trig, for a build whose formats leave graph.trig out.
STATE_TRIG = "graph.trig"


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
        if entry.name.startswith(_READY_PREFIX):
            _publish(entry, out_dir)  # a finished build cut short while publishing: finish it
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


def _publish(ready: Path, out_dir: Path) -> None:
    """Publish a finished working copy ``ready``: move its staged outputs into ``out_dir``, then
    swap it in as the state. Run again after an interruption, it completes what is left."""
    staged = ready / _OUTPUTS
    if staged.is_dir():
        for path in sorted(staged.iterdir()):
            os.replace(path, out_dir / path.name)
        staged.rmdir()
    current = out_dir / STATE_DIR
    old = out_dir / f"{_OLD_PREFIX}{ready.name[len(_READY_PREFIX):]}"
    if current.exists():
        os.replace(current, old)
    os.replace(ready, current)
    shutil.rmtree(old, ignore_errors=True)


class GraphState:
    """A build's working copy of the persistent graph; :meth:`commit` makes it the current one.

    Nothing here is an RDF store on the hot path: documents go to the registry as rendered. Only a
    graph imported from a file (an ``OUT`` without registry) is held in an in-memory store
    (:attr:`store`), and the query store of ``kg build --store`` is made at the end
    (:mod:`kg.rdf.derived`).
    """

    def __init__(self, out_dir: Path, update: bool, base_iri: str, store: bool = False) -> None:
        self.out_dir = out_dir
        out_dir.mkdir(parents=True, exist_ok=True)
        recover(out_dir)
        self.work = out_dir / f"{_WORK_PREFIX}{os.getpid()}-{os.urandom(4).hex()}"
        self.work.mkdir()
        current = out_dir / STATE_DIR
        self.updating = update and (current / "registry.sqlite").is_file()
        self.store: ox.Store | None = None
        self.removed: set[str] = set()  # graphs of documents replaced by this build
        #: the graph.trig the registry's blocks are in (None: a new build, or all blocks are spooled)
        self.previous_trig: Path | None = None
        #: this build's documents' blocks, in the order they were processed (kg.rdf.dump.Blocks)
        self.spool_path = self.work / SPOOL
        self.spool = self.spool_path.open("w+b")
        try:
            if self.updating:
                shutil.copy2(current / "registry.sqlite", self.work / "registry.sqlite")
            iris = IriMinter(base_iri)
            self.registry = Registry(self.work / "registry.sqlite", lambda doc_id: str(iris.graph(doc_id)), iris.base)
            self._check_settings(base_iri)
            if self.updating and self.registry.complete() and len(self.registry.spooled) < len(self.registry):
                self.previous_trig = self._check_trig()
            # a graph imported from a file is not made of blocks: every later update imports it again
            self.imported = update and (not self.updating or not self.registry.complete()) and \
                self._import(out_dir / "graph.trig", required=self.updating)
            #: whether this build keeps a query store (asked for now, or by the build it updates)
            self.keeps_store = store or (self.updating and self.registry.meta("store") == "1")
            self.registry.set_meta("store", "1" if self.keeps_store else "0")
        except BaseException:
            self.spool.close()
            if "registry" in self.__dict__:
                self.registry.close(commit=False)
            shutil.rmtree(self.work, ignore_errors=True)
            raise
        #: the query store this build updates, if the current state has one
        self.previous_store = current / STORE if self.updating and (current / STORE).is_dir() else None
        self.dataset = open_dataset(self.store) if self.store is not None else None

    def _check_settings(self, base_iri: str) -> None:
        base = self.registry.meta("base_iri")
        if base is not None and base != base_iri:
            raise StateError(f"{self.out_dir} was built with --base-iri {base}; use the same base IRI "
                             "or build afresh without --update")
        recorded = self.registry.meta("schema")
        if recorded in ("2", "3"):  # graphs kept in the registry: moved to blocks of graph.trig
            from kg.rdf.derived import named_block
            from kg.rdf.serialize import prefixes
            from kg.rdf.terms import TurtleWriter

            writer = TurtleWriter(prefixes(base_iri), IriMinter(base_iri).base)
            migrate(self.registry, recorded, lambda g, t, s: named_block(writer, g, t, s), self.spool)
        elif recorded is not None and recorded != SCHEMA:
            raise StateError(f"{self.out_dir}/{STATE_DIR} was written by another GeoKG layout "
                             f"(schema {recorded}); build afresh without --update")
        self.registry.create()
        self.registry.set_meta("schema", SCHEMA)
        self.registry.set_meta("base_iri", base_iri)

    def _check_trig(self) -> Path:
        """The graph.trig the registry's blocks are in, checked to be the one the last build wrote
        (size, then digest: one read of the file); :class:`StateError` naming it and why, if not."""
        from kg.rdf.dump import trig_digest

        mark = self.registry.trig_mark()
        if mark is None:
            raise StateError(f"{self.out_dir / STATE_DIR}: the registry does not say which graph.trig holds its "
                             "graphs; build afresh without --update")
        place, size, digest = mark
        path = self.out_dir / STATE_DIR / STATE_TRIG if place == "state" else self.out_dir / "graph.trig"
        reason = ""
        if not path.is_file():
            reason = "is missing"
        elif path.stat().st_size != size:
            reason = f"has {path.stat().st_size} bytes, not the {size} the last build wrote"
        elif trig_digest(path) != digest:
            reason = "is not the file the last build wrote (its digest differs)"
        if reason:
            raise StateError(f"{path} {reason}: --update copies the unchanged documents' graphs from it; "
                             "restore it or build afresh without --update")
        return path

    def _import(self, trig: Path, required: bool = False) -> bool:
        """Start an update of an OUT that has a graph but no registry (older GeoKG, restored backup).

        The graph is loaded as it is into an in-memory store (a corrupt file raises
        :class:`kg.rdf.store.GraphError` naming the file and line, before anything is written) and
        its documents are registered so they are skipped, but their entity facts are unknown: the
        imported shared graph is kept, not rebuilt.
        """
        if not trig.is_file():
            if required:
                raise StateError(f"{trig} is missing: --update of a graph imported from a file reads it "
                                 "again; restore it or build afresh without --update")
            return False
        from kg.rdf.store import load_store

        self.store = load_store(trig)
        query = ("SELECT ?id ?hash WHERE { GRAPH ?g { ?d <http://purl.org/dc/terms/identifier> ?id ; "
                 "<https://w3id.org/geokg/ontology#contentHash> ?hash } }")
        for row in self.store.query(query):
            if not self.registry.known(row["id"].value):  # those processed since have their facts
                self.registry.put_known(row["id"].value, row["hash"].value)
        self.updating = True
        return True

    def remove_graph(self, graph: str) -> None:
        """Drop one document's named graph (its document changed and is processed again)."""
        self.removed.add(graph)
        node = ox.NamedNode(graph)
        if self.store is not None and self.store.contains_named_graph(node):
            self.store.remove_graph(node)

    def clear_graph(self, graph: str) -> None:
        """Empty a named graph that is rewritten at the end of every build (the shared graph)."""
        node = ox.NamedNode(graph)
        if self.store is not None and self.store.contains_named_graph(node):
            self.store.clear_graph(node)

    def commit(self, publish: Sequence[Path] = ()) -> list[Path]:
        """Make the working copy the current state of ``OUT``: move the staged output files of
        ``publish`` (in its ``outputs`` folder) into ``OUT``, then swap the state directory; return
        the published paths.

        The working copy is first renamed ``.geokg.ready-*``: from then on the build is finished,
        and an interruption is completed by the next build (:func:`recover`) rather than undone, so
        that ``graph.trig`` and the registry that points into it are never from different builds.
        Nothing slow happens between the first rename and the last.
        """
        self.spool.close()
        self.spool_path.unlink(missing_ok=True)
        self.registry.close(compact=True)
        self.__dict__.pop("dataset", None)
        self.store = None
        staged = self.work / _OUTPUTS
        for path in set(staged.iterdir() if staged.is_dir() else ()) - set(publish):
            path.unlink()
        assert all(p.parent == staged for p in publish)
        ready = self.out_dir / f"{_READY_PREFIX}{self.work.name[len(_WORK_PREFIX):]}"
        os.replace(self.work, ready)
        _publish(ready, self.out_dir)
        return [self.out_dir / p.name for p in publish]

    def abort(self) -> None:
        """Throw the working copy away; ``OUT`` stays as it was. Safe to call twice."""
        if not self.work.exists():
            return
        try:
            self.spool.close()
            if "registry" in self.__dict__:
                self.registry.close(commit=False)
        finally:
            self.__dict__.pop("dataset", None)
            self.store = None
            shutil.rmtree(self.work, ignore_errors=True)
