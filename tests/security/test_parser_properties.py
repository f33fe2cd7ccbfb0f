"""Property tests of the text parsers: dates, counts and names never raise on arbitrary text,
keep their offsets and values within bounds, and are idempotent where that holds."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsgraph.extract.article import ArticleError, _parse_date, article_from_record, slug_id
from newsgraph.extract.events import _NUMBER
from newsgraph.extract.names import clean_name, name_slug, normalize_name, resolution_key
from newsgraph.extract.timex import PRECISIONS, RELATIONS, find_times
from newsgraph.graph.vocab import ENTITY_TYPES, IRIs

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PIECES = [
    *"0123456789 ,.-/'’",
    *["May ", "Friday", "last ", "ago", "weeks", "2007", "summer", "on ", "early ", "25th"],
    *["June", "the ", "week", "Jan. ", "three ", "next ", "Monday", "2006-07", "1,999"],
]
NEWSY = st.lists(st.sampled_from(PIECES), max_size=25).map("".join)
TEXT = st.one_of(st.text(max_size=200), NEWSY)
DATES = st.one_of(st.none(), st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 12, 31)))


@SETTINGS
@given(text=TEXT, published=DATES)
@example(text="31 February 2007", published=None)
@example(text="May 25, 9999", published=date(2007, 5, 25))
def test_find_times_offsets_index_the_text(text: str, published: date | None) -> None:
    found = find_times(text, published)
    previous_end = 0
    for time in found:
        assert 0 <= time.start < time.end <= len(text)
        assert text[time.start : time.end] == time.text
        assert time.start >= previous_end  # in order, not overlapping
        previous_end = time.end
        assert time.precision is None or time.precision in PRECISIONS
        assert time.relation in RELATIONS
        if time.begin is not None and time.end_date is not None:
            assert time.begin <= time.end_date


@SETTINGS
@given(text=TEXT, published=DATES)
@example(text="  on Friday, ", published=date(2007, 5, 25))
def test_an_expression_read_alone_keeps_its_meaning(text: str, published: date | None) -> None:
    for value in find_times(text, published):
        (again,) = find_times(value.text, published)
        # Reading the expression proper, out of its sentence, gives the same meaning.
        assert (again.text, again.value, again.precision) == (
            value.text,
            value.value,
            value.precision,
        )


@SETTINGS
@given(value=st.one_of(st.text(max_size=40), st.integers(), st.floats(), st.none(), st.booleans()))
@example(value="2024-02-30")
@example(value="2024-03-04T10:00:00Z")
def test_published_dates_parse_or_refuse_with_a_message(value: object) -> None:
    try:
        parsed = _parse_date(value, "here")
    except ArticleError as error:
        assert "here" in str(error)
    else:
        assert parsed is None or isinstance(parsed, date)
        if isinstance(parsed, date):
            assert _parse_date(parsed.isoformat(), "here") == parsed


@SETTINGS
@given(
    record=st.dictionaries(
        st.sampled_from(["id", "text", "published", "title", "url"]),
        st.one_of(st.text(max_size=30), st.integers(), st.none()),
    )
)
def test_article_records_build_or_refuse_with_a_message(record: dict[str, object]) -> None:
    try:
        article = article_from_record(record, "rec")
    except ArticleError as error:
        assert str(error)
    else:
        assert article.text.strip()
        assert article.id == str(record["id"])


@SETTINGS
@given(word=st.text(max_size=20))
@example(word="1,000,000")
@example(word="١٢")  # Arabic-Indic digits: \d matches them
@example(word="12,34")
def test_count_words_parse_to_whole_numbers(word: str) -> None:
    if _NUMBER.match(word):
        value = int(word.replace(",", ""))
        assert value >= 0
        assert re.fullmatch(r"[\d,]+", word)


@SETTINGS
@given(name=st.text(max_size=60))
@example(name="The  Fatah al-Islam’s")
@example(name="ﬁ\u0301")
@example(name="0 \u0301")
def test_names_normalize_idempotently(name: str) -> None:
    cleaned = clean_name(name)
    assert clean_name(cleaned) == cleaned or cleaned.lower().startswith("the ")
    normal = normalize_name(name)
    # Idempotent up to spacing: a combining mark after a space leaves that space behind
    # ("0 \u0301" gives "0 "), which a second pass strips.
    assert normalize_name(normal) == " ".join(normal.split()) or normal.startswith("the ")
    slug = name_slug(name)
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*|unnamed", slug), slug
    assert name_slug(slug) == slug
    assert resolution_key("person", name) == f"person/{slug}"


@SETTINGS
@given(name=st.text(max_size=60))
def test_article_slugs_are_safe_ids(name: str) -> None:
    slug = slug_id(name)
    assert 1 <= len(slug) <= 200
    assert re.fullmatch(r"[A-Za-z0-9._~-]+", slug)


@SETTINGS
@given(key=st.text(max_size=60))
@example(key="place/a>b c")
@example(key="person/")
def test_entity_ids_become_iris_or_refuse(key: str) -> None:
    iris = IRIs()
    try:
        iri = iris.entity_id(key)
    except ValueError as error:
        assert "type/slug" in str(error)
        return
    entity_type, _, slug = key.strip().partition("/")
    assert entity_type in ENTITY_TYPES and slug
    assert iri.startswith(iris.base + "entity/")
    # Nothing that would end or break an IRI in SPARQL or N-Triples survives unquoted.
    assert not re.search(r"[\s<>\"{}|^`\\]", iri), iri
    assert iri.removeprefix(iris.base + "entity/").count("/") == 1


@pytest.mark.parametrize("key", ["weapon/x", "place", "/lebanon", ""])
def test_entity_ids_without_a_known_type_are_refused(key: str) -> None:
    with pytest.raises(ValueError):
        IRIs().entity_id(key)
