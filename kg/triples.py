"""Stable import path of the contract's ``kg.triples.event_rows``; the code lives in :mod:`kg.outputs.triples`."""

from kg.outputs.triples import COLUMNS, event_rows, format_rows

__all__ = ["COLUMNS", "event_rows", "format_rows"]
