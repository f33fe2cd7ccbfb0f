"""Tests that the shipped pipeline in data/model loads offline and has the promised shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.pipeline import EntityRecognizer

MODEL_DIR = Path(__file__).resolve().parents[2] / "data" / "model"

pytestmark = pytest.mark.skipif(
    not (MODEL_DIR / "meta.json").exists(), reason="no trained pipeline in data/model"
)


def test_meta_names_the_pipeline() -> None:
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    assert meta["name"] == "newsgraph_en"
    assert meta["version"] == "0.3.0"
    assert meta["vectors"]["width"] == 50 and meta["vectors"]["name"] == "glove_6b_50d"


def test_the_ner_has_static_vectors_for_names_of_any_case() -> None:
    nlp = spacy.load(MODEL_DIR)
    for word in ("google", "Google", "GOOGLE", "Hezbollah", "twitter"):
        assert nlp.vocab.has_vector(word), word
    # GloVe 6B 50d's first row, as the original glove.6B.50d.txt has it.
    assert [round(float(x), 5) for x in nlp.vocab.get_vector("the")[:3]] == [
        0.418,
        0.24968,
        -0.41242,
    ]


def test_pipeline_components_and_labels() -> None:
    nlp = spacy.load(MODEL_DIR)
    assert nlp.pipe_names == [
        "tok2vec",
        "tagger",
        "morphologizer",
        "trainable_lemmatizer",
        "ner",
        "parser",
    ]
    ner = nlp.get_pipe("ner")
    assert isinstance(ner, EntityRecognizer)
    assert set(ner.labels) == {"PER", "ORG", "LOC", "MISC"}
    doc = nlp("Fatah al Islam fighters fought the Lebanese army near Tripoli. Saudis said so.")
    assert len(list(doc.sents)) == 2
    assert all(token.tag_ and token.pos_ and token.lemma_ and token.dep_ for token in doc)
    assert {ent.label_ for ent in doc.ents} <= {"PER", "ORG", "LOC", "MISC"}
    assert any(ent.text == "Tripoli" and ent.label_ == "LOC" for ent in doc.ents)


def test_the_shipped_pipeline_loads_and_runs_with_networking_disabled() -> None:
    import subprocess
    import sys

    script = (
        "import socket\n"
        "def refuse(*a, **k):\n"
        "    raise OSError('network disabled in this test')\n"
        "socket.socket.connect = refuse\n"
        "socket.socket.connect_ex = refuse\n"
        "socket.create_connection = refuse\n"
        "socket.getaddrinfo = refuse\n"
        "from extract.pipeline import load_pipeline\n"
        "nlp = load_pipeline()\n"
        "doc = nlp('General Rifi said Fatah al Islam fighters fled Tripoli.')\n"
        "print(sorted({e.label_ for e in doc.ents}))\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "LOC" in done.stdout and "PER" in done.stdout
