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
