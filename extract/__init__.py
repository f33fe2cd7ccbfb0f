"""Text to `Extraction`: articles in, entities, mentions, relations and incidents out, no RDF."""

from newsgraph.extract.article import Article, ArticleError, load_articles
from newsgraph.extract.extraction import Entity, Extraction, Mention, Relation, Sentence
from newsgraph.extract.pipeline import (
    DEFAULT_MODEL_PATH,
    ModelError,
    extract_articles,
    load_pipeline,
)

__all__ = [
    "DEFAULT_MODEL_PATH",
    "Article",
    "ArticleError",
    "Entity",
    "Extraction",
    "Mention",
    "ModelError",
    "Relation",
    "Sentence",
    "extract_articles",
    "load_articles",
    "load_pipeline",
]
