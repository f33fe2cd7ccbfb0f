"""What the cross-article merge (graph/merge.py) costs per ingested article, as a ratio against
ingest without it on the same store, side by side, as the store grows.

    python -m tests.benchmarks.bench_merge --incidents 1k 10k 100k --workdir /tmp/ngbench-merge

A store of about N incidents is built from CoNLL-2003 articles extracted once
(`tests/benchmarks/graphs.py`) and copied: each copy has its own articles, graphs and
incidents, the same entities (as one store's articles share places and actors), and its dates
moved `--shift` days on from the copy before, so that the store grows over the years as a real
one does. The default, 35 days, is more than an incident's time may last and still merge
(`max_span_days` and `tolerance_days` of data/merge.json): copies of one article, the same words
about the same places and actors, then never meet in time, as different incidents do not. With
14 days (`--shift 14`, the first version of this benchmark) the copies of an incident a month
long overlap the next copy's, so the store's own incidents chain into merged incidents of
hundreds of copies, and every refresh reads `max_component` incidents. Then a batch of fresh
articles (copy 0 again, under other ids, its dates those of a copy in the middle, three days on,
so they meet incidents of the store to merge with) is written
with `store_article_graphs` without the merge and with it, and deleted again with
`delete_article` or without the merge hook, in alternating rounds after one uncounted round;
the figures are medians.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

import pyoxigraph as ox

from newsgraph.graph.ingest import delete_article, store_article_graphs
from newsgraph.graph.rdf import ArticleGraph
from newsgraph.graph.store import OxigraphStore
from newsgraph.graph.vocab import DEFAULT_BASE_IRI, IRIs
from tests.benchmarks.graphs import extracted_graphs, parse_size
from tests.benchmarks.report import report

_OWN = ("article/", "graph/", "incident/", "extraction/", "statement/")
_DATE = re.compile(r'"(\d{4}-\d{2}-\d{2})"\^\^<http://www\.w3\.org/2001/XMLSchema#date>')


def moved(nquads: str, copy: str, days: int) -> str:
    """An article's N-Quads as another article: its own IRIs under `copy`, its dates moved."""
    for kind in _OWN:
        nquads = nquads.replace(f"<{DEFAULT_BASE_IRI}{kind}", f"<{DEFAULT_BASE_IRI}{kind}{copy}-")

    def shift(match: re.Match[str]) -> str:
        day = date.fromisoformat(match.group(1)) + timedelta(days=days)
        return f'"{day.isoformat()}"^^<http://www.w3.org/2001/XMLSchema#date>'

    return _DATE.sub(shift, nquads)


def as_graph(graph: ArticleGraph, copy: str, days: int) -> ArticleGraph:
    nquads = moved(graph.nquads, copy, days)
    article_id = f"{copy}-{graph.article_id}"
    iris = IRIs(DEFAULT_BASE_IRI)
    return ArticleGraph(
        article_id=article_id,
        graph_iri=iris.graph(article_id),
        article_iri=iris.article(article_id),
        content_hash=graph.content_hash,
        nquads=nquads,
        quad_count=graph.quad_count,
    )


def incidents_in(graphs: list[ArticleGraph]) -> int:
    return sum(g.nquads.count("<http://semanticweb.cs.vu.nl/2009/11/sem/Event>") for g in graphs)


def built(workdir: Path, graphs: list[ArticleGraph], copies: int, shift: int) -> Path:
    """The store of `copies` copies, bulk-loaded once (no merged layer: the merge of the store
    as it stands is not what is measured) and reused."""
    folder = workdir / (
        f"merge-store-{copies}" if shift == 14 else f"merge-store-{copies}-{shift}d"
    )
    done = folder / "BENCH_DONE"
    if done.exists():
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    store = ox.Store(str(folder))
    for first in range(0, copies, 10):
        text = "".join(
            moved(g.nquads, f"c{n}", shift * n)
            for n in range(first, min(copies, first + 10))
            for g in graphs
        )
        store.bulk_load(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    store.flush()
    store.optimize()
    del store
    done.write_text("done")
    return folder


def one_round(
    folder: Path, fresh: list[ArticleGraph], merge: bool, batch: int
) -> tuple[float, float, int]:
    """Seconds per article to write the fresh articles and to delete them again, and how many
    merged incidents writing them added."""
    store = OxigraphStore(folder)
    iris = IRIs(DEFAULT_BASE_IRI)
    try:
        before = sum(1 for g in store.graph_names() if "/graph/merged/" in g)
        started = time.perf_counter()
        for first in range(0, len(fresh), batch):
            store_article_graphs(store, fresh[first : first + batch], merge=merge)
        written = time.perf_counter() - started
        merged = sum(1 for g in store.graph_names() if "/graph/merged/" in g) - before
        started = time.perf_counter()
        for graph in fresh:
            if merge:
                delete_article(store, graph.article_id, iris)
            else:
                store.remove_graph(graph.graph_iri)
        deleted = time.perf_counter() - started
        # Merged incidents among the store's own articles, found while merging the fresh ones
        # (the store was bulk-loaded without the merge), stay; none may hold a fresh incident.
        left = store.query(
            "ASK { ?m ng:hasMember ?i FILTER(CONTAINS(STR(?i), '/incident/fresh-')) }"
        )
        if bool(left):
            raise AssertionError("a merged incident still holds a deleted article's incident")
    finally:
        store.close()
    return written / len(fresh), deleted / len(fresh), merged


def run(
    sizes: list[str], articles: int, fresh_count: int, rounds: int, workdir: Path, shift: int
) -> dict:
    graphs = extracted_graphs(workdir, articles)
    per_copy = incidents_in(graphs)
    result: dict[str, float] = {
        "incidents_per_copy": per_copy,
        "fresh_articles": fresh_count,
        "shift_days": shift,
    }
    for label in sizes:
        copies = max(1, round(parse_size(label) / per_copy))
        folder = built(workdir, graphs, copies, shift)
        middle = copies // 2
        fresh = [as_graph(g, "fresh", shift * middle + 3) for g in graphs[:fresh_count]]
        timings: dict[bool, list[tuple[float, float, int]]] = {False: [], True: []}
        # A first round, not counted: it warms the store's caches and makes the merges among
        # the store's own articles that the fresh ones lead to, which later rounds find made.
        one_round(folder, fresh, True, 16)
        for _ in range(rounds):
            for merge in (False, True):
                timings[merge].append(one_round(folder, fresh, merge, 16))
        key = f"{copies * per_copy}"
        for merge, name in ((False, "plain"), (True, "merge")):
            result[f"{key}_write_{name}_ms_per_article"] = 1000 * statistics.median(
                t[0] for t in timings[merge]
            )
            result[f"{key}_delete_{name}_ms_per_article"] = 1000 * statistics.median(
                t[1] for t in timings[merge]
            )
        result[f"{key}_merged_incidents_written"] = timings[True][0][2]
        result[f"{key}_write_merge_over_plain"] = (
            result[f"{key}_write_merge_ms_per_article"]
            / result[f"{key}_write_plain_ms_per_article"]
        )
        result[f"{key}_delete_merge_over_plain"] = (
            result[f"{key}_delete_merge_ms_per_article"]
            / result[f"{key}_delete_plain_ms_per_article"]
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--incidents", nargs="+", default=["1k", "10k"])
    parser.add_argument("--articles", type=int, default=100, help="CoNLL articles extracted")
    parser.add_argument("--fresh", type=int, default=48, help="articles written per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--shift", type=int, default=35, help="days between copies")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/ngbench-merge"))
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    result = run(args.incidents, args.articles, args.fresh, args.rounds, args.workdir, args.shift)
    report(result, args.workdir / "bench_merge.json")


if __name__ == "__main__":
    main()
