"""The ingest use case (`newsgraph.graph.ingest.ingest`), as the command line and the service
call it: counts, per-article errors, and progress with a total where the input's size is
known."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from spacy.language import Language

from newsgraph.api.app import create_app
from newsgraph.api.cli import main
from newsgraph.api.settings import Settings
from newsgraph.extract.article import Article
from newsgraph.extract.extraction import Extraction
from newsgraph.graph import ingest as ingest_module
from newsgraph.graph.ingest import (
    ArticleFiles,
    IngestError,
    IngestOptions,
    IngestResult,
    IngestStatus,
    ingest,
)
from newsgraph.graph.rdf import ArticleGraph
from newsgraph.graph.store import OxigraphStore
from newsgraph.graph.vocab import IRIs
from tests.servers import serve_in_thread

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
TEXT = "Police in Madrid arrested 12 suspects on Friday, the Interior Ministry said."


def _articles(*ids: str) -> list[Article]:
    return [Article(id=article_id, text=f"{TEXT} ({article_id})") for article_id in ids]


def test_progress_has_the_total_of_files_counted_first(
    disk_store: OxigraphStore, nlp: Language
) -> None:
    reports: list[tuple[int, int | None]] = []
    report = ingest(
        disk_store,
        ArticleFiles.of([FIXTURES]),
        nlp=lambda: nlp,
        on_progress=lambda done, total: reports.append((done, total)),
    )
    assert report.counts() == {"added": 4, "replaced": 0, "unchanged": 0}
    assert report.errors == []
    assert reports[0] == (0, 4)
    assert reports[-1] == (4, 4)
    assert [done for done, _ in reports] == list(range(5))
    again: list[tuple[int, int | None]] = []
    report = ingest(
        disk_store,
        ArticleFiles.of([FIXTURES]),
        nlp=lambda: nlp,
        on_progress=lambda done, total: again.append((done, total)),
    )
    assert report.counts() == {"added": 0, "replaced": 0, "unchanged": 4}
    assert again[-1] == (4, 4)


def test_bad_records_count_towards_the_total_and_are_reported(
    tmp_path: Path, disk_store: OxigraphStore, nlp: Language
) -> None:
    batch = tmp_path / "batch.jsonl"
    good = {"id": "good", "text": "Reporters in Jordan spoke."}
    batch.write_text(json.dumps(good) + "\n{broken\n" + json.dumps({"id": "x"}) + "\n")
    reports: list[tuple[int, int | None]] = []
    errors: list[IngestError] = []
    report = ingest(
        disk_store,
        ArticleFiles.of([batch]),
        nlp=lambda: nlp,
        on_progress=lambda done, total: reports.append((done, total)),
        on_error=errors.append,
    )
    assert report.added == 1 and len(report.errors) == 2 and errors == report.errors
    assert f"{batch}:2: invalid JSON" in errors[0].message and errors[0].article_id is None
    assert reports[-1] == (3, 3)


def test_a_list_has_a_total_and_a_stream_has_none(disk_store: OxigraphStore, nlp: Language) -> None:
    totals: set[int | None] = set()
    ingest(
        disk_store,
        _articles("a", "b"),
        nlp=lambda: nlp,
        on_progress=lambda _, total: totals.add(total),
    )
    assert totals == {2}

    def stream() -> Iterator[Article]:
        yield from _articles("c")

    totals.clear()
    report = ingest(
        disk_store, stream(), nlp=lambda: nlp, on_progress=lambda _, total: totals.add(total)
    )
    assert totals == {None} and report.added == 1


def test_an_article_that_fails_extraction_stops_no_other(
    disk_store: OxigraphStore, nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = ingest_module.extraction_to_quads

    def failing(extraction: Extraction, iris: IRIs) -> ArticleGraph:
        if extraction.article.id == "bad":
            raise RuntimeError("no graph for this one")
        return real(extraction, iris)

    monkeypatch.setattr(ingest_module, "extraction_to_quads", failing)
    results: list[IngestResult] = []
    report = ingest(
        disk_store, _articles("one", "bad", "two"), nlp=lambda: nlp, on_result=results.append
    )
    assert [r.article_id for r in results] == ["one", "two"]
    assert report.added == 2
    (error,) = report.errors
    assert error.article_id == "bad" and "no graph for this one" in error.message
    assert len(disk_store.graph_names()) == 2


def test_kept_extractions_come_with_unchanged_articles_too(
    disk_store: OxigraphStore, nlp: Language
) -> None:
    for expected in (IngestStatus.ADDED, IngestStatus.UNCHANGED):
        results: list[IngestResult] = []
        ingest(
            disk_store,
            _articles("kept"),
            nlp=lambda: nlp,
            keep_extractions=True,
            on_result=results.append,
        )
        (result,) = results
        assert result.status is expected
        assert result.extraction is not None and result.extraction.article.id == "kept"
    with pytest.raises(ValueError, match="in this process"):
        ingest(disk_store, [], IngestOptions(workers=2), keep_extractions=True)


def test_the_command_line_bar_shows_the_total(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", str(FIXTURES), "--store", str(tmp_path / "s")]) == 0
    captured = capsys.readouterr()
    assert "4 added" in captured.out
    assert "4/4" in captured.err and "0/4" in captured.err


def test_the_service_answers_each_article_and_stores_the_good_ones(
    tmp_path: Path, nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = ingest_module.extraction_to_quads

    def failing(extraction: Extraction, iris: IRIs) -> ArticleGraph:
        if extraction.article.id == "bad":
            raise RuntimeError("no graph for this one")
        return real(extraction, iris)

    monkeypatch.setattr(ingest_module, "extraction_to_quads", failing)
    store = OxigraphStore(tmp_path / "store")
    settings = Settings(store=tmp_path / "store", token="t")
    try:
        with serve_in_thread(create_app(settings, store, nlp_loader=lambda: nlp)) as url:
            answer = httpx.post(
                f"{url}/articles",
                json=[{"id": "good", "text": TEXT}, {"id": "bad", "text": TEXT}],
                headers={"Authorization": "Bearer t"},
                timeout=60,
            )
            assert answer.status_code == 201, answer.text
            good, bad = answer.json()["results"]
            assert (good["id"], good["status"], good["error"]) == ("good", "added", None)
            assert good["extraction"]["id"] == "good"
            assert (bad["id"], bad["status"], bad["extraction"]) == ("bad", "failed", None)
            assert "no graph for this one" in bad["error"]
            listed = httpx.get(f"{url}/articles").json()["results"]
            assert [a["id"] for a in listed] == ["good"]
    finally:
        store.close()
