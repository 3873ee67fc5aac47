"""RDF vocabularies used by GeoKG: our ontology namespace as a closed ``DefinedNamespace``
(a misspelled term raises instead of minting a wrong IRI) plus the standard namespaces.

The ontology itself (labels, domains, ranges, alignments) lives in ``ontologies/geokg.ttl``.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/geokg/ontology"
DEFAULT_BASE_IRI = "https://w3id.org/geokg/id/"

PROV = Namespace("http://www.w3.org/ns/prov#")
OA = Namespace("http://www.w3.org/ns/oa#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = Namespace("https://schema.org/")
REL = Namespace("https://w3id.org/geokg/relation/")
PLOVER = Namespace("https://w3id.org/geokg/plover/")
CAMEO = Namespace("https://w3id.org/geokg/cameo/")
WD = Namespace("http://www.wikidata.org/entity/")
GEONAMES = Namespace("https://sws.geonames.org/")


class GK(DefinedNamespace):
    """Terms of ``https://w3id.org/geokg/ontology#``."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # classes
    Actor: URIRef
    Person: URIRef
    State: URIRef
    Organization: URIRef
    ArmedGroup: URIRef
    Place: URIRef
    Event: URIRef
    Proposition: URIRef  # a clause read from text; gk:Event is the sub-class an analyst keeps
    Document: URIRef
    Evidence: URIRef
    Extraction: URIRef
    Role: URIRef

    # direct relation super-property
    relatedTo: URIRef

    # event properties
    subject: URIRef  # acting entity
    object: URIRef  # target entity
    objectText: URIRef  # head lemma of a non-entity target
    predicate: URIRef  # lemma of the relation
    relation: URIRef  # the gk-rel: property used for the direct triple
    eventType: URIRef  # PLOVER event type concept
    mode: URIRef  # PLOVER mode concept
    context: URIRef  # PLOVER context concept
    quadClass: URIRef  # PLOVER quad class concept
    negated: URIRef
    hypothetical: URIRef
    attributedTo: URIRef
    eventDate: URIRef
    location: URIRef
    confidence: URIRef
    sentenceIndex: URIRef
    evidence: URIRef
    reportCount: URIRef

    # evidence / document properties
    text: URIRef  # full normalised document text (offsets refer to it)
    contentHash: URIRef
    inDocument: URIRef

    # entity properties
    entityType: URIRef
    country: URIRef  # the state an actor belongs to / a place lies in
    isoCode: URIRef  # ISO 3166-1 alpha-3 of a state
    role: URIRef
    sector: URIRef
    geonamesId: URIRef
    mentionedIn: URIRef

    # extraction activity
    softwareVersion: URIRef
    spacyModel: URIRef
    spacyModelVersion: URIRef
    documentsProcessed: URIRef
    eventsExtracted: URIRef
    problemsReported: URIRef


#: Entity type code (model.py) → class IRI.
ENTITY_CLASS = {
    "PERSON": GK.Person,
    "COUNTRY": GK.State,
    "ORGANIZATION": GK.Organization,
    "GROUP": GK.ArmedGroup,
    "LOCATION": GK.Place,
}

#: Prefixes bound in every serialisation, in this order.
PREFIXES = {
    "gk": GK._NS,
    "gk-rel": REL,
    "plover": PLOVER,
    "cameo": CAMEO,
    "prov": PROV,
    "oa": OA,
    "sem": SEM,
    "schema": SCHEMA,
    "wd": WD,
}
