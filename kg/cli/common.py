"""What every ``kg`` command shares: exit codes, the one-line domain error, stderr output."""

from __future__ import annotations

import argparse
import sys

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_NOTHING, EXIT_ERROR = 0, 1, 2, 3, 4


class CliError(Exception):
    """A domain error shown as one line ``kg: message`` with an exit code."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


def say(line: str) -> None:
    """Print one line on stderr, at once."""
    print(line, file=sys.stderr, flush=True)


def graph_command(sub: argparse._SubParsersAction, name: str, **kwargs: str) -> argparse.ArgumentParser:
    """A subcommand whose first argument is GRAPH: a graph file or a ``kg build`` output directory."""
    p = sub.add_parser(name, **kwargs)
    p.add_argument("graph", metavar="GRAPH",
                   help="graph file (.ttl, .trig, .nt, .nq, .jsonld) or a kg build output directory")
    return p
