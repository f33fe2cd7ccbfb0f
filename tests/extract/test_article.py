"""Reading articles from text, sidecars, JSON and JSONL, and refusing bad input clearly."""

import json
import re
from datetime import date
from pathlib import Path

import pytest

from newsgraph.extract.article import (
    MAX_ID_LENGTH,
    Article,
    ArticleError,
    article_from_record,
    load_articles,
)
from newsgraph.extract.resources import ARTICLES_DIR


def test_seed_article_is_read_with_its_sidecar_metadata() -> None:
    (article,) = list(load_articles([ARTICLES_DIR]))
    assert article.id == "000_4c15246a69764410"
    assert article.published == date(2007, 5, 28)
    assert article.language == "en"
    assert article.text.startswith("The good news is there appears to be")


def test_seed_text_is_the_shared_original_byte_for_byte() -> None:
    shared = ARTICLES_DIR.parents[2] / "shared" / "seed" / "000_4c15246a69764410.txt"
    if not shared.exists():
        pytest.skip("the shared seed folder is not beside this checkout")
    assert (ARTICLES_DIR / shared.name).read_bytes() == shared.read_bytes()


def test_json_and_jsonl_articles_carry_metadata(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(
        json.dumps({"id": "a1", "text": "Rain in Spain.", "title": "T", "published": "2020-01-02"})
    )
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"id": "b1", "text": "One."})
        + "\n\n"
        + json.dumps({"id": "b2", "text": "Two.", "url": "https://x.test/2"})
        + "\n"
    )
    articles = {a.id: a for a in load_articles([tmp_path])}
    assert set(articles) == {"a1", "b1", "b2"}
    assert articles["a1"].title == "T" and articles["a1"].published == date(2020, 1, 2)
    assert articles["b2"].url == "https://x.test/2"


def test_bad_records_are_reported_and_good_ones_kept(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        json.dumps({"id": "ok1", "text": "Fine."})
        + "\n"
        + "{not json\n"
        + json.dumps({"id": "empty", "text": "  "})
        + "\n"
        + json.dumps({"id": " padded", "text": "x"})
        + "\n"
        + json.dumps({"id": "ok2", "text": "Also fine.", "published": "2021-13-40"})
        + "\n"
        + json.dumps({"id": "ok3", "text": "Last."})
        + "\n"
    )
    errors: list[ArticleError] = []
    ids = [a.id for a in load_articles([path], on_error=errors.append)]
    assert ids == ["ok1", "ok3"]
    messages = [str(e) for e in errors]
    assert len(messages) == 4
    assert f"{path}:2: invalid JSON" in messages[0]
    assert "missing or empty 'text'" in messages[1]
    assert "' padded' is not valid: it begins or ends with white space" in messages[2]
    assert "not an ISO date" in messages[3]


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    (tmp_path / "x.jsonl").write_text(
        json.dumps({"id": "same", "text": "a"})
        + "\n"
        + json.dumps({"id": "same", "text": "b"})
        + "\n"
    )
    errors: list[ArticleError] = []
    assert [a.text for a in load_articles([tmp_path], on_error=errors.append)] == ["a"]
    assert "already used" in str(errors[0])


def test_unknown_format_and_missing_path_raise(tmp_path: Path) -> None:
    (tmp_path / "doc.pdf").write_bytes(b"%PDF")
    with pytest.raises(ArticleError, match="unknown article format"):
        list(load_articles([tmp_path / "doc.pdf"]))
    with pytest.raises(ArticleError, match="no such file"):
        list(load_articles([tmp_path / "nope.txt"]))


def test_content_hash_follows_text_and_metadata() -> None:
    a = Article(id="x", text="Hello.")
    assert a.content_hash == Article(id="x", text="Hello.").content_hash
    assert a.content_hash != Article(id="x", text="Hello!").content_hash
    assert a.content_hash != Article(id="x", text="Hello.", published=date(2020, 1, 1)).content_hash


@pytest.mark.parametrize(
    "article_id",
    [
        "https://news.example/2024/03/05/clash-in-tripoli?ref=rss#top",
        "urn:uuid:6f1c2a9e-3b7d-4c1e-9a57-0f9d8c2b1e44",
        "AFP:20240305:0123",
        "a b/c%20d",
        "Ελληνικά:δελτίο/1",
        "報道-2024",
        "x" * MAX_ID_LENGTH,
    ],
)
def test_ids_are_free_text(article_id: str) -> None:
    article = article_from_record({"id": article_id, "text": "Rain."}, "where")
    assert article.id == article_id


@pytest.mark.parametrize(
    ("article_id", "reason"),
    [
        ("", "empty"),
        ("x" * (MAX_ID_LENGTH + 1), f"more than {MAX_ID_LENGTH}"),
        ("tab\there", "U+0009"),
        ("line\nbreak", "U+000A"),
        ("trailing ", "white space"),
        ("nul\x00", "U+0000"),
    ],
)
def test_ids_that_cannot_round_trip_are_refused(article_id: str, reason: str) -> None:
    with pytest.raises(ArticleError, match=re.escape(reason)):
        Article(id=article_id, text="Rain.")
