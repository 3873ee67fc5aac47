"""GeoKG: news articles about world affairs → an RDF knowledge graph of actors and events."""

__version__ = "0.1.0"
