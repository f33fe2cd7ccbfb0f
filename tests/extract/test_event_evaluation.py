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


def test_asserted_events_are_scored_apart(tmp_path: Path, nlp: Language) -> None:
    """A gold event annotated as planned counts among all events, not among asserted ones."""
    event = {"type": "arrest", "trigger": _span("arrested"), "arguments": []}
    told = score_events(nlp, read_event_gold(_gold(tmp_path, [event])))
    assert told["asserted_trigger_classification"]["tp"] == 1
    assert told["modality_accuracy"] == 1.0
    planned = score_events(
        nlp, read_event_gold(_gold(tmp_path, [{**event, "modality": "planned"}]))
    )
    assert planned["trigger_classification"]["tp"] == 1
    # The extractor reads "Police arrested" as asserted: a false asserted event, a wrong modality.
    assert planned["asserted_trigger_classification"]["fp"] == 1
    assert planned["asserted_trigger_classification"]["tp"] == 0
    assert planned["modality_accuracy"] == 0.0
    assert planned["per_type_arguments"]["arrest"]["fp"] >= 1


def test_gold_with_an_unknown_modality_or_bad_argument_is_refused(tmp_path: Path) -> None:
    event = {"type": "arrest", "trigger": _span("arrested"), "arguments": []}
    with pytest.raises(ValueError, match="modality"):
        read_event_gold(_gold(tmp_path, [{**event, "modality": "maybe"}]))
    argument = {"role": "detainee", "start": 0, "end": 6, "text": "suspects"}
    with pytest.raises(ValueError, match="argument offsets"):
        read_event_gold(_gold(tmp_path, [{**event, "arguments": [argument]}]))


@pytest.mark.parametrize("split", ["dev", "test"])
def test_the_re3d_gold_reads_and_keeps_its_split(split: str) -> None:
    """The split of each annotated document is the one data/events/ANNOTATION.md defines."""
    import hashlib

    path = Path(__file__).parents[1] / "fixtures" / f"re3d_events_{split}.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(read_event_gold(path)) == len(records) > 0
    for record in records:
        even = int(hashlib.sha256(record["id"].encode()).hexdigest()[:8], 16) % 2 == 0
        assert record["split"] == split == ("dev" if even else "test")
        assert record["source_url"].startswith("http") and "public domain" in record["licence"]


def _lgl(tmp_path: Path, text: str) -> Path:
    """A corpora folder holding one LGL-format article, as ../shared/corpora has them."""
    from xml.sax.saxutils import escape

    folder = tmp_path / "corpora" / "geoparsing"
    folder.mkdir(parents=True)
    (folder / "lgl.xml").write_text(
        f'<articles><article docid="a7"><text>{escape(text)}</text><toponyms/></article></articles>',
        encoding="utf-8",
    )
    return tmp_path / "corpora"


def _textless(tmp_path: Path, text: str) -> Path:
    import hashlib

    start = TEXT.index("arrested")
    record = {
        "id": "a7",
        "corpus": "lgl",
        "text": None,
        "text_sha1": hashlib.sha1(text.encode()).hexdigest(),
        "events": [
            {
                "type": "arrest",
                "trigger": {"start": start, "end": start + len("arrested")},
                "arguments": [{"role": "agent", "start": 0, "end": 6}],
            }
        ],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(record) + "\n")
    return path


def test_a_gold_record_without_its_text_reads_it_from_the_corpora(
    tmp_path: Path, nlp: Language
) -> None:
    gold = read_event_gold(_textless(tmp_path, TEXT), _lgl(tmp_path, TEXT))
    ((article, events),) = gold
    assert article.text == TEXT
    assert events[0]["trigger"]["text"] == "arrested"
    assert events[0]["arguments"][0]["text"] == "Police"
    scores = score_events(nlp, gold)
    assert scores["trigger_classification"]["f1"] == 1.0


def test_a_gold_record_without_its_text_needs_the_same_text(tmp_path: Path) -> None:
    path = _textless(tmp_path, TEXT)
    with pytest.raises(ValueError, match="--corpora"):
        read_event_gold(path)
    other = TEXT.replace("Madrid", "Bilbao")
    with pytest.raises(ValueError, match="SHA-1 differs"):
        read_event_gold(path, _lgl(tmp_path, other))


@pytest.mark.parametrize("split", ["dev", "test"])
def test_the_news_gold_keeps_its_split_and_no_geoparsing_text(split: str, tmp_path: Path) -> None:
    """ECB+ records keep their text (CC BY 3.0) and read alone; LGL and TR-News records keep
    offsets only; every document is in the half `geo_eval.split_of` gives it."""
    from newsgraph.extract.geo_eval import split_of

    path = Path(__file__).parents[1] / "fixtures" / f"news_events_{split}.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert {r["corpus"] for r in records} == {"ecb+", "lgl", "trnews"}
    for record in records:
        assert record["split"] == split == split_of(record["id"])
        if record["corpus"] != "ecb+":
            assert record["text"] is None and len(record["text_sha1"]) == 40
            spans = [s for e in record["events"] for s in (e["trigger"], *e["arguments"])]
            assert not any("text" in s for s in spans)
        else:
            assert "CC BY 3.0" in record["licence"]
    ecb = tmp_path / "ecb.jsonl"
    ecb.write_text("".join(json.dumps(r) + "\n" for r in records if r["corpus"] == "ecb+"))
    read = read_event_gold(ecb)
    assert len(read) == sum(r["corpus"] == "ecb+" for r in records)
    assert sum(len(events) for _, events in read) > 50
