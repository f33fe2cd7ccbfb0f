"""The namespaces newsgraph writes: standard vocabularies first, its own terms where none fits."""

from __future__ import annotations

import hashlib
from urllib.parse import quote

from rdflib import Namespace
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from newsgraph.extract.extraction import ENTITY_TYPES

# rdflib's SDO is https://schema.org/ as well; spelled out so the choice is visible.
SDO = Namespace("https://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
GAF = Namespace("http://groundedannotationframework.org/gaf#")
# rdflib's WGS is https://; the standard, and what other tools query, is http://.
WGS84 = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
NG = Namespace("https://w3id.org/newsgraph/ontology#")
GEONAMES = "https://sws.geonames.org/{id}/"

DEFAULT_BASE_IRI = "https://w3id.org/newsgraph/id/"

PREFIXES: dict[str, str] = {
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": str(OWL),
    "skos": str(SKOS),
    "prov": str(PROV),
    "schema": str(SDO),
    "sem": str(SEM),
    "nif": str(NIF),
    "gaf": str(GAF),
    "wgs84": str(WGS84),
    "ng": str(NG),
}

# The entity types are extraction's; schema.org names the class of each (person → schema:Person).
ENTITY_CLASSES = {entity_type: SDO[entity_type.capitalize()] for entity_type in ENTITY_TYPES}


def sparql_prologue() -> str:
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())


class IRIs:
    """Stable IRIs under one base: derived from article ids and resolution keys, never counters."""

    def __init__(self, base: str = DEFAULT_BASE_IRI) -> None:
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def article(self, article_id: str) -> str:
        return f"{self.base}article/{quote(article_id, safe='')}"

    def graph(self, article_id: str) -> str:
        return f"{self.base}graph/{quote(article_id, safe='')}"

    def entity(self, key: str) -> str:
        return f"{self.base}entity/{quote(key, safe='/')}"

    def entity_id(self, key: str) -> str:
        """The IRI of an entity id as users write it (`place/lebanon`), checked."""
        entity_type, _, slug = key.strip().partition("/")
        if entity_type not in ENTITY_CLASSES or not slug:
            raise ValueError(
                f"an entity id is type/slug with a type of {', '.join(ENTITY_CLASSES)}, "
                f"e.g. place/lebanon; not {key!r}"
            )
        return self.entity(f"{entity_type}/{slug}")

    def span(self, article_id: str, start: int, end: int) -> str:
        return f"{self.article(article_id)}#char={start},{end}"

    def statement(
        self, article_id: str, relation: str, subject: str, obj: str, start: int, end: int
    ) -> str:
        digest = hashlib.sha256(f"{relation}|{subject}|{obj}|{start}|{end}".encode()).hexdigest()
        return f"{self.base}statement/{quote(article_id, safe='')}/{digest[:20]}"

    def incident(self, article_id: str, incident_id: str) -> str:
        local = incident_id.removeprefix("incident/")
        return f"{self.base}incident/{quote(article_id, safe='')}/{quote(local, safe='')}"

    def activity(self, article_id: str, content_hash: str) -> str:
        return f"{self.base}extraction/{quote(article_id, safe='')}/{content_hash[:16]}"

    def agent(self, name: str, version: str) -> str:
        return f"{self.base}agent/{quote(name, safe='')}/{quote(version, safe='')}"

    def outlet(self, key: str) -> str:
        """The site or outlet that publishes articles, by its host name (or its name)."""
        return f"{self.base}outlet/{quote(key.lower(), safe='')}"
