"""Benchmark graphs of a chosen size: a set of articles extracted once, their named graphs
copied under fresh bases until the size is reached, loaded into on-disk Oxigraph stores.

Copy 0 keeps the project's default base (`https://w3id.org/newsgraph/id/`), so the service's
lookup routes find its entities with the default settings; copy n lives under
`https://bench.example/copy{n}/`. Every IRI the project mints derives from the base (articles,
graphs, entities, incidents, spans), so each copy has its own entities: a lookup of a copy-0
entity stays as selective in a 10M-quad store as in a 0.1M one. Shared vocabulary and GeoNames
links stay shared, as they would in a real store.

Everything built goes under a work folder and is reused by later runs.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from dataclasses import asdict, fields
from pathlib import Path

import pyoxigraph as ox

from newsgraph.graph.rdf import ArticleGraph
from newsgraph.graph.vocab import DEFAULT_BASE_IRI

_BLANK = re.compile(r"(?<![\w<\"])_:(\w)")


def parse_size(label: str) -> int:
    """`0.1M` → 100,000 quads; `250k` and plain numbers work too."""
    text = label.strip().upper()
    scale = 1
    if text.endswith("M"):
        scale, text = 1_000_000, text[:-1]
    elif text.endswith("K"):
        scale, text = 1_000, text[:-1]
    return round(float(text) * scale)


def base_of_copy(copy: int) -> str:
    return DEFAULT_BASE_IRI if copy == 0 else f"https://bench.example/copy{copy}/"


def copy_nquads(text: str, copy: int) -> str:
    """The N-Quads of copy 0 under the base of another copy (blank nodes renamed too)."""
    if copy == 0:
        return text
    text = text.replace(f"<{DEFAULT_BASE_IRI}", f"<{base_of_copy(copy)}")
    return _BLANK.sub(rf"_:c{copy}x\1", text)


def extracted_graphs(workdir: Path, articles: int) -> list[ArticleGraph]:
    """The graphs of `articles` CoNLL-2003 documents plus the bundled seed articles, under the
    default base; extracted on the first call, read back from `workdir` afterwards."""
    cache = workdir / f"graphs-{articles}.jsonl"
    if cache.exists():
        names = {field.name for field in fields(ArticleGraph)}
        return [
            ArticleGraph(**{k: v for k, v in json.loads(line).items() if k in names})
            for line in cache.open(encoding="utf-8")
        ]
    from newsgraph.extract.article import load_articles
    from newsgraph.extract.pipeline import extract_articles, load_pipeline
    from newsgraph.extract.resources import ARTICLES_DIR
    from newsgraph.graph.rdf import extraction_to_quads
    from newsgraph.graph.vocab import IRIs
    from tests.benchmarks.corpus import conll_articles

    started = time.perf_counter()
    nlp = load_pipeline()
    corpus = list(load_articles([ARTICLES_DIR])) + list(conll_articles(articles))
    iris = IRIs(DEFAULT_BASE_IRI)
    graphs = [extraction_to_quads(x, iris) for x in extract_articles(corpus, nlp)]
    workdir.mkdir(parents=True, exist_ok=True)
    partial = cache.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as out:
        for graph in graphs:
            out.write(json.dumps(asdict(graph)) + "\n")
    partial.rename(cache)
    print(
        f"extracted {len(graphs)} articles, {sum(g.quad_count for g in graphs):,} quads "
        f"in {time.perf_counter() - started:.0f} s"
    )
    return graphs


def copies_for(size: int, quads_per_copy: int) -> int:
    return max(1, round(size / quads_per_copy))


def nquads_of_copies(base: str, copies: int, per_chunk: int = 10) -> Iterator[bytes]:
    """The N-Quads of copies 0..copies-1, a few copies per chunk."""
    for first in range(0, copies, per_chunk):
        yield "".join(
            copy_nquads(base, n) for n in range(first, min(copies, first + per_chunk))
        ).encode("utf-8")


def built_store(workdir: Path, label: str, base: str, copies: int) -> tuple[Path, dict[str, float]]:
    """An on-disk Oxigraph store holding `copies` copies, bulk-loaded once and then reused."""
    folder = workdir / f"store-{label}-{copies}"
    done = folder / "BENCH_DONE.json"
    if done.exists():
        return folder, json.loads(done.read_text())
    if folder.exists():
        import shutil

        shutil.rmtree(folder)
    started = time.perf_counter()
    store = ox.Store(str(folder))
    for chunk in nquads_of_copies(base, copies):
        store.bulk_load(chunk, format=ox.RdfFormat.N_QUADS)
    store.flush()
    store.optimize()
    quads = len(store)
    del store
    info = {"quads": quads, "copies": copies, "load_s": time.perf_counter() - started}
    done.write_text(json.dumps(info))
    print(f"built {folder.name}: {quads:,} quads in {info['load_s']:.0f} s")
    return folder, info
