"""The row cap and CORS settings on a real uvicorn server, and results that survive the capped
serialization term for term."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
import pytest

from newsgraph.api.app import create_app
from newsgraph.api.settings import Settings, SettingsError
from newsgraph.api.sparql import TooManyRows, serialize_solutions
from newsgraph.graph.store import OxigraphStore
from tests.servers import serve_in_thread

EX = "http://example.org/"
ROWS = 30


def _fill(store: OxigraphStore) -> None:
    quads = [
        ox.Quad(
            ox.NamedNode(f"{EX}s{i}"),
            ox.NamedNode(f"{EX}p"),
            ox.Literal(f"value {i}"),
            ox.NamedNode(f"{EX}graph"),
        )
        for i in range(ROWS)
    ]
    store.replace_graph(
        f"{EX}graph",
        "".join(f"{q.subject} {q.predicate} {q.object} {q.graph_name} .\n" for q in quads),
        "",
    )


@pytest.fixture(scope="module")
def capped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path: Path = tmp_path_factory.mktemp("cap") / "store"
    store = OxigraphStore(path)
    _fill(store)
    settings = Settings(store=path, max_rows=ROWS, cors_origins=("https://app.example.org",))
    with serve_in_thread(create_app(settings, store)) as url:
        yield url
    store.close()


def _select(
    url: str, query: str, accept: str = "application/sparql-results+json"
) -> httpx.Response:
    return httpx.post(
        f"{url}/sparql",
        content=query,
        headers={"content-type": "application/sparql-query", "accept": accept},
    )


@pytest.mark.parametrize(
    "accept",
    [
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    ],
)
def test_a_result_at_the_cap_is_answered_whole(capped: str, accept: str) -> None:
    response = _select(capped, f"SELECT ?s WHERE {{ ?s <{EX}p> ?o }}", accept)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    assert response.text.count(f"{EX}s") == ROWS


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "text/csv"])
def test_a_result_over_the_cap_is_refused_not_cut(capped: str, accept: str) -> None:
    # The 30 rows of data and one more: one over the cap.
    response = _select(
        capped, f"SELECT ?s WHERE {{ {{ ?s <{EX}p> ?o }} UNION {{ BIND(1 AS ?s) }} }}", accept
    )
    assert response.status_code == 400
    assert "cap" in response.json()["error"] and "LIMIT" in response.json()["error"]


def test_a_construct_over_the_cap_is_refused(capped: str) -> None:
    query = f"CONSTRUCT {{ ?s <{EX}q> ?o . ?s <{EX}r> ?o }} WHERE {{ ?s <{EX}p> ?o }}"
    response = _select(capped, query, "text/turtle")
    assert response.status_code == 400
    assert "triples" in response.json()["error"]
    limited = _select(capped, query + " LIMIT 10", "text/turtle")
    assert limited.status_code == 200 and limited.text.count(f"<{EX}q>") == 10


def test_cors_allows_only_the_listed_origin(capped: str) -> None:
    preflight = {
        "origin": "https://app.example.org",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
    }
    allowed = httpx.options(f"{capped}/sparql", headers=preflight)
    assert allowed.headers["access-control-allow-origin"] == "https://app.example.org"
    other = httpx.options(f"{capped}/sparql", headers={**preflight, "origin": "https://evil.test"})
    assert "access-control-allow-origin" not in other.headers
    simple = httpx.get(f"{capped}/health", headers={"origin": "https://evil.test"})
    assert "access-control-allow-origin" not in simple.headers


def test_no_cors_headers_by_default(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    try:
        with serve_in_thread(create_app(Settings(store=tmp_path / "store"), store)) as url:
            response = httpx.get(f"{url}/health", headers={"origin": "https://app.example.org"})
            preflight = httpx.options(
                f"{url}/sparql",
                headers={
                    "origin": "https://app.example.org",
                    "access-control-request-method": "POST",
                },
            )
    finally:
        store.close()
    assert "access-control-allow-origin" not in response.headers
    assert "access-control-allow-origin" not in preflight.headers


def test_capped_serialization_keeps_every_kind_of_term() -> None:
    store = ox.Store()
    subject = ox.NamedNode(f"{EX}s")
    objects = [
        ox.Literal("plain"),
        ox.Literal("chaîne", language="fr"),
        ox.Literal("42", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
        ox.Literal('quote " and \n newline'),
        ox.BlankNode("b0"),
        ox.NamedNode(f"{EX}o"),
    ]
    for index, obj in enumerate(objects):
        store.add(ox.Quad(subject, ox.NamedNode(f"{EX}p{index}"), obj))
    query = "SELECT ?p ?o ?missing WHERE { ?s ?p ?o OPTIONAL { ?o ?x ?missing } }"
    expected = store.query(query).serialize(format=ox.QueryResultsFormat.JSON)
    ours = serialize_solutions(store.query(query), ox.QueryResultsFormat.JSON, cap=10)
    assert _as_set(json.loads(ours)) == _as_set(json.loads(expected))
    with pytest.raises(TooManyRows):
        serialize_solutions(store.query(query), ox.QueryResultsFormat.JSON, cap=5)


def _as_set(results: dict[str, Any]) -> tuple[list[str], set[str]]:
    return results["head"]["vars"], {
        json.dumps(row, sort_keys=True) for row in results["results"]["bindings"]
    }


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("NEWSGRAPH_MAX_ROWS", "lots", "not a whole number"),
        ("NEWSGRAPH_MAX_ROWS", "0", "below"),
        ("NEWSGRAPH_PORT", "80a", "not a whole number"),
        ("NEWSGRAPH_TOKEN_FILE", "/nonexistent/token", "cannot read"),
    ],
)
def test_bad_settings_are_named(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    monkeypatch.setenv(name, value)
    monkeypatch.delenv("NEWSGRAPH_TOKEN", raising=False)
    with pytest.raises(SettingsError, match=message) as error:
        Settings.from_env()
    assert name in str(error.value)


def test_cors_origins_are_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_CORS_ORIGINS", " https://a.example , https://b.example,")
    assert Settings.from_env().cors_origins == ("https://a.example", "https://b.example")
