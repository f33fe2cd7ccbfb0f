"""Time expressions are found with exact offsets and resolved against the publication date."""

import re
from datetime import date, timedelta

import pytest

from newsgraph.extract.resources import ARTICLES_DIR
from newsgraph.extract.timex import PRECISIONS, RELATIONS, TimeValue, find_times

# A Monday: Friday is 2007-05-25, the ISO week is 2007-W22, the season spring.
PUBLISHED = date(2007, 5, 28)


def resolve(text: str, published: date | None) -> TimeValue | None:
    """The one time expression read in `text`, or None: what extraction reads in a sentence
    that holds just this expression."""
    found = find_times(text, published)
    assert len(found) <= 1, found
    return found[0] if found else None


# text, value, precision, relation — all against PUBLISHED.
RESOLVED = [
    # explicit dates
    ("May 25, 2007", "2007-05-25", "day", "past"),
    ("25 May 2007", "2007-05-25", "day", "past"),
    ("2007-05-25", "2007-05-25", "day", "past"),
    ("Friday, May 25, 2007", "2007-05-25", "day", "past"),
    ("the 25th of May 2007", "2007-05-25", "day", "past"),
    ("Aug. 5, 2006", "2006-08-05", "day", "past"),
    ("May 2007", "2007-05", "month", "present"),
    ("in 2006", "2006", "year", "past"),
    ("the summer of 2006", "2006-SU", "season", "past"),
    ("early 2007", "2007", "year", "past"),
    # dates without a year: the occurrence nearest publication
    ("March 4", "2007-03-04", "day", "past"),
    ("December 30", "2006-12-30", "day", "past"),
    ("in March", "2007-03", "month", "past"),
    ("mid-May", "2007-05", "month", "past"),
    ("last May", "2006-05", "month", "past"),
    # weekdays: bare ones are the latest such day on or before publication
    ("Friday", "2007-05-25", "day", "past"),
    ("on Friday", "2007-05-25", "day", "past"),
    ("Friday\u2019s", "2007-05-25", "day", "past"),
    ("Friday night", "2007-05-25", "day", "past"),
    ("Monday", "2007-05-28", "day", "present"),
    ("last Friday", "2007-05-25", "day", "past"),
    ("last Monday", "2007-05-21", "day", "past"),
    ("next Monday", "2007-06-04", "day", "future"),
    ("this Friday", "2007-06-01", "day", "future"),
    # days
    ("today", "2007-05-28", "day", "present"),
    ("earlier today", "2007-05-28", "day", "past"),
    ("yesterday", "2007-05-27", "day", "past"),
    ("tomorrow", "2007-05-29", "day", "future"),
    ("last night", "2007-05-27", "day", "past"),
    ("the day before yesterday", "2007-05-26", "day", "past"),
    # weeks
    ("this week", "2007-W22", "week", "present"),
    ("earlier this week", "2007-W22", "week", "past"),
    ("last week", "2007-W21", "week", "past"),
    ("LAST WEEK", "2007-W21", "week", "past"),
    ("next week", "2007-W23", "week", "future"),
    ("over the weekend", "2007-W21-WE", "week", "past"),
    ("last weekend", "2007-W21-WE", "week", "past"),
    # months
    ("this month", "2007-05", "month", "present"),
    ("earlier this month", "2007-05", "month", "past"),
    ("last month", "2007-04", "month", "past"),
    ("next month", "2007-06", "month", "future"),
    # years
    ("this year", "2007", "year", "present"),
    ("earlier this year", "2007", "year", "past"),
    ("last year", "2006", "year", "past"),
    ("late last year", "2006", "year", "past"),
    ("next year", "2008", "year", "future"),
    # seasons: meteorological, northern hemisphere
    ("last summer", "2006-SU", "season", "past"),
    ("this spring", "2007-SP", "season", "present"),
    ("last spring", "2006-SP", "season", "past"),
    ("last winter", "2006-WI", "season", "past"),
    ("next summer", "2007-SU", "season", "future"),
    # counted back from publication, at the precision of the unit
    ("two days ago", "2007-05-26", "day", "past"),
    ("about 10 days ago", "2007-05-18", "day", "past"),
    ("three weeks ago", "2007-W19", "week", "past"),
    ("a month ago", "2007-04", "month", "past"),
    ("a year ago", "2006", "year", "past"),
    # no single calendar value
    ("recently", None, None, "past"),
    ("in recent weeks", None, None, "past"),
    ("a few days ago", None, None, "past"),
    ("in the past month", None, None, "past"),
    ("the coming days", None, None, "future"),
]


@pytest.mark.parametrize(("text", "value", "precision", "relation"), RESOLVED)
def test_resolve_against_publication_date(
    text: str, value: str | None, precision: str | None, relation: str
) -> None:
    resolved = resolve(text, PUBLISHED)
    assert resolved is not None
    assert (resolved.value, resolved.precision, resolved.relation) == (value, precision, relation)
    assert text[resolved.start : resolved.end] == resolved.text
    assert resolved.precision in (*PRECISIONS, None)
    assert resolved.relation in RELATIONS
    if resolved.begin is not None:
        assert resolved.end_date is not None
        assert resolved.begin <= resolved.end_date
    # "Earlier this month" is past though its month is not over: only the start is bounded.
    if relation == "past" and resolved.begin is not None:
        assert resolved.begin <= PUBLISHED
    if relation == "future" and resolved.end_date is not None:
        assert resolved.end_date > PUBLISHED


def test_intervals_cover_the_value() -> None:
    def interval(text: str) -> tuple[date | None, date | None]:
        resolved = resolve(text, PUBLISHED)
        assert resolved is not None
        return resolved.begin, resolved.end_date

    assert interval("last week") == (date(2007, 5, 21), date(2007, 5, 27))
    assert interval("over the weekend") == (date(2007, 5, 26), date(2007, 5, 27))
    assert interval("last summer") == (date(2006, 6, 1), date(2006, 8, 31))
    assert interval("last winter") == (date(2006, 12, 1), date(2007, 2, 28))
    assert interval("last month") == (date(2007, 4, 1), date(2007, 4, 30))
    assert interval("last year") == (date(2006, 1, 1), date(2006, 12, 31))
    assert interval("in the past month") == (date(2007, 4, 28), PUBLISHED)
    assert interval("recently") == (None, None)


def test_resolve_locates_the_expression_inside_its_text() -> None:
    resolved = resolve("on Friday,", PUBLISHED)
    assert resolved == TimeValue(
        text="Friday",
        start=3,
        end=9,
        value="2007-05-25",
        precision="day",
        begin=date(2007, 5, 25),
        end_date=date(2007, 5, 25),
        relation="past",
    )


@pytest.mark.parametrize("text", ["banana", "the army", "they may leave", "February 30", ""])
def test_resolve_rejects_what_is_not_a_time(text: str) -> None:
    assert resolve(text, PUBLISHED) is None


@pytest.mark.parametrize(
    ("text", "relation"),
    [("last week", "past"), ("Friday", "past"), ("next month", "future"), ("today", "present")],
)
def test_relative_expressions_are_unresolved_without_publication_date(
    text: str, relation: str
) -> None:
    resolved = resolve(text, None)
    assert resolved is not None
    assert resolved.text == text
    assert (resolved.value, resolved.begin, resolved.end_date) == (None, None, None)
    assert resolved.relation == relation


def test_explicit_dates_resolve_without_publication_date() -> None:
    full = resolve("May 25, 2007", None)
    assert full is not None
    assert (full.value, full.relation) == ("2007-05-25", "unknown")
    no_year = resolve("March 4", None)
    assert no_year is not None
    assert no_year.value is None


@pytest.mark.parametrize(
    ("text", "published", "value", "end_date"),
    [
        # year boundaries
        ("last week", date(2007, 1, 2), "2006-W52", date(2006, 12, 31)),
        ("last week", date(2005, 1, 5), "2004-W53", date(2005, 1, 2)),
        ("this week", date(2008, 12, 30), "2009-W01", date(2009, 1, 4)),
        ("last month", date(2007, 1, 15), "2006-12", date(2006, 12, 31)),
        ("last year", date(2007, 1, 2), "2006", date(2006, 12, 31)),
        ("yesterday", date(2007, 1, 1), "2006-12-31", date(2006, 12, 31)),
        ("December 30", date(2007, 1, 2), "2006-12-30", date(2006, 12, 30)),
        ("March 4", date(2007, 1, 2), "2007-03-04", date(2007, 3, 4)),
        ("in December", date(2007, 1, 2), "2006-12", date(2006, 12, 31)),
        # leap years
        ("last month", date(2008, 3, 31), "2008-02", date(2008, 2, 29)),
        ("a month ago", date(2008, 3, 31), "2008-02", date(2008, 2, 29)),
        ("two days ago", date(2008, 3, 1), "2008-02-28", date(2008, 2, 28)),
        ("last winter", date(2008, 5, 1), "2007-WI", date(2008, 2, 29)),
        ("a year ago", date(2008, 2, 29), "2007", date(2007, 12, 31)),
        # seasons around their own time of year
        ("last summer", date(2007, 10, 15), "2007-SU", date(2007, 8, 31)),
        ("this winter", date(2007, 1, 15), "2006-WI", date(2007, 2, 28)),
        ("last winter", date(2007, 1, 15), "2005-WI", date(2006, 2, 28)),
    ],
)
def test_resolution_across_calendar_boundaries(
    text: str, published: date, value: str, end_date: date
) -> None:
    resolved = resolve(text, published)
    assert resolved is not None
    assert (resolved.value, resolved.end_date) == (value, end_date)


def test_past_and_future_expressions_fall_on_their_side_of_any_publication_date() -> None:
    before = ["last Friday", "yesterday", "last night", "last week", "last weekend", "last month"]
    before += ["last year", "last summer", "last winter", "two days ago", "three weeks ago"]
    before += ["a month ago", "a year ago", "last March", "late last year"]
    on_or_before = ["Friday", "in the past month", "earlier this week", "earlier this month"]
    after = ["tomorrow", "next Monday", "next week", "next month", "next year", "next summer"]
    published = date(2004, 1, 1)
    while published < date(2010, 1, 1):
        for text in before + on_or_before + after:
            resolved = resolve(text, published)
            assert resolved is not None and resolved.begin and resolved.end_date, text
            assert resolved.begin <= resolved.end_date, (text, published)
            if text in before:
                assert resolved.end_date < published, (text, published)
            if text in on_or_before:
                assert resolved.begin <= published, (text, published)
            if text in before:
                assert resolved.relation == "past", (text, published)
            if text in on_or_before:
                # "Friday" in a Friday paper is the publication day itself.
                assert resolved.relation in ("past", "present"), (text, published)
            if text in after:
                assert published < resolved.begin, (text, published)
                assert resolved.relation == "future", (text, published)
        published += timedelta(days=13)


def _found(sentence: str, published: date | None = PUBLISHED) -> list[tuple[str, str | None]]:
    times = find_times(sentence, published)
    for time in times:
        assert sentence[time.start : time.end] == time.text
    return [(time.text, time.value) for time in times]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Last week, the Lebanese Army found itself in a furious battle",
            [("Last week", "2007-W21")],
        ),
        (
            "By Friday, the first of eight planeloads had arrived",
            [("Friday", "2007-05-25")],
        ),
        ("who was killed last summer", [("last summer", "2006-SU")]),
        ("In an interview earlier this month", [("earlier this month", "2007-05")]),
        ("Saudis recently arrested 172", [("recently", None)]),
        ("It was signed on May 25, 2007, in Beirut.", [("May 25, 2007", "2007-05-25")]),
        ("Fighting began in May 2007 and in 2006.", [("May 2007", "2007-05"), ("2006", "2006")]),
        (
            "He left two days ago and returns next Monday.",
            [("two days ago", "2007-05-26"), ("next Monday", "2007-06-04")],
        ),
        ("Prices rose over the past two weeks.", [("the past two weeks", None)]),
        (
            "Last year\u2019s election was held on Sunday morning.",
            [("Last year", "2006"), ("Sunday morning", "2007-05-27")],
        ),
        (
            "The camp was shelled from late last year until mid-May.",
            [("late last year", "2006"), ("mid-May", "2007-05")],
        ),
        (
            "On Aug. 5 and on 25 May the\ncamp was  quiet.",
            [("Aug. 5", "2007-08-05"), ("25 May", "2007-05-25")],
        ),
    ],
)
def test_find_times_with_exact_offsets(
    sentence: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _found(sentence) == expected


def test_find_times_offsets_in_a_sentence() -> None:
    sentence = "By Friday, the first of eight planeloads had arrived"
    [friday] = find_times(sentence, PUBLISHED)
    assert (friday.start, friday.end) == (3, 9)


@pytest.mark.parametrize(
    "sentence",
    [
        "They may leave the camp.",
        "Protesters march on the capital.",
        "March on the capital, they said.",
        "A second Sunday school was opened.",
        "The Sunday Times reported it.",
        "Crowds gathered on Good Friday.",
        "The mayor said 2000 soldiers were deployed.",
        "Mayor Rifi spoke.",
        "They pray on Fridays.",
        "Theresa May said so.",
        "It was the last day of the offensive.",
        "A spring in the desert; the fall of Baghdad.",
    ],
)
def test_find_times_ignores_words_that_are_not_times(sentence: str) -> None:
    assert _found(sentence) == []


def test_find_times_without_publication_date_keeps_text() -> None:
    assert _found("Last week, and on May 25, 2007.", None) == [
        ("Last week", None),
        ("May 25, 2007", "2007-05-25"),
    ]


def test_find_times_reads_the_bundled_article() -> None:
    text = (ARTICLES_DIR / "000_4c15246a69764410.txt").read_text(encoding="utf-8")
    assert _found(text) == [
        ("Last week", "2007-W21"),
        ("Friday", "2007-05-25"),
        ("last summer", "2006-SU"),
        ("earlier this month", "2007-05"),
        ("Friday", "2007-05-25"),
        ("recently", None),
    ]


@pytest.mark.parametrize(
    "text, found",
    [
        ("The car was stopped just after 2:30 a.m. on the highway.", "2:30 a.m."),
        ("He was going west about 1 : 30 a . m . , the officer said.", "1 : 30 a . m ."),
        ("Jenkin was arrested at around 9.35am at the pier.", "9.35am"),
        ("There were three other explosions at 3 p . m . local time.", "3 p . m ."),
        ("The rally starts at 5 pm outside the hall.", "5 pm"),
    ],
)
def test_a_time_of_day_is_a_time_with_no_day_of_its_own(text: str, found: str) -> None:
    (time,) = find_times(text, PUBLISHED)
    assert time.text == found and text[time.start : time.end] == found
    assert time.value is None and time.precision is None


@pytest.mark.parametrize(
    "text, found, value",
    [
        ("He was seen at 4:40 p.m. Saturday in the park.", "4:40 p.m. Saturday", "2007-05-26"),
        ("It was posted at 12:45 p.m. on Thursday.", "12:45 p.m. on Thursday", "2007-05-24"),
        ("Police came on Friday at 9 a.m. with a warrant.", "Friday at 9 a.m.", "2007-05-25"),
        ("He was arrested early Jan . 6 near the pier.", "Jan . 6", "2007-01-06"),
    ],
)
def test_a_time_of_day_next_to_its_day_is_one_expression_of_that_day(
    text: str, found: str, value: str
) -> None:
    (time,) = find_times(text, PUBLISHED)
    assert (time.text, time.value, time.precision) == (found, value, "day")
    assert text[time.start : time.end] == found


@pytest.mark.parametrize("text", ["He was 12 am I right", "version 2.5 pm", "scored 3 points"])
def test_a_number_before_am_or_pm_as_words_is_no_time(text: str) -> None:
    assert find_times(text, PUBLISHED) == []


def test_every_time_word_gets_past_the_look_at_its_first_character() -> None:
    """Each alternation opens with a look at the next character: a phrase whose first
    character the look leaves out would never be read (capitalized in prose, any case else)."""
    from newsgraph.extract.lexicons import time_words
    from newsgraph.extract.timex import _alternation

    words = time_words()
    capitalized = [words.months, words.month_abbreviations, words.weekdays]
    others = [words.seasons, words.parts_of_day, words.numbers, words.units, words.deixis]
    others += [words.prepositions, words.modifiers, words.day_words, words.vague]
    for phrases in capitalized:
        pattern = re.compile(_alternation(phrases, capitalized=True), re.IGNORECASE)
        for phrase in phrases:
            assert pattern.fullmatch(phrase[0].upper() + phrase[1:]), phrase
            assert not pattern.fullmatch(phrase.lower()) or not phrase[0].isalpha(), phrase
    for phrases in others:
        pattern = re.compile(_alternation(phrases), re.IGNORECASE)
        for phrase in phrases:
            assert pattern.fullmatch(phrase) and pattern.fullmatch(phrase.upper()), phrase
