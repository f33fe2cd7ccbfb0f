"""Serving the on-disk store through a child Oxigraph server: its queries have a time limit
that really stops them, which the embedded engine lacks."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from graph.remote import RemoteSparqlStore
from graph.store import StoreError
from graph.vocab import IRIs

# One article per update request: the child server takes any size, and one request is one
# transaction, so an article is never half written.
_UNLIMITED_UPDATE = 10**9


def oxigraph_command() -> str | None:
    """The `oxigraph` executable (from the `oxigraph` package on PyPI), if installed."""
    return shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def oxigraph_server(
    location: Path, base_iri: str, *, timeout_s: float, startup_s: float = 60.0
) -> Iterator[RemoteSparqlStore]:
    """A store served by `oxigraph serve` on a loopback port, stopped on exit."""
    command = oxigraph_command()
    if command is None:
        raise StoreError("the `oxigraph` command is not installed (pip install oxigraph)")
    port = _free_port()
    process = subprocess.Popen(
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
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup_s
        while True:
            if process.poll() is not None:
                error = process.stderr.read().decode(errors="replace") if process.stderr else ""
                raise StoreError(f"the Oxigraph server did not start: {error.strip()}")
            try:
                httpx.get(f"{base}/query", params={"query": "ASK {}"}, timeout=2)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise StoreError("the Oxigraph server did not answer in time") from None
                time.sleep(0.1)
        store = RemoteSparqlStore(
            f"{base}/query",
            f"{base}/update",
            timeout=timeout_s * 4 + 30,
            graph_prefix=IRIs(base_iri).graph(""),
            max_triples_per_update=_UNLIMITED_UPDATE,
            max_bytes_per_update=_UNLIMITED_UPDATE,
        )
        try:
            yield store
        finally:
            store.close()
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
