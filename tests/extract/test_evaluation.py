"""Scoring extractor mentions against gold NER files, on small files written here."""

from pathlib import Path

import pytest
from spacy.language import Language

from newsgraph.extract.evaluation import format_mention_scores, gold_documents, score_mentions

CONLL = """-DOCSTART- O

Angela B-PER
Merkel I-PER
visited O
Paris B-LOC
on O
Monday O
. O

German B-MISC
officials O
said O
Siemens B-ORG
would O
invest O
. O
"""


def test_scores_count_every_gold_mention_once(tmp_path: Path, nlp: Language) -> None:
    folder = tmp_path / "conll2003-en"
    folder.mkdir()
    (folder / "test.txt").write_text(CONLL)
    gold = gold_documents("conll2003", tmp_path, nlp.vocab)
    assert len(gold) == 1 and [e.text for e in gold[0].ents] == [
        "Angela Merkel",
        "Paris",
        "German",
        "Siemens",
    ]
    scores = score_mentions(nlp, gold)
    for rule in ("strict", "head"):
        micro = scores[rule]["micro"]
        assert micro["tp"] + micro["fn"] == 3  # MISC is not scored
        precision, recall = micro["p"], micro["r"]
        assert micro["f1"] == pytest.approx(2 * precision * recall / (precision + recall))
    assert scores["head"]["person"]["tp"] == 1  # "Angela Merkel" is found
    assert scores["head"]["place"]["tp"] == 1  # "Paris" is found
    assert "person" in format_mention_scores("conll2003", scores)


def test_unknown_corpus_and_missing_split_are_errors(tmp_path: Path, nlp: Language) -> None:
    with pytest.raises(ValueError, match="unknown corpus"):
        gold_documents("ontonotes", tmp_path, nlp.vocab)
    with pytest.raises(FileNotFoundError, match="test split not found"):
        gold_documents("uner", tmp_path, nlp.vocab)


def test_the_model_alone_and_the_extractor_are_scored_on_each_corpus(
    tmp_path: Path, nlp: Language
) -> None:
    from newsgraph.extract.evaluation import (
        format_corpora_scores,
        score_all_mentions,
        score_corpora,
    )

    folder = tmp_path / "conll2003-en"
    folder.mkdir()
    (folder / "valid.txt").write_text(CONLL)
    wikigold = tmp_path / "wikigold" / "CONLL-format" / "data"
    wikigold.mkdir(parents=True)
    # Documents 0 and 10 of WikiGold are its test split, 5 its dev split.
    (wikigold / "wikigold.conll.txt").write_text(
        "".join(
            f"-DOCSTART- O\n\nAngela I-PER\nMerkel I-PER\nmet O\nReporters{n} O\n. O\n\n"
            for n in range(11)
        )
    )
    gold = gold_documents("conll2003", tmp_path, nlp.vocab, "dev")
    both = score_all_mentions(nlp, gold)
    assert set(both) == {"extractor", "model"}
    for scores in both.values():
        assert scores["head"]["micro"]["tp"] + scores["head"]["micro"]["fn"] == 3
    assert both["model"]["head"]["person"]["tp"] == 1  # the NER alone finds "Angela Merkel"
    scores = score_corpora(nlp, tmp_path, ["conll2003", "wikigold"], "dev")
    assert scores["corpora"]["wikigold"]["model"]["documents"] == 1
    for scorer in ("extractor", "model"):
        figures = [scores["corpora"][c][scorer]["head"]["micro"]["f1"] for c in scores["corpora"]]
        assert scores["macro_head_f1"][scorer] == pytest.approx(sum(figures) / 2)
    table = format_corpora_scores(scores)
    assert "wikigold" in table and "macro average over 2 corpora" in table
    with pytest.raises(FileNotFoundError, match="test split not found"):
        gold_documents("re3d", tmp_path, nlp.vocab)
    with pytest.raises(ValueError, match="unknown split"):
        gold_documents("conll2003", tmp_path, nlp.vocab, "validation")
