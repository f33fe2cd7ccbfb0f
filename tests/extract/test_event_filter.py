"""The event filter: weights read from its data file, a probability for each candidate that
the event keeps as its confidence, and a clear error for a broken weights file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from newsgraph.extract.article import Article
from newsgraph.extract.event_filter import FILTER_PATH, EventFilter, event_filter, read_filter
from newsgraph.extract.pipeline import extract_articles


def test_the_shipped_weights_read() -> None:
    judge = read_filter(FILTER_PATH)
    assert judge.weights and 0.0 < judge.threshold < 1.0
    assert judge.probability([]) == pytest.approx(1 / (1 + 2.718281828 ** (-judge.bias)), 1e-6)


def test_a_broken_weights_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "filter.json"
    path.write_text(json.dumps({"weights": {"a": 1.0}}))
    with pytest.raises(ValueError, match="not an event filter"):
        read_filter(path)


def test_probability_follows_the_weights() -> None:
    judge = EventFilter({"good": 2.0, "bad": -2.0}, 0.0, 0.5)
    assert judge.probability(["good"]) > 0.5 > judge.probability(["bad"])
    assert judge.probability(["bad"] * 40) == 0.0


def _confidence(nlp: Language, text: str, trigger: str) -> float | None:
    (extraction,) = extract_articles([Article(id="f", text=text)], nlp)
    found = [e.confidence for e in extraction.events if e.trigger.text == trigger]
    return found[0] if found else None


def test_the_confidence_is_the_filters(nlp: Language) -> None:
    asserted = _confidence(nlp, "Gunmen killed 12 soldiers near the town on Sunday.", "killed")
    assert asserted is not None and asserted >= event_filter().threshold
    negated = _confidence(nlp, "The gunmen did not kill the soldiers.", "kill")
    assert negated is None or negated < asserted


def test_training_separates_what_the_labels_separate() -> None:
    import numpy as np

    from newsgraph.extract.training.events_filter import train

    rows = [["a", "x"], ["a", "y"], ["b", "x"], ["b", "y"]] * 5
    labels = np.asarray([1.0, 1.0, 0.0, 0.0] * 5)
    weights, _ = train(rows, labels, np.ones(len(rows)), epochs=200)
    assert weights["a"] > 0 > weights["b"]
    assert abs(weights.get("x", 0.0)) < abs(weights["a"])


def _ecb_plus_document(root: Path, xml: str) -> None:
    """ECB+ as the corpus lays it out: topic 3's document 3_1ecbplus, whose sentence 1 the
    coreference sentence list names."""
    (root / "ECB+" / "3").mkdir(parents=True)
    (root / "ECBplus_coreference_sentences.csv").write_text(
        "Topic,File,Sentence Number\n3,1ecbplus,1\n"
    )
    (root / "ECB+" / "3" / "3_1ecbplus.xml").write_text(xml)


def test_ecb_plus_sentences_and_mentions(tmp_path: Path) -> None:
    from newsgraph.extract.training.events_data import read_ecb_plus

    _ecb_plus_document(
        tmp_path,
        """<Document doc_name="3_1ecbplus.xml">
<token t_id="1" sentence="0" number="0">Title</token>
<token t_id="2" sentence="1" number="0">Police</token>
<token t_id="3" sentence="1" number="1">did</token>
<token t_id="4" sentence="1" number="2">not</token>
<token t_id="5" sentence="1" number="3">arrest</token>
<token t_id="6" sentence="1" number="4">him</token>
<Markables><NEG_ACTION_OCCURRENCE m_id="9"><token_anchor t_id="5"/></NEG_ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="10"><token_anchor t_id="1"/></ACTION_OCCURRENCE></Markables>
</Document>""",
    )
    (record,) = read_ecb_plus(tmp_path)
    assert record.text == "Police did not arrest him" and record.group == "3"
    assert record.events == {(15, 21): "NEG_ACTION_OCCURRENCE"}
    assert record.label_at(15, 21) == "NEG_ACTION_OCCURRENCE" and record.label_at(0, 6) is None


def test_the_sentences_ecb_plus_left_unannotated_are_read_apart(tmp_path: Path) -> None:
    from newsgraph.extract.training.events_data import read_ecb_plus_unlisted

    _ecb_plus_document(
        tmp_path,
        """<Document doc_name="3_1ecbplus.xml">
<token t_id="1" sentence="0" number="0">http://example.com/a</token>
<token t_id="2" sentence="1" number="0">Police</token>
<token t_id="3" sentence="1" number="1">arrested</token>
<token t_id="4" sentence="2" number="0">Troops</token>
<token t_id="5" sentence="2" number="1">left</token>
<token t_id="6" sentence="3" number="0">Rain</token>
<token t_id="7" sentence="3" number="1">fell</token>
</Document>""",
    )
    (record,) = read_ecb_plus_unlisted(tmp_path)
    # the listed sentence 1 and the URL line are left out, one sentence a line
    assert record.text == "Troops left\nRain fell" and record.group == "3" and not record.events


def test_judgments_are_read_and_a_bad_one_is_refused(tmp_path: Path) -> None:
    from newsgraph.extract.training.events_data import read_judgments

    path = tmp_path / "judgments.jsonl"
    rows = [
        {"corpus": "lgl", "doc": "7", "start": 10, "type": "movement", "label": 0},
        {"corpus": "lgl", "doc": "7", "start": 30, "type": "attack", "label": 1},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    table = read_judgments(path)
    assert table[("lgl", "7")][(10, "movement")].label == 0
    assert table[("lgl", "7")][(30, "attack")].label == 1
    path.write_text(json.dumps({**rows[0], "label": 2}) + "\n")
    with pytest.raises(ValueError, match=r"judgments\.jsonl:1: label must be 0 or 1"):
        read_judgments(path)
    path.write_text('{"corpus": "lgl"}\n')
    with pytest.raises(ValueError, match="not a judgment"):
        read_judgments(path)
