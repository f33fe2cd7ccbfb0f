"""Streaming an exporter's output to an HTTP client while it is being written."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from typing import BinaryIO, cast

# Chunks in flight between the writing thread and the response: a slow client slows the
# writer down instead of the export piling up in memory.
_MAX_CHUNKS = 64
_DONE = object()


class _QueueWriter:
    """A write-only binary stream that hands each write to a bounded queue."""

    def __init__(self, chunks: queue.Queue[object]) -> None:
        self._chunks = chunks

    def write(self, data: bytes | bytearray | memoryview) -> int:
        if data:
            self._chunks.put(bytes(data))
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


def stream_writer(write: Callable[[BinaryIO], None]) -> Iterator[bytes]:
    """Run `write(stream)` in a thread and yield what it writes, chunk by chunk.

    An error after the first chunk can no longer change the response's status: the body is
    cut short, which clients see as a broken transfer rather than a silent truncation.
    """
    chunks: queue.Queue[object] = queue.Queue(maxsize=_MAX_CHUNKS)
    failure: list[BaseException] = []

    def run() -> None:
        try:
            write(cast(BinaryIO, _QueueWriter(chunks)))
        except BaseException as error:  # reported to the reading side below
            failure.append(error)
        finally:
            chunks.put(_DONE)

    thread = threading.Thread(target=run, name="newsgraph-export", daemon=True)
    thread.start()
    while True:
        chunk = chunks.get()
        if chunk is _DONE:
            break
        yield cast(bytes, chunk)
    thread.join()
    if failure:
        raise RuntimeError(f"export failed midway: {failure[0]}") from failure[0]
