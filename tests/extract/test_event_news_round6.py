"""Triggers chosen on the dev halves of the four rounds of annotated news
(data/events/ANNOTATION.md), the ninth round of rules: verbs of going by manner and by
vehicle (Levin's classes 51.3.2 and 51.4), a vehicle driven as a journey's vehicle, a way
particle as a journey's direction, the path of a journey, the words of jailing (serving a
sentence, remand, lock up, round up) and of injuries said of a body part."""

from __future__ import annotations

from spacy.language import Language

from tests.extract.read_events import event_of as _event
from tests.extract.read_events import events_of as _events
from tests.extract.read_events import roles as _roles
from tests.extract.read_events import types_of as _types


def test_a_verb_of_going_by_its_manner_is_a_journey_with_a_place(nlp: Language) -> None:
    flocked = _event(nlp, "Thousands of migrants flocked to the border.", "flocked")
    assert flocked.type == "movement"
    assert _roles(flocked, "destination") == {"the border"}
    floated = _event(nlp, "The woman floated from the bridge to an island.", "floated")
    assert _roles(floated, "origin") == {"the bridge"}
    # Without a place it goes to or from, it is another sense.
    assert "movement" not in _types(nlp, "Prices drifted lower as talks dragged on.")
    assert "movement" not in _types(nlp, "The team raced to a 3-0 lead.")


def test_a_vehicle_driven_is_the_journeys_vehicle_but_not_a_car_one_owns(
    nlp: Language,
) -> None:
    text = "Jackson was driving a stolen truck when police stopped him."
    driving = _event(nlp, text, "driving")
    assert driving.type == "movement"
    assert _roles(driving, "vehicle") == {"a stolen truck"}
    assert _roles(driving, "agent") == {"Jackson"}
    assert not _events(nlp, "She drives a red car.")


def test_a_way_particle_tells_a_journey_unless_a_phrase_says_where_and_names_no_place(
    nlp: Language,
) -> None:
    drove = _event(nlp, "The gunmen drove away after the shooting.", "drove")
    assert drove.type == "movement"
    assert _roles(drove, "agent") == {"The gunmen"}
    text = "The chief executive said the company needs to move away from its roots."
    assert "movement" not in _types(nlp, text)


def test_the_path_of_a_journey_is_its_place(nlp: Language) -> None:
    drove = _event(nlp, "The convoy drove along the coast road.", "drove")
    assert drove.type == "movement"
    assert _roles(drove, "place") == {"the coast road"}


def test_serving_a_sentence_or_time_in_prison_is_a_jailing(nlp: Language) -> None:
    serving = _event(nlp, "He was serving a 12-year sentence in a federal prison.", "serving")
    assert serving.type == "arrest"
    assert _roles(serving, "detainee") == {"He"}
    served = _event(nlp, "The mayor served four months in federal prison.", "served")
    assert _roles(served, "detainee") == {"The mayor"}
    assert not _events(nlp, "He served two terms as mayor.")
    # A sentence held is custody only for the verb of serving it.
    assert not _events(nlp, "He held a life sentence over their heads.")
    assert not _events(nlp, "She served in the army for a decade.")


def test_rounded_up_and_locked_up_are_jailings_of_people(nlp: Language) -> None:
    rounded = _event(nlp, "Police rounded up dozens of suspects.", "rounded")
    assert rounded.type == "arrest"
    assert _roles(rounded, "detainee") == {"dozens of suspects"}
    assert _roles(rounded, "agent") == {"Police"}
    assert "arrest" not in _types(nlp, "They locked up the building for the night.")


def test_a_break_or_a_tear_is_an_injury_only_of_a_body_part(nlp: Language) -> None:
    broke = _event(nlp, "Bush broke his leg in the second quarter.", "broke")
    assert broke.type == "injury"
    assert _roles(broke, "victim") == {"Bush"}
    text = "At least 50 people were hospitalised for broken bones."
    assert _event(nlp, text, "broken").type == "injury"
    assert not _events(nlp, "He broke the law.")
    assert not _events(nlp, "A torn flag hung from the window.")
    sprained = _event(nlp, "He sprained his ankle in practice.", "sprained")
    assert _roles(sprained, "victim") == {"He"}


def test_a_time_of_day_is_the_time_of_its_event(nlp: Language) -> None:
    text = "Williams was arrested just after 2:30 a.m. near Interstate 805."
    assert _roles(_event(nlp, text, "arrested"), "time") == {"2:30 a.m."}
    text = "Police arrested him on Saturday at 4:40 p.m. outside the bank."
    assert _roles(_event(nlp, text, "arrested"), "time") == {"Saturday at 4:40 p.m."}


def test_a_road_after_a_preposition_read_as_a_particle_is_where_the_journey_went(
    nlp: Language,
) -> None:
    text = "Williams was speeding down state Route 94 when police stopped him."
    speeding = _event(nlp, text, "speeding")
    assert speeding.type == "movement"
    assert _roles(speeding, "place") == {"state Route 94"}
    assert not _roles(speeding, "artifact")
    # A noun read with a particle is no verb of going ("trip up Turkey").
    text = "Kurdish militants were attempting to trip up Turkey."
    assert "movement" not in _types(nlp, text)
