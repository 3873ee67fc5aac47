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

from kg import __version__
from kg.cli.building import build_parser, query_parsers
from kg.cli.common import EXIT_ERROR, EXIT_NOTHING, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, CliError, say
from kg.cli.graphs import eval_parser, export_parser, serve_parser, validate_load_parsers, viz_parser

PARSER_SECTIONS: list[Callable[[argparse._SubParsersAction], None]] = [
    build_parser, query_parsers, export_parser, viz_parser, validate_load_parsers, eval_parser, serve_parser]


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
        say(f"kg {args.command}: {err}")
        return err.code
    except (GraphError, QueryError, ModelNotFound) as err:
        say(f"kg {args.command}: {err}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        say(f"kg {args.command}: interrupted; outputs left as they were")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as err:  # e.g. OUT not writable, disk full: outputs already there are untouched
        where = f"{err.filename}: " if err.filename else ""
        say(f"kg {args.command}: {where}{err.strerror or err}")
        return EXIT_ERROR


__all__ = ["EXIT_ERROR", "EXIT_NOTHING", "EXIT_OK", "EXIT_PARTIAL", "EXIT_USAGE", "CliError", "main", "make_parser"]
