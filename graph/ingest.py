"""Putting extractions into a store: one named graph per article, unchanged articles skipped."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from newsgraph.extract.extraction import Extraction
from newsgraph.graph.rdf import ArticleGraph, extraction_to_quads
from newsgraph.graph.store import GraphStore
from newsgraph.graph.vocab import IRIs


class IngestStatus(StrEnum):
    ADDED = "added"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class IngestResult:
    article_id: str
    status: IngestStatus
    quads: int = 0


def ingest_extraction(store: GraphStore, extraction: Extraction, iris: IRIs) -> IngestResult:
    """Write one article's graph, replacing an older version; a no-op for the same content."""
    article = extraction.article
    previous = store.article_hash(iris.article(article.id))
    if previous == article.content_hash:
        return IngestResult(article.id, IngestStatus.UNCHANGED)
    return _replace(store, extraction_to_quads(extraction, iris), previous)


def store_article_graph(store: GraphStore, article_graph: ArticleGraph) -> IngestResult:
    """Write an article's graph built elsewhere (a worker process): the same rules as
    `ingest_extraction`, with the RDF already made."""
    (result,) = store_article_graphs(store, [article_graph])
    return result


def store_article_graphs(
    store: GraphStore,
    graphs: list[ArticleGraph],
    previous: Mapping[str, str | None] | None = None,
) -> list[IngestResult]:
    """Write many article graphs: the new ones in one load (one transaction, each article
    whole), changed ones replaced one by one, unchanged ones left alone.

    `previous` gives the stored content hash by article IRI where the caller already read
    it (to skip extracting unchanged articles); the others are read here, and so is the
    hash of an article met again in the batch after a version of it was written.
    """
    results: list[IngestResult] = []
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
            results.append(_replace(store, graph, stored))
    if fresh:
        add_graphs = getattr(store, "add_graphs", None)
        if add_graphs is not None:
            add_graphs("".join(graph.nquads for graph in fresh.values()))
        else:
            for graph in fresh.values():
                store.replace_graph(graph.graph_iri, graph.nquads, graph.ntriples)
    return results


def _replace(store: GraphStore, graph: ArticleGraph, previous: str | None) -> IngestResult:
    store.replace_graph(graph.graph_iri, graph.nquads, graph.ntriples)
    status = IngestStatus.ADDED if previous is None else IngestStatus.REPLACED
    return IngestResult(graph.article_id, status, graph.quad_count)


def delete_article(store: GraphStore, article_id: str, iris: IRIs) -> bool:
    """Drop everything derived from the article; what other articles assert stays."""
    return store.remove_graph(iris.graph(article_id))
