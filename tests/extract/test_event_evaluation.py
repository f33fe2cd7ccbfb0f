"""The event scorer: triggers by overlap and type, arguments by head overlap and role."""

import json
from pathlib import Path

import pytest
from spacy.language import Language

from newsgraph.extract.evaluation import read_event_gold, score_events

TEXT = "Police arrested 12 suspects in Madrid on Friday. The weather was fine."


def _gold(tmp_path: Path, events: list[dict]) -> Path:  # type: ignore[type-arg]
    path = tmp_path / "gold.jsonl"
    path.write_text(
        json.dumps({"id": "g1", "text": TEXT, "published": "2024-03-04", "events": events}) + "\n"
    )
    return path


def _span(word: str) -> dict[str, object]:
    start = TEXT.index(word)
    return {"start": start, "end": start + len(word), "text": word}


def test_a_correct_event_scores_and_a_wrong_type_does_not(tmp_path: Path, nlp: Language) -> None:
    right = [
        {
            "type": "arrest",
            "trigger": _span("arrested"),
            "arguments": [
                {"role": "detainee", **_span("suspects")},
                {"role": "place", **_span("Madrid")},
            ],
        }
    ]
    scores = score_events(nlp, read_event_gold(_gold(tmp_path, right)))
    assert (
        scores["trigger_classification"]["tp"] == 1 and scores["trigger_classification"]["fn"] == 0
    )
    assert scores["argument_classification"]["tp"] == 2
    assert scores["argument_classification"]["fn"] == 0

    wrong = [
        {
            "type": "killing",
            "trigger": _span("arrested"),
            "arguments": [{"role": "victim", **_span("suspects")}],
        }
    ]
    scores = score_events(nlp, read_event_gold(_gold(tmp_path, wrong)))
    assert scores["trigger_identification"]["tp"] == 1
    assert (
        scores["trigger_classification"]["tp"] == 0 and scores["trigger_classification"]["fn"] == 1
    )
    assert (
        scores["argument_classification"]["tp"] == 0
        and scores["argument_classification"]["fn"] == 1
    )


def test_gold_with_bad_offsets_is_refused(tmp_path: Path) -> None:
    bad = [
        {"type": "arrest", "trigger": {"start": 0, "end": 6, "text": "arrested"}, "arguments": []}
    ]
    with pytest.raises(ValueError, match="trigger offsets"):
        read_event_gold(_gold(tmp_path, bad))
