"""NER spans become typed mentions with exact offsets, and mentions group into entities."""

import spacy
from spacy.tokens import Doc, Span

from extract.mentions import entity_mentions
from extract.names import normalize_name, resolution_key
from extract.resolve import resolve_entities


def _doc(words: list[str], spaces: list[bool], ents: list[tuple[int, int, str]]) -> Doc:
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces)
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


def test_same_name_of_two_types_is_two_entities() -> None:
    words = ["Jordan", "said", "Jordan", "is", "hot"]
    doc = _doc(words, [True] * 4 + [False], [(0, 1, "PER"), (2, 3, "LOC")])
    _, entities = resolve_entities(entity_mentions(doc))
    assert sorted(e.id for e in entities) == ["person/jordan", "place/jordan"]


def test_names_normalize_typography_case_and_articles() -> None:
    assert normalize_name("The White House\u2019s") == "white house"
    assert resolution_key("place", "São Paulo") == "place/sao-paulo"
