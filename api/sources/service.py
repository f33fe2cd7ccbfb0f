"""The service's feed watching: `POST /feeds` (token-protected) adds feeds, `GET /feeds` and the
page `/view/feeds` show what is watched and when each feed was last read, and a background
thread reads them at an interval while the service keeps answering queries."""

from __future__ import annotations

import contextlib
import html
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field
from spacy.language import Language
from starlette.concurrency import run_in_threadpool

from newsgraph.api.settings import Settings
from newsgraph.api.sources.fetch import AddressRefused, check_url
from newsgraph.api.sources.record import FetchRecord
from newsgraph.api.sources.watch import SourceOptions, default_record_path, open_sources
from newsgraph.graph.store import GraphStore

MAX_FEEDS_PER_REQUEST = 100


class FeedsToWatch(BaseModel):
    """Feed URLs to watch: http(s) only; private addresses only where the server allows them."""

    urls: list[str] = Field(min_length=1, max_length=MAX_FEEDS_PER_REQUEST)


class FeedsAdded(BaseModel):
    added: list[str]
    known: list[str]


class FeedStatus(BaseModel):
    url: str
    added: str
    last_checked: str | None
    last_status: str | None
    last_error: str | None
    items: int
    ingested: int


class WatchedFeeds(BaseModel):
    interval_seconds: float
    feeds: list[FeedStatus]
    items: dict[str, int]


@contextlib.contextmanager
def _sole_watcher(lock_path: Path, stop: threading.Event, retry_s: float) -> Iterator[bool]:
    """Hold `lock_path` while watching, so that of several worker processes serving one store
    only one reads the feeds; the others wait, taking over if it ends. Yields False when `stop`
    came first. Where locks are not available (Windows), every process watches."""
    try:
        import fcntl
    except ImportError:
        yield True
        return
    with open(lock_path, "a+b") as lock:
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if stop.wait(retry_s):
                    yield False
                    return
        try:
            yield True
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def feeds_router(
    settings: Settings,
    store: GraphStore,
    nlp_loader: Callable[[], Language],
    write_guard: Callable[..., Any],
    options: SourceOptions | None = None,
) -> APIRouter:
    """The feed routes over an open store, and the watcher as the router's lifespan: it
    starts with the app and stops with it. `write_guard` is the app's token dependency."""
    options = options or SourceOptions.from_env()
    record_path = options.record_path or default_record_path(settings)
    state: dict[str, Any] = {}
    wake = threading.Event()

    @asynccontextmanager
    async def watching(_: FastAPI) -> AsyncIterator[None]:
        sources = open_sources(settings, store, options, nlp_loader)
        for url in options.feeds:
            check_url(options.policy, url)
            sources.record.add_feed(url)
        stop = threading.Event()

        def watch() -> None:
            lock_path = record_path.with_name(record_path.name + ".watch.lock")
            with _sole_watcher(lock_path, stop, options.interval_seconds) as watching:
                if watching:
                    sources.watcher.run(options.interval_seconds, stop, None, wake)

        thread = threading.Thread(target=watch, name="newsgraph-feeds", daemon=True)
        state["record"] = sources.record
        thread.start()
        try:
            yield
        finally:
            stop.set()
            wake.set()
            # The item being read is finished (or the wait ends it): its page child is
            # ended by close, and a pending item is read again on the next start.
            thread.join(timeout=30)
            state.pop("record", None)
            sources.close()

    router = APIRouter(lifespan=watching, tags=["feeds"])

    def record() -> FetchRecord:
        found = state.get("record")
        if found is None:
            # Routes used without the lifespan (an app started without it): read the file.
            found = state["record"] = FetchRecord(record_path)
        return found

    @router.post(
        "/feeds",
        status_code=201,
        dependencies=[Depends(write_guard)],
        response_model=FeedsAdded,
        summary="Watch feeds",
    )
    def add_feeds(body: FeedsToWatch) -> dict[str, list[str]]:
        """Watch RSS or Atom feeds: they are read at once, then at the service's interval."""
        for url in body.urls:
            try:
                check_url(options.policy, url)
            except AddressRefused as error:
                raise HTTPException(400, str(error)) from error
        added: list[str] = []
        known: list[str] = []
        for url in dict.fromkeys(body.urls):
            (added if record().add_feed(url) else known).append(url)
        wake.set()
        return {"added": added, "known": known}

    @router.delete("/feeds", dependencies=[Depends(write_guard)], summary="Stop watching a feed")
    def remove_feed(url: str) -> dict[str, Any]:
        if not record().remove_feed(url):
            raise HTTPException(404, f"no watched feed {url!r}")
        return {"url": url, "removed": True}

    def watched() -> dict[str, Any]:
        return {
            "interval_seconds": options.interval_seconds,
            "feeds": [feed.to_json() for feed in record().feeds()],
            "items": record().counts(),
        }

    @router.get("/feeds", response_model=WatchedFeeds, summary="Watched feeds")
    async def list_feeds() -> dict[str, Any]:
        return await run_in_threadpool(watched)

    @router.get("/view/feeds", response_class=HTMLResponse, include_in_schema=False)
    async def feeds_page(request: Request) -> HTMLResponse:
        return HTMLResponse(
            _page(await run_in_threadpool(watched)),
            headers={"Content-Security-Policy": "default-src 'self'"},
        )

    return router


def _page(watched: dict[str, Any]) -> str:
    e = html.escape
    rows = "".join(
        "<tr>"
        f'<td><a href="{e(feed["url"])}" rel="noreferrer nofollow">{e(feed["url"])}</a></td>'
        f"<td>{e(feed['last_checked'] or 'not yet')}</td><td>{e(feed['last_status'] or '')}</td>"
        f"<td>{feed['items']}</td><td>{feed['ingested']}</td>"
        f"<td>{e(feed['last_error'] or '')}</td></tr>"
        for feed in watched["feeds"]
    )
    counts = ", ".join(f"{e(k)}: {v}" for k, v in sorted(watched["items"].items())) or "none"
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Watched feeds · '
        'newsgraph</title><link rel="stylesheet" href="/static/pages.css"></head><body>'
        '<nav><a href="/view">graph</a> · <a href="/view/incidents">incidents</a> · '
        '<a href="/feeds">JSON</a></nav><h1>Watched feeds</h1>'
        f"<p>Read every {watched['interval_seconds']:g} seconds. Items: {counts}.</p>"
        "<table><thead><tr><th>feed</th><th>last read</th><th>status</th><th>items</th>"
        f"<th>ingested</th><th>last error</th></tr></thead><tbody>{rows}</tbody></table>"
        "</body></html>"
    )
