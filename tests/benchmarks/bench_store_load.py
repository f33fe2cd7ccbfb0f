"""Store load speed as ratios measured in one run: the project's path (N-Quads text per
article into Oxigraph) against rdflib's default Memory store adding the same triples, and
against pyoxigraph's own bulk loader on the same N-Quads.

    python -m tests.benchmarks.bench_store_load --articles 300 --copies 20
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
import rdflib

from newsgraph.extract.pipeline import extract_articles, load_pipeline
from newsgraph.graph.ingest import store_article_graphs
from newsgraph.graph.rdf import ArticleGraph, extraction_to_quads
from newsgraph.graph.store import OxigraphStore
from newsgraph.graph.vocab import IRIs
from tests.benchmarks.corpus import conll_articles
from tests.benchmarks.report import report


def _graphs(articles: int, copies: int) -> list[ArticleGraph]:
    """Extract once, then copy each article's graph under fresh ids to grow the data."""
    nlp = load_pipeline()
    corpus = list(conll_articles(articles))
    extractions = list(extract_articles(corpus, nlp))
    graphs: list[ArticleGraph] = []
    for copy in range(copies):
        iris = IRIs(f"https://bench.example/{copy}/")
        graphs.extend(extraction_to_quads(x, iris) for x in extractions)
    return graphs


def run(articles: int, copies: int) -> dict[str, float]:
    graphs = _graphs(articles, copies)
    quads = sum(g.quad_count for g in graphs)
    with tempfile.TemporaryDirectory() as scratch:
        store = OxigraphStore(Path(scratch) / "project")
        started = time.perf_counter()
        for batch in range(0, len(graphs), 64):
            store_article_graphs(store, graphs[batch : batch + 64])
        store.flush()
        project = time.perf_counter() - started
        store.close()

        bulk = ox.Store(str(Path(scratch) / "bulk"))
        text = "".join(g.nquads for g in graphs).encode()
        started = time.perf_counter()
        bulk.bulk_load(text, format=ox.RdfFormat.N_QUADS)
        bulk.flush()
        bulk_loader = time.perf_counter() - started

    memory = rdflib.Dataset()
    parsed = rdflib.Dataset()
    parsed.parse(data="".join(g.nquads for g in graphs), format="nquads")
    rows = list(parsed.quads((None, None, None, None)))
    started = time.perf_counter()
    for s, p, o, g in rows:
        memory.add((s, p, o, g))  # type: ignore[arg-type]
    rdflib_memory = time.perf_counter() - started
    return {
        "quads": quads,
        "project_quads_per_s": quads / project,
        "rdflib_memory_quads_per_s": len(rows) / rdflib_memory,
        "pyoxigraph_bulk_quads_per_s": quads / bulk_loader,
        "project_over_rdflib_memory": (quads / project) / (len(rows) / rdflib_memory),
        "project_over_bulk_loader": (quads / project) / (quads / bulk_loader),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--out", type=Path, default=Path("bench_store_load.json"))
    args = parser.parse_args()
    result = run(args.articles, args.copies)
    report(result, args.out)


if __name__ == "__main__":
    main()
