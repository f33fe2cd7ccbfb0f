"""Argument spans and heads: partitive nouns keep the people of their of-phrase, runs of
spaces the parser hangs as subjects are no arguments, and who suffers a state or a complement."""

from __future__ import annotations

from spacy.language import Language

from newsgraph.extract.article import Article
from newsgraph.extract.extraction import Extraction
from newsgraph.extract.pipeline import extract_articles


def test_members_of_a_group_keep_the_group_in_the_span(nlp: Language) -> None:
    text = "Members of the Farabundo Marti National Liberation Front attacked a power station."
    (extraction,) = extract_articles([Article(id="t", text=text)], nlp)
    attack = next(e for e in extraction.events if e.trigger.text == "attacked")
    attackers = [a.text for a in attack.arguments if a.role == "attacker"]
    assert any(t.startswith("Members of") and t.endswith("Front") for t in attackers)


def test_a_run_of_spaces_is_no_argument(nlp: Language) -> None:
    text = (
        "heavy fighting raged last night.  according to preliminary reports, a soldier "
        "guarding the substation was wounded."
    )
    (extraction,) = extract_articles([Article(id="t", text=text)], nlp)
    assert extraction.events
    for event in extraction.events:
        assert all(a.text.strip() for a in event.arguments)


def _times(extraction: Extraction, trigger: str) -> set[str]:
    event = next(e for e in extraction.events if e.trigger.text == trigger)
    return {a.text for a in event.arguments if a.role == "time"}


def test_a_time_of_the_main_clause_is_not_a_relative_clauses_time(nlp: Language) -> None:
    text = (
        "A U.S. strike on Jan. 1 hit two al-Qaida vehicles that had departed a large "
        "headquarters near Sarmada, Syria."
    )
    (extraction,) = extract_articles([Article(id="t", text=text)], nlp)
    assert _times(extraction, "strike") == {"Jan. 1"}
    assert not _times(extraction, "departed")


def test_conjoined_verbs_share_their_clauses_time(nlp: Language) -> None:
    text = "On Monday, Dec. 26, the ISIL leader was struck and killed by a coalition airstrike."
    (extraction,) = extract_articles([Article(id="t", text=text)], nlp)
    assert _times(extraction, "killed") == {"Monday, Dec. 26"}


def test_a_site_left_is_the_origin_without_the_town_it_is_near(nlp: Language) -> None:
    text = "Two vehicles departed a large al-Qaida headquarters near Sarmada, Syria, on Monday."
    (extraction,) = extract_articles([Article(id="t", text=text)], nlp)
    event = next(e for e in extraction.events if e.trigger.text == "departed")
    roles = {(a.role, a.text) for a in event.arguments}
    assert any(role == "origin" and "headquarters" in t for role, t in roles)
    assert not any(t in {"Sarmada", "Syria"} for _, t in roles)


def _roles(extraction: Extraction, trigger: str) -> set[tuple[str, str]]:
    event = next(e for e in extraction.events if e.trigger.text == trigger)
    return {(a.role, a.text) for a in event.arguments}


def test_a_countrys_strike_is_its_own_and_a_citys_bombing_is_there(nlp: Language) -> None:
    text = (
        "A U.S. strike killed three militants near Mosul. Israeli airstrikes hit Damascus. "
        "The Baghdad bombing killed 20 people. The Jordanian airport plot was foiled."
    )
    (extraction,) = extract_articles([Article(id="t", text=text)], nlp)
    assert ("attacker", "U.S.") in _roles(extraction, "strike")
    assert ("attacker", "Israeli") in _roles(extraction, "airstrikes")
    assert ("place", "Baghdad") in _roles(extraction, "bombing")
    # Not an attack: the demonym still places the plot in its country.
    assert ("place", "Jordanian") in _roles(extraction, "plot")


def test_a_demonym_of_several_words_places_the_event_in_its_country(nlp: Language) -> None:
    text = "The Saudi Arabian plot was foiled. The Sri Lankan plot was foiled."
    (extraction,) = extract_articles([Article(id="t", text=text)], nlp)
    plots = [e for e in extraction.events if e.trigger.text == "plot"]
    places = [{(a.role, a.text, a.entity) for a in e.arguments} for e in plots]
    assert places == [
        {("place", "Saudi Arabian", "place/saudi-arabia")},
        {("place", "Sri Lankan", "place/sri-lanka")},
    ]


def _roles_but_time(extraction: Extraction, trigger: str) -> set[tuple[str, str]]:
    event = next(e for e in extraction.events if e.trigger.text == trigger)
    return {(a.role, a.text) for a in event.arguments if a.role != "time"}


def test_who_is_left_dead_or_wounded_is_the_victim(nlp: Language) -> None:
    text = (
        "The attack left one officer dead and three people wounded. "
        "Lattin was pronounced dead at the scene. "
        "A three-hour shootout Thursday left four gunmen killed."
    )
    (extraction,) = extract_articles([Article(id="t", text=text)], nlp)
    assert _roles_but_time(extraction, "dead") >= {("victim", "one officer")}
    assert ("victim", "three people") in _roles_but_time(extraction, "wounded")
    lattin = [e for e in extraction.events if e.trigger.text == "dead"][1]
    assert {(a.role, a.text) for a in lattin.arguments} >= {("victim", "Lattin")}
    assert _roles_but_time(extraction, "killed") == {("victim", "four gunmen")}


def test_what_one_dies_of_is_no_victim(nlp: Language) -> None:
    text = "At least a thousand people in the state have died of meningitis."
    (extraction,) = extract_articles([Article(id="t", text=text)], nlp)
    victims = {t for role, t in _roles_but_time(extraction, "died") if role == "victim"}
    assert victims and not any("meningitis" in t for t in victims)


def test_an_object_controls_the_complement_after_it(nlp: Language) -> None:
    text = "Parents aren't supposed to see their child die."
    (extraction,) = extract_articles([Article(id="t", text=text)], nlp)
    assert _roles_but_time(extraction, "die") == {("victim", "their child")}
    # A finite verb the parse hangs as a complement keeps the subject of its clause.
    text = "A man wanted for violating his parole killed three police officers."
    (extraction,) = extract_articles([Article(id="t", text=text)], nlp)
    assert ("attacker", "A man") in _roles_but_time(extraction, "killed")


def test_a_modifier_makes_no_victim_of_what_is_no_person(nlp: Language) -> None:
    text = "Four of the injured suffered scrapes and bruises, officials said."
    (extraction,) = extract_articles([Article(id="t", text=text)], nlp)
    for event in extraction.events:
        assert not any("scrapes" in a.text for a in event.arguments)


def test_life_returning_is_no_one_moving(nlp: Language) -> None:
    text = "A lull in the fighting has allowed normal life to return to these areas."
    (extraction,) = extract_articles([Article(id="t", text=text)], nlp)
    assert not any(a.text == "normal life" for e in extraction.events for a in e.arguments)


def _read(text: str, trigger: str, nlp: Language) -> tuple[set[tuple[str, str]], str]:
    (extraction,) = extract_articles([Article(id="t", text=text)], nlp)
    event = next(e for e in extraction.events if e.trigger.text == trigger)
    return {(a.role, a.text) for a in event.arguments}, event.modality


def test_who_claims_responsibility_for_an_attack_is_its_attacker(nlp: Language) -> None:
    roles, modality = _read(
        "The Islamic State claimed responsibility for the attack on the mosque in Kabul.",
        "attack",
        nlp,
    )
    assert ("attacker", "Islamic State") in roles
    assert ("target", "the mosque") in roles
    assert modality == "asserted"


def test_who_is_blamed_for_an_attack_is_its_attacker_not_its_target(nlp: Language) -> None:
    roles, _ = _read("The government blamed the attack on Kurdish militants.", "attack", nlp)
    assert roles == {("attacker", "Kurdish militants")}
    roles, _ = _read("President Cristiani attributed Rivera's murder to the FMLN.", "murder", nlp)
    assert ("attacker", "FMLN") in roles
    assert ("victim", "Rivera") in roles


def test_a_claim_made_by_no_one_or_denied_names_no_attacker(nlp: Language) -> None:
    roles, modality = _read("No group has claimed responsibility for the attack.", "attack", nlp)
    assert not any(role == "attacker" for role, _ in roles)
    assert modality == "asserted"
    roles, modality = _read(
        "The rebels did not claim responsibility for the attack on the convoy.", "attack", nlp
    )
    assert not any(role == "attacker" for role, _ in roles)
    assert modality == "asserted"
    # A denial names no attacker either, and the bombing it denies still happened.
    roles, modality = _read(
        "The Taliban has denied responsibility for the bombing in Kandahar.", "bombing", nlp
    )
    assert not any(role == "attacker" for role, _ in roles)
    assert modality == "asserted"


def test_who_answers_for_an_event_does_not_change_that_it_happened(nlp: Language) -> None:
    roles, modality = _read(
        "The group responsible for the massacre was never identified.", "massacre", nlp
    )
    assert ("attacker", "The group") in roles
    assert modality == "asserted"


def test_an_attack_that_killed_has_the_killed_for_targets(nlp: Language) -> None:
    text = (
        "On Monday, Abu Jandal al-Kuwaiti, an ISIL gang leader in Raqqah, was struck and "
        "killed by a coalition airstrike near Tabqa Dam, Syria."
    )
    roles, _ = _read(text, "airstrike", nlp)
    assert ("target", "Abu Jandal al-Kuwaiti") in roles
    roles, _ = _read(text, "killed", nlp)
    assert ("attacker", "coalition") in roles
    roles, _ = _read("The attack killed two soldiers.", "attack", nlp)
    assert ("target", "two soldiers") in roles


def test_the_thing_an_attack_is_told_by_is_no_victim(nlp: Language) -> None:
    text = "A car bomb attack by the rebels wounded three policemen in Lima."
    roles, _ = _read(text, "wounded", nlp)
    assert not any(t == "car" for _, t in roles)
    roles, _ = _read(text, "attack", nlp)
    assert ("attacker", "the rebels") in roles
    assert not any(t == "car" for _, t in roles)


def test_a_comparative_keeps_its_people(nlp: Language) -> None:
    (extraction,) = extract_articles(
        [Article(id="t", text="More than 30 Lebanese soldiers were killed in Tripoli.")], nlp
    )
    (killing,) = [e for e in extraction.events if e.type == "killing"]
    (victim,) = [a for a in killing.arguments if a.role == "victim"]
    assert victim.text == "More than 30 Lebanese soldiers"
    assert victim.head is not None and victim.head.text == "soldiers"
    for incident in extraction.incidents:
        assert all(a.head is not None for a in incident.arguments)


def test_a_verb_the_parse_took_for_an_adjective_keeps_its_subject_and_object(
    nlp: Language,
) -> None:
    roles, _ = _read("The gunman wounded three people.", "wounded", nlp)
    assert roles == {("attacker", "The gunman"), ("victim", "three people")}
    roles, _ = _read("A suicide bomber wounded dozens of worshippers at a mosque.", "wounded", nlp)
    assert ("attacker", "A suicide bomber") in roles
    assert ("victim", "dozens of worshippers") in roles
    # An adjective that is one: the wounded are the victims, no one is an attacker.
    roles, _ = _read("The wounded soldiers were taken to a hospital in Kabul.", "wounded", nlp)
    assert ("victim", "soldiers") in {(r, t.split()[-1]) for r, t in roles}
    assert not any(role == "attacker" for role, _ in roles)


def test_fired_at_a_person_or_thing_is_the_target_and_at_a_place_the_place(nlp: Language) -> None:
    text = (
        "Police fired at protesters in the square. The soldiers shot at the crowd. "
        "Soldiers fired at a checkpoint in Kabul."
    )
    (extraction,) = extract_articles([Article(id="t", text=text)], nlp)
    fired, checkpoint = [e for e in extraction.events if e.trigger.text == "fired"]
    assert ("target", "protesters") in {(a.role, a.text) for a in fired.arguments}
    assert ("target", "the crowd") in _roles(extraction, "shot")
    roles = {(a.role, a.text) for a in checkpoint.arguments}
    assert ("place", "Kabul") in roles and not any(r == "target" for r, _ in roles)
