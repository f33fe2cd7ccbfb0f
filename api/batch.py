"""Ingesting many articles: extraction and RDF building in worker processes, writes in one."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache
from typing import Any, TypeVar

from spacy.language import Language

from newsgraph.extract.article import Article
from newsgraph.extract.pipeline import extract_articles, load_pipeline
from newsgraph.graph.rdf import ArticleGraph, extraction_to_quads
from newsgraph.graph.vocab import IRIs

T = TypeVar("T")
R = TypeVar("R")


def written_alongside(items: Iterable[T], write: Callable[[T], R]) -> Generator[R, None, None]:
    """`write(item)` for every item, in order, each in a second thread while this one makes
    the next item: the store's loader (which releases the GIL) overlaps extraction.

    One write runs at a time and one item waits, so memory stays at two batches; the
    results come back in input order, and a write's exception is raised here.
    """
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsgraph-writer") as writer:
        running: Future[R] | None = None
        for item in items:
            if running is not None:
                yield running.result()
            running = writer.submit(write, item)
        if running is not None:
            yield running.result()


@cache
def _pipeline(model: str | None) -> Language:
    # One pipeline per worker process, loaded on its first batch and kept for the rest.
    return load_pipeline(model)


def article_graphs(
    articles: list[Article], nlp: Language, iris: IRIs, batch_size: int = 16
) -> list[ArticleGraph]:
    """The N-Quads of each article, extracted with `nlp`."""
    return [
        extraction_to_quads(extraction, iris)
        for extraction in extract_articles(articles, nlp, batch_size=batch_size)
    ]


def _work(task: tuple[list[Article], str | None, str, int]) -> list[ArticleGraph]:
    articles, model, base_iri, batch_size = task
    return article_graphs(articles, _pipeline(model), IRIs(base_iri), batch_size)


def graphs_in_workers(
    batches: Iterable[list[Article]],
    *,
    workers: int,
    model: str | None,
    base_iri: str,
    batch_size: int = 16,
) -> Iterator[list[ArticleGraph]]:
    """Article graphs, batch by batch in input order, built by `workers` processes.

    Workers are spawned, not forked: the parent holds the store open, and a fork would copy
    its database threads' state into every child.
    """
    context = multiprocessing.get_context("spawn")
    tasks = ((batch, model, base_iri, batch_size) for batch in batches)
    with context.Pool(processes=workers) as pool:
        yield from pool.imap(_work, tasks)


def graphs_on_dask(
    batches: Iterable[list[Article]],
    *,
    address: str,
    model: str | None,
    base_iri: str,
    batch_size: int = 16,
    in_flight: int = 8,
) -> Iterator[list[ArticleGraph]]:
    """Article graphs built by the workers of a Dask cluster, batch by batch in input order.

    `address` is a scheduler's (`tcp://host:8786`), or `local:N` for a cluster of N worker
    processes on this machine. Workers must have newsgraph installed; each loads the spaCy
    pipeline once. At most `in_flight` batches are out at a time, so a huge input streams.
    """
    from collections import deque

    from distributed import Client, LocalCluster

    cluster = None
    if address.startswith("local:"):
        workers = int(address.removeprefix("local:") or "1")
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    else:
        client = Client(address)
    try:
        pending: deque[Any] = deque()
        for batch in batches:
            pending.append(client.submit(_work, (batch, model, base_iri, batch_size), pure=False))
            if len(pending) >= in_flight:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
