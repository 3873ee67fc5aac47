"""Minting stable IRIs: never from raw text, always from slugs or content hashes.

The same entity, document or event gets the same IRI on every run and machine: slugs are pure
functions of normalised names, hashes are SHA-256 of canonical keys.
"""

from __future__ import annotations

import functools
import hashlib
import re

from rdflib import URIRef

from kg.entities.namekey import fold_name

#: Longest slug kept before it is cut and disambiguated by a hash.
MAX_SLUG = 60

#: Path segment per entity type: a person and a city named alike never share an IRI.
TYPE_SEGMENT = {
    "PERSON": "person",
    "COUNTRY": "state",
    "ORGANIZATION": "org",
    "GROUP": "group",
    "LOCATION": "place",
}


#: Lower-case ASCII folding (accents, possessives and punctuation dropped), the same as the entity
#: stage's name keys use.
fold = fold_name


def short_hash(*parts: object, length: int = 16) -> str:
    """Hex digest of the parts joined unambiguously (length-prefixed)."""
    chunks = []
    for part in parts:
        data = str(part).encode("utf-8", "surrogatepass")  # total over str: lone surrogates too
        chunks += (len(data).to_bytes(8, "big"), data)
    return hashlib.sha256(b"".join(chunks)).hexdigest()[:length]  # one update: the same digest


@functools.lru_cache(maxsize=65_536)  # names and lemmas recur across events and documents
def slug(text: str) -> str:
    """A readable, IRI-safe slug: ``"Volodymyr Zelensky"`` → ``volodymyr-zelensky``.

    Text with no Latin letters or digits, or too long, gets a hash so the slug is never empty
    and two different long names never collide.
    """
    base = fold(text).replace(" ", "-")
    if not base:
        return "x-" + short_hash(text, length=12)
    if len(base) > MAX_SLUG:
        return base[:MAX_SLUG].rstrip("-") + "-" + short_hash(text, length=8)
    return base


def code_slug(code: str) -> str:
    """Local name of a PLOVER mode, context or sector code: ``human_security`` → ``human-security``.

    Shared by the graph stage and ``ontologies/build_schemes.py`` so both mint the same IRIs.
    """
    return fold(code).replace(" ", "-")


def id_slug(identifier: str) -> str:
    """Slug for an identifier that must stay distinct (document ids): lossy slugs get a hash."""
    base = slug(identifier)
    return base if base == identifier else f"{base}-{short_hash(identifier, length=8)}"


class IriMinter:
    """Mints all resource IRIs under one base IRI."""

    def __init__(self, base: str) -> None:
        if not re.match(r"^[a-z][a-z0-9+.-]*://[^\s<>\"{}|\\^`]*$", base, re.I):
            raise ValueError(f"--base-iri must be an absolute IRI, got {base!r}")
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def document(self, doc_id: str) -> URIRef:
        """IRI of a document."""
        return URIRef(f"{self.base}doc/{id_slug(doc_id)}")

    def graph(self, doc_id: str) -> URIRef:
        """IRI of the named graph holding one document's statements."""
        return URIRef(f"{self.base}graph/{id_slug(doc_id)}")

    def shared_graph(self) -> URIRef:
        """IRI of the named graph with entities, relations and the extraction activity."""
        return URIRef(f"{self.base}graph/shared")

    def entity(self, type_: str, key: str) -> URIRef:
        """IRI of an entity of ``type_`` whose merge key is ``key`` (a normalised name or code)."""
        return URIRef(f"{self.base}{TYPE_SEGMENT.get(type_, 'entity')}/{slug(key)}")

    def concept(self, lemma: str) -> URIRef:
        """IRI of a non-entity argument ("provision", "troops")."""
        return URIRef(f"{self.base}concept/{slug(lemma)}")

    def event(self, *key: object) -> URIRef:
        """IRI of an event, from its canonical key."""
        return URIRef(f"{self.base}event/{short_hash(*key)}")

    def evidence(self, *key: object) -> URIRef:
        """IRI of an evidence span, from its document and offsets."""
        return URIRef(f"{self.base}evidence/{short_hash(*key)}")

    def dataset(self) -> URIRef:
        """IRI of the dataset (the graph as a whole, its ontology header)."""
        return URIRef(f"{self.base}dataset")

    def software(self, name: str, version: str) -> URIRef:
        """IRI of a piece of software (GeoKG itself, a spaCy pipeline) at one version."""
        return URIRef(f"{self.base}software/{slug(name)}/{slug(version)}")

    def activity(self, *key: object) -> URIRef:
        """IRI of the extraction activity (deterministic for the same software and model)."""
        return URIRef(f"{self.base}extraction/{short_hash(*key, length=12)}")
