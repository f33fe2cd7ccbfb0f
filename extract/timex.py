"""Time expressions in news text: finding them and resolving them against the article's publication date."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache

from newsgraph.extract.lexicons import TimeWords, phrase_key, time_words

PRECISIONS = ("day", "week", "month", "season", "year")
RELATIONS = ("past", "present", "future", "unknown")


@dataclass(frozen=True)
class TimeValue:
    """A time expression and what it means.

    `start`/`end` index the text it was found in (end exclusive). `value` is an ISO 8601 /
    TimeML value: "2007-05-25" (day), "2007-W21" (week), "2007-W21-WE" (a weekend, precision
    week), "2007-05" (month), "2006-SU" (season), "2007" (year); None when the expression
    cannot be pinned to a calendar period. `begin`/`end_date` are the inclusive interval the
    value covers; a span that ends at publication ("the past month") has no single calendar
    value, so it keeps `value` None but still carries its interval. `relation` places the
    expression before, around or after the publication date.
    """

    text: str
    start: int
    end: int
    value: str | None
    precision: str | None
    begin: date | None
    end_date: date | None
    relation: str


@dataclass(frozen=True)
class _Reading:
    """What a matched expression means; `relation` is the word-level hint used when unresolved."""

    value: str | None = None
    precision: str | None = None
    begin: date | None = None
    end: date | None = None
    relation: str = "unknown"


Reader = Callable[[re.Match[str], date | None, TimeWords], _Reading | None]


@dataclass(frozen=True)
class _Rule:
    """One form of time expression: its pattern (the expression is group `t`) and its reader."""

    name: str
    pattern: re.Pattern[str]
    read: Reader
    # A bare year or month name is a date only after a preposition such as "in" or "since",
    # a modifier ("early 2007") or a deictic word ("last March"); otherwise "2000" is a count.
    needs_trigger: bool = False
    # A weekday can be part of a name ("Good Friday", "Sunday school") rather than a day.
    checks_weekday_name: bool = False
    # A part every match holds (its month name, its year): a text without it is not scanned.
    anchor: re.Pattern[str] | None = None


# A time of day with its half of the day: "2:30 a.m.", "4:40 p.m.", "3 p.m.", "9.35am", and
# as tokenized text writes them, "1 : 30 a . m .".
_MERIDIEM = r"[ap]\s*\.?\s*m\b\.?"
_CLOCK = (
    r"(?<![\d.:])(?:1[0-2]|0?[1-9])"
    r"(?:\s*[:.]\s*[0-5]\d\s*(?:[ap]\s*\.\s*m\s*\.|[ap]m\b)"  # "2:30 a.m.", "9 . 35am"
    r"|\s*[ap]\s*\.\s*m\s*\.|am\b|\s*pm\b)"  # "3 p.m.", "9am", "5 pm" (not "12 am I")
)
# What may stand between a time of day and the day it is on: "4:40 p.m. Saturday",
# "12:45 p.m. on Thursday", "Saturday at 4:40 p.m.", "Jan. 6, at 9 a.m.".
_CLOCK_WHOLE = re.compile(_CLOCK, re.IGNORECASE)
_CLOCK_AND_DAY = re.compile(r"\s*(?:,\s*)?(?:(?:on|at)\s+)?")
_WORD_AFTER = re.compile(r"\s+([A-Za-z]+)")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s+$")
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:1[89]\d\d|20\d\d)(?!\d)"
_START = r"(?<![\w$£€])"
# "May 25-27" and "2006-07" are ranges, "2006.5" and "1,999" are numbers: none ends here.
_END = r"(?!\w|[.,]\d|-\d)"


def find_times(text: str, published: date | None) -> list[TimeValue]:
    """Time expressions in running text, in order, non-overlapping, longest match first.

    Offsets index `text` exactly (`text[t.start:t.end] == t.text`); a preposition before an
    expression is not part of it ("By Friday" → "Friday"), following TimeML.
    """
    words = time_words()
    candidates: list[tuple[int, int, int, re.Match[str], _Reading]] = []
    # Whether the text holds each anchor: several rules share one (the month names).
    anchored: dict[re.Pattern[str], bool] = {}
    for priority, rule in enumerate(_grammar()):
        if rule.anchor is not None:
            if rule.anchor not in anchored:
                anchored[rule.anchor] = rule.anchor.search(text) is not None
            if not anchored[rule.anchor]:
                continue
        for match in rule.pattern.finditer(text):
            start, end = match.span("t")
            if rule.needs_trigger and not _has_trigger(match, words):
                continue
            if rule.checks_weekday_name and _is_in_name(text, start, end, words):
                continue
            reading = rule.read(match, published, words)
            if reading is not None:
                candidates.append((start, end, priority, match, reading))
    candidates.sort(key=lambda c: (c[0] - c[1], c[0], c[2]))
    chosen: list[TimeValue] = []
    for start, end, _, match, reading in candidates:
        if any(start < other.end and other.start < end for other in chosen):
            continue
        chosen.append(_time_value(text, start, end, match, reading, published, words))
    return _days_with_their_hours(text, sorted(chosen, key=lambda t: t.start))


def _days_with_their_hours(text: str, times: list[TimeValue]) -> list[TimeValue]:
    """A time of day written next to its day is one expression with the day's value: "4:40
    p.m. Saturday", "12:45 p.m. on Thursday", "Saturday at 4:40 p.m."."""
    joined: list[TimeValue] = []
    for time in times:
        before = joined[-1] if joined else None
        if (
            before is not None
            and _clock(before) != _clock(time)
            and _CLOCK_AND_DAY.fullmatch(text, before.end, time.start)
        ):
            day = time if _clock(before) else before
            joined[-1] = replace(
                day, text=text[before.start : time.end], start=before.start, end=time.end
            )
            continue
        joined.append(time)
    return joined


def _clock(time: TimeValue) -> bool:
    """Whether a time expression is a time of day."""
    return time.value is None and _CLOCK_WHOLE.fullmatch(time.text) is not None


# --- building the grammar -------------------------------------------------------------------


def _alternation(phrases: Iterable[str], capitalized: bool = False) -> str:
    """A regex group matching any phrase as whole words; longest first so none hides another.

    It opens with a look at the next character, which must begin one of the phrases: most
    words of a text are turned away by that one test instead of by every phrase in turn
    (under IGNORECASE, Python's engine tries each branch of an alternation).
    """
    parts = []
    firsts = set()
    for phrase in sorted(set(phrases), key=len, reverse=True):
        pattern = r"\s+".join(re.escape(word) for word in phrase.split())
        if capitalized:
            # Names of months and days are capitalized in prose; this keeps "they may leave"
            # and "march on the capital" out while the rest of the pattern ignores case.
            pattern = f"(?-i:{re.escape(phrase[0].upper())}){pattern[1:]}"
            firsts.add(phrase[0].upper())
        else:
            firsts.add(phrase[0])
        parts.append(pattern)
    first = "".join(sorted(re.escape(char) for char in firsts))
    look = f"(?-i:(?=[{first}]))" if capitalized else f"(?=[{first}])"
    return look + r"(?:" + "|".join(parts) + r")\b"


@cache
def _grammar() -> tuple[_Rule, ...]:
    """The rules in priority order."""
    w = time_words()
    month_full = _alternation(w.months, capitalized=True)
    month_abbr = _alternation(w.month_abbreviations, capitalized=True)
    # "Jan. 6", and as tokenized text writes it, "Jan . 6".
    month_any = rf"(?:{month_full}|{month_abbr}(?:\s?\.)?)"
    weekday = _alternation(w.weekdays, capitalized=True)
    season = _alternation(w.seasons)
    part = _alternation(w.parts_of_day)
    numbers = [_alternation(w.numbers), _alternation(w.vague_numbers), r"\d{1,3}"]
    count = "(?:" + "|".join(numbers) + ")"
    unit = _alternation(w.units)
    deixis = _alternation(w.deixis)
    prep = rf"(?:(?P<prep>{_alternation(w.prepositions)})\s+)?"
    mod = rf"(?:(?P<mod>{_alternation(w.modifiers)})(?:\s*-\s*|\s+))?"
    day_word = _alternation(w.day_words)
    approx = _alternation(w.approximators)
    vague = _alternation(w.vague)
    lead = rf"(?:(?P<wd>{weekday}),?\s+)?"
    year = rf"(?P<y>{_YEAR})"
    month_day = rf"(?P<mon>{month_any})\s+(?P<d>{_DAY})"
    day_month = rf"(?:the\s+)?(?P<d>{_DAY})(?:\s+of)?\s+(?P<mon>{month_any})"
    weekday_part = rf"(?P<wd>{weekday})(?:\s+(?P<part>{part}))?"
    deictic_unit = rf"(?:(?P<unit>week|weekend|month|year)\b|(?P<season>{season})|{weekday_part})"

    anchors: dict[str, re.Pattern[str]] = {}

    def rule(
        name: str,
        core: str,
        read: Reader,
        trigger: bool = False,
        name_check: bool = False,
        *,
        anchor: str,
    ) -> _Rule:
        """`anchor` is a part of `core` that every match holds, written the same way."""
        pattern = re.compile(rf"{_START}{prep}(?P<t>{core}){_END}", re.IGNORECASE)
        if anchor not in anchors:
            anchors[anchor] = re.compile(anchor, re.IGNORECASE)
        return _Rule(name, pattern, read, trigger, name_check, anchors[anchor])

    iso = r"\d{4}-\d\d-\d\d"
    the_weekend = r"the\s+weekend\b"
    ago = r"\s+ago\b"
    the_past = r"the\s+(?:past|last)\s+"
    return (
        rule(
            "iso_date",
            r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?![\d-])",
            _read_iso,
            anchor=iso,
        ),
        rule(
            "month_day_year",
            rf"{lead}{month_day}(?:,\s*|\s+){year}",
            _read_full_date,
            anchor=month_any,
        ),
        rule("day_month_year", rf"{lead}{day_month},?\s+{year}", _read_full_date, anchor=month_any),
        rule(
            "month_year",
            rf"{mod}(?P<mon>{month_any})(?:\s+of)?,?\s+{year}",
            _read_month_year,
            anchor=month_any,
        ),
        rule(
            "season_year",
            rf"{mod}(?:the\s+)?(?P<season>{season})(?:\s+of)?\s+{year}",
            _read_season_year,
            anchor=season,
        ),
        rule("month_day", rf"{lead}{month_day}", _read_month_day, anchor=month_any),
        rule("day_month", rf"{lead}{day_month}", _read_month_day, anchor=month_any),
        rule("year", rf"{mod}{year}", _read_year, trigger=True, anchor=_YEAR),
        rule(
            "month",
            rf"{mod}(?:(?P<deixis>{deixis})\s+)?(?P<mon>{month_full})",
            _read_month,
            trigger=True,
            anchor=month_full,
        ),
        rule(
            "deictic",
            rf"{mod}(?P<deixis>{deixis})\s+{deictic_unit}",
            _read_deictic,
            name_check=True,
            anchor=deixis,
        ),
        rule("weekend", rf"{mod}{the_weekend}", _read_weekend, anchor=the_weekend),
        rule("weekday", rf"{mod}{weekday_part}", _read_weekday, name_check=True, anchor=weekday),
        rule(
            "day_word",
            rf"{mod}(?P<dayword>{day_word})(?:\s+(?P<part>{part}))?",
            _read_day_word,
            anchor=day_word,
        ),
        rule(
            "ago",
            rf"(?:{approx}\s+)?(?P<count>{count})\s+(?P<unit>{unit}){ago}",
            _read_ago,
            anchor=ago,
        ),
        # "the last day of Ramadan" is a day of something else, not a span up to publication.
        rule(
            "span",
            rf"{the_past}(?:(?P<count>{count})\s+)?(?P<unit>{unit})(?!\s+of\b)",
            _read_span,
            anchor=the_past,
        ),
        rule("vague", rf"(?P<vague>{vague})", _read_vague, anchor=vague),
        rule("clock", _CLOCK, _read_clock, anchor=_MERIDIEM),
    )


def _has_trigger(match: re.Match[str], words: TimeWords) -> bool:
    groups = match.groupdict()
    prep = groups.get("prep")
    return bool(
        (prep and phrase_key(prep) in words.triggers) or groups.get("mod") or groups.get("deixis")
    )


def _is_in_name(text: str, start: int, end: int, words: TimeWords) -> bool:
    after = _WORD_AFTER.match(text, end)
    if after and after.group(1).lower() in words.weekday_not_before:
        return True
    before = _WORD_BEFORE.search(text[max(0, start - 30) : start])
    return bool(before and before.group(1).lower() in words.weekday_not_after)


# --- calendar periods -----------------------------------------------------------------------


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _add_months(day: date, months: int) -> date:
    year, month0 = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


def _on_day(day: date) -> _Reading:
    return _Reading(day.isoformat(), "day", day, day)


def _in_week(day: date) -> _Reading:
    iso_year, iso_week, _ = day.isocalendar()
    monday = day - timedelta(days=day.weekday())
    return _Reading(f"{iso_year}-W{iso_week:02d}", "week", monday, monday + timedelta(days=6))


def _weekend_of(day: date) -> _Reading:
    week = _in_week(day)
    assert week.begin is not None
    saturday = week.begin + timedelta(days=5)
    return _Reading(f"{week.value}-WE", "week", saturday, saturday + timedelta(days=1))


def _in_month(year: int, month: int) -> _Reading:
    last = calendar.monthrange(year, month)[1]
    return _Reading(
        f"{year:04d}-{month:02d}", "month", date(year, month, 1), date(year, month, last)
    )


def _in_year(year: int) -> _Reading:
    return _Reading(f"{year:04d}", "year", date(year, 1, 1), date(year, 12, 31))


def _in_season(words: TimeWords, name: str, year: int) -> _Reading:
    # Meteorological seasons, three whole months each; winter `year` runs from December of
    # that year to February of the next ("2006-WI" is Dec 2006 - Feb 2007).
    code, first_month = words.seasons[phrase_key(name)]
    begin = date(year, first_month, 1)
    end = _add_months(begin, 3) - timedelta(days=1)
    return _Reading(f"{year:04d}-{code}", "season", begin, end)


def _distance(reading: _Reading, published: date) -> int:
    assert reading.begin is not None and reading.end is not None
    if reading.end < published:
        return (published - reading.end).days
    if reading.begin > published:
        return (reading.begin - published).days
    return 0


def _nearest(readings: Iterable[_Reading], published: date) -> _Reading | None:
    """The reading closest to publication; on a tie the earlier one, since news reports the past."""
    ranked = sorted(readings, key=lambda r: (_distance(r, published), r.begin or date.min))
    return ranked[0] if ranked else None


def _shift(day: date, unit: str, amount: int) -> date:
    if unit == "hour":
        return day + timedelta(hours=amount)
    if unit == "day":
        return day + timedelta(days=amount)
    if unit == "week":
        return day + timedelta(weeks=amount)
    if unit == "month":
        return _add_months(day, amount)
    return _add_months(day, amount * (120 if unit == "decade" else 12))


_DIRECTION_RELATION = {-1: "past", 0: "present", 1: "future"}


def _relation(reading: _Reading, published: date, modifier: str | None) -> str:
    assert reading.begin is not None and reading.end is not None
    if reading.end < published:
        return "past"
    if reading.begin > published:
        return "future"
    if modifier in ("past", "future"):
        return modifier
    third = (reading.end - reading.begin) / 3
    if modifier == "early" and published > reading.begin + third:
        return "past"
    if modifier == "late" and published < reading.end - third:
        return "future"
    if modifier == "middle":
        if published < reading.begin + third:
            return "future"
        if published > reading.end - third:
            return "past"
    return "present"


def _time_value(
    text: str,
    start: int,
    end: int,
    match: re.Match[str],
    reading: _Reading,
    published: date | None,
    words: TimeWords,
) -> TimeValue:
    relation = reading.relation
    if published is not None and reading.value is not None:
        mod = match.groupdict().get("mod")
        relation = _relation(reading, published, words.modifiers[phrase_key(mod)] if mod else None)
    return TimeValue(
        text=text[start:end],
        start=start,
        end=end,
        value=reading.value,
        precision=reading.precision,
        begin=reading.begin,
        end_date=reading.end,
        relation=relation,
    )


# --- readers: one per rule ------------------------------------------------------------------


def _day_number(text: str) -> int:
    return int(text.rstrip("stndrhSTNDRH"))


def _count(text: str | None, words: TimeWords) -> int | None:
    if text is None:
        return 1
    if text.isdigit():
        return int(text)
    return words.numbers.get(phrase_key(text))


def _read_iso(match: re.Match[str], published: date | None, words: TimeWords) -> _Reading | None:
    day = _safe_date(int(match["y"]), int(match["m"]), int(match["d"]))
    return _on_day(day) if day else None


def _read_full_date(
    match: re.Match[str], published: date | None, words: TimeWords
) -> _Reading | None:
    day = _safe_date(int(match["y"]), words.month(match["mon"]), _day_number(match["d"]))
    return _on_day(day) if day else None


def _read_month_day(
    match: re.Match[str], published: date | None, words: TimeWords
) -> _Reading | None:
    # Without a year, a date is the occurrence nearest to publication: "December 30" in a
    # January article is last December, "March 4" in a May article this March.
    month, day = words.month(match["mon"]), _day_number(match["d"])
    if published is None:
        return _Reading() if _safe_date(2000, month, day) else None
    days = (_safe_date(published.year + k, month, day) for k in (-1, 0, 1))
    return _nearest((_on_day(d) for d in days if d), published)


def _read_month_year(match: re.Match[str], published: date | None, words: TimeWords) -> _Reading:
    return _in_month(int(match["y"]), words.month(match["mon"]))


def _read_season_year(match: re.Match[str], published: date | None, words: TimeWords) -> _Reading:
    return _in_season(words, match["season"], int(match["y"]))


def _read_year(match: re.Match[str], published: date | None, words: TimeWords) -> _Reading:
    return _in_year(int(match["y"]))


def _read_month(match: re.Match[str], published: date | None, words: TimeWords) -> _Reading:
    month = words.month(match["mon"])
    direction = words.deixis[phrase_key(match["deixis"])] if match["deixis"] else None
    if published is None:
        return _Reading(relation="unknown" if direction is None else _DIRECTION_RELATION[direction])
    if direction is None:
        nearest = _nearest((_in_month(published.year + k, month) for k in (-1, 0, 1)), published)
        assert nearest is not None
        return nearest
    year = published.year
    if direction < 0 and month >= published.month:
        year -= 1
    elif direction > 0 and month <= published.month:
        year += 1
    return _in_month(year, month)


def _season_near(words: TimeWords, name: str, published: date, direction: int) -> _Reading:
    """Last: the latest such season over by publication; next: the first to begin after it;
    this: the one under way, else the nearer of the one just over and the one to come."""
    first_month = words.seasons[phrase_key(name)][1]
    year = published.year if published.month >= first_month else published.year - 1
    latest_begun = _in_season(words, name, year)
    assert latest_begun.end is not None
    if direction < 0:
        return latest_begun if latest_begun.end < published else _in_season(words, name, year - 1)
    coming = _in_season(words, name, year + 1)
    if direction > 0:
        return coming
    if latest_begun.end >= published:
        return latest_begun
    nearest = _nearest((latest_begun, coming), published)
    assert nearest is not None
    return nearest


def _read_deictic(match: re.Match[str], published: date | None, words: TimeWords) -> _Reading:
    direction = words.deixis[phrase_key(match["deixis"])]
    if published is None:
        return _Reading(relation=_DIRECTION_RELATION[direction])
    unit = match["unit"] and match["unit"].lower()
    if unit == "week":
        return _in_week(published + timedelta(weeks=direction))
    if unit == "weekend":
        return _weekend_of(published + timedelta(weeks=direction))
    if unit == "month":
        shifted = _add_months(published, direction)
        return _in_month(shifted.year, shifted.month)
    if unit == "year":
        return _in_year(published.year + direction)
    if match["season"]:
        return _season_near(words, match["season"], published, direction)
    weekday = words.weekdays[phrase_key(match["wd"])]
    # Last: the latest such day before publication; next: the first after it; this: the one
    # in the publication's (ISO, Monday-first) week.
    if direction < 0:
        return _on_day(published - timedelta(days=(published.weekday() - weekday - 1) % 7 + 1))
    if direction > 0:
        return _on_day(published + timedelta(days=(weekday - published.weekday() - 1) % 7 + 1))
    return _on_day(published + timedelta(days=weekday - published.weekday()))


def _read_weekend(match: re.Match[str], published: date | None, words: TimeWords) -> _Reading:
    # "Over the weekend" in a report is the latest weekend begun by publication.
    if published is None:
        return _Reading(relation="past")
    return _weekend_of(published if published.weekday() >= 5 else published - timedelta(weeks=1))


def _read_weekday(match: re.Match[str], published: date | None, words: TimeWords) -> _Reading:
    # News convention: a bare weekday in a report is the latest such day on or before the
    # publication date ("Friday" in a Monday paper is three days earlier).
    if published is None:
        return _Reading(relation="past")
    weekday = words.weekdays[phrase_key(match["wd"])]
    return _on_day(published - timedelta(days=(published.weekday() - weekday) % 7))


def _read_day_word(match: re.Match[str], published: date | None, words: TimeWords) -> _Reading:
    offset = words.day_words[phrase_key(match["dayword"])]
    if published is None:
        return _Reading(relation=_DIRECTION_RELATION[(offset > 0) - (offset < 0)])
    return _on_day(published + timedelta(days=offset))


def _read_ago(match: re.Match[str], published: date | None, words: TimeWords) -> _Reading:
    # The value has the precision of the unit counted: "three weeks ago" is a week.
    amount = _count(match["count"], words)
    if published is None or amount is None:
        return _Reading(relation="past")
    unit = words.units[match["unit"].lower()]
    then = _shift(published, unit, -amount)
    if unit in ("hour", "day"):
        return _on_day(then)
    if unit == "week":
        return _in_week(then)
    if unit == "month":
        return _in_month(then.year, then.month)
    return _in_year(then.year)


def _read_span(match: re.Match[str], published: date | None, words: TimeWords) -> _Reading:
    amount = _count(match["count"], words)
    if published is None or amount is None:
        return _Reading(relation="past")
    unit = words.units[match["unit"].lower()]
    return _Reading(begin=_shift(published, unit, -amount), end=published, relation="past")


def _read_clock(match: re.Match[str], published: date | None, words: TimeWords) -> _Reading:
    # A time of day says nothing of its day: no value of its own (a day written next to it
    # gives it one, in `find_times`).
    return _Reading()


def _read_vague(match: re.Match[str], published: date | None, words: TimeWords) -> _Reading:
    # "Recently" says only that it happened before publication: no value, no interval.
    return _Reading(relation=words.vague[phrase_key(match["vague"])])
