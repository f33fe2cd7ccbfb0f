"""Smoke test of extract.training.train: both runs, assembly and offline loading, on toy corpora."""

from __future__ import annotations

import json
from pathlib import Path

import spacy

from newsgraph.extract.training.train import train_pipeline

from .test_training_convert import CONLL2003, CONLLU, UNER


def _toy_corpora(root: Path) -> Path:
    for folder, pattern, text in (
        ("ud-english-ewt", "en_ewt-ud-{}.conllu", CONLLU * 3),
        ("uner-english-ewt", "en_ewt-ud-{}.iob2", UNER),
    ):
        (root / folder).mkdir(parents=True)
        for split in ("train", "dev", "test"):
            (root / folder / pattern.format(split)).write_text(text, encoding="utf-8")
    (root / "conll2003-en").mkdir()
    for name in ("train.txt", "valid.txt", "test.txt"):
        (root / "conll2003-en" / name).write_text(CONLL2003 * 3, encoding="utf-8")
    return root


def test_train_pipeline_assembles_a_loadable_pipeline(tmp_path: Path) -> None:
    corpora = _toy_corpora(tmp_path / "corpora")
    steps = {"training.max_steps": "2", "training.eval_frequency": "1"}
    # Toy trees are too few for the parser's rare-label pruning.
    syntax = {**steps, "components.parser.min_action_freq": "1"}
    output = train_pipeline(
        corpora,
        tmp_path / "model",
        work_dir=tmp_path / "work",
        max_minutes=10,
        syntax_overrides=syntax,
        ner_overrides=steps,
    )
    nlp = spacy.load(output)
    assert nlp.pipe_names[-2:] == ["ner", "parser"]
    meta = json.loads((output / "meta.json").read_text(encoding="utf-8"))
    assert (meta["name"], meta["version"]) == ("newsgraph_en", "0.1.0")
    assert (tmp_path / "work" / "logs" / "ner.log").exists()
    nlp("Kohl met Schmidt in Bonn.")


def test_the_ner_can_learn_from_dev_too_for_a_fixed_number_of_steps(tmp_path: Path) -> None:
    corpora = _toy_corpora(tmp_path / "corpora")
    syntax = {
        "training.max_steps": "1",
        "training.eval_frequency": "1",
        "components.parser.min_action_freq": "1",
    }
    output = train_pipeline(
        corpora,
        tmp_path / "model",
        work_dir=tmp_path / "work",
        max_minutes=10,
        ner_with_dev=True,
        ner_steps=3,
        syntax_overrides=syntax,
        ner_overrides={"training.eval_frequency": "1"},
    )
    data = sorted(p.name for p in (tmp_path / "work" / "ner-train").iterdir())
    assert data == ["conll-dev.spacy", "conll-train.spacy"]
    log = (tmp_path / "work" / "logs" / "ner.log").read_text(encoding="utf-8")
    rows = [line.split() for line in log.splitlines()]
    steps = [int(row[1]) for row in rows if len(row) > 2 and row[0].isdigit() and row[1].isdigit()]
    assert max(steps) == 3  # ran the fixed steps: no early stop on dev
    # The shipped NER is the last checkpoint, not the best on the dev it learned from: the
    # assembled config names its source, and the weights are that checkpoint's.
    shipped = spacy.load(output)
    assert shipped.config["paths"]["ner"] == str(tmp_path / "work" / "ner" / "model-last")
    last = spacy.load(tmp_path / "work" / "ner" / "model-last")
    assert shipped.get_pipe("ner").model.to_bytes() == last.get_pipe("ner").model.to_bytes()
