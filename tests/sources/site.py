"""A news site on a free loopback port for the fetcher's and the watcher's tests: feeds (RSS 2.0,
Atom), article pages, robots.txt, ETags and Last-Modified with 304s, redirects, a slow page and
an oversized one, and a log of the requests it answered."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

from tests.sources.newspages import Story, page

LAST_MODIFIED = format_datetime(datetime(2024, 3, 5, 12, 0, tzinfo=UTC), usegmt=True)


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    location: str | None = None
    delay: float = 0.0
    # Declared length, for a response that says it is larger than the limit.
    declare_length: int | None = None
    validators: bool = True
    # No Content-Length: the body runs until the connection closes.
    unsized: bool = False


@dataclass
class Site:
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str], int]] = field(default_factory=list)
    base: str = ""
    # Delay added to every article page, to widen the window of a kill mid-run.
    page_delay: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, path: str, route: Route) -> None:
        with self.lock:
            self.routes[path] = route

    def story(self, path: str, story: Story, layout: str, canonical: str | None = None) -> str:
        url = self.base + path
        self.add(path, Route(page(story, layout, canonical or url).encode()))
        return url

    def paths(self) -> list[str]:
        with self.lock:
            return [path for path, _, _ in self.requests]

    def answered(self, path: str) -> list[int]:
        with self.lock:
            return [status for p, _, status in self.requests if p == path]


def rss(title: str, items: list[tuple[str, str, str]]) -> bytes:
    """RSS 2.0 with (title, link, pubDate) items."""
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link><guid>{escape(link)}</guid>"
        f"<pubDate>{escape(date)}</pubDate></item>"
        for t, link, date in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>http://example.invalid/</link>"
        f"<description>news</description>{entries}</channel></rss>"
    ).encode()


def atom(title: str, items: list[tuple[str, str, str]]) -> bytes:
    """Atom 1.0 with (title, link, updated) entries."""
    entries = "".join(
        f'<entry><title>{escape(t)}</title><link rel="alternate" href="{escape(link)}"/>'
        f"<id>{escape(link)}</id><updated>{escape(updated)}</updated></entry>"
        for t, link, updated in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:example:feed</id>"
        f"<updated>2024-03-05T12:00:00Z</updated>{entries}</feed>"
    ).encode()


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_: object) -> None:
            pass

        def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
            with site.lock:
                site.requests.append((self.path, dict(self.headers.items()), status))
            self.send_response(status)
            for name, value in headers.items():
                if name != "X-Unsized":
                    self.send_header(name, value)
            if headers.pop("X-Unsized", None):
                self.send_header("Connection", "close")
                self.close_connection = True
            elif "Content-Length" not in headers:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

        def do_GET(self) -> None:
            with site.lock:
                route = site.routes.get(self.path)
            if route is None:
                self._send(404, {"Content-Type": "text/plain"}, b"not found")
                return
            delay = route.delay
            if route.content_type.startswith("text/html") and route.status == 200:
                delay += site.page_delay
            if delay:
                time.sleep(delay)
            if route.location is not None:
                self._send(route.status, {"Location": route.location}, b"")
                return
            headers = {"Content-Type": route.content_type}
            if route.validators:
                etag = '"' + hashlib.sha256(route.body).hexdigest()[:16] + '"'
                headers["ETag"] = etag
                headers["Last-Modified"] = LAST_MODIFIED
                if self.headers.get("If-None-Match") == etag:
                    self._send(304, {"ETag": etag}, b"")
                    return
            if route.unsized:
                headers["X-Unsized"] = "1"
            if route.declare_length is not None:
                headers["Content-Length"] = str(route.declare_length)
            self._send(route.status, headers, route.body)

    return Handler


@contextmanager
def serve(site: Site) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield site.base
    finally:
        server.shutdown()
        server.server_close()
