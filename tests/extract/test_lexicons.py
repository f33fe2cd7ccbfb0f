"""The word lists of data/lexicons/ are read in one place, typed and keyed for their users."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsgraph.extract import lexicons
from newsgraph.extract.extraction import ENTITY_TYPES

ROOT = Path(__file__).resolve().parents[2]


def test_only_the_lexicon_module_reads_the_lexicon_files() -> None:
    readers = {
        path.relative_to(ROOT).as_posix()
        for folder in ("extract", "graph", "api")
        for path in (ROOT / folder).rglob("*.py")
        if re.search(r"\bload_lexicon\b", path.read_text(encoding="utf-8"))
    }
    assert readers <= {"extract/lexicons.py", "extract/resources.py"}


def test_ner_labels_name_entity_types() -> None:
    labels = lexicons.entity_labels()
    assert labels["PER"] == "person" and labels["GPE"] == "place"
    assert set(labels.values()) <= set(ENTITY_TYPES)
    assert "MISC" not in labels


def test_descriptors_type_nouns_and_person_nouns_are_theirs() -> None:
    nouns = lexicons.descriptors()
    assert set(nouns.values()) <= set(ENTITY_TYPES)
    assert lexicons.person_nouns() == {n for n, t in nouns.items() if t == "person"}
    assert set(lexicons.nouns_after_name().values()) == {"organization", "place"}


def test_titles_are_keyed_without_case_or_period() -> None:
    table = lexicons.title_table()
    assert lexicons.title_key(["Gen."]) == "gen"
    assert lexicons.honorifics() <= table.titles
    assert table.longest == max(len(t.split()) for t in table.titles)
    assert "prime minister" in lexicons.leading_offices()


def test_time_phrases_are_keyed_in_lower_case() -> None:
    words = lexicons.time_words()
    assert lexicons.phrase_key("  Last   Week. ") == "last week"
    assert words.month("Sept.") == words.month("september") == 9
    assert all(key == lexicons.phrase_key(key) for key in words.numbers)


def test_event_triggers_fall_back_to_guessed_lemmas() -> None:
    lexicon = lexicons.event_lexicon()
    assert lexicon.trigger("arrest", "arrested") is not None
    # A lemmatizer that left "plotting" alone: the lexicon still finds "plot".
    assert lexicon.trigger("plotting", "plotting") == lexicon.trigger("plot", "plot")
    assert lexicon.trigger("table", "table") is None


def test_no_data_file_writes_a_key_twice() -> None:
    # JSON keeps the last of two equal keys: a second "strike" entry would silently drop the
    # first (the noun of air strikes) and every event it reads.
    def refuse_repeats(pairs: list[tuple[str, object]]) -> dict[str, object]:
        keys = [key for key, _ in pairs]
        repeated = sorted({key for key in keys if keys.count(key) > 1})
        assert not repeated, repeated
        return dict(pairs)

    files = [*(ROOT / "data").rglob("*.json")]
    assert len(files) >= 10
    for path in files:
        json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=refuse_repeats)


def test_an_event_trigger_of_another_part_of_speech_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The extractor looks up only verbs, nouns and adjectives (and the nouns of named wars):
    # a trigger listed as an adverb would never be found, so the lexicon refuses it.
    table = json.loads(json.dumps(lexicons.event_table()))
    table["triggers"]["away"] = {"type": "movement", "pos": ["ADV"]}
    monkeypatch.setattr(lexicons, "load_lexicon", lambda name: table)
    lexicons.event_lexicon.cache_clear()
    try:
        with pytest.raises(ValueError, match="'away'"):
            lexicons.event_lexicon()
    finally:
        monkeypatch.undo()
        lexicons.event_lexicon.cache_clear()
    assert lexicons.event_lexicon().trigger("arrest", "arrested") is not None
