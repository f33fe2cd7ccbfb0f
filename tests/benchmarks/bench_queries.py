"""Query latency of the project's lookups, in-process and over HTTP, as ratios in one run.

The lookups run on graphs of 0.1M, 1M and 10M quads, through pyoxigraph in-process (the baseline), the project's service over HTTP (its
embedded engine, and its default child Oxigraph server: the remote-store path), the Oxigraph
server itself, and rdflib-endpoint; plus ingest into the embedded store against ingest into an
Oxigraph server through `RemoteSparqlStore`.

    python -m tests.benchmarks.bench_queries --sizes 0.1M,1M,10M --workdir /tmp/ngbench \\
        --out bench_queries.json
    python -m tests.benchmarks.bench_queries --sizes 0.1M --reps 20      # quick

Each lookup is the SPARQL the project's own code issues for it (recorded from `graph.queries`
on the store), replayed in order on every system; the service is also timed on its JSON route
for the lookup, against the same `graph.queries` function called in-process.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox

from newsgraph.api.engine import oxigraph_command
from newsgraph.graph import queries
from newsgraph.graph.remote import with_prologue
from newsgraph.graph.sparql_guard import check_query
from newsgraph.graph.store import GraphStore, OxigraphStore, QueryResult
from newsgraph.graph.vocab import DEFAULT_BASE_IRI, PREFIXES, IRIs
from tests.benchmarks.graphs import (
    built_store,
    copies_for,
    copy_nquads,
    extracted_graphs,
    parse_size,
)
from tests.servers import free_port, wait_until_up

ROOT = Path(__file__).resolve().parents[2]
JSON_RESULTS = "application/sparql-results+json"
IDS = IRIs(DEFAULT_BASE_IRI)
ENTITY = "person/shakir-al-abssi"
PATH_FROM, PATH_TO = "organization/fatah-al-islam", "organization/al-qaeda-in-mesopotamia"
PLACE = "place/lebanon"
INCIDENT_TYPE, SINCE, UNTIL = "armed_clash", "2007-01-01", "2007-12-31"
INCIDENTS_BY_TYPE = (
    "SELECT ?type (COUNT(DISTINCT ?i) AS ?n) WHERE { ?i a sem:Event ; sem:eventType ?type }"
    " GROUP BY ?type"
)
# Mentions per entity, the most mentioned first. (`search_entities` with an empty text, the
# `/entities?q=` route, ranks the same way but joins every label with every mention: 14 s at
# 0.1M quads, so it is left out; see BENCHMARKS.md.)
MENTIONS_PER_ENTITY = (
    "SELECT ?entity (COUNT(?m) AS ?mentions) WHERE { ?entity ng:resolutionKey ?key ;"
    " gaf:denotedBy ?m } GROUP BY ?entity ORDER BY DESC(?mentions) ?entity LIMIT 20"
)


@dataclass(frozen=True)
class Lookup:
    name: str
    selective: bool
    # The project's code for it, on a store (what the route runs).
    function: Callable[[GraphStore], Any]
    # The service's JSON route for the same lookup, if it has one.
    route: str | None


def _entity_lookup(store: GraphStore) -> Any:
    iri = IDS.entity_id(ENTITY)
    found = queries.entity_by_key(store, iri)
    assert found is not None, f"no {ENTITY} in the benchmark store"
    found["relations"] = queries.entity_relations(store, iri)
    return found


def _neighbourhood(store: GraphStore) -> Any:
    iri = IDS.entity_id(ENTITY)
    assert queries.entity_by_key(store, iri) is not None  # the route checks it exists first
    return queries.neighbourhood(store, iri, 2)


LOOKUPS = [
    Lookup("entity", True, _entity_lookup, f"/entities/{ENTITY}"),
    Lookup("neighbourhood-2", True, _neighbourhood, f"/entities/{ENTITY}/neighbors?depth=2"),
    Lookup(
        "incidents",
        True,
        lambda store: queries.find_incidents(
            store,
            incident_type=INCIDENT_TYPE,
            place=IDS.entity_id(PLACE),
            since=SINCE,
            until=UNTIL,
        ),
        f"/incidents?type={INCIDENT_TYPE}&place={PLACE}&since={SINCE}&until={UNTIL}",
    ),
    Lookup(
        "path",
        True,
        lambda store: queries.paths(
            store, IDS.entity_id(PATH_FROM), IDS.entity_id(PATH_TO), max_length=4
        ),
        f"/paths?from={PATH_FROM}&to={PATH_TO}",
    ),
    Lookup(
        "incidents-by-type", False, lambda store: queries._select(store, INCIDENTS_BY_TYPE), None
    ),
    Lookup(
        "mentions-per-entity",
        False,
        lambda store: queries._select(store, MENTIONS_PER_ENTITY),
        None,
    ),
]


class Recorder:
    """A store that notes every SPARQL query sent through it."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.sent: list[str] = []

    def query(self, sparql: str, **options: Any) -> QueryResult:
        self.sent.append(sparql)
        return self.store.query(sparql, **options)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)


# Timing


@dataclass
class Timing:
    samples: list[float]
    capped: bool = False

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, max(0, math.ceil(fraction * len(ordered)) - 1))]

    def to_json(self) -> dict[str, Any]:
        return {
            "p50_ms": round(self.percentile(0.5) * 1000, 3),
            "p99_ms": round(self.percentile(0.99) * 1000, 3),
            "runs": len(self.samples),
            "over_cap": self.capped,
        }


class OverCap(Exception):
    pass


def measure(action: Callable[[], object], reps: int, budget_s: float, cap_s: float) -> Timing:
    """Warm up once, then up to `reps` timed runs within about `budget_s`; a run over
    `cap_s` ends it with what there is."""
    started = time.perf_counter()
    try:
        action()
    except OverCap:
        return Timing([cap_s], capped=True)
    first = time.perf_counter() - started
    if first > cap_s:
        return Timing([first], capped=True)
    # At least 3 timed runs; 2 for a lookup of over 5 s (the aggregates on 10M quads).
    runs = max(3 if first < 5 else 2, min(reps, int(budget_s / max(first, 1e-6))))
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        try:
            action()
        except OverCap:
            return Timing([*samples, cap_s], capped=True)
        samples.append(time.perf_counter() - started)
    return Timing(samples)


def direct_replay(store: ox.Store, sparql: list[str]) -> Callable[[], int]:
    def run() -> int:
        values = 0
        for text in sparql:
            result = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
            if isinstance(result, ox.QuerySolutions):
                width = len(result.variables)
                for solution in result:
                    for index in range(width):
                        values += solution[index] is not None
            del result
        return values

    return run


def http_replay(client: httpx.Client, url: str, sparql: list[str]) -> Callable[[], int]:
    bodies = [with_prologue(text).encode("utf-8") for text in sparql]

    def run() -> int:
        size = 0
        for body in bodies:
            try:
                response = client.post(
                    url,
                    content=body,
                    headers={"Content-Type": "application/sparql-query", "Accept": JSON_RESULTS},
                )
            except httpx.TimeoutException as error:
                raise OverCap from error
            if response.status_code == 503:
                raise OverCap(response.text)
            response.raise_for_status()
            size += len(response.content)
        return size

    return run


def http_get(client: httpx.Client, url: str) -> Callable[[], int]:
    def run() -> int:
        try:
            response = client.get(url, headers={"Accept": "application/json"})
        except httpx.TimeoutException as error:
            raise OverCap from error
        response.raise_for_status()
        return len(response.content)

    return run


# Servers


@contextmanager
def running(
    command: list[str], ready: str, log: Path, timeout: float = 900, cwd: Path = ROOT
) -> Iterator[int]:
    """A server subprocess, run in `cwd`: yields its port once `ready` (a URL with {port})
    answers 200."""
    port = free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [part.format(port=port) for part in command],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=cwd,
            env={**os.environ, "NEWSGRAPH_BASE_IRI": DEFAULT_BASE_IRI},
        )
    try:
        wait_until_up(ready.format(port=port), timeout, process=process, log=log)
        yield port
        if process.poll() is not None:
            raise RuntimeError(
                f"{command[0]} died during the benchmark:\n{log.read_text()[-3000:]}"
            )
    finally:
        _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a server with SIGINT, as Ctrl-C would (uvicorn shuts down, then re-raises the signal
    it caught: with SIGINT, `newsgraph serve` still runs its cleanup), and then whatever it
    started that is still running."""
    import signal

    import psutil

    try:
        children = psutil.Process(process.pid).children(recursive=True)
    except psutil.Error:
        children = []
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    for child in children:
        try:
            child.wait(timeout=30)
        except psutil.TimeoutExpired:
            child.kill()
        except psutil.Error:
            pass


def serve_rdflib(nquads: Path, copies: int, port: int, ready: Path) -> None:
    """In a subprocess: rdflib-endpoint over a union-default-graph Dataset of the copies."""
    import psutil
    import rdflib
    import uvicorn
    from rdflib_endpoint import SparqlEndpoint

    started = time.perf_counter()
    dataset = rdflib.Dataset(default_union=True)
    base = nquads.read_text(encoding="utf-8")
    for copy in range(copies):
        dataset.parse(data=copy_nquads(base, copy), format="nquads")
    gc.collect()
    info = {
        "load_s": time.perf_counter() - started,
        "rss_mib": psutil.Process().memory_info().rss / 2**20,
        "quads": len(dataset),
    }
    ready.write_text(json.dumps(info))
    app = SparqlEndpoint(graph=dataset, path="/sparql", cors_enabled=False)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


# The run


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def run_size(
    label: str,
    graphs_text: str,
    quads_per_copy: int,
    workdir: Path,
    *,
    reps: int,
    budget_s: float,
    cap_s: float,
    rdflib_limit: int,
    rdflib_capped: set[str],
) -> dict[str, Any]:
    copies = copies_for(parse_size(label), quads_per_copy)
    folder, info = built_store(workdir, label, graphs_text, copies)
    result: dict[str, Any] = {"label": label, "quads": info["quads"], "copies": copies}
    result["store_build_s"] = _round(info["load_s"], 1)
    timings: dict[str, dict[str, Timing]] = {lookup.name: {} for lookup in LOOKUPS}
    sent: dict[str, list[str]] = {}

    def note(system: str, lookup: str, timing: Timing) -> None:
        timings[lookup][system] = timing
        flag = " (over cap)" if timing.capped else ""
        print(
            f"  {label:>5} {lookup:<18} {system:<26} p50 {timing.percentile(0.5) * 1000:9.2f} ms"
            f"  p99 {timing.percentile(0.99) * 1000:9.2f} ms  n={len(timing.samples)}{flag}",
            flush=True,
        )

    # 1. In-process: record the SPARQL of each lookup, then time it and the function.
    store = OxigraphStore(folder)
    for lookup in LOOKUPS:
        recorder = Recorder(store)
        lookup.function(recorder)  # type: ignore[arg-type]
        sent[lookup.name] = recorder.sent
    for lookup in LOOKUPS:
        note(
            "direct",
            lookup.name,
            measure(direct_replay(store.oxigraph, sent[lookup.name]), reps, budget_s, cap_s),
        )
        note(
            "direct-function",
            lookup.name,
            measure(lambda f=lookup.function, s=store: f(s), reps, budget_s, cap_s),
        )
    result["queries_per_lookup"] = {name: len(texts) for name, texts in sent.items()}
    result["load_average"] = os.getloadavg()
    # Where the service's /sparql spends time besides the engine: the guard's parse of each
    # query (rdflib), and on the remote path, reading the server's JSON back into pyoxigraph
    # results and writing them out again.
    result["guard_ms"] = {
        name: _round(
            measure(lambda t=texts: [check_query(q) for q in t], 10, 2, cap_s).percentile(0.5)
            * 1000
        )
        for name, texts in sent.items()
    }
    result["sparql"] = sent
    store.close()
    del store
    gc.collect()

    client = httpx.Client(timeout=httpx.Timeout(cap_s + 5), http2=False)
    logs = workdir / "logs"
    logs.mkdir(exist_ok=True)

    # 2. The project's service, on each engine.
    newsgraph = [sys.executable, "-m", "newsgraph", "serve", "--store", str(folder), "--no-seed"]
    newsgraph += ["--port", "{port}", "--log-level", "warning"]
    for engine, system in (("embedded", "project-embedded"), ("oxigraph-server", "project-remote")):
        command = [*newsgraph, "--engine", engine, "--query-timeout", str(cap_s)]
        with running(command, "http://127.0.0.1:{port}/health", logs / f"{system}.log") as port:
            base = f"http://127.0.0.1:{port}"
            for lookup in LOOKUPS:
                note(
                    system,
                    lookup.name,
                    measure(
                        http_replay(client, f"{base}/sparql", sent[lookup.name]),
                        reps,
                        budget_s,
                        cap_s,
                    ),
                )
                if lookup.route:
                    note(
                        f"{system}-route",
                        lookup.name,
                        measure(http_get(client, base + lookup.route), reps, budget_s, cap_s),
                    )

    # 3. The Oxigraph server on the same store.
    command = [oxigraph_command() or "oxigraph", "serve", "--location", str(folder)]
    command += ["--bind", "127.0.0.1:{port}", "--union-default-graph"]
    with running(
        command, "http://127.0.0.1:{port}/query?query=ASK%7B%7D", logs / "oxigraph.log"
    ) as port:
        reencode = {}
        for lookup in LOOKUPS:
            bodies = [
                client.post(
                    f"http://127.0.0.1:{port}/query",
                    content=with_prologue(text).encode(),
                    headers={"Content-Type": "application/sparql-query", "Accept": JSON_RESULTS},
                ).content
                for text in sent[lookup.name]
            ]
            reencode[lookup.name] = _round(
                measure(lambda b=bodies: [_reencode(body) for body in b], 10, 2, cap_s).percentile(
                    0.5
                )
                * 1000
            )
        result["remote_reencode_ms"] = reencode
        for lookup in LOOKUPS:
            note(
                "oxigraph-serve",
                lookup.name,
                measure(
                    http_replay(client, f"http://127.0.0.1:{port}/query", sent[lookup.name]),
                    reps,
                    budget_s,
                    cap_s,
                ),
            )

    # 4. rdflib-endpoint over rdflib's in-memory Dataset, where it fits.
    if info["quads"] <= rdflib_limit:
        nquads = workdir / "copy0.nq"
        nquads.write_text(graphs_text, encoding="utf-8")
        ready = workdir / f"rdflib-{label}.json"
        ready.unlink(missing_ok=True)
        command = [
            sys.executable,
            "-m",
            "tests.benchmarks.bench_queries",
            "--serve-rdflib",
            str(nquads),
        ]
        command += ["--copies", str(copies), "--port", "{port}", "--ready", str(ready)]
        # A lookup over the cap on a smaller graph is over it here too: not run again.
        remaining = [lookup for lookup in LOOKUPS if lookup.name not in rdflib_capped]
        for name in sorted(rdflib_capped):
            note("rdflib-endpoint", name, Timing([cap_s], capped=True))
        result["rdflib_not_run"] = sorted(rdflib_capped)
        while remaining:
            # A query past the cap keeps rdflib's event loop busy: start a fresh server after it.
            with running(
                command,
                "http://127.0.0.1:{port}/sparql?query=ASK%7B%7D",
                logs / "rdflib.log",
                timeout=3600,
            ) as port:
                loaded = json.loads(ready.read_text())
                result["rdflib_load"] = {
                    "load_s": _round(loaded["load_s"], 1),
                    "rss_mib": _round(loaded["rss_mib"], 0),
                    "quads": loaded["quads"],
                    "bytes_per_quad": _round(
                        loaded["rss_mib"] * 2**20 / max(1, loaded["quads"]), 0
                    ),
                }
                while remaining:
                    lookup = remaining.pop(0)
                    timing = measure(
                        http_replay(client, f"http://127.0.0.1:{port}/sparql", sent[lookup.name]),
                        reps,
                        budget_s,
                        cap_s,
                    )
                    note("rdflib-endpoint", lookup.name, timing)
                    if timing.capped:
                        rdflib_capped.add(lookup.name)
                        break
    else:
        result["rdflib_skipped"] = (
            f"{info['quads']:,} quads is over --rdflib-limit {rdflib_limit:,}"
        )
    client.close()

    result["lookups"] = {
        name: {system: timing.to_json() for system, timing in systems.items()}
        for name, systems in timings.items()
    }
    result["ratios"] = {name: _ratios(systems) for name, systems in timings.items()}
    return result


def _reencode(body: bytes) -> bytes:
    """What the service does with a remote answer: parse it, then serialize it for its client."""
    results = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    assert isinstance(results, ox.QuerySolutions)
    return results.serialize(format=ox.QueryResultsFormat.JSON) or b""


def _p50(systems: dict[str, Timing], name: str) -> float | None:
    timing = systems.get(name)
    return None if timing is None else timing.percentile(0.5)


def _p99(systems: dict[str, Timing], name: str) -> float | None:
    timing = systems.get(name)
    return None if timing is None else timing.percentile(0.99)


def _over(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


def _ratios(systems: dict[str, Timing]) -> dict[str, Any]:
    ratios: dict[str, Any] = {}
    direct = _p50(systems, "direct")
    for project in ("project-embedded", "project-remote"):
        ratios[f"{project}_over_direct_p50"] = _round(_over(_p50(systems, project), direct))
        ratios[f"{project}_over_direct_p99"] = _round(
            _over(_p99(systems, project), _p99(systems, "direct"))
        )
        overhead = _p50(systems, project)
        ratios[f"{project}_overhead_p50_ms"] = _round(
            None if overhead is None or direct is None else (overhead - direct) * 1000
        )
        route = _p50(systems, f"{project}-route")
        function = _p50(systems, "direct-function")
        ratios[f"{project}_route_over_function_p50"] = _round(_over(route, function))
        ratios[f"{project}_route_overhead_p50_ms"] = _round(
            None if route is None or function is None else (route - function) * 1000
        )
        for other in ("oxigraph-serve", "rdflib-endpoint"):
            timing = systems.get(other)
            value = _round(_over(_p50(systems, other), _p50(systems, project)))
            ratios[f"{other}_over_{project}_p50"] = (
                f"> {value}"
                if timing is not None and timing.capped and value is not None
                else value
            )
    return ratios


def remote_ingest(workdir: Path, graphs_count: int, batch: int = 64) -> dict[str, Any]:
    """The same article graphs stored through `store_article_graphs` into the embedded store
    and into an Oxigraph server through `RemoteSparqlStore` (as `newsgraph serve` sets it up)."""
    from newsgraph.api.engine import oxigraph_server
    from newsgraph.graph.ingest import store_article_graphs

    graphs = extracted_graphs(workdir, graphs_count)
    quads = sum(g.quad_count for g in graphs)
    out: dict[str, Any] = {"articles": len(graphs), "quads": quads}
    with tempfile.TemporaryDirectory(dir=workdir) as scratch:
        store = OxigraphStore(Path(scratch) / "embedded")
        started = time.perf_counter()
        for first in range(0, len(graphs), batch):
            store_article_graphs(store, graphs[first : first + batch])
        store.flush()
        embedded = time.perf_counter() - started
        store.close()
        with oxigraph_server(Path(scratch) / "served", DEFAULT_BASE_IRI, timeout_s=60) as remote:
            started = time.perf_counter()
            for first in range(0, len(graphs), batch):
                store_article_graphs(remote, graphs[first : first + batch])
            served = time.perf_counter() - started
            stored = remote.triple_count()
            # Again: every article unchanged, one hash read each.
            started = time.perf_counter()
            for first in range(0, len(graphs), batch):
                store_article_graphs(remote, graphs[first : first + batch])
            served_again = time.perf_counter() - started
        store = OxigraphStore(Path(scratch) / "embedded")
        started = time.perf_counter()
        for first in range(0, len(graphs), batch):
            store_article_graphs(store, graphs[first : first + batch])
        embedded_again = time.perf_counter() - started
        store.close()
    assert stored == quads, (stored, quads)
    out["embedded_quads_per_s"] = round(quads / embedded)
    out["remote_quads_per_s"] = round(quads / served)
    out["remote_over_embedded"] = round(embedded / served, 3)
    out["unchanged_embedded_articles_per_s"] = round(len(graphs) / embedded_again)
    out["unchanged_remote_articles_per_s"] = round(len(graphs) / served_again)
    out["unchanged_remote_over_embedded"] = round(embedded_again / served_again, 3)
    return out


def print_tables(result: dict[str, Any]) -> None:
    systems = [
        "direct",
        "project-embedded",
        "project-remote",
        "oxigraph-serve",
        "rdflib-endpoint",
        "direct-function",
        "project-embedded-route",
        "project-remote-route",
    ]
    for size in result["sizes"]:
        print(f"\n{size['label']}: {size['quads']:,} quads, latency p50 / p99 in ms")
        header = f"{'lookup':<18}" + "".join(f"{name:>24}" for name in systems)
        print(header)
        for name, row in size["lookups"].items():
            cells = []
            for system in systems:
                figures = row.get(system)
                if figures is None:
                    cells.append(f"{'-':>24}")
                else:
                    mark = ">" if figures["over_cap"] else ""
                    cells.append(
                        f"{mark}{figures['p50_ms']:.2f} / {figures['p99_ms']:.2f}".rjust(24)
                    )
            print(f"{name:<18}" + "".join(cells))
        for key in ("guard_ms", "remote_reencode_ms", "rdflib_load", "load_average"):
            if key in size:
                print(f"{key}: {size[key]}")
        print("ratios (p50)")
        for name, ratios in size["ratios"].items():
            print(
                f"  {name:<18} " + ", ".join(f"{k}={v}" for k, v in ratios.items() if v is not None)
            )
    if "growth" in result:
        print("\ngrowth of p50, largest ÷ smallest size")
        for name, row in result["growth"].items():
            print(f"  {name:<18} " + ", ".join(f"{k}={v}" for k, v in row.items()))
    if "remote_ingest" in result:
        print("\nremote-store ingest")
        for key, value in result["remote_ingest"].items():
            print(f"  {key:<36} {value}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.1M,1M")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "ngbench")
    parser.add_argument("--out", type=Path, default=Path("bench_queries.json"))
    parser.add_argument("--articles", type=int, default=200, help="CoNLL documents per copy")
    parser.add_argument("--reps", type=int, default=50, help="timed runs per lookup, at most")
    parser.add_argument("--budget", type=float, default=6.0, help="seconds per lookup and system")
    parser.add_argument("--cap", type=float, default=30.0, help="seconds one run may take")
    parser.add_argument("--rdflib-limit", type=int, default=2_000_000, help="most quads for rdflib")
    parser.add_argument("--no-ingest", action="store_true", help="skip the remote-store ingest")
    parser.add_argument("--serve-rdflib", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--copies", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--ready", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_rdflib:
        serve_rdflib(args.serve_rdflib, args.copies, args.port, args.ready)
        return

    import platform

    import psutil

    args.workdir.mkdir(parents=True, exist_ok=True)
    graphs = extracted_graphs(args.workdir, args.articles)
    text = "".join(g.nquads for g in graphs)
    per_copy = sum(g.quad_count for g in graphs)
    result: dict[str, Any] = {
        "machine": {
            "cpus": os.cpu_count(),
            "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
            "python": platform.python_version(),
            "pyoxigraph": ox.__version__ if hasattr(ox, "__version__") else None,
            "load_average_start": os.getloadavg(),
        },
        "articles_per_copy": len(graphs),
        "quads_per_copy": per_copy,
        "settings": {"reps": args.reps, "budget_s": args.budget, "cap_s": args.cap},
        "sizes": [],
    }
    rdflib_capped: set[str] = set()
    for label in args.sizes.split(","):
        result["sizes"].append(
            run_size(
                label,
                text,
                per_copy,
                args.workdir,
                reps=args.reps,
                budget_s=args.budget,
                cap_s=args.cap,
                rdflib_limit=args.rdflib_limit,
                rdflib_capped=rdflib_capped,
            )
        )
        args.out.write_text(json.dumps(result, indent=2))
    if len(result["sizes"]) > 1:
        small, large = result["sizes"][0], result["sizes"][-1]
        result["growth"] = {}
        for lookup in LOOKUPS:
            row: dict[str, Any] = {"selective": lookup.selective}
            for system, figures in large["lookups"][lookup.name].items():
                before = small["lookups"][lookup.name].get(system)
                if before:
                    row[system] = _round(figures["p50_ms"] / before["p50_ms"])
            result["growth"][lookup.name] = row
        result["growth_between"] = [small["label"], large["label"]]
    if not args.no_ingest:
        result["remote_ingest"] = remote_ingest(args.workdir, args.articles)
    result["machine"]["load_average_end"] = os.getloadavg()
    args.out.write_text(json.dumps(result, indent=2))
    print_tables(result)


if __name__ == "__main__":
    main()
