"""The spaCy components newsgraph adds to a pipeline, alone and in the shipped pipeline."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.extract.article import Article
from newsgraph.extract.components import name_sentences
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
