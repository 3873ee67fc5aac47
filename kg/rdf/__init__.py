"""Graph stage: document results → RDF, merged across documents, stored and serialised.

Leaves first: :mod:`.vocab` (closed namespaces), :mod:`.iris` (stable IRIs), :mod:`.terms`
(N-Triples terms and the Turtle writer), :mod:`.relations`, :mod:`.ontology`, :mod:`.identity`
(which entities and events are the same across documents). Then :mod:`.document` (one document's
named graph), :mod:`.merge` (all documents → one dataset), :mod:`.quads` and :mod:`.store`
(Oxigraph: in-memory writes, opening a graph file or a store), :mod:`.registry` and :mod:`.persist`
(the state kept under ``OUT/`` for ``--update``), :mod:`.derived` (the stores made from it after
parsing: the explorer's, and the query store of ``--store``), :mod:`.dump` and :mod:`.serialize`
(deterministic Turtle/TriG), and :mod:`.query` (SPARQL over a graph file or store).
"""
