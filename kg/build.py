"""``kg build`` as a library function: ingest → extract → graph → export, with a report.

Each document's graph is rendered where it was extracted, as its block of ``graph.trig``, and
spooled; ``graph.ttl``/``graph.trig`` are written from the blocks (an update copies those of
unchanged documents from the previous ``graph.trig``, which the registry under ``OUT/.geokg``
points into: :mod:`kg.rdf.persist`), and ``graph.html`` from an in-memory store of what the
explorer reads, picked from the blocks on the way (:mod:`kg.rdf.derived`). No RDF
store is written while documents are parsed; ``store=True`` (``kg build --store``) makes a
persistent query store at the end, which later ``--update`` builds keep up to date. With
``update=True`` the new documents are merged into what ``OUT`` holds: documents already processed
(same id and content hash) are skipped, changed ones replaced, and the shared graph (entity
descriptions, relation properties) is rebuilt from every document's recorded facts, so ``A`` then
``--update B`` gives the same bytes as ``A B`` at once. Every build works on a copy and swaps it in
at the end: an interrupted build leaves ``OUT`` as it was.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import socket
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef

from kg import __version__
from kg.atomic import atomic_write
from kg.ingest.reader import iter_documents
from kg.model import DocResult, Document, Problem
from kg.nlp.models import ModelInfo, available_model, load_model, model_info
from kg.pipeline.progress import progress
from kg.pipeline.run import PipelineConfig, extract_documents
from kg.rdf.merge import GraphBuilder
from kg.rdf.persist import CHANGED, NEW, STATE_TRIG, GraphState
from kg.rdf.serialize import prefixes, write_graph
from kg.rdf.terms import TurtleWriter
from kg.rdf.vocab import DEFAULT_BASE_IRI, GK, PROV


@dataclass(frozen=True)
class BuildOptions:
    """Options of ``kg build`` (see CONTRACT.md)."""

    out_dir: Path = Path("out")
    model: str | None = None
    processes: int = 1
    base_iri: str = DEFAULT_BASE_IRI
    date: str = ""
    actors_file: Path | None = None
    formats: tuple[str, ...] = ("ttl", "trig")
    html: bool = True
    update: bool = False  # merge into the graph already in out_dir instead of replacing it
    engine: str = "local"  # "local" or "dask"
    scheduler: str | None = None  # Dask scheduler address; None starts a LocalCluster
    progress: bool = False  # progress bar with documents/s on stderr (terminals only)
    propositions: bool = False  # also graph the clauses that are not events, as gk:Proposition
    store: bool = False  # also keep a persistent query store in OUT/.geokg/store (kept by --update)


@dataclass
class BuildReport:
    """What a build did: counts, problems, outputs and timing."""

    processed: int = 0
    events: int = 0
    entities: int = 0
    unchanged: int = 0  # documents already in the graph with the same content (update)
    replaced: int = 0  # documents already in the graph whose content changed (update)
    documents: int = 0  # documents in the graph after the build
    problems: list[Problem] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        """Inputs that could not be processed because of an error."""
        return sum(1 for p in self.problems if p.level == "failed")

    @property
    def skipped(self) -> int:
        """Inputs left out on purpose (empty, binary, duplicate, ...)."""
        return sum(1 for p in self.problems if p.level == "skipped")

    @property
    def warnings(self) -> int:
        """Inputs processed with a warning."""
        return sum(1 for p in self.problems if p.level == "warning")


def build(inputs: Iterable[str | Path], options: BuildOptions,
          on_problem: Callable[[Problem], None] | None = None) -> BuildReport:
    """Build the graph of ``inputs`` into ``options.out_dir``; return what happened."""
    report = BuildReport()
    started = dt.datetime.now(dt.UTC)
    t0 = time.perf_counter()

    def problem(p: Problem) -> None:
        report.problems.append(p)
        if on_problem:
            on_problem(p)

    state = GraphState(options.out_dir, options.update, options.base_iri, store=options.store)
    try:
        in_store = state.dataset is not None  # only a graph imported from a file is held in a store
        builder = GraphBuilder(options.base_iri, _model_info(options.model), dataset=state.dataset,
                               keep_facts=False, in_store=in_store)
        activity = builder.activity
        merge = _Merge(builder, state, report)
        # workers render each document's graph too: the merging process then only records bytes
        config = PipelineConfig(model=options.model, processes=options.processes, actors_file=options.actors_file,
                                engine=options.engine, scheduler=options.scheduler,
                                graph=(options.base_iri, str(activity), in_store),
                                propositions=options.propositions)
        docs = merge.select(iter_documents(inputs, problem, date=options.date))
        for result in progress(extract_documents(docs, config, problem), options.progress):
            merge.add(result)
            checkpoint("parse")
        checkpoint("merge")
        if report.processed == 0 and report.replaced == 0:
            state.abort()  # nothing new: OUT stays exactly as it was
            report.documents = report.unchanged
            report.seconds = time.perf_counter() - t0
            return report
        merge.replay_previous()
        if not state.imported:  # rebuilt from the registry; an imported one cannot be, so it is kept
            state.clear_graph(str(builder.iris.shared_graph()))
        rendered = state.registry.complete()  # False for a graph imported from a file
        shared_turtle = state.work / "shared.ttl"  # the shared graph as the exports write it
        with shared_turtle.open("wb") as turtle:
            dataset = builder.finish(state.registry.event_facts(), state.registry.terms(), turtle,
                                     from_store=not rendered)
        report.entities = len(builder.entities)
        report.documents = len(state.registry)
        # every output is staged in the working copy and published with it in one step, so that
        # OUT holds either the whole previous set or the whole new one (docs/robustness.md)
        staged = state.work / "outputs"
        staged.mkdir()
        outputs = _export(state, builder, dataset, options, rendered, staged)
        if state.keeps_store:
            _query_store(state, builder, merge, staged)
        for path in set(staged.iterdir()) - set(outputs):  # graph.trig when not asked for
            if path.name == "graph.trig" and rendered:
                path.replace(state.work / STATE_TRIG)  # the next --update copies blocks from it
            else:
                path.unlink()
        shared_turtle.unlink()
        del builder, merge, dataset
        report.seconds = time.perf_counter() - t0
        outputs.append(staged / "build.ttl")
        atomic_write(outputs[-1], _build_record(report, started, activity).serialize(format="turtle").encode())
        checkpoint("export")
        report.outputs = state.commit(publish=outputs)
    except BaseException:
        state.abort()
        raise
    return report


def checkpoint(point: str) -> None:
    """Testing hook: with ``GEOKG_PAUSE_AT=point`` (parse, merge or export) the build says so on
    stderr and waits there to be killed, so tests can interrupt it at a known point."""
    if os.environ.get("GEOKG_PAUSE_AT") != point:
        return
    sys.stderr.write(f"kg build: paused at {point}\n")
    sys.stderr.flush()
    while True:
        time.sleep(3600)


class _Merge:
    """Feeds document results into the graph builder and records them in the registry."""

    def __init__(self, builder: GraphBuilder, state: GraphState, report: BuildReport) -> None:
        self.builder = builder
        self.state = state
        self.report = report
        self.seen: set[str] = set()  # documents of this build (processed or replaced)

    def select(self, docs: Iterable[Document]) -> Iterator[Document]:
        """The documents to process: new ones and changed ones; unchanged ones are counted and skipped."""
        for doc in docs:
            status = self.state.registry.status(doc)
            if status == NEW:
                self.seen.add(doc.id)
                yield doc
            elif status == CHANGED:
                # the old version goes now: its graph and facts must not survive a failed re-extraction
                self.state.remove_graph(str(self.builder.iris.graph(doc.id)))
                self.state.registry.forget(doc.id)
                self.seen.add(doc.id)
                self.report.replaced += 1
                yield doc
            else:
                self.report.unchanged += 1

    def add(self, result: DocResult) -> None:
        """Add one document to the graph and record what it said about entities, relations and events."""
        graph = self.builder.add(result, result.graph)
        result.graph = None
        assert graph.packed is not None
        spool = self.state.spool
        offset = spool.tell()
        spool.write(graph.packed[0])  # the block, rendered by the worker: graph.trig is written from it
        self.state.registry.put(result.document, graph, offset)
        self.report.processed += 1
        self.report.events += len(result.events)

    def replay_previous(self) -> None:
        """Fold the facts of documents processed by earlier builds into the shared graph's records."""
        if not self.state.updating:
            return
        for stored in self.state.registry.documents(exclude=self.seen):
            for entity in stored.entities:
                self.builder._entity(entity)  # the same aggregation add() does, without the quads
            self.builder.relations.update((URIRef(rel), label) for rel, label in stored.relations)


def _export(state: GraphState, builder: GraphBuilder, dataset: Dataset | None, options: BuildOptions,
            rendered: bool, out: Path) -> list[Path]:
    """graph.ttl, graph.trig (+ extra formats) streamed; graph.html; all into ``out``. Returns the
    paths to publish: the formats asked for (``graph.trig`` is always written: the others, the
    query store and the next ``--update`` are made from it)."""
    from kg.rdf.derived import Explorer
    from kg.rdf.dump import CONVERTED, RENDERED, STREAMED, Blocks, convert, write_documents, write_store

    formats = tuple(dict.fromkeys(options.formats))
    explorer = None
    if rendered:
        state.spool.flush()
        writer = TurtleWriter(prefixes(options.base_iri), builder.iris.base)
        if options.html:
            explorer = Explorer(writer, str(builder.iris.shared_graph()), state.work / "shared.ttl")
        source = Blocks(state.previous_trig, state.spool_path)
        try:
            done = write_documents(state.work / "shared.ttl", state.registry.blocks(), source, out, options.base_iri,
                                   builder.reported_often, explorer)
        finally:
            source.close()
        state.registry.moved(done.placed)
        state.registry.set_trig_mark("out" if "trig" in formats else "state", done.size, done.digest)
        written = list(done.paths)
        for fmt in formats:
            if fmt in CONVERTED:
                convert(out / f"graph.{CONVERTED[fmt]}", fmt, out / f"graph.{fmt}")
                written.append(out / f"graph.{fmt}")
    else:  # a graph imported from a file: it is all in the in-memory store
        assert state.store is not None and dataset is not None
        written = write_store(state.store, out, options.base_iri, set(formats) | set(RENDERED))
        state.registry.unplace()  # this graph.trig is not made of blocks: later updates read it whole
    others = tuple(f for f in formats if f not in STREAMED)
    if others:
        if dataset is None:
            from kg.rdf.store import load_dataset

            dataset = load_dataset(out / "graph.trig")
        written += write_graph(dataset, out, options.base_iri, others)
    outputs = [p for p in written if p.suffix[1:] in formats]
    if options.html:
        from kg.outputs.viz import render_store

        store = state.store if state.store is not None else explorer.finish() if explorer is not None else None
        assert store is not None
        path = out / "graph.html"
        atomic_write(path, render_store(store).encode("utf-8"))
        outputs.append(path)
    return outputs


def _query_store(state: GraphState, builder: GraphBuilder, merge: _Merge, out: Path) -> None:
    """The persistent query store of ``--store``, made (or brought up to date) in the working copy."""
    from kg.rdf.derived import refresh_query_store
    from kg.rdf.dump import Blocks
    from kg.rdf.persist import STORE

    trig = out / "graph.trig"
    shared = str(builder.iris.shared_graph())
    if state.previous_store is None or state.imported:
        refresh_query_store(state.work / STORE, trig)
        return
    writer = TurtleWriter(prefixes(builder.iris.base), builder.iris.base)
    source = Blocks(trig, state.spool_path)  # the blocks are in the new graph.trig now
    try:
        added = [source.read(block) for block in state.registry.blocks(merge.seen)]
    finally:
        source.close()
    shared_block = f"<{shared}> {{\n".encode() + (state.work / "shared.ttl").read_bytes() + b"}\n"
    refresh_query_store(state.work / STORE, trig, state.previous_store, state.removed | {shared},
                        writer.prologue(), [*added, shared_block])


def _model_info(name: str | None) -> ModelInfo:
    """Name and version of the model, read from its package metadata (no need to load it here)."""
    import spacy
    from spacy import util

    package = available_model(name)
    try:
        meta = util.get_model_meta(Path(package) if Path(package).is_dir() else util.get_package_path(package))
    except (OSError, ValueError, KeyError):
        return model_info(load_model(name))
    return ModelInfo(name=f"{meta.get('lang', 'en')}_{meta.get('name', 'unknown')}",
                     version=str(meta.get("version", "")), spacy_version=spacy.__version__)


def _build_record(report: BuildReport, started: dt.datetime, activity: URIRef) -> Graph:
    """What varies between runs (times, host), kept out of graph.ttl so that stays byte-identical."""
    g = Graph()
    g.bind("prov", PROV)
    g.bind("gk", GK)
    run = URIRef(f"urn:uuid:{_uuid()}")
    ended = dt.datetime.now(dt.UTC)
    g.add((run, RDF.type, PROV.Activity))
    g.add((run, PROV.wasInformedBy, activity))
    g.add((run, PROV.startedAtTime, Literal(started.isoformat(timespec="seconds"), datatype=XSD.dateTime)))
    g.add((run, PROV.endedAtTime, Literal(ended.isoformat(timespec="seconds"), datatype=XSD.dateTime)))
    g.add((run, GK.softwareVersion, Literal(__version__)))
    # prov:atLocation wants a prov:Location node; the host is only a note for humans.
    g.add((run, RDFS.comment, Literal(f"built on host {socket.gethostname()} ({platform.platform()})")))
    g.add((run, GK.documentsProcessed, Literal(report.processed)))
    g.add((run, GK.eventsExtracted, Literal(report.events)))
    g.add((run, GK.problemsReported, Literal(len(report.problems))))
    return g


def _uuid() -> str:
    import uuid

    return str(uuid.uuid4())
