"""The graph viewer with incidents, driven in headless Chromium: drawn as purple diamonds joined
to their actors and place by role edges, filtered by kind, incident type and date, and a click
shows the incident's roles, counts, time and evidence."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from newsgraph.extract.extraction import Sentence
from tests.api.test_incidents import TEXT, _fighting
from tests.api.test_pages import _abssi, _serve, browser, page  # noqa: F401 (fixtures)
from tests.graph.test_store import IRI

if TYPE_CHECKING:
    from playwright.sync_api import Page

CLASH = IRI.incident("lebanon", "armed_clash-17")
INCIDENTS = "window.cy.nodes('[kind = \"incident\"]').length"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    fighting = _fighting()
    second = TEXT.index("More than")
    fighting.sentences = [Sentence(0, second - 1), Sentence(second, len(TEXT))]
    yield from _serve(tmp_path_factory.mktemp("viewer") / "store", [fighting, _abssi()])


def _drawn(tab: Page, condition: str) -> None:
    tab.wait_for_function(f"() => window.graphReady === true && ({condition})")


def test_incidents_are_diamonds_with_role_edges(site: str, page: Page) -> None:  # noqa: F811
    page.goto(f"{site}/view")
    _drawn(page, f"{INCIDENTS} === 1")
    node = page.evaluate(
        """iri => { const n = window.cy.getElementById(iri);
                    return { name: n.data('name'), kind: n.data('kind'), type: n.data('type'),
                             shape: n.style('shape'), colour: n.style('background-color') }; }""",
        CLASH,
    )
    assert node == {
        "name": "armed clash, Tripoli, 2007-05-14",
        "kind": "incident",
        "type": "armed_clash",
        "shape": "diamond",
        "colour": "rgb(142,68,173)",
    }
    roles = page.evaluate(
        """iri => window.cy.getElementById(iri).outgoers('edge')
                   .map(e => [e.data('relation'), e.target().data('name')]).sort()""",
        CLASH,
    )
    assert roles == [
        ["participant", "Fatah al Islam"],
        ["participant", "Lebanese Army"],
        ["place", "Tripoli"],
    ]
    reports = page.evaluate(
        "iri => window.cy.getElementById(iri).incomers('edge').map(e => e.data('relation'))",
        CLASH,
    )
    assert reports == ["reports"]


def test_a_click_shows_roles_counts_time_and_evidence(site: str, page: Page) -> None:  # noqa: F811
    page.goto(f"{site}/view")
    _drawn(page, f"{INCIDENTS} === 1")
    x, y = page.evaluate(
        """iri => { const p = window.cy.getElementById(iri).renderedPosition();
                    const box = window.cy.container().getBoundingClientRect();
                    return [box.left + p.x, box.top + p.y]; }""",
        CLASH,
    )
    page.mouse.click(x, y)
    page.wait_for_function(
        "() => document.querySelector('#details').innerText.includes('Evidence')"
    )
    details = page.inner_text("#details")
    assert details.splitlines()[0] == "armed clash, Tripoli, 2007-05-14"
    for shown in (
        "participant: Fatah al Islam",
        "participant: Lebanese Army",
        "victim: More than 30 soldiers",
        "victim: more than 30",
        "Last week, 2007-05-14 – 2007-05-20, week",
        "ACLED Battles / Armed clash",
        "Rifi",
        "“fought”",
        "“killed”",
        "More than 30 soldiers were killed.",  # the sentence of a trigger
    ):
        assert shown in details, shown
    fought = TEXT.index("fought")
    links = page.eval_on_selector_all(
        "#details a", "links => links.map(a => a.getAttribute('href'))"
    )
    assert f"/view/articles/lebanon#char={fought},{fought + 6}" in links
    assert "/view/entities/organization/fatah-al-islam" in links
    assert "/view/incidents/lebanon/armed_clash-17" in links


def test_filters_by_kind_incident_type_and_date(site: str, page: Page) -> None:  # noqa: F811
    page.goto(f"{site}/view")
    _drawn(page, f"{INCIDENTS} === 1")
    assert page.eval_on_selector_all(
        "select[name=incident_type] option", "options => options.map(o => o.value)"
    ) == ["", "armed_clash"]
    page.select_option("select[name=incident_type]", "armed_clash")
    _drawn(page, f"{INCIDENTS} === 1 && location.search.includes('incident_type=armed_clash')")

    # Last week's clash is not in June.
    page.fill("input[name=since]", "2007-06-01")
    page.dispatch_event("input[name=since]", "change")
    _drawn(page, f"{INCIDENTS} === 0 && location.search.includes('since=2007-06-01')")
    page.fill("input[name=since]", "2007-05-20")
    page.dispatch_event("input[name=since]", "change")
    _drawn(page, f"{INCIDENTS} === 1")

    page.uncheck("input[name=type][value=incident]")
    _drawn(page, f"{INCIDENTS} === 0 && window.cy.nodes().length > 0")

    # The filters live in the address: a reload draws the same.
    page.reload()
    _drawn(page, "window.cy.nodes().length > 0")
    assert page.input_value("input[name=since]") == "2007-05-20"
    assert page.input_value("select[name=incident_type]") == "armed_clash"
    assert page.evaluate(INCIDENTS) == 0
