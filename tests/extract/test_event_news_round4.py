"""Roles chosen on the dev halves of the second and third rounds of annotated news
(data/events/ANNOTATION.md), the seventh round of rules: who was killed in an attack, who
flees, who is feared dead or shot dead, the time of a "when" clause, where one leaves for."""

from __future__ import annotations

from spacy.language import Language

from tests.extract.read_events import event_of as _event
from tests.extract.read_events import roles as _roles
from tests.extract.read_events import types_of as _types


def test_those_killed_in_an_attack_are_its_targets(nlp: Language) -> None:
    text = (
        "Four members of the security forces and a tourist from Canada were killed in the "
        "shootings, officials said."
    )
    shootings = _event(nlp, text, "shootings")
    assert _roles(shootings, "target") == {"Four members of the security forces", "a tourist"}


def test_who_died_in_a_bombing_is_its_target_not_its_bomber(nlp: Language) -> None:
    bombing = _event(nlp, "Three people died in the bombing of a market in Kabul.", "bombing")
    assert _roles(bombing, "target") == {"Three people"}
    assert not _roles(bombing, "attacker")


def test_an_attack_takes_the_attacker_of_the_killing_told_in_it(nlp: Language) -> None:
    text = "Gunmen killed at least 12 soldiers in an attack on an army post near Tessit."
    attack = _event(nlp, text, "attack")
    assert _roles(attack, "attacker") == {"Gunmen"}
    # The killing's cause is no attacker of its own.
    airstrike = _event(nlp, "A coalition airstrike killed 20 militants.", "airstrike")
    assert "A coalition airstrike" not in _roles(airstrike, "attacker")


def test_who_flees_is_the_agent_even_where_the_parse_reads_a_participle(
    nlp: Language,
) -> None:
    text = "Two policemen were wounded and the assailants fled in a car, it said."
    fled = _event(nlp, text, "fled")
    assert _roles(fled, "agent") == {"the assailants"}
    assert not _roles(fled, "artifact")


def test_who_is_feared_dead_is_the_victim(nlp: Language) -> None:
    text = "A colleague has paid tribute to a Perth doctor feared dead after a fall."
    assert _roles(_event(nlp, text, "dead"), "victim") == {"a Perth doctor"}


def test_shot_dead_names_the_victim_after_it_and_the_shooter(nlp: Language) -> None:
    text = "A jury convicted a 27-year-old man of shooting dead his pregnant girlfriend."
    dead = _event(nlp, text, "dead")
    assert _roles(dead, "victim") == {"his pregnant girlfriend"}
    assert _roles(dead, "attacker") == {"a 27-year-old man"}


def test_a_when_clause_has_the_time_of_its_main_clause_not_of_a_later_one(
    nlp: Language,
) -> None:
    text = (
        "Tillerson met with Brunson's wife in March when he visited Ankara, and a State "
        "Department spokesman said in April it had called on Turkey to free him."
    )
    assert _roles(_event(nlp, text, "visited"), "time") == {"March"}


def test_those_arrested_are_what_is_moved(nlp: Language) -> None:
    text = "Sources said those arrested were to be transferred to Paris to be questioned."
    assert _roles(_event(nlp, text, "transferred"), "artifact") == {"those"}


def test_a_relative_pronoun_dies_with_its_perfect(nlp: Language) -> None:
    text = "Felt expected to succeed J. Edgar Hoover, who had run the bureau and died in 1972."
    assert _roles(_event(nlp, text, "died"), "victim") == {"J. Edgar Hoover"}


def test_leaving_for_a_place_goes_to_it(nlp: Language) -> None:
    assert _roles(_event(nlp, "He left for Pittsburgh on Friday.", "left"), "destination") == {
        "Pittsburgh"
    }
    assert "movement" not in _types(nlp, "She left for work early.")


def test_roads_are_places_of_a_journey(nlp: Language) -> None:
    text = "A white car was traveling east on Route 9 when it crashed."
    assert _roles(_event(nlp, text, "traveling"), "place") == {"Route 9"}


def test_information_and_storms_make_no_journey(nlp: Language) -> None:
    assert "movement" not in _types(nlp, "Once we have confirmation we will send more information.")
    storm = (
        "Officials warned that a storm system moving into the Red River Valley could bring snow."
    )
    assert "movement" not in _types(nlp, storm)


def test_a_return_is_a_journey_only_with_a_place_or_to_kin(nlp: Language) -> None:
    assert "movement" not in _types(nlp, "Sources are betting that Ross will return.")
    home = "More than 400 children were eventually returned to their families."
    assert _roles(_event(nlp, home, "returned"), "artifact") == {"More than 400 children"}
    assert "movement" in _types(nlp, "The skater recently returned from Australia.")


def test_what_is_seen_coming_is_what_comes(nlp: Language) -> None:
    smoke = "A CCTV operator saw smoke coming from the roof of the building."
    assert "movement" not in _types(nlp, smoke)
    fire = "The fire chief saw fire coming out from under the eaves of this building."
    assert "movement" not in _types(nlp, fire)
    # People seen coming do come.
    soldiers = _event(nlp, "A CCTV operator saw soldiers coming from the village.", "coming")
    assert _roles(soldiers, "agent") == {"soldiers"}


def test_fired_from_a_post_or_as_a_body_of_staff_is_a_dismissal(nlp: Language) -> None:
    manager = "Rhonda Poston-O'Connor was fired as county manager in September 2008."
    assert "attack" not in _types(nlp, manager)
    assert "attack" not in _types(nlp, "Palin fired the board and appointed another.")
    assert "attack" in _types(nlp, "Gunmen fired on a security patrol in Karak.")
    assert "attack" in _types(nlp, "Gunmen fired on the board members' convoy.")
    squad = "She could be sentenced to death by firing squad."
    assert "attack" not in _types(nlp, squad)


def test_a_time_in_a_clause_of_what_someone_is_held_for_is_not_the_custody(
    nlp: Language,
) -> None:
    text = "Chesnut was already in custody for allegedly robbing the First Bank on March 6."
    assert not _roles(_event(nlp, text, "custody"), "time")


def test_only_people_are_conjoined_to_the_victims(nlp: Language) -> None:
    killed = _event(
        nlp, "The rebels killed three soldiers, two policemen and a civilian.", "killed"
    )
    assert _roles(killed, "victim") == {"three soldiers", "two policemen", "a civilian"}
    text = (
        "Eventually , a jury found Gigante guilty in 1997 of conspiracy to murder other "
        "organized crime figures , racketeering , extortion and other charges ."
    )
    assert _roles(_event(nlp, text, "murder"), "victim") == {"other organized crime figures"}


def test_a_participle_after_a_deed_tells_what_its_doer_did(nlp: Language) -> None:
    text = (
        "At the end of July, an armed man carried out a brazen robbery in broad daylight at a "
        "diamond exhibition at the Carlton hotel in Cannes, making off with jewellery worth 100 "
        "million euros."
    )
    assert _roles(_event(nlp, text, "making"), "agent") == {"an armed man"}


def test_who_hurts_it_or_calls_themselves_victims_is_hurt(nlp: Language) -> None:
    knee = "He originally injured it against the Carolina Panthers earlier this season."
    injured = _event(nlp, knee, "injured")
    assert _roles(injured, "victim") == {"He"}
    assert not _roles(injured, "attacker")
    text = (
        "Lopez and Carrasquillo were targeting members of a rival gang when Horton and the "
        "two other victims killed and injured in the crossfire."
    )
    crossfire = _event(nlp, text, "injured")
    assert _roles(crossfire, "victim") == {"Horton", "the two other victims"}
    assert not _roles(crossfire, "attacker")


def test_a_fired_it_is_no_target(nlp: Language) -> None:
    text = "The bullet struck Kathina Thomas seconds after it was fired from a block away."
    assert not _roles(_event(nlp, text, "fired"), "target")


def test_civilian_deaths_befall_civilians(nlp: Language) -> None:
    text = "Mr Gunness said civilian deaths were a consequence of attacking a crowded place."
    assert _roles(_event(nlp, text, "deaths"), "victim") == {"civilian"}
    assert not _roles(_event(nlp, text, "attacking"), "attacker")


def test_who_arranges_or_sanctions_a_killing_is_its_attacker(nlp: Language) -> None:
    text = "He had violated protocol by arranging the assassination of Paul Castellano."
    assert _roles(_event(nlp, text, "assassination"), "attacker") == {"He"}


def test_names_made_with_a_trigger_word_are_no_events(nlp: Language) -> None:
    assert "killing" not in _types(nlp, "Use death row prisoners' organs for transplant.")
    assert "killing" not in _types(nlp, "The police homicide squad said he went home.")
    assert "arrest" not in _types(nlp, "Police served an arrest warrant on Friday.")
    assert "arrest" not in _types(nlp, "He went into cardiac arrest at the scene.")
    order = "He was the subject of a domestic violence protective order."
    assert "attack" not in _types(nlp, order)
    assert "arrest" in _types(nlp, "Police arrested him on a warrant on Friday.")


def test_shooting_a_ball_or_a_film_is_no_attack(nlp: Language) -> None:
    assert "attack" not in _types(nlp, "He was always ready to shoot a three-pointer.")
    assert "attack" not in _types(nlp, "They will shoot the film in Morocco.")
    assert "attack" in _types(nlp, "Gunmen shot the pilot of the helicopter.")


def test_withdrawing_a_request_or_an_offer_is_no_journey(nlp: Language) -> None:
    request = "Facing a backlash from some council members, Hume withdrew his request."
    assert "movement" not in _types(nlp, request)
    offer = "On Sunday night, the Los Angeles Angels withdrew their contract offer to Teixeira."
    assert "movement" not in _types(nlp, offer)
    assert "movement" in _types(nlp, "Russia withdrew its troops from Georgia.")
