"""Lexicon words that are no movement or armed clash in their sentence, and the readings of
the same words that are (extract/events.py: _leaves_no_place, _going_to, _fights_no_one)."""

from __future__ import annotations

from spacy.language import Language

from newsgraph.extract.article import Article
from newsgraph.extract.pipeline import extract_articles


def _types(nlp: Language, texts: list[str]) -> list[set[tuple[str, str]]]:
    articles = [Article(id=str(i), text=text) for i, text in enumerate(texts)]
    return [
        {(e.type, e.trigger.text) for e in extraction.events}
        for extraction in extract_articles(articles, nlp)
    ]


def _has(nlp: Language, event_type: str, texts: list[str]) -> list[bool]:
    """Whether each text has an event of the type."""
    return [any(t == event_type for t, _ in found) for found in _types(nlp, texts)]


def _moves(nlp: Language, texts: list[str]) -> list[bool]:
    """Whether each text has a movement."""
    return _has(nlp, "movement", texts)


def test_leaving_something_that_is_no_place_is_no_movement(nlp: Language) -> None:
    left = _types(
        nlp,
        [
            "The siege left its mark upon the town.",
            "Her father left you nothing.",
            "The soldiers left the door open.",
            "The troops left Iraq in 2011.",
            "The soldiers left the country on Monday.",
        ],
    )
    assert [("movement", "left") in found for found in left] == [False, False, False, True, True]


def test_going_to_as_the_future_is_no_journey(nlp: Language) -> None:
    found = _types(
        nlp,
        [
            "Sir James was going to dine at the Grange.",
            "The delegation is going to Baghdad to meet the prime minister.",
        ],
    )
    assert ("movement", "going") not in found[0]
    assert ("movement", "going") in found[1]


def test_returned_fire_and_affection_are_no_journeys(nlp: Language) -> None:
    found = _types(
        nlp,
        [
            "The soldiers returned fire.",
            "They never returned her affection.",
            "The delegation returned to Baghdad on Friday.",
        ],
    )
    assert [("movement", "returned") in f for f in found] == [False, False, True]


def test_fighting_a_cause_or_an_ill_is_no_armed_clash(nlp: Language) -> None:
    found = _has(
        nlp,
        "armed_clash",
        [
            "The government vowed to fight corruption.",
            "He is fighting for his life in hospital.",
            "Iraqi troops fought the insurgents in Mosul.",
            "The army fought the enemy for three days.",
            "Government forces fought ISIL near Raqqa.",
        ],
    )
    assert found == [False, False, True, True, True]


def test_an_ability_to_attack_is_no_attacker(nlp: Language) -> None:
    texts = [
        "We will not allow al-Qaida to grow its capacity to attack the United States.",
        "The strikes give ground forces the opportunity to conduct attacks.",
    ]
    articles = [Article(id=str(i), text=text) for i, text in enumerate(texts)]
    for extraction in extract_articles(articles, nlp):
        attackers = {a.text for e in extraction.events for a in e.arguments if a.role == "attacker"}
        assert not any(word in t for t in attackers for word in ("capacity", "opportunity"))


def test_a_place_inside_the_subject_is_not_the_events_place(nlp: Language) -> None:
    text = (
        "The Special Advisor for Religious Minorities in the Near East and Central Asia "
        "will travel to Turkey on Monday."
    )
    (extraction,) = extract_articles([Article(id="t", text=text)], nlp)
    travel = next(e for e in extraction.events if e.trigger.text == "travel")
    roles = {(a.role, a.text) for a in travel.arguments}
    assert ("destination", "Turkey") in roles
    assert not any(role == "place" for role, _ in roles)


def test_an_advance_is_a_movement_only_toward_a_place(nlp: Language) -> None:
    found = _types(
        nlp,
        [
            "Syrian Democratic Forces advanced toward Raqqah on Monday.",
            "The minister wants to advance the agenda of reform.",
        ],
    )
    assert ("movement", "advanced") in found[0]
    assert not any(t == "movement" for t, _ in found[1])


def test_a_place_on_the_subjects_head_is_the_events_place(nlp: Language) -> None:
    (extraction,) = extract_articles(
        [Article(id="t", text="Police in Madrid arrested 12 suspects on Friday.")], nlp
    )
    arrest = next(e for e in extraction.events if e.type == "arrest")
    assert ("place", "Madrid") in {(a.role, a.text) for a in arrest.arguments}


def test_what_is_left_over_and_what_goes_off_are_no_journeys(nlp: Language) -> None:
    moves = _moves(
        nlp,
        [
            "Trailing 4-3 with just seven seconds left in the match, Dvorak switched McCain.",
            "The tolls help pay off $2.2 billion in debt left from the Big Dig.",
            "The explosive went off in a village of the Ochamchire district.",
            "It is a cross-section of what went on in Russian-American art.",
            "The girl learned that the 2-year-old had left the home and fallen into the pool.",
            "Ninety airmen left for Incirlik Air Base on Monday.",
        ],
    )
    assert moves == [False, False, False, False, True, True]


def test_letters_and_money_sent_are_no_movement(nlp: Language) -> None:
    found = _types(
        nlp,
        [
            "She sent a letter to the Pope asking him to intervene.",
            "The victim became suspicious and, instead of sending the money, alerted authorities.",
            "The bill was sent to the Duma in December by Medvedev.",
            "Dozens of rescue workers have been sent to the region.",
        ],
    )
    assert [("movement", "sent") in f or ("movement", "sending") in f for f in found] == [
        False,
        False,
        False,
        True,
    ]


def test_a_fight_that_is_no_armed_sides_is_no_armed_clash(nlp: Language) -> None:
    found = _has(
        nlp,
        "armed_clash",
        [
            "When the argument turned into a physical fight, Sullivan pulled a box cutter.",
            "The governor urged residents to join the flood fight.",
            "With most residents already battling through the present financial crisis, "
            "this is a smack in the face.",
            "Three days of intense fighting between police and insurgents ended Saturday.",
        ],
    )
    assert found == [False, False, False, True]


def test_a_change_of_state_or_a_lead_is_no_journey(nlp: Language) -> None:
    moves = _moves(
        nlp,
        [
            "The girl went missing in Ohio on Monday.",
            "If the tests return positive it will be a major spread of the virus.",
            "Fernando Suarez, who heads the King Juan Carlos University in Madrid, is accused.",
            "The attack killed two more people, bringing the death toll to 50.",
            "The soldiers returned to their base safe.",
            "The convoy headed to Mosul.",
        ],
    )
    assert moves == [False, False, False, False, True, True]


def test_coming_after_something_is_when_not_a_journey(nlp: Language) -> None:
    moves = _moves(
        nlp,
        [
            "It comes a week after 44 people were killed in a PKK attack in Istanbul.",
            "It came a day before a key meeting about Syria to be held in Moscow.",
            "The troops came to Kabul after the election.",
        ],
    )
    assert moves == [False, False, True]


def test_deaths_of_animals_are_no_killings(nlp: Language) -> None:
    found = _has(
        nlp,
        "killing",
        [
            "China reported that 2,600 birds have died of the H5N1 strain.",
            "The virus was found in dead pigs on a farm.",
            "Two people have died of the H5N1 strain in Turkey.",
            # A partitive of a partitive: the birds are in the last of-phrase.
            "A single outbreak can kill tens of thousands of birds.",
            "The flu killed tens of thousands of people in the city.",
        ],
    )
    assert found == [False, False, True, False, True]


def test_capturing_things_and_land_plots_are_no_arrests_or_plots(nlp: Language) -> None:
    found = _types(
        nlp,
        [
            "A rain garden will capture 90 percent of the precipitation.",
            "The authorities promised to buy land plots from the inhabitants.",
            "Troops captured the rebel commander near Kabul.",
            "Three escaped inmates captured in the Nebraska Sandhills were transferred.",
        ],
    )
    assert [bool(f) for f in found] == [False, False, True, True]


def test_news_and_issues_that_come_are_no_journeys(nlp: Language) -> None:
    moves = _moves(
        nlp,
        [
            "But the really depressing news came out of a closed-door symposium in Toronto.",
            "The issue has come up across the United States.",
            "By Friday, the first of eight planeloads of supplies had arrived from the United "
            "States.",
        ],
    )
    assert moves == [False, False, True]


def test_bills_that_die_are_no_killings_and_partitives_keep_their_people(nlp: Language) -> None:
    found = _has(
        nlp,
        "killing",
        [
            "Lawmakers continue to resurrect bills that died in previous Congresses.",
            "Thousands of birds have been killed to contain the outbreak.",
            "A total of 20 children in the United States have died during this flu season.",
            "The owner of the dog died in the fire.",
        ],
    )
    assert found == [False, False, True, True]


def test_how_long_a_fight_lasts_is_no_side_in_it(nlp: Language) -> None:
    found = _has(
        nlp,
        "armed_clash",
        [
            "More than fifty firefighters battled the blaze at Scott's City Limits for hours "
            "Tuesday.",
            "Government troops fought the rebels for hours near Kismayo.",
        ],
    )
    assert found == [False, True]


def test_going_or_being_sent_to_prison_is_no_movement(nlp: Language) -> None:
    moves = _moves(
        nlp,
        [
            "He was sent to prison for the rest of his life.",
            "The man accused of knifing him went to jail.",
            "Nearly 300 parolees had been returned to custody.",
            "The soldiers returned to their base near Kirkuk.",
            "The prisoners were sent to Baghdad on Monday.",
            "The inmate was moved to a prison in Texas.",
        ],
    )
    assert moves == [False, False, False, True, True, True]


def test_firing_a_person_is_a_dismissal_and_firing_at_one_an_attack(nlp: Language) -> None:
    found = _types(
        nlp,
        [
            "The coach was fired on Monday.",
            "She didn't fire him.",
            "Police fired on the crowd.",
            "Soldiers fired rockets at the village.",
            "He was fired upon by gunmen.",
        ],
    )
    assert [("attack", "fired") in f or ("attack", "fire") in f for f in found] == [
        False,
        False,
        True,
        True,
        True,
    ]


def test_firing_from_a_job_a_relative_clause_or_a_possessive_is_a_dismissal(
    nlp: Language,
) -> None:
    assert _has(
        nlp,
        "attack",
        [
            "He is the fifth NBA head coach fired this season.",
            "A man who was fired last week from his job at an accounting firm walked in.",
            "The losses played no role in Cheeks's firing.",
            "Rockets fired from Gaza hit the town.",
            "Troops who fired on the crowd were arrested.",
            "The suspect with the gun fired a round that went through the floor.",
        ],
    ) == [False, False, False, True, True, True]


def test_threats_need_someone_who_threatens(nlp: Language) -> None:
    found = _has(
        nlp,
        "threat",
        [
            "The melting of sea ice is threatening the polar bear with extinction.",
            "Refugees in two camps in Kenya were threatened by flooding.",
            "The polar bear was declared a threatened species.",
            "The victims had injuries that were not considered life-threatening.",
            "Gunmen threatened to kill the mayor.",
            "He threatened the clerk with a knife.",
        ],
    )
    assert found == [
        False,
        False,
        False,
        False,
        True,
        True,
    ]


def test_labour_strikes_bar_fights_and_hard_fought_matches_are_no_violence(
    nlp: Language,
) -> None:
    found = _types(
        nlp,
        [
            "A general strike paralysed Greece on Wednesday.",
            "The writers strike was settled a month later.",
            "Police were called to break up a bar fight.",
            "It was a hard fought meet by both teams.",
            "Coalition aircraft conducted a strike near Mosul.",
            "Rebels fought government troops near Aleppo.",
        ],
    )
    violent = [any(t in {"attack", "armed_clash"} for t, _ in f) for f in found]
    assert violent == [False, False, False, False, True, True]


def test_a_fight_is_an_armed_clash_only_among_armed_sides(nlp: Language) -> None:
    brawl = "Police said he started a fight with two men outside the store and hit one of them."
    found = _has(
        nlp,
        "armed_clash",
        [
            brawl,
            "Riot police fired tear gas as clashes broke out near the stadium.",
            "Klitschko stopped the fight in the sixth round.",
            # the same fight, in an article about a war
            "Rebels and government troops have shelled the town for a week. " + brawl,
            "Gunmen and soldiers were killed in the battle.",
            "Dissatisfaction with the president has grown since the war with Russia.",
            "The statement affirms the need to strengthen those on the ground fighting ISIL.",
        ],
    )
    assert found == [False, False, False, True, True, True, True]


def test_a_strike_is_an_attack_only_among_armed_sides(nlp: Language) -> None:
    found = _has(
        nlp,
        "attack",
        [
            "As the strike continued across the country, patients were turned away.",
            "The union said it would ask its members to authorize a strike.",
            "Coalition aircraft conducted a strike near Mosul.",
            "The strike killed four militants near the border.",
        ],
    )
    assert found == [False, False, True, True]


def test_an_explosion_is_a_bombing_only_among_arms_or_explosives(nlp: Language) -> None:
    found = _has(
        nlp,
        "bombing",
        [
            "More than 1,000 toads have expanded and then exploded in a local pond.",
            "Officials warned of an explosion in HIV cases in the country.",
            "Klitschko bombed Thompson with a vicious right hand in the fifth round.",
            "An explosive device went off and the explosion injured two servicemen.",
            "The blast destroyed a bus carrying soldiers in Kayseri.",
        ],
    )
    assert found == [False, False, False, True, True]


def test_weather_posts_mail_and_rampages_are_no_journeys(nlp: Language) -> None:
    moves = _moves(
        nlp,
        [
            "Heavy rain moving into the Red River Valley could drop an inch of water.",
            "Obama, who leaves office in January, pardoned a turkey.",
            "She died later that night; she leaves behind a husband and a son.",
            "Envelopes were also sent to Hollywood and Santa Monica.",
            "Youths also went on the rampage in other parts of the capital.",
            "Refugees arriving from Syria were taken to a camp near the border.",
            "Twelve other people managed to leave the office.",
            "They compete for the opportunity to travel to Williamson County.",
        ],
    )
    assert moves == [False, False, False, False, False, True, True, True]


def test_microbes_and_insects_are_no_victims(nlp: Language) -> None:
    found = _has(
        nlp,
        "killing",
        [
            "Officials say that cooking the spinach could kill the bacteria.",
            "Because the pools drain in two days, the mosquito eggs die.",
            "The virus killed three people in the province.",
        ],
    )
    assert found == [False, False, True]


def test_fighting_a_fire_is_no_attack(nlp: Language) -> None:
    assert _has(
        nlp,
        "attack",
        [
            "Firefighters launched an initial attack on the flames through the kitchen.",
            "Fire crews attacked it from all sides.",
            "Firefighters attack the blaze from above.",
            "Rebels attacked the fire station in Homs.",
            "Gunmen attacked firefighters in Athens on Tuesday.",
        ],
    ) == [False, False, False, True, True]


def test_winding_up_is_no_injury(nlp: Language) -> None:
    assert _has(
        nlp,
        "injury",
        [
            "She wound up on a plane to San Francisco instead of Paris.",
            "Production has wound down since late June.",
            "A gunman wounded two officers on Monday.",
        ],
    ) == [False, False, True]


def test_a_return_to_duty_and_what_is_left_to_someone_are_no_journeys(nlp: Language) -> None:
    moves = _moves(
        nlp,
        [
            "The officer has returned to regular duty.",
            "Riddick Bowe returned to the ring with a win.",
            "It is an issue often left mostly to the industry.",
            "The refugees returned to Sudan.",
        ],
    )
    assert moves == [False, False, False, True]
