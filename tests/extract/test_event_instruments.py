"""Instruments of attacks, bombings, killings and injuries, read from structure with the
weapons lexicon (data/lexicons/weapons.json)."""

from __future__ import annotations

from spacy.language import Language

from newsgraph.extract.events import is_weapon
from tests.extract.test_events import _extract, _roles


def test_a_weapon_as_subject_is_the_instrument_not_the_attacker(nlp: Language) -> None:
    roles = _roles(_extract(nlp, "A car bomb exploded near the embassy on Monday."), "exploded")
    assert roles.get("instrument") == {"A car bomb"}
    assert "attacker" not in roles


def test_a_weapon_in_the_by_phrase_is_the_instrument(nlp: Language) -> None:
    roles = _roles(_extract(nlp, "Three soldiers were killed by rocket fire."), "killed")
    assert any("fire" in text for text in roles.get("instrument", set()))
    assert "attacker" not in roles
    assert any("soldiers" in text for text in roles["victim"])


def test_a_weapon_compound_on_the_trigger_is_the_instrument(nlp: Language) -> None:
    roles = _roles(_extract(nlp, "The dynamite attack destroyed the bank."), "attack")
    assert roles.get("instrument") == {"dynamite"}


def test_what_is_fired_is_the_instrument_not_the_target(nlp: Language) -> None:
    roles = _roles(_extract(nlp, "Guerrillas fired rockets at the barracks."), "fired")
    assert any("rockets" in text for text in roles.get("instrument", set()))
    assert not any("rockets" in text for text in roles.get("target", set()))


def test_strikes_using_a_list_of_aircraft(nlp: Language) -> None:
    text = (
        "In Syria, Coalition military forces conducted 23 strikes using attack, bomber, "
        "fighter and remotely piloted aircraft against ISIL targets."
    )
    roles = _roles(_extract(nlp, text), "strikes")
    assert any(t.endswith("aircraft") for t in roles.get("instrument", set()))
    # The kinds listed before the head are no instruments of their own.
    assert not any(t in {"attack", "bomber", "fighter"} for t in roles.get("instrument", set()))


def test_strikes_delivering_munitions(nlp: Language) -> None:
    text = "The Coalition conducted more than 300 strikes delivering more than 850 munitions."
    roles = _roles(_extract(nlp, text), "strikes")
    assert any("munitions" in t for t in roles.get("instrument", set()))


def test_with_a_non_weapon_is_no_instrument(nlp: Language) -> None:
    x = _extract(nlp, "The militants attacked the village with impunity on Tuesday.")
    roles = _roles(x, "attacked")
    assert "instrument" not in roles


def test_is_weapon_needs_a_modifier_for_ambiguous_heads(nlp: Language) -> None:
    doc = nlp("An explosive device was found near a device shop, and a vehicle hit a rocket.")
    by_text = {(t.text, t.i): t for t in doc}
    devices = [t for (text, _), t in by_text.items() if text == "device"]
    assert [is_weapon(t) for t in devices] == [True, False]
    assert not is_weapon(next(t for t in doc if t.text == "vehicle"))
    assert is_weapon(next(t for t in doc if t.text == "rocket"))
