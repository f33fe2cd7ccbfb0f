"""Answers to repeated reads: kept until the store changes, revalidated by ETag, shared version
across worker processes; request heads bounded under the httptools parser."""

from __future__ import annotations

import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient
from spacy.language import Language

from newsgraph.api.app import create_app
from newsgraph.api.cache import ResponseCache, StoreVersion
from newsgraph.api.serving import BoundedHeads
from newsgraph.api.settings import Settings
from newsgraph.graph.store import OxigraphStore
from tests.servers import free_port, newsgraph_serve, wait_until_up

TOKEN = "cache-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
MADRID = "Police in Madrid arrested 12 suspects on Friday, the Interior Ministry said."
TOLEDO = "Police in Toledo arrested Juan Ortega on Monday, the Interior Ministry said."
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _count(response: httpx.Response) -> int:
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


@pytest.fixture
def client(tmp_path: Path, nlp: Language) -> Iterator[TestClient]:
    store = OxigraphStore(tmp_path / "store")
    settings = Settings(store=tmp_path / "store", token=TOKEN)
    with TestClient(create_app(settings, store, nlp_loader=lambda: nlp)) as test_client:
        yield test_client
    store.close()


def test_a_repeated_read_is_answered_from_memory_until_a_write(client: TestClient) -> None:
    cache: ResponseCache = client.app.state.cache  # type: ignore[attr-defined]
    first = client.get("/sparql", params={"query": COUNT})
    assert _count(first) == 0
    hits = cache.hits
    again = client.get("/sparql", params={"query": COUNT})
    assert again.content == first.content and cache.hits == hits + 1
    assert again.headers["etag"] == first.headers["etag"]
    assert again.headers["cache-control"] == "no-cache"

    posted = client.post("/articles", json={"id": "madrid", "text": MADRID}, headers=AUTH)
    assert posted.status_code == 201, posted.text
    after = client.get("/sparql", params={"query": COUNT})
    assert _count(after) > 0
    assert after.headers["etag"] != first.headers["etag"]


def test_if_none_match_gets_304_only_while_the_store_is_unchanged(client: TestClient) -> None:
    client.post("/articles", json={"id": "madrid", "text": MADRID}, headers=AUTH)
    first = client.get("/articles")
    etag = first.headers["etag"]
    unchanged = client.get("/articles", headers={"If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert unchanged.headers["etag"] == etag
    # Another request (other query string) has another tag.
    other = client.get("/articles", params={"limit": 1}, headers={"If-None-Match": etag})
    assert other.status_code == 200

    client.post("/articles", json={"id": "toledo", "text": TOLEDO}, headers=AUTH)
    changed = client.get("/articles", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert {a["id"] for a in changed.json()["results"]} == {"madrid", "toledo"}


def test_errors_and_fresh_requests_are_never_taken_from_memory(client: TestClient) -> None:
    cache: ResponseCache = client.app.state.cache  # type: ignore[attr-defined]
    missing = client.get("/articles/madrid")
    assert missing.status_code == 404 and "etag" not in missing.headers
    client.post("/articles", json={"id": "madrid", "text": MADRID}, headers=AUTH)
    assert client.get("/articles/madrid").status_code == 200

    client.get("/sparql", params={"query": COUNT})
    misses = cache.misses
    client.get("/sparql", params={"query": COUNT}, headers={"Cache-Control": "no-cache"})
    assert cache.misses == misses  # not looked up at all
    refused = client.get("/sparql", params={"query": "SELECT * WHERE { SERVICE <urn:x> {} }"})
    assert refused.status_code == 400 and "etag" not in refused.headers


def test_answers_differ_by_what_the_client_accepts(client: TestClient) -> None:
    as_json = client.get("/sparql", params={"query": COUNT}, headers={"Accept": "application/json"})
    as_csv = client.get("/sparql", params={"query": COUNT}, headers={"Accept": "text/csv"})
    assert as_json.headers["content-type"].startswith("application/json")
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert as_json.headers["etag"] != as_csv.headers["etag"]


def test_a_write_by_one_worker_is_seen_by_another(tmp_path: Path, nlp: Language) -> None:
    """Two apps over one store with one version file, as `newsgraph serve --workers` has."""
    store = OxigraphStore(tmp_path / "store")
    settings = Settings(store=tmp_path / "store", token=TOKEN)
    shared = tmp_path / "version"
    first = create_app(settings, store, lambda: nlp, version=StoreVersion(shared))
    # The second worker's store object hears nothing of the first one's writes: only the file.
    other_store = _Detached(store)
    second = create_app(settings, other_store, lambda: nlp, version=StoreVersion(shared))  # type: ignore[arg-type]
    with TestClient(first) as one, TestClient(second) as two:
        before = _count(two.get("/sparql", params={"query": COUNT}))
        assert _count(two.get("/sparql", params={"query": COUNT})) == before
        one.post("/articles", json={"id": "madrid", "text": MADRID}, headers=AUTH)
        assert _count(two.get("/sparql", params={"query": COUNT})) > before
    store.close()


class _Detached:
    """The same store under another object whose write listeners are its own: what a second
    worker process has."""

    def __init__(self, store: OxigraphStore) -> None:
        self._store = store

    def on_write(self, listener: object) -> None:
        pass

    def __getattr__(self, name: str) -> object:
        return getattr(self._store, name)


def test_the_cache_keeps_within_its_budget() -> None:
    from newsgraph.api.cache import _Answer

    cache = ResponseCache(max_bytes=1000, max_entry_bytes=400)
    assert cache.get("v", b"k0") is None  # a lookup under a version starts it
    for number in range(10):
        cache.put("v", f"k{number}".encode(), _Answer(200, [], b"x" * 300))
    assert cache.get("v", b"k0") is None  # the oldest went first
    assert cache.get("v", b"k9") is not None
    cache.put("v", b"big", _Answer(200, [], b"x" * 500))
    assert cache.get("v", b"big") is None  # over the entry limit
    assert cache.get("w", b"k9") is None  # a new version starts empty
    cache.put("v", b"late", _Answer(200, [], b"x"))  # answered under a version already gone
    assert cache.get("w", b"late") is None


def test_no_cache_when_turned_off(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    settings = Settings(store=tmp_path / "store", cache_bytes=0)
    with TestClient(create_app(settings, store)) as test_client:
        response = test_client.get("/sparql", params={"query": COUNT})
        assert response.status_code == 200 and "etag" not in response.headers
    store.close()


def test_an_endless_request_head_is_refused_with_431(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    app = create_app(Settings(store=tmp_path / "store"), store)
    port = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", http=BoundedHeads
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        wait_until_up(f"http://127.0.0.1:{port}/health", timeout=30)
        with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
            connection.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Long: ")
            answer = b""
            try:
                for _ in range(2 * BoundedHeads.max_head_bytes // 65536 + 2):
                    connection.sendall(b"a" * 65536)
            except (BrokenPipeError, ConnectionResetError):
                pass  # closed by the server, as it should be
            while chunk := connection.recv(4096):
                answer += chunk
        assert answer.startswith(b"HTTP/1.1 431"), answer[:200]
        # A URL over the service's limit is still read whole and answered 414 with its reason.
        long_url = httpx.get(f"http://127.0.0.1:{port}/sparql", params={"query": "x" * 20_000})
        assert long_url.status_code == 414
        assert httpx.get(f"http://127.0.0.1:{port}/health").status_code == 200
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()


def test_workers_serve_one_store_and_all_see_a_write(seeded_store: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(seeded_store, store)
    env = {"NEWSGRAPH_TOKEN": TOKEN}
    with newsgraph_serve(store, "--workers", "2", env=env, log=tmp_path / "log") as (url, _):
        query = {"query": COUNT}
        # Fresh connections, so both workers answer and keep the answer.
        before = {_count(httpx.get(f"{url}/sparql", params=query)) for _ in range(12)}
        assert len(before) == 1
        posted = httpx.post(
            f"{url}/articles", json={"id": "madrid", "text": MADRID}, headers=AUTH, timeout=120
        )
        assert posted.status_code == 201, posted.text
        after = {_count(httpx.get(f"{url}/sparql", params=query)) for _ in range(12)}
        assert len(after) == 1 and after.pop() > before.pop()
