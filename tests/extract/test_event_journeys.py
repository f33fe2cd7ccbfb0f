"""Journeys, places and clashes as news tells them (chosen on
tests/fixtures/news_events_dev.jsonl): the victim taken to a hospital, the suspect taken to
jail, the body found in a prison, people killed in clashes in a town, and what moves no one."""

from __future__ import annotations

from spacy.language import Language

from tests.extract.read_events import event_of as _event
from tests.extract.read_events import events_of as _events
from tests.extract.read_events import roles as _roles


def test_someone_taken_somewhere_is_moved_there(nlp: Language) -> None:
    taken = _event(nlp, "The victim was taken to a local hospital in critical condition.", "taken")
    assert taken.type == "movement"
    assert _roles(taken, "artifact") == {"The victim"}
    assert any("hospital" in t for t in _roles(taken, "destination"))
    rushed = _event(nlp, "Paramedics rushed Johnson to Hennepin County Medical Center.", "rushed")
    assert rushed.type == "movement"
    assert any("Medical Center" in t for t in _roles(rushed, "destination"))


def test_taking_with_no_destination_or_no_one_taken_is_no_journey(nlp: Language) -> None:
    for text in (
        "The meeting took place in Baghdad on Monday.",
        "The rebels took the town in a day.",
        "McDonald had been carrying a white bag.",
    ):
        assert not [e for e in _events(nlp, text) if e.type == "movement"], text


def test_taken_to_jail_is_an_arrest(nlp: Language) -> None:
    for text in (
        "He was taken to the San Diego County jail and released.",
        "The suspect was taken to a juvenile detention facility.",
    ):
        taken = _event(nlp, text, "taken")
        assert taken.type == "arrest", text
        assert _roles(taken, "detainee"), text
        assert _roles(taken, "place"), text


def test_sites_in_the_plural_and_huts_are_places(nlp: Language) -> None:
    walking = _event(nlp, "He was walking to a hut when he fell.", "walking")
    assert walking.type == "movement"
    assert _roles(walking, "destination") == {"a hut"}
    fled = _event(nlp, "People fled their homes in the dark.", "fled")
    assert _roles(fled, "origin") == {"their homes"}


def test_had_is_no_would(nlp: Language) -> None:
    walking = _event(
        nlp, "He'd been dropped off by helicopter and was walking to a hut.", "walking"
    )
    assert walking.modality == "asserted"
    would = _event(nlp, "He'd walk to the hut if it stopped raining.", "walk")
    assert would.modality == "hypothetical"


def test_found_dead_takes_the_places_of_the_finding(nlp: Language) -> None:
    dead = _event(nlp, "Gaetano Lo Presti was found dead in Pagliarelli prison on Tuesday.", "dead")
    assert any("prison" in t for t in _roles(dead, "place"))


def test_killed_in_clashes_in_a_town(nlp: Language) -> None:
    events = _events(
        nlp,
        "Sudan said rebels, soldiers and civilians were killed in clashes in the border state "
        "of South Kordofan in the town of Talodi on Thursday.",
    )
    clashes = next(e for e in events if e.trigger.text == "clashes")
    assert clashes.type == "armed_clash"
    killed = next(e for e in events if e.trigger.text == "killed")
    assert _roles(killed, "place") & {"Talodi", "South Kordofan"}


def test_what_cannot_travel_makes_no_journey(nlp: Language) -> None:
    text = "Neighbours heard piercing screams coming from the house."
    assert not [e for e in _events(nlp, text) if e.type == "movement"]
    came = _event(nlp, "The first of eight planeloads of supplies came from Cyprus.", "came")
    assert came.type == "movement"


def test_a_weapon_in_a_partitive_is_the_instrument(nlp: Language) -> None:
    stabbed = _event(nlp, "She stabbed the girl with a pair of scissors.", "stabbed")
    assert _roles(stabbed, "instrument") == {"scissors"}


def test_arson_is_an_attack(nlp: Language) -> None:
    arson = _event(nlp, "Three residents were charged with arson after the fires.", "arson")
    assert arson.type == "attack"
    assert _roles(arson, "attacker") == {"Three residents"}


def test_idioms_of_coming_taking_and_bringing_are_no_journeys(nlp: Language) -> None:
    for text in (
        "The officers responding to the call came under fire from inside the house.",
        "Tens of thousands of protesters took to the streets of Athens.",
        "Megan Gildow brings you the latest from the offices and halls of local schools.",
        "The fighting has allowed normal life to return to these areas.",
        "The infected pigs came from two backyard farms north of Manila.",
    ):
        assert not [e for e in _events(nlp, text) if e.type == "movement"], text


def test_who_is_allowed_to_go_goes(nlp: Language) -> None:
    returned = _event(
        nlp, "The government allowed the refugees to return to their homes.", "return"
    )
    assert _roles(returned, "agent") == {"the refugees"}


def test_who_is_treated_for_injuries_has_them(nlp: Language) -> None:
    events = _events(
        nlp, "Another 19 patients were treated for broken bones, cuts and other injuries."
    )
    injuries = next(e for e in events if e.trigger.text == "injuries")
    assert _roles(injuries, "victim") == {"Another 19 patients"}


def test_who_fell_to_their_deaths_died(nlp: Language) -> None:
    deaths = _event(nlp, "Two climbers have fallen to their deaths in New Zealand.", "deaths")
    assert _roles(deaths, "victim") == {"Two climbers"}
    sent = _event(nlp, "The guards sent them to their deaths.", "deaths")
    assert _roles(sent, "victim") == {"them"}


def test_what_leads_to_an_arrest_or_a_death_does_not_do_it(nlp: Language) -> None:
    arrest = _event(nlp, "The tip led to his arrest.", "arrest")
    assert "The tip" not in _roles(arrest, "detainee") | _roles(arrest, "agent")
    death = _event(nlp, "Negligence led to her death.", "death")
    assert not _roles(death, "attacker")


def test_an_outcome_happens_in_the_place_its_clause_acts_on(nlp: Language) -> None:
    killing = _event(
        nlp,
        "Powerful earthquakes rocked Manokwari, the capital of West Papua, on Sunday, "
        "killing four people.",
        "killing",
    )
    # The region the city is the capital of is a place of it too; "the capital" is not.
    assert _roles(killing, "place") == {"Manokwari", "West Papua"}


def test_a_journey_the_reader_knows_of_needs_no_place(nlp: Language) -> None:
    events = _events(nlp, "But the court ruled that it would not block the transfer.")
    assert [e.type for e in events if e.trigger.text == "transfer"] == ["movement"]
    assert not [e for e in _events(nlp, "An exodus is under way.") if e.type == "movement"]


def test_struck_or_hit_by_a_weapon_is_an_attack(nlp: Language) -> None:
    struck = _event(nlp, "Horton was struck by a stray bullet.", "struck")
    assert struck.type == "attack"
    assert _roles(struck, "target") == {"Horton"}
    assert _roles(struck, "instrument") == {"a stray bullet"}
    for text in ("The two sides struck a deal in Geneva.", "He was hit by a car."):
        assert not [e for e in _events(nlp, text) if e.type == "attack"], text


def test_who_faces_charges_of_a_crime_is_its_actor(nlp: Language) -> None:
    arson = _event(
        nlp, "Brian Freeman and Michael Thomas each face five charges of arson.", "arson"
    )
    assert _roles(arson, "attacker") == {"Brian Freeman", "Michael Thomas"}
    filed = _event(nlp, "Prosecutors filed charges of murder against him.", "murder")
    assert "Prosecutors" not in _roles(filed, "attacker")


def test_what_is_fled_in_a_place_is_fled_from_it(nlp: Language) -> None:
    fled = _event(nlp, "Thousands fled the fighting in Aleppo last week.", "fled")
    assert _roles(fled, "origin") == {"Aleppo"}
