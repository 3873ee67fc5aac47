"""The ``kg`` command: thin wrappers that parse options and call library functions.

Exit codes (also in the README):
  0  success
  1  finished, but some inputs were skipped or failed (build), or violations were found (validate)
  2  usage error (bad options or arguments)
  3  nothing could be processed: no output written or changed
  4  error: a graph, query or model could not be used, a query hit --timeout, or an output could not
     be written; the message says which and why, and outputs already in OUT are left as they were
  130  interrupted (Ctrl-C); outputs left as they were
Every problem with an input is one line ``path[:line]: reason`` on stderr; see docs/robustness.md.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kg import __version__
from kg.rdf.vocab import DEFAULT_BASE_IRI

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
                           scheduler=args.scheduler, progress=not args.quiet, propositions=args.propositions)
    if args.scheduler and args.engine != "dask":
        raise CliError("--scheduler needs --engine dask", EXIT_USAGE)
    inputs = list(args.inputs) + list(args.update)
    if not inputs:
        raise CliError("no INPUT given (files, directories, or --update NEW_INPUT)", EXIT_USAGE)
    from kg.rdf.persist import StateError

    try:
        report = build(inputs, options, on_problem=lambda p: _err(str(p)))
    except StateError as err:
        raise CliError(str(err)) from None
    if report.processed == 0 and report.unchanged == 0:
        _err(f"kg build: no document could be processed ({report.failed} failed, {report.skipped} skipped)")
        return EXIT_NOTHING
    if not args.quiet:
        kept = f"{report.unchanged} unchanged (already in the graph), " if options.update else ""
        _err(f"kg build: {report.processed} documents, {report.events} events, {report.entities} entities "
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
    p.add_argument("--propositions", action="store_true",
                   help="also keep, as gk:Proposition (never gk:Event, no PLOVER type), the clauses that are "
                        "not events: no known actor, copular, speech or light predicates, idioms")
    p.add_argument("-q", "--quiet", action="store_true", help="print only problems (no progress bar or summary)")
    p.set_defaults(func=cmd_build)


def _query_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("triples", help="list extracted events as rows",
                       description="One row per event: doc, sentence, subject, subject_country, predicate, "
                                   "event_type, mode, object, object_country, negated, attributed_to, date, "
                                   "location, confidence, quote.")
    p.add_argument("graph", metavar="GRAPH", help="graph file (.ttl, .trig, .nt, .jsonld)")
    p.add_argument("--format", default="tsv", choices=["tsv", "csv", "json"], help="output format (default: tsv)")
    p.add_argument("--propositions", action="store_true",
                   help="also list the clauses kept as gk:Proposition (graphs built with --propositions)")
    p.set_defaults(func=cmd_triples)

    p = sub.add_parser("query", help="run a SPARQL query",
                       description="Run a SPARQL query on the Oxigraph engine. The default graph is the union "
                                   "of all named graphs. Read-only unless --allow-update.")
    p.add_argument("graph", metavar="GRAPH", help="graph file")
    p.add_argument("query", nargs="?", metavar="QUERY", help="SPARQL query text")
    p.add_argument("-f", "--file", metavar="FILE.rq", help="read the query from a file ('-' for stdin)")
    p.add_argument("--format", default="table", choices=["table", "csv", "tsv", "json"])
    p.add_argument("--allow-update", action="store_true", help="permit SPARQL Update (changes are not saved)")
    p.add_argument("--timeout", type=float, metavar="SECONDS",
                   help="stop loading + querying after SECONDS and exit with code 4 (default: no limit)")
    p.set_defaults(func=cmd_query)


# -- export ------------------------------------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    """kg export: the actor graph as GraphML, GEXF or CSV tables."""
    from kg.outputs.networks import ExportError, export_graph, infer_format

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


# -- viz ---------------------------------------------------------------------------------


def cmd_viz(args: argparse.Namespace) -> int:
    """kg viz: the interactive HTML explorer of an existing graph, optionally limited."""
    from kg.outputs.viz import PageOptions, make_selection, write_viz

    try:
        selection = make_selection(args.top, args.country or "", args.event_type, args.since or "", args.until or "")
    except ValueError as err:
        raise CliError(str(err), EXIT_USAGE) from None
    options = PageOptions(title=args.title or f"GeoKG: {Path(args.graph).name}", note=selection.describe())
    try:
        drawn = write_viz(Path(args.graph), Path(args.output), selection, options)
    except OSError as err:
        raise CliError(f"{args.output}: cannot write: {err}") from None
    if not args.quiet:
        _err(f"kg viz: wrote {args.output} ({drawn} events)")
    return EXIT_OK


def _viz_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("viz", help="write the interactive HTML explorer of a graph",
                       description="Write a self-contained HTML page (works offline, from disk) to explore the "
                                   "actors and events of GRAPH: search, filters, evidence of every event. "
                                   "Graphs of more than 800 nodes get a precomputed layout with physics off.")
    p.add_argument("graph", metavar="GRAPH", help="graph file (.ttl, .trig, .nt, .jsonld)")
    p.add_argument("-o", "--output", required=True, metavar="FILE.html", help="HTML file to write")
    p.add_argument("--top", type=int, default=0, metavar="N", help="keep only the N actors in most events")
    p.add_argument("--country", metavar="ISO", help="keep events whose subject or object belongs to this country")
    p.add_argument("--event-type", action="append", default=[], metavar="T",
                   help="keep events of PLOVER type T (repeat or comma-separate: ACCUSE,REJECT)")
    p.add_argument("--since", metavar="DATE", help="keep events on or after DATE (YYYY[-MM[-DD]])")
    p.add_argument("--until", metavar="DATE", help="keep events on or before DATE (YYYY[-MM[-DD]])")
    p.add_argument("--title", help="page title (default: GeoKG: GRAPH file name)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    p.set_defaults(func=cmd_viz)


# -- validate / load ---------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    """kg validate: SHACL validation against ontologies/shapes.ttl; exit 1 on violations."""
    from kg.ops.validate import findings

    results = findings(Path(args.graph))
    violations = [f for f in results if f.severity == "Violation"]
    for finding in results:
        if finding.severity == "Violation" or args.warnings:
            print(finding)
    if not args.quiet:
        warnings = len(results) - len(violations)
        _err(f"kg validate: {args.graph}: {'conforms' if not violations else 'does not conform'} "
             f"({len(violations)} violations, {warnings} warnings)")
    return EXIT_PARTIAL if violations else EXIT_OK


def cmd_load(args: argparse.Namespace) -> int:
    """kg load: Graph Store Protocol upload, or into an embedded persistent Oxigraph store."""
    from kg.ops.load import LoadError, load_graph, load_into_store

    if (args.endpoint is None) == (args.store is None):
        raise CliError("give --endpoint URL or --store DIR (one of them)", EXIT_USAGE)
    try:
        if args.store is not None:
            result = load_into_store(Path(args.graph), Path(args.store), args.graph_iri)
        else:
            result = load_graph(Path(args.graph), args.endpoint, args.graph_iri, user=args.user,
                                password=args.password, auth=args.auth)
    except LoadError as err:
        raise CliError(str(err)) from None
    if not args.quiet:
        _err(f"kg load: {result.total} triples in {len(result.triples)} graph(s) → {result.target}")
    return EXIT_OK


def _validate_load_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check a graph against GeoKG's SHACL shapes",
                       description="Validate GRAPH against ontologies/shapes.ttl (pySHACL). Prints one line per "
                                   "violation and exits 1 when there are any, 0 when the graph conforms.")
    p.add_argument("graph", metavar="GRAPH", help="graph file (.ttl, .trig, .nt, .nq, .jsonld)")
    p.add_argument("--warnings", action="store_true", help="also print warnings (they do not change the exit code)")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("load", help="push a graph into a triple store",
                       description="Upload GRAPH over the SPARQL 1.1 Graph Store HTTP Protocol (Fuseki, GraphDB, "
                                   "Virtuoso, Oxigraph server), replacing the target graph, or load it into an "
                                   "embedded persistent Oxigraph store. Credentials: --user/--password or the "
                                   "GEOKG_USER/GEOKG_PASSWORD environment variables; digest or basic auth.")
    p.add_argument("graph", metavar="GRAPH", help="graph file (.ttl, .trig, .nt, .nq, .jsonld)")
    target = p.add_mutually_exclusive_group()
    target.add_argument("--endpoint", metavar="URL",
                        help="Graph Store endpoint (e.g. http://localhost:3030/ds/data, "
                             "http://localhost:8890/sparql-graph-crud-auth)")
    target.add_argument("--store", metavar="DIR", help="embedded persistent Oxigraph store directory")
    p.add_argument("--graph", dest="graph_iri", metavar="IRI",
                   help="target graph (default: the default graph; TriG keeps its named graphs)")
    p.add_argument("--user", help="user name (default: $GEOKG_USER)")
    p.add_argument("--password", help="password (default: $GEOKG_PASSWORD; prefer the variable)")
    p.add_argument("--auth", choices=["auto", "digest", "basic"], default="auto",
                   help="HTTP authentication scheme (default: as the server asks)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    p.set_defaults(func=cmd_load)


# -- eval --------------------------------------------------------------------------------


def cmd_eval(args: argparse.Namespace) -> int:
    """kg eval: precision/recall/F1 of a graph's events against gold annotations."""
    import json

    from kg.ops.evaluate import evaluate, format_report

    gold = Path(args.gold_dir)
    if not gold.is_dir() or not any(gold.glob("*.gold.json")):
        raise CliError(f"{gold}: no *.gold.json files (see eval/GUIDELINES.md)", EXIT_USAGE)
    res = evaluate(gold, Path(args.graph))
    if args.explain:
        from kg.ops.explain import explain_graph, format_explanation

        res["explain"] = explain_graph(gold, Path(args.graph))
    text = json.dumps(res, indent=1) if args.json else format_report(res)
    if args.explain and not args.json:
        text = format_explanation(res["explain"]) + "\n" + text
    sys.stdout.write(text.rstrip("\n") + "\n")
    return EXIT_OK


def _eval_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="score extracted events against gold annotations",
                       description="Precision, recall and F1 of the graph's events against GOLD_DIR/*.gold.json "
                                   "(matching rules of eval/GUIDELINES.md; same numbers as eval/score.py), "
                                   "per document and overall, plus entity recall and fragmentation.")
    p.add_argument("gold_dir", metavar="GOLD_DIR", help="directory of *.gold.json files (e.g. eval/dev)")
    p.add_argument("graph", metavar="GRAPH", help="graph file built from the same articles")
    p.add_argument("--json", action="store_true", help="print a JSON object with precision, recall, f1, ...")
    p.add_argument("--explain", action="store_true",
                   help="also list every gold event missed and every typed system event unmatched, with its "
                        "sentence and most likely cause (not extracted, wrong type, no actor, wrong actor, "
                        "wrong object), and the counts by cause")
    p.set_defaults(func=cmd_eval)


PARSER_SECTIONS: list[Callable[[argparse._SubParsersAction], None]] = [
    _build_parser, _query_parsers, _export_parser, _viz_parser, _validate_load_parsers, _eval_parser]


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
    from kg.nlp.models import ModelNotFound
    from kg.rdf.query import QueryError
    from kg.rdf.store import GraphError

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
    except OSError as err:  # e.g. OUT not writable, disk full: outputs already there are untouched
        where = f"{err.filename}: " if err.filename else ""
        _err(f"kg {args.command}: {where}{err.strerror or err}")
        return EXIT_ERROR
