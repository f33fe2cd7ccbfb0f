"""Pages for people, driven in headless Chromium: the graph viewer, the annotated article, entity
pages and the SPARQL page; and, over plain HTTP, resolvable IRIs, escaping and an empty store."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest
import rdflib

from newsgraph.api.app import create_app
from newsgraph.api.pages import Highlight, annotate
from newsgraph.api.settings import Settings
from newsgraph.extract.extraction import Entity, Extraction, Mention, Relation, Sentence
from newsgraph.graph.ingest import ingest_extraction
from newsgraph.graph.store import OxigraphStore
from newsgraph.graph.vocab import SDO
from tests.api.test_incidents import _fighting
from tests.browser import chromium
from tests.graph.test_store import IRI, _extraction
from tests.servers import serve_in_thread

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

SCRIPT_NAME = "<script>window.pwned=1</script> Brigade"
# An emoji before the mentions: offsets index Python's string, not JavaScript's UTF-16.
ABSSI_TEXT = (
    f"\U0001f4f0 Shakir al-Abssi leads Fatah al Islam, said the {SCRIPT_NAME} in Tripoli & Beirut."
)


def _abssi() -> Extraction:
    x = _extraction(
        "abssi",
        ABSSI_TEXT,
        [("Shakir al-Abssi", "person"), ("Fatah al Islam", "organization"), ("Tripoli", "place")],
    )
    start = ABSSI_TEXT.index(SCRIPT_NAME)
    x.mentions.append(
        Mention(
            start,
            start + len(SCRIPT_NAME),
            SCRIPT_NAME,
            "organization",
            entity="organization/script-brigade",
        )
    )
    x.entities.append(
        Entity(
            id="organization/script-brigade",
            type="organization",
            name=SCRIPT_NAME,
            mentions=[len(x.mentions) - 1],
        )
    )
    leads = ABSSI_TEXT.index("leads")
    x.relations.append(
        Relation(
            "leader_of",
            "person/shakir-al-abssi",
            "organization/fatah-al-islam",
            leads,
            leads + 5,
            0.9,
        )
    )
    x.sentences = [Sentence(0, len(ABSSI_TEXT))]
    return x


def _serve(path: Path, extractions: list[Extraction]) -> Iterator[str]:
    store = OxigraphStore(path)
    for extraction in extractions:
        ingest_extraction(store, extraction, IRI)
    try:
        with serve_in_thread(create_app(Settings(store=path, base_iri=IRI.base), store)) as url:
            yield url
    finally:
        store.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serve(tmp_path_factory.mktemp("pages") / "store", [_fighting(), _abssi()])


@pytest.fixture(scope="module")
def empty_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serve(tmp_path_factory.mktemp("empty") / "store", [])


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    with chromium(tmp_path_factory) as context:
        yield context


@pytest.fixture
def page(browser: BrowserContext, site: str) -> Iterator[Page]:
    """A tab that fails the test on any script error or any request leaving the server."""
    tab = browser.new_page()
    # Each step takes about a second here; a broken page should fail fast, not in 30 s.
    tab.set_default_timeout(10_000)
    errors: list[str] = []
    elsewhere: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on(
        "request",
        lambda request: None if request.url.startswith(site) else elsewhere.append(request.url),
    )
    yield tab
    tab.close()
    assert errors == []
    assert elsewhere == []


def _entity_iri(key: str) -> str:
    return IRI.entity(key)


def test_viewer_draws_the_graph_and_shows_a_clicked_entity(site: str, page: Page) -> None:
    page.goto(f"{site}/view")
    page.wait_for_function("() => window.graphReady === true && window.cy.nodes().length > 0")
    labels = set(page.evaluate("window.cy.nodes().map(n => n.data('name'))"))
    assert {"Shakir al-Abssi", "Fatah al Islam", "Lebanese Army", "Tripoli", SCRIPT_NAME} <= labels
    assert {"abssi", "lebanon"} <= labels  # the articles
    relations = page.evaluate("window.cy.edges().map(e => e.data('relation'))")
    assert "leaderOf" in relations

    # A real mouse click at the node's rendered position, as a person would.
    x, y = page.evaluate(
        """iri => { const p = window.cy.getElementById(iri).renderedPosition();
                    const box = window.cy.container().getBoundingClientRect();
                    return [box.left + p.x, box.top + p.y]; }""",
        _entity_iri("person/shakir-al-abssi"),
    )
    page.mouse.click(x, y)
    page.wait_for_selector("#details .evidence li")
    details = page.inner_text("#details")
    assert "Shakir al-Abssi" in details.splitlines()[0]
    assert "Shakir al-Abssi leaderOf Fatah al Islam" in details
    assert "“leads”" in details
    link = page.get_attribute("#details .evidence a", "href")
    leads = ABSSI_TEXT.index("leads")
    assert link == f"/view/articles/abssi#char={leads},{leads + 5}"

    # The drawing is on a canvas: a screenshot of it has the colours of nodes, not one blank.
    from PIL import Image

    image = Image.open(io.BytesIO(page.locator("#graph").screenshot())).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 20
    person_blue = (0x1F, 0x77, 0xB4)
    blue_pixels = sum(
        count
        for count, pixel in colours
        if isinstance(pixel, tuple)
        and all(abs(a - b) < 12 for a, b in zip(pixel, person_blue, strict=True))
    )
    assert blue_pixels > 100, "no person node drawn"

    # Filtering by type redraws without the articles.
    page.uncheck("input[name=type][value=article]")
    page.wait_for_function(
        "() => window.graphReady && window.cy.nodes('[kind = \"article\"]').length === 0"
    )
    assert page.evaluate("window.cy.nodes().length") == len(labels) - 2


def test_annotated_article_marks_every_mention_and_trigger(site: str, page: Page) -> None:
    for article_id, text in (("abssi", ABSSI_TEXT), ("lebanon", _fighting().article.text)):
        annotations = httpx.get(f"{site}/articles/{article_id}").json()
        spans = sorted(
            [(m["start"], m["end"], m["type"]) for m in annotations["mentions"]]
            + [(t["start"], t["end"], "trigger") for t in annotations["triggers"]]
        )
        assert spans
        page.goto(f"{site}/view/articles/{article_id}")
        marked: list[dict[str, Any]] = page.eval_on_selector_all(
            "#text .hl",
            """els => els.map(e => ({start: +e.dataset.start, end: +e.dataset.end,
                                    text: e.textContent, classes: e.className,
                                    href: e.getAttribute('href') || e.dataset.href || null}))""",
        )
        assert sorted((m["start"], m["end"], m["classes"].split()[-1]) for m in marked) == spans
        for mark in marked:
            assert mark["text"] == text[mark["start"] : mark["end"]]
            assert mark["href"], mark
        # The text reads back whole: escaped, nothing lost, nothing run.
        assert page.inner_text("#text") == text
        assert page.evaluate("window.pwned") is None
    triggers = [m for m in marked if "trigger" in m["classes"]]
    assert {m["text"] for m in triggers} == {"fought", "killed"}
    assert {m["href"] for m in triggers} == {"/view/incidents/lebanon/armed_clash-17"}
    page.click("#text a.trigger")
    page.wait_for_url("**/view/incidents/lebanon/armed_clash-17")
    assert "Fatah al Islam" in page.inner_text("main")


def test_entity_page_shows_a_script_name_as_text(site: str, page: Page) -> None:
    page.goto(f"{site}/view/entities/organization/script-brigade")
    assert page.inner_text("h1") == SCRIPT_NAME
    assert page.evaluate("window.pwned") is None
    page.goto(f"{site}/view/entities/person/shakir-al-abssi")
    assert "Fatah al Islam" in page.inner_text(".relations")
    assert "“leads”" in page.inner_text(".relations")


def test_sparql_page_runs_an_example_and_shows_rows(site: str, page: Page) -> None:
    page.goto(f"{site}/view/sparql")
    page.click("button.example >> text=Who leads which group")
    page.wait_for_selector("#results tbody tr")
    rows = page.eval_on_selector_all(
        "#results tbody tr", "rows => rows.map(r => [...r.cells].map(c => c.textContent))"
    )
    assert rows == [["Shakir al-Abssi", "Fatah al Islam", "leads"]]
    page.fill("#query", "SELECT ?name WHERE { ?e schema:name ?name } ORDER BY ?name")
    page.click("#sparql-form button[type=submit]")
    page.wait_for_function("() => document.querySelectorAll('#results tbody tr').length > 5")
    names = page.eval_on_selector_all("#results tbody td", "cells => cells.map(c => c.textContent)")
    assert SCRIPT_NAME in names
    assert page.evaluate("window.pwned") is None


def test_iris_answer_pages_json_or_rdf_by_accept_header(site: str) -> None:
    path = "/id/entity/person/shakir-al-abssi"
    html = httpx.get(site + path, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert html.status_code == 303
    assert html.headers["location"] == "/view/entities/person/shakir-al-abssi"
    data = httpx.get(site + path, headers={"Accept": "application/json"})
    assert data.status_code == 200 and data.json()["name"] == "Shakir al-Abssi"
    assert data.json()["relations"][0]["type"] == "leaderOf"
    turtle = httpx.get(site + path, headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200 and turtle.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=turtle.text, format="turtle")
    entity = rdflib.URIRef(_entity_iri("person/shakir-al-abssi"))
    assert (entity, SDO.name, rdflib.Literal("Shakir al-Abssi")) in graph

    incident = httpx.get(
        f"{site}/id/incident/lebanon/armed_clash-17", headers={"Accept": "text/html"}
    )
    assert incident.headers["location"] == "/view/incidents/lebanon/armed_clash-17"
    article = httpx.get(f"{site}/id/article/abssi", headers={"Accept": "text/html"})
    assert article.headers["location"] == "/view/articles/abssi"
    assert httpx.get(f"{site}/id/entity/person/nobody").status_code == 404
    assert httpx.get(site + path, headers={"Accept": "image/png"}).status_code == 406


def test_pages_escape_names_and_text(site: str) -> None:
    for path in ("/view/entities/organization/script-brigade", "/view/articles/abssi"):
        response = httpx.get(site + path)
        assert response.status_code == 200
        assert "window.pwned" in response.text
        assert "<script>window.pwned" not in response.text
        assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in response.text
        assert "script-src 'self'" in response.headers["content-security-policy"]
    search = httpx.get(f"{site}/view/entities", params={"q": "<b>"}).text
    assert "&lt;b&gt;" in search and "<b>" not in search


def test_pages_load_nothing_from_elsewhere(site: str) -> None:
    for path in ("/view", "/view/articles/abssi", "/view/sparql", "/view/incidents"):
        html = httpx.get(site + path).text
        for url in re.findall(r'(?:src|href|action)="([^"]*)"', html):
            assert not re.match(r"(?i)^(?:[a-z]+:)?//", url), (path, url)


def test_pages_answer_on_an_empty_store(empty_site: str) -> None:
    for path in ("/view", "/view/articles", "/view/incidents", "/view/entities", "/view/sparql"):
        response = httpx.get(empty_site + path)
        assert response.status_code == 200, (path, response.text)
        assert response.headers["content-type"].startswith("text/html")
    assert "No articles yet" in httpx.get(f"{empty_site}/view/articles").text
    missing = httpx.get(f"{empty_site}/view/entities/person/nobody")
    assert missing.status_code == 404 and "no entity person/nobody" in missing.text
    assert httpx.get(f"{empty_site}/").headers["location"] == "/view"
    graph = httpx.get(f"{empty_site}/export", params={"format": "cytoscape"}).json()
    assert graph["elements"] == {"nodes": [], "edges": []}


def test_annotate_nests_spans_and_splits_crossing_ones() -> None:
    text = "<b>the Jordanian airport</b> & more"
    place = Highlight(3, 24, "mention place", "/view/entities/place/x", "place")
    group = Highlight(7, 16, "mention organization", "/view/entities/organization/y", "org")
    crossing = Highlight(17, 28, "trigger", None, "attack")
    html = str(annotate(text, [crossing, group, place]))
    assert html == (
        "&lt;b&gt;"
        '<a class="hl mention place" title="place" data-start="3" data-end="24"'
        ' id="char=3,24" href="/view/entities/place/x">the '
        '<span class="hl mention organization" title="org" data-start="7" data-end="16"'
        ' id="char=7,16" data-href="/view/entities/organization/y">Jordanian</span> '
        '<span class="hl trigger" title="attack" data-start="17" data-end="28"'
        ' data-part="first" id="char=17,28">airport</span></a>'
        '<span class="hl trigger" title="attack" data-start="17" data-end="28"'
        ' data-part="continued">&lt;/b&gt;</span> &amp; more'
    )
    # Spans outside the text are dropped rather than drawn at the wrong place.
    assert str(annotate("abc", [Highlight(2, 9, "x", None, "")])) == "abc"
