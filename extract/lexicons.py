"""The word lists of `data/lexicons/`, each behind one typed, cached accessor: the only module
that reads those tables.

Accessors are grouped by file. Each returns an immutable view built once per process (frozen
sets, tuples, frozen dataclasses); words are keyed the way their users look them up
(case-folded titles, lower-case time phrases) so no caller normalizes a list again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from newsgraph.extract.extraction import ENTITY_TYPES
from newsgraph.extract.resources import load_lexicon

# --- entity_labels.json ----------------------------------------------------------------------


@cache
def entity_labels() -> dict[str, str]:
    """NER label ("PER", "GPE") → the entity type it names; labels not listed name none."""
    table = load_lexicon("entity_labels")
    unknown = sorted(set(table.values()) - set(ENTITY_TYPES))
    if unknown:
        raise ValueError(f"entity_labels.json: {unknown} are no entity types {ENTITY_TYPES}")
    return dict(table)


# --- descriptors.json ------------------------------------------------------------------------


@cache
def descriptors() -> dict[str, str]:
    """Descriptor noun → the entity type it describes; a noun listed under several types
    takes the last of `ENTITY_TYPES`."""
    table = load_lexicon("descriptors")
    return {noun: entity_type for entity_type in ENTITY_TYPES for noun in table[entity_type]}


@cache
def person_nouns() -> frozenset[str]:
    """Common nouns for people ("leader", "dissident", "son-in-law")."""
    return frozenset(noun for noun, kind in descriptors().items() if kind == "person")


@cache
def nouns_after_name() -> dict[str, str]:
    """Lower-case nouns that type the name right before them ("the Sidek group", "Huize
    county") → that type."""
    table = load_lexicon("descriptors")
    return {
        **{noun: "organization" for noun in table["organization_after_name"]},
        **{noun: "place" for noun in table["place_after_name"]},
    }


# --- titles.json -----------------------------------------------------------------------------


def title_key(words: Iterable[str]) -> str:
    """How a title is looked up: case-folded words without their periods ("Gen." = "gen")."""
    return " ".join(word.rstrip(".").casefold() for word in words)


@dataclass(frozen=True)
class TitleTable:
    titles: frozenset[str]
    longest: int


@cache
def title_table() -> TitleTable:
    """Every title of every group, by `title_key`, and the most words one has."""
    table = load_lexicon("titles")
    titles = {title_key(title.split()) for group in table.values() for title in group}
    return TitleTable(frozenset(titles), max(len(t.split()) for t in titles))


@cache
def honorifics() -> frozenset[str]:
    """Titles only a person bears ("Mr.", "Dr."), by `title_key`."""
    return frozenset(title_key([title]) for title in load_lexicon("titles")["honorifics"])


@cache
def leading_offices() -> frozenset[str]:
    """Titles whose holder leads the country or group named before them ("Russian President
    Vladimir Putin"), case-folded."""
    return frozenset(title.casefold() for title in load_lexicon("titles")["leading_offices"])


# --- organization_cues.json ------------------------------------------------------------------


@cache
def website_suffixes() -> tuple[str, ...]:
    """Endings of a web site's name (".com", ".net"), for `str.endswith`."""
    return tuple(load_lexicon("organization_cues")["website_suffixes"])


@cache
def org_name_words() -> frozenset[str]:
    """Words that make a multiword name an organization's ("University", "Corp")."""
    return frozenset(load_lexicon("organization_cues")["org_name_words"])


@cache
def organization_parts() -> frozenset[str]:
    """Nouns for what only an organization has ("shares", "chairman")."""
    return frozenset(load_lexicon("organization_cues")["organization_parts"])


@cache
def organization_holdings() -> dict[str, frozenset[str]]:
    """Nouns that, before a preposition and a name, make it an organization's, by
    preposition ("shares of", "a stake in")."""
    table = load_lexicon("organization_cues")["organization_holdings"]
    return {preposition: frozenset(nouns) for preposition, nouns in table.items()}


@cache
def franchises() -> frozenset[str]:
    """Groups whose regional branches are named "X in <place>" ("al qaeda" of "Al Qaeda in
    Mesopotamia"), in lower case."""
    return frozenset(load_lexicon("organization_cues")["franchises"])


@cache
def institutions() -> frozenset[str]:
    """Buildings and places whose names stand for the institution in them ("the White House
    said"), case-folded."""
    return frozenset(name.casefold() for name in load_lexicon("organization_cues")["institutions"])


@cache
def national_heads() -> dict[str, str]:
    """Nouns that, after a demonym, name a state actor ("Saudi authorities", "Syrian
    government forces") → its subtype."""
    return dict(load_lexicon("organization_cues")["national_heads"])


# --- demonyms.json ---------------------------------------------------------------------------


@cache
def demonyms() -> dict[str, Any]:
    """Place key (ISO country code or gazetteer name) → its `adjective`, `singular` and
    `plural` forms."""
    return load_lexicon("demonyms")


# --- coreference.json ------------------------------------------------------------------------


@cache
def name_connectives() -> frozenset[str]:
    """Words that join two names into one ("Al Qaeda in Mesopotamia")."""
    return frozenset(load_lexicon("coreference")["name_connectives"])


@cache
def locative_prepositions() -> frozenset[str]:
    """Words before a name that make it the place ("in Jordan")."""
    return frozenset(load_lexicon("coreference")["locative_prepositions"])


@dataclass(frozen=True)
class Nominal:
    type: str
    subtype: str | None
    name_contains: tuple[str, ...]


@dataclass(frozen=True)
class CorefLexicon:
    window: int
    pronouns: dict[str, str]
    nominals: dict[str, Nominal]


@cache
def coref_lexicon() -> CorefLexicon:
    """Pronouns and definite nouns ("the group") with the entity type each refers back to."""
    table = load_lexicon("coreference")
    nominals = {
        word: Nominal(spec["type"], spec.get("subtype"), tuple(spec.get("name_contains", ())))
        for word, spec in table["nominals"].items()
    }
    return CorefLexicon(
        window=int(table["window"]),
        pronouns=dict(table["pronouns"]),
        nominals=nominals,
    )


# --- relations.json --------------------------------------------------------------------------


@dataclass(frozen=True)
class RelationLexicon:
    role_nouns: dict[str, str]
    role_verbs: dict[str, str]
    passive_role_verbs: dict[str, str]
    copulas: frozenset[str]
    place_prepositions: frozenset[str]
    presence_prepositions: frozenset[str]
    member_nouns: frozenset[str]


@cache
def relation_lexicon() -> RelationLexicon:
    """Role nouns and verbs ("leader", "runs") → the relation they state."""
    table = load_lexicon("relations")
    return RelationLexicon(
        role_nouns=dict(table["role_nouns"]),
        role_verbs=dict(table["role_verbs"]),
        passive_role_verbs=dict(table["passive_role_verbs"]),
        copulas=frozenset(table["copulas"]),
        place_prepositions=frozenset(table["place_prepositions"]),
        presence_prepositions=frozenset(table["presence_prepositions"]),
        member_nouns=frozenset(table["member_nouns"]),
    )


# --- events.json -----------------------------------------------------------------------------

# How many words' triggers the event lexicon remembers before it starts over.
_KNOWN_WORDS = 1 << 16


@dataclass(frozen=True)
class Trigger:
    type: str
    pos: frozenset[str]
    object_role: str | None = None
    background: bool = False
    otherwise: str | None = None
    needs_place: bool = False
    needs_person: bool = False
    object_is_place: bool = False
    needs_custody: bool = False
    needs_destination: bool = False
    # A verb that takes no object: what the parse reads as its object is no argument.
    intransitive: bool = False
    needs_weapon: bool = False
    # A verb or adjective that is an injury only said of a body part ("broke his leg", "a torn
    # ligament"; not "broke the law", "a torn flag").
    needs_body_part: bool = False
    # The particle the verb needs to be a trigger ("passed away", "made off").
    particle: str | None = None
    # Objects that tell custody by themselves, for a verb that needs it ("serving a sentence").
    custody_objects: frozenset[str] = frozenset()
    # A verb that is a trigger only in the passive, whose passive subject takes its
    # subject_role ("Police were called to the house"; "she called her mother" is a phone call).
    passive_only: bool = False


@dataclass(frozen=True)
class EventLexicon:
    triggers: dict[str, Trigger]
    roles: dict[str, dict[str, Any]]
    modality: dict[str, str]
    reporting_verbs: frozenset[str]
    qualifiers: dict[str, str]
    number_words: dict[str, int]
    site_nouns: frozenset[str]
    # Kinds of place a name follows in an of-phrase: "the town of Talodi".
    named_place_nouns: frozenset[str]
    part_place_nouns: frozenset[str]
    military_aid_cues: frozenset[str]
    quantifiers: frozenset[str]
    places_left: frozenset[str]
    armed_sides: frozenset[str]
    # Words that make a killing an attempt, an attack with no death: "attempted murder".
    attempt_words: frozenset[str]
    # Nouns a trigger names the kind of ("a shooting incident"), whose places are the trigger's.
    incident_nouns: frozenset[str]
    # Trigger words that stay triggers in a name ("World War II").
    named_events: frozenset[str]
    # Verbs that take a life, and the nouns of it: "claimed the lives of 12 soldiers".
    life_verbs: frozenset[str]
    life_nouns: frozenset[str]
    # Nouns of death or hurt a modifier tells whom they befell: "civilian deaths".
    victim_nouns: frozenset[str]
    victim_modifiers: frozenset[str]
    # The trigger of each (lemma, word) already looked up: every token of every article is.
    _known: dict[tuple[str, str, str | None], Trigger | None] = field(
        default_factory=dict, compare=False, repr=False
    )

    def trigger(self, lemma: str, word: str, pos: str | None = None) -> Trigger | None:
        """The trigger a word is, by its lemma, its lower-case form, or a guess at its lemma;
        with `pos`, the first of those that triggers as that part of speech ("stabbing" as a
        verb is "stab", whose noun "stabbing" is an entry of its own)."""
        key = (lemma, word, pos)
        known = self._known
        if key in known:
            return known[key]
        found = None
        for form in (lemma, word, *base_forms(word)):
            entry = self.triggers.get(form)
            if entry is not None and (pos is None or pos in entry.pos):
                found = entry
                break
        if len(known) >= _KNOWN_WORDS:
            known.clear()
        known[key] = found
        return found


def base_forms(word: str) -> list[str]:
    """Guesses at a word's lemma for when the lemmatizer missed it: plotting → plot."""
    forms = []
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            forms += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                forms.append(stem[:-1])
    if word.endswith("s") and len(word) > 3:
        forms.append(word[:-1])
    return forms


@cache
def event_table() -> dict[str, Any]:
    """The event lexicon's table as written: the sections extract/event_context.py reads
    (modality cues, support verbs, senses, actor nouns, argument confidences)."""
    return load_lexicon("events")


# The parts of speech a trigger of events.json may have.
TRIGGER_POS = frozenset({"VERB", "NOUN", "ADJ"})


@cache
def event_lexicon() -> EventLexicon:
    """Trigger words by lemma, argument roles, modality and reporting verbs, count words."""
    table = load_lexicon("events")
    for lemma, spec in table["triggers"].items():
        if not set(spec["pos"]) <= TRIGGER_POS:
            raise ValueError(
                f"events.json: trigger {lemma!r}: pos {spec['pos']} is not among"
                f" {sorted(TRIGGER_POS)}"
            )
    return EventLexicon(
        triggers={
            lemma: Trigger(
                spec["type"],
                frozenset(spec["pos"]),
                spec.get("object_role"),
                bool(spec.get("background", False)),
                spec.get("otherwise"),
                bool(spec.get("needs_place", False)),
                bool(spec.get("needs_person", False)),
                bool(spec.get("object_is_place", False)),
                bool(spec.get("needs_custody", False)),
                bool(spec.get("needs_destination", False)),
                bool(spec.get("intransitive", False)),
                bool(spec.get("needs_weapon", False)),
                bool(spec.get("needs_body_part", False)),
                spec.get("particle"),
                frozenset(spec.get("custody_objects", ())),
                bool(spec.get("passive_only", False)),
            )
            for lemma, spec in table["triggers"].items()
        },
        roles=dict(table["roles"]),
        modality=dict(table["modality"]),
        reporting_verbs=frozenset(table["reporting_verbs"]),
        qualifiers=dict(table["qualifiers"]),
        number_words={k: int(v) for k, v in table["number_words"].items()},
        site_nouns=frozenset(table["site_nouns"]),
        named_place_nouns=frozenset(table["named_place_nouns"]),
        part_place_nouns=frozenset(table["part_place_nouns"]),
        military_aid_cues=frozenset(table["military_aid_cues"]),
        quantifiers=frozenset(table["quantifiers"]),
        places_left=frozenset(table["places_left"]),
        armed_sides=frozenset(table["armed_sides"]),
        attempt_words=frozenset(table["attempt_words"]),
        incident_nouns=frozenset(table["incident_nouns"]),
        named_events=frozenset(table["named_events"]),
        life_verbs=frozenset(table["lives_taken"]["verbs"]),
        life_nouns=frozenset(table["lives_taken"]["nouns"]),
        victim_nouns=frozenset(table["victims_modifying"]["nouns"]),
        victim_modifiers=frozenset(table["victims_modifying"]["modifiers"]),
    )


@cache
def irregular_verbs() -> dict[str, str]:
    """Past tenses and participles of irregular verbs, each with its base form
    (irregular_verbs.json)."""
    return dict(load_lexicon("irregular_verbs")["forms"])


@cache
def unchanged_pasts() -> frozenset[str]:
    """Verbs whose past is spelled as their base ("set", "put", "hit"; irregular_verbs.json)."""
    return frozenset(load_lexicon("irregular_verbs")["unchanged"])


# --- time_expressions.json -------------------------------------------------------------------


def phrase_key(phrase: str) -> str:
    """How a time phrase is looked up: lower case, single spaces, no final period (nor the
    space tokenized text writes before it: "Jan .")."""
    return " ".join(phrase.lower().split()).rstrip(".").rstrip()


@dataclass(frozen=True)
class TimeWords:
    """The word lists of time expressions, keyed by `phrase_key`."""

    months: dict[str, int]
    month_abbreviations: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, tuple[str, int]]
    numbers: dict[str, int]
    vague_numbers: frozenset[str]
    units: dict[str, str]
    day_words: dict[str, int]
    parts_of_day: tuple[str, ...]
    modifiers: dict[str, str]
    approximators: tuple[str, ...]
    deixis: dict[str, int]
    prepositions: tuple[str, ...]
    triggers: frozenset[str]
    vague: dict[str, str]
    weekday_not_after: frozenset[str]
    weekday_not_before: frozenset[str]

    def month(self, word: str) -> int:
        key = phrase_key(word)
        return self.months.get(key) or self.month_abbreviations[key]


@cache
def time_words() -> TimeWords:
    table = load_lexicon("time_expressions")
    vague = {phrase_key(p): "past" for p in table["vague_past"]}
    vague |= {phrase_key(p): "future" for p in table["vague_future"]}
    return TimeWords(
        months=dict(table["months"]),
        month_abbreviations=dict(table["month_abbreviations"]),
        weekdays=dict(table["weekdays"]),
        seasons={k: (v["code"], int(v["first_month"])) for k, v in table["seasons"].items()},
        numbers={phrase_key(k): int(v) for k, v in table["numbers"].items()},
        vague_numbers=frozenset(phrase_key(w) for w in table["vague_numbers"]),
        units=dict(table["units"]),
        day_words={phrase_key(k): int(v) for k, v in table["day_words"].items()},
        parts_of_day=tuple(table["parts_of_day"]),
        modifiers={phrase_key(k): v for k, v in table["modifiers"].items()},
        approximators=tuple(table["approximators"]),
        deixis={phrase_key(k): int(v) for k, v in table["deixis"].items()},
        prepositions=tuple(table["prepositions"]),
        triggers=frozenset(phrase_key(w) for w in table["triggers"]),
        vague=vague,
        weekday_not_after=frozenset(w.lower() for w in table["weekday_not_after"]),
        weekday_not_before=frozenset(w.lower() for w in table["weekday_not_before"]),
    )


# --- weapons.json ----------------------------------------------------------------------------


@dataclass(frozen=True)
class WeaponLexicon:
    nouns: frozenset[str]
    with_modifier: frozenset[str]
    modifiers: frozenset[str]
    discharge_verbs: frozenset[str]
    use_verbs: frozenset[str]
    discharges: frozenset[str] = frozenset()
    # Weapon nouns that name a person with one of the words before them ("suicide bomber").
    people: dict[str, frozenset[str]] = field(default_factory=dict)


@cache
def weapon_lexicon() -> WeaponLexicon:
    """Weapon and armed-platform head nouns, the heads that are weapons only with a weapon
    modifier, and the verbs that name an attack's instrument by their object."""
    table = load_lexicon("weapons")
    return WeaponLexicon(
        nouns=frozenset(table["nouns"]),
        with_modifier=frozenset(table["with_modifier"]),
        modifiers=frozenset(table["modifiers"]),
        discharge_verbs=frozenset(table["discharge_verbs"]),
        use_verbs=frozenset(table["use_verbs"]),
        discharges=frozenset(table["discharges"]),
        people={noun: frozenset(words) for noun, words in table["people"].items()},
    )
