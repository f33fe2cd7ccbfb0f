"""Roles and triggers as news tells them (chosen on tests/fixtures/news_events_dev.jsonl):
headline passives, who answers for a crime, places written after places, outcomes of a
clause, custody, bodies hurt, and what is no actor or no journey."""

from __future__ import annotations

from spacy.language import Language

from tests.extract.read_events import event_of as _event
from tests.extract.read_events import events_of as _events
from tests.extract.read_events import roles as _roles


def test_a_headlines_bare_participle_befalls_its_subject(nlp: Language) -> None:
    killed = _event(nlp, "Australian , English climbers killed in New Zealand", "killed")
    assert any("climbers" in t for t in _roles(killed, "victim"))
    assert not _roles(killed, "attacker")
    arrested = _event(nlp, "Chargers ' Jackson arrested on suspicion of DUI", "arrested")
    assert _roles(arrested, "detainee") == {"Jackson"}
    assert not _roles(arrested, "agent")
    # A date the parse took for an object does not make the verb active.
    swoop = _event(
        nlp,
        "A suspected Mafia boss arrested Tuesday in a high-profile police swoop has hanged "
        "himself in his prison cell , police sources said Wednesday .",
        "arrested",
    )
    assert any("boss" in t for t in _roles(swoop, "detainee"))


def test_an_active_verb_keeps_its_actor(nlp: Language) -> None:
    attacked = _event(nlp, "The troops attacked at dawn.", "attacked")
    assert _roles(attacked, "attacker") == {"The troops"}
    arrested = _event(nlp, "Police arrested and charged two men.", "arrested")
    assert "Police" in _roles(arrested, "agent")


def test_who_is_convicted_or_suspected_of_a_killing_is_its_attacker(nlp: Language) -> None:
    guilty = _event(
        nlp, "Andrew Lopez , 20 was found guilty in murder of Zurana Horton .", "murder"
    )
    assert _roles(guilty, "attacker") == {"Andrew Lopez"}
    convicted = _event(nlp, "He was convicted of killing two police officers in 2009.", "killing")
    assert _roles(convicted, "attacker") == {"He"}
    charged = _event(nlp, "Police charged the man with the murder of his wife.", "murder")
    assert _roles(charged, "attacker") == {"the man"}
    suspected = _event(
        nlp, "A goth was being questioned on suspicion of murder yesterday .", "murder"
    )
    assert _roles(suspected, "attacker") == {"A goth"}


def test_a_place_written_after_a_place_is_a_place_too(nlp: Language) -> None:
    killed = _event(nlp, "Two soldiers were killed in Kandahar, Afghanistan, on Monday.", "killed")
    assert {"Kandahar", "Afghanistan"} <= _roles(killed, "place")


def test_a_kind_of_place_is_marked_by_its_name(nlp: Language) -> None:
    exploded = _event(nlp, "The bomb exploded in the city of Mosul.", "exploded")
    assert _roles(exploded, "place") == {"Mosul"}


def test_an_outcome_shares_its_clauses_time_and_no_force_of_nature_acts(nlp: Language) -> None:
    text = (
        "A series of powerful earthquakes rocked Manokwari , the capital of West Papua , on "
        "Sunday , killing four people , injuring dozens and destroying hundreds of buildings ."
    )
    for trigger in ("killing", "injuring"):
        event = _event(nlp, text, trigger)
        assert _roles(event, "time") == {"Sunday"}
        assert not _roles(event, "attacker")


def test_one_sent_or_gone_to_prison_is_arrested_there(nlp: Language) -> None:
    sent = _event(nlp, "He was sent to prison for ten years.", "sent")
    assert sent.type == "arrest" and _roles(sent, "detainee") == {"He"}
    went = _event(nlp, "He went to jail in 2004.", "went")
    assert went.type == "arrest" and _roles(went, "detainee") == {"He"}
    held = _event(nlp, "Jeffs is being held without bond at a jail outside San Angelo .", "held")
    assert held.type == "arrest" and _roles(held, "detainee") == {"Jeffs"}
    assert not _events(nlp, "The company held a meeting in Paris.")


def test_one_who_hangs_himself_is_victim_and_hanging_a_banner_is_no_killing(
    nlp: Language,
) -> None:
    hanged = _event(nlp, "The former minister hanged himself in his cell.", "hanged")
    assert hanged.type == "killing"
    assert any("minister" in t for t in _roles(hanged, "victim"))
    assert not _events(nlp, "They hung a banner from the bridge.")


def test_who_suffers_wounds_or_hurts_a_knee_is_the_victim(nlp: Language) -> None:
    wounds = _event(nlp, "The victim suffered two small, shallow puncture wounds.", "wounds")
    assert wounds.type == "injury" and _roles(wounds, "victim") == {"The victim"}
    knee = _event(nlp, "Bush hurt his left knee against the Carolina Panthers.", "hurt")
    assert _roles(knee, "victim") == {"Bush"}
    assert not _roles(knee, "attacker")


def test_a_gerund_of_an_attack_verb_is_an_attack(nlp: Language) -> None:
    text = (
        "The argument ended with one 14-year-old girl stabbing another girl in the chest "
        "with a pair of scissors."
    )
    stabbing = _event(nlp, text, "stabbing")
    assert stabbing.type == "attack"
    assert _roles(stabbing, "target") == {"another girl"}


def test_dropped_bombs_are_a_bombing_and_landing_bombs_no_journey(nlp: Language) -> None:
    text = "Military aircraft dropped bombs Thursday in and around a camp filled with refugees ."
    assert _event(nlp, text, "bombs").type == "bombing"
    landed = "One of the bombs landed in a school yard where about 300 students were in class ."
    assert not any(e.type == "movement" for e in _events(nlp, landed))
    helicopter = _event(nlp, "The helicopter landed on a nearby airstrip.", "landed")
    assert helicopter.type == "movement"
    assert _roles(helicopter, "place") == {"a nearby airstrip"}


def test_extradition_and_airlifts_are_journeys(nlp: Language) -> None:
    extradited = _event(
        nlp, "Warren Jeffs was quietly extradited from Utah to Texas .", "extradited"
    )
    assert extradited.type == "movement" and "Utah" in _roles(extradited, "origin")
    airlifted = _event(nlp, "She was airlifted to Sparrow Hospital.", "airlifted")
    assert _roles(airlifted, "destination") == {"Sparrow Hospital"}


def test_brought_up_and_delivered_sales_are_no_journeys(nlp: Language) -> None:
    assert not _events(nlp, "Alice was brought up in Millom , where her father ran a shop .")
    assert not _events(nlp, "Combs delivered $433.4 million in March sales to the county.")


def test_both_ends_of_a_journey_when_the_parse_hangs_one_on_the_other(nlp: Language) -> None:
    text = "Warren Jeffs was quietly extradited from Utah to Texas , where he was arraigned ."
    extradited = _event(nlp, text, "extradited")
    assert _roles(extradited, "origin") == {"Utah"}
    assert _roles(extradited, "destination") == {"Texas"}
