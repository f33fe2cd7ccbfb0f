"""Ingest, the one use case that fills a store: read articles, skip the unchanged ones, extract
the rest (in this process, in worker processes or on a Dask cluster), write one named graph per
article, and report what became of each, a bad article never stopping the others.

`ingest` is what the command line, the service and the Dask path call. Below it,
`store_article_graphs` and `ingest_extraction` write graphs already made.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence, Sized
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cache, partial
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from spacy.language import Language

from newsgraph.extract.article import Article, ArticleError, load_articles
from newsgraph.extract.extraction import Extraction
from newsgraph.extract.pipeline import extract_articles, load_pipeline
from newsgraph.graph import merge as merging
from newsgraph.graph.rdf import ArticleGraph, extraction_to_quads
from newsgraph.graph.store import GraphStore, OxigraphStore
from newsgraph.graph.vocab import DEFAULT_BASE_IRI, IRIs


class IngestStatus(StrEnum):
    ADDED = "added"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class IngestResult:
    article_id: str
    status: IngestStatus
    quads: int = 0
    # What was extracted, when the caller asked to keep it (the service answers with it).
    extraction: Extraction | None = None


@dataclass(frozen=True)
class IngestError:
    """An input that could not be read, or an article that could not be extracted."""

    message: str
    article_id: str | None = None  # None for an unreadable file or record

    def __str__(self) -> str:
        return self.message


@dataclass
class IngestReport:
    """What one ingest did: articles by outcome, and the inputs it skipped with the reason."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    errors: list[IngestError] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {"added": self.added, "replaced": self.replaced, "unchanged": self.unchanged}


@dataclass(frozen=True)
class IngestOptions:
    base_iri: str = DEFAULT_BASE_IRI
    model: str | None = None
    # Articles per spaCy batch; four batches go to the store at a time.
    batch_size: int = 16
    # Extraction processes; 1 extracts in this one.
    workers: int = 1
    # A Dask scheduler's address (tcp://host:8786) or local:N, instead of worker processes.
    dask: str | None = None
    # Merge each article's incidents with the same incidents of other articles (graph/merge.py).
    merge: bool = True
    # Quads an embedded store may hold in memory before they are flushed to its files. The
    # flush runs in the writer thread while the next batch is extracted; left to the end, it
    # would all be done when the store is closed, after the last article.
    flush_quads: int = 25_000


@dataclass(frozen=True)
class ArticleFiles:
    """Articles in files and folders (.txt, .html, .json, .jsonl), as `load_articles` reads
    them."""

    paths: tuple[Path, ...]

    @classmethod
    def of(cls, paths: Iterable[Path | str]) -> ArticleFiles:
        return cls(tuple(Path(p) for p in paths))

    def read(self, on_error: Callable[[ArticleError], None]) -> Iterator[Article]:
        return load_articles(self.paths, on_error=on_error)

    def count(self) -> int:
        """How many articles and unreadable inputs reading them meets: what ingest reports on.

        It reads the whole input once (JSON parsed, nothing extracted), a small part of what
        extracting it takes; ingest counts only for a progress report.
        """
        problems = 0

        def tally(_: ArticleError) -> None:
            nonlocal problems
            problems += 1

        return sum(1 for _ in self.read(tally)) + problems


# Articles done so far, and how many there are when the input's size is known.
ProgressCallback = Callable[[int, int | None], None]


def ingest(
    store: GraphStore,
    source: ArticleFiles | Iterable[Article],
    options: IngestOptions | None = None,
    *,
    nlp: Callable[[], Language] | None = None,
    keep_extractions: bool = False,
    on_progress: ProgressCallback | None = None,
    on_error: Callable[[IngestError], None] | None = None,
    on_result: Callable[[IngestResult], None] | None = None,
) -> IngestReport:
    """Extract and store every article of `source`; unchanged articles are skipped unparsed.

    `nlp` gives the spaCy pipeline for extraction in this process (by default the options'
    model, loaded on the first batch). With `keep_extractions`, every article is extracted,
    unchanged ones too, and each result carries its `Extraction` (in this process only).

    A file or record that cannot be read and an article whose extraction fails are reported
    to `on_error` and in the report's `errors`; the rest is ingested. `on_progress` hears how
    many articles are done, with the total when `source` is files (counted first) or a
    sized collection. The callbacks may be called from another thread, one at a time.
    """
    options = options or IngestOptions()
    if options.workers < 1:
        raise ValueError("workers must be 1 or more")
    if options.flush_quads < 1:
        raise ValueError("flush_quads must be 1 or more")
    if keep_extractions and (options.workers > 1 or options.dask):
        raise ValueError("extractions are kept only when extracting in this process")
    if isinstance(source, ArticleFiles):
        total = source.count() if on_progress is not None else None
        articles: Callable[[Callable[[ArticleError], None]], Iterable[Article]] = source.read
    else:
        total = len(source) if isinstance(source, Sized) else None
        articles = partial(_given, source)
    tally = _Tally(total, on_progress, on_error, on_result)
    run = _Ingestion(
        store,
        IRIs(options.base_iri),
        tally,
        skip_unchanged=not keep_extractions,
        merge=options.merge,
    )
    todo = run.pending(articles(tally.unreadable), options.batch_size * 4)
    built: Iterator[list[_Built]]
    if options.dask:
        built = _on_dask(todo, options)
    elif options.workers > 1:
        built = _in_workers(todo, options)
    else:
        loader = nlp or partial(load_pipeline, options.model)
        built = _in_process(todo, loader, run.iris, options.batch_size, keep_extractions)
    # The embedded store loads in a second thread while the next batch is extracted.
    writes: Generator[list[IngestResult | IngestError], None, None] = (
        written_alongside(built, _flushing(run.write, store, options.flush_quads))
        if isinstance(store, OxigraphStore)
        else (run.write(batch) for batch in built)
    )
    with closing(writes):
        for outcomes in writes:
            for outcome in outcomes:
                if isinstance(outcome, IngestError):
                    tally.error(outcome)
                else:
                    tally.result(outcome)
    return tally.report


def _given(articles: Iterable[Article], _: Callable[[ArticleError], None]) -> Iterable[Article]:
    return articles


class _Tally:
    """The report of one ingest and its callbacks, kept in step across the threads that read,
    extract and write."""

    def __init__(
        self,
        total: int | None,
        on_progress: ProgressCallback | None,
        on_error: Callable[[IngestError], None] | None,
        on_result: Callable[[IngestResult], None] | None,
    ) -> None:
        self.report = IngestReport()
        self.total = total
        self.done = 0
        self.on_progress = on_progress
        self.on_error = on_error
        self.on_result = on_result
        self.lock = threading.Lock()
        if on_progress is not None:
            on_progress(0, total)

    def unreadable(self, error: ArticleError) -> None:
        self.error(IngestError(str(error)))

    def error(self, error: IngestError) -> None:
        with self.lock:
            self.report.errors.append(error)
            if self.on_error is not None:
                self.on_error(error)
            self._advance()

    def result(self, result: IngestResult) -> None:
        with self.lock:
            name = result.status.value
            setattr(self.report, name, getattr(self.report, name) + 1)
            if self.on_result is not None:
                self.on_result(result)
            self._advance()

    def _advance(self) -> None:
        self.done += 1
        if self.on_progress is not None:
            self.on_progress(self.done, self.total)


@dataclass(frozen=True)
class _Built:
    """One article after extraction: its graph, or why there is none."""

    article_id: str
    article_iri: str
    graph: ArticleGraph | None = None
    extraction: Extraction | None = None
    error: str | None = None


class _Ingestion:
    """Which articles go to extraction, and the writes of what comes back.

    The stored hash of each article sent for extraction is read once: it skips unchanged
    articles before extraction and tells added from replaced after it. Batches are read
    ahead of the writes (by worker pools, and by the writer thread), so an article whose id
    is still on its way to the store is sent again unchecked: its hash is read when it is
    written, after the earlier version.
    """

    def __init__(
        self, store: GraphStore, iris: IRIs, tally: _Tally, *, skip_unchanged: bool, merge: bool
    ) -> None:
        self.store = store
        self.iris = iris
        self.tally = tally
        self.skip_unchanged = skip_unchanged
        self.merge = merge
        self.stored: dict[str, str | None] = {}
        self.on_the_way: Counter[str] = Counter()
        self.lock = threading.Lock()

    def pending(self, articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
        """The articles to extract, in batches of at most `size`."""
        for batch in _batched(iter(articles), size):
            todo = []
            for article in batch:
                iri = self.iris.article(article.id)
                with self.lock:
                    if self.on_the_way[iri]:
                        self.on_the_way[iri] += 1
                        todo.append(article)
                        continue
                previous = self.store.article_hash(iri)
                if self.skip_unchanged and previous == article.content_hash:
                    self.tally.result(IngestResult(article.id, IngestStatus.UNCHANGED))
                    continue
                with self.lock:
                    self.stored[iri] = previous
                    self.on_the_way[iri] += 1
                todo.append(article)
            if todo:
                yield todo

    def write(self, built: list[_Built]) -> list[IngestResult | IngestError]:
        """Store the graphs of one batch; the outcome of each article, in input order."""
        graphs = [item.graph for item in built if item.graph is not None]
        with self.lock:
            known = {
                item.article_iri: self.stored.pop(item.article_iri)
                for item in built
                if item.article_iri in self.stored
            }
        results = iter(store_article_graphs(self.store, graphs, known, merge=self.merge))
        with self.lock:
            for item in built:
                self.on_the_way[item.article_iri] -= 1
                if not self.on_the_way[item.article_iri]:
                    del self.on_the_way[item.article_iri]
        outcomes: list[IngestResult | IngestError] = []
        for item in built:
            if item.graph is None:
                outcomes.append(IngestError(item.error or "not extracted", item.article_id))
            else:
                outcomes.append(replace(next(results), extraction=item.extraction))
        return outcomes


def _batched(items: Iterator[Article], size: int) -> Iterator[list[Article]]:
    while batch := list(islice(items, size)):
        yield batch


def _build(
    articles: list[Article], nlp: Language, iris: IRIs, batch_size: int, keep: bool = False
) -> list[_Built]:
    """Extract a batch and make each article's graph. When the batch fails, each article is
    tried alone: the one that fails is reported, the others are kept."""
    try:
        return [
            _Built(
                extraction.article.id,
                iris.article(extraction.article.id),
                extraction_to_quads(extraction, iris),
                extraction if keep else None,
            )
            for extraction in extract_articles(articles, nlp, batch_size=batch_size)
        ]
    except Exception as error:  # whatever went wrong, it must not cost the other articles
        if len(articles) > 1:
            return [item for one in articles for item in _build([one], nlp, iris, 1, keep)]
        (article,) = articles
        return [
            _Built(
                article.id,
                iris.article(article.id),
                error=f"article {article.id!r}: extraction failed: {type(error).__name__}: {error}",
            )
        ]


def _in_process(
    batches: Iterable[list[Article]],
    nlp: Callable[[], Language],
    iris: IRIs,
    batch_size: int,
    keep: bool,
) -> Iterator[list[_Built]]:
    pipeline = None
    for batch in batches:
        if pipeline is None:
            pipeline = nlp()
        yield _build(batch, pipeline, iris, batch_size, keep)


@cache
def _pipeline(model: str | None) -> Language:
    # One pipeline per worker process, loaded on its first batch and kept for the rest.
    return load_pipeline(model)


def _work(task: tuple[list[Article], str | None, str, int]) -> list[_Built]:
    articles, model, base_iri, batch_size = task
    return _build(articles, _pipeline(model), IRIs(base_iri), batch_size)


def _in_workers(batches: Iterable[list[Article]], options: IngestOptions) -> Iterator[list[_Built]]:
    """Batch by batch in input order, built by `options.workers` processes.

    Workers are spawned, not forked: the parent holds the store open, and a fork would copy
    its database threads' state into every child.
    """
    context = multiprocessing.get_context("spawn")
    tasks = ((batch, options.model, options.base_iri, options.batch_size) for batch in batches)
    with context.Pool(processes=options.workers) as pool:
        yield from pool.imap(_work, tasks)


def _on_dask(
    batches: Iterable[list[Article]], options: IngestOptions, in_flight: int = 8
) -> Iterator[list[_Built]]:
    """Batch by batch in input order, built by the workers of a Dask cluster.

    `options.dask` is a scheduler's address (`tcp://host:8786`), or `local:N` for a cluster
    of N worker processes on this machine. Workers must have newsgraph installed; each loads
    the spaCy pipeline once. At most `in_flight` batches are out at a time, so a huge input
    streams.
    """
    from distributed import Client, LocalCluster

    address = options.dask or "local:1"
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
            task = (batch, options.model, options.base_iri, options.batch_size)
            pending.append(client.submit(_work, task, pure=False))
            if len(pending) >= in_flight:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


T = TypeVar("T")
R = TypeVar("R")


def _flushing(
    write: Callable[[list[_Built]], list[IngestResult | IngestError]],
    store: OxigraphStore,
    every: int,
) -> Callable[[list[_Built]], list[IngestResult | IngestError]]:
    """`write`, and a flush of the store each time `every` quads have been written since the
    last one. Called by one thread at a time (`written_alongside`'s writer)."""
    pending = 0

    def write_and_flush(built: list[_Built]) -> list[IngestResult | IngestError]:
        nonlocal pending
        outcomes = write(built)
        pending += sum(o.quads for o in outcomes if isinstance(o, IngestResult))
        if pending >= every:
            store.flush()
            pending = 0
        return outcomes

    return write_and_flush


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


# Writing graphs made elsewhere


def ingest_extraction(store: GraphStore, extraction: Extraction, iris: IRIs) -> IngestResult:
    """Write one article's graph, replacing an older version; a no-op for the same content."""
    article = extraction.article
    previous = store.article_hash(iris.article(article.id))
    if previous == article.content_hash:
        return IngestResult(article.id, IngestStatus.UNCHANGED)
    article_iri = iris.article(article.id)
    stale = merging.before_change(store, [article_iri]) if previous is not None else None
    result = _replace(store, extraction_to_quads(extraction, iris), previous)
    merging.after_change(store, iris, [article_iri], stale or (set(), set()))
    return result


def store_article_graph(store: GraphStore, article_graph: ArticleGraph) -> IngestResult:
    """Write an article's graph built elsewhere (a worker process): the same rules as
    `ingest_extraction`, with the RDF already made."""
    (result,) = store_article_graphs(store, [article_graph])
    return result


def store_article_graphs(
    store: GraphStore,
    graphs: Sequence[ArticleGraph],
    previous: Mapping[str, str | None] | None = None,
    *,
    merge: bool = True,
) -> list[IngestResult]:
    """Write many article graphs: the new ones in one load (one transaction, each article
    whole), changed ones replaced one by one, unchanged ones left alone.

    `previous` gives the stored content hash by article IRI where the caller already read
    it (to skip extracting unchanged articles); the others are read here, and so is the
    hash of an article met again in the batch after a version of it was written.

    With `merge`, the incidents of the written articles are then merged with those other
    articles report (graph/merge.py), and a replaced article's former merges are made again.
    """
    results: list[IngestResult] = []
    written: list[str] = []
    stale_graphs: set[str] = set()
    stale_partners: set[str] = set()
    fresh: dict[str, ArticleGraph] = {}
    seen: set[str] = set()
    for graph in graphs:
        if graph.article_iri in fresh:
            # The same article twice in one batch: the later version is the one loaded.
            fresh[graph.article_iri] = graph
            results.append(IngestResult(graph.article_id, IngestStatus.REPLACED, graph.quad_count))
            continue
        stored = (
            previous[graph.article_iri]
            if previous is not None
            and graph.article_iri in previous
            and graph.article_iri not in seen
            else store.article_hash(graph.article_iri)
        )
        seen.add(graph.article_iri)
        if stored == graph.content_hash:
            results.append(IngestResult(graph.article_id, IngestStatus.UNCHANGED))
        elif stored is None:
            fresh[graph.article_iri] = graph
            results.append(IngestResult(graph.article_id, IngestStatus.ADDED, graph.quad_count))
        else:
            if merge:
                graphs_before, partners = merging.before_change(store, [graph.article_iri])
                stale_graphs |= graphs_before
                stale_partners |= partners
            results.append(_replace(store, graph, stored))
            written.append(graph.article_iri)
    if fresh:
        add_graphs = getattr(store, "add_graphs", None)
        if add_graphs is not None:
            add_graphs("".join(graph.nquads for graph in fresh.values()))
        else:
            for graph in fresh.values():
                store.replace_graph(graph.graph_iri, graph.nquads, graph.ntriples)
        written.extend(fresh)
    if merge and written:
        merging.after_change(
            store, _base_iris(graphs[0].graph_iri), written, (stale_graphs, stale_partners)
        )
    return results


def _base_iris(graph_iri: str) -> IRIs:
    """The IRIs of the base an article's graph IRI (`{base}graph/{id}`) was made under: the
    id is percent-encoded whole, so the last slash ends `{base}graph`."""
    return IRIs(graph_iri.rsplit("/", 1)[0].removesuffix("graph"))


def _replace(store: GraphStore, graph: ArticleGraph, previous: str | None) -> IngestResult:
    store.replace_graph(graph.graph_iri, graph.nquads, graph.ntriples)
    status = IngestStatus.ADDED if previous is None else IngestStatus.REPLACED
    return IngestResult(graph.article_id, status, graph.quad_count)


def delete_article(store: GraphStore, article_id: str, iris: IRIs) -> bool:
    """Drop everything derived from the article; what other articles assert stays. The
    incidents it reported leave the merged incidents they were in, which are split or
    dropped where only it held them together."""
    stale = merging.before_change(store, [iris.article(article_id)])
    removed = store.remove_graph(iris.graph(article_id))
    if removed:
        merging.after_change(store, iris, [], stale)
    return removed
