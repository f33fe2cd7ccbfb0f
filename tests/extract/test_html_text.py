"""HTML pages read as their visible text, in one linear pass, reading no DTD."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.extract.article import ArticleError, article_from_record, load_articles
from newsgraph.extract.html_text import html_to_text, looks_like_html


def test_visible_text_in_paragraphs_with_the_title() -> None:
    page = (
        "<!doctype html><html><head><title>Clash &amp; arrests</title>"
        "<style>p { color: red }</style></head><body><h1>Head line</h1>"
        "<p>First <b>bold</b>\n  para.<br>Line two</p><script>alert('<p>x</p>')</script>"
        "<div>Caf&eacute; &#169; &#x41;</div><!-- a comment <p>hidden</p> --></body></html>"
    )
    assert html_to_text(page) == (
        "Head line\n\nFirst bold para.\n\nLine two\n\nCafé © A",
        "Clash & arrests",
    )


@pytest.mark.parametrize(
    "page",
    [
        '<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><p>a &xxe; b</p>',
        '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><p>a &lol2; b</p>',
    ],
)
def test_declared_entities_are_neither_read_nor_expanded(page: str) -> None:
    text, _ = html_to_text(page)
    assert text in ("a &xxe; b", "a &lol2; b")
    assert "root:" not in text


@pytest.mark.parametrize(
    "page",
    [
        "<!--" * 200_000,
        "<" + "a" * 1_000_000,
        "<p " + 'a="x" ' * 100_000,
        "<![CDATA[" * 100_000,
        "<script>" + "x</scrip" * 100_000,
        "<!DOCTYPE [" + "<" * 100_000,
    ],
)
def test_unterminated_markup_ends_the_text(page: str) -> None:
    # Each of these takes the standard library's parser minutes or more (quadratic); the
    # scanner stops at the first construct that never ends, as a browser does.
    text, _ = html_to_text(page)
    assert "<!--" not in text and len(text) < 10


def test_a_document_is_recognized_by_its_opening() -> None:
    assert looks_like_html("\ufeff  <!-- saved --> <!DOCTYPE html><p>x")
    assert looks_like_html("<html lang='en'><body>x</body></html>")
    assert not looks_like_html("Police said <b> was a typo.")
    assert not looks_like_html("<p>a fragment</p>")


def test_articles_from_html_files_and_records(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("<p>Troops entered <i>Tripoli</i>.</p>", encoding="utf-8")
    (article,) = load_articles([tmp_path])
    assert (article.id, article.text) == ("page", "Troops entered Tripoli.")
    record = {"id": "r", "text": "<!DOCTYPE html><title>T</title><p>Body.</p>"}
    assert article_from_record(record, "r").text == "Body."
    assert article_from_record(record, "r").title == "T"
    as_text = article_from_record({**record, "format": "text"}, "r")
    assert as_text.text == record["text"]
    with pytest.raises(ArticleError, match="'format'"):
        article_from_record({**record, "format": "pdf"}, "r")


@pytest.mark.parametrize(
    "text", ["\x00abc", "".join(chr(c) for c in range(1, 32)) * 3, "\ufffd" * 40 + "abc"]
)
def test_binary_data_is_refused(text: str) -> None:
    with pytest.raises(ArticleError, match="binary"):
        article_from_record({"id": "b", "text": text}, "b")


def test_a_few_odd_characters_do_not_make_text_binary() -> None:
    text = "Officials said \ufffd the talks\x0c resumed. " * 10
    assert article_from_record({"id": "t", "text": text}, "t").text == text
