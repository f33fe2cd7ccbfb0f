"""Roles and triggers chosen on the dev halves of the second, third and fourth rounds of
annotated news (data/events/ANNOTATION.md), the eighth round of rules: the places a place
holds and the places after it, the deeds a framing phrase or a conjoined participle shares,
who is charged with counts of a crime, the shooting of a shooting death, wars by their
place, and journeys told by a direction."""

from __future__ import annotations

from spacy.language import Language

from tests.extract.read_events import event_of as _event
from tests.extract.read_events import events_of as _events
from tests.extract.read_events import roles as _roles
from tests.extract.read_events import types_of as _types


def test_shot_dead_read_as_an_adjective_with_its_object(nlp: Language) -> None:
    # The parse reads "shot" a noun and "dead" an adjective whose object is the policeman.
    dead = _event(nlp, "Gunmen shot dead a policeman in Peshawar on Monday.", "dead")
    assert _roles(dead, "victim") == {"a policeman"}
    assert _roles(dead, "attacker") == {"Gunmen"}


def test_a_past_read_as_a_participle_of_its_subject_keeps_its_subject_as_actor(
    nlp: Language,
) -> None:
    text = "In another attack, gunmen fired on a security patrol in Karak, causing no injuries."
    fired = _event(nlp, text, "fired")
    assert _roles(fired, "attacker") == {"gunmen"}
    assert _roles(fired, "target") == {"a security patrol"}
    # A headline's reduced passive is still one: the soldiers were killed.
    killed = _event(nlp, "Five soldiers killed in Iraq blast", "killed")
    assert _roles(killed, "victim") == {"Five soldiers"}
    # People fire at something; weapons are fired at it.
    police = _event(nlp, "Police fired at the car as it sped away.", "fired")
    assert _roles(police, "attacker") == {"Police"}
    assert _roles(police, "target") == {"the car"}
    assert "Rockets" not in _roles(_event(nlp, "Rockets fired at Israel", "fired"), "attacker")


def test_a_framing_attack_noun_has_the_clause_deed_roles(nlp: Language) -> None:
    text = "In another attack, gunmen fired on a security patrol in Karak, causing no injuries."
    attack = _event(nlp, text, "attack")
    assert _roles(attack, "attacker") == {"gunmen"}
    assert _roles(attack, "place") == {"Karak"}
    stormed = _event(nlp, "In the attack, gunmen stormed a hotel in Kabul.", "attack")
    assert _roles(stormed, "target") == {"a hotel"}
    # Not a phrase of another kind of deed: the hotel was damaged, no one named attacked.
    assert not _event(nlp, "In the attack, the hotel was badly damaged.", "attack").arguments


def test_a_conjoined_participle_of_harm_shares_the_first_ones_place(nlp: Language) -> None:
    text = (
        "A powerful earthquake struck the northern Indonesian province of Aceh, killing at "
        "least three people and injuring dozens more."
    )
    assert _roles(_event(nlp, text, "injuring"), "place") == {"Aceh"}


def test_a_place_holds_another_at_it_and_names_after_commas(nlp: Language) -> None:
    text = "He was found dead in his room at the Sun Tan Motel Tuesday morning."
    assert _roles(_event(nlp, text, "dead"), "place") == {"his room", "Sun Tan Motel"}
    text = (
        "Both women were found dead at their home in Newton Street, Millom, Cumbria, on Saturday."
    )
    assert "Cumbria" in _roles(_event(nlp, text, "dead"), "place")


def test_a_war_of_a_region_or_a_civil_war_of_a_country_is_where_it_is(nlp: Language) -> None:
    assert _roles(_event(nlp, "Sudan's civil war killed two million people.", "war"), "place") == {
        "Sudan"
    }
    africa = _event(nlp, "Africa's longest civil war ended in 2005.", "war")
    assert _roles(africa, "place") == {"Africa"}
    assert not _roles(africa, "participant")
    # A country's war with another is its own.
    israel = _event(nlp, "Israel's war with Hamas lasted 50 days.", "war")
    assert _roles(israel, "participant") == {"Israel", "Hamas"}


def test_who_is_charged_with_counts_of_murder_is_the_killer(nlp: Language) -> None:
    text = (
        "Prosecutors have charged 27-year-old Christopher Kenyon Simpson with two counts of "
        "first-degree murder in the April 2012 shooting death of Ka'Loni Flynn."
    )
    assert _roles(_event(nlp, text, "murder"), "attacker") == {"Christopher Kenyon Simpson"}
    counts = _event(nlp, "He was charged with two counts of murder.", "murder")
    assert _roles(counts, "attacker") == {"He"}


def test_who_is_held_on_suspicion_of_a_killing_is_suspected_not_who_holds_him(
    nlp: Language,
) -> None:
    murder = _event(nlp, "Police arrested him on suspicion of murder.", "murder")
    assert _roles(murder, "attacker") == {"him"}
    faces = _event(nlp, "Each faces five charges of arson.", "arson")
    assert _roles(faces, "attacker") == {"Each"}


def test_the_shooting_of_a_shooting_death_and_who_is_accused_of_it(nlp: Language) -> None:
    text = "Police are investigating the shooting death of a 20-year-old man in Dayton."
    assert _roles(_event(nlp, text, "shooting"), "target") == {"a 20-year-old man"}
    text = (
        "Testimony in the murder trial of an Albany teen accused in the shooting death of "
        "young Kathina Thomas continued on Wednesday."
    )
    assert _roles(_event(nlp, text, "death"), "attacker") == {"an Albany teen"}
    assert _roles(_event(nlp, text, "shooting"), "attacker") == {"an Albany teen"}


def test_a_journey_told_by_its_direction_or_a_verb_of_journeying(nlp: Language) -> None:
    going = _event(nlp, "Williams was going west in his Bentley about 1:30 a.m.", "going")
    assert _roles(going, "agent") == {"Williams"}
    assert "movement" not in _types(nlp, "The storm moved north overnight.")
    journey = _event(nlp, "Next week they journey to Denver to take on the Broncos.", "journey")
    assert _roles(journey, "destination") == {"Denver"}
    moved = _event(nlp, "The team moved it to an isolated location.", "moved")
    assert _roles(moved, "destination") == {"an isolated location"}
    assert "movement" in _types(nlp, "The relocation of the villagers began in May.")


def test_the_crime_of_a_trial_or_a_charge_is_a_mention_with_the_accused(nlp: Language) -> None:
    text = "Prosecutor Seth Goldman spoke during the murder trial of Lopez and Carrasquillo."
    assert _roles(_event(nlp, text, "murder"), "attacker") == {"Lopez", "Carrasquillo"}
    assert _roles(_event(nlp, "He faces a murder charge.", "murder"), "attacker") == {"He"}
    # Any other noun still makes the word a kind: "strike assessments", "attack helicopters".
    assert "attack" not in _types(nlp, "The attack helicopters returned to base.")


def test_a_killing_named_by_its_charge_and_by_its_death_is_one(nlp: Language) -> None:
    text = (
        "The murder trial of a Spiro man charged in the deaths of a pregnant Arkansas woman "
        "is underway in Poteau."
    )
    assert _roles(_event(nlp, text, "murder"), "victim") == {"a pregnant Arkansas woman"}
    text = (
        "Prosecutors have charged 27-year-old Christopher Kenyon Simpson with two counts of "
        "first-degree murder in the April 2012 shooting death of 20-year-old Ka'Loni Flynn of "
        "Fort Smith."
    )
    assert _roles(_event(nlp, text, "murder"), "victim") == {"Ka'Loni Flynn"}
    assert _roles(_event(nlp, text, "death"), "attacker") == {"Christopher Kenyon Simpson"}
    # Two killings by one killer are two, each with its victim.
    text = "Gunmen killed a soldier and murdered a policeman."
    assert _roles(_event(nlp, text, "killed"), "victim") == {"a soldier"}


def test_a_description_after_a_name_read_as_conjoined_is_no_second_victim(
    nlp: Language,
) -> None:
    text = (
        "Fred LaRue, a Richard Nixon White House aide and key player in the Watergate "
        "scandal, was found dead in his room at a Biloxi motel, it was reported Wednesday."
    )
    assert _roles(_event(nlp, text, "dead"), "victim") == {"Fred LaRue"}
    arrested = _event(nlp, "Police arrested John Smith and Mary Jones.", "arrested")
    assert _roles(arrested, "detainee") == {"John Smith", "Mary Jones"}


def test_an_incident_named_by_its_deed_has_its_places(nlp: Language) -> None:
    text = "A shooting incident in Dayton left two injured."
    assert _roles(_event(nlp, text, "shooting"), "place") == {"Dayton"}
    spree = _event(nlp, "A stabbing spree in Tokyo left three dead.", "stabbing")
    assert _roles(spree, "place") == {"Tokyo"}


def test_a_bare_verb_listed_after_an_infinitive_has_its_controller(nlp: Language) -> None:
    text = (
        "They were ordered by a judge to surrender their passports, check in with RCMP "
        "authorities, not leave British Columbia and perform no celestial marriages."
    )
    assert _roles(_event(nlp, text, "leave"), "agent") == {"They"}


def test_they_of_a_reported_clause_is_who_reports_it(nlp: Language) -> None:
    arrested = _event(nlp, "Police said they arrested two men on Sunday.", "arrested")
    assert _roles(arrested, "agent") == {"Police"}
    text = (
        "The health ministry and World Vision Indonesia have said they will be sending in "
        "aid teams."
    )
    assert _roles(_event(nlp, text, "sending"), "agent") == {
        "The health ministry",
        "World Vision Indonesia",
    }
    # One company is no "they".
    text = "The company said they would travel to Paris."
    assert _roles(_event(nlp, text, "travel"), "agent") == {"they"}


def test_what_the_parse_reads_as_the_object_of_dying_is_no_victim(nlp: Language) -> None:
    text = "When Hoover died and Tolson retired, he saw his path to power cleared."
    assert _roles(_event(nlp, text, "died"), "victim") == {"Hoover"}


def test_the_crime_of_a_case_is_that_crime_only_and_an_attempt_is_an_attack(
    nlp: Language,
) -> None:
    text = (
        "Hiller is expected to be arraigned on two murder charges and one attempted murder charge."
    )
    assert [e.type for e in _events(nlp, text) if e.trigger.text == "murder"] == [
        "killing",
        "attack",
    ]
    # A penalty is no crime: "death penalty cases" tell of no death.
    assert not _types(nlp, "Both attorneys have experience with death penalty cases.")


def test_a_description_before_a_name_read_as_a_second_subject_is_no_detainee(
    nlp: Language,
) -> None:
    text = (
        "A minister of the Evangelical Presbyterian Church, Brunson was originally detained "
        "in the coastal town of Izmir."
    )
    assert _roles(_event(nlp, text, "detained"), "detainee") == {"Brunson"}


def test_he_of_an_adverbial_clause_is_the_name_the_main_clause_has(nlp: Language) -> None:
    text = (
        "U.S. Secretary of State Rex Tillerson met with Brunson's wife in March when he "
        "visited the Turkish capital of Ankara."
    )
    assert "he" not in _roles(_event(nlp, text, "visited"), "agent")
    assert any("Tillerson" in a for a in _roles(_event(nlp, text, "visited"), "agent"))
    # Who reports a clause after it is not its "he".
    text = (
        "He died at 12:45 p.m. on Thursday at his home in Santa Rosa, California, the Post stated."
    )
    assert _roles(_event(nlp, text, "died"), "victim") == {"He"}


def test_a_facility_named_with_an_of_phrase_is_a_place(nlp: Language) -> None:
    text = (
        "After being born, Lucy had to be rushed by air ambulance from Churchill to the "
        "Children's Hospital of Manitoba in Winnipeg."
    )
    destinations = _roles(_event(nlp, text, "rushed"), "destination")
    assert "Children's Hospital of Manitoba" in destinations


def test_it_or_them_is_the_thing_its_sentence_names_before(nlp: Language) -> None:
    text = "The team removed the bomb from the school and moved it to an isolated location."
    assert _roles(_event(nlp, text, "moved"), "artifact") == {"the bomb"}
    text = "The thieves reversed their car out of the store and set fire to it."
    assert _roles(_event(nlp, text, "fire"), "target") == {"their car"}
    fired = _event(nlp, "He had a gun and he fired it twice.", "fired")
    assert _roles(fired, "instrument") == {"a gun"}
    assert not _roles(fired, "target")
    # People are no antecedent of "it", nor a plural of "it".
    took = _event(nlp, "Police found the victims and took them to a hospital.", "took")
    assert _roles(took, "artifact") == {"them"}


def test_responding_to_a_scene_is_a_journey_and_to_questions_none(nlp: Language) -> None:
    text = "Kentucky State Troopers responded to the scene along with the county coroner."
    responded = _event(nlp, text, "responded")
    assert _roles(responded, "destination") == {"the scene"}
    assert "movement" not in _types(nlp, "The company responded to questions from reporters.")
