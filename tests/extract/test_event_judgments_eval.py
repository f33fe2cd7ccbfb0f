"""Precision on judged news: the articles are extracted again and each event is matched to the
judgment of its trigger; retyped events count by the judgment's other type; judged words no
longer predicted are counted as removed, true or false."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from newsgraph.extract.event_judgments_eval import format_judgment_scores, score_judgments

TEXT = (
    "Police arrested two men in Madrid .\nHe was sent to prison for life .\n"
    "The issue came up again at the meeting in Madrid ."
)


def _corpora(tmp_path: Path) -> Path:
    folder = tmp_path / "ecb_plus" / "ECB+" / "4"
    folder.mkdir(parents=True)
    (tmp_path / "ecb_plus" / "ECBplus_coreference_sentences.csv").write_text(
        "Topic,File,Sentence Number\n4,2ecb,9\n"
    )
    tokens: list[str] = []
    for number, sentence in enumerate(TEXT.split("\n")):
        for word in sentence.split():
            tokens.append(f'<token t_id="{len(tokens) + 1}" sentence="{number}">{word}</token>')
    (folder / "4_2ecb.xml").write_text(f"<Document>{''.join(tokens)}</Document>")
    return tmp_path


def _judgments(tmp_path: Path, rows: list[dict[str, object]]) -> Path:
    path = tmp_path / "judgments.jsonl"
    base = {"corpus": "ecb+unlisted", "doc": "4_2ecb"}
    path.write_text("".join(json.dumps({**base, **row}) + "\n" for row in rows))
    return path


def test_events_are_scored_by_the_judgment_of_their_trigger(nlp: Language, tmp_path: Path) -> None:
    corpora = _corpora(tmp_path)
    arrested = TEXT.index("arrested")
    sent = TEXT.index("sent")
    came = TEXT.index("came")
    judgments = _judgments(
        tmp_path,
        [
            {"start": arrested, "type": "arrest", "label": 1},
            # proposed once as a movement, judged a jailing: now an arrest, right by its
            # other type
            {"start": sent, "type": "movement", "label": 0, "other_type": "arrest"},
            # proposed once as a movement and judged none: no longer predicted
            {"start": came, "type": "movement", "label": 0},
        ],
    )
    scores = score_judgments(nlp, corpora, judgments, "all")
    assert scores["articles"] == 1
    table = scores["corpora"]["ecb+unlisted"]
    assert table["per_type"]["arrest"] == {
        "predicted": 2,
        "judged": 2,
        "right": 2,
        "unjudged": 0,
        "removed_true": 0,
        "removed_false": 0,
        "precision": 1.0,
    }
    assert table["per_type"]["movement"]["removed_false"] == 1
    assert table["per_type"]["movement"]["predicted"] == 0
    assert scores["corpora"]["all corpora"]["total"]["right"] == 2
    assert "ecb+unlisted" in format_judgment_scores(scores)


def test_a_false_judgment_makes_the_event_wrong(nlp: Language, tmp_path: Path) -> None:
    corpora = _corpora(tmp_path)
    judgments = _judgments(
        tmp_path, [{"start": TEXT.index("arrested"), "type": "arrest", "label": 0}]
    )
    scores = score_judgments(nlp, corpora, judgments, "all")
    row = scores["corpora"]["ecb+unlisted"]["total"]
    assert (row["judged"], row["right"], row["precision"]) == (1, 0, 0.0)


def test_a_bad_judgments_file_is_refused(nlp: Language, tmp_path: Path) -> None:
    path = tmp_path / "judgments.jsonl"
    path.write_text('{"corpus": "lgl", "doc": "1", "start": 0, "type": "attack", "label": 3}\n')
    with pytest.raises(ValueError, match="label must be 0 or 1"):
        score_judgments(nlp, tmp_path, path, "all")
