"""The spaCy components newsgraph adds to a pipeline, alone and in the shipped pipeline."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.extract.article import Article
from newsgraph.extract.components import irregular_lemmas, name_sentences
from newsgraph.extract.pipeline import extract_articles


def test_no_sentence_starts_inside_a_name() -> None:
    words = ["Colin", "Montgomerie", "68", "Robert", "Coles", "74"]
    doc = Doc(spacy.blank("en").vocab, words=words)
    doc.ents = [Span(doc, 0, 2, label="PER"), Span(doc, 3, 5, label="PER")]
    name_sentences(doc)
    assert [token.is_sent_start for token in doc] == [True, False, None, None, False, None]


def test_the_parser_comes_after_the_names_and_never_cuts_one(nlp: Language) -> None:
    names = nlp.pipe_names
    assert names.index("ner") < names.index("newsgraph_name_sentences") < names.index("parser")
    # Score tables: a parser trained on web text starts sentences at "Montgomerie" and "Po",
    # which cut the names in two when NER ran after it.
    text = (
        "Colin Montgomerie 68 76 77 69 , Robert Coles 74 76 71 69\n"
        "Lisa Raymond ( U.S. ) beat Kimberly Po ( U.S. ) 6-3 6-2"
    )
    doc = nlp(text)
    for ent in doc.ents:
        assert not any(token.is_sent_start for token in ent[1:]), ent.text
    extraction = next(iter(extract_articles([Article(id="scores", text=text)], nlp)))
    people = [m.text for m in extraction.mentions if m.type == "person" and m.kind == "name"]
    assert people == ["Colin Montgomerie", "Robert Coles", "Lisa Raymond", "Kimberly Po"]


def test_irregular_verbs_get_their_base_form(nlp: Language) -> None:
    doc = nlp("Police shot the suspect. Thousands fled the city.")
    lemmas = {t.text: t.lemma_ for t in doc if t.pos_ in {"VERB", "AUX"}}
    assert lemmas["shot"] == "shoot"
    assert lemmas["fled"] == "flee"
    # The component alone: a verb takes the base form, a noun keeps its lemma.
    words = ["guards", "were", "slain", "a", "shot"]
    doc = Doc(spacy.blank("en").vocab, words=words)
    for token, pos in zip(doc, ["NOUN", "AUX", "VERB", "DET", "NOUN"], strict=True):
        token.pos_ = pos
        token.lemma_ = token.lower_
    irregular_lemmas(doc)
    assert [t.lemma_ for t in doc] == ["guards", "were", "slay", "a", "shot"]


def test_irregular_verbs_read_as_events(nlp: Language) -> None:
    text = "Police shot the suspect after he opened fire on officers."
    (extraction,) = extract_articles([Article(id="t", text=text)], nlp)
    found = {(e.type, e.trigger.text) for e in extraction.events}
    assert ("attack", "shot") in found
    assert ("attack", "fire") in found
    fire = next(e for e in extraction.events if e.trigger.text == "fire")
    assert ("target", "officers") in {(a.role, a.text) for a in fire.arguments}
    # Returning fire is an attack, not a journey.
    (extraction,) = extract_articles(
        [Article(id="t", text="The troops returned fire and killed two gunmen.")], nlp
    )
    assert {e.type for e in extraction.events} == {"attack", "killing"}
