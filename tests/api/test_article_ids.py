"""Article ids are free text: URLs, URNs, wire-service ids, spaces, non-ASCII. Each one round
trips unchanged through ingest, the article list, the article page, export and delete, over
HTTP and on the command line."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import networkx as nx
import pytest
from spacy.language import Language

from newsgraph.api.app import create_app
from newsgraph.api.settings import Settings
from newsgraph.graph.store import OxigraphStore
from newsgraph.graph.vocab import IRIs
from tests.servers import ROOT, serve_in_thread

TOKEN = "token-for-id-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
TEXT = "Police in Madrid arrested 12 suspects on Friday, the Interior Ministry said."
IDS = [
    "https://news.example/2024/03/05/raid?ref=rss#top",
    "urn:uuid:6f1c2a9e-3b7d-4c1e-9a57-0f9d8c2b1e44",
    "AFP:20240305:0123",
    "reuters/world/a b",
    "Ελληνικά δελτίο/1 %41",
]


def _path(article_id: str) -> str:
    return quote(article_id, safe="")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Iterator[str]:
    path: Path = tmp_path_factory.mktemp("ids") / "store"
    store = OxigraphStore(path)
    settings = Settings(store=path, token=TOKEN)
    with serve_in_thread(create_app(settings, store, nlp_loader=lambda: nlp)) as url:
        yield url
    store.close()


@pytest.mark.parametrize("article_id", IDS)
def test_an_id_round_trips_through_every_route(base_url: str, article_id: str) -> None:
    added = httpx.post(
        f"{base_url}/articles",
        json={"id": article_id, "text": TEXT, "published": "2024-03-08"},
        headers=AUTH,
        timeout=60,
    )
    assert added.status_code == 201, added.text
    assert added.json()["results"][0]["id"] == article_id

    listed = httpx.get(f"{base_url}/articles").json()["results"]
    assert article_id in [a["id"] for a in listed]
    (summary,) = [a for a in listed if a["id"] == article_id]
    assert summary["article"] == IRIs().article(article_id)

    page = httpx.get(f"{base_url}/articles/{_path(article_id)}")
    assert page.status_code == 200, page.text
    assert page.json()["id"] == article_id and page.json()["text"] == TEXT
    html = httpx.get(f"{base_url}/view/articles/{_path(article_id)}")
    assert html.status_code == 200 and "Madrid" in html.text

    (arrest,) = [
        i
        # One row per article's incident: the same text under several ids is one merged incident.
        for i in httpx.get(
            f"{base_url}/incidents", params={"type": "arrest", "merged": "false"}
        ).json()["results"]
        if i["article"] == summary["article"]
    ]
    local = arrest["iri"].rsplit("/", 1)[1]
    incident = httpx.get(f"{base_url}/incidents/{_path(article_id)}/{local}")
    assert incident.status_code == 200, incident.text
    assert incident.json()["iri"] == arrest["iri"]
    assert httpx.get(f"{base_url}/view/incidents/{_path(article_id)}/{local}").status_code == 200

    graphml = httpx.get(f"{base_url}/export", params={"format": "graphml"}).content
    exported = nx.read_graphml(io.BytesIO(graphml))
    labels = {d.get("label") for _, d in exported.nodes(data=True) if d.get("kind") == "article"}
    assert article_id in labels

    removed = httpx.delete(f"{base_url}/articles/{_path(article_id)}", headers=AUTH)
    assert removed.status_code == 200, removed.text
    assert removed.json() == {"id": article_id, "deleted": True}
    assert httpx.get(f"{base_url}/articles/{_path(article_id)}").status_code == 404
    assert article_id not in [a["id"] for a in httpx.get(f"{base_url}/articles").json()["results"]]


def test_an_id_with_a_slash_is_one_article_not_a_prefix(base_url: str) -> None:
    """ "wire/one" is one id: its first part names no article, and its incident route still
    tells the article id from the incident's local id."""
    added = httpx.post(
        f"{base_url}/articles", json={"id": "wire/one", "text": TEXT}, headers=AUTH, timeout=60
    )
    assert added.status_code == 201, added.text
    assert httpx.get(f"{base_url}/articles/wire").status_code == 404
    for path in (_path("wire/one"), "wire/one"):
        found = httpx.get(f"{base_url}/articles/{path}")
        assert found.status_code == 200, (path, found.text)
        assert found.json()["id"] == "wire/one"
    assert httpx.get(f"{base_url}/incidents/wire/no-such-incident").status_code == 404
    assert httpx.delete(f"{base_url}/articles/wire", headers=AUTH).status_code == 404
    assert httpx.delete(f"{base_url}/articles/{_path('wire/one')}", headers=AUTH).status_code == 200


def test_html_posted_with_an_id_in_the_query_keeps_it(base_url: str) -> None:
    article_id = "https://news.example/p?id=7&lang=en"
    page = f"<!DOCTYPE html><html><head><title>Raid</title></head><body><p>{TEXT}</p></body></html>"
    added = httpx.post(
        f"{base_url}/articles",
        params={"id": article_id},
        content=page,
        headers={**AUTH, "Content-Type": "text/html"},
        timeout=60,
    )
    assert added.status_code == 201, added.text
    assert httpx.get(f"{base_url}/articles/{_path(article_id)}").json()["id"] == article_id
    assert httpx.delete(f"{base_url}/articles/{_path(article_id)}", headers=AUTH).status_code == 200


def test_a_resolvable_iri_of_an_article_with_a_slash(base_url: str) -> None:
    article_id = "AFP/2024:7"
    httpx.post(f"{base_url}/articles", json={"id": article_id, "text": TEXT}, headers=AUTH)
    answer = httpx.get(f"{base_url}/id/article/{_path(article_id)}", follow_redirects=False)
    assert answer.status_code == 200, answer.text
    assert answer.json()["id"] == article_id
    browser = httpx.get(
        f"{base_url}/id/article/{_path(article_id)}",
        headers={"Accept": "text/html"},
        follow_redirects=False,
    )
    assert browser.status_code == 303
    assert browser.headers["location"].endswith(f"/view/articles/{_path(article_id)}")
    httpx.delete(f"{base_url}/articles/{_path(article_id)}", headers=AUTH)


def test_ids_round_trip_on_the_command_line(tmp_path: Path) -> None:
    source = tmp_path / "wire.jsonl"
    source.write_text(
        "".join(json.dumps({"id": i, "text": TEXT}, ensure_ascii=False) + "\n" for i in IDS),
        encoding="utf-8",
    )
    store = tmp_path / "store"

    def newsgraph(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "newsgraph", *args],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        return done.stdout.decode("utf-8")

    newsgraph("ingest", str(source), "--store", str(store), "--quiet")
    out = newsgraph(
        "query",
        "--store",
        str(store),
        "--format",
        "json",
        "SELECT ?id WHERE { ?a a schema:NewsArticle ; schema:identifier ?id }",
    )
    found = {b["id"]["value"] for b in json.loads(out)["results"]["bindings"]}
    assert found == set(IDS)
    graphml = tmp_path / "g.graphml"
    newsgraph("export", "--store", str(store), "--format", "graphml", "-o", str(graphml))
    exported = nx.read_graphml(graphml)
    labels = {d.get("label") for _, d in exported.nodes(data=True) if d.get("kind") == "article"}
    assert labels == set(IDS)
