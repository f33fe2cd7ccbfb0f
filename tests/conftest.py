"""Shared fixtures: the seed article, the shipped pipeline, real stores on temp folders."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language

from newsgraph.extract.article import Article, load_articles
from newsgraph.extract.extraction import Extraction
from newsgraph.extract.pipeline import extract_articles, load_pipeline
from newsgraph.extract.resources import ARTICLES_DIR
from newsgraph.graph.store import OxigraphStore

SEED_ID = "000_4c15246a69764410"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="session")
def seed_article() -> Article:
    (article,) = [a for a in load_articles([ARTICLES_DIR]) if a.id == SEED_ID]
    return article


@pytest.fixture(scope="session")
def seed_extraction(nlp: Language, seed_article: Article) -> Extraction:
    (extraction,) = extract_articles([seed_article], nlp)
    return extraction


@pytest.fixture
def disk_store(tmp_path: Path) -> Iterator[OxigraphStore]:
    store = OxigraphStore(tmp_path / "store")
    yield store
    store.close()


@pytest.fixture(scope="session")
def seeded_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the bundled articles, written by `newsgraph ingest`; copy it to serve."""
    store = tmp_path_factory.mktemp("seeded") / "store"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "newsgraph",
            "ingest",
            str(ARTICLES_DIR),
            "--store",
            str(store),
            "--quiet",
        ],
        cwd=Path(__file__).resolve().parents[1],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return store
