"""Real SPARQL servers for tests, on free loopback ports: the Oxigraph server and Virtuoso.

Each fixture starts its server once per test session in a temporary folder, waits until it
answers, yields where to reach it, and stops it. A server that is not installed skips its tests,
unless the environment variable `CI` is set: there a missing server fails them.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import httpx
import pytest

from newsgraph.api.engine import oxigraph_command

# Generous: both cores of the test machine may be busy with other work.
START_TIMEOUT_S = 180.0
STOP_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class SparqlServer:
    """Where a running server takes queries and updates, and what the store needs to know."""

    name: str
    query_url: str
    update_url: str
    auth: httpx.Auth | None = None
    # The server holds graphs of its own besides the store's (Virtuoso's system graphs).
    has_system_graphs: bool = False


def free_port(exclude: set[int] | None = None) -> int:
    while True:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = int(sock.getsockname()[1])
        if port not in (exclude or set()):
            return port


def _missing(what: str, how: str) -> NoReturn:
    message = f"{what} is not installed ({how})"
    if os.environ.get("CI"):
        pytest.fail(f"{message}; CI requires it", pytrace=False)
    pytest.skip(message)


def _log_tail(log: Path, lines: int = 40) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _wait_until_up(
    process: subprocess.Popen[bytes], url: str, log: Path, auth: httpx.Auth | None = None
) -> None:
    """Until a SPARQL ASK on `url` answers 200; fails early if the server exits."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"{process.args!r} exited with {process.returncode} before answering:\n"
                f"{_log_tail(log)}"
            )
        try:
            response = httpx.post(
                url,
                data={"query": "ASK {}"},
                headers={"Accept": "application/sparql-results+json"},
                auth=auth,
                timeout=10,
            )
            if response.status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {START_TIMEOUT_S} s:\n{_log_tail(log)}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_TIMEOUT_S)


def _die_with_parent() -> None:
    """In the child: be stopped when the test process dies, however it dies (Linux; the
    signal comes when the thread that started the server ends: fixtures run on the main one)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


# What a launch needs: the command and the URL that answers once the server is up, for a
# fresh folder; and what to yield once it answers.
Launch = tuple[list[str], str, SparqlServer]


@contextmanager
def _serve(folder: Path, launch: Callable[[Path], Launch]) -> Iterator[SparqlServer]:
    """Start a server, retrying on fresh ports if it exits at once (a port taken meanwhile)."""
    for attempt in range(1, 4):
        attempt_folder = folder / f"attempt-{attempt}"
        attempt_folder.mkdir()
        command, ready_url, server = launch(attempt_folder)
        log = attempt_folder / "server.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                command,
                cwd=attempt_folder,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            )
        try:
            _wait_until_up(process, ready_url, log)
        except RuntimeError:
            _stop(process)
            if attempt == 3:
                raise
            continue
        except BaseException:
            _stop(process)
            raise
        try:
            yield server
        finally:
            _stop(process)
        return


@contextmanager
def run_oxigraph_server(folder: Path) -> Iterator[SparqlServer]:
    command = oxigraph_command()
    if command is None:
        _missing("The Oxigraph server", "pip install oxigraph")

    def launch(folder: Path) -> Launch:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        arguments = [
            command,
            "serve",
            "--location",
            str(folder / "data"),
            "--bind",
            f"127.0.0.1:{port}",
            # The default graph of a query is the union of the named graphs, as embedded.
            "--union-default-graph",
        ]
        server = SparqlServer("oxigraph-server", f"{base}/query", f"{base}/update")
        return arguments, server.query_url, server

    with _serve(folder, launch) as server:
        yield server


VIRTUOSO_INI = """\
[Database]
DatabaseFile       = {folder}/virtuoso.db
ErrorLogFile       = {folder}/virtuoso.log
LockFile           = {folder}/virtuoso.lck
TransactionFile    = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {folder}/virtuoso-temp.db
TransactionFile    = {folder}/virtuoso-temp.trx
Striping           = 0

[Parameters]
ServerPort         = 127.0.0.1:{sql_port}
DisableUnixSocket  = 1
DisableTcpSocket   = 0
CheckpointInterval = 60
NumberOfBuffers    = 10000
MaxDirtyBuffers    = 6000
DirsAllowed        = ., {folder}
ThreadsPerQuery    = 2

[HTTPServer]
ServerPort           = 127.0.0.1:{http_port}
ServerRoot           = {folder}
ServerThreads        = 4
MaxClientConnections = 4
Charset              = UTF-8
EnabledDavVSP        = 0

[SPARQL]
; Small on purpose (Debian's default is 10,000): the store must page longer answers.
ResultSetMaxRows      = {max_rows}
MaxQueryExecutionTime = 120
"""

# A fresh Virtuoso database has this administrator; updates go to /sparql-auth as them, while
# /sparql answers queries anonymously and cannot write.
VIRTUOSO_USER = ("dba", "dba")
VIRTUOSO_MAX_ROWS = 25


@contextmanager
def run_virtuoso(folder: Path) -> Iterator[SparqlServer]:
    command = shutil.which("virtuoso-t")
    if command is None:
        _missing("Virtuoso", "apt-get install virtuoso-opensource")

    def launch(folder: Path) -> Launch:
        sql_port = free_port()
        http_port = free_port({sql_port})
        ini = folder / "virtuoso.ini"
        ini.write_text(
            VIRTUOSO_INI.format(
                folder=folder, sql_port=sql_port, http_port=http_port, max_rows=VIRTUOSO_MAX_ROWS
            )
        )
        base = f"http://127.0.0.1:{http_port}"
        server = SparqlServer(
            "virtuoso",
            f"{base}/sparql",
            f"{base}/sparql-auth",
            auth=httpx.DigestAuth(*VIRTUOSO_USER),
            has_system_graphs=True,
        )
        return [command, "+foreground", "+configfile", str(ini)], server.query_url, server

    with _serve(folder, launch) as server:
        yield server


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparqlServer]:
    with run_oxigraph_server(tmp_path_factory.mktemp("oxigraph-server")) as server:
        yield server


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparqlServer]:
    with run_virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server
