"""The seed article read as the project promises: its people, groups, places, relations and
incidents, and the SPARQL questions an analyst asks of them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.extract.extraction import Extraction, Incident
from newsgraph.graph.ingest import delete_article, ingest_extraction
from newsgraph.graph.store import OxigraphStore
from newsgraph.graph.vocab import IRIs

PEOPLE = {"Shakir al-Abssi", "Abu Musab al-Zarqawi", "Mohammad al-Massari", "Rifi", "Darsi", "Bush"}
GROUPS = {
    "Fatah al Islam",
    "Al Qaeda in Mesopotamia",
    "Lebanese Army",
    "Congress",
    "White House",
    "Syrian government forces",
    "New York Times",
    "Tajdeed.net",
}
PLACES = {
    "Iraq",
    "Lebanon",
    "Jordan",
    "London",
    "Tripoli",
    "Saudi Arabia",
    "Somalia",
    "Algeria",
    "Europe",
    "Afghanistan",
    "Baghdad",
    "Britain",
    "United States",
    "Syria",
}
IRI = IRIs()


def _names(extraction: Extraction, entity_type: str) -> list[str]:
    return [e.name for e in extraction.entities if e.type == entity_type]


def test_people_groups_and_places_each_once(seed_extraction: Extraction) -> None:
    people = _names(seed_extraction, "person")
    groups = _names(seed_extraction, "organization")
    places = _names(seed_extraction, "place")
    assert set(people) >= PEOPLE and set(groups) >= GROUPS and set(places) >= PLACES
    for names in (people, groups, places):
        assert len(names) == len(set(names))


def test_titles_are_properties_not_names(seed_extraction: Extraction) -> None:
    by_name = {e.name: e for e in seed_extraction.entities}
    assert by_name["Rifi"].properties["title"] == "General"
    assert by_name["Darsi"].properties["title"] == "Mr."
    massari = by_name["Mohammad al-Massari"]
    assert massari.properties["title"] == "Dr."
    assert "Saudi dissident" in massari.properties["description"]
    assert by_name["Tripoli"].links == {"geonames": "266826"}  # Tripoli, Lebanon
    abssi = by_name["Shakir al-Abssi"]
    texts = {seed_extraction.mentions[i].text for i in abssi.mentions}
    assert {"Shakir al-Abssi", "Abssi"} <= texts
    assert any(seed_extraction.mentions[i].kind == "pronoun" for i in abssi.mentions)


def test_relations(seed_extraction: Extraction) -> None:
    found = {(r.type, r.subject, r.object) for r in seed_extraction.relations}
    assert {
        ("leader_of", "person/shakir-al-abssi", "organization/fatah-al-islam"),
        ("associate_of", "person/shakir-al-abssi", "person/abu-musab-al-zarqawi"),
        ("leader_of", "person/abu-musab-al-zarqawi", "organization/al-qaeda-in-mesopotamia"),
        ("runs", "person/mohammad-al-massari", "organization/tajdeed-net"),
        ("located_in", "person/mohammad-al-massari", "place/united-kingdom"),
        ("nationality", "person/mohammad-al-massari", "place/saudi-arabia"),
        ("part_of", "place/tripoli", "place/lebanon"),
    } <= found
    text = seed_extraction.article.text
    for relation in seed_extraction.relations:
        assert 0 <= relation.start < relation.end <= len(text)


def _incident(extraction: Extraction, incident_type: str, entity: str) -> Incident:
    matches = [
        i
        for i in extraction.incidents
        if i.type == incident_type
        and (i.place == entity or any(a.entity == entity for a in i.arguments))
    ]
    assert matches, f"no {incident_type} incident involving {entity}"
    return matches[0]


def _roles(incident: Incident) -> set[tuple[str, str]]:
    return {(a.role, a.entity or a.text) for a in incident.arguments}


def test_the_lebanon_fighting(seed_extraction: Extraction) -> None:
    fighting = _incident(seed_extraction, "armed_clash", "organization/fatah-al-islam")
    roles = _roles(fighting)
    assert ("participant", "organization/lebanese-army") in roles
    assert fighting.place == "place/tripoli"
    assert fighting.site is not None and fighting.site.text == "a refugee camp near Tripoli"
    assert (
        fighting.time is not None
        and fighting.time.text == "Last week"
        and fighting.time.precision == "week"
    )
    assert [(c.role, c.value, c.qualifier) for c in fighting.counts] == [
        ("victim", 30, "more than")
    ]
    assert {seed_extraction.events[i].trigger.text for i in fighting.mentions} >= {
        "battle",
        "killed",
        "fighting",
    }


def test_the_saudi_arrests_and_plot(seed_extraction: Extraction) -> None:
    arrest = _incident(seed_extraction, "arrest", "organization/saudis")
    assert arrest.place == "place/saudi-arabia"
    assert [(c.role, c.value) for c in arrest.counts] == [("detainee", 172)]
    plot = _incident(seed_extraction, "plot", "place/saudi-arabia")
    assert plot.modality == "planned"


def test_the_jordanian_airport_plot(seed_extraction: Extraction) -> None:
    plot = _incident(seed_extraction, "plot", "person/darsi")
    roles = _roles(plot)
    assert plot.place == "place/jordan"
    assert ("origin", "place/baghdad") in roles
    assert {seed_extraction.events[i].trigger.text for i in plot.mentions} == {"plot", "flew"}


def test_the_killings(seed_extraction: Extraction) -> None:
    zarqawi = _incident(seed_extraction, "killing", "person/abu-musab-al-zarqawi")
    assert ("victim", "person/abu-musab-al-zarqawi") in _roles(zarqawi)
    assert zarqawi.time is not None and zarqawi.time.value == "2006-SU"
    son_in_law = _incident(seed_extraction, "killing", "organization/syrian-government-forces")
    roles = _roles(son_in_law)
    assert ("attacker", "organization/syrian-government-forces") in roles
    assert ("victim", "his son-in-law") in roles
    assert ("destination", "place/iraq") in roles  # killed while crossing into Iraq


def test_the_military_supplies(seed_extraction: Extraction) -> None:
    aid = _incident(seed_extraction, "military_aid", "place/united-states")
    roles = _roles(aid)
    assert ("agent", "place/united-states") in roles
    assert ("participant", "organization/lebanese-army") in roles
    assert [(c.value, c.text) for c in aid.counts] == [(8, "eight planeloads")]
    assert aid.time is not None and aid.time.value == "2007-05-25"


def test_plots_in_jordan_somalia_and_algeria(seed_extraction: Extraction) -> None:
    plots = [
        i
        for i in seed_extraction.incidents
        if i.type == "plot" and ("place", "place/somalia") in _roles(i)
    ]
    assert len(plots) == 1
    assert {("place", "place/jordan"), ("place", "place/algeria")} <= _roles(plots[0])


@pytest.fixture
def seed_store(tmp_path: Path, seed_extraction: Extraction) -> Iterator[OxigraphStore]:
    store = OxigraphStore(tmp_path / "store")
    ingest_extraction(store, seed_extraction, IRI)
    yield store
    store.close()


def _rows(store: OxigraphStore, sparql: str) -> list[tuple[str, ...]]:
    return [tuple(term.value for term in row) for row in store.query(sparql)]  # type: ignore[union-attr]


def test_analyst_questions_in_standard_terms(seed_store: OxigraphStore) -> None:
    # Only schema.org, SEM, NIF and GAF terms (the prefixes are written out on purpose).
    prologue = """PREFIX schema: <https://schema.org/>
        PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
        PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        PREFIX gaf: <http://groundedannotationframework.org/gaf#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
    """
    leaders = _rows(
        seed_store,
        prologue
        + """
        SELECT ?name ?start ?end WHERE {
          ?group schema:name "Fatah al Islam" .
          ?st rdf:subject ?person ; rdf:object ?group ; gaf:denotedBy ?span .
          ?span nif:beginIndex ?start ; nif:endIndex ?end .
          ?person ?leads ?group ; schema:name ?name .
          FILTER(STRENDS(STR(?leads), "leaderOf")) }""",
    )
    assert [row[0] for row in leaders] == ["Shakir al-Abssi"]
    in_lebanon = _rows(
        seed_store,
        prologue
        + """
        SELECT DISTINCT ?incident ?actorName WHERE {
          ?lebanon schema:name "Lebanon" .
          ?incident a sem:Event ; sem:hasPlace/schema:containedInPlace* ?place ; sem:hasActor ?actor .
          ?actor schema:name ?actorName .
          { ?incident sem:hasPlace ?lebanon } UNION
          { ?incident sem:hasPlace ?p . ?p ?within ?lebanon . FILTER(STRENDS(STR(?within), "partOf")) } }""",
    )
    assert {"Fatah al Islam", "Lebanese Army"} <= {row[1] for row in in_lebanon}
    arrested = _rows(
        seed_store,
        prologue
        + """
        PREFIX ng: <https://w3id.org/newsgraph/ontology#>
        SELECT ?n WHERE {
          ?saudi schema:name "Saudi Arabia" .
          ?i sem:eventType <https://w3id.org/newsgraph/incident-type/arrest> ; sem:hasPlace ?saudi ;
             ng:hasCount [ ng:countOf "detainee" ; ng:quantity ?n ] }""",
    )
    assert arrested == [("172",)]


def test_deleting_the_seed_leaves_an_empty_store(
    seed_store: OxigraphStore, seed_extraction: Extraction
) -> None:
    size = seed_store.triple_count()
    assert ingest_extraction(seed_store, seed_extraction, IRI).status.value == "unchanged"
    assert seed_store.triple_count() == size
    assert delete_article(seed_store, seed_extraction.article.id, IRI)
    assert seed_store.triple_count() == 0
