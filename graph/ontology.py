"""The project's ontology and shapes files, and what code reads from them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import rdflib

from newsgraph.graph.vocab import NG

ONTOLOGY_PATH = Path(__file__).with_name("ontology.ttl")
SHAPES_PATH = Path(__file__).with_name("shapes.ttl")
TAXONOMY_PATH = Path(__file__).with_name("taxonomy.ttl")


@cache
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_PATH, format="turtle")


@cache
def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(SHAPES_PATH, format="turtle")


@cache
def taxonomy() -> rdflib.Graph:
    return rdflib.Graph().parse(TAXONOMY_PATH, format="turtle")


@cache
def incident_types() -> dict[str, str]:
    """Incident type names (skos:notation) to their concept IRIs."""
    graph = taxonomy()
    scheme = rdflib.URIRef("https://w3id.org/newsgraph/incident-type/")
    return {
        str(notation): str(concept)
        for concept, notation in graph.subject_objects(rdflib.SKOS.notation)
        if (concept, rdflib.SKOS.inScheme, scheme) in graph
    }


@cache
def relation_properties() -> dict[str, str]:
    """Extractor relation names (leader_of, ...) to the property IRIs that assert them."""
    graph = ontology()
    return {str(name): str(prop) for prop, name in graph.subject_objects(NG.relationType)}
