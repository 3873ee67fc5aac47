"""Entity stage: actors and places of one document (owned by the entities work of issue 3).

Interface used by the events stage and by ``kg.extract``::

    gaz = Gazetteer.load(actors_file=None)             # curated data files + user actors
    index = find_entities(doc, document, gaz)          # -> EntityIndex
    index.entities                                     # list[kg.model.Entity]
    index.key_at(token_i)                              # entity key of a token, or ""
"""
