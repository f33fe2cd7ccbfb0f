"""Real servers for tests: uvicorn on a free loopback port, in a thread or a subprocess."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import uvicorn
from fastapi import FastAPI

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(
    url: str,
    timeout: float = 120.0,
    process: subprocess.Popen[bytes] | None = None,
    log: Path | None = None,
) -> None:
    """Wait until `url` answers 200; fail at once if `process` exits, with the end of `log`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
            raise RuntimeError(f"{process.args!r} exited ({process.returncode}):\n{tail}")
        try:
            if httpx.get(url, timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
    raise TimeoutError(f"{url} did not answer within {timeout} s\n{tail}")


@contextmanager
def serve_in_thread(app: FastAPI) -> Iterator[str]:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/health", timeout=30)
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def newsgraph_serve(
    store: Path,
    *options: str,
    env: dict[str, str] | None = None,
    log: Path | None = None,
    startup_s: float = 180.0,
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`newsgraph serve --store STORE` in a subprocess on a free loopback port: its base URL
    and process, stopped on exit. Its output goes to `log`, or is dropped."""
    port = free_port()
    command = [sys.executable, "-m", "newsgraph", "serve", "--store", str(store)]
    command += ["--port", str(port), "--log-level", "warning", *options]
    with open(log or os.devnull, "wb") as output:
        process = subprocess.Popen(
            command,
            env={**os.environ, **(env or {})},
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/health", timeout=startup_s, process=process, log=log)
        yield base, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)
