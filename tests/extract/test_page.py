"""News pages read as their articles, behind the linear-time guard; WARC files read as articles."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.extract.article import ArticleError, article_from_record, load_articles
from newsgraph.extract.html_text import MarkupLimits, MarkupRefused, checked_markup
from newsgraph.extract.page import PageReader, decode_page, read_page
from tests.sources.newspages import COMMENTS, COOKIES, LAYOUTS, RELATED, STORIES, page

URL = "https://daily.example/world/{slug}"


@pytest.mark.parametrize("layout", ["modern", "blog", "live"])
def test_a_news_page_is_read_as_its_article_without_boilerplate(layout: str) -> None:
    story = STORIES[0]
    found = read_page(page(story, layout, URL.format(slug=story.slug)), "https://x.example/a")
    for paragraph in story.paragraphs:
        assert paragraph in found.text
    for boilerplate in ("cookies", "Most read", "Subscribe", "All rights reserved"):
        assert boilerplate not in found.text
    for _, said in COMMENTS:
        assert said not in found.text
    assert RELATED[1][0] not in found.text
    assert found.title == story.headline
    assert found.url == URL.format(slug=story.slug)  # the canonical link, not the fetched URL
    assert found.published is not None and found.published.isoformat() == story.published
    assert found.byline == "Jane Doe"
    assert found.publisher == "The Daily Example"
    assert found.language == "en"
    assert "\n\n" in found.text and "\n\n\n" not in found.text


def test_a_fragment_without_an_article_falls_back_to_its_visible_text() -> None:
    found = read_page("<p>Troops entered <i>Tripoli</i>.</p>")
    assert (found.text, found.reader) == ("Troops entered Tripoli.", "visible-text")


def test_html_records_are_read_as_articles_with_the_page_metadata() -> None:
    story = STORIES[1]
    record = {"id": "r1", "text": page(story, "modern", URL.format(slug=story.slug))}
    article = article_from_record(record, "r1")
    assert COOKIES[40:80] not in article.text
    assert article.byline == "Pieter van Dijk; Sara Jansen"
    assert article.publisher == "The Daily Example"
    assert article.url == URL.format(slug=story.slug)
    given = article_from_record({**record, "title": "Mine", "url": "https://a.example/"}, "r1")
    assert (given.title, given.url) == ("Mine", "https://a.example/")


def test_byline_and_publisher_change_the_hash_only_when_given() -> None:
    plain = article_from_record({"id": "a", "text": "Police arrested 12 men."}, "a")
    assert (
        plain.content_hash
        == (
            article_from_record({"id": "a", "text": "Police arrested 12 men.", "byline": ""}, "a")
        ).content_hash
    )
    signed = article_from_record({"id": "a", "text": "Police arrested 12 men.", "byline": "X"}, "a")
    assert signed.content_hash != plain.content_hash


@pytest.mark.parametrize(
    ("markup", "message"),
    [
        ("<p>x</p>" * 30_000, "elements"),
        ("x" * 6_000_000, "characters"),
    ],
)
def test_the_guard_refuses_pages_past_its_limits(markup: str, message: str) -> None:
    started = time.monotonic()
    with pytest.raises(MarkupRefused, match=message):
        read_page(markup)
    assert time.monotonic() - started < 2
    with pytest.raises(ArticleError, match=message):
        article_from_record({"id": "h", "text": markup, "format": "html"}, "h")


def test_the_guard_drops_declarations_and_ends_at_unterminated_markup() -> None:
    hostile = '<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><p>a &x; b</p><!-- open'
    assert checked_markup(hostile) == "<p>a &x; b</p>"
    assert checked_markup("<script><div><div></script><p>1 < 2</p>") == (
        "<script><div><div></script><p>1 &lt; 2</p>"
    )
    # Elements inside a script are no elements: a page of JSON in a script is not refused.
    checked_markup("<script>" + "<p>" * 50_000 + "</script>", MarkupLimits(max_elements=10))


def test_the_page_reader_ends_a_page_that_takes_too_long() -> None:
    # Under the element limit, yet slow: each element holds text the extractor scores.
    slow = "<html><body>" + "<div><p>word word word</p></div>" * 9_000 + "</body></html>"
    with PageReader(seconds=0.2) as reader:
        started = time.monotonic()
        with pytest.raises(MarkupRefused, match=r"took over 0\.2 seconds"):
            reader.read(slow)
        assert time.monotonic() - started < 5
        # A fresh child reads the next page.
        story = STORIES[2]
        reader.seconds = 30
        assert story.paragraphs[0] in reader.read(page(story, "live", "https://a.example/")).text


def test_decoding_follows_the_header_then_the_meta_charset() -> None:
    body = '<meta charset="iso-8859-1"><p>Caf\u00e9</p>'.encode("latin-1")
    assert "Caf\u00e9" in decode_page(body)
    assert "Caf\u00e9" in decode_page(body, "text/html; charset=ISO-8859-1")
    assert "\ufffd" in decode_page(body, "text/html; charset=utf-8")


def _warc(path: Path, records: list[tuple[str, str, bytes, str]]) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.name.endswith(".gz"))
        for uri, status, body, content_type in records:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], "HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    uri, "response", payload=io.BytesIO(body), http_headers=headers
                )
            )


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_a_warc_file_streams_its_news_pages_as_articles(tmp_path: Path, name: str) -> None:
    records = []
    for number, story in enumerate(STORIES[:4]):
        url = f"https://daily.example/{story.slug}"
        layout = list(LAYOUTS)[number % 3 if number % 3 != 1 else 2]
        records.append(
            (url, "200 OK", page(story, layout, url).encode(), "text/html; charset=utf-8")
        )
    first = STORIES[0]
    first_url = f"https://daily.example/{first.slug}"
    records += [
        # A revisit of the first page, and a copy of it under another URL: read once.
        (first_url + "?utm_source=feed", "200 OK", records[0][2], "text/html"),
        ("https://daily.example/gone", "404 Not Found", b"<html>gone</html>", "text/html"),
        ("https://daily.example/logo.png", "200 OK", b"\x89PNG...", "image/png"),
        ("https://daily.example/huge", "200 OK", b"<p>x</p>" * 30_000, "text/html"),
    ]
    _warc(tmp_path / name, records)
    skipped: list[ArticleError] = []
    articles = list(load_articles([tmp_path], on_error=skipped.append))
    assert [a.id for a in articles] == [f"https://daily.example/{s.slug}" for s in STORIES[:4]]
    assert articles[0].text.startswith(first.headline) or first.paragraphs[0] in articles[0].text
    assert all(a.publisher == "The Daily Example" for a in articles)
    assert articles[0].extra["fetched_url"] == first_url
    assert len(skipped) == 1 and "elements" in str(skipped[0])


def test_a_file_that_is_not_a_warc_is_reported(tmp_path: Path) -> None:
    (tmp_path / "bad.warc").write_bytes(b"this is not a warc file\n" * 10)
    skipped: list[ArticleError] = []
    assert list(load_articles([tmp_path / "bad.warc"], on_error=skipped.append)) == []
    assert skipped and "bad.warc" in str(skipped[0])


@settings(max_examples=60, deadline=None)
@given(
    markup=st.lists(
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<div>",
                "<!--",
                "-->",
                "<script>",
                "</script>",
                "<![CDATA[",
                "<!DOCTYPE [",
                "]>",
                "&amp;",
                "&#0;",
                "<html lang=",
                "'",
                '"',
                "<a href=javascript:x>",
                "<table>",
                "<td>",
                "word ",
                "Troops entered Tripoli. ",
                "\x00",
                "\ud7ff",
                "<meta charset=x>",
            ]
        ),
        max_size=60,
    ).map("".join)
)
def test_any_markup_reads_or_is_refused_with_a_message(markup: str) -> None:
    try:
        found = read_page(markup)
    except MarkupRefused as error:
        assert str(error)
    else:
        assert isinstance(found.text, str)
