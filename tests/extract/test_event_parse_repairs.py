"""Roles and triggers read where the parse hangs a phrase in the wrong place, and the
journeys, bombings and wars of news that had no trigger (chosen on
tests/fixtures/news_events_dev.jsonl)."""

from __future__ import annotations

from spacy.language import Language

from tests.extract.read_events import event_of as _event
from tests.extract.read_events import events_of as _events
from tests.extract.read_events import roles as _roles


def test_a_nouns_by_phrase_hung_on_the_verb_is_its_attacker(nlp: Language) -> None:
    text = "The military had repelled a planned attack by forces loyal to the southern movement."
    assert _roles(_event(nlp, text, "attack"), "attacker") == {"forces"}
    # Not a by-phrase of means or measure, nor the agent of a passive verb.
    assert not _roles(_event(nlp, "They stopped the attack by noon.", "attack"), "attacker")


def test_a_possessor_read_as_a_compound_is_the_possessor(nlp: Language) -> None:
    text = "The meal tells the story of the ancient Israelites' flight from slavery in Egypt."
    assert _roles(_event(nlp, text, "flight"), "agent") == {"Israelites"}


def test_who_is_found_guilty_of_a_killing_is_its_killer_not_the_jury(nlp: Language) -> None:
    text = "A jury found Scott Peterson guilty Friday of killing his pregnant wife, Laci."
    killing = _event(nlp, text, "killing")
    assert _roles(killing, "attacker") == {"Scott Peterson"}
    short = _event(nlp, "A jury found Scott Peterson guilty of killing his wife.", "killing")
    assert _roles(short, "attacker") == {"Scott Peterson"}


def test_the_weapon_taken_up_before_the_attack_is_its_instrument(nlp: Language) -> None:
    text = "One girl grabbed a pair of scissors and stabbed the other girl repeatedly."
    assert _roles(_event(nlp, text, "stabbed"), "instrument") == {"scissors"}
    gun = _event(nlp, "The man pulled out a gun and shot the clerk.", "shot")
    assert _roles(gun, "instrument") == {"a gun"}
    # A past the tagger read as a base form still shares its head's subject.
    assert _roles(gun, "attacker") == {"The man"}
    car = _event(nlp, "He bought a car and killed his neighbour.", "killed")
    assert not _roles(car, "instrument")


def test_a_year_before_an_event_noun_is_its_time(nlp: Language) -> None:
    text = "The charges stem from the 2008 raid of the ranch in Eldorado."
    raid = _event(nlp, text, "raid")
    assert _roles(raid, "time") == {"2008"}
    assert raid.time is not None and raid.time.value == "2008"


def test_the_end_of_a_journey_hung_on_its_adverb(nlp: Language) -> None:
    text = "Two officers went to Utah to pick up Jeffs and flew with him back to Texas."
    assert _roles(_event(nlp, text, "flew"), "destination") == {"Texas"}


def test_a_bomb_that_lands_or_falls_is_a_bombing(nlp: Language) -> None:
    landed = _event(nlp, "Aid workers said at least one bomb landed in the camp.", "bomb")
    assert landed.type == "bombing"
    assert _roles(landed, "place") == {"the camp"}
    one_of = "One of the bombs landed in a school yard where 300 students were in class."
    assert [e.type for e in _events(nlp, one_of) if e.trigger.text == "bombs"] == ["bombing"]
    # A bomb that is found is no bombing of its own.
    assert not any(e.trigger.text == "bomb" for e in _events(nlp, "Police found a bomb."))


def test_driving_somewhere_is_a_journey_and_driving_a_car_is_not(nlp: Language) -> None:
    drove = _event(nlp, "He drove to the hospital with his wife.", "drove")
    assert drove.type == "movement" and _roles(drove, "destination") == {"the hospital"}
    assert not _events(nlp, "She drives a red car.")


def test_a_war_against_a_state_is_fought_and_against_an_ill_is_a_campaign(
    nlp: Language,
) -> None:
    text = "Sudan supports armed groups fighting a proxy war against South Sudan."
    assert _roles(_event(nlp, text, "war"), "participant") >= {"South Sudan"}
    assert not _events(nlp, "The government declared a war on drugs.")


def test_an_armed_conflict_is_a_clash_and_a_conflict_of_interest_is_not(nlp: Language) -> None:
    text = "Sporadic armed conflict in the north of the island is expected to go on, rebels said."
    assert _event(nlp, text, "conflict").type == "armed_clash"
    assert not _events(nlp, "There is a conflict of interest, the board said.")


def test_a_past_conjoined_to_an_infinitive_of_purpose_shares_the_first_verbs_subject(
    nlp: Language,
) -> None:
    text = "A ranger and an officer went to Utah to pick up Jeffs and flew with him back to Texas."
    assert _roles(_event(nlp, text, "flew"), "agent") == {"A ranger", "an officer"}


def test_children_seized_are_detained(nlp: Language) -> None:
    text = "Authorities seized more than 400 children at the ranch."
    seized = _event(nlp, text, "seized")
    assert seized.type == "arrest"
    assert _roles(seized, "detainee") == {"more than 400 children"}
    assert not any(e.trigger.text == "seized" for e in _events(nlp, "Police seized 40 rifles."))


def test_what_is_rammed_into_is_the_target_and_the_car_no_weapon(nlp: Language) -> None:
    text = "Four men rammed their car into an upmarket jewelry store in central Paris on Monday."
    rammed = _event(nlp, text, "rammed")
    assert rammed.type == "attack"
    assert _roles(rammed, "target") == {"an upmarket jewelry store"}
    assert not _roles(rammed, "instrument")
    assert _roles(_event(nlp, "The tanker rammed a fishing boat.", "rammed"), "target") == {
        "a fishing boat"
    }


def test_bullets_sprayed_are_an_attack_and_pesticide_is_not(nlp: Language) -> None:
    text = "He sprayed 13 bullets from a Brooklyn rooftop in broad daylight."
    sprayed = _event(nlp, text, "sprayed")
    assert sprayed.type == "attack" and _roles(sprayed, "instrument") == {"13 bullets"}
    assert not _events(nlp, "Workers sprayed the fields with pesticide.")


def test_taking_shelter_somewhere_is_a_journey(nlp: Language) -> None:
    text = "About 1,000 residents had taken shelter in a military field near the city."
    shelter = _event(nlp, text, "shelter")
    assert shelter.type == "movement"
    assert _roles(shelter, "agent") == {"About 1,000 residents"}


def test_trafficking_is_a_journey_and_delivering_on_a_pledge_is_not(nlp: Language) -> None:
    text = "Rewards are offered to disrupt the trafficking of antiquities from Syria."
    assert _event(nlp, text, "trafficking").type == "movement"
    pledge = "The loan guarantee is intended to deliver on President Obama's pledge in May 2016."
    assert not _events(nlp, pledge)


def test_the_town_of_a_name_the_tagger_read_as_a_noun_is_that_place(nlp: Language) -> None:
    text = (
        "Gunmen killed at least 12 soldiers in an attack on an army post near the town of "
        "Tessit in northern Mali on Sunday, the army said."
    )
    events = _events(nlp, text)
    assert all("Tessit" in _roles(e, "place") for e in events if e.type in {"killing", "attack"})
    assert not any("the town" in _roles(e, "place") for e in events)


def test_shootouts_perishing_nabbing_and_repatriation_are_events(nlp: Language) -> None:
    shootout = _event(nlp, "The gunman was later killed in a shootout with police.", "shootout")
    assert shootout.type == "armed_clash" and _roles(shootout, "participant") == {"police"}
    perished = _event(nlp, "At least 40 migrants perished when their boat sank.", "perished")
    assert perished.type == "killing"
    nabbed = _event(nlp, "Police nabbed the suspect at a gas station.", "nabbed")
    assert nabbed.type == "arrest" and _roles(nabbed, "detainee") == {"the suspect"}
    assert not _events(nlp, "The Lakers nabbed the title.")
    text = "The repatriation of refugees from Bangladesh began on Monday."
    assert _event(nlp, text, "repatriation").type == "movement"


def test_the_place_a_journey_goes_to_reach_is_its_destination(nlp: Language) -> None:
    walked = _event(nlp, "They walked at least seven days to reach the camp.", "walked")
    assert walked.type == "movement" and _roles(walked, "destination") == {"the camp"}
    traveled = _event(nlp, "The envoy traveled to Geneva to reach an agreement.", "traveled")
    assert _roles(traveled, "destination") == {"Geneva"}


def test_the_places_that_hold_an_events_place_are_its_places_too(nlp: Language) -> None:
    held = _event(
        nlp, "Jeffs is being held without bond at a jail outside San Angelo in West Texas.", "held"
    )
    assert {"San Angelo", "West Texas"} <= _roles(held, "place")
    text = "Ten militants were killed in Syria's Idlib province on Monday."
    assert {"Idlib", "Syria"} <= _roles(_event(nlp, text, "killed"), "place")
    # The country an embassy is of is not where it stands.
    embassy = _event(
        nlp, "A bomb exploded at the embassy of France in Kabul on Monday.", "exploded"
    )
    assert "France" not in _roles(embassy, "place")


def test_the_members_of_the_dead_and_the_arrested_are_its_victims(nlp: Language) -> None:
    text = "Among the dead was a 10-year-old girl, identified as Yolanda Mandofi."
    assert _roles(_event(nlp, text, "dead"), "victim") == {"a 10-year-old girl"}
    assert _roles(_event(nlp, "The dead included two children.", "dead"), "victim") == {
        "two children"
    }
    arrested = _event(nlp, "Those arrested included a former minister.", "arrested")
    assert "a former minister" in _roles(arrested, "detainee")
    # Who says so, set after the verb, is no apposition of the victim.
    said = "Among the dead was a 10-year-old girl, said local hospital director Hengky Tewu."
    assert "Hengky Tewu" not in _roles(_event(nlp, said, "dead"), "victim")


def test_a_case_marker_hung_on_the_first_word_of_a_name_is_the_names(nlp: Language) -> None:
    text = (
        "Rebels and soldiers were killed in clashes in the border state of South Kordofan "
        "in the town of Talodi on Thursday."
    )
    assert {"South Kordofan", "Talodi"} <= _roles(_event(nlp, text, "clashes"), "place")


def test_the_place_a_where_clause_tells_of_is_its_events_place(nlp: Language) -> None:
    text = "Police found the bodies in a house in Leeds where the men had been killed."
    assert {"a house in Leeds", "Leeds"} <= _roles(_event(nlp, text, "killed"), "place")
    # A where-clause on a noun that is no place gives none.
    other = "It was a moment where the men had been killed."
    assert not _roles(_event(nlp, other, "killed"), "place")


def test_the_place_a_sentence_opens_with_is_its_main_events_place(nlp: Language) -> None:
    text = (
        "Near Al Huwayjah, one strike engaged an ISIL tactical unit and destroyed an "
        "ISIL-held building."
    )
    assert _roles(_event(nlp, text, "strike"), "place") == {"Al Huwayjah"}
    # Not an event told in a clause of its own, after who says so.
    said = "In Mosul, officials said the attack killed two people."
    assert not _roles(_event(nlp, said, "attack"), "place")


def test_a_side_named_before_an_attack_noun_is_its_attacker(nlp: Language) -> None:
    text = "He was killed by a coalition airstrike near Tabqa Dam."
    assert _roles(_event(nlp, text, "airstrike"), "attacker") == {"coalition"}
    # A site named before it is the target, a weapon the instrument.
    school = _event(nlp, "A school attack shocked the city.", "attack")
    assert not _roles(school, "attacker")


def test_verbs_joined_each_with_an_auxiliary_share_the_subject(nlp: Language) -> None:
    text = (
        "Ambassador Robert Ford has completed his consultations in Washington and is "
        "returning to Syria."
    )
    assert _roles(_event(nlp, text, "returning"), "agent") == {"Robert Ford"}
    # Not a conjunct with no auxiliary of its own, in another tense.
    monitored = (
        "European officials are monitoring groups of Muslim men who fought in Iraq and then "
        "return to Europe."
    )
    assert "European officials" not in _roles(_event(nlp, monitored, "return"), "agent")


def test_who_departs_for_a_deployment_is_deployed(nlp: Language) -> None:
    text = "Ninety Citizen Airmen departed for a deployment to Incirlik Air Base."
    assert _roles(_event(nlp, text, "deployment"), "agent") == {"Citizen Airmen"}


def test_a_to_phrase_read_as_an_infinitive_is_the_destination(nlp: Language) -> None:
    text = "Strike assessments are based on initial reports. All aircraft returned to base safely."
    assert _roles(_event(nlp, text, "returned"), "destination") == {"base"}
    # Not a noun with its copula: what is said, not where one goes.
    assert not [e for e in _events(nlp, "This is not going to be a park.") if e.type == "movement"]


def test_on_outside_and_inside_a_site_are_places(nlp: Language) -> None:
    assert "a busy Brownsville street" in _roles(
        _event(nlp, "He died on a busy Brownsville street.", "died"), "place"
    )
    arrested = _event(nlp, "Two men were arrested outside the courthouse on Monday.", "arrested")
    assert _roles(arrested, "place") == {"the courthouse"}
    # Not what is no site: "on charges".
    charged = _event(nlp, "He was arrested on charges of fraud.", "arrested")
    assert not _roles(charged, "place")


def test_an_attack_a_relative_clause_tells_killed_is_what_killed(nlp: Language) -> None:
    text = "The bombing, which killed 12 people, was claimed by ISIL."
    assert _roles(_event(nlp, text, "bombing"), "target") == {"12 people"}
    attacks = (
        "The United States condemns ISIL's suicide attacks in the town of Tel Tamer in Hasaka "
        "Province, which targeted and killed scores of Syrian civilians."
    )
    killing = _event(nlp, attacks, "killed")
    assert _roles(killing, "attacker") == {"ISIL"}
    assert "Tel Tamer" in _roles(killing, "place")


def test_a_name_the_tagger_read_as_a_verb_still_gives_the_subject(nlp: Language) -> None:
    text = "Mark Felt, who was known as Watergate scandal informant 'Deep Throat,' died on Friday."
    assert _roles(_event(nlp, text, "died"), "victim") == {"Mark"}


def test_who_is_found_dead_is_the_victim_where_the_parse_hangs_dead_elsewhere(
    nlp: Language,
) -> None:
    text = (
        "Gaetano Lo Presti, who was already convicted of mob-related crimes prior to his latest "
        "arrest, was found dead late last night in Pagliarelli prison in the Sicilian capital "
        "of Palermo."
    )
    dead = _event(nlp, text, "dead")
    assert _roles(dead, "victim") == {"Gaetano Lo Presti"}
    assert "Palermo" in _roles(dead, "place")


def test_a_clause_of_as_happens_at_the_time_of_its_governor(nlp: Language) -> None:
    text = (
        "There was no immediate comment from the government on Thursday, as deadly fighting "
        "broke out in the state of South Kordofan between the military and the rebels."
    )
    assert _roles(_event(nlp, text, "fighting"), "time") == {"Thursday"}


def test_an_event_told_before_or_after_another_has_not_its_time(nlp: Language) -> None:
    text = "Police arrested him on Friday after the attack on the embassy."
    assert _roles(_event(nlp, text, "arrested"), "time") == {"Friday"}
    assert not _roles(_event(nlp, text, "attack"), "time")


def test_a_gerund_of_while_happens_at_the_time_of_its_governor(nlp: Language) -> None:
    text = (
        "On Saturday, Robert Buckley fell about 600m while climbing to a small hut on Mount "
        "Sefton with three companions."
    )
    assert _roles(_event(nlp, text, "climbing"), "time") == {"Saturday"}


def test_a_nouns_by_phrase_hung_on_the_verb_of_its_oblique_is_its_attacker(
    nlp: Language,
) -> None:
    text = "Part of their training includes reacting to chemical attacks by ISIL."
    assert _roles(_event(nlp, text, "attacks"), "attacker") == {"ISIL"}


def test_the_sides_of_a_fight_hung_on_its_place_are_its_participants(nlp: Language) -> None:
    text = (
        "There was no comment on Thursday, as deadly fighting broke out in the state of South "
        "Kordofan between the military and forces loyal to South Sudan."
    )
    fighting = _event(nlp, text, "fighting")
    assert {"the military", "forces"} <= _roles(fighting, "participant")
