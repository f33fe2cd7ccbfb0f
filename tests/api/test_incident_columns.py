"""GET /incidents answers with the events table's columns, beside its own; /export writes the
table and focuses on an incident."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import httpx
import networkx as nx
import pytest

from newsgraph.api.app import create_app
from newsgraph.api.settings import Settings
from newsgraph.graph.events_table import COLUMNS
from newsgraph.graph.ingest import ingest_extraction
from newsgraph.graph.store import OxigraphStore
from tests.api.test_incidents import _fighting
from tests.graph.test_store import IRI
from tests.servers import serve_in_thread


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path: Path = tmp_path_factory.mktemp("columns") / "store"
    store = OxigraphStore(path)
    ingest_extraction(store, _fighting(), IRI)
    with serve_in_thread(create_app(Settings(store=path, base_iri=IRI.base), store)) as url:
        yield url
    store.close()


def test_the_list_has_every_column_of_the_events_table(base_url: str) -> None:
    (found,) = httpx.get(f"{base_url}/incidents").json()["results"]
    assert set(COLUMNS) <= set(found)
    # The fields it had stay.
    assert {"article", "places", "precision", "site", "time", "begin", "end"} <= set(found)
    assert found["id"] == "lebanon/armed_clash-17"
    assert (found["date"], found["begin"], found["end"], found["time_precision"]) == (
        "2007-05-14",
        "2007-05-14",
        "2007-05-20",
        "week",
    )
    assert (found["actor1"], found["actor2"]) == ("Fatah al Islam", "Lebanese Army")
    assert found["victim"] == ["More than 30 soldiers"]
    assert (found["victim_count"], found["victim_count_qualifier"]) == (30, "more than")
    assert (found["place"], found["place_id"]) == ("Tripoli", "place/tripoli")
    assert found["acled"] == ["Battles / Armed clash"] and found["plover"] == ["ASSAULT"]
    assert (found["attribution"], found["articles"], found["first_reported"]) == (
        "Rifi",
        1,
        "2007-05-28",
    )
    assert found["trigger"] == ["fought", "killed"]


def test_the_detail_and_the_timeline_have_them_too(base_url: str) -> None:
    detail = httpx.get(f"{base_url}/incidents/lebanon/armed_clash-17").json()
    assert set(COLUMNS) <= set(detail)
    assert detail["victim_count"] == 30 and len(detail["evidence"]) == 2
    (dated,) = httpx.get(f"{base_url}/timeline").json()["results"]
    assert dated["actor1"] == "Fatah al Islam"
    schema = httpx.get(f"{base_url}/openapi.json").json()["components"]["schemas"]
    assert set(COLUMNS) <= set(schema["IncidentSummary"]["properties"])


def test_the_events_table_and_an_incident_focus_export_over_http(base_url: str) -> None:
    response = httpx.get(f"{base_url}/export", params={"format": "events-csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text, newline="")))
    assert [row["id"] for row in rows] == ["lebanon/armed_clash-17"]
    assert rows[0]["victim_count"] == "30"
    jsonl = httpx.get(f"{base_url}/export", params={"format": "events-jsonl"}).text
    assert jsonl.count("\n") == 1 and '"actor1": "Fatah al Islam"' in jsonl

    around = httpx.get(
        f"{base_url}/export",
        params={"format": "graphml", "focus": "incident/lebanon/armed_clash-17"},
    )
    g = nx.read_graphml(io.BytesIO(around.content))
    assert {d["label"] for _, d in g.nodes(data=True)} == {
        "armed clash, Tripoli, 2007-05-14",
        "Fatah al Islam",
        "Lebanese Army",
        "Tripoli",
        "lebanon",
    }
    kept = httpx.get(
        f"{base_url}/export",
        params={"format": "events-csv", "incident_type": "arrest"},
    )
    assert kept.text.count("\r\n") == 1  # the header alone
    for bad in ({"incident_type": "picnic"}, {"focus": "incident/lebanon"}):
        refused = httpx.get(f"{base_url}/export", params={"format": "d3", **bad})
        assert refused.status_code == 400, bad
