"""Operations over a finished graph: SHACL validation, loading into a triple store, scoring against gold."""
