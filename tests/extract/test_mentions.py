"""NER spans become typed mentions with exact offsets, and mentions group into entities."""

import spacy
from spacy.tokens import Doc, Span

from newsgraph.extract.linking import TypePrior
from newsgraph.extract.mentions import entity_mentions
from newsgraph.extract.missed_names import (
    defined_acronyms,
    noun_typed_names,
    repeated_names,
    website_names,
)
from newsgraph.extract.names import normalize_name, resolution_key
from newsgraph.extract.resolve import people_named_like_places, resolve_entities


def _doc(
    words: list[str],
    spaces: list[bool],
    ents: list[tuple[int, int, str]],
    pos: list[str] | None = None,
) -> Doc:
    """A parsed-looking doc: one sentence, the given entities and (optionally) POS tags."""
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        spaces=spaces,
        pos=pos or ["PROPN"] * len(words),
        sent_starts=[True] + [False] * (len(words) - 1),
    )
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


def test_labels_map_to_types_and_offsets_index_the_text() -> None:
    words = ["Shakir", "al-Abssi", "leads", "Fatah", "al", "Islam", "in", "Lebanon", "."]
    doc = _doc(words, [True] * 7 + [False, False], [(0, 2, "PER"), (3, 6, "ORG"), (7, 8, "LOC")])
    mentions = entity_mentions(doc)
    assert [(m.text, m.type) for m in mentions] == [
        ("Shakir al-Abssi", "person"),
        ("Fatah al Islam", "organization"),
        ("Lebanon", "place"),
    ]
    for mention in mentions:
        assert doc.text[mention.start : mention.end] == mention.text


def test_a_person_cut_short_at_an_initial_gets_the_name_after_it() -> None:
    words = ["S.", "Waugh", "bowled", "and", "J.", "Smith", "met", "P.", "Jones"]
    doc = _doc(words, [True] * 8 + [False], [(0, 1, "PER"), (4, 5, "PER"), (8, 9, "PER")])
    # "P." is not a person for NER here, and "Jones" is already one: nothing to stretch.
    assert [m.text for m in entity_mentions(doc)] == ["S. Waugh", "J. Smith", "Jones"]


def test_misc_spans_are_not_entity_mentions() -> None:
    doc = _doc(["Saudi", "officials", "spoke"], [True, True, False], [(0, 1, "MISC")])
    assert entity_mentions(doc) == []


def test_short_person_name_joins_the_one_full_name_it_ends() -> None:
    words = ["Shakir", "al-Abssi", "spoke", ".", "Mr.", "Abssi", "'s", "aide", "met", "Abssi", "."]
    spaces = [True, False, True, True, True, False, True, True, True, False, False]
    doc = _doc(words, spaces, [(0, 2, "PER"), (5, 6, "PER"), (9, 10, "PER")])
    mentions, entities = resolve_entities(entity_mentions(doc))
    assert len(entities) == 1
    (entity,) = entities
    assert entity.name == "Shakir al-Abssi"
    assert entity.id == "person/shakir-al-abssi"
    assert entity.alternate_names == ["Abssi"]
    assert all(m.entity == entity.id for m in mentions)


def test_short_name_shared_by_two_full_names_stays_apart() -> None:
    words = ["George", "Bush", "and", "Jeb", "Bush", "met", "Bush", "."]
    doc = _doc(words, [True] * 6 + [False, False], [(0, 2, "PER"), (3, 5, "PER"), (6, 7, "PER")])
    _, entities = resolve_entities(entity_mentions(doc))
    assert sorted(e.name for e in entities) == ["Bush", "George Bush", "Jeb Bush"]


def test_a_surname_ner_took_for_a_group_joins_the_person() -> None:
    words = ["Michael", "Lynagh", "kicked", ".", "Lynagh", "scored", "and", "Lynagh", "won", "."]
    spaces = [True, False, True, True, True, True, True, True, False, False]
    ents = [(0, 2, "PER"), (4, 5, "ORG"), (7, 8, "ORG")]
    mentions, entities = resolve_entities(entity_mentions(_doc(words, spaces, ents)))
    assert [(e.id, e.alternate_names) for e in entities] == [("person/michael-lynagh", ["Lynagh"])]
    assert {m.type for m in mentions} == {"person"}
    # What only a firm has says the one-word name is the firm, not the person's surname.
    words = ["Ann", "Pirelli", "spoke", ".", "Pirelli", "shares", "rose", "."]
    pos = ["PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "NOUN", "VERB", "PUNCT"]
    spaces = [True, False, True, True, True, True, False, False]
    doc = _doc(words, spaces, [(0, 2, "PER"), (4, 5, "ORG")], pos)
    _, entities = resolve_entities(entity_mentions(doc))
    assert [e.id for e in entities] == ["person/ann-pirelli", "organization/pirelli"]


def test_a_place_short_form_never_joins_a_person() -> None:
    words = ["Michael", "Jordan", "flew", "to", "Jordan", "."]
    pos = ["PROPN", "PROPN", "VERB", "ADP", "PROPN", "PUNCT"]
    doc = _doc(words, [True] * 4 + [False, False], [(0, 2, "PER"), (4, 5, "LOC")], pos)
    _, entities = resolve_entities(entity_mentions(doc))
    assert sorted(e.id for e in entities) == ["person/michael-jordan", "place/jordan"]


def test_a_city_keeps_its_club_and_its_place_apart() -> None:
    # Standings, then a fixture: "Buffalo" is the club twice, then the city it plays in.
    words = ["Buffalo", "13", "12", ";", "Boston", "10", "11", ";", "Anaheim", "at", "Buffalo"]
    pos = ["PROPN", "NUM", "NUM", "PUNCT", "PROPN", "NUM", "NUM", "PUNCT", "PROPN", "ADP", "PROPN"]
    ents = [(0, 1, "ORG"), (4, 5, "ORG"), (8, 9, "ORG"), (10, 11, "LOC")]
    doc = _doc(words, [True] * 10 + [False], ents, pos)
    mentions, entities = resolve_entities(entity_mentions(doc), prior=TypePrior())
    assert [(m.text, m.entity) for m in mentions if m.text == "Buffalo"] == [
        ("Buffalo", "organization/buffalo"),
        ("Buffalo", "place/buffalo"),
    ]
    assert {e.id for e in entities} == {
        "organization/buffalo",
        "place/buffalo",
        "organization/boston",
        "organization/anaheim",
    }
    assert next(e for e in entities if e.id == "place/buffalo").mentions == [3]


def test_a_name_the_gazetteer_does_not_know_as_a_place_is_not_split() -> None:
    # NER read "Air France" as a place once: a slip, not a second sense.
    words = ["Air", "France", "workers", "met", ";", "an", "Air", "France", "flight", ";"]
    words += ["Air", "France", "said"]
    ents = [(0, 2, "ORG"), (6, 8, "LOC"), (10, 12, "ORG")]
    doc = _doc(words, [True] * 12 + [False], ents)
    _, entities = resolve_entities(entity_mentions(doc), prior=TypePrior())
    assert [(e.id, len(e.mentions)) for e in entities] == [("organization/air-france", 3)]


def test_only_an_organization_is_based_somewhere() -> None:
    words = ["St.", "Louis", "-", "based", "Mercantile", "rose"]
    pos = ["PROPN", "PROPN", "PUNCT", "VERB", "PROPN", "VERB"]
    doc = _doc(words, [True, False, False, True, True, False], [(0, 2, "LOC"), (4, 5, "LOC")], pos)
    _, entities = resolve_entities(entity_mentions(doc), prior=TypePrior())
    assert [e.id for e in entities] == ["place/st-louis", "organization/mercantile"]


def test_a_country_labelled_a_group_once_stays_the_place() -> None:
    # The gazetteer outweighs one label: a country's name is hardly ever a club or a firm.
    words = ["Japan", "said", ";", "Japan", "and", "Japan"]
    ents = [(0, 1, "ORG"), (3, 4, "LOC"), (5, 6, "LOC")]
    doc = _doc(
        words, [True] * 5 + [False], ents, ["PROPN", "VERB", "PUNCT", "PROPN", "CCONJ", "PROPN"]
    )
    mentions, entities = resolve_entities(entity_mentions(doc), prior=TypePrior())
    assert [e.id for e in entities] == ["place/japan"]
    assert {m.type for m in mentions} == {"place"}


def test_a_name_ner_found_once_is_found_where_it_repeats() -> None:
    words = ["Weah", "scored", ".", "Later", ",", "Weah", "left", "a", "major", "club", "."]
    pos = ["PROPN", "VERB", "PUNCT", "ADV", "PUNCT", "PROPN", "VERB", "DET", "ADJ", "NOUN", "PUNCT"]
    doc = _doc(words, [True] * 9 + [False, False], [(0, 1, "PER")], pos)
    taken = entity_mentions(doc)
    found = repeated_names(doc, taken)
    assert [(m.text, m.type, m.start, m.label) for m in found] == [
        ("Weah", "person", doc[5].idx, "REPEATED")
    ]
    # A person's surname alone, even one that is also a title, once the full name is read.
    doc1 = _doc(
        [
            "Billie",
            "Jean",
            "King",
            "won",
            ";",
            "King",
            "said",
            "so",
            ";",
            "King",
            "Hussein",
            "came",
        ],
        [True] * 11 + [False],
        [(0, 3, "PER")],
        [
            "PROPN",
            "PROPN",
            "PROPN",
            "VERB",
            "PUNCT",
            "PROPN",
            "VERB",
            "ADV",
            "PUNCT",
            "PROPN",
            "PROPN",
            "VERB",
        ],
    )
    assert [(m.text, m.type, m.start) for m in repeated_names(doc1, entity_mentions(doc1))] == [
        ("King", "person", doc1[5].idx)
    ]
    # A one-word name the article also writes in lower case is left alone: "Major", "major".
    doc2 = _doc(
        ["Major", "spoke", ".", "A", "major", "win", "for", "Major", "."],
        [True] * 7 + [False, False],
        [(0, 1, "PER")],
        ["PROPN", "VERB", "PUNCT", "DET", "ADJ", "NOUN", "ADP", "PROPN", "PUNCT"],
    )
    assert repeated_names(doc2, entity_mentions(doc2)) == []
    # Nor is a name inside a longer capitalized name: "Washington" of "Washington Post".
    doc3 = _doc(
        ["Washington", "spoke", ";", "the", "Washington", "Post", "wrote"],
        [True] * 6 + [False],
        [(0, 1, "PER")],
        ["PROPN", "VERB", "PUNCT", "DET", "PROPN", "PROPN", "VERB"],
    )
    assert repeated_names(doc3, entity_mentions(doc3)) == []
    # Nor a word NER took for a name in a heading of capitals, nor a name with digits.
    doc4 = _doc(
        ["QUARTERLY", "PERFORMANCE", "REVIEW", "Feb-02", ":", "PERFORMANCE", "of", "Feb-02"],
        [True] * 7 + [False],
        [(1, 2, "ORG"), (3, 4, "ORG")],
        ["ADJ", "PROPN", "PROPN", "PROPN", "PUNCT", "PROPN", "ADP", "PROPN"],
    )
    assert [m.text for m in entity_mentions(doc4)] == ["PERFORMANCE", "Feb-02"]
    assert repeated_names(doc4, entity_mentions(doc4)) == []


def test_a_surname_that_is_a_place_joins_the_person_introduced_by_name() -> None:
    words = [
        "Neil",
        "Jordan",
        "made",
        "films",
        ".",
        "Jordan",
        "said",
        "Jordan",
        "'s",
        "film",
        "won",
    ]
    pos = [
        "PROPN",
        "PROPN",
        "VERB",
        "NOUN",
        "PUNCT",
        "PROPN",
        "VERB",
        "PROPN",
        "PART",
        "NOUN",
        "VERB",
    ]
    spaces = [True, True, True, False, True, True, True, False, True, True, False]
    doc = _doc(words, spaces, [(0, 2, "PER"), (5, 6, "LOC"), (7, 8, "LOC")], pos)
    mentions, entities = resolve_entities(entity_mentions(doc), prior=TypePrior())
    assert {e.id for e in entities} == {"person/neil-jordan", "place/jordan"}
    mentions, entities = people_named_like_places(doc, mentions, entities)
    assert [e.id for e in entities] == ["person/neil-jordan"]
    assert entities[0].mentions == [0, 1, 2]
    assert entities[0].alternate_names == ["Jordan"]
    assert {m.entity for m in mentions} == {"person/neil-jordan"}


def test_a_surname_stays_the_place_where_the_article_uses_it_as_one() -> None:
    words = ["Neil", "Jordan", "flew", "to", "Jordan", ".", "Jordan", "welcomed", "him"]
    pos = ["PROPN", "PROPN", "VERB", "ADP", "PROPN", "PUNCT", "PROPN", "VERB", "PRON"]
    doc = _doc(
        words,
        [True] * 4 + [False] + [True] * 3 + [False],
        [(0, 2, "PER"), (4, 5, "LOC"), (6, 7, "LOC")],
        pos,
    )
    mentions, entities = resolve_entities(entity_mentions(doc), prior=TypePrior())
    moved, after = people_named_like_places(doc, mentions, entities)
    assert (moved, after) == (mentions, entities)
    assert {e.id for e in after} == {"person/neil-jordan", "place/jordan"}


def test_a_company_shortened_to_its_first_word_is_one_organization() -> None:
    # NER read the short form as a person each time; the full name says what it is.
    words = ["Magna", "International", "Inc", "rose", ".", "Magna", "said", "Magna", "won"]
    spaces = [True, True, True, False, True, True, True, True, False]
    ents = [(0, 3, "ORG"), (5, 6, "PER"), (7, 8, "PER")]
    doc = _doc(words, spaces, ents)
    mentions, entities = resolve_entities(entity_mentions(doc), prior=TypePrior())
    assert [(e.id, e.alternate_names) for e in entities] == [
        ("organization/magna-international-inc", ["Magna"])
    ]
    assert {m.type for m in mentions} == {"organization"}


def test_a_bare_noun_before_a_name_says_what_it_names() -> None:
    words = ["tyre", "giant", "Pirelli", "hired", "lawyer", "Dan", "Lee"]
    pos = ["NOUN", "NOUN", "PROPN", "VERB", "NOUN", "PROPN", "PROPN"]
    doc = _doc(words, [True] * 6 + [False], [(2, 3, "PER"), (5, 7, "ORG")], pos)
    _, entities = resolve_entities(entity_mentions(doc))
    assert [e.id for e in entities] == ["organization/pirelli", "person/dan-lee"]


def test_what_only_a_firm_has_after_a_name_says_it_is_one() -> None:
    words = [
        "Ruch",
        "'s",
        "shareholders",
        "met",
        "Ruch",
        "shares",
        "and",
        "Dan",
        "Lee",
        "'s",
        "son",
    ]
    pos = ["PROPN", "PART", "NOUN", "VERB", "PROPN", "NOUN", "CCONJ", "PROPN", "PROPN", "PART"]
    pos += ["NOUN"]
    spaces = [False, True, True, True, True, True, True, True, False, True, False]
    doc = _doc(words, spaces, [(0, 1, "PER"), (4, 5, "PER"), (7, 9, "PER")], pos)
    assert [m.cue for m in entity_mentions(doc)] == ["organization", "organization", None]
    _, entities = resolve_entities(entity_mentions(doc))
    assert [e.id for e in entities] == ["organization/ruch", "person/dan-lee"]


def test_an_apposition_is_typed_by_its_head_not_by_a_possessor() -> None:
    # "The chairman of the league's committee, Anatoly Gorokhovsky": the head is "chairman";
    # "committee" belongs to the possessed phrase inside the "of" phrase.
    words = ["The", "chairman", "of", "the", "league", "'s", "committee", ",", "Anatoly"]
    words += ["Gorokhovsky", ",", "spoke"]
    pos = ["DET", "NOUN", "ADP", "DET", "NOUN", "PART", "NOUN", "PUNCT", "PROPN", "PROPN"]
    pos += ["PUNCT", "VERB"]
    spaces = [True, True, True, True, False, True, False, True, True, False, True, False]
    doc = _doc(words, spaces, [(8, 10, "PER")], pos)
    assert [m.cue for m in entity_mentions(doc)] == ["person"]


def test_an_age_in_commas_after_a_name_is_a_persons() -> None:
    words = ["Lentini", ",", "27", ",", "joined", "Milan", ",", "1899", ",", "said"]
    pos = ["PROPN", "PUNCT", "NUM", "PUNCT", "VERB", "PROPN", "PUNCT", "NUM", "PUNCT", "VERB"]
    spaces = [False, True, False, True, True, False, True, False, True, False]
    doc = _doc(words, spaces, [(0, 1, "ORG"), (5, 6, "ORG")], pos)
    assert [m.cue for m in entity_mentions(doc)] == ["person", None]


def test_a_group_named_after_its_theatre_is_not_a_longer_spelling_of_its_parent() -> None:
    words = ["Al", "Qaeda", "in", "Mesopotamia", "and", "Al", "Qaeda", "differ"]
    doc = _doc(words, [True] * 7 + [False], [(0, 4, "ORG"), (5, 7, "ORG")])
    _, entities = resolve_entities(entity_mentions(doc), prior=TypePrior())
    assert [e.id for e in entities] == [
        "organization/al-qaeda-in-mesopotamia",
        "organization/al-qaeda",
    ]


def test_a_place_that_closes_a_group_name_is_not_its_short_form() -> None:
    # NER read "California" as a group both times; it is still not the university.
    words = ["University", "of", "California", "beat", "California", "and", "California"]
    doc = _doc(words, [True] * 6 + [False], [(0, 3, "ORG"), (4, 5, "ORG"), (6, 7, "ORG")])
    _, entities = resolve_entities(entity_mentions(doc), prior=TypePrior())
    assert [(e.name, len(e.mentions)) for e in entities] == [
        ("University of California", 1),
        ("California", 2),
    ]


def test_a_place_that_opens_a_group_name_stays_the_place() -> None:
    words = ["California", "Avocado", "Commission", "met", "in", "California"]
    doc = _doc(words, [True] * 5 + [False], [(0, 3, "ORG"), (5, 6, "LOC")])
    _, entities = resolve_entities(entity_mentions(doc), prior=TypePrior())
    assert [e.id for e in entities] == [
        "organization/california-avocado-commission",
        "place/california",
    ]


def test_a_franchise_named_after_its_theatre_is_one_group_whatever_ner_said() -> None:
    words = ["Al", "Qaeda", "in", "Mesopotamia", "struck"]
    doc = _doc(words, [True] * 4 + [False], [(0, 2, "PER"), (3, 4, "PER")])
    assert [(m.text, m.type) for m in entity_mentions(doc)] == [
        ("Al Qaeda in Mesopotamia", "organization")
    ]


def test_web_sites_ner_passed_by_are_media_organizations() -> None:
    words = ["He", "runs", "Tajdeed.net", ",", "not", "http://x.org/a", "or", "a@b.com", "."]
    pos = ["PRON", "VERB", "PROPN", "PUNCT", "PART", "X", "CCONJ", "X", "PUNCT"]
    doc = _doc(words, [True, True, False, True, True, True, True, False, False], [], pos)
    found = website_names(doc, [])
    assert [(m.text, m.type, m.subtype, m.start) for m in found] == [
        ("Tajdeed.net", "organization", "media", 8)
    ]
    assert website_names(doc, found) == []  # a site already named is not named twice


def test_one_name_gets_one_type_by_vote() -> None:
    words = [
        "Fatah",
        "al",
        "Islam",
        "fought",
        ";",
        "Fatah",
        "al",
        "Islam",
        "lost",
        ";",
        "Fatah",
        "al",
        "Islam",
        "fled",
    ]
    doc = _doc(words, [True] * 13 + [False], [(0, 3, "ORG"), (5, 8, "PER"), (10, 13, "ORG")])
    mentions, entities = resolve_entities(entity_mentions(doc))
    assert [e.id for e in entities] == ["organization/fatah-al-islam"]
    assert {m.type for m in mentions} == {"organization"}


def test_a_titled_short_form_fixes_a_mistyped_full_name() -> None:
    words = ["Shakir", "al-Abssi", "spoke", ".", "Mr.", "Abssi", "agreed"]
    pos = ["PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "PROPN", "VERB"]
    doc = _doc(
        words, [True, True, False, True, True, True, False], [(0, 2, "ORG"), (5, 6, "PER")], pos
    )
    _, entities = resolve_entities(entity_mentions(doc))
    assert [(e.id, e.properties) for e in entities] == [
        ("person/shakir-al-abssi", {"title": "Mr."})
    ]


def test_names_normalize_typography_case_and_articles() -> None:
    assert normalize_name("The White House\u2019s") == "white house"
    assert resolution_key("place", "São Paulo") == "place/sao-paulo"


def test_titles_are_split_off_person_names() -> None:
    words = ["General", "Rifi", "met", "Dr.", "Mohammad", "al-Massari", "and", "Mr.", "Darsi"]
    pos = ["PROPN", "PROPN", "VERB", "PROPN", "PROPN", "PROPN", "CCONJ", "PROPN", "PROPN"]
    # NER put "General" inside the first span and left the others' titles outside.
    doc = _doc(words, [True] * 8 + [False], [(0, 2, "PER"), (4, 6, "PER"), (8, 9, "PER")], pos)
    mentions = entity_mentions(doc)
    assert [(m.text, m.title) for m in mentions] == [
        ("Rifi", "General"),
        ("Mohammad al-Massari", "Dr."),
        ("Darsi", "Mr."),
    ]
    for mention in mentions:
        assert doc.text[mention.start : mention.end] == mention.text


def test_function_words_at_span_edges_are_trimmed() -> None:
    words = ["What", "Bush", "and", "his", "allies", "neglect"]
    pos = ["PRON", "PROPN", "CCONJ", "PRON", "NOUN", "VERB"]
    doc = _doc(words, [True] * 5 + [False], [(0, 2, "PER")], pos)
    assert [m.text for m in entity_mentions(doc)] == ["Bush"]


def test_websites_are_organizations_whatever_the_label() -> None:
    words = ["He", "runs", "Tajdeed.net", "."]
    pos = ["PRON", "VERB", "PROPN", "PUNCT"]
    doc = _doc(words, [True, True, False, False], [(2, 3, "PER")], pos)
    (mention,) = entity_mentions(doc)
    assert (mention.text, mention.type, mention.subtype) == ("Tajdeed.net", "organization", "media")


def test_an_acronym_the_article_defines_is_the_named_group() -> None:
    words = ["the", "Moro", "National", "Liberation", "Front", "(", "MNLF", ")", "signed", "."]
    words += ["MNLF", "rebels", "and", "MNLF", "leaders", "met", "Ann", "Lee", "(", "USA", ")"]
    spaces = [True, True, True, True, True, False, False, True, False, True]
    spaces += [True, True, True, True, True, True, True, True, False, False, False]
    # NER read the full name as a place once, took one acronym for a place and missed one.
    doc = _doc(words, spaces, [(1, 5, "ORG"), (6, 7, "LOC"), (10, 11, "LOC"), (16, 18, "PER")])
    names = entity_mentions(doc)
    added, aliases = defined_acronyms(doc, names)
    assert [(m.text, m.start) for m in added] == [("MNLF", doc[13].idx)]
    # "USA" after a person is no acronym of "Ann Lee": its letters are not her initials.
    assert aliases == {"mnlf": "moro national liberation front"}
    mentions, entities = resolve_entities(
        sorted(names + added, key=lambda m: m.start), None, aliases
    )
    assert [(e.id, e.alternate_names) for e in entities] == [
        ("organization/moro-national-liberation-front", ["MNLF"]),
        ("person/ann-lee", []),
    ]
    assert [m.type for m in mentions if m.text == "MNLF"] == ["organization"] * 3


def test_a_groups_acronym_in_its_own_language_is_still_its_acronym() -> None:
    words = ["Kurdistan", "Workers", "Party", "(", "PKK", ")", "fighters"]
    spaces = [True, True, True, False, False, True, False]
    doc = _doc(words, spaces, [(0, 3, "ORG")])
    _, aliases = defined_acronyms(doc, entity_mentions(doc))
    assert aliases == {"pkk": "kurdistan workers party"}


def test_an_office_inside_a_span_splits_its_holder_from_where_it_is_held() -> None:
    words = ["Federal", "Reserve", "Governor", "Lawrence", "Lindsey", "met", "the", "U.N."]
    words += ["General", "Assembly", "and", "Burger", "King", "Corp"]
    spaces = [True] * len(words)
    spaces[-1] = False
    pos = ["PROPN"] * 5 + ["VERB", "DET"] + ["PROPN"] * 3 + ["CCONJ"] + ["PROPN"] * 3
    doc = _doc(words, spaces, [(0, 5, "ORG"), (7, 10, "ORG"), (11, 14, "ORG")], pos)
    assert [(m.text, m.type, m.title) for m in entity_mentions(doc)] == [
        ("Federal Reserve", "organization", None),
        ("Lawrence Lindsey", "person", "Governor"),
        # No holder follows where the words after the title make organization names.
        ("U.N. General Assembly", "organization", None),
        ("Burger King Corp", "organization", None),
    ]


def test_an_honorific_or_his_makes_a_person_of_a_name_ner_typed_otherwise() -> None:
    # NER read "Darsi" as a group and "Bush" once as a place, once as a person.
    words = ["Mr.", "Darsi", "met", "Bush", "and", "his", "allies", ";", "Bush", "spoke"]
    spaces = [True] * 6 + [False, True, True, False]
    pos = ["PROPN", "PROPN", "VERB", "PROPN", "CCONJ", "PRON", "NOUN", "PUNCT", "PROPN", "VERB"]
    doc = _doc(words, spaces, [(1, 2, "ORG"), (3, 4, "LOC"), (8, 9, "PER")], pos)
    mentions = entity_mentions(doc)
    assert [(m.title, m.cue) for m in mentions] == [("Mr.", None), (None, "person"), (None, None)]
    _, entities = resolve_entities(mentions)
    assert [e.id for e in entities] == ["person/darsi", "person/bush"]


def test_surface_cues_around_a_name() -> None:
    words = ["Shares", "of", "Nvidia", "rose", "near", "Khan", "Younis", "and", "Cape"]
    words += ["Canaveral", ",", "Florida", ",", "said", "Jens", "Stoltenberg", ",", "the"]
    words += ["alliance", "'s", "secretary", ",", "at", "headquarters", "in", "Chuman"]
    pos = ["NOUN", "ADP", "PROPN", "VERB", "ADP", "PROPN", "PROPN", "CCONJ", "PROPN"]
    pos += ["PROPN", "PUNCT", "PROPN", "PUNCT", "VERB", "PROPN", "PROPN", "PUNCT", "DET"]
    pos += ["NOUN", "PART", "NOUN", "PUNCT", "ADP", "NOUN", "ADP", "PROPN"]
    spaces = [True] * len(words)
    for glued in (9, 11, 15, 18, 20):
        spaces[glued] = False
    spaces[-1] = False
    ents = [(2, 3, "PER"), (5, 7, "PER"), (8, 10, "LOC"), (11, 12, "ORG"), (14, 16, "ORG")]
    ents.append((25, 26, "LOC"))
    doc = _doc(words, spaces, ents, pos)
    assert [(m.text, m.cue) for m in entity_mentions(doc)] == [
        ("Nvidia", "organization"),  # what only a firm has, before "of"
        ("Khan Younis", "place"),  # only a place is near
        ("Cape Canaveral", None),
        ("Florida", "place"),  # a region the gazetteer knows, after a place and a comma
        ("Jens Stoltenberg", "person"),  # "secretary", not the possessor "alliance"
        ("Chuman", None),  # "headquarters in" is followed by a place, not a firm
    ]


def test_a_leading_affiliation_and_a_joining_and_are_not_part_of_a_name() -> None:
    words = ["U.S.-backed", "Syrian", "Democratic", "Forces", "met", "Amnesty", "International"]
    words += ["and", "Human", "Rights", "Watch", "and", "the", "Department", "of", "Health"]
    words += ["and", "Human", "Services"]
    spaces = [True] * len(words)
    spaces[-1] = False
    pos = ["ADJ", "PROPN", "PROPN", "PROPN", "VERB", "PROPN", "PROPN", "CCONJ", "PROPN"]
    pos += ["PROPN", "PROPN", "CCONJ", "DET", "PROPN", "ADP", "PROPN", "CCONJ", "PROPN", "PROPN"]
    doc = _doc(words, spaces, [(0, 4, "ORG"), (5, 11, "ORG"), (13, 19, "ORG")], pos)
    assert [m.text for m in entity_mentions(doc)] == [
        "Syrian Democratic Forces",
        "Amnesty International",
        "Human Rights Watch",
        "Department of Health and Human Services",
    ]


def test_the_agency_in_a_dateline_is_an_organization() -> None:
    words = ["BEIRUT", "(", "AP", ")", "—", "Gunmen", "attacked", "."]
    spaces = [True, False, False, True, True, True, False, False]
    pos = ["PROPN", "PUNCT", "PROPN", "PUNCT", "PUNCT", "NOUN", "VERB", "PUNCT"]
    doc = _doc(words, spaces, [(0, 1, "LOC"), (2, 3, "LOC")], pos)
    assert [(m.text, m.cue) for m in entity_mentions(doc)] == [
        ("BEIRUT", "place"),
        ("AP", "organization"),
    ]


def test_a_common_noun_types_a_name_ner_passed_by() -> None:
    words = ["the", "Mexican", "state", "of", "Michoacan", "and", "Huize", "county", "but", "not"]
    words += ["the", "city", "of", "New", "York", "Times", "Square", "Garden", "or", "a", "Border"]
    words += ["town"]
    pos = ["DET", "ADJ", "NOUN", "ADP", "PROPN", "CCONJ", "PROPN", "NOUN", "CCONJ", "PART"]
    pos += ["DET", "NOUN", "ADP", "PROPN", "PROPN", "PROPN", "PROPN", "PROPN", "CCONJ", "DET"]
    pos += ["NOUN", "NOUN"]
    spaces = [True] * len(words)
    spaces[-1] = False
    doc = _doc(words, spaces, [], pos)
    found = noun_typed_names(doc, [])
    # A run of four capitalized words is some longer name; "Border" is no proper noun.
    assert [(m.text, m.type) for m in found] == [("Michoacan", "place"), ("Huize", "place")]
    words = ["The", "official", "TASR", "news", "agency", "and", "the", "Islamic", "State"]
    words += ["group", "but", "not", "the", "Kurdish", "group"]
    pos = ["DET", "ADJ", "PROPN", "NOUN", "NOUN", "CCONJ", "DET", "ADJ", "PROPN", "NOUN"]
    pos += ["CCONJ", "PART", "DET", "ADJ", "NOUN"]
    doc = _doc(words, [True] * 14 + [False], [], pos)
    found = noun_typed_names(doc, [])
    # A name needs a proper noun: "Kurdish group" names no group.
    assert [(m.text, m.type) for m in found] == [
        ("TASR", "organization"),
        ("Islamic State", "organization"),
    ]


def test_the_noun_before_such_as_types_the_names_listed_after_it() -> None:
    words = ["companies", "such", "as", "Anthropic", ",", "Meta", "Platforms", "and", "Ruch"]
    words += ["hired", "Ann", "Lee", ";", "Ruch", "'s", "CEO", "spoke"]
    pos = ["NOUN", "ADJ", "ADP", "PROPN", "PUNCT", "PROPN", "PROPN", "CCONJ", "PROPN", "VERB"]
    pos += ["PROPN", "PROPN", "PUNCT", "PROPN", "PART", "NOUN", "VERB"]
    spaces = [True] * len(words)
    for glued in (3, 11, 13):
        spaces[glued] = False
    spaces[-1] = False
    ents = [(3, 4, "ORG"), (5, 7, "PER"), (8, 9, "PER"), (10, 12, "PER"), (13, 14, "PER")]
    doc = _doc(words, spaces, ents, pos)
    doc[0].lemma_ = "company"
    assert [(m.text, m.cue) for m in entity_mentions(doc)] == [
        ("Anthropic", "organization"),
        ("Meta Platforms", "organization"),
        ("Ruch", "organization"),
        ("Ann Lee", None),  # past the list: a verb ends it
        ("Ruch", "organization"),  # what only a firm has: its CEO
    ]
    words = ["firms", "including", "Mobil", ",", "Shell", "and", "Caltex", "came"]
    pos = ["NOUN", "VERB", "PROPN", "PUNCT", "PROPN", "CCONJ", "PROPN", "VERB"]
    spaces = [True, True, False, True, True, True, True, False]
    doc = _doc(words, spaces, [(2, 3, "LOC"), (4, 5, "PER"), (6, 7, "ORG")], pos)
    doc[0].lemma_ = "firm"
    assert [m.cue for m in entity_mentions(doc)] == ["organization"] * 3


def test_ner_labels_of_one_name_count_as_one_reading_against_independent_cues() -> None:
    # NER called every "Norilsk" a person; the article calls it a producer and gives it
    # shares. Four labels from one model are one reading, not four votes.
    words = ["Norilsk", ",", "a", "nickel", "producer", ",", "said", ".", "Norilsk", "shares"]
    words += ["fell", ".", "Norilsk", "paid", ".", "Norilsk", "won", "."]
    pos = ["PROPN", "PUNCT", "DET", "NOUN", "NOUN", "PUNCT", "VERB", "PUNCT", "PROPN", "NOUN"]
    pos += ["VERB", "PUNCT", "PROPN", "VERB", "PUNCT", "PROPN", "VERB", "PUNCT"]
    spaces = [False, True, True, True, False, True, False, True, True, True, False, True]
    spaces += [True, False, True, True, False, False]
    ents = [(0, 1, "PER"), (8, 9, "PER"), (12, 13, "PER"), (15, 16, "PER")]
    _, entities = resolve_entities(entity_mentions(_doc(words, spaces, ents, pos)))
    assert [e.id for e in entities] == ["organization/norilsk"]


def test_a_known_place_coordinated_with_a_place_is_a_place() -> None:
    words = ["strikes", "on", "Kyiv", "and", "Odesa", "hit", "Israel", "and", "Hamas"]
    pos = ["NOUN", "ADP", "PROPN", "CCONJ", "PROPN", "VERB", "PROPN", "CCONJ", "PROPN"]
    spaces = [True] * 8 + [False]
    doc = _doc(words, spaces, [(2, 3, "LOC"), (4, 5, "PER"), (6, 7, "LOC"), (8, 9, "ORG")], pos)
    # "Hamas" is no place the gazetteer knows: a group fights a country.
    assert [(m.text, m.cue) for m in entity_mentions(doc)] == [
        ("Kyiv", None),
        ("Odesa", "place"),
        ("Israel", None),
        ("Hamas", None),
    ]


def test_a_misc_name_coordinated_with_an_organization_is_one() -> None:
    words = ["both", "Bre-X", "and", "Barrick", "signed", ";", "French", "and", "Total", "met"]
    pos = ["DET", "PROPN", "CCONJ", "PROPN", "VERB", "PUNCT", "ADJ", "CCONJ", "PROPN", "VERB"]
    spaces = [True, True, True, True, False, True, True, True, True, False]
    ents = [(1, 2, "MISC"), (3, 4, "ORG"), (6, 7, "MISC"), (8, 9, "ORG")]
    doc = _doc(words, spaces, ents, pos)
    # "French" is a nationality word, whatever it stands beside.
    assert [(m.text, m.type) for m in entity_mentions(doc)] == [
        ("Bre-X", "organization"),
        ("Barrick", "organization"),
        ("Total", "organization"),
    ]


def test_the_text_and_sentences_kept_while_the_rules_read_are_dropped_after() -> None:
    from newsgraph.extract.spans import doc_text, read_once, sentence_numbers

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("Rebels crossed into Lebanon. Police arrested two men. They were charged.")
    before = dict(doc.user_data)
    with read_once(doc):
        assert doc_text(doc) == doc.text
        assert sentence_numbers(doc) == [0] * 5 + [1] * 5 + [2] * 4
        assert sentence_numbers(doc) is sentence_numbers(doc)  # made once, not per read
    assert doc.user_data == before
    # Outside, each read is made from the document as it is then.
    doc[3].is_sent_start = True
    assert sentence_numbers(doc)[3] == 1
