"""Exports stream while they are written, and a failure midway is not a silent success."""

import threading
from typing import BinaryIO

import pytest

from newsgraph.api.streaming import stream_writer


def test_chunks_arrive_in_order_as_written() -> None:
    def write(stream: BinaryIO) -> None:
        for number in range(200):
            stream.write(f"line {number}\n".encode())

    chunks = list(stream_writer(write))
    assert len(chunks) == 200
    assert b"".join(chunks).splitlines()[-1] == b"line 199"


def test_a_failure_midway_raises_after_what_was_written() -> None:
    def write(stream: BinaryIO) -> None:
        stream.write(b"partial")
        raise OSError("disk gone")

    received = []
    with pytest.raises(RuntimeError, match="export failed midway: disk gone"):
        for chunk in stream_writer(write):
            received.append(chunk)
    assert received == [b"partial"]


def test_a_reader_that_stops_stops_the_writer() -> None:
    stopped: list[BaseException] = []
    finished = threading.Event()

    def write(stream: BinaryIO) -> None:
        try:
            for number in range(100_000):  # far more than the queue holds
                stream.write(f"line {number}\n".encode())
        except BrokenPipeError as error:
            stopped.append(error)
            raise
        finally:
            finished.set()

    chunks = stream_writer(write)
    assert next(chunks) == b"line 0\n"
    chunks.close()  # what a response does when its client goes away
    assert finished.wait(timeout=10)
    assert stopped and isinstance(stopped[0], BrokenPipeError)
