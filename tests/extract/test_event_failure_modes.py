"""The false events and roles issue 19 found in the seed article are gone, and the modality
of a trigger is read from its clause."""

from __future__ import annotations

from spacy.language import Language

from newsgraph.extract.article import Article
from newsgraph.extract.extraction import Event, Extraction
from newsgraph.extract.pipeline import extract_articles


def _sentence_of(extraction: Extraction, event: Event) -> str:
    text = extraction.article.text
    sentence = extraction.sentences[event.sentence]
    return text[sentence.start : sentence.end]


def _events(extraction: Extraction, trigger: str, context: str) -> list[Event]:
    return [
        e
        for e in extraction.events
        if e.trigger.text == trigger and context in _sentence_of(extraction, e)
    ]


def _asserted(extraction: Extraction, event_type: str, trigger: str, context: str) -> list[Event]:
    return [
        e
        for e in _events(extraction, trigger, context)
        if e.type == event_type and e.modality == "asserted"
    ]


def test_the_fight_with_congress_is_no_armed_clash(seed_extraction: Extraction) -> None:
    assert not _events(seed_extraction, "fight", "fight with Congress over war funding")
    assert not any(
        a.entity == "organization/congress"
        for i in seed_extraction.incidents
        if i.type == "armed_clash"
        for a in i.arguments
    )


def test_the_fight_will_be_everywhere_is_no_asserted_clash(seed_extraction: Extraction) -> None:
    assert not _asserted(seed_extraction, "armed_clash", "fight", "the fight will be everywhere")


def test_exodus_leaving_and_return_are_no_asserted_movements(seed_extraction: Extraction) -> None:
    assert not [e for e in seed_extraction.events if e.trigger.text == "exodus"]
    assert not _events(seed_extraction, "leaving", "The bad news is")
    assert not _asserted(seed_extraction, "movement", "return", "return to Europe")


def test_if_we_withdraw_is_hypothetical(seed_extraction: Extraction) -> None:
    (withdraw,) = _events(seed_extraction, "withdraw", "If we withdraw from Iraq")
    assert withdraw.modality == "hypothetical"


def test_launch_attacks_elsewhere_is_not_asserted(seed_extraction: Extraction) -> None:
    (attacks,) = _events(seed_extraction, "attacks", "launch attacks elsewhere")
    assert attacks.modality in {"planned", "hypothetical"}


def test_no_wrong_actors(seed_extraction: Extraction) -> None:
    every = [a for e in seed_extraction.events for a in e.arguments] + [
        a for i in seed_extraction.incidents for a in i.arguments
    ]
    assert not [a for a in every if a.text == "The bad news"]
    # The Saudis arrested the plotters; they are no attackers of the plotted attacks.
    assert not [a for a in every if a.entity == "organization/saudis" and a.role == "attacker"]
    # The officials monitor the men; the men return to Europe.
    assert not [a for a in every if "European officials" in a.text and a.role == "agent"]


def _event(nlp: Language, text: str, trigger: str) -> Event:
    (extraction,) = extract_articles([Article(id="m", text=text)], nlp)
    (event,) = [e for e in extraction.events if e.trigger.text == trigger]
    return event


def test_modality_from_the_clause(nlp: Language) -> None:
    assert _event(nlp, "The rebels attacked the village on Monday.", "attacked").modality == (
        "asserted"
    )
    assert _event(nlp, "The rebels did not attack the village.", "attack").modality == "negated"
    assert _event(nlp, "The rebels will attack the village.", "attack").modality == "planned"
    assert _event(nlp, "The rebels vowed to attack the village.", "attack").modality == "planned"
    assert (
        _event(nlp, "If the talks fail, the rebels would attack the village.", "attack").modality
        == "hypothetical"
    )
    assert _event(nlp, "Terrorists attack soft targets.", "attack").modality == "generic"
    # A strike is an attack among armed sides: the releases these come from name them.
    releases = "Coalition aircraft conducted strikes against ISIL near Mosul. "
    definition = "A strike, as defined in the releases, means one or more kinetic events."
    assert _event(nlp, releases + definition, "strike").modality == "generic"
    each = "The command does not report the munitions dropped in each strike."
    assert _event(nlp, releases + each, "strike").modality == "generic"
    assert _event(nlp, "Artillery fire is not classified as a strike.", "strike").modality == (
        "generic"
    )
    known = "His death will degrade the group's ability to launch operations."
    assert _event(nlp, known, "death").modality == "asserted"
    could = "A strike could kill dozens of civilians."
    assert _event(nlp, releases + could, "strike").modality != "asserted"


def test_each_argument_keeps_the_confidence_of_its_source(nlp: Language) -> None:
    from newsgraph.extract.event_context import context_cues

    confidence = context_cues().argument_confidence
    (extraction,) = extract_articles(
        [Article(id="c", text="Gunmen killed two policemen near the border on Monday.")], nlp
    )
    (event,) = [e for e in extraction.events if e.trigger.text == "killed"]
    by_role = {a.role: a.confidence for a in event.arguments}
    assert by_role["attacker"] == confidence["subject"]
    assert by_role["victim"] == confidence["object"]
    assert confidence["inherited_subject"] < confidence["subject"]


def _triggers(nlp: Language, text: str) -> list[str]:
    (extraction,) = extract_articles([Article(id="k", text=text)], nlp)
    return [e.trigger.text for e in extraction.events]


def test_a_noun_naming_a_kind_is_no_event(nlp: Language) -> None:
    """A trigger word that modifies another noun names a kind of thing, not an occurrence."""
    assert _triggers(nlp, "Strike assessments are based on initial reports.") == []
    assert "fighting" not in _triggers(
        nlp, "One strike engaged an ISIL tactical unit and destroyed a fighting position."
    )
    assert "suicide" not in _triggers(nlp, "The group claimed the suicide attacks in the town.")
    assert "attacks" in _triggers(nlp, "The group claimed the suicide attacks in the town.")
    assert "combat" not in _triggers(nlp, "He died on Monday in a non-combat related incident.")


def test_a_campaign_against_an_enemy_is_no_armed_clash(nlp: Language) -> None:
    assert "fight" not in _triggers(
        nlp, "F-16s arrived on Monday to join the fight against the Islamic State."
    )
    assert "battle" in _triggers(
        nlp, "Last week, the army found itself in a furious battle against a militant group."
    )
    assert "war" in _triggers(nlp, "The war against the rebels in Mosul killed hundreds.")


def test_a_danger_is_no_threat(nlp: Language) -> None:
    """PLOVER's threat is an act of threatening by someone, not a danger someone poses."""
    assert "threat" not in _triggers(nlp, "ISIL continues to pose a threat to the community.")
    assert "threat" not in _triggers(
        nlp, "They discussed the threat posed to people everywhere by violent extremist groups."
    )
    assert "threat" in _triggers(nlp, "The rebels repeated their threat to attack the capital.")


def test_execute_is_a_killing_only_of_people(nlp: Language) -> None:
    assert "execute" not in _triggers(nlp, "It is worthwhile when you get to execute the plan.")
    assert "executed" in _triggers(nlp, "The militants executed three soldiers on Monday.")
    assert "executed" in _triggers(nlp, "He was executed by the militants on Monday.")


def test_fly_and_enter_are_journeys_only_to_or_from_a_place(nlp: Language) -> None:
    assert "fly" not in _triggers(nlp, "The squadron will fly strike missions against ISIL.")
    assert "entered" not in _triggers(nlp, "The agreement, once entered into force, helps Iraq.")
    assert "flew" in _triggers(nlp, "The bomb maker flew from Baghdad to Amman on Friday.")
    assert "entered" in _triggers(nlp, "The fighters entered Syria on Monday.")


def test_a_message_or_munitions_fired_are_no_transport(nlp: Language) -> None:
    assert _triggers(nlp, "The envoy will deliver remarks in Turkey on Monday.") == []
    assert "send" not in _triggers(nlp, "It is the best way to send the message to Syria.")
    assert "delivering" not in _triggers(
        nlp, "The coalition conducted 300 strikes delivering 850 munitions on Monday."
    )
    assert "delivered" in _triggers(nlp, "Iran delivered rockets and ammunition to Hezbollah.")


def test_what_an_attack_did_names_its_targets(nlp: Language) -> None:
    (extraction,) = extract_articles(
        [
            Article(
                id="e",
                text="Near Mosul, seven strikes engaged four ISIL tactical units and destroyed "
                "a fighting position and a mortar.",
            )
        ],
        nlp,
    )
    (strikes,) = [e for e in extraction.events if e.trigger.text == "strikes"]
    targets = {a.text.split()[-1] for a in strikes.arguments if a.role == "target"}
    assert {"units", "position", "mortar"} <= targets


def test_a_participle_conjoined_to_a_passive_is_passive(nlp: Language) -> None:
    killed = _event(
        nlp, "The commander was struck and killed by a coalition airstrike on Monday.", "killed"
    )
    roles = {(a.role, a.text.split()[-1]) for a in killed.arguments}
    assert ("victim", "commander") in roles
    assert ("attacker", "commander") not in roles


def test_who_dies_is_the_victim(nlp: Language) -> None:
    died = _event(nlp, "Isiah L. Booker, of Cibolo, Texas, died Jan. 7, in Jordan.", "died")
    assert {a.role for a in died.arguments if "Booker" in a.text} == {"victim"}


def test_a_noun_listed_with_kinds_of_aircraft_is_no_attack(nlp: Language) -> None:
    text = (
        "Forces conducted 15 strikes using attack, bomber, fighter and remotely piloted aircraft."
    )
    assert "attack" not in _triggers(nlp, text)
    assert "strikes" in _triggers(nlp, text)


def test_the_injured_are_injured(nlp: Language) -> None:
    text = "We offer condolences to those who were injured in the attack on Monday."
    (extraction,) = extract_articles([Article(id="i", text=text)], nlp)
    (injured,) = [e for e in extraction.events if e.trigger.text == "injured"]
    assert injured.type == "injury"
    assert {(a.role, a.text) for a in injured.arguments if a.role != "time"} >= {
        ("victim", "those")
    }
    assert not [a for a in injured.arguments if a.role == "attacker"]


def test_a_facility_named_as_an_organization_is_a_destination(nlp: Language) -> None:
    deployment = _event(
        nlp, "The airmen left for a deployment to Incirlik Air Base on Monday.", "deployment"
    )
    assert any(a.role == "destination" and "Incirlik" in a.text for a in deployment.arguments), (
        deployment.arguments
    )


def test_the_obliques_of_a_light_verb_are_the_events(nlp: Language) -> None:
    strikes = _event(nlp, "In Syria, Coalition forces conducted 23 strikes on Monday.", "strikes")
    assert ("place", "Syria") in {(a.role, a.text) for a in strikes.arguments}


def test_who_departs_is_the_agent(nlp: Language) -> None:
    departed = _event(nlp, "Ninety airmen departed for Incirlik Air Base on Monday.", "departed")
    roles = {(a.role, a.text.split()[-1]) for a in departed.arguments}
    assert ("agent", "airmen") in roles and ("artifact", "airmen") not in roles
