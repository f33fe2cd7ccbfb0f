"""Answers to repeated reads kept until the store changes, and revalidated by its version.

Every write through the service (articles, updates, feeds) moves the store's *version*: a small
file replaced on each write, shared by all worker processes. A read-only GET is answered from
memory when the same request (path, query, content negotiation, host) was answered under the
current version, and its `ETag` names that version, so a client that sends it back in
`If-None-Match` gets `304 Not Modified` without any query being run, cached or not. A change to
the store makes every earlier answer stale at once: the next request sees a new version.

Plain ASGI, in front of the routes: a hit costs one `stat` and a dictionary lookup.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The reads whose answer depends on nothing but the request and the store's content.
CACHED_PREFIXES = (
    "/sparql",
    "/entities",
    "/paths",
    "/incidents",
    "/timeline",
    "/map",
    "/export",
    "/articles",
    "/stats",
    "/view",
)
# Pages under the cached prefixes that show something besides the store (the feed record).
UNCACHED_PATHS = frozenset({"/view/feeds"})
# Request headers an answer may depend on: they are part of the key.
_KEY_HEADERS = (b"accept", b"host", b"origin")


class StoreVersion:
    """The store's version: changed by `bump` after every write.

    Kept in memory for one process, or in a file that `bump` replaces when several processes
    serve the store (`path`): then `token` costs one `stat` and sees any process's bump. A
    random part drawn when the version is made keeps a version from repeating across service
    runs, so a client's ETag from an earlier run is never taken for the current one.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._run = secrets.token_hex(4)
        self._count = 0
        self._lock = threading.Lock()
        if path is not None and not path.exists():
            self.bump()

    def token(self) -> str:
        if self.path is None:
            return f"{self._run}.{self._count:x}"
        status = os.stat(self.path)
        # The same in every process; a fresh file for each service run.
        return f"{status.st_ino:x}.{status.st_mtime_ns:x}"

    def bump(self) -> None:
        """Mark the store changed, for every process sharing this version."""
        with self._lock:
            self._count += 1
            if self.path is not None:
                # A new file each time: a new inode and time, even for two bumps at once.
                fresh = self.path.with_name(f".{self.path.name}.{os.getpid()}.{self._count}")
                fresh.write_text(secrets.token_hex(8), encoding="ascii")
                os.replace(fresh, self.path)


@dataclass(frozen=True)
class _Answer:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


class ResponseCache:
    """Least recently used answers, at most `max_bytes` of bodies, none over `max_entry_bytes`."""

    def __init__(self, max_bytes: int, max_entry_bytes: int | None = None) -> None:
        self.max_bytes = max_bytes
        self.max_entry_bytes = max_entry_bytes or max(1, max_bytes // 16)
        self._answers: OrderedDict[bytes, _Answer] = OrderedDict()
        self._version = ""
        self._size = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, version: str, key: bytes) -> _Answer | None:
        with self._lock:
            if version != self._version:
                self._answers.clear()
                self._size = 0
                self._version = version
                return None
            answer = self._answers.get(key)
            if answer is not None:
                self._answers.move_to_end(key)
            return answer

    def put(self, version: str, key: bytes, answer: _Answer) -> None:
        size = len(answer.body) + len(key)
        if size > self.max_entry_bytes:
            return
        with self._lock:
            if version != self._version:
                return  # answered under a version that is already gone
            previous = self._answers.pop(key, None)
            if previous is not None:
                self._size -= len(previous.body) + len(key)
            self._answers[key] = answer
            self._size += size
            while self._size > self.max_bytes and self._answers:
                old_key, old = self._answers.popitem(last=False)
                self._size -= len(old.body) + len(old_key)


def _cacheable(scope: Scope) -> bool:
    if scope["method"] != "GET":
        return False
    path: str = scope["path"]
    if path in UNCACHED_PATHS:
        return False
    return any(path == prefix or path.startswith(prefix + "/") for prefix in CACHED_PREFIXES)


def _request_key(scope: Scope) -> bytes | None:
    """What the answer depends on, or None for a request that must not be answered from
    memory (it has a body, or asks for a fresh answer)."""
    wanted: dict[bytes, bytes] = {}
    for name, value in scope["headers"]:
        if name in (b"content-length", b"transfer-encoding") and value not in (b"0", b""):
            return None
        if name == b"cache-control" and b"no-cache" in value:
            return None
        if name in _KEY_HEADERS:
            wanted[name] = value
    parts = [
        scope["method"].encode(),
        scope.get("scheme", "http").encode(),
        scope.get("raw_path") or scope["path"].encode(),
        scope.get("query_string", b""),
        *(wanted.get(name, b"") for name in _KEY_HEADERS),
    ]
    return b"\0".join(parts)


def _etag(version: str, key: bytes) -> bytes:
    return f'"{version}-{hashlib.blake2b(key, digest_size=8).hexdigest()}"'.encode()


def _matches(scope: Scope, etag: bytes) -> bool:
    for name, value in scope["headers"]:
        if name == b"if-none-match":
            return any(tag.strip() in (etag, b"*", b"W/" + etag) for tag in value.split(b","))
    return False


class CachedReads:
    """ASGI middleware: answer repeated reads from `cache` while `version` stays the same,
    and any read whose `If-None-Match` names the current version with 304."""

    def __init__(self, app: ASGIApp, version: StoreVersion, cache: ResponseCache) -> None:
        self.app = app
        self.version = version
        self.cache = cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _cacheable(scope):
            await self.app(scope, receive, send)
            return
        key = _request_key(scope)
        if key is None:
            await self.app(scope, receive, send)
            return
        version = self.version.token()
        etag = _etag(version, key)
        if _matches(scope, etag):
            await _send(send, _Answer(304, [(b"etag", etag), (b"cache-control", b"no-cache")], b""))
            return
        found = self.cache.get(version, key)
        if found is not None:
            self.cache.hits += 1
            await _send(send, found)
            return
        self.cache.misses += 1
        await self._answer_and_keep(scope, receive, send, version, key, etag)

    async def _answer_and_keep(
        self, scope: Scope, receive: Receive, send: Send, version: str, key: bytes, etag: bytes
    ) -> None:
        start: Message | None = None
        body: list[bytes] = []
        size = 0
        keep = True

        async def tagged_send(message: Message) -> None:
            nonlocal start, size, keep
            if message["type"] == "http.response.start":
                start = message
                keep = message["status"] == 200
                if keep:
                    headers = [
                        (name, value)
                        for name, value in message.get("headers", [])
                        if name not in (b"etag", b"cache-control")
                    ]
                    headers += [(b"etag", etag), (b"cache-control", b"no-cache")]
                    message = {**message, "headers": headers}
                    start = message
            elif message["type"] == "http.response.body" and keep:
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > self.cache.max_entry_bytes:
                    keep = False
                    body.clear()
                else:
                    body.append(chunk)
                if not message.get("more_body", False) and keep and start is not None:
                    self.cache.put(
                        version, key, _Answer(200, list(start["headers"]), b"".join(body))
                    )
            await send(message)

        await self.app(scope, receive, tagged_send)


async def _send(send: Send, answer: _Answer) -> None:
    await send({"type": "http.response.start", "status": answer.status, "headers": answer.headers})
    await send({"type": "http.response.body", "body": answer.body})
