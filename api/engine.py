"""Serving the on-disk store through a child Oxigraph server: its queries have a time limit
that really stops them, which the embedded engine lacks."""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import httpx

from newsgraph.graph.remote import RemoteSparqlStore
from newsgraph.graph.store import StoreError
from newsgraph.graph.vocab import IRIs

# One article per update request: the child server takes any size, and one request is one
# transaction, so an article is never half written.
_UNLIMITED_UPDATE = 10**9
# The most of one query's answer read from the child server: a runaway SELECT streams rows
# until the time limit stops it, gigabytes that would all sit in this process's memory.
MAX_ANSWER_BYTES = 256 * 1024 * 1024


def oxigraph_command() -> str | None:
    """The `oxigraph` executable of the `oxigraph` package on PyPI: the one installed beside
    this interpreter (found even when its virtual environment is not activated), else the
    PATH's; None when neither is."""
    beside = Path(sys.executable).parent / ("oxigraph.exe" if os.name == "nt" else "oxigraph")
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("oxigraph")


def _die_with_parent() -> None:
    """In the child, before exec: get SIGTERM when the parent dies, even by SIGKILL (Linux)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _exit_on_sigterm(signum: int, _: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _Child:
    """One `oxigraph serve` process on a fixed loopback port, started again if it dies.

    Its stderr is drained by a thread (a full pipe would stall the server) and its last
    lines kept for error messages. A watchdog restarts a child that exits while serving, on
    the same port, so the store's URLs stay valid: requests in between get a 503.
    """

    def __init__(self, command: list[str], base: str, startup_s: float) -> None:
        self.command = command
        self.base = base
        self.startup_s = startup_s
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.stderr_tail: deque[str] = deque(maxlen=40)
        self.process = self._start()

    def _start(self) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            self.command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
        )
        threading.Thread(target=self._drain, args=(process,), daemon=True).start()
        deadline = time.monotonic() + self.startup_s
        while True:
            if process.poll() is not None:
                time.sleep(0.1)  # let the drain thread read the last words
                raise StoreError(f"the Oxigraph server did not start: {self.last_words()}")
            try:
                httpx.get(f"{self.base}/query", params={"query": "ASK {}"}, timeout=2)
                return process
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    self._stop(process)
                    raise StoreError("the Oxigraph server did not answer in time") from None
                time.sleep(0.1)

    def _drain(self, process: subprocess.Popen[bytes]) -> None:
        assert process.stderr is not None
        for line in process.stderr:
            self.stderr_tail.append(line.decode(errors="replace").rstrip())

    def last_words(self) -> str:
        return "\n".join(self.stderr_tail).strip() or "(nothing on stderr)"

    def watch(self, interval_s: float = 1.0) -> None:
        """Restart the child whenever it exits, until `stop`."""
        while not self.stopping.wait(interval_s):
            with self.lock:
                code = self.process.poll()
                if code is None or self.stopping.is_set():
                    continue
                print(
                    f"newsgraph: the Oxigraph server exited ({code}): {self.last_words()}; "
                    "starting it again",
                    file=sys.stderr,
                )
                try:
                    self.process = self._start()
                except StoreError as error:
                    print(f"newsgraph: {error}", file=sys.stderr)

    def stop(self) -> None:
        with self.lock:
            self.stopping.set()
            self._stop(self.process)

    @staticmethod
    def _stop(process: subprocess.Popen[bytes]) -> None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def child_store(
    query_url: str, update_url: str, base_iri: str, timeout_s: float
) -> RemoteSparqlStore:
    """The store over a child server's endpoints, in the process that started it or in
    another (a worker of `newsgraph serve --workers`)."""
    return RemoteSparqlStore(
        query_url,
        update_url,
        timeout=timeout_s * 4 + 30,
        graph_prefix=IRIs(base_iri).graph(""),
        max_triples_per_update=_UNLIMITED_UPDATE,
        max_bytes_per_update=_UNLIMITED_UPDATE,
        max_answer_bytes=MAX_ANSWER_BYTES,
        # The child server cuts no answer short: large pages, few re-evaluations.
        page_size=100_000,
    )


@contextmanager
def oxigraph_server(
    location: Path, base_iri: str, *, timeout_s: float, startup_s: float = 60.0
) -> Iterator[RemoteSparqlStore]:
    """A store served by `oxigraph serve` on a loopback port, kept running, stopped on exit."""
    command = oxigraph_command()
    if command is None:
        raise StoreError("the `oxigraph` command is not installed (pip install oxigraph)")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    # uvicorn stops on SIGTERM and then raises it again; with the default handler that ends
    # the process before any `finally` runs, leaving the child holding the store's lock.
    # As an exception instead, it unwinds through here and the child is stopped.
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        child = _Child(
            [
                command,
                "serve",
                "--location",
                str(location),
                "--bind",
                f"127.0.0.1:{port}",
                "--union-default-graph",
                "--timeout-s",
                str(max(1, round(timeout_s))),
            ],
            base,
            startup_s,
        )
        watchdog = threading.Thread(target=child.watch, daemon=True, name="oxigraph-watchdog")
        watchdog.start()
        store = child_store(f"{base}/query", f"{base}/update", base_iri, timeout_s)
        try:
            yield store
        finally:
            store.close()
            child.stop()
            watchdog.join(timeout=5)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
