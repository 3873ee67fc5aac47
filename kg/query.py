"""Stable import path of the contract's ``kg.query.query_file``; the code lives in :mod:`kg.rdf.query`."""

from kg.rdf.query import QueryError, format_result, query_file, run_query

__all__ = ["QueryError", "format_result", "query_file", "run_query"]
