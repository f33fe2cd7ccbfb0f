"""Writes over HTTP need the bearer token: article add, show, delete; SPARQL Update."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from spacy.language import Language

from newsgraph.api.app import create_app
from newsgraph.api.settings import Settings
from newsgraph.graph.store import OxigraphStore
from tests.servers import serve_in_thread

TOKEN = "s3cret-token-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
TEXT = "Police in Madrid arrested 12 suspects on Friday, the Interior Ministry said."


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Iterator[str]:
    path: Path = tmp_path_factory.mktemp("writes") / "store"
    store = OxigraphStore(path)
    settings = Settings(store=path, token=TOKEN)
    with serve_in_thread(create_app(settings, store, nlp_loader=lambda: nlp)) as url:
        yield url
    store.close()


def test_writes_without_the_token_are_refused(base_url: str) -> None:
    article = {"id": "madrid", "text": TEXT}
    assert httpx.post(f"{base_url}/articles", json=article).status_code == 401
    wrong = {"Authorization": "Bearer nope"}
    assert httpx.post(f"{base_url}/articles", json=article, headers=wrong).status_code == 401
    assert httpx.delete(f"{base_url}/articles/madrid").status_code == 401
    update = {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}
    assert httpx.post(f"{base_url}/update", data=update).status_code == 401
    assert httpx.get(f"{base_url}/articles").json()["results"] == []


def test_add_show_and_delete_an_article(base_url: str) -> None:
    created = httpx.post(
        f"{base_url}/articles",
        json={"id": "madrid", "text": TEXT, "published": "2007-05-28"},
        headers=AUTH,
        timeout=60,
    )
    assert created.status_code == 201, created.text
    (result,) = created.json()["results"]
    assert result["status"] == "added"
    assert any(e["type"] == "arrest" for e in result["extraction"]["events"])
    again = httpx.post(
        f"{base_url}/articles",
        json={"id": "madrid", "text": TEXT, "published": "2007-05-28"},
        headers=AUTH,
    )
    assert again.json()["results"][0]["status"] == "unchanged"

    shown = httpx.get(f"{base_url}/articles/madrid").json()
    assert shown["text"] == TEXT and shown["published"] == "2007-05-28"
    assert any(m["name"] == "Madrid" for m in shown["mentions"])
    for span in shown["mentions"] + shown["triggers"]:
        assert 0 <= span["start"] < span["end"] <= len(TEXT)
    assert any(
        t["type"] == "arrest" and TEXT[t["start"] : t["end"]] == "arrested"
        for t in shown["triggers"]
    )

    assert httpx.delete(f"{base_url}/articles/madrid", headers=AUTH).json() == {
        "id": "madrid",
        "deleted": True,
    }
    assert httpx.get(f"{base_url}/articles/madrid").status_code == 404
    assert httpx.delete(f"{base_url}/articles/madrid", headers=AUTH).status_code == 404
    count = httpx.get(
        f"{base_url}/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}
    ).json()
    assert count["results"]["bindings"][0]["n"]["value"] == "0"


def test_bad_articles_get_clear_errors(base_url: str) -> None:
    cases = [
        (
            {"content": b"{not json", "headers": {**AUTH, "Content-Type": "application/json"}},
            400,
            "invalid JSON",
        ),
        ({"json": {"id": "x", "text": "  "}, "headers": AUTH}, 400, "missing or empty 'text'"),
        ({"json": {"id": " padded id", "text": "Hello."}, "headers": AUTH}, 400, "is not valid"),
        (
            {"content": b"\xff\xfe", "headers": {**AUTH, "Content-Type": "text/plain"}},
            400,
            "not UTF-8",
        ),
        ({"content": b"Hello.", "headers": {**AUTH, "Content-Type": "text/plain"}}, 400, "?id="),
        (
            {"content": b"<p>x</p>", "headers": {**AUTH, "Content-Type": "application/pdf"}},
            415,
            "application/json",
        ),
        (
            {"json": [{"id": "a", "text": "One."}, {"id": "a", "text": "Two."}], "headers": AUTH},
            400,
            "more than once: a",
        ),
        ({"json": [], "headers": AUTH}, 400, "empty"),
        ({"json": {"id": "x", "text": "a\x00\x01\x02 b"}, "headers": AUTH}, 400, "binary"),
        (
            {"json": {"id": "x", "text": "<html><script>x</script></html>"}, "headers": AUTH},
            400,
            "no article text",
        ),
        ({"json": {"id": ["x"], "text": "Hello."}, "headers": AUTH}, 400, "'id' must be"),
    ]
    for kwargs, status, message in cases:
        response = httpx.post(f"{base_url}/articles", **kwargs)  # type: ignore[arg-type]
        assert response.status_code == status, (kwargs, response.text)
        assert message in response.json()["error"]


def test_an_html_page_is_read_as_its_visible_text(base_url: str) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Arrests in Madrid</title>"
        "<script>var x = '<p>not text</p>';</script></head>"
        f"<body><nav>Home | World</nav><article><p>{TEXT.replace(',', ' &amp;,', 1)}</p>"
        "</article></body></html>"
    )
    created = httpx.post(
        f"{base_url}/articles",
        params={"id": "madrid-html"},
        content=page.encode(),
        headers={**AUTH, "Content-Type": "text/html; charset=utf-8"},
        timeout=60,
    )
    assert created.status_code == 201, created.text
    shown = httpx.get(f"{base_url}/articles/madrid-html").json()
    assert shown["headline"] == "Arrests in Madrid"
    assert shown["text"] == "Home | World\n\n" + TEXT.replace(",", " &,", 1)
    assert "not text" not in shown["text"]
    assert any(m["name"] == "Madrid" for m in shown["mentions"])
    assert httpx.delete(f"{base_url}/articles/madrid-html", headers=AUTH).status_code == 200


def test_sparql_update_with_the_token(base_url: str) -> None:
    insert = {"update": 'INSERT DATA { GRAPH <urn:g> { <urn:a> schema:name "A" } }'}
    assert httpx.post(f"{base_url}/update", data=insert, headers=AUTH).status_code == 204
    ask = httpx.get(
        f"{base_url}/sparql", params={"query": 'ASK { <urn:a> schema:name "A" }'}
    ).json()
    assert ask["boolean"] is True
    load = {"update": "LOAD <file:///etc/passwd> INTO GRAPH <urn:x>"}
    refused = httpx.post(f"{base_url}/update", data=load, headers=AUTH)
    assert refused.status_code == 400 and "LOAD is not allowed" in refused.json()["error"]
    # The query endpoint stays read-only whatever the method.
    assert (
        httpx.post(f"{base_url}/sparql", data={"query": "DROP ALL"}, headers=AUTH).status_code
        == 400
    )
    delete = {"update": "DROP GRAPH <urn:g>"}
    assert (
        httpx.post(
            f"{base_url}/update",
            content=delete["update"],
            headers={**AUTH, "Content-Type": "application/sparql-update"},
        ).status_code
        == 204
    )


def test_without_a_configured_token_every_write_is_off(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "s")
    with serve_in_thread(create_app(Settings(store=tmp_path / "s", token=None), store)) as url:
        response = httpx.post(f"{url}/articles", json={"id": "a", "text": "x"}, headers=AUTH)
        assert response.status_code == 403 and "writes are disabled" in response.json()["error"]
    store.close()
