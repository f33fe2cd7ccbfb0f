"""From nothing to a served graph: `newsgraph serve` on an empty store ingests the seed and answers."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.servers import newsgraph_serve

TOKEN = "end-to-end-token"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    store = tmp_path_factory.mktemp("e2e") / "store"
    with newsgraph_serve(
        store,
        "--engine",
        "oxigraph-server",
        "--query-timeout",
        "1",
        env={"NEWSGRAPH_TOKEN": TOKEN},
    ) as (base, process):
        yield base, process.pid


@pytest.fixture(scope="module")
def served(server: tuple[str, int]) -> str:
    return server[0]


def test_seed_graph_is_served_over_http(served: str) -> None:
    stats = httpx.get(f"{served}/stats").json()
    assert stats["articles"] == 1
    assert stats["triples"] > 100
    query = (
        "SELECT ?name (COUNT(?m) AS ?mentions) WHERE { ?e a schema:Place ; schema:name ?name ;"
        " gaf:denotedBy ?m } GROUP BY ?name ORDER BY DESC(?mentions)"
    )
    response = httpx.get(
        f"{served}/sparql",
        params={"query": query},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200
    places = [b["name"]["value"] for b in response.json()["results"]["bindings"]]
    assert places[0] == "Iraq"
    assert {"Lebanon", "Jordan"} <= set(places)


def test_evidence_offsets_point_into_the_served_text(served: str) -> None:
    query = """SELECT ?text ?start ?end ?anchor WHERE {
        ?m nif:beginIndex ?start ; nif:endIndex ?end ; nif:anchorOf ?anchor ;
           nif:referenceContext ?c . ?c nif:isString ?text } LIMIT 50"""
    rows = httpx.get(f"{served}/sparql", params={"query": query}).json()["results"]["bindings"]
    assert rows
    for row in rows:
        start, end = int(row["start"]["value"]), int(row["end"]["value"])
        assert row["text"]["value"][start:end] == row["anchor"]["value"]


def test_a_runaway_query_is_stopped_and_the_server_answers_on(served: str) -> None:
    product = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    response = httpx.get(f"{served}/sparql", params={"query": product}, timeout=60)
    assert response.status_code == 503
    assert "time limit" in response.json()["error"]
    count = httpx.get(
        f"{served}/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}
    )
    assert (
        count.status_code == 200 and int(count.json()["results"]["bindings"][0]["n"]["value"]) > 100
    )


def test_articles_added_and_deleted_through_the_served_store(served: str) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    article = {
        "id": "e2e-madrid",
        "text": "Police in Madrid arrested 12 suspects on Friday.",
        "published": "2024-03-04",
    }
    added = httpx.post(f"{served}/articles", json=article, headers=auth, timeout=120)
    assert added.status_code == 201, added.text
    assert httpx.get(f"{served}/stats").json()["articles"] == 2
    incidents = httpx.get(
        f"{served}/incidents", params={"type": "arrest", "place": "place/madrid"}
    ).json()
    assert len(incidents["results"]) == 1
    assert httpx.delete(f"{served}/articles/e2e-madrid", headers=auth).status_code == 200
    assert httpx.get(f"{served}/stats").json()["articles"] == 1


def _children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
def test_a_dead_query_engine_is_started_again(server: tuple[str, int]) -> None:
    base, pid = server
    (engine,) = _children(pid)
    os.kill(engine, signal.SIGKILL)
    answers = []
    deadline = time.monotonic() + 90
    # Asked fresh: an answer kept from before would come without the engine.
    fresh = {"Cache-Control": "no-cache"}
    while time.monotonic() < deadline:
        response = httpx.get(f"{base}/stats", timeout=30, headers=fresh)
        answers.append(response.status_code)
        if response.status_code == 200:
            break
        assert response.status_code == 503, response.text
        assert "unavailable" in response.json()["error"]
        time.sleep(0.2)
    assert answers[-1] == 200, answers
    assert httpx.get(f"{base}/stats", headers=fresh).json()["articles"] == 1
    assert _children(pid) != [engine]
