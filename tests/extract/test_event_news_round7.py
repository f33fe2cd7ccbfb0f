"""Triggers and places chosen on the dev halves of the five rounds of annotated news
(data/events/ANNOTATION.md), the tenth round of rules: responders called to a place, a
release from custody, where a journey arrives, a wider list of sites, "out of" a place, a
journey called off, a heading in capitals, and hurt said of a body part."""

from __future__ import annotations

from spacy.language import Language

from tests.extract.read_events import event_of as _event
from tests.extract.read_events import events_of as _events
from tests.extract.read_events import roles as _roles
from tests.extract.read_events import types_of as _types


def test_responders_called_to_a_place_go_there_but_a_phone_call_is_no_journey(
    nlp: Language,
) -> None:
    called = _event(nlp, "Police were called to the house in Millom.", "called")
    assert called.type == "movement"
    assert _roles(called, "agent") == {"Police"}
    assert "house" in " ".join(_roles(called, "destination"))
    assert "movement" not in _types(nlp, "She called her mother from the hospital.")
    assert "movement" not in _types(nlp, "Officers were called to help.")


def test_a_release_from_custody_or_on_bail_tells_a_jailing(nlp: Language) -> None:
    released = _event(nlp, "He was released from prison in 2006.", "released")
    assert released.type == "arrest"
    assert _roles(released, "detainee") == {"He"}
    assert _event(nlp, "She was released on bail on Monday.", "released").type == "arrest"
    assert not _events(nlp, "The company released its results on Monday.")
    assert not _events(nlp, "The hostages were freed by their captors.")


def test_where_a_journey_arrives_is_its_destination(nlp: Language) -> None:
    arrived = _event(nlp, "The reporter arrived at the camp on Thursday.", "arrived")
    assert arrived.type == "movement"
    assert _roles(arrived, "destination") == {"the camp"}
    assert "movement" not in _types(nlp, "The two sides arrived at an agreement.")


def test_rooms_yards_and_lanes_are_sites_but_an_arena_of_public_life_is_none(
    nlp: Language,
) -> None:
    went = _event(nlp, "I went into my backyard and heard screams.", "went")
    assert went.type == "movement"
    assert _roles(went, "destination") == {"my backyard"}
    assert "movement" not in _types(nlp, "She did not want to re-enter the public arena.")


def test_out_of_a_place_is_where_a_journey_starts(nlp: Language) -> None:
    ran = _event(nlp, "People ran out of the buildings.", "ran")
    assert ran.type == "movement"
    assert _roles(ran, "origin") == {"the buildings"}
    assert not _events(nlp, "They ran out of money.")


def test_a_journey_called_off_is_a_negated_movement_without_a_place(nlp: Language) -> None:
    text = "Power supplies were cut and commercial flights were cancelled."
    flights = _event(nlp, text, "flights")
    assert flights.type == "movement"
    assert flights.modality == "negated"
    assert "movement" not in _types(nlp, "Commercial flights are expensive.")


def test_a_heading_in_capitals_tells_its_events(nlp: Language) -> None:
    assert "arrest" in _types(nlp, "RCMP MAKE ARRESTS IN BC POLYGAMOUS COMMUNITY")
    assert "killing" in _types(nlp, "TRIAL DATE SET FOR CUMBRIA DOUBLE MURDER ACCUSED")


def test_crushing_is_an_injury_only_of_a_body_part_and_boarding_up_no_journey(
    nlp: Language,
) -> None:
    assert "injury" in _types(nlp, "A wall collapsed and crushed her head.")
    assert "injury" not in _types(nlp, "The army crushed the rebellion.")
    assert "movement" not in _types(nlp, "Camp officials boarded up the studio on Sunday.")
    assert "movement" in _types(nlp, "The passengers boarded the plane in Dallas.")
