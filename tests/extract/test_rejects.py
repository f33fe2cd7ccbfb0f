"""One bad article never stops the others: `extract` and `ingest` report each input they skip
(unreadable, or whose extraction raises) on standard error and in the rejects file, go on
with the rest and exit non-zero."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from newsgraph.api.cli import main
from newsgraph.extract.article import Article
from newsgraph.extract.pipeline import extraction_from_doc


def _inputs(folder: Path, nlp: Language) -> dict[str, Path]:
    """A good article, a JSON file that is no JSON, and an article longer than the pipeline
    takes (spaCy refuses a text over `nlp.max_length` characters: extraction raises)."""
    folder.mkdir()
    good = folder / "a_good.txt"
    good.write_text("Rebels attacked Homs on Friday, officials in Damascus said.\n")
    malformed = folder / "b_malformed.json"
    malformed.write_text('{"id": "broken", "text": ')
    too_long = folder / "c_too_long.txt"
    words = nlp.max_length // 5 + 1
    too_long.write_text("Homs " * words)
    late = folder / "d_late.txt"
    late.write_text("Aid reached Aleppo on Sunday.\n")
    return {"good": good, "malformed": malformed, "too_long": too_long, "late": late}


def _rejects(path: Path) -> list[dict[str, str | None]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_extract_skips_the_failing_articles_lists_them_and_goes_on(
    tmp_path: Path, nlp: Language, capsys: pytest.CaptureFixture[str]
) -> None:
    files = _inputs(tmp_path / "in", nlp)
    rejects = tmp_path / "out" / "rejects.jsonl"
    code = main(["extract", "--jsonl", "--rejects", str(rejects), str(tmp_path / "in")])
    captured = capsys.readouterr()
    assert code == 1
    # The articles before and after the failing ones are extracted.
    ids = [json.loads(line)["article"]["id"] for line in captured.out.splitlines()]
    assert ids == ["a_good", "d_late"]
    records = _rejects(rejects)
    assert [(r["id"], r["source"], r["command"]) for r in records] == [
        (None, str(files["malformed"]), "extract"),
        ("c_too_long", str(files["too_long"]), "extract"),
    ]
    assert "invalid JSON" in str(records[0]["reason"])
    assert "extraction failed" in str(records[1]["reason"])
    assert "E088" in str(records[1]["reason"])  # spaCy's own message says what is too long
    assert "skipped" in captured.err and "c_too_long" in captured.err
    assert str(rejects) in captured.err


def test_ingest_skips_the_failing_articles_lists_them_and_stores_the_rest(
    tmp_path: Path, nlp: Language, capsys: pytest.CaptureFixture[str]
) -> None:
    files = _inputs(tmp_path / "in", nlp)
    rejects = tmp_path / "rejects.jsonl"
    rejects.write_text("")  # the file is appended to: an earlier run's lines stay
    store = tmp_path / "store"
    args = ["ingest", "--quiet", "--store", str(store), "--rejects", str(rejects)]
    assert main([*args, str(tmp_path / "in")]) == 1
    assert "2 added, 0 replaced, 0 unchanged, 2 skipped" in capsys.readouterr().out
    records = _rejects(rejects)
    assert sorted((str(r["id"]), r["source"], r["command"]) for r in records) == [
        ("None", str(files["malformed"]), "ingest"),
        ("c_too_long", str(files["too_long"]), "ingest"),
    ]
    # Fixed, the rejected article goes in on the next run, and nothing else is redone.
    files["too_long"].write_text("Shelling resumed in Homs.\n")
    files["malformed"].unlink()
    assert main([*args, str(tmp_path / "in")]) == 0
    assert "1 added, 0 replaced, 2 unchanged, 0 skipped" in capsys.readouterr().out
    assert len(_rejects(rejects)) == 2


def test_no_rejects_file_with_a_dash(
    tmp_path: Path,
    nlp: Language,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _inputs(tmp_path / "in", nlp)
    monkeypatch.chdir(tmp_path)
    assert main(["extract", "--jsonl", "--rejects", "-", str(tmp_path / "in")]) == 1
    assert "skipped" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


def test_a_name_of_white_space_after_a_word_does_not_crash_extraction(nlp: Language) -> None:
    """The held-out crash: NER read "It" and the blank lines after it as a place, the
    function word was trimmed and a name of white space alone reached `repeated_names`
    (IndexError). Names are now trimmed of white space like any edge token."""
    text = "Fighting went on near It\n\n\nStreet said on Monday. Texas\n\nin the north."
    extraction = extraction_from_doc(Article(id="blank-line", text=text), nlp(text), nlp)
    for mention in extraction.mentions:
        assert mention.text.split(), mention
        assert mention.text == mention.text.strip(), mention
        assert text[mention.start : mention.end] == mention.text
