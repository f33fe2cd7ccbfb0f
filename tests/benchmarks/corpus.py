"""Article-like benchmark corpora made from the public news corpus (CoNLL-2003 documents)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from newsgraph.extract.article import Article

SHARED = Path(__file__).resolve().parents[3] / "shared" / "corpora"


def conll_articles(limit: int, corpora: Path = SHARED) -> Iterator[Article]:
    """Up to `limit` articles: each CoNLL-2003 document rebuilt as text, repeated with fresh
    ids when more are asked for than the corpus has."""
    documents = list(_documents(corpora / "conll2003-en" / "train.txt"))
    if not documents:
        raise FileNotFoundError(f"no CoNLL-2003 documents under {corpora}")
    for number in range(limit):
        text = documents[number % len(documents)]
        yield Article(id=f"bench-{number:06d}", text=text, published=date(1996, 8, 22))


def _documents(path: Path) -> Iterator[str]:
    sentences: list[str] = []
    words: list[str] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            columns = line.split()
            if not columns:
                if words:
                    sentences.append(" ".join(words))
                    words = []
                continue
            if columns[0] == "-DOCSTART-":
                if sentences:
                    yield "\n".join(sentences)
                sentences = []
                continue
            words.append(columns[0])
    if words:
        sentences.append(" ".join(words))
    if sentences:
        yield "\n".join(sentences)


def word_count(articles: list[Article]) -> int:
    return sum(len(article.text.split()) for article in articles)
