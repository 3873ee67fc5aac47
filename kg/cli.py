"""The ``kg`` command: thin wrappers that parse options and call library functions.

Exit codes (also in the README):
  0  success
  1  finished, but some inputs were skipped or failed (build), or violations were found (validate)
  2  usage error (bad options or arguments)
  3  nothing could be processed: no output written or changed
  4  error: a graph, query or model could not be used; the message says which and why
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kg import __version__
from kg.vocab import DEFAULT_BASE_IRI

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_NOTHING, EXIT_ERROR = 0, 1, 2, 3, 4


class CliError(Exception):
    """A domain error shown as one line ``kg: message`` with an exit code."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


def _err(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


# -- build -------------------------------------------------------------------------------


def cmd_build(args: argparse.Namespace) -> int:
    """kg build: articles in, graph.ttl / graph.trig / graph.html / build.ttl out."""
    from kg.build import BuildOptions, build
    from kg.dateparse import iso_date

    if args.date and not iso_date(args.date):
        raise CliError(f"--date must be an ISO date (YYYY-MM-DD), got {args.date!r}", EXIT_USAGE)
    if args.processes < 1:
        raise CliError("--processes must be at least 1", EXIT_USAGE)
    formats = ("ttl", "trig") + tuple(f for f in args.format if f not in ("ttl", "trig"))
    options = BuildOptions(out_dir=Path(args.output), model=args.model, processes=args.processes,
                           base_iri=args.base_iri, date=iso_date(args.date) if args.date else "",
                           actors_file=Path(args.actors) if args.actors else None, formats=formats,
                           html=not args.no_html)
    inputs = list(args.inputs) + list(args.update)
    if not inputs:
        raise CliError("no INPUT given (files, directories, or --update NEW_INPUT)", EXIT_USAGE)
    report = build(inputs, options, on_problem=lambda p: _err(str(p)))
    if report.processed == 0:
        _err(f"kg build: no document could be processed ({report.failed} failed, {report.skipped} skipped)")
        return EXIT_NOTHING
    if not args.quiet:
        _err(f"kg build: {report.processed} documents, {report.events} events, {report.entities} entities "
             f"in {report.seconds:.1f} s; {report.skipped} skipped, {report.failed} failed, "
             f"{report.warnings} warnings → {options.out_dir}/")
    return EXIT_PARTIAL if report.failed or report.skipped else EXIT_OK


# -- triples / query ---------------------------------------------------------------------


def cmd_triples(args: argparse.Namespace) -> int:
    """kg triples: one row per event with the contract's columns."""
    from kg.triples import event_rows, format_rows

    sys.stdout.write(format_rows(event_rows(Path(args.graph)), args.format))
    return EXIT_OK


def cmd_query(args: argparse.Namespace) -> int:
    """kg query: SPARQL on the Oxigraph engine."""
    from kg.query import format_result, query_file

    if (args.query is None) == (args.file is None):
        raise CliError("give a query string or -f FILE.rq (one of them)", EXIT_USAGE)
    query = args.query if args.query is not None else _read_text(Path(args.file))
    result = query_file(Path(args.graph), query, allow_update=args.allow_update)
    sys.stdout.write(format_result(result, args.format))
    return EXIT_OK


def _read_text(path: Path) -> str:
    if str(path) == "-":
        return sys.stdin.read()
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise CliError(f"{path}: cannot read query: {err}") from None


# -- parser ------------------------------------------------------------------------------


def _build_parser(sub: argparse._SubParsersAction) -> None:
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
                   help="merge these inputs into the graph already in OUT instead of replacing it")
    p.add_argument("--format", nargs="*", default=[], choices=["ttl", "trig", "jsonld", "nt", "nq"],
                   help="extra serialisations to write besides graph.ttl and graph.trig")
    p.add_argument("--no-html", action="store_true", help="do not write graph.html")
    p.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    p.set_defaults(func=cmd_build)


def _query_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("triples", help="list extracted events as rows",
                       description="One row per event: doc, sentence, subject, subject_country, predicate, "
                                   "event_type, mode, object, object_country, negated, attributed_to, date, "
                                   "location, confidence, quote.")
    p.add_argument("graph", metavar="GRAPH", help="graph file (.ttl, .trig, .nt, .jsonld)")
    p.add_argument("--format", default="tsv", choices=["tsv", "csv", "json"], help="output format (default: tsv)")
    p.set_defaults(func=cmd_triples)

    p = sub.add_parser("query", help="run a SPARQL query",
                       description="Run a SPARQL query on the Oxigraph engine. The default graph is the union "
                                   "of all named graphs. Read-only unless --allow-update.")
    p.add_argument("graph", metavar="GRAPH", help="graph file")
    p.add_argument("query", nargs="?", metavar="QUERY", help="SPARQL query text")
    p.add_argument("-f", "--file", metavar="FILE.rq", help="read the query from a file ('-' for stdin)")
    p.add_argument("--format", default="table", choices=["table", "csv", "tsv", "json"])
    p.add_argument("--allow-update", action="store_true", help="permit SPARQL Update (changes are not saved)")
    p.set_defaults(func=cmd_query)


# -- export ------------------------------------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    """kg export: the actor graph as GraphML, GEXF or CSV tables."""
    from kg.exports import ExportError, export_graph, infer_format

    fmt = args.format or infer_format(Path(args.output))
    try:
        paths = export_graph(Path(args.graph), fmt, Path(args.output))
    except ExportError as err:
        raise CliError(str(err), EXIT_USAGE) from None
    except OSError as err:
        raise CliError(f"{args.output}: cannot write: {err}") from None
    if not args.quiet:
        _err(f"kg export: wrote {', '.join(str(p) for p in paths)}")
    return EXIT_OK


def _export_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export the actor network for Gephi, networkx or spreadsheets",
                       description="Write the actor graph (nodes: people, states, organisations, armed groups; "
                                   "edges: one per event between two of them) as GraphML, GEXF, or CSV tables "
                                   "actors.csv + events.csv (into directory FILE, or into FILE.zip).")
    p.add_argument("graph", metavar="GRAPH", help="graph file (.ttl, .trig, .nt, .jsonld)")
    p.add_argument("--format", choices=["graphml", "gexf", "csv"],
                   help="output format (default: from the extension of FILE: .graphml, .gexf, .zip or a directory)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="output file (csv: directory or .zip)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    p.set_defaults(func=cmd_export)


PARSER_SECTIONS: list[Callable[[argparse._SubParsersAction], None]] = [_build_parser, _query_parsers, _export_parser]


def make_parser() -> argparse.ArgumentParser:
    """The full ``kg`` argument parser."""
    parser = argparse.ArgumentParser(prog="kg", description="GeoKG: news about world affairs → an RDF "
                                                            "knowledge graph of actors and PLOVER events.")
    parser.add_argument("--version", action="version", version=f"kg (GeoKG) {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for section in PARSER_SECTIONS:
        section(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``kg`` console script; returns the exit code."""
    from kg.nlp import ModelNotFound
    from kg.query import QueryError
    from kg.store import GraphError

    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.func(args)
    except CliError as err:
        _err(f"kg {args.command}: {err}")
        return err.code
    except (GraphError, QueryError, ModelNotFound) as err:
        _err(f"kg {args.command}: {err}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        _err(f"kg {args.command}: interrupted; outputs left as they were")
        return 130
    except BrokenPipeError:
        return EXIT_OK
