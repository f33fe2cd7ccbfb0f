"""Triggers and roles chosen on the second round of annotated news (its dev half:
data/events/ANNOTATION.md, "Second round"): vehicles, arson, air strikes, computer attacks,
participles after a place, custody, evacuations, obituary headlines."""

from __future__ import annotations

from spacy.language import Language

from tests.extract.read_events import event_of as _event
from tests.extract.read_events import events_of as _events
from tests.extract.read_events import roles as _roles


def test_what_a_journey_is_made_in_is_its_vehicle_and_tells_a_journey(nlp: Language) -> None:
    fled = _event(nlp, "The gunmen fled in a pickup truck.", "fled")
    assert _roles(fled, "vehicle") == {"a pickup truck"}
    # "escape" needs where it went; a car it went in tells the journey as well.
    escaped = _event(
        nlp, "They then set fire to the vehicle and escaped in another car.", "escaped"
    )
    assert _roles(escaped, "vehicle") == {"another car"}
    arrived = _event(nlp, "He arrived by helicopter on Monday.", "arrived")
    assert _roles(arrived, "vehicle") == {"helicopter"}
    assert _roles(arrived, "agent") == {"He"}


def test_a_phrase_that_names_no_vehicle_is_no_vehicle(nlp: Language) -> None:
    text = "Hail was one of the plagues God brought on the Egyptians."
    assert not [e for e in _events(nlp, text) if e.type == "movement"]
    plane = _event(nlp, "He arrived on a plane from Cairo.", "arrived")
    assert _roles(plane, "vehicle") == {"a plane"}


def test_setting_fire_to_something_is_an_attack_on_it(nlp: Language) -> None:
    fire = _event(nlp, "Protesters set fire to cars and shops in the capital.", "fire")
    assert fire.type == "attack"
    assert _roles(fire, "attacker") == {"Protesters"}
    assert _roles(fire, "target") == {"cars", "shops"}
    assert not [e for e in _events(nlp, "The decision set the stage for talks.") if e.type]


def test_an_air_strike_needs_no_other_armed_word(nlp: Language) -> None:
    text = "A refugee camp was the target of an air strike in Unity state on Thursday."
    strike = _event(nlp, text, "strike")
    assert strike.type == "attack"
    # The target the sentence names by "was the target of".
    assert _roles(strike, "target") == {"A refugee camp"}
    # A labour strike still needs armed sides.
    assert not _events(nlp, "The workers went on strike in the city on Monday.")


def test_attacks_on_browsers_or_networks_are_no_armed_attacks(nlp: Language) -> None:
    text = "Microsoft first learned of the attacks on IE browsers."
    assert not [e for e in _events(nlp, text) if e.type == "attack"]
    other = "Hackers use machines for activities such as attacks on other networks."
    assert not [e for e in _events(nlp, other) if e.type == "attack"]


def test_a_participle_after_a_place_tells_what_happened_there(nlp: Language) -> None:
    text = "Gunmen stormed the village of Kafr Nabl, killing six people."
    killing = _event(nlp, text, "killing")
    assert _roles(killing, "attacker") == {"Gunmen"}
    assert _roles(killing, "place") == {"Kafr Nabl"}
    quake = "A powerful earthquake struck the province of Aceh, killing at least three people."
    killed = _event(nlp, quake, "killing")
    assert not _roles(killed, "attacker")
    assert _roles(killed, "place") == {"Aceh"}
    # A participle that names what its noun does keeps the noun as its subject.
    fleeing = _event(nlp, "Soldiers shot at protesters fleeing the city.", "fleeing")
    assert _roles(fleeing, "agent") == {"protesters"}


def test_a_bare_participle_opening_a_clause_is_passive(nlp: Language) -> None:
    text = "When arrested in his early twenties, he listed his occupation as a tailor."
    arrest = _event(nlp, text, "arrested")
    assert _roles(arrest, "detainee") == {"he"}
    assert not _roles(arrest, "agent")
    captured = _event(nlp, "Once captured, the rebels were taken to Kabul.", "captured")
    assert _roles(captured, "detainee") == {"the rebels"}


def test_who_is_in_custody_is_kept_there(nlp: Language) -> None:
    text = "The 46-year-old Chesnut was already in custody for robbing a bank on March 6."
    custody = _event(nlp, text, "custody")
    assert _roles(custody, "detainee") == {"Chesnut"}
    assert not _roles(custody, "agent")


def test_people_evacuated_are_moved_and_a_city_evacuated_is_left(nlp: Language) -> None:
    people = _event(nlp, "Soldiers evacuated hundreds of residents from the town.", "evacuated")
    assert {a.split(" from")[0] for a in _roles(people, "artifact")} == {"hundreds of residents"}
    assert not _roles(people, "origin") - {"the town"}
    city = _event(nlp, "The army evacuated the city on Monday.", "evacuated")
    assert _roles(city, "origin") == {"the city"}


def test_a_facility_read_as_an_object_with_its_preposition(nlp: Language) -> None:
    text = "Next Sunday, the division rival Houston Texans come to Lucas Oil Stadium."
    come = _event(nlp, text, "come")
    assert _roles(come, "destination") == {"Lucas Oil Stadium"}
    assert not _roles(come, "artifact")


def test_the_injury_of_people_names_the_injured(nlp: Language) -> None:
    text = "A jury returned a guilty verdict for the murder of Zurana Horton and the injury of two others."
    assert _roles(_event(nlp, text, "injury"), "victim") == {"two others"}


def test_an_obituary_headline_names_who_died(nlp: Language) -> None:
    text = "Vincent Gigante, Mafia Leader Who Feigned Insanity, Dies at 77"
    assert _roles(_event(nlp, text, "Dies"), "victim") == {"Vincent Gigante"}
    # Without the age it is not read as an obituary's.
    plain = "Vincent Gigante, the Mafia leader, says the witness dies"
    assert not _roles(_event(nlp, plain, "dies"), "victim") - {"the witness"}


def test_who_is_convicted_of_a_plan_answers_for_the_killing_planned(nlp: Language) -> None:
    text = "Gigante was convicted of racketeering and conspiring to kill other mobsters."
    kill = _event(nlp, text, "kill")
    assert _roles(kill, "attacker") == {"Gigante"}
    assert _roles(kill, "victim") == {"other mobsters"}
    # Not who convicts, nor a killing no charge is joined to.
    assert not _roles(_event(nlp, "He was arrested and later killed.", "killed"), "attacker")


def test_the_sides_that_battle_or_win_a_war_are_its_participants(nlp: Language) -> None:
    text = "The tribes of the south and the north battled two civil wars."
    assert _roles(_event(nlp, text, "wars"), "participant") == {"The tribes"}
    won = _event(nlp, "The allies won the war in 1945.", "war")
    assert _roles(won, "participant") == {"The allies"}


def test_who_comes_under_fire_or_attack_is_its_target(nlp: Language) -> None:
    text = "Police officers came under fire from gunmen inside the house."
    fire = _event(nlp, text, "fire")
    assert fire.type == "attack"
    assert _roles(fire, "target") == {"Police officers"}
    # Among no armed side it is criticism.
    criticism = "The government has come under fire from officials for its delay."
    assert not [e for e in _events(nlp, criticism) if e.type == "attack"]
    attack = _event(nlp, "The convoy came under attack near Kandahar.", "attack")
    assert _roles(attack, "target") == {"The convoy"}
    assert not _events(nlp, "The minister came under criticism for the decision.")


def test_a_player_on_injured_reserve_is_no_injury(nlp: Language) -> None:
    assert not _events(nlp, "The team decided to put Bush on injured reserve.")
    assert _events(nlp, "The injured man was taken to hospital.")


def test_a_verb_that_is_an_event_only_with_its_particle(nlp: Language) -> None:
    died = _event(nlp, "His family said he passed away at home.", "passed")
    assert died.type == "killing"
    assert _roles(died, "victim") == {"he"}
    fled = _event(nlp, "Four robbers made off with jewelry early Monday.", "made")
    assert fled.type == "movement"
    assert _roles(fled, "artifact") == {"jewelry"}
    assert not _events(nlp, "The senate passed the bill and made a statement.")


def test_who_carries_out_a_series_of_attacks_is_their_attacker(nlp: Language) -> None:
    text = "Gunmen carried out a series of attacks in central Jordan on Sunday."
    assert _roles(_event(nlp, text, "attacks"), "attacker") == {"Gunmen"}
    wave = _event(nlp, "The army launched a wave of air strikes on the city.", "strikes")
    assert _roles(wave, "attacker") == {"The army"}
    # Not the subject of a verb that only tells of the series.
    assert not _roles(
        _event(nlp, "Officials condemned a series of attacks.", "attacks"), "attacker"
    )
