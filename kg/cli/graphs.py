"""``kg export``, ``viz``, ``validate``, ``load``, ``eval`` and ``serve``: commands over a finished graph."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.cli.common import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, CliError, graph_command, say
from kg.rdf.vocab import DEFAULT_BASE_IRI

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
        say(f"kg export: wrote {', '.join(str(p) for p in paths)}")
    return EXIT_OK


def export_parser(sub: argparse._SubParsersAction) -> None:
    p = graph_command(sub, "export", help="export the actor network for Gephi, networkx or spreadsheets",
                       description="Write the actor graph (nodes: people, states, organisations, armed groups; "
                                   "edges: one per event between two of them) as GraphML, GEXF, or CSV tables "
                                   "actors.csv + events.csv (into directory FILE, or into FILE.zip).")
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
        say(f"kg viz: wrote {args.output} ({drawn} events)")
    return EXIT_OK


def viz_parser(sub: argparse._SubParsersAction) -> None:
    p = graph_command(sub, "viz", help="write the interactive HTML explorer of a graph",
                       description="Write a self-contained HTML page (works offline, from disk) to explore the "
                                   "actors and events of GRAPH: search, filters, evidence of every event. "
                                   "Graphs of more than 800 nodes get a precomputed layout with physics off.")
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
        say(f"kg validate: {args.graph}: {'conforms' if not violations else 'does not conform'} "
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
        say(f"kg load: {result.total} triples in {len(result.triples)} graph(s) → {result.target}")
    return EXIT_OK


def validate_load_parsers(sub: argparse._SubParsersAction) -> None:
    p = graph_command(sub, "validate", help="check a graph against GeoKG's SHACL shapes",
                       description="Validate GRAPH against ontologies/shapes.ttl (pySHACL). Prints one line per "
                                   "violation and exits 1 when there are any, 0 when the graph conforms.")
    p.add_argument("--warnings", action="store_true", help="also print warnings (they do not change the exit code)")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    p.set_defaults(func=cmd_validate)

    p = graph_command(sub, "load", help="push a graph into a triple store",
                       description="Upload GRAPH over the SPARQL 1.1 Graph Store HTTP Protocol (Fuseki, GraphDB, "
                                   "Virtuoso, Oxigraph server), replacing the target graph, or load it into an "
                                   "embedded persistent Oxigraph store. Credentials: --user/--password or the "
                                   "GEOKG_USER/GEOKG_PASSWORD environment variables; digest or basic auth.")
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

    from kg.ops.evaluate import evaluate, format_fragments, format_report, fragment_details

    gold = Path(args.gold_dir)
    if not gold.is_dir() or not any(gold.glob("*.gold.json")):
        raise CliError(f"{gold}: no *.gold.json files (see eval/GUIDELINES.md)", EXIT_USAGE)
    res = evaluate(gold, Path(args.graph))
    if args.explain:
        from kg.ops.explain import explain_graph, format_explanation

        res["explain"] = explain_graph(gold, Path(args.graph))
        res["fragments"] = fragment_details(gold, Path(args.graph))
    text = json.dumps(res, indent=1) if args.json else format_report(res)
    if args.explain and not args.json:
        text = format_explanation(res["explain"]) + "\n" + format_fragments(res["fragments"]) + "\n" + text
    sys.stdout.write(text.rstrip("\n") + "\n")
    return EXIT_OK


def eval_parser(sub: argparse._SubParsersAction) -> None:
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
                        "wrong object), and the counts by cause; and every fragmented gold actor with the "
                        "resources its names label and the documents that minted them")
    p.set_defaults(func=cmd_eval)




# -- serve -------------------------------------------------------------------------------


def cmd_serve(args: argparse.Namespace) -> int:
    """kg serve: a read-only SPARQL endpoint over a graph."""
    from kg.ops.serve import serve

    if args.host not in ("127.0.0.1", "localhost", "::1"):
        say(f"kg serve: listening on {args.host}: anyone who can reach it can query the graph")
    serve(Path(args.graph), args.host, args.port, args.base_iri,
          ready=lambda url: say(f"kg serve: {args.graph} at {url} (read-only; Ctrl-C stops)"))
    return EXIT_OK


def serve_parser(sub: argparse._SubParsersAction) -> None:
    p = graph_command(sub, "serve", help="serve a graph as a read-only SPARQL endpoint",
                       description="Load GRAPH (a graph file, or a kg build output directory) into memory and "
                                   "answer SPARQL 1.1 Protocol queries at http://HOST:PORT/sparql (GET ?query=, "
                                   "POST form or application/sparql-query). Updates are refused.")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, loopback only)")
    p.add_argument("--port", type=int, default=7878, help="TCP port (default: 7878; 0 picks a free one)")
    p.add_argument("--base-iri", default=DEFAULT_BASE_IRI, help="IRI base the graph was built with (for prefixes)")
    p.set_defaults(func=cmd_serve)
