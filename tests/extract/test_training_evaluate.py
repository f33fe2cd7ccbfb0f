"""Tests for the scoring functions and report of extract.training.evaluate."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from newsgraph.extract.training.evaluate import (
    format_report,
    score_entities,
    score_entities_by_offsets,
    score_syntax,
)

WORDS = ["Kohl", "met", "Saudis", "in", "Bonn", "."]


def _ner_doc(vocab: Vocab, spans: list[tuple[int, int, str]]) -> Doc:
    doc = Doc(vocab, words=WORDS)
    doc.set_ents([Span(doc, start, end, label=label) for start, end, label in spans])
    return doc


def test_score_entities_exact_spans_and_types() -> None:
    vocab = Vocab()
    gold = _ner_doc(vocab, [(0, 1, "PER"), (2, 3, "MISC"), (4, 5, "LOC")])
    # One hit (Kohl), one wrong type (Bonn as ORG), one miss (Saudis).
    pred = _ner_doc(vocab, [(0, 1, "PER"), (4, 5, "ORG")])
    scores = score_entities([pred], [gold], ("PER", "ORG", "LOC", "MISC"))
    assert scores["p"] == pytest.approx(1 / 2)
    assert scores["r"] == pytest.approx(1 / 3)
    assert scores["f"] == pytest.approx(0.4)
    assert scores["per_type"]["PER"]["f"] == pytest.approx(1.0)
    assert scores["per_type"]["ORG"]["p"] == 0.0
    assert scores["per_type"]["LOC"]["r"] == 0.0
    assert scores["per_type"]["MISC"]["support"] == 1


def test_score_entities_ignores_types_outside_the_scheme() -> None:
    vocab = Vocab()
    gold = _ner_doc(vocab, [(0, 1, "PER")])
    pred = _ner_doc(vocab, [(0, 1, "PER"), (2, 3, "MISC")])
    scores = score_entities([pred], [gold], ("PER", "ORG", "LOC"))
    assert scores["p"] == pytest.approx(1.0)
    assert "MISC" not in scores["per_type"]


def test_score_syntax_counts_heads_labels_and_sentences() -> None:
    vocab = Vocab()
    words = ["He", "left", ".", "Rain", "fell", "."]
    gold = Doc(
        vocab,
        words=words,
        heads=[1, 1, 1, 4, 4, 4],
        deps=["nsubj", "ROOT", "punct", "nsubj", "ROOT", "punct"],
        pos=["PRON", "VERB", "PUNCT", "NOUN", "VERB", "PUNCT"],
        tags=["PRP", "VBD", ".", "NN", "VBD", "."],
        lemmas=["he", "leave", ".", "rain", "fall", "."],
    )
    # One sentence instead of two: "fell" attached to "left" (head wrong) and
    # "Rain" with the right head but a subtyped label (wrong only in full LAS).
    pred = Doc(
        vocab,
        words=words,
        heads=[1, 1, 1, 4, 1, 4],
        deps=["nsubj", "ROOT", "punct", "nsubj:pass", "parataxis", "punct"],
        pos=["PRON", "VERB", "PUNCT", "NOUN", "VERB", "PUNCT"],
        tags=["PRP", "VBD", ".", "NN", "VBN", "."],
        lemmas=["he", "leave", ".", "rain", "fell", "."],
    )
    scores = score_syntax([pred], [gold])
    assert scores["uas"] == pytest.approx(5 / 6)
    assert scores["las"] == pytest.approx(5 / 6)
    assert scores["las_full"] == pytest.approx(4 / 6)
    assert scores["xpos"] == pytest.approx(5 / 6)
    assert scores["upos"] == pytest.approx(1.0)
    assert scores["lemma"] == pytest.approx(5 / 6)
    assert scores["sents_p"] == 0.0
    assert scores["sents_r"] == 0.0


def test_format_report_lists_every_figure() -> None:
    entity = {"p": 0.5, "r": 0.25, "f": 1 / 3, "support": 4}
    report = format_report(
        {
            "model": "m-1",
            "pipeline": ["ner"],
            "conll_test_ner": {
                "p": 0.5,
                "r": 0.25,
                "f": 1 / 3,
                "per_type": {label: entity for label in ("PER", "ORG", "LOC", "MISC")},
            },
            "words_per_second": 1234.0,
            "words_per_second_detail": {"all": 1234.0},
        }
    )
    assert "CoNLL-2003 test NER" in report
    assert "MISC       0.500   0.250   0.333        4" in report
    assert "ALL        0.500   0.250   0.333" in report
    assert "1,234 words/s" in report
    assert "UD EWT" not in report


def test_score_entities_by_offsets_matches_characters_not_tokens() -> None:
    vocab = Vocab()
    gold = Doc(vocab, words=["Tel-Aviv", "won"])
    gold.set_ents([Span(gold, 0, 1, label="LOC")])
    # Different tokens, same characters: a hit. The extra ORG is a false positive.
    pred = Doc(vocab, words=["Tel", "-", "Aviv", "won"], spaces=[False, False, True, False])
    pred.set_ents([Span(pred, 0, 3, label="LOC"), Span(pred, 3, 4, label="ORG")])
    scores = score_entities_by_offsets([pred], [gold], ("LOC", "ORG"))
    assert scores["p"] == pytest.approx(0.5)
    assert scores["r"] == pytest.approx(1.0)
