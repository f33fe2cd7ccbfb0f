"""A short load run against the real server, and readers never seeing half an article."""

from __future__ import annotations

import asyncio
import threading
import time

import httpx

from tests.load import load, summary
from tests.security.conftest import TOKEN, Served

READER_KINDS = {
    "sparql-places",
    "sparql-incidents",
    "sparql-count",
    "sparql-construct",
    "entities",
    "entity",
    "neighbors",
    "incidents",
}


def test_short_load_run_has_no_errors(any_server: Served) -> None:
    server = any_server
    run = asyncio.run(
        load(server.url, token=TOKEN, clients=10, seconds=5, timeout=120, max_requests=5000)
    )
    figures = summary(run)
    assert READER_KINDS & set(figures), figures
    assert figures["write"]["requests"] >= 1
    for kind, row in figures.items():
        assert row["requests"] > 0
        assert row["errors"] == 0, (kind, row)
        assert row["malformed"] == 0, (kind, row)
    # Every reader request got an answer, each a well-formed 200.
    readers = sum(row["requests"] for kind, row in figures.items() if kind != "write")
    assert readers == sum(
        row["statuses"].get("200", 0) for kind, row in figures.items() if kind != "write"
    )


V1 = "Police in Madrid arrested 12 men on Friday. The men were taken to a prison in Toledo."
V2 = (
    "Soldiers clashed with Fatah al-Islam fighters near Tripoli in Lebanon on Sunday, and "
    "the army said more than 30 militants were killed. Shakir al-Abssi leads the group."
)


def test_readers_see_whole_versions_while_an_article_is_replaced(any_server: Served) -> None:
    server = any_server
    auth = {"Authorization": f"Bearer {TOKEN}"}
    graph = "https://w3id.org/newsgraph/id/graph/consistency"
    count_query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"

    def write(client: httpx.Client, text: str) -> None:
        response = client.post(
            f"{server.url}/articles",
            json={"id": "consistency", "text": text, "published": "2024-03-04"},
            headers=auth,
        )
        assert response.status_code == 201, response.text

    def count(client: httpx.Client) -> int:
        response = client.get(
            f"{server.url}/sparql",
            params={"query": count_query},
            headers={"Accept": "application/sparql-results+json"},
        )
        assert response.status_code == 200, response.text
        return int(response.json()["results"]["bindings"][0]["n"]["value"])

    with httpx.Client(timeout=120) as client:
        write(client, V1)
        whole = {count(client)}
        write(client, V2)
        whole.add(count(client))
        assert len(whole) == 2 and 0 not in whole  # the versions differ, so a mix would show

        seen: list[int] = []
        failures: list[BaseException] = []
        done = threading.Event()

        def reader() -> None:
            with httpx.Client(timeout=120) as own:
                try:
                    while not done.is_set():
                        seen.append(count(own))
                except BaseException as error:
                    failures.append(error)

        readers = [threading.Thread(target=reader) for _ in range(4)]
        for thread in readers:
            thread.start()
        try:
            for round_ in range(8):
                write(client, V1 if round_ % 2 == 0 else V2)
        finally:
            done.set()
            for thread in readers:
                thread.join(timeout=120)
        client.delete(f"{server.url}/articles/consistency", headers=auth)
    assert not failures, failures
    assert len(seen) >= 8
    assert set(seen) <= whole, sorted(set(seen) - whole)


RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def test_a_runaway_query_does_not_hold_up_the_others(any_server: Served) -> None:
    """While one query runs to the time limit, small lookups go on being answered: every one
    of them before the runaway gets its 503."""
    runaway: dict[str, int] = {}

    def run_away() -> None:
        answer = httpx.get(f"{any_server.url}/sparql", params={"query": RUNAWAY}, timeout=120)
        runaway["status"] = answer.status_code

    thread = threading.Thread(target=run_away)
    thread.start()
    time.sleep(0.5)  # let it reach the engine
    statuses = []
    with httpx.Client(timeout=120) as client:
        for _ in range(5):
            answer = client.get(
                f"{any_server.url}/sparql",
                params={"query": "ASK { ?s ?p ?o }"},
                headers={"Cache-Control": "no-cache"},
            )
            statuses.append(answer.status_code)
            finished_first = "status" not in runaway
            assert finished_first, "a small lookup waited for the runaway query"
    thread.join(timeout=120)
    assert statuses == [200] * 5
    assert runaway["status"] == 503
