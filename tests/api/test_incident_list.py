"""The incident list a person can use: GET /incidents and /view/incidents sorted by date, type
or place on the server and paged by limit and offset, the page showing per row the date, type,
actors in their roles, place, counts, number of articles and the trigger sentence; on the seed
article's incidents."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import httpx
import pytest

from newsgraph.api.app import create_app
from newsgraph.api.settings import Settings
from newsgraph.extract.extraction import Extraction
from newsgraph.graph.events_table import ACTOR_ROLES
from newsgraph.graph.ingest import ingest_extraction
from newsgraph.graph.store import OxigraphStore
from tests.graph.test_store import IRI
from tests.servers import serve_in_thread


@pytest.fixture(scope="module")
def base_url(
    tmp_path_factory: pytest.TempPathFactory, seed_extraction: Extraction
) -> Iterator[str]:
    path: Path = tmp_path_factory.mktemp("list") / "store"
    store = OxigraphStore(path)
    ingest_extraction(store, seed_extraction, IRI)
    with serve_in_thread(create_app(Settings(store=path, base_iri=IRI.base), store)) as url:
        yield url
    store.close()


def _incidents(base_url: str, **params: Any) -> list[dict[str, Any]]:
    response = httpx.get(f"{base_url}/incidents", params=params)
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()["results"]
    return results


def _sorted_by(rows: list[dict[str, Any]], field: str, descending: bool = False) -> None:
    values = [row[field] for row in rows]
    having = [value for value in values if value]
    assert having == sorted(having, reverse=descending)
    # Those without the value come last, whichever the direction.
    assert all(not value for value in values[len(having) :])


def test_the_json_list_sorts_by_date_type_and_place(
    base_url: str, seed_extraction: Extraction
) -> None:
    everything = _incidents(base_url, limit=1000)
    assert len(everything) == len(seed_extraction.incidents)
    for sort, field in (("date", "begin"), ("type", "type"), ("place", "place")):
        ascending = _incidents(base_url, sort=sort, limit=1000)
        descending = _incidents(base_url, sort=f"-{sort}", limit=1000)
        assert {r["iri"] for r in ascending} == {r["iri"] for r in everything}, sort
        _sorted_by(ascending, field)
        _sorted_by(descending, field, descending=True)
    by_place = _incidents(base_url, sort="place", limit=1000)
    names = {entity.id: entity.name for entity in seed_extraction.entities}
    placed = sorted(names[i.place] for i in seed_extraction.incidents if i.place)
    assert [r["place"] for r in by_place[: len(placed)]] == placed
    # The incident's own place, not another it names: the plot placed in Jordan names Algeria.
    (plot,) = [r for r in by_place if r["iri"].endswith("/plot-3527")]
    assert plot["place"] == "Jordan" and "Algeria" in plot["places"]
    response = httpx.get(f"{base_url}/incidents", params={"sort": "weather"})
    assert response.status_code == 400 and "sort" in response.text


def test_the_json_list_pages_by_limit_and_offset(base_url: str) -> None:
    whole = [r["iri"] for r in _incidents(base_url, sort="-date", limit=1000)]
    pages = [
        [r["iri"] for r in _incidents(base_url, sort="-date", limit=5, offset=offset)]
        for offset in range(0, len(whole) + 5, 5)
    ]
    assert all(len(page) == 5 for page in pages[: len(whole) // 5])
    assert [iri for page in pages for iri in page] == whole
    assert pages[-1] == []
    assert httpx.get(f"{base_url}/incidents", params={"limit": 0}).status_code == 422


class _Rows(HTMLParser):
    """The incident table's rows (each cell's text, by its class) and the pager's links."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, str]] = []
        self.links: dict[str, str] = {}
        self.headers: dict[str, str] = {}
        self._cell: str | None = None
        self._text: list[str] = []
        self._in_header = False
        self._header_link = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "tr" and attributes.get("class") == "incident":
            self.rows.append({})
        elif tag == "td" and self.rows and attributes.get("class"):
            self._cell, self._text = attributes["class"], []
        elif tag == "th":
            self._in_header = True
        elif tag == "a" and attributes.get("rel") in ("next", "prev"):
            self.links[str(attributes["rel"])] = str(attributes["href"])
        elif tag == "a" and self._in_header and attributes.get("class") == "sort":
            self._header_link = str(attributes["href"])
        if tag in ("div",) and self._cell:
            self._text.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell:
            self.rows[-1][self._cell] = " ".join("".join(self._text).split()).strip(" |")
            self._cell = None
        elif tag == "th":
            self._in_header = False

    def handle_data(self, data: str) -> None:
        if self._cell:
            self._text.append(data)
        elif self._in_header and data.strip() in ("date", "type", "place"):
            self.headers[data.strip()] = self._header_link


def _place(row: dict[str, Any]) -> str:
    """The place cell as the page writes it: the place, then the site in brackets."""
    return " ".join(filter(None, [row["place"], f"({row['site']})" if row["site"] else ""]))


def _page(base_url: str, query: str) -> _Rows:
    response = httpx.get(urljoin(f"{base_url}/view/incidents", query))
    assert response.status_code == 200, response.text
    parser = _Rows()
    parser.feed(response.text)
    return parser


def test_the_page_shows_each_incident_with_its_columns(base_url: str) -> None:
    page = _page(base_url, "?sort=type&limit=1000")
    rows = _incidents(base_url, sort="type", limit=1000)
    assert [cell["type"].split()[0] for cell in page.rows] == [r["type"] for r in rows]
    for cells, row in zip(page.rows, rows, strict=True):
        assert cells["date"].startswith(row["date"] or ""), row["id"]
        assert cells["place"] == _place(row), row["id"]
        assert cells["articles"] == str(row["articles"]) == "1"
        assert cells["sentence"] == " ".join((row["evidence_sentence"] or "").split())
        for role in ACTOR_ROLES:
            for name in row[role]:
                assert f"{role} " in cells["actors"] and name in cells["actors"], row["id"]
            if row[f"{role}_count"] is not None:
                assert f"{row[f'{role}_count']} {role}" in cells["counts"], row["id"]
    (arrest,) = [c for c, r in zip(page.rows, rows, strict=True) if r["id"].endswith("arrest-3260")]
    assert "172 detainee" in arrest["counts"] and arrest["place"].startswith("Saudi Arabia")
    assert "arrest" in arrest["sentence"].lower()


def test_the_page_sorts_on_the_server_and_pages_with_links(base_url: str) -> None:
    first = _page(base_url, "?sort=place&limit=5")
    json_pages = [_incidents(base_url, sort="place", limit=5, offset=o) for o in (0, 5)]
    assert [c["place"] for c in first.rows] == [_place(r) for r in json_pages[0]]
    assert "prev" not in first.links and "next" in first.links
    second = _page(base_url, first.links["next"])
    assert [c["type"].split()[0] for c in second.rows] == [r["type"] for r in json_pages[1]]
    assert "prev" in second.links
    back = _page(base_url, second.links["prev"])
    assert back.rows == first.rows
    # The sorted column's header turns the order round; the others sort by themselves.
    assert "sort=-place" in first.headers["place"] and "sort=date" in first.headers["date"]
    descending = _page(base_url, first.headers["place"])
    expected = _incidents(base_url, sort="-place", limit=5)
    assert [c["place"] for c in descending.rows] == [_place(r) for r in expected]
    # The last page has no next link; a bad sort is an error on the page.
    total = len(_incidents(base_url, limit=1000))
    last = _page(base_url, f"?sort=date&limit=5&offset={(total - 1) // 5 * 5}")
    assert "next" not in last.links and "prev" in last.links and last.rows
    assert httpx.get(f"{base_url}/view/incidents", params={"sort": "mood"}).status_code == 400
