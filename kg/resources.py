"""Reading GeoKG's shipped data files (``kg/data/``) through ``importlib.resources``."""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources


def data_text(name: str) -> str:
    """The text of the shipped data file ``kg/data/NAME``."""
    return resources.files("kg").joinpath("data", *name.split("/")).read_text(encoding="utf-8")


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a shipped TSV data file; lines starting with ``#`` are comments (sources, licence)."""
    lines = [line for line in data_text(name).splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t"))


@cache
def plover_quad_classes() -> dict[str, tuple[int, str]]:
    """PLOVER event type → (quad class number, quad class label). Immutable once read."""
    return {r["event_type"]: (int(r["quad_class"]), r["quad_label"]) for r in read_tsv("plover_types.tsv")}
