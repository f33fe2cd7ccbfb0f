"""A WARC file ingested as any other input: `newsgraph ingest crawl.warc.gz`, the same
extraction, the same skipping of unchanged articles."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.api.cli import main
from newsgraph.graph.store import OxigraphStore
from newsgraph.graph.vocab import sparql_prologue
from tests.sources.newspages import STORIES, page


@pytest.mark.parametrize(
    "how", [[], ["--workers", "2"], ["--dask", "local:2"]], ids=["here", "workers", "dask"]
)
def test_newsgraph_ingest_reads_a_warc_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], how: list[str]
) -> None:
    crawl = tmp_path / "crawl.warc.gz"
    with crawl.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for layout, story in zip(("modern", "blog"), STORIES[:2], strict=True):
            url = f"https://daily.example/{story.slug}"
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], "HTTP/1.1"
            )
            body = io.BytesIO(page(story, layout, url).encode())
            writer.write_record(
                writer.create_warc_record(url, "response", payload=body, http_headers=headers)
            )
    store = tmp_path / "store"
    assert main(["ingest", str(crawl), "--store", str(store), "--quiet", *how]) == 0
    assert capsys.readouterr().out.startswith("2 added, 0 replaced, 0 unchanged, 0 skipped")
    assert main(["ingest", str(crawl), "--store", str(store), "--quiet"]) == 0
    assert capsys.readouterr().out.startswith("0 added, 0 replaced, 2 unchanged")
    opened = OxigraphStore(store)
    try:
        rows = opened.query(
            sparql_prologue()
            + "SELECT DISTINCT ?a ?outlet WHERE { ?a a schema:NewsArticle ; schema:publisher/schema:name ?outlet }"
        )
        assert [row[1].value for row in rows] == ["The Daily Example"] * 2  # type: ignore[union-attr]
    finally:
        opened.close()
