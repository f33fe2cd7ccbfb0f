"""Relations and references from common news constructions, on hand-parsed sentences."""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.extract.coref import resolve_references
from newsgraph.extract.extraction import Entity, Mention, Relation
from newsgraph.extract.linking import TypePrior
from newsgraph.extract.mentions import entity_mentions
from newsgraph.extract.relations import extract_relations
from newsgraph.extract.resolve import resolve_entities
from tests.extract.parsed import parsed


def _run(doc: Doc) -> tuple[list[Mention], list[Entity], list[Relation], dict[str, list[str]]]:
    mentions, entities = resolve_entities(entity_mentions(doc), prior=TypePrior())
    mentions = sorted(mentions + resolve_references(doc, mentions, entities), key=lambda m: m.start)
    relations, descriptions = extract_relations(doc, mentions, entities)
    return mentions, entities, relations, descriptions


def _triples(relations: list[Relation]) -> set[tuple[str, str, str]]:
    return {(r.type, r.subject, r.object) for r in relations}


def test_apposition_with_role_of() -> None:
    doc = parsed(
        "Zarqawi/PROPN+ ,/PUNCT the/DET leader/NOUN of/ADP Al/PROPN Qaeda/PROPN ,/PUNCT died/VERB ./PUNCT",
        {"Zarqawi": "PER", "Al Qaeda": "ORG"},
    )
    _, _, relations, _ = _run(doc)
    assert _triples(relations) == {("leader_of", "person/zarqawi", "organization/al-qaeda")}
    (relation,) = relations
    assert doc.text[relation.start : relation.end] == "Zarqawi, the leader of Al Qaeda"


def test_copula_after_an_apposition() -> None:
    doc = parsed(
        "Abssi/PROPN ,/PUNCT a/DET preacher/NOUN ,/PUNCT was/AUX an/DET associate/NOUN of/ADP "
        "Zarqawi/PROPN ./PUNCT",
        {"Abssi": "PER", "Zarqawi": "PER"},
    )
    _, _, relations, descriptions = _run(doc)
    assert ("associate_of", "person/abssi", "person/zarqawi") not in _triples(relations)
    assert descriptions == {"person/abssi": ["preacher"]}
    doc = parsed(
        "Abssi/PROPN was/AUX an/DET associate/NOUN of/ADP Zarqawi/PROPN ./PUNCT",
        {"Abssi": "PER", "Zarqawi": "PER"},
    )
    assert _triples(_run(doc)[2]) == {("associate_of", "person/abssi", "person/zarqawi")}


def test_description_after_a_copula_only_when_indefinite() -> None:
    """ "X is a Lebanese cleric" describes X as an apposition does; "X is the cleric" does not
    (a definite phrase after a copula identifies rather than describes)."""
    doc = parsed(
        "Abssi/PROPN is/AUX a/DET Lebanese/ADJ cleric/NOUN ./PUNCT || "
        "Rifi/PROPN was/AUX the/DET cleric/NOUN ./PUNCT",
        {"Abssi": "PER", "Rifi": "PER"},
    )
    assert _run(doc)[3] == {"person/abssi": ["Lebanese cleric"]}


def test_possessive_role_through_a_nominal() -> None:
    doc = parsed(
        "Fatah/PROPN al/PROPN Islam/PROPN fought/VERB ./PUNCT || The/DET group/NOUN ’s/PART "
        "leader/NOUN ,/PUNCT Shakir/PROPN al-Abssi/PROPN ,/PUNCT spoke/VERB ./PUNCT",
        {"Fatah al Islam": "ORG", "Shakir al-Abssi": "PER"},
    )
    mentions, _, relations, _ = _run(doc)
    nominal = next(m for m in mentions if m.kind == "nominal")
    assert (nominal.text, nominal.entity) == ("The group", "organization/fatah-al-islam")
    assert _triples(relations) == {
        ("leader_of", "person/shakir-al-abssi", "organization/fatah-al-islam")
    }


def test_placed_description_and_relative_clause() -> None:
    doc = parsed(
        "Dr./PROPN Massari/PROPN ,/PUNCT a/DET Saudi/ADJ dissident/NOUN in/ADP Britain/PROPN who/PRON "
        "runs/VERB the/DET forum/NOUN ,/PUNCT Tajdeed.net/PROPN ,/PUNCT said/VERB so/ADV ./PUNCT",
        {"Massari": "PER", "Britain": "LOC", "Tajdeed.net": "PER"},
    )
    _, entities, relations, descriptions = _run(doc)
    assert _triples(relations) == {
        ("located_in", "person/massari", "place/britain"),
        ("runs", "person/massari", "organization/tajdeed-net"),
    }
    assert descriptions["person/massari"] == ["Saudi dissident"]
    assert {e.id: e.properties for e in entities}["person/massari"] == {"title": "Dr."}


def test_led_by_and_the_leader_of_x_comma_y() -> None:
    doc = parsed(
        "Hamas/PROPN ,/PUNCT led/VERB by/ADP Haniyeh/PROPN ,/PUNCT agreed/VERB ./PUNCT || "
        "The/DET spokesman/NOUN for/ADP Hamas/PROPN ,/PUNCT Barhoum/PROPN ,/PUNCT agreed/VERB ./PUNCT",
        {"Hamas": "ORG", "Haniyeh": "PER", "Barhoum": "PER"},
    )
    assert _triples(_run(doc)[2]) == {
        ("leader_of", "person/haniyeh", "organization/hamas"),
        ("spokesperson_for", "person/barhoum", "organization/hamas"),
    }


def test_types_that_do_not_fit_give_no_relation() -> None:
    doc = parsed(
        "Baghdad/PROPN ,/PUNCT the/DET leader/NOUN of/ADP Iraq/PROPN ,/PUNCT grew/VERB ./PUNCT",
        {"Baghdad": "LOC", "Iraq": "LOC"},
    )
    assert _run(doc)[2] == []


def test_pronoun_joins_the_last_person_unless_a_person_noun_intervenes() -> None:
    doc = parsed(
        "Abssi/PROPN said/VERB his/PRON men/NOUN left/VERB ./PUNCT || Abssi/PROPN said/VERB "
        "his/PRON son/NOUN died/VERB as/SCONJ he/PRON fled/VERB ./PUNCT",
        {"Abssi": "PER"},
    )
    mentions, _, _, _ = _run(doc)
    pronouns = [(m.text, m.start, m.entity) for m in mentions if m.kind == "pronoun"]
    assert [(text, entity) for text, _, entity in pronouns] == [
        ("his", "person/abssi"),
        ("his", "person/abssi"),
    ]
    he = doc.text.index(" he ") + 1
    assert all(start != he for _, start, _ in pronouns)


def test_nominal_needs_a_fitting_antecedent() -> None:
    doc = parsed(
        "The/DET Lebanese/ADJ Army/PROPN and/CCONJ Fatah/PROPN fought/VERB ./PUNCT || "
        "The/DET army/NOUN won/VERB ;/PUNCT a/DET group/NOUN fled/VERB ./PUNCT",
        {"Lebanese Army": "ORG", "Fatah": "ORG"},
    )
    mentions, _, _, _ = _run(doc)
    references = [(m.text, m.entity) for m in mentions if m.kind == "nominal"]
    assert references == [("The army", "organization/lebanese-army")]


def test_name_placed_by_in_right_after_it_or_its_members() -> None:
    doc = parsed(
        "Oxfam/PROPN in/ADP Syria/PROPN and/CCONJ Iraq/PROPN fought/VERB ./PUNCT || "
        "Damascus/PROPN in/ADP Syria/PROPN fell/VERB ./PUNCT || "
        "Hamas/PROPN fought/VERB in/ADP Gaza/PROPN ./PUNCT || "
        "Fatah/PROPN fighters/NOUN/NNS in/ADP Jenin/PROPN left/VERB ./PUNCT || "
        "Fatah/PROPN leader/NOUN/NN in/ADP Jenin/PROPN left/VERB ./PUNCT || "
        "Hamas/PROPN attacks/NOUN/NNS in/ADP Paris/PROPN failed/VERB ./PUNCT",
        {
            "Oxfam": "ORG",
            "Syria": "LOC",
            "Iraq": "LOC",
            "Damascus": "LOC",
            "Hamas": "ORG",
            "Gaza": "LOC",
            "Fatah": "ORG",
            "Jenin": "LOC",
            "Paris": "LOC",
        },
    )
    # A place in a place is no located_in; a verb between the name and "in" states no place;
    # the group's members ("fighters") place it, one of them ("leader") does not, nor what it
    # does ("attacks").
    assert _triples(_run(doc)[2]) == {
        ("located_in", "organization/oxfam", "place/syria"),
        ("located_in", "organization/oxfam", "place/iraq"),
        ("located_in", "organization/fatah", "place/jenin"),
    }
