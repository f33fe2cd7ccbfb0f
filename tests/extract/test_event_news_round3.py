"""Triggers and roles chosen on the dev halves of the second and third rounds of annotated
news (data/events/ANNOTATION.md): who answers for a killing told in a charge, attempts,
plots that aim at no force, bookings into jail, weapons named by a relative clause."""

from __future__ import annotations

from spacy.language import Language

from tests.extract.read_events import event_of as _event
from tests.extract.read_events import events_of as _events
from tests.extract.read_events import roles as _roles
from tests.extract.read_events import types_of as _types


def test_the_noun_a_participle_of_accusing_describes_answers_for_the_event(
    nlp: Language,
) -> None:
    text = "Police arrested a man suspected of stabbing two women."
    stabbing = _event(nlp, text, "stabbing")
    assert _roles(stabbing, "attacker") == {"a man"}
    assert _roles(stabbing, "target") == {"two women"}
    # A noun that names no one does not answer for it.
    hearing = "A hearing charged with the murders of two women took place on Monday."
    assert not _roles(_event(nlp, hearing, "murders"), "attacker")


def test_counts_and_charges_of_an_event_fall_on_the_one_who_faces_them(nlp: Language) -> None:
    murder = _event(nlp, "The man faces three counts of murder.", "murder")
    assert _roles(murder, "attacker") == {"The man"}
    assert murder.type == "killing"


def test_who_is_accused_of_an_event_hung_on_a_conjoined_object_answers_for_it(
    nlp: Language,
) -> None:
    text = "Activists accused the regime and other forces of heavy shelling and bombardment."
    shelling = _event(nlp, text, "shelling")
    assert _roles(shelling, "attacker") == {"the regime", "other forces"}


def test_an_attempted_killing_is_an_attack(nlp: Language) -> None:
    text = "Gigante was acquitted in 1958 on charges of attempted murder."
    attempt = _event(nlp, text, "murder")
    assert attempt.type == "attack"
    assert _roles(attempt, "attacker") == {"Gigante"}
    assert _event(nlp, "He was charged with murder.", "murder").type == "killing"


def test_a_plot_that_aims_at_no_force_is_no_plot(nlp: Language) -> None:
    bribe = "In 1969, he was indicted on a charge of conspiracy to bribe the police force."
    assert "plot" not in _types(nlp, bribe)
    rig = "They were indicted on charges that they had conspired to rig bids."
    assert "plot" not in _types(nlp, rig)
    kill = "He was convicted of racketeering and conspiring to kill other mobsters."
    assert _event(nlp, kill, "conspiring").type == "plot"
    coup = "The officers were charged with conspiring to overthrow the government."
    assert _event(nlp, coup, "conspiring").type == "plot"


def test_booked_into_jail_is_an_arrest_and_the_jail_its_place(nlp: Language) -> None:
    booked = _event(nlp, "He was booked into county jail and released on bail.", "booked")
    assert booked.type == "arrest"
    assert _roles(booked, "detainee") == {"He"}
    assert _roles(booked, "place") == {"county jail"}
    assert "arrest" not in _types(nlp, "She booked a table for two.")


def test_a_weapon_named_by_a_relative_clause_is_the_instrument(nlp: Language) -> None:
    text = "He fired the bullet that struck Kathina Thomas."
    struck = _event(nlp, text, "struck")
    assert struck.type == "attack"
    assert _roles(struck, "instrument") == {"the bullet"}
    assert _roles(struck, "target") == {"Kathina Thomas"}


def test_a_past_spelled_as_its_base_shares_its_conjunct_s_subject(nlp: Language) -> None:
    text = "The thieves reversed their car out of the store and set fire to it."
    fire = _event(nlp, text, "fire")
    assert _roles(fire, "attacker") == {"The thieves"}


def test_a_person_s_name_beside_a_word_for_them_is_the_argument(nlp: Language) -> None:
    text = "Peterson was convicted in the deaths of his wife, Laci, and her fetus."
    assert "Laci" in _roles(_event(nlp, text, "deaths"), "victim")
    mum = "He was charged with the murder of his mum Alice McMeekin."
    assert _roles(_event(nlp, mum, "murder"), "victim") == {"Alice McMeekin"}
    # A list of words for people is no apposition.
    listed = "He is accused of killing his mother, sister and pet dog."
    assert _roles(_event(nlp, listed, "killing"), "victim") == {"his mother", "sister", "pet dog"}


def test_a_present_spelled_as_a_past_joined_to_a_past_shares_its_subject(
    nlp: Language,
) -> None:
    escaped = _event(
        nlp, "They then set fire to the vehicle and escaped in another car.", "escaped"
    )
    assert _roles(escaped, "agent") == {"They"}


def test_fighting_an_effort_or_a_charge_is_no_armed_clash(nlp: Language) -> None:
    # Armed words around, so only what is fought tells the sense.
    efforts = "The army chief fought the president's efforts to cut the number of troops."
    assert "armed_clash" not in _types(nlp, efforts)
    charges = "The general fought the charges against him in a military court."
    assert "armed_clash" not in _types(nlp, charges)
    troops = _event(nlp, "Rebels fought government troops near the border.", "fought")
    assert troops.type == "armed_clash"


def test_hurting_a_case_is_no_injury(nlp: Language) -> None:
    case = "The district attorney says this does not hurt their case."
    assert "injury" not in _types(nlp, case)
    hurt = _event(nlp, "The bombing hurt three people.", "hurt")
    assert hurt.type == "injury"
    assert _roles(hurt, "victim") == {"three people"}


def test_those_arrested_are_the_detainees(nlp: Language) -> None:
    text = "Sources close to the case said those arrested were to be transferred to Paris."
    assert _roles(_event(nlp, text, "arrested"), "detainee") == {"those"}


def test_who_reports_a_clause_after_it_is_no_reading_of_its_pronoun(nlp: Language) -> None:
    text = (
        "Jackson was stopped on state Route 52, Officer Brad Baehr said. "
        "He was booked into county jail and was released by 6 a.m., Baehr said."
    )
    booked = _event(nlp, text, "booked")
    assert "Baehr" not in _roles(booked, "detainee")


def test_a_named_war_is_an_armed_clash(nlp: Language) -> None:
    ww2 = _event(nlp, "He spent most of World War II hunting German spies.", "War")
    assert ww2.type == "armed_clash"
    assert not _events(nlp, "The Cold War ended in 1991.")
    committee = "He was a member of the ISIL's War Committee in Raqqa."
    assert "armed_clash" not in _types(nlp, committee)
    syndrome = "He was battling cancer, a result, he said, of Gulf War syndrome."
    assert "armed_clash" not in _types(nlp, syndrome)


def test_claiming_or_taking_a_life_is_a_killing(nlp: Language) -> None:
    text = "The bombing claimed the lives of 12 soldiers in Kabul on Monday."
    claimed = _event(nlp, text, "claimed")
    assert claimed.type == "killing"
    assert _roles(claimed, "victim") == {"12 soldiers"}
    # "take" needs no journey when it takes a life, and is no killing otherwise.
    crash = "A fiery crash early Thursday took the life of 19-year-old Robert Kochuk."
    assert _event(nlp, crash, "took").type == "killing"
    assert "killing" not in _types(nlp, "She took the bus to work.")
    assert not _events(nlp, "The new law will claim a large part of his life.")


def test_running_from_or_to_a_place_is_a_journey(nlp: Language) -> None:
    text = "She said many people in the village ran out from their houses in panic."
    ran = _event(nlp, text, "ran")
    assert ran.type == "movement"
    assert _roles(ran, "origin") == {"their houses"}
    # Running an organization, or for office, is none.
    family = "Prosecutors said he continued to run the crime family from prison."
    assert "movement" not in _types(nlp, family)
    assert "movement" not in _types(nlp, "He ran for president in 2008.")
