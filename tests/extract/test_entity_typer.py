"""The entity typer: a learned model that may replace the resolver's voted type of a name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.extract.entity_typer import EntityTyper, entity_typer, features, read_typer
from newsgraph.extract.extraction import Mention
from newsgraph.extract.resolve import resolve_entities
from newsgraph.extract.training.entity_typer import TYPES, train

TITLED = EntityTyper(TYPES, {"title": (3.0, 0.0, 0.0)}, (0.0, 0.0, 0.0), margin=0.2)


def test_the_model_replaces_the_vote_only_when_surer_by_the_margin() -> None:
    assert TITLED.choose({"title": 1.0}, "place") == "person"
    assert TITLED.choose({}, "place") == "place"  # all types equal: the vote stands
    cautious = EntityTyper(TITLED.types, TITLED.weights, TITLED.bias, margin=0.95)
    assert cautious.choose({"title": 1.0}, "place") == "place"


def test_the_evidence_of_a_cluster() -> None:
    ner = Mention(0, 9, "Abu Salem", "organization", label="ORG")
    titled = Mention(20, 33, "Abu Salem", "person", label="PER", title="Mr.")
    found = features([ner, titled], [ner, titled], ("place", 0.5), "Abu Salem")
    assert found["ner=organization"] == found["ner=person"] == 0.5
    assert found["title"] == found["prior=place"] == found["prior=place:0.5"] == 1.0
    assert found["ntok=2"] == found["nment=2"] == 1.0
    assert found["lw=salem"] == found["fw=abu"] == 1.0


def test_a_malformed_table_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "typer.json"
    path.write_text(
        json.dumps({"types": list(TYPES), "bias": [0, 0], "margin": 0.2, "weights": {}}),
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="not an entity typer"):
        read_typer(path)


def test_training_learns_what_the_labels_follow() -> None:
    examples = [
        {"features": {"title": 1.0, "ner=place": 1.0}, "label": "person", "weight": 1}
        for _ in range(20)
    ] + [{"features": {"ner=place": 1.0}, "label": "place", "weight": 1} for _ in range(20)]
    weights, bias = train(examples)
    typer = EntityTyper(TYPES, {f: tuple(w) for f, w in weights.items()}, tuple(bias), 0.2)
    assert typer.choose({"title": 1.0, "ner=place": 1.0}, "place") == "person"
    assert typer.choose({"ner=place": 1.0}, "person") == "place"


def test_the_shipped_typer_reads_a_union_ner_took_for_an_organization() -> None:
    text = "Soviet Union"
    mentions = [Mention(0, len(text), text, "organization", label="ORG")]
    _, voted = resolve_entities(mentions)
    assert [e.type for e in voted] == ["organization"]
    resolved, typed = resolve_entities(mentions, typer=entity_typer())
    assert [e.type for e in typed] == ["place"]
    assert resolved[0].type == "place"


def test_a_word_only_one_corpus_names_gets_no_weight() -> None:
    examples = [
        {
            "features": {"lw=kent": 1.0, "lw=exchange": 1.0},
            "label": "organization",
            "weight": 1,
            "corpus": "conll2003",
        }
        for _ in range(10)
    ] + [
        {"features": {"lw=exchange": 1.0}, "label": "organization", "weight": 1, "corpus": "btc"}
        for _ in range(10)
    ]
    weights, _ = train(examples)
    assert "lw=exchange" in weights
    assert "lw=kent" not in weights
    assert "lw=kent" in train(examples, min_corpora=1)[0]


def test_no_learned_type_overrides_a_name_the_lists_settle() -> None:
    from newsgraph.extract.linking import TypePrior

    text = "White House"
    placing = EntityTyper(TYPES, {"ner=place": (0.0, 0.0, 9.0)}, (0.0, 0.0, 0.0), margin=0.2)
    mentions = [Mention(0, len(text), text, "place", label="LOC")]
    _, settled = resolve_entities(mentions, prior=TypePrior(), typer=placing)
    assert [e.type for e in settled] == ["organization"]

    # The typer is what would read it a place: with the prior's vote and no list, it does.
    class Unsettled(TypePrior):
        def curated(self, name: str) -> bool:
            return False

    _, learned = resolve_entities(mentions, prior=Unsettled(), typer=placing)
    assert [e.type for e in learned] == ["place"]


def test_no_learned_type_overrides_a_nationality_acting_as_a_group() -> None:
    # The shipped typer had read "the Syrian government" (the national-group rule's
    # organization) as a place.
    text = "Syrian government"
    placing = EntityTyper(TYPES, {"src=DEMONYM": (0.0, 0.0, 9.0)}, (0.0, 0.0, 0.0), margin=0.2)
    national = Mention(0, len(text), text, "organization", label="DEMONYM")
    _, kept = resolve_entities([national], typer=placing)
    assert [e.type for e in kept] == ["organization"]
    # A cluster that NER's label also votes on is the typer's to read.
    named = Mention(0, len(text), text, "organization", label="ORG")
    _, learned = resolve_entities([national, named], typer=placing)
    assert [e.type for e in learned] == ["place"]
