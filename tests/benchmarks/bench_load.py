"""The service under load, against the engine's own server on the same store, side by side.

    python -m tests.benchmarks.bench_load [--seconds 10] [--connections 16,64] [--before DIR]

One store of CoNLL-2003 articles (made once under --workdir) is served, one server at a time,
by `oxigraph serve-read-only` and by `newsgraph serve` (1 and 2 worker processes; and, with
--before, the `newsgraph serve` of another checkout, e.g. a `git worktree` of an older
commit, run with the HTTP parser and event loop it shipped with, h11 and asyncio). wrk (Debian's `wrk` package) drives each endpoint at each number of connections
for --seconds: a small SPARQL lookup, the JSON entity lookup, its neighbours, the incident
list and an export. Each newsgraph endpoint is measured twice: as clients send it (a repeated
request is answered from memory while the store is unchanged) and with `Cache-Control:
no-cache`, which makes every request run its queries. One connection at a time gives the
sequential figure the concurrent latencies are compared with. Figures go to --out as JSON and
print as a table, with each /sparql rate as a ratio of Oxigraph's.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox

from tests.benchmarks.bench_queries import running
from tests.benchmarks.corpus import conll_articles

ROOT = Path(__file__).resolve().parents[2]
BASE = "https://w3id.org/newsgraph/id/"


def build_store(workdir: Path, articles: int) -> Path:
    store = workdir / f"store-{articles}"
    if (store / "CURRENT").exists():
        return store
    from newsgraph.graph.ingest import ingest
    from newsgraph.graph.store import OxigraphStore

    target = OxigraphStore(store)
    try:
        ingest(target, list(conll_articles(articles)))
    finally:
        target.close()
    return store


def busiest(store: Path, kind: str) -> str:
    """The IRI of the entity of schema type `kind` with the most statements."""
    handle = ox.Store.read_only(str(store))
    query = (
        f"SELECT ?e (COUNT(*) AS ?c) WHERE {{ ?e a <https://schema.org/{kind}> ; ?p ?o }} "
        "GROUP BY ?e ORDER BY DESC(?c) LIMIT 1"
    )
    (row,) = list(handle.query(query, use_default_graph_as_union=True))  # type: ignore[arg-type]
    del handle
    return str(row["e"].value)


def wrk(url: str, connections: int, seconds: float, headers: dict[str, str]) -> dict[str, Any]:
    threads = min(2, connections)
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--latency",
        # Slow answers are measured, not dropped at wrk's default of 2 s.
        "--timeout",
        "30s",
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 120
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    figures: dict[str, Any] = {"requests_per_s": rate}
    for label, key in (("50%", "p50_ms"), ("99%", "p99_ms")):
        found = re.search(rf"{re.escape(label)}\s+([\d.]+)(us|ms|s)\b", output)
        if found:
            value, unit = float(found.group(1)), found.group(2)
            figures[key] = value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    figures["non_2xx"] = int(errors.group(1)) if errors else 0
    figures["socket_errors"] = socket_errors.group(1) if socket_errors else ""
    return figures


def measure(
    base: str,
    paths: dict[str, str],
    connections: list[int],
    seconds: float,
    variants: dict[str, dict[str, str]],
) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for name, path in paths.items():
        for variant, headers in variants.items():
            url = base + path
            # Warm: the first answer is computed, the rest as the variant has it.
            subprocess.run(["curl", "-s", "-o", "/dev/null", url], check=False, timeout=120)
            runs = {"1": wrk(url, 1, seconds / 2, headers)}
            for count in connections:
                runs[str(count)] = wrk(url, count, seconds, headers)
            results[f"{name} {variant}".strip()] = runs
            print(
                f"  {name} {variant}: "
                + ", ".join(
                    f"c{c} {r['requests_per_s']:,.0f}/s p99 {r.get('p99_ms', 0):.1f} ms"
                    for c, r in runs.items()
                ),
                flush=True,
            )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "ngload")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", default="16,64")
    parser.add_argument("--workers", default="1,2", help="newsgraph worker counts to run")
    parser.add_argument("--before", type=Path, help="another checkout whose serve to measure too")
    parser.add_argument("--out", type=Path, default=Path("bench_load.json"))
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")
    connections = [int(c) for c in args.connections.split(",")]
    args.workdir.mkdir(parents=True, exist_ok=True)
    store = build_store(args.workdir, args.articles)
    person = busiest(store, "Person")
    slug = person.rsplit("/entity/", 1)[1]
    small = f"SELECT ?n WHERE {{ <{person}> <https://schema.org/name> ?n }}"
    json_results = {"Accept": "application/sparql-results+json"}
    result: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "load_average_start": os.getloadavg()},
        "store": {"articles": args.articles, "quads": len(ox.Store.read_only(str(store)))},
        "seconds": args.seconds,
        "servers": {},
    }
    oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")

    def copy() -> Path:
        target = args.workdir / "served"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(store, target)
        return target

    print("oxigraph serve-read-only", flush=True)
    log = args.workdir / "oxigraph.log"
    command = [oxigraph, "serve-read-only", "--location", str(copy())]
    command += ["--bind", "127.0.0.1:{port}", "--union-default-graph"]
    ready = "http://127.0.0.1:{port}/query?query=ASK%7B%7D"
    with running(command, ready, log) as port:
        result["servers"]["oxigraph"] = measure(
            f"http://127.0.0.1:{port}",
            {"/sparql": f"/query?query={quote(small)}"},
            connections,
            args.seconds,
            {"": json_results},
        )
    paths = {
        "/sparql": f"/sparql?query={quote(small)}",
        "entity": f"/entities/{slug}",
        "neighbors": f"/entities/{slug}/neighbors",
        "incidents": "/incidents?limit=20",
        "export": f"/export?format=cytoscape&focus={quote(slug)}&depth=1",
    }
    variants = {"": json_results, "no-cache": {**json_results, "Cache-Control": "no-cache"}}
    runs: list[tuple[str, list[str], Path]] = [
        (f"newsgraph workers={n}", ["--workers", n], ROOT) for n in args.workers.split(",")
    ]
    if args.before:
        runs.append(("newsgraph before", [], args.before.resolve()))
    # The earlier checkout shipped with h11 and asyncio: shadow what it would now pick up.
    shadow = args.workdir / "without-httptools"
    shadow.mkdir(exist_ok=True)
    for module in ("httptools", "uvloop"):
        (shadow / f"{module}.py").write_text(f"raise ImportError('{module} hidden')\n")
    for label, options, cwd in runs:
        print(label, flush=True)
        before = label == "newsgraph before"
        if before:
            os.environ["PYTHONPATH"] = str(shadow)
        command = [sys.executable, "-m", "newsgraph", "serve", "--store", str(copy())]
        command += ["--port", "{port}", "--no-seed", "--log-level", "warning", *options]
        log = args.workdir / f"{label.replace(' ', '_')}.log"
        started = time.monotonic()
        with running(command, "http://127.0.0.1:{port}/health", log, cwd=cwd) as port:
            result["servers"][label] = {
                "startup_s": round(time.monotonic() - started, 1),
                **measure(f"http://127.0.0.1:{port}", paths, connections, args.seconds, variants),
            }
        if before:
            os.environ.pop("PYTHONPATH", None)
    engine = result["servers"]["oxigraph"]["/sparql"]
    result["sparql_ratio_to_oxigraph"] = {
        label: {
            count: round(
                runs["/sparql"][count]["requests_per_s"] / engine[count]["requests_per_s"], 3
            )
            for count in engine
        }
        for label, runs in result["servers"].items()
        if label != "oxigraph"
    }
    args.out.write_text(json.dumps(result, indent=2))
    print(json.dumps(result["sparql_ratio_to_oxigraph"], indent=2))


if __name__ == "__main__":
    main()
