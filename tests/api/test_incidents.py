"""Incidents in the graph and over HTTP: filters by type, place (and places inside it), actor
and time; details with roles, counts, source and evidence."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest

from newsgraph.api.app import create_app
from newsgraph.api.settings import Settings
from newsgraph.extract.extraction import (
    Argument,
    Count,
    Event,
    Extraction,
    Incident,
    Relation,
    Source,
    TextSpan,
    Time,
)
from newsgraph.graph.ingest import ingest_extraction
from newsgraph.graph.store import OxigraphStore
from tests.graph.test_store import IRI, _extraction
from tests.servers import serve_in_thread

TEXT = (
    "Last week, the Lebanese Army fought Fatah al Islam near Tripoli, according to Rifi. "
    "More than 30 soldiers were killed."
)


def _fighting() -> Extraction:
    x = _extraction(
        "lebanon",
        TEXT,
        [
            ("Lebanese Army", "organization"),
            ("Fatah al Islam", "organization"),
            ("Tripoli", "place"),
            ("Rifi", "person"),
        ],
    )
    lebanon_at = TEXT.index("Lebanese")
    x.entities.append(
        type(x.entities[0])(
            id="place/lebanon", type="place", name="Lebanon", subtype="country", mentions=[0]
        )
    )
    x.relations.append(
        Relation("part_of", "place/tripoli", "place/lebanon", lebanon_at, lebanon_at + 8, 0.6)
    )
    week = Time("Last week", 0, 9, "2007-W20", "week", "2007-05-14", "2007-05-20")
    fought = TEXT.index("fought")
    killed = TEXT.index("killed")
    soldiers = TEXT.index("More than 30 soldiers")
    arguments = [
        Argument(
            "participant",
            TEXT.index("Lebanese Army"),
            TEXT.index("Lebanese Army") + 13,
            "Lebanese Army",
            "organization/lebanese-army",
        ),
        Argument(
            "participant",
            TEXT.index("Fatah"),
            TEXT.index("Fatah") + 14,
            "Fatah al Islam",
            "organization/fatah-al-islam",
        ),
        Argument(
            "place", TEXT.index("Tripoli"), TEXT.index("Tripoli") + 7, "Tripoli", "place/tripoli"
        ),
        Argument("victim", soldiers, soldiers + 21, "More than 30 soldiers", None),
    ]
    x.events = [
        Event(
            "armed_clash",
            TextSpan(fought, fought + 6, "fought"),
            0,
            arguments[:3],
            time=week,
            incident="incident/armed_clash-17",
        ),
        Event(
            "killing",
            TextSpan(killed, killed + 6, "killed"),
            1,
            arguments[3:],
            incident="incident/armed_clash-17",
        ),
    ]
    x.incidents = [
        Incident(
            id="incident/armed_clash-17",
            type="armed_clash",
            mentions=[0, 1],
            arguments=arguments,
            place="place/tripoli",
            time=week,
            counts=[
                Count("victim", 30, "more than", "More than 30 soldiers", soldiers, soldiers + 21)
            ],
            attribution=Source("Rifi", TEXT.index("Rifi"), TEXT.index("Rifi") + 4, "person/rifi"),
            confidence=0.8,
        )
    ]
    x.article = type(x.article)(id="lebanon", text=TEXT, published=date(2007, 5, 28))
    return x


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path: Path = tmp_path_factory.mktemp("inc") / "store"
    store = OxigraphStore(path)
    ingest_extraction(store, _fighting(), IRI)
    with serve_in_thread(create_app(Settings(store=path, base_iri=IRI.base), store)) as url:
        yield url
    store.close()


def test_incidents_filter_by_type_place_actor_and_time(base_url: str) -> None:
    def ask(**params: str) -> list[dict]:  # type: ignore[type-arg]
        response = httpx.get(f"{base_url}/incidents", params=params)
        assert response.status_code == 200, response.text
        return response.json()["results"]

    (found,) = ask(type="armed_clash")
    assert found["type"] == "armed_clash" and found["precision"] == "week"
    assert ask(type="arrest") == []
    # Tripoli is part of Lebanon: an incident in Tripoli is an incident in Lebanon.
    assert len(ask(place="place/lebanon")) == 1
    assert len(ask(actor="organization/fatah-al-islam")) == 1
    assert ask(actor="person/rifi") == []  # the source is not an actor
    assert len(ask(since="2007-05-01", until="2007-05-31")) == 1
    assert ask(since="2007-06-01") == []
    assert httpx.get(f"{base_url}/incidents", params={"type": "picnic"}).status_code == 400
    assert httpx.get(f"{base_url}/incidents", params={"since": "last week"}).status_code == 422


def test_incident_detail_has_roles_counts_source_and_evidence(base_url: str) -> None:
    (found,) = httpx.get(f"{base_url}/incidents").json()["results"]
    local = found["iri"].split("/incident/", 1)[1]
    detail = httpx.get(f"{base_url}/incidents/{local}").json()
    roles = {(r["role"], r["name"]) for r in detail["roles"]}
    assert ("participant", "Fatah al Islam") in roles and (
        "victim",
        "More than 30 soldiers",
    ) in roles
    assert detail["counts"] == [
        {"of": "victim", "quantity": 30, "qualifier": "more than", "text": "More than 30 soldiers"}
    ]
    assert detail["attribution"] == "Rifi"
    assert [e["text"] for e in detail["evidence"]] == ["fought", "killed"]
    for evidence in detail["evidence"]:
        assert TEXT[evidence["start"] : evidence["end"]] == evidence["text"]
    timeline = httpx.get(f"{base_url}/timeline").json()
    assert [r["begin"] for r in timeline["results"]] == ["2007-05-14"]
    assert httpx.get(f"{base_url}/incidents/lebanon/nothing").status_code == 404


def test_generic_sem_queries_find_every_role(base_url: str) -> None:
    query = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?i a sem:Event ; sem:hasActor ?a }"
    result = httpx.get(f"{base_url}/sparql", params={"query": query}).json()
    assert int(result["results"]["bindings"][0]["n"]["value"]) == 3  # two groups and the soldiers


def test_entity_pages_list_incidents_roles_and_counts_in_a_typed_schema(base_url: str) -> None:
    entity = httpx.get(f"{base_url}/entities/organization/fatah-al-islam").json()
    assert [(i["type"], i["role"]) for i in entity["incidents"]] == [("armed_clash", "participant")]
    assert entity["mention_counts"] == {IRI.article("lebanon"): 1}
    tripoli = httpx.get(f"{base_url}/entities/place/tripoli").json()
    assert ("armed_clash", "hasPlace") not in {(i["type"], i["role"]) for i in tripoli["incidents"]}
    schema = httpx.get(f"{base_url}/openapi.json").json()
    refs = {
        path: methods["get"]["responses"]["200"]["content"]["application/json"]["schema"].get(
            "$ref", ""
        )
        for path, methods in schema["paths"].items()
        if "get" in methods and path in {"/entities/{entity_type}/{slug}", "/incidents", "/stats"}
    }
    assert refs == {
        "/entities/{entity_type}/{slug}": "#/components/schemas/EntityDetail",
        "/incidents": "#/components/schemas/IncidentList",
        "/stats": "#/components/schemas/Stats",
    }
