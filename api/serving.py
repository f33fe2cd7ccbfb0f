"""Running the service: one process, or several worker processes sharing one child Oxigraph
server, behind uvicorn with the httptools parser and a bound on request heads.

With `workers` > 1 each worker is a process of its own (uvicorn's supervisor starts them, and
starts again any that dies), with its own app over the same child server: queries run there,
so they keep its time limit, and the store's version file (`newsgraph.api.cache`) tells every
worker of a write made by any of them. The parent passes what a worker needs in one
environment variable, read by `worker_app`.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from newsgraph.api.app import url_too_long
from newsgraph.api.cache import StoreVersion
from newsgraph.api.settings import Settings

WORKER_CONFIG = "NEWSGRAPH_SERVE_WORKER"
# The longest a worker process may take to answer its supervisor, starting up or serving.
WORKER_STARTUP_S = 120


class BoundedHeads(HttpToolsProtocol):
    """uvicorn's httptools protocol with bounds on what it reads before a request's head ends.

    httptools reads a head (request line and headers) of any size, but fails on a request
    line over its own limit (about 80 KiB) with a bare 400. Here a request line over
    `max_request_line` bytes gets the service's 414 and its advice (shorter ones reach the
    app, whose limit is `Settings.max_url_length`), and a head over `max_head_bytes` gets 431,
    before it is held in memory. After either, what the client still sends is read and
    dropped for `linger_s` seconds before the connection closes: closed at once, the unread
    bytes would turn it into a reset that loses the answer.
    """

    max_head_bytes = Settings.max_head_bytes
    max_request_line = 64 * 1024
    linger_s = 5.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._refused = False
        self._next_head()

    def _next_head(self) -> None:
        self._in_head = True
        self._head_bytes = 0
        self._line_bytes = 0
        self._line_ended = False

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return
        if self._in_head:
            self._head_bytes += len(data)
            if not self._line_ended:
                newline = data.find(b"\n")
                self._line_bytes += len(data) if newline < 0 else newline
                self._line_ended = newline >= 0
                if self._line_bytes > self.max_request_line:
                    body = json.dumps({"error": url_too_long(Settings.max_url_length)})
                    self._refuse(414, "URI Too Long", "application/json", body)
                    return
            if self._head_bytes > self.max_head_bytes:
                message = f"request head over {self.max_head_bytes} bytes"
                self._refuse(431, "Request Header Fields Too Large", "text/plain", message)
                return
        super().data_received(data)

    def on_headers_complete(self) -> None:
        self._in_head = False
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        # What comes next on the connection is the next request's head.
        self._next_head()
        super().on_message_complete()

    def _refuse(self, status: int, reason: str, media_type: str, text: str) -> None:
        body = text.encode("utf-8")
        self.transport.write(
            f"HTTP/1.1 {status} {reason}\r\ncontent-type: {media_type}; charset=utf-8\r\n"
            f"content-length: {len(body)}\r\nconnection: close\r\n\r\n".encode("ascii")
            + body
        )
        self._refused = True
        if self.transport.can_write_eof():
            self.transport.write_eof()
        asyncio.get_running_loop().call_later(self.linger_s, self.transport.close)


def _uvicorn_options(settings: Settings, log_level: str) -> dict[str, Any]:
    # Idle keep-alive connections are kept 75 s, not uvicorn's 5: clients that keep them 5 s
    # too (httpx) can reuse one just as the server closes it and see a transport error
    # (SECURITY.md, the load test).
    return {
        "host": settings.host,
        "port": settings.port,
        "log_level": log_level,
        "timeout_keep_alive": 75,
        "http": BoundedHeads,
        "loop": "auto",
    }


def serve_app(app: FastAPI, settings: Settings, log_level: str) -> None:
    """Serve one app in this process until stopped."""
    uvicorn.run(app, **_uvicorn_options(settings, log_level))


def serve_workers(
    settings: Settings,
    log_level: str,
    *,
    workers: int,
    query_url: str,
    update_url: str,
    query_timeout: float,
    version_path: Path,
) -> None:
    """Serve with `workers` processes over the child server at `query_url` / `update_url`."""
    config = {
        "settings": {key: _jsonable(value) for key, value in asdict(settings).items()},
        "query_url": query_url,
        "update_url": update_url,
        "query_timeout": query_timeout,
        "version_path": str(version_path),
    }
    os.environ[WORKER_CONFIG] = json.dumps(config)
    options = _uvicorn_options(settings, log_level)
    uvicorn.run(
        "newsgraph.api.serving:worker_app",
        factory=True,
        workers=workers,
        # A worker imports spaCy before it answers the supervisor's first ping: seconds on
        # a busy machine, past uvicorn's 5, which would kill and start it again forever.
        timeout_worker_healthcheck=WORKER_STARTUP_S,
        **options,
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def worker_app() -> FastAPI:
    """The app of one worker process, from the parent's `WORKER_CONFIG`."""
    from newsgraph.api.app import create_app
    from newsgraph.api.engine import child_store

    raw = os.environ.get(WORKER_CONFIG)
    if not raw:
        sys.exit(f"newsgraph: {WORKER_CONFIG} is not set: start workers with `newsgraph serve`")
    config = json.loads(raw)
    fields = config["settings"]
    fields["store"] = Path(fields["store"])
    fields["cors_origins"] = tuple(fields["cors_origins"])
    settings = Settings(**fields)
    store = child_store(
        config["query_url"], config["update_url"], settings.base_iri, config["query_timeout"]
    )
    return create_app(settings, store, version=StoreVersion(Path(config["version_path"])))
