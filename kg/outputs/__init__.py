"""What users read from a finished graph: the ``kg triples`` table, the HTML explorer, networks, analytics.

Everything here reads RDF back through :mod:`kg.rdf.query`; nothing here writes to the graph.
"""
