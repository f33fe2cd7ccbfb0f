"""What the extractor writes conforms to the SHACL shapes; broken graphs do not."""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
import rdflib
from spacy.language import Language

from newsgraph.extract.article import load_articles
from newsgraph.extract.extraction import Extraction, Relation
from newsgraph.extract.pipeline import extract_articles
from newsgraph.graph.ontology import ontology, relation_properties, shapes
from newsgraph.graph.rdf import extraction_to_quads
from newsgraph.graph.vocab import NIF, SDO, SEM, IRIs
from tests.graph.test_store import _extraction

IRI = IRIs("https://example.test/id/")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


def _graph(extraction: Extraction) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(data=extraction_to_quads(extraction, IRI).ntriples, format="nt")
    return graph


def _validate(graph: rdflib.Graph) -> tuple[bool, str]:
    conforms, _, report = pyshacl.validate(graph, shacl_graph=shapes(), advanced=True)
    return bool(conforms), str(report)


def test_seed_extraction_conforms(seed_extraction: Extraction) -> None:
    conforms, report = _validate(_graph(seed_extraction))
    assert conforms, report


def test_other_articles_conform(nlp: Language) -> None:
    articles = list(load_articles([FIXTURES]))
    assert len(articles) >= 4
    for extraction in extract_articles(articles, nlp):
        conforms, report = _validate(_graph(extraction))
        assert conforms, f"{extraction.article.id}: {report}"


def test_every_modality_the_extractor_writes_conforms(nlp: Language) -> None:
    """Negated, hypothetical, planned and generic incidents as well as asserted ones."""
    from newsgraph.extract.article import Article

    text = (
        "The rebels did not attack Aleppo on Monday. If the army withdraws from Homs, the "
        "rebels will attack the city. Militants plotted attacks on Damascus last week. "
        "Police arrested 12 men in Beirut on Friday."
    )
    (extraction,) = extract_articles([Article(id="modalities", text=text)], nlp)
    written = {incident.modality for incident in extraction.incidents}
    assert {"negated", "asserted"} <= written, written
    conforms, report = _validate(_graph(extraction))
    assert conforms, report


def test_relations_are_triples_and_statements_with_evidence() -> None:
    extraction = _extraction(
        "r1",
        "Shakir al-Abssi leads Fatah al Islam.",
        [("Shakir al-Abssi", "person"), ("Fatah al Islam", "organization")],
    )
    extraction.relations.append(
        Relation("leader_of", "person/shakir-al-abssi", "organization/fatah-al-islam", 0, 36, 0.9)
    )
    graph = _graph(extraction)
    conforms, report = _validate(graph)
    assert conforms, report
    leader_of = rdflib.URIRef(relation_properties()["leader_of"])
    person = rdflib.URIRef(IRI.entity("person/shakir-al-abssi"))
    group = rdflib.URIRef(IRI.entity("organization/fatah-al-islam"))
    assert (person, leader_of, group) in graph
    why = graph.query(
        """SELECT ?anchor ?confidence WHERE {
             ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                 gaf:denotedBy/nif:anchorOf ?anchor ; ng:confidence ?confidence }""",
        initNs={
            "rdf": rdflib.RDF,
            "gaf": "http://groundedannotationframework.org/gaf#",
            "nif": NIF,
            "ng": "https://w3id.org/newsgraph/ontology#",
        },
        initBindings={"s": person, "p": leader_of, "o": group},
    )
    assert [(str(a), float(c)) for a, c in why] == [("Shakir al-Abssi leads Fatah al Islam", 0.9)]


def test_unknown_relation_types_are_refused() -> None:
    extraction = _extraction("r2", "A met B.", [("A", "person"), ("B", "person")])
    extraction.relations.append(Relation("admires", "person/a", "person/b", 0, 8))
    with pytest.raises(ValueError, match="not declared in the ontology"):
        extraction_to_quads(extraction, IRI)


def test_broken_offsets_and_missing_names_are_caught() -> None:
    graph = _graph(_extraction("b1", "Rifi spoke in Tripoli.", [("Rifi", "person")]))
    mention = rdflib.URIRef(IRI.span("b1", 0, 4))
    graph.set((mention, NIF.endIndex, rdflib.Literal(6, datatype=rdflib.XSD.nonNegativeInteger)))
    conforms, report = _validate(graph)
    assert not conforms and "do not select its anchor" in report

    graph = _graph(_extraction("b2", "Rifi spoke.", [("Rifi", "person")]))
    graph.remove((rdflib.URIRef(IRI.entity("person/rifi")), SDO.name, None))
    conforms, report = _validate(graph)
    assert not conforms and "name" in report


def test_role_properties_are_sem_actor_roles() -> None:
    graph = ontology()
    roles = set(graph.subjects(rdflib.RDFS.subPropertyOf, SEM.hasActor))
    names = {str(r).rsplit("#", 1)[1] for r in roles}
    assert {"attacker", "target", "victim", "agent", "detainee", "participant"} <= names
    for prop in relation_properties().values():
        assert (rdflib.URIRef(prop), rdflib.RDFS.label, None) in graph
        assert (rdflib.URIRef(prop), rdflib.RDFS.comment, None) in graph


def test_entity_details_use_standard_terms() -> None:
    extraction = _extraction(
        "d1", "General Rifi flew to Tripoli.", [("Rifi", "person"), ("Tripoli", "place")]
    )
    rifi, tripoli = extraction.entities
    rifi.properties.update({"title": "General", "description": ["police chief"]})
    tripoli.subtype = "city"
    tripoli.links["geonames"] = "266826"
    tripoli.properties.update({"latitude": 34.43667, "longitude": 35.84972, "country_code": "LB"})
    graph = _graph(extraction)
    conforms, report = _validate(graph)
    assert conforms, report
    rifi_iri = rdflib.URIRef(IRI.entity("person/rifi"))
    tripoli_iri = rdflib.URIRef(IRI.entity("place/tripoli"))
    assert (rifi_iri, SDO.honorificPrefix, rdflib.Literal("General")) in graph
    assert (rifi_iri, SDO.description, rdflib.Literal("police chief")) in graph
    assert (
        tripoli_iri,
        rdflib.OWL.sameAs,
        rdflib.URIRef("https://sws.geonames.org/266826/"),
    ) in graph
    assert (tripoli_iri, rdflib.RDF.type, SDO.City) in graph
    lat = graph.value(tripoli_iri, rdflib.URIRef("http://www.w3.org/2003/01/geo/wgs84_pos#lat"))
    assert lat is not None and float(lat) == 34.43667


def test_a_described_participant_keeps_its_head_word(nlp: Language) -> None:
    from newsgraph.extract.article import Article
    from newsgraph.graph.vocab import NG

    text = "More than 30 Lebanese soldiers were killed in Tripoli on Monday."
    (extraction,) = extract_articles([Article(id="heads", text=text)], nlp)
    (victim,) = [a for e in extraction.events for a in e.arguments if a.role == "victim"]
    assert victim.text == "More than 30 Lebanese soldiers"
    assert victim.head is not None and victim.head.text == "soldiers"
    assert text[victim.head.start : victim.head.end] == "soldiers"
    assert victim.to_json()["head"] == {"start": 22, "end": 30, "text": "soldiers"}
    graph = _graph(extraction)
    actors = set(graph.subjects(rdflib.RDF.type, SEM.Actor))
    heads = {str(o) for actor in actors for o in graph.objects(actor, NG.headWord)}
    names = {str(o) for actor in actors for o in graph.objects(actor, SDO.name)}
    assert heads == {"soldiers"} and names == {"More than 30 Lebanese soldiers"}
    conforms, report = _validate(graph)
    assert conforms, report
