"""Rules between the NER and the typed name mentions, as chosen on the dev splits of the seven
NER corpora (`newsgraph eval ner --split dev`)."""

from __future__ import annotations

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from newsgraph.extract.missed_names import website_names


def _sentence(words: list[str]) -> Doc:
    starts: list[bool | int | None] = [i == 0 for i in range(len(words))]
    return Doc(Vocab(), words=words, sent_starts=starts)


def test_a_web_site_is_a_name_where_it_is_written_as_one() -> None:
    words = ["Tajdeed.net", "and", "Goldstar.com", "not", "www.adobe.com", "irc.yankeedot.net"]
    words += ["dresscod.com", "WWW.IGOURMET.COM", "."]
    doc = _sentence(words)
    assert [m.text for m in website_names(doc, [])] == ["Tajdeed.net", "Goldstar.com"]


def test_one_word_after_a_title_word_ends_an_organizations_name() -> None:
    from newsgraph.extract.mentions import entity_mentions

    words = ["Massachusetts", "General", "Hospital", "hired", "New", "York", "Attorney"]
    words += ["General", "Letitia", "James", "."]
    doc = _sentence(words)
    doc.set_ents([Span(doc, 0, 3, label="ORG"), Span(doc, 4, 10, label="PER")])
    found = [(m.text, m.type, m.title) for m in entity_mentions(doc)]
    assert found == [
        ("Massachusetts General Hospital", "organization", None),
        ("New York", "organization", None),
        ("Letitia James", "person", "Attorney General"),
    ]


def test_a_name_ends_at_a_possessive_only_where_a_place_follows() -> None:
    from newsgraph.extract.mentions import entity_mentions

    words = ["White", "House", "'s", "Iraq", "and", "European", "People", "'s", "Party", "."]
    doc = _sentence(words)
    for i in (2, 7):
        doc[i].tag_ = "POS"
    doc.set_ents([Span(doc, 0, 4, label="ORG"), Span(doc, 5, 9, label="ORG")])
    assert [m.text for m in entity_mentions(doc)] == ["White House", "European People 's Party"]
