"""Export time and peak memory on a graph of about 1M quads: `newsgraph export` (streamed)
for GraphML, Cytoscape JSON, GEXF and CSV, against two baselines measured in the same run,
each in its own process: the previous way (the whole networkx projection built in memory,
then networkx's writer) and pyoxigraph's own N-Quads dump of the store. The events table
(events-csv) is measured too, one row per incident several articles report (the default)
against one row per article's incident, side by side.

    python -m tests.benchmarks.bench_export --size 1M --workdir /tmp/ngbench-export
    python -m tests.benchmarks.bench_export --size 1M --formats "" --events events-csv

The store is built from CoNLL-2003 articles extracted once and copied under fresh bases
(`tests/benchmarks/graphs.py`), and reused from the work folder by later runs. Peak memory is
each process's maximum resident set size, as the kernel reports it when the process ends.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.benchmarks.graphs import built_store, copies_for, extracted_graphs, parse_size
from tests.benchmarks.report import report
from tests.previous_projection import previous_cytoscape, previous_projection

FORMATS = ["graphml", "cytoscape", "gexf", "csv"]
# Where a written file's elements are counted, to check both ways wrote the same graph.
COUNTED = {
    "graphml": (b"<node ", b"<edge "),
    "gexf": (b"<node ", b"<edge "),
    "cytoscape": (b'"value": ', b'"source": '),
    "csv": (None, b"\n"),
}


def measured(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MiB) of a command run to its end."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed with {process.returncode}")
    return elapsed, usage.ru_maxrss / 1024  # Linux reports KiB


def newsgraph() -> list[str]:
    script = Path(sys.executable).with_name("newsgraph")
    if script.exists():
        return [str(script)]
    return [
        sys.executable,
        "-c",
        "import sys; from newsgraph.api.cli import main; sys.exit(main())",
    ]


def count(path: Path, fmt: str) -> tuple[int, int]:
    """Nodes and edges in a written file, by counting its elements' marks."""
    data = path.read_bytes()
    node_mark, edge_mark = COUNTED[fmt]
    nodes = data.count(node_mark) if node_mark else -1
    edges = data.count(edge_mark) - (1 if fmt == "csv" else 0)  # the CSV header
    return nodes, edges


# The baselines, run as `python -m tests.benchmarks.bench_export --baseline …`.


def write_baseline(kind: str, store_path: Path, out: Path) -> None:
    import pyoxigraph as ox

    if kind == "dump":
        ox.Store.read_only(str(store_path)).dump(str(out), format=ox.RdfFormat.N_QUADS)
        return
    import csv

    import networkx as nx

    from newsgraph.graph.projection import project
    from newsgraph.graph.store import OxigraphStore

    store = OxigraphStore(store_path, read_only=True)
    if kind == "previous-graphml":
        nx.write_graphml(previous_projection(store), out)
        return
    # The same SPARQL as the streamed export, the whole graph held in networkx, then written.
    g = project(store)
    if kind == "graphml":
        nx.write_graphml(g, out)
    elif kind == "gexf":
        nx.write_gexf(g, out)
    elif kind == "cytoscape":
        out.write_bytes(json.dumps(previous_cytoscape(g)).encode("utf-8"))
    elif kind == "csv":
        with out.open("w", encoding="utf-8", newline="") as text:
            writer = csv.writer(text)
            writer.writerow(["source", "target", "relation", "source_label", "target_label"])
            for s, t, d in g.edges(data=True):
                labels = [g.nodes[s].get("label", ""), g.nodes[t].get("label", "")]
                writer.writerow([s, t, d.get("relation", ""), *labels])
    else:
        raise ValueError(f"no baseline {kind!r}")


# The run


def served(
    folder: Path, out: Path, formats: list[str], expected: tuple[float, float]
) -> dict[str, float]:
    """The same exports from the store behind `oxigraph serve-read-only`, the way `newsgraph
    serve` reads it: in pages of rows, one request each. The time is the export's; the peak
    is the exporting process's, the server's own memory aside."""
    import httpx

    from tests.remote_servers import free_port

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("oxigraph")), "serve-read-only", "--location",
         str(folder), "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    result: dict[str, float] = {}
    try:
        for _ in range(600):
            try:
                httpx.get(f"{url}/query", params={"query": "ASK {}"}, timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        env = os.environ | {
            "NEWSGRAPH_SPARQL_QUERY_URL": f"{url}/query",
            "NEWSGRAPH_SPARQL_UPDATE_URL": f"{url}/update",
        }
        for fmt in formats:
            target = out / f"served.{fmt}"
            seconds, rss = measured(
                [*newsgraph(), "export", "--format", fmt, "-o", str(target)], env=env
            )
            result |= {f"{fmt}_paged_s": seconds, f"{fmt}_paged_peak_rss_mib": rss}
            if count(target, fmt) != expected:
                raise AssertionError(f"{fmt} paged: {count(target, fmt)} against {expected}")
            target.unlink()
    finally:
        server.terminate()
        server.wait()
    return result


def prepare(size: str, articles: int, workdir: Path) -> dict[str, Any]:
    """The store of about `size` quads, built once in the work folder."""
    graphs = extracted_graphs(workdir, articles)
    base = "".join(g.nquads for g in graphs)
    copies = copies_for(parse_size(size), sum(g.quad_count for g in graphs))
    folder, info = built_store(workdir, size, base, copies)
    return {"folder": str(folder), "quads": info["quads"], "copies": copies}


def events_table(folder: Path, out: Path, fmt: str) -> dict[str, float]:
    """The events table streamed: one row per incident several articles report (the default)
    and one per article's incident (--per-article), every modality, side by side."""
    result: dict[str, float] = {}
    for name, options in (("merged", []), ("per_article", ["--per-article"])):
        target = out / f"{name}.{fmt}"
        seconds, rss = measured(
            [*newsgraph(), "export", "--store", str(folder), "--format", fmt,
             "--all-modalities", *options, "-o", str(target)]
        )  # fmt: skip
        rows = target.read_bytes().count(b"\n") - (1 if fmt == "events-csv" else 0)
        result |= {
            f"{fmt}_{name}_s": seconds,
            f"{fmt}_{name}_peak_rss_mib": rss,
            f"{fmt}_{name}_mib": target.stat().st_size / 2**20,
            f"{fmt}_{name}_rows_approx": rows,
        }
        target.unlink()
    result[f"{fmt}_time_merged_over_per_article"] = (
        result[f"{fmt}_merged_s"] / result[f"{fmt}_per_article_s"]
    )
    return result


def run(
    size: str,
    articles: int,
    workdir: Path,
    formats: list[str],
    previous: bool,
    events: tuple[str, ...] = (),
) -> dict[str, float]:
    # Built in another process: a process started from this one counts this one's memory
    # (before it runs its program) in its peak, so this one stays small.
    prepared = subprocess.run(
        [sys.executable, "-m", __spec__.name, "--prepare", "--size", size,
         "--articles", str(articles), "--workdir", str(workdir)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    store = json.loads(prepared.stdout.strip().splitlines()[-1])
    folder = Path(store["folder"])
    result: dict[str, float] = {"quads": store["quads"], "copies": store["copies"]}

    floor = [
        sys.executable,
        "-c",
        "import newsgraph.api.cli, newsgraph.graph.exporters, networkx, pyoxigraph",
    ]
    result["python_with_imports_peak_rss_mib"] = measured(floor)[1]
    with tempfile.TemporaryDirectory(dir=workdir) as scratch:
        out = Path(scratch)
        seconds, rss = measured(
            [
                sys.executable,
                "-m",
                __spec__.name,
                "--baseline",
                "dump",
                "--store",
                str(folder),
                "-o",
                str(out / "dump.nq"),
            ]
        )
        result |= {"nquads_dump_s": seconds, "nquads_dump_peak_rss_mib": rss}
        result["nquads_dump_mib"] = (out / "dump.nq").stat().st_size / 2**20
        (out / "dump.nq").unlink()
        for fmt in formats:
            streamed, before = out / f"streamed.{fmt}", out / f"networkx.{fmt}"
            seconds, rss = measured(
                [
                    *newsgraph(),
                    "export",
                    "--store",
                    str(folder),
                    "--format",
                    fmt,
                    "-o",
                    str(streamed),
                ]
            )
            result |= {f"{fmt}_streamed_s": seconds, f"{fmt}_streamed_peak_rss_mib": rss}
            seconds, rss = measured(
                [
                    sys.executable,
                    "-m",
                    __spec__.name,
                    "--baseline",
                    fmt,
                    "--store",
                    str(folder),
                    "-o",
                    str(before),
                ]
            )
            result |= {f"{fmt}_networkx_s": seconds, f"{fmt}_networkx_peak_rss_mib": rss}
            result[f"{fmt}_mib"] = streamed.stat().st_size / 2**20
            nodes, edges = count(streamed, fmt)
            if (nodes, edges) != count(before, fmt):
                raise AssertionError(f"{fmt}: {(nodes, edges)} against {count(before, fmt)}")
            if nodes >= 0:
                result["nodes"] = nodes
            result["edges"] = edges
            for path in (streamed, before):
                path.unlink()
        if formats:
            result |= served(folder, out, formats[:2], (result["nodes"], result["edges"]))
        for fmt in events:
            result |= events_table(folder, out, fmt)
        if previous:
            seconds, rss = measured(
                [sys.executable, "-m", __spec__.name, "--baseline", "previous-graphml",
                 "--store", str(folder), "-o", str(out / "previous.graphml")]
            )  # fmt: skip
            result |= {"graphml_previous_s": seconds, "graphml_previous_peak_rss_mib": rss}
    for fmt in formats:
        result[f"{fmt}_time_streamed_over_networkx"] = (
            result[f"{fmt}_streamed_s"] / result[f"{fmt}_networkx_s"]
        )
        result[f"{fmt}_rss_streamed_over_networkx"] = (
            result[f"{fmt}_streamed_peak_rss_mib"] / result[f"{fmt}_networkx_peak_rss_mib"]
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--size", default="1M", help="quads in the store: 1M, 250k, …")
    parser.add_argument("--articles", type=int, default=200, help="CoNLL documents per copy")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument(
        "--events",
        default="events-csv",
        help="events table formats measured, merged and per article (empty: none)",
    )
    parser.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "ngbench-export"
    )
    parser.add_argument("--out", type=Path, default=Path("bench_export.json"))
    parser.add_argument(
        "--previous", action="store_true", help="also the previous projection's own queries"
    )
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--baseline", help=argparse.SUPPRESS)  # one baseline, in this process
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("-o", type=Path, dest="output", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        print(json.dumps(prepare(args.size, args.articles, args.workdir)))
        return
    if args.baseline:
        write_baseline(args.baseline, args.store, args.output)
        return
    formats = [f for f in args.formats.split(",") if f]
    events = tuple(f for f in args.events.split(",") if f)
    result = run(args.size, args.articles, args.workdir, formats, args.previous, events)
    report(result, args.out)
    print(json.dumps({"written": str(args.out)}))


if __name__ == "__main__":
    main()
