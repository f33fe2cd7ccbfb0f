"""Streaming an exporter's output to an HTTP client while it is being written."""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable, Iterator
from typing import BinaryIO, cast

# Chunks in flight between the writing thread and the response: a slow client slows the
# writer down instead of the export piling up in memory.
_MAX_CHUNKS = 64
_DONE = object()
# How often a writer waiting on a full queue looks whether the reader stopped.
_POLL_S = 0.2


class _QueueWriter:
    """A write-only binary stream that hands each write to a bounded queue, until the reading
    side says it stopped reading."""

    def __init__(self, chunks: queue.Queue[object], cancelled: threading.Event) -> None:
        self._chunks = chunks
        self._cancelled = cancelled

    def write(self, data: bytes | bytearray | memoryview) -> int:
        if data:
            _put(self._chunks, bytes(data), self._cancelled)
        return len(data)

    def flush(self) -> None:
        pass

    def writable(self) -> bool:
        return True

    def readable(self) -> bool:
        return False

    def seekable(self) -> bool:
        return False

    @property
    def closed(self) -> bool:
        return False


def _put(chunks: queue.Queue[object], item: object, cancelled: threading.Event) -> None:
    while True:
        if cancelled.is_set():
            raise BrokenPipeError("the client stopped reading the export")
        try:
            chunks.put(item, timeout=_POLL_S)
            return
        except queue.Full:
            continue


def stream_writer(write: Callable[[BinaryIO], None]) -> Iterator[bytes]:
    """Run `write(stream)` in a thread and yield what it writes, chunk by chunk.

    An error after the first chunk can no longer change the response's status: the body is
    cut short, which clients see as a broken transfer rather than a silent truncation. When
    the reading side stops (the client went away and the response was closed), the writer's
    next write raises `BrokenPipeError`, so the export stops and lets go of the store.
    """
    chunks: queue.Queue[object] = queue.Queue(maxsize=_MAX_CHUNKS)
    cancelled = threading.Event()
    failure: list[BaseException] = []

    def run() -> None:
        try:
            write(cast(BinaryIO, _QueueWriter(chunks, cancelled)))
        except BaseException as error:  # reported to the reading side below
            failure.append(error)
        finally:
            with contextlib.suppress(BrokenPipeError):  # nobody reads any more
                _put(chunks, _DONE, cancelled)

    thread = threading.Thread(target=run, name="newsgraph-export", daemon=True)
    thread.start()
    try:
        while True:
            chunk = chunks.get()
            if chunk is _DONE:
                break
            yield cast(bytes, chunk)
    finally:
        cancelled.set()
    thread.join()
    if failure:
        raise RuntimeError(f"export failed midway: {failure[0]}") from failure[0]
