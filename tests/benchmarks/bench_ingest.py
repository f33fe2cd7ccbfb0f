"""Ingest speed as ratios measured in one run: end-to-end (extract + RDF + store) against raw
`nlp.pipe` of the same pipeline on the same articles, 2 worker processes against 1, and Dask
(a LocalCluster of 1 and 2 worker processes) against both.

    python -m tests.benchmarks.bench_ingest --articles 2000 --out bench_ingest.json

With `--repeat N`, raw `nlp.pipe` and the one-process ingest run N times in turn (raw,
ingest, raw, ingest, ...), so that both see the machine as it is at that moment: the ratio
is reported for each pair and as the median of the pairs, which a shared machine's drift
moves far less than it moves a single pair.

Wall-clock figures are what the issue's targets are about; CPU seconds (this process and
its children: the worker processes) are printed beside them because they hold still on a
machine other work shares. The Dask and 2-worker stores are checked against the
one-process store: the same quads, the extraction timestamps aside.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from newsgraph.api.cli import main as cli_main
from newsgraph.extract.pipeline import load_pipeline
from newsgraph.graph.store import OxigraphStore
from tests.benchmarks.corpus import conll_articles, word_count
from tests.benchmarks.report import report

BATCH_SIZE = 16  # NEWSGRAPH_BATCH_SIZE's default: what `newsgraph ingest` passes to nlp.pipe
# prov:generatedAtTime and prov:endedAtTime: when each graph was made, different every run.
_WHEN = re.compile(
    rb'"[0-9]{4}-[0-9]{2}-[0-9]{2}T[^"]*"\^\^<http://www.w3.org/2001/XMLSchema#dateTime>'
)


def _cpu() -> float:
    """CPU seconds of this process (all its threads) and of its reaped children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(action: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one action."""
    cpu, started = _cpu(), time.perf_counter()
    action()
    return time.perf_counter() - started, _cpu() - cpu


def _ingest(source: Path, store: Path, *extra: str) -> None:
    code = cli_main(["ingest", str(source), "--store", str(store), "--quiet", *extra])
    if code != 0:
        raise SystemExit(f"newsgraph ingest {' '.join(extra)} failed ({code})")


def _quads_digest(store_path: Path) -> tuple[int, str]:
    """The number of quads and a digest of them, sorted, with the run's timestamps blanked."""
    store = OxigraphStore(store_path, read_only=True)
    try:
        dump = store.dump(ox.RdfFormat.N_QUADS)
    finally:
        store.close()
    lines = sorted(_WHEN.sub(b'"T"', dump).splitlines())
    return len(lines), hashlib.sha256(b"\n".join(lines)).hexdigest()


def run(articles: int, dask: bool = True, repeat: int = 1) -> dict[str, float]:
    if repeat < 1:
        raise ValueError(f"repeat must be at least 1, not {repeat}")
    corpus = list(conll_articles(articles))
    words = word_count(corpus)
    load_avg_start = os.getloadavg()[0]
    nlp = load_pipeline()

    def raw_pipe() -> tuple[float, float]:
        return _timed(
            lambda: [None for _ in nlp.pipe((a.text for a in corpus), batch_size=BATCH_SIZE)]
        )

    raw, raw_cpu = raw_pipe()
    runs: dict[str, tuple[float, float]] = {}
    pairs: list[float] = []
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "articles.jsonl"
        source.write_text(
            "".join(
                json.dumps({"id": a.id, "text": a.text, "published": "1996-08-22"}) + "\n"
                for a in corpus
            )
        )
        variants = {"one": (), "two": ("--workers", "2")}
        if dask:
            variants |= {"dask1": ("--dask", "local:1"), "dask2": ("--dask", "local:2")}
        for name, extra in variants.items():
            runs[name] = _timed(lambda: _ingest(source, Path(scratch) / name, *extra))  # noqa: B023
        pairs.append(raw / runs["one"][0])
        quads, digest = _quads_digest(Path(scratch) / "one")
        for number in range(1, repeat):
            again, _ = raw_pipe()
            store = Path(scratch) / f"one-{number}"
            wall, _ = _timed(lambda: _ingest(source, store))  # noqa: B023
            pairs.append(again / wall)
            if _quads_digest(store) != (quads, digest):
                raise AssertionError(f"run {number + 1} stored other quads than the first")
        for name in variants:
            if name != "one" and _quads_digest(Path(scratch) / name) != (quads, digest):
                raise AssertionError(f"the {name} store differs from the one-process store")
    result: dict[str, float] = {
        "articles": len(corpus),
        "words": words,
        "words_per_article": round(words / len(corpus), 1),
        "quads": quads,
        "load_average_start": load_avg_start,
        "load_average_end": os.getloadavg()[0],
        "cpu_count": os.cpu_count() or 0,
        "raw_pipe_words_per_s": words / raw,
        "raw_pipe_cpu_s": raw_cpu,
    }
    for name, (wall, cpu) in runs.items():
        result[f"ingest_{name}_words_per_s"] = words / wall
        result[f"ingest_{name}_cpu_s"] = cpu
    one = runs["one"][0]
    result["end_to_end_over_raw"] = raw / one
    result["end_to_end_over_raw_cpu"] = raw_cpu / runs["one"][1]
    result["two_over_one_process"] = one / runs["two"][0]
    if dask:
        result["dask2_over_dask1"] = runs["dask1"][0] / runs["dask2"][0]
        result["dask1_over_one_process"] = one / runs["dask1"][0]
        result["dask2_over_two_processes"] = runs["two"][0] / runs["dask2"][0]
    if repeat > 1:
        for number, ratio in enumerate(pairs, 1):
            result[f"end_to_end_over_raw_pair_{number}"] = ratio
        result["end_to_end_over_raw_median"] = statistics.median(pairs)
    result["stores_identical"] = 1  # checked above: it raises otherwise
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask runs")
    parser.add_argument(
        "--repeat", type=int, default=1, help="raw and one-process runs in turn, N pairs"
    )
    parser.add_argument("--out", type=Path, default=Path("bench_ingest.json"))
    args = parser.parse_args()
    result = run(args.articles, dask=not args.no_dask, repeat=args.repeat)
    report(result, args.out)


if __name__ == "__main__":
    main()
