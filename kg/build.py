"""``kg build`` as a library function: ingest → extract → graph → export, with a report."""

from __future__ import annotations

import datetime as dt
import platform
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, XSD, Graph, Literal, URIRef

from kg import __version__
from kg.export import atomic_write, write_graph
from kg.graph import GraphBuilder
from kg.ingest import iter_documents
from kg.model import Problem
from kg.nlp import load_model, model_info
from kg.pipeline import PipelineConfig, extract_documents
from kg.vocab import DEFAULT_BASE_IRI, GK, PROV


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


@dataclass
class BuildReport:
    """What a build did: counts, problems, outputs and timing."""

    processed: int = 0
    events: int = 0
    entities: int = 0
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

    nlp_info = model_info(load_model(options.model))
    builder = GraphBuilder(options.base_iri, nlp_info)
    config = PipelineConfig(model=options.model, processes=options.processes, actors_file=options.actors_file)
    docs = iter_documents(inputs, problem, date=options.date)
    for result in extract_documents(docs, config, problem):
        builder.add(result)
        report.processed += 1
        report.events += len(result.events)
    if report.processed == 0:
        return report  # nothing to add: existing outputs stay exactly as they were
    dataset = builder.finish()
    report.entities = len(builder.entities)
    out = options.out_dir
    report.outputs = write_graph(dataset, out, options.base_iri, options.formats)
    if options.html:
        from kg.viz import render_html

        html_path = out / "graph.html"
        atomic_write(html_path, render_html(dataset).encode("utf-8"))
        report.outputs.append(html_path)
    report.seconds = time.perf_counter() - t0
    build_path = out / "build.ttl"
    atomic_write(build_path, _build_record(report, started, builder.activity).serialize(format="turtle").encode())
    report.outputs.append(build_path)
    return report


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
    g.add((run, PROV.atLocation, Literal(f"{socket.gethostname()} ({platform.platform()})")))
    g.add((run, GK.documentsProcessed, Literal(report.processed)))
    g.add((run, GK.eventsExtracted, Literal(report.events)))
    g.add((run, GK.problemsReported, Literal(len(report.problems))))
    return g


def _uuid() -> str:
    import uuid

    return str(uuid.uuid4())
