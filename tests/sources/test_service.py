"""The service's feed watching: POST /feeds behind the token, GET /feeds and /view/feeds, and a
background watcher that ingests while the service keeps answering."""

from __future__ import annotations

import hmac
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import httpx
import pytest
from fastapi import FastAPI, Header, HTTPException
from spacy.language import Language

from newsgraph.api.settings import Settings
from newsgraph.api.sources.fetch import FetchPolicy
from newsgraph.api.sources.service import feeds_router
from newsgraph.api.sources.watch import SourceOptions
from newsgraph.graph.store import OxigraphStore
from tests.servers import serve_in_thread
from tests.sources.newspages import STORIES
from tests.sources.site import Route, Site, rss, serve

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
DATE = "Tue, 05 Mar 2024 10:00:00 GMT"


def _app(
    settings: Settings,
    store: OxigraphStore,
    nlp: Language,
    record: Path,
    feeds: tuple[str, ...] = (),
) -> FastAPI:
    # The same guard as the service's require_token, which the lead passes in.
    def require_token(authorization: Annotated[str | None, Header()] = None) -> None:
        if not settings.token:
            raise HTTPException(403, "writes are disabled")
        scheme, _, given = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            given.encode(), settings.token.encode()
        ):
            raise HTTPException(401, "a valid 'Authorization: Bearer <token>' header is required")

    options = SourceOptions(
        policy=FetchPolicy(
            allowed_networks=("127.0.0.1/32",), per_host_seconds=0, retries=0, read_timeout=2
        ),
        record_path=record,
        interval_seconds=3600,
        feeds=feeds,
    )
    app = FastAPI()

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    app.include_router(feeds_router(settings, store, lambda: nlp, require_token, options))
    return app


@pytest.fixture
def site() -> Iterator[Site]:
    site = Site()
    with serve(site):
        site.add("/robots.txt", Route(b"User-agent: *\nAllow: /\n", "text/plain"))
        links = [site.story(f"/news/{n}", story, "blog") for n, story in enumerate(STORIES[:3])]
        site.add("/feed.rss", Route(rss("All", [(f"s{n}", u, DATE) for n, u in enumerate(links)])))
        site.page_delay = 0.5
        yield site


def test_the_service_watches_feeds_it_is_given(
    tmp_path: Path, disk_store: OxigraphStore, nlp: Language, site: Site
) -> None:
    settings = Settings(store=tmp_path / "store", token=TOKEN)
    app = _app(settings, disk_store, nlp, tmp_path / "record.sqlite")
    feed = f"{site.base}/feed.rss"
    with serve_in_thread(app) as base, httpx.Client(base_url=base, timeout=30) as client:
        assert client.get("/feeds").json()["feeds"] == []
        assert client.post("/feeds", json={"urls": [feed]}).status_code == 401
        wrong = {"Authorization": "Bearer nope"}
        assert client.post("/feeds", json={"urls": [feed]}, headers=wrong).status_code == 401
        for refused in (
            "http://127.0.0.2/feed.rss",
            "http://10.0.0.1/feed.rss",
            "http://169.254.169.254/latest/",
            "file:///etc/passwd",
        ):
            answer = client.post("/feeds", json={"urls": [refused]}, headers=AUTH)
            assert answer.status_code == 400, refused
        added = client.post("/feeds", json={"urls": [feed, feed]}, headers=AUTH)
        assert added.status_code == 201
        assert added.json() == {"added": [feed], "known": []}

        # The watcher reads the feed at once; the service answers meanwhile.
        slowest = 0.0
        deadline = time.monotonic() + 120
        watched = {}
        while time.monotonic() < deadline:
            started = time.monotonic()
            assert client.get("/health").status_code == 200
            watched = client.get("/feeds").json()
            slowest = max(slowest, time.monotonic() - started)
            if watched["feeds"][0]["ingested"] == 3:
                break
            time.sleep(0.2)
        (status,) = watched["feeds"]
        assert status["url"] == feed and status["last_status"] == "ok"
        assert status["last_checked"] and status["items"] == 3 and status["ingested"] == 3
        assert watched["items"] == {"done": 3}
        assert slowest < 2.0

        page = client.get("/view/feeds")
        assert page.status_code == 200 and feed in page.text
        assert page.headers["content-security-policy"] == "default-src 'self'"
        odd = f"{site.base}/feed.rss?x=<b>"
        assert client.post("/feeds", json={"urls": [odd]}, headers=AUTH).status_code == 201
        shown = client.get("/view/feeds").text
        assert "?x=&lt;b&gt;" in shown and "?x=<b>" not in shown

        assert client.delete("/feeds", params={"url": odd}, headers=AUTH).status_code == 200
        assert client.delete("/feeds", params={"url": odd}, headers=AUTH).status_code == 404
    rows = list(disk_store.query("SELECT ?a WHERE { ?a a schema:NewsArticle }"))  # type: ignore[arg-type]
    assert len(rows) == 3


def test_writes_are_refused_without_a_configured_token(
    tmp_path: Path, disk_store: OxigraphStore, nlp: Language
) -> None:
    app = _app(Settings(store=tmp_path / "store"), disk_store, nlp, tmp_path / "r.sqlite")
    with serve_in_thread(app) as base, httpx.Client(base_url=base, timeout=30) as client:
        answer = client.post("/feeds", json={"urls": ["https://news.example/feed"]}, headers=AUTH)
        assert answer.status_code == 403
        assert client.get("/feeds").json()["feeds"] == []


def test_feeds_from_the_configuration_are_watched_from_the_start(
    tmp_path: Path, disk_store: OxigraphStore, nlp: Language, site: Site
) -> None:
    feed = f"{site.base}/feed.rss"
    app = _app(Settings(store=tmp_path / "store"), disk_store, nlp, tmp_path / "r.sqlite", (feed,))
    with serve_in_thread(app) as base, httpx.Client(base_url=base, timeout=30) as client:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            (status,) = client.get("/feeds").json()["feeds"]
            if status["ingested"] == 3:
                break
            time.sleep(0.2)
        assert status["url"] == feed and status["ingested"] == 3
