"""Putting extractions into a store: one named graph per article, unchanged articles skipped."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from extract.article import Article
from extract.extraction import Extraction
from graph.rdf import ArticleGraph, extraction_to_quads
from graph.store import GraphStore
from graph.vocab import IRIs


class IngestStatus(StrEnum):
    ADDED = "added"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class IngestResult:
    article_id: str
    status: IngestStatus
    quads: int = 0


def is_unchanged(store: GraphStore, article: Article, iris: IRIs) -> bool:
    """True when the store already holds this exact version of the article."""
    return store.article_hash(iris.article(article.id)) == article.content_hash


def ingest_extraction(store: GraphStore, extraction: Extraction, iris: IRIs) -> IngestResult:
    """Write one article's graph, replacing an older version; a no-op for the same content."""
    article = extraction.article
    previous = store.article_hash(iris.article(article.id))
    if previous == article.content_hash:
        return IngestResult(article.id, IngestStatus.UNCHANGED)
    article_graph = extraction_to_quads(extraction, iris)
    store.replace_graph(article_graph.graph_iri, article_graph.nquads, article_graph.ntriples)
    status = IngestStatus.ADDED if previous is None else IngestStatus.REPLACED
    return IngestResult(article.id, status, article_graph.quad_count)


def store_article_graph(store: GraphStore, article_graph: ArticleGraph) -> IngestResult:
    """Write an article's graph built elsewhere (a worker process): the same rules as
    `ingest_extraction`, with the RDF already made."""
    previous = store.article_hash(article_graph.article_iri)
    if previous == article_graph.content_hash:
        return IngestResult(article_graph.article_id, IngestStatus.UNCHANGED)
    store.replace_graph(article_graph.graph_iri, article_graph.nquads, article_graph.ntriples)
    status = IngestStatus.ADDED if previous is None else IngestStatus.REPLACED
    return IngestResult(article_graph.article_id, status, article_graph.quad_count)


def store_article_graphs(store: GraphStore, graphs: list[ArticleGraph]) -> list[IngestResult]:
    """Write many article graphs: the new ones in one load (one transaction, each article
    whole), changed ones replaced one by one, unchanged ones left alone."""
    results: dict[str, IngestResult] = {}
    fresh: list[ArticleGraph] = []
    for graph in graphs:
        previous = store.article_hash(graph.article_iri)
        if previous == graph.content_hash:
            results[graph.article_id] = IngestResult(graph.article_id, IngestStatus.UNCHANGED)
        elif previous is None and graph.article_id not in results:
            fresh.append(graph)
            results[graph.article_id] = IngestResult(
                graph.article_id, IngestStatus.ADDED, graph.quad_count
            )
        else:
            results[graph.article_id] = store_article_graph(store, graph)
    if fresh:
        add_graphs = getattr(store, "add_graphs", None)
        if add_graphs is not None:
            add_graphs("".join(graph.nquads for graph in fresh))
        else:
            for graph in fresh:
                store.replace_graph(graph.graph_iri, graph.nquads, graph.ntriples)
    return [results[graph.article_id] for graph in graphs]


def delete_article(store: GraphStore, article_id: str, iris: IRIs) -> bool:
    """Drop everything derived from the article; what other articles assert stays."""
    return store.remove_graph(iris.graph(article_id))
