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


def delete_article(store: GraphStore, article_id: str, iris: IRIs) -> bool:
    """Drop everything derived from the article; what other articles assert stays."""
    return store.remove_graph(iris.graph(article_id))
