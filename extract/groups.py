"""Nationalities acting as groups: "Saudis arrested ...", "Syrian government forces", "Saudi
authorities" become organization mentions; adjectival demonyms give nationalities."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from newsgraph.extract.extraction import Entity, Mention, Relation
from newsgraph.extract.gazetteer import Demonym, Gazetteer, default_gazetteer
from newsgraph.extract.lexicons import leading_offices, national_heads
from newsgraph.extract.names import name_slug
from newsgraph.extract.spans import doc_text, sentence_numbers

_ACTOR_DEPS = {"nsubj", "nsubj:pass", "obj", "obl:agent", "conj", "appos", "nmod"}


def national_group_mentions(
    doc: Doc, taken: list[Mention], gazetteer: Gazetteer | None = None
) -> list[Mention]:
    """Organization mentions for nationalities acting as groups, where NER left them out."""
    gazetteer = gazetteer or default_gazetteer()
    covered = {i for m in taken for i in range(m.start, m.end)}
    heads = national_heads()
    sentence_of = sentence_numbers(doc)
    found: list[Mention] = []
    for first, last, demonym in demonym_spans(doc, gazetteer):
        if doc[first].idx in covered:
            continue
        span = _national_actor(doc[first:last], demonym, heads)
        if span is None:
            continue
        start, end, subtype = span
        actor = doc[start:end]
        if any(i in covered for i in range(actor.start_char, actor.end_char)):
            continue
        found.append(
            Mention.of_span(
                actor,
                "organization",
                sentence_of[first],
                label="DEMONYM",
                confidence=0.7,
                subtype=subtype,
            )
        )
    return found


# The last document's demonyms (the document, its length, the gazetteer, the spans): the
# national groups, the demonyms' places, linking and the events each read them, in turn, off
# the same document.
_last_demonyms: tuple[Doc, int, Gazetteer, tuple[tuple[int, int, Demonym], ...]] | None = None


def demonym_spans(doc: Doc, gazetteer: Gazetteer) -> tuple[tuple[int, int, Demonym], ...]:
    """The document's demonyms as token ranges, each read as the longest demonym it opens:
    "South Korean" is one, and its "Korean" no other; "Sri Lankan" is one, where each word
    alone is none."""
    global _last_demonyms
    last = _last_demonyms
    if last is not None and last[0] is doc and last[1] == len(doc) and last[2] is gazetteer:
        return last[3]
    found: list[tuple[int, int, Demonym]] = []
    skip_to = 0
    for token in doc:
        if token.i < skip_to or not token.text[:1].isupper():
            continue
        words = [token.text]
        for i in range(token.i + 1, min(token.i + gazetteer.demonym_words(token.text), len(doc))):
            if not doc[i].text[:1].isupper():
                break
            words.append(doc[i].text)
        leading = gazetteer.leading_demonym(words)
        if leading is not None:
            length, demonym = leading
            found.append((token.i, token.i + length, demonym))
            skip_to = token.i + length
    spans = tuple(found)
    _last_demonyms = (doc, len(doc), gazetteer, spans)
    return spans


def _national_actor(
    words: Span, demonym: Demonym, heads: dict[str, str]
) -> tuple[int, int, str] | None:
    doc = words.doc
    # "Syrian government forces", "Saudi authorities": demonym + state-actor head nouns.
    end = words.end
    subtype = None
    while end < len(doc) and doc[end].lower_ in heads:
        subtype = heads[doc[end].lower_]
        end += 1
    # "an American military official" is a person: the heads must end the noun phrase.
    if subtype is not None and not (end < len(doc) and doc[end].pos_ in {"NOUN", "PROPN"}):
        return words.start, end, subtype
    # "Saudis recently arrested ...": a plural demonym standing alone as a participant.
    token = words[-1]
    if (
        demonym.plural
        and token.pos_ in {"PROPN", "NOUN"}
        and (
            token.dep_ in _ACTOR_DEPS
            or (token.i + 1 < len(doc) and doc[token.i + 1].pos_ in {"VERB", "ADV", "AUX"})
        )
    ):
        return words.start, words.end, "nationality_group"
    return None


def nationalities(
    doc: Doc, mentions: list[Mention], entities: list[Entity], gazetteer: Gazetteer | None = None
) -> list[Relation]:
    """nationality relations: a demonym inside a group's name ("Lebanese Army", "Saudis"), or
    in a person's description ("a Saudi dissident"), towards the country when it is named."""
    gazetteer = gazetteer or default_gazetteer()
    by_key = {e.id: e for e in entities}
    places = {
        e.links.get("geonames"): e
        for e in entities
        if e.type == "place" and e.links.get("geonames")
    }
    relations: list[Relation] = []

    def country_entity(word: str) -> Entity | None:
        demonym = gazetteer.demonym(word)
        if demonym is None or not demonym.place.geonames_id:
            return None
        return places.get(demonym.place.geonames_id)

    for mention in mentions:
        # A person's first name that spells a demonym ("Finn Knutsen") is no nationality: only
        # a group's name says it by its first word ("Lebanese Army").
        if mention.kind != "name" or mention.entity is None or mention.type != "organization":
            continue
        # The demonym that opens the name, all of its words ("South African government").
        leading = gazetteer.leading_demonym(mention.text.split())
        country = (country_entity(leading[1].word) if leading is not None else None) or (
            country_entity(mention.text) if mention.subtype == "nationality_group" else None
        )
        if country is not None:
            relations.append(
                Relation("nationality", mention.entity, country.id, mention.start, mention.end, 0.7)
            )
    for entity in entities:
        for description in entity.properties.get("description", []):
            for word in str(description).split():
                country = country_entity(word)
                if country is not None and entity.mentions and country.id != entity.id:
                    mention = mentions[entity.mentions[0]]
                    start = mention.start
                    end = doc_text(doc).find(str(description), mention.end)
                    end = end + len(str(description)) if end >= 0 else mention.end
                    relations.append(
                        Relation("nationality", entity.id, country.id, start, end, 0.7)
                    )
                    entity.properties.setdefault("nationality", by_key[country.id].name)
                    break
    return relations


def demonym_places(
    doc: Doc, mentions: list[Mention], entities: list[Entity], gazetteer: Gazetteer | None = None
) -> tuple[list[Mention], list[Entity]]:
    """A demonym ("Syrian government forces", "a Saudi dissident") refers to its country: a
    nominal mention of the country, which joins the country's entity or starts one."""
    gazetteer = gazetteer or default_gazetteer()
    by_key = {e.id: e for e in entities}
    sentence_of = sentence_numbers(doc)
    # Inside a place's own name ("Saudi Arabia") a demonym-looking word is just part of it.
    in_places = {i for m in mentions if m.type == "place" for i in range(m.start, m.end)}
    added: list[Mention] = []
    for first, last, demonym in demonym_spans(doc, gazetteer):
        if doc[first].is_upper or doc[first].idx in in_places:
            continue
        if demonym.plural or doc[last - 1].pos_ not in {"ADJ", "PROPN"}:
            continue
        place = demonym.place
        key = f"place/{name_slug(place.name)}"
        if key not in by_key:
            entity = Entity(
                id=key,
                type="place",
                name=place.name,
                subtype=place.kind,
                links={"geonames": place.geonames_id} if place.geonames_id else {},
            )
            if place.country_code:
                entity.properties["country_code"] = place.country_code
            if place.latitude is not None and place.longitude is not None:
                entity.properties["latitude"] = place.latitude
                entity.properties["longitude"] = place.longitude
            by_key[key] = entity
            entities = [*entities, entity]
        added.append(
            Mention.of_span(
                doc[first:last],
                "place",
                sentence_of[first],
                kind="nominal",
                entity=key,
                label="DEMONYM",
                confidence=0.8,
            )
        )
    return mentions + added, entities


def without_demonym_names(
    mentions: list[Mention], gazetteer: Gazetteer | None = None
) -> list[Mention]:
    """A demonym NER took for a name ("Azerbaijani" as a place) is no name: a plural one is a
    nationality acting as a group, a singular one is left to `demonym_places`."""
    gazetteer = gazetteer or default_gazetteer()
    kept: list[Mention] = []
    for mention in mentions:
        demonym = gazetteer.demonym(mention.text)
        if demonym is None or gazetteer.place(mention.text) is not None:
            kept.append(mention)
        elif demonym.plural:
            kept.append(replace(mention, type="organization", subtype="nationality_group"))
    return kept


def office_holders(
    doc: Doc, mentions: list[Mention], gazetteer: Gazetteer | None = None
) -> list[Relation]:
    """leader_of from "Russian President Vladimir Putin": a leading office after a demonym,
    towards the demonym's country when the article has it as an entity."""
    gazetteer = gazetteer or default_gazetteer()
    countries = {
        m.start: m.entity
        for m in mentions
        if m.label == "DEMONYM" and m.kind == "nominal" and m.entity
    }
    relations: list[Relation] = []
    text: str | None = None  # read once, when needed: spaCy joins every token's text for it
    for mention in mentions:
        if (
            mention.type != "person"
            or mention.kind != "name"
            or mention.entity is None
            or not mention.title
        ):
            continue
        if mention.title.casefold().rstrip(".") not in leading_offices():
            continue
        if text is None:
            text = doc_text(doc)
        before = text[: mention.start].rstrip()
        if not before.endswith(mention.title):
            continue
        title_start = len(before) - len(mention.title)
        head = text[:title_start].rstrip()
        word_start = max(head.rfind(" "), head.rfind("\n")) + 1
        country = countries.get(word_start)
        if country is not None:
            relations.append(
                Relation("leader_of", mention.entity, country, word_start, mention.end, 0.75)
            )
    return relations
