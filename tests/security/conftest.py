"""The real service for the hardening tests: `newsgraph serve` in a subprocess over a store the
`newsgraph ingest` command filled, and a loopback listener that no request may ever reach."""

from __future__ import annotations

import shutil
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.servers import newsgraph_serve

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "hardening-token-6b1f0c2e9a"
SEED_ID = "000_4c15246a69764410"


@dataclass
class Listener:
    """A plain TCP server on 127.0.0.1 that records every connection made to it."""

    url: str
    connections: list[tuple[str, int]] = field(default_factory=list)


@dataclass(frozen=True)
class Served:
    url: str
    log: Path


@pytest.fixture(scope="session")
def listener() -> Iterator[Listener]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    server.settimeout(0.2)
    port = server.getsockname()[1]
    found = Listener(f"http://127.0.0.1:{port}")
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, address = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            found.connections.append(address)
            connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield found
    stop.set()
    thread.join(timeout=5)
    server.close()


@contextmanager
def serve(
    seeded: Path, work: Path, *, query_timeout: float = 3, workers: int = 1, **env: str
) -> Iterator[Served]:
    """`newsgraph serve` (default engine: a child `oxigraph serve`) on a copy of the store,
    with `workers` worker processes."""
    store = work / "store"
    shutil.copytree(seeded, store)
    log = work / "server.log"
    environment = {
        "NEWSGRAPH_TOKEN": TOKEN,
        "NEWSGRAPH_MAX_ROWS": "",
        "NEWSGRAPH_CORS_ORIGINS": "",
        **env,
    }
    with newsgraph_serve(
        store,
        "--query-timeout",
        str(query_timeout),
        "--workers",
        str(workers),
        env=environment,
        log=log,
    ) as (base, _):
        yield Served(base, log)


@pytest.fixture(scope="session")
def server(seeded_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The service as shipped: token set, 3 s query time limit, default row cap, no CORS."""
    with serve(seeded_store, tmp_path_factory.mktemp("served")) as served:
        yield served


@pytest.fixture(scope="session")
def workers_server(
    seeded_store: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    """The service as shipped, with two worker processes over one child server."""
    with serve(seeded_store, tmp_path_factory.mktemp("served-workers"), workers=2) as served:
        yield served


@pytest.fixture(params=["one process", "two workers"])
def any_server(request: pytest.FixtureRequest) -> Served:
    """The service with one process, then with two worker processes."""
    name = "server" if request.param == "one process" else "workers_server"
    served: Served = request.getfixturevalue(name)
    return served
