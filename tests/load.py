"""A load test: N concurrent readers (SPARQL and REST) and one writer against a newsgraph server.

    python -m tests.load --url http://127.0.0.1:8000 --token "$NEWSGRAPH_TOKEN" --clients 50 --seconds 60

Without --url it starts `newsgraph serve` on a copy of a store filled with the bundled articles.
It prints requests, errors, p50 and p99 per kind of request, and writes the figures as JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tests.servers import newsgraph_serve

ROOT = Path(__file__).resolve().parents[1]

QUERIES = {
    "sparql-places": """SELECT ?name (COUNT(?m) AS ?mentions) WHERE { ?e a schema:Place ;
        schema:name ?name ; gaf:denotedBy ?m } GROUP BY ?name ORDER BY DESC(?mentions)""",
    "sparql-incidents": """SELECT ?i ?type ?place WHERE { ?i a sem:Event ; sem:eventType ?type .
        OPTIONAL { ?i sem:hasPlace ?place } } LIMIT 100""",
    "sparql-count": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    "sparql-construct": "CONSTRUCT { ?e schema:name ?n } WHERE { ?e schema:name ?n } LIMIT 200",
}
SEARCHES = ["abssi", "islam", "leb", "iraq", "a", "qaeda", "nahr"]


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    malformed: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    exceptions: dict[str, int] = field(default_factory=dict)


@dataclass
class Run:
    tallies: dict[str, Tally] = field(default_factory=dict)
    budget: int = 0

    def record(self, kind: str, seconds: float, status: int | None, well_formed: bool) -> None:
        tally = self.tallies.setdefault(kind, Tally())
        tally.latencies.append(seconds)
        if status is None or status >= 400:
            tally.errors += 1
        if status is not None:
            tally.statuses[status] = tally.statuses.get(status, 0) + 1
        if not well_formed:
            tally.malformed += 1


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def _well_formed(kind: str, response: httpx.Response) -> bool:
    """Whole, parseable answers of the shape each kind promises."""
    try:
        if kind == "sparql-construct":
            return response.text.strip() == "" or response.text.rstrip().endswith(".")
        body = response.json()
        if kind.startswith("sparql"):
            return isinstance(body["results"]["bindings"], list)
        if kind in ("entities", "incidents"):
            return isinstance(body["results"], list)
        if kind == "entity":
            return isinstance(body["name"], str) and isinstance(body["types"], list)
        if kind == "neighbors":
            return isinstance(body["nodes"], list) and isinstance(body["edges"], list)
        if kind == "write":
            return isinstance(body["results"], list)
    except (ValueError, KeyError, TypeError):
        return False
    return True


async def _request(
    client: httpx.AsyncClient, run: Run, kind: str, method: str, url: str, **options: Any
) -> httpx.Response | None:
    start = time.perf_counter()
    try:
        response = await client.request(method, url, **options)
    except httpx.HTTPError as error:
        run.record(kind, time.perf_counter() - start, None, False)
        failed = run.tallies[kind].exceptions
        failed[type(error).__name__] = failed.get(type(error).__name__, 0) + 1
        return None
    ok = response.status_code < 400 and _well_formed(kind, response)
    run.record(kind, time.perf_counter() - start, response.status_code, ok)
    return response


async def _reader(client: httpx.AsyncClient, base: str, run: Run, until: float, seed: int) -> None:
    chooser = random.Random(seed)
    entities: list[str] = []
    while time.monotonic() < until and run.budget > 0:
        run.budget -= 1
        roll = chooser.random()
        if roll < 0.4:
            kind = chooser.choice(list(QUERIES))
            accept = (
                "text/turtle" if kind == "sparql-construct" else "application/sparql-results+json"
            )
            await _request(
                client,
                run,
                kind,
                "GET",
                f"{base}/sparql",
                params={"query": QUERIES[kind]},
                headers={"Accept": accept},
            )
        elif roll < 0.6:
            response = await _request(
                client,
                run,
                "entities",
                "GET",
                f"{base}/entities",
                params={"q": chooser.choice(SEARCHES)},
            )
            if response is not None and response.status_code == 200:
                entities = [row["id"] for row in response.json()["results"]] or entities
        elif roll < 0.75 and entities:
            await _request(
                client, run, "entity", "GET", f"{base}/entities/{chooser.choice(entities)}"
            )
        elif roll < 0.9 and entities:
            await _request(
                client,
                run,
                "neighbors",
                "GET",
                f"{base}/entities/{chooser.choice(entities)}/neighbors",
            )
        else:
            await _request(
                client, run, "incidents", "GET", f"{base}/incidents", params={"limit": "50"}
            )


async def _writer(client: httpx.AsyncClient, base: str, token: str, run: Run, until: float) -> None:
    number = 0
    while time.monotonic() < until:
        number += 1
        article = {
            "id": f"load-{os.getpid()}-{number % 5}",
            "text": f"Police in Madrid arrested {number % 40 + 2} men on Friday, officials said.",
            "published": "2024-03-04",
        }
        await _request(
            client,
            run,
            "write",
            "POST",
            f"{base}/articles",
            json=article,
            headers={"Authorization": f"Bearer {token}"},
        )


async def load(
    base: str,
    *,
    token: str | None,
    clients: int,
    seconds: float,
    timeout: float = 30.0,
    max_requests: int = 1_000_000,
) -> Run:
    run = Run(budget=max_requests)
    until = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients + 2, max_keepalive_connections=clients + 2)
    async with httpx.AsyncClient(timeout=timeout, limits=limits) as client:
        tasks = [_reader(client, base, run, until, seed) for seed in range(clients)]
        if token:
            tasks.append(_writer(client, base, token, run, until))
        await asyncio.gather(*tasks)
    return run


def summary(run: Run) -> dict[str, Any]:
    return {
        kind: {
            "requests": len(tally.latencies),
            "errors": tally.errors,
            "malformed": tally.malformed,
            "statuses": {str(k): v for k, v in sorted(tally.statuses.items())},
            "exceptions": dict(sorted(tally.exceptions.items())),
            "p50_ms": round(1000 * _percentile(tally.latencies, 0.5), 1),
            "p99_ms": round(1000 * _percentile(tally.latencies, 0.99), 1),
        }
        for kind, tally in sorted(run.tallies.items())
    }


def print_table(figures: dict[str, Any], seconds: float) -> None:
    print(f"{'kind':<18}{'requests':>10}{'errors':>8}{'p50 ms':>10}{'p99 ms':>10}")
    for kind, row in figures.items():
        print(
            f"{kind:<18}{row['requests']:>10}{row['errors']:>8}{row['p50_ms']:>10}{row['p99_ms']:>10}"
        )
    total = sum(row["requests"] for row in figures.values())
    print(
        f"{'all':<18}{total:>10}{sum(r['errors'] for r in figures.values()):>8}"
        f"   ({total / seconds:.0f} requests/s)"
    )


@contextmanager
def own_server(token: str, query_timeout: float = 10.0) -> Iterator[str]:
    """`newsgraph serve` on a fresh store seeded with the bundled articles, stopped on exit."""
    with tempfile.TemporaryDirectory(prefix="newsgraph-load-") as work:
        store = Path(work) / "store"
        with newsgraph_serve(
            store,
            "--query-timeout",
            str(query_timeout),
            env={"NEWSGRAPH_TOKEN": token},
            log=Path(work) / "server.log",
        ) as (base, _):
            yield base


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.load", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--url", help="a running server (default: start one)")
    parser.add_argument(
        "--token",
        default=os.environ.get("NEWSGRAPH_TOKEN"),
        help="write token, for the writer (default: $NEWSGRAPH_TOKEN; none: no writer)",
    )
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--timeout", type=float, default=30.0, help="per request, seconds")
    parser.add_argument("--max-requests", type=int, default=1_000_000)
    parser.add_argument("--json", type=Path, default=Path("load-results.json"))
    args = parser.parse_args(argv)

    def go(base: str, token: str | None) -> dict[str, Any]:
        run = asyncio.run(
            load(
                base,
                token=token,
                clients=args.clients,
                seconds=args.seconds,
                timeout=args.timeout,
                max_requests=args.max_requests,
            )
        )
        return summary(run)

    if args.url:
        figures = go(args.url.rstrip("/"), args.token)
    else:
        token = args.token or "load-test-token"
        with own_server(token) as base:
            figures = go(base, token)
    print_table(figures, args.seconds)
    args.json.write_text(
        json.dumps({"clients": args.clients, "seconds": args.seconds, "kinds": figures}, indent=2)
    )
    failed = sum(row["errors"] + row["malformed"] for row in figures.values())
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
