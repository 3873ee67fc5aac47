"""``kg build``, ``kg triples`` and ``kg query``: building a graph and reading it as rows or SPARQL."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.cli.common import EXIT_NOTHING, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, CliError, graph_command, say
from kg.rdf.vocab import DEFAULT_BASE_IRI

# -- build -------------------------------------------------------------------------------


def cmd_build(args: argparse.Namespace) -> int:
    """kg build: articles in, graph.ttl / graph.trig / graph.html / build.ttl out."""
    from kg.build import BuildOptions, build
    from kg.isodate import iso_date

    if args.date and not iso_date(args.date):
        raise CliError(f"--date must be an ISO date (YYYY-MM-DD), got {args.date!r}", EXIT_USAGE)
    if args.processes < 1:
        raise CliError("--processes must be at least 1", EXIT_USAGE)
    _check_base_iri(args.base_iri)
    formats = ("ttl", "trig", *(f for f in args.format if f not in ("ttl", "trig")))
    options = BuildOptions(out_dir=Path(args.output), model=args.model, processes=args.processes,
                           base_iri=args.base_iri, date=iso_date(args.date) if args.date else "",
                           actors_file=Path(args.actors) if args.actors else None, formats=formats,
                           html=not args.no_html, update=bool(args.update), engine=args.engine,
                           scheduler=args.scheduler, progress=not args.quiet, propositions=args.propositions,
                           store=args.store)
    if args.scheduler and args.engine != "dask":
        raise CliError("--scheduler needs --engine dask", EXIT_USAGE)
    inputs = list(args.inputs) + list(args.update)
    if not inputs:
        raise CliError("no INPUT given (files, directories, or --update NEW_INPUT)", EXIT_USAGE)
    from kg.rdf.persist import StateError

    try:
        report = build(inputs, options, on_problem=lambda p: say(str(p)))
    except StateError as err:
        raise CliError(str(err)) from None
    if report.processed == 0 and report.unchanged == 0:
        say(f"kg build: no document could be processed ({report.failed} failed, {report.skipped} skipped)")
        return EXIT_NOTHING
    if not args.quiet:
        kept = f"{report.unchanged} unchanged (already in the graph), " if options.update else ""
        say(f"kg build: {report.processed} documents, {report.events} events, {report.entities} entities "
             f"in {report.seconds:.1f} s; {kept}{report.skipped} skipped, {report.failed} failed, "
             f"{report.warnings} warnings → {options.out_dir}/")
    return EXIT_PARTIAL if report.failed or report.skipped else EXIT_OK


# -- triples / query ---------------------------------------------------------------------


def cmd_triples(args: argparse.Namespace) -> int:
    """kg triples: one row per event with the contract's columns."""
    from kg.outputs.triples import event_rows, format_rows

    sys.stdout.write(format_rows(event_rows(Path(args.graph), args.propositions), args.format))
    return EXIT_OK


def cmd_query(args: argparse.Namespace) -> int:
    """kg query: SPARQL on the Oxigraph engine."""
    from kg.rdf.query import format_result, query_file

    if (args.query is None) == (args.file is None):
        raise CliError("give a query string or -f FILE.rq (one of them)", EXIT_USAGE)
    query = args.query if args.query is not None else _read_text(Path(args.file))
    if args.timeout is not None and args.timeout <= 0:
        raise CliError(f"--timeout must be a positive number of seconds, got {args.timeout:g}", EXIT_USAGE)
    result = query_file(Path(args.graph), query, allow_update=args.allow_update, timeout=args.timeout)
    sys.stdout.write(format_result(result, args.format))
    return EXIT_OK


def _check_base_iri(base_iri: str) -> None:
    from kg.rdf.iris import IriMinter

    try:
        IriMinter(base_iri)
    except ValueError as err:
        raise CliError(str(err), EXIT_USAGE) from None


def _read_text(path: Path) -> str:
    if str(path) == "-":
        return sys.stdin.read()
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise CliError(f"{path}: cannot read query: {err}") from None


# -- parser ------------------------------------------------------------------------------


def build_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="extract a knowledge graph from news articles",
                       description="Read articles (.txt .md .html .jsonl or directories), extract actors and "
                                   "events, and write OUT/graph.ttl, graph.trig, graph.html and build.ttl.")
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="files or directories to read")
    p.add_argument("-o", "--output", default="out", metavar="OUT", help="output directory (default: out/)")
    p.add_argument("--model", help="spaCy pipeline to use (default: best installed en_core_web_*)")
    p.add_argument("--processes", type=int, default=1, metavar="N", help="worker processes (default: 1)")
    p.add_argument("--base-iri", default=DEFAULT_BASE_IRI, help=f"IRI base of resources (default: {DEFAULT_BASE_IRI})")
    p.add_argument("--date", default="", help="publication date (YYYY-MM-DD) for documents that carry none")
    p.add_argument("--actors", metavar="FILE", help="extra actors and aliases (CSV or YAML)")
    p.add_argument("--update", nargs="+", metavar="NEW_INPUT", default=[],
                   help="merge these inputs into the graph already in OUT instead of replacing it; documents "
                        "already in it (same id and content) are skipped")
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="where extraction runs: this machine (default) or a Dask cluster")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler address (tcp://host:8786); without it --engine dask starts a "
                        "LocalCluster of --processes workers")
    p.add_argument("--format", nargs="*", default=[], choices=["ttl", "trig", "jsonld", "nt", "nq"],
                   help="extra serialisations to write besides graph.ttl and graph.trig")
    p.add_argument("--no-html", action="store_true", help="do not write graph.html")
    p.add_argument("--store", action="store_true",
                   help="also keep a persistent Oxigraph store of the graph in OUT/.geokg/store, which kg query "
                        "and kg serve OUT use without loading; later --update builds keep it up to date")
    p.add_argument("--propositions", action="store_true",
                   help="also keep, as gk:Proposition (never gk:Event, no PLOVER type), the clauses that are "
                        "not events: no known actor, copular, speech or light predicates, idioms")
    p.add_argument("-q", "--quiet", action="store_true", help="print only problems (no progress bar or summary)")
    p.set_defaults(func=cmd_build)


def query_parsers(sub: argparse._SubParsersAction) -> None:
    p = graph_command(sub, "triples", help="list extracted events as rows",
                       description="One row per event: doc, sentence, subject, subject_country, predicate, "
                                   "event_type, mode, object, object_country, negated, attributed_to, date, "
                                   "location, confidence, quote.")
    p.add_argument("--format", default="tsv", choices=["tsv", "csv", "json"], help="output format (default: tsv)")
    p.add_argument("--propositions", action="store_true",
                   help="also list the clauses kept as gk:Proposition (graphs built with --propositions)")
    p.set_defaults(func=cmd_triples)

    p = graph_command(sub, "query", help="run a SPARQL query",
                       description="Run a SPARQL query on the Oxigraph engine. The default graph is the union "
                                   "of all named graphs. Read-only unless --allow-update.")
    p.add_argument("query", nargs="?", metavar="QUERY", help="SPARQL query text")
    p.add_argument("-f", "--file", metavar="FILE.rq", help="read the query from a file ('-' for stdin)")
    p.add_argument("--format", default="table", choices=["table", "csv", "tsv", "json"])
    p.add_argument("--allow-update", action="store_true", help="permit SPARQL Update (changes are not saved)")
    p.add_argument("--timeout", type=float, metavar="SECONDS",
                   help="stop loading + querying after SECONDS and exit with code 4 (default: no limit)")
    p.set_defaults(func=cmd_query)


