"""The map and timeline page (/view/map) and its JSON twin (/map): in headless Chromium, markers
are drawn where the incidents' coordinates say, a click opens the incident, the filters narrow
the markers, the timeline counts incidents by type and week, and no request leaves the server;
over plain HTTP, the JSON twin."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from newsgraph.extract.extraction import (
    Argument,
    Event,
    Extraction,
    Incident,
    Sentence,
    TextSpan,
    Time,
)
from tests.api.test_incidents import _fighting
from tests.api.test_pages import _serve
from tests.browser import chromium
from tests.graph.test_store import _extraction

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page, Route

PLACES = {
    "place/tripoli": (34.4367, 35.8497),
    "place/baghdad": (33.3406, 44.4009),
    "place/basra": (30.5085, 47.7804),
}
ARRESTS = (
    "On 5 June 2007 the police arrested Abu Omar in Baghdad. "
    "On 6 June 2007 the police arrested Abu Ali in Basra."
)


def _located(extraction: Extraction) -> Extraction:
    for entity in extraction.entities:
        if entity.id in PLACES:
            latitude, longitude = PLACES[entity.id]
            entity.properties.update(latitude=latitude, longitude=longitude)
    return extraction


def _arrests() -> Extraction:
    """Two arrests in the week of 2007-06-04 (2007-W23), one in Baghdad, one in Basra."""
    x = _extraction(
        "arrests",
        ARRESTS,
        [
            ("police", "organization"),
            ("Abu Omar", "person"),
            ("Baghdad", "place"),
            ("Abu Ali", "person"),
            ("Basra", "place"),
        ],
    )
    second = ARRESTS.index("On 6 June")
    for n, (day, detainee, place) in enumerate(
        (("2007-06-05", "Abu Omar", "Baghdad"), ("2007-06-06", "Abu Ali", "Basra"))
    ):
        offset = second if n else 0
        when = ARRESTS.index("On ", offset)
        time = Time(ARRESTS[when : when + 14], when, when + 14, day, "day", day, day)
        arrested = ARRESTS.index("arrested", offset)
        police = ARRESTS.index("police", offset)
        who = ARRESTS.index(detainee)
        where = ARRESTS.index(place)
        arguments = [
            Argument("agent", police, police + 6, "police", "organization/police"),
            Argument(
                "detainee",
                who,
                who + len(detainee),
                detainee,
                f"person/{detainee.lower().replace(' ', '-')}",
            ),
            Argument("place", where, where + len(place), place, f"place/{place.lower()}"),
        ]
        local = f"incident/arrest-{n + 1}"
        x.events.append(
            Event(
                "arrest",
                TextSpan(arrested, arrested + 8, "arrested"),
                n,
                arguments,
                time=time,
                incident=local,
            )
        )
        x.incidents.append(
            Incident(
                id=local,
                type="arrest",
                mentions=[n],
                arguments=arguments,
                place=f"place/{place.lower()}",
                time=time,
            )
        )
    x.sentences = [Sentence(0, second - 1), Sentence(second, len(ARRESTS))]
    return x


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serve(
        tmp_path_factory.mktemp("map") / "store", [_located(_fighting()), _located(_arrests())]
    )


@pytest.fixture(scope="module")
def empty_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serve(tmp_path_factory.mktemp("empty-map") / "store", [])


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    with chromium(tmp_path_factory) as context:
        yield context


class Tab:
    """A page whose requests to anywhere but the server are blocked and counted."""

    def __init__(self, page: Page, site: str) -> None:
        self.page = page
        self.asked: list[str] = []
        self.blocked: list[str] = []
        self.errors: list[str] = []

        def route(request_route: Route) -> None:
            url = request_route.request.url
            if url.startswith(site + "/"):
                self.asked.append(url[len(site) :])
                request_route.continue_()
            else:
                self.blocked.append(url)
                request_route.abort()

        page.route("**/*", route)
        page.on("pageerror", lambda error: self.errors.append(str(error)))


@pytest.fixture
def tab(browser: BrowserContext, site: str) -> Iterator[Tab]:
    page = browser.new_page()
    page.set_default_timeout(10_000)
    tab = Tab(page, site)
    yield tab
    page.close()
    assert tab.errors == []
    assert tab.blocked == []


def _open(tab: Tab, url: str) -> None:
    tab.page.goto(url)
    tab.page.wait_for_function("() => window.mapReady === true")


MARKERS = """() => window.incidentMarkers.map(m => {
    const at = m.marker.getLatLng();
    const p = window.incidentMap.latLngToContainerPoint(at);
    const box = window.incidentMap.getContainer().getBoundingClientRect();
    return { id: m.id, type: m.type, page: m.page, lat: at.lat, lng: at.lng,
             x: box.left + p.x, y: box.top + p.y };
})"""


def _markers(tab: Tab) -> dict[str, dict[str, Any]]:
    return {m["id"]: m for m in tab.page.evaluate(MARKERS)}


def test_markers_are_drawn_where_the_coordinates_say(site: str, tab: Tab) -> None:
    _open(tab, f"{site}/view/map")
    markers = _markers(tab)
    listed = httpx.get(f"{site}/incidents").json()["results"]
    assert len(listed) == 3
    assert set(markers) == {row["id"] for row in listed}
    for row in listed:
        marker = markers[row["id"]]
        assert (marker["lat"], marker["lng"]) == (row["latitude"], row["longitude"])
        assert marker["page"] == f"/view/incidents/{row['id']}"
    tripoli = markers["lebanon/armed_clash-17"]
    baghdad = markers["arrests/arrest-1"]
    basra = markers["arrests/arrest-2"]
    # On screen, east is right and south is down.
    assert tripoli["x"] < baghdad["x"] < basra["x"]
    assert basra["y"] > baghdad["y"] > tripoli["y"]
    # Each is drawn: the element at its point is its circle.
    for marker in (tripoli, baghdad, basra):
        hit = tab.page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).getAttribute('class')",
            [marker["x"], marker["y"]],
        )
        assert "incident-marker" in hit
    # The base layer: country outlines from the vendored GeoJSON, no tiles.
    outlines = tab.page.evaluate(
        "() => document.querySelectorAll('.leaflet-overlay-pane path:not(.incident-marker)').length"
    )
    assert outlines > 100
    assert "/static/vendor/countries-110m.geojson" in tab.asked
    assert "/map" in tab.asked
    assert tab.page.evaluate("() => document.querySelectorAll('.leaflet-tile').length") == 0
    assert "3 incidents, 3 on the map" in tab.page.inner_text("#status")


def test_a_click_on_a_marker_opens_the_incident(site: str, tab: Tab) -> None:
    _open(tab, f"{site}/view/map")
    tripoli = _markers(tab)["lebanon/armed_clash-17"]
    tab.page.mouse.click(tripoli["x"], tripoli["y"])
    tab.page.wait_for_url(f"{site}/view/incidents/lebanon/armed_clash-17")
    assert "armed" in tab.page.inner_text("h1").lower()


def test_the_filters_narrow_the_markers(site: str, tab: Tab) -> None:
    _open(tab, f"{site}/view/map")
    assert len(_markers(tab)) == 3
    tab.page.select_option("select[name=type]", "arrest")
    tab.page.click("#filters button[type=submit]")
    tab.page.wait_for_url(re.compile(r".*type=arrest.*"))
    tab.page.wait_for_function("() => window.mapReady === true")
    assert set(_markers(tab)) == {"arrests/arrest-1", "arrests/arrest-2"}
    assert tab.page.get_attribute("#json", "href") == "/map?type=arrest"

    _open(tab, f"{site}/view/map?actor=person/abu-ali")
    assert set(_markers(tab)) == {"arrests/arrest-2"}
    _open(tab, f"{site}/view/map?place=place/lebanon")
    assert set(_markers(tab)) == {"lebanon/armed_clash-17"}
    _open(tab, f"{site}/view/map?since=2007-06-06&until=2007-06-30")
    assert set(_markers(tab)) == {"arrests/arrest-2"}
    assert tab.page.input_value("input[name=since]") == "2007-06-06"
    _open(tab, f"{site}/view/map?type=attack")
    assert _markers(tab) == {}
    assert "No dated incidents" in tab.page.inner_text("#timeline")


def test_the_timeline_counts_incidents_by_type_and_week(site: str, tab: Tab) -> None:
    _open(tab, f"{site}/view/map")
    table = tab.page.evaluate(
        """() => [...document.querySelectorAll('#timeline tbody tr')].map(row =>
            [row.dataset.week, Object.fromEntries([...row.querySelectorAll('td[data-type]')]
                .map(td => [td.dataset.type, Number(td.dataset.count)]))])"""
    )
    # The clash in the week of 2007-05-14, the two arrests in that of 2007-06-04, and the
    # empty weeks between them.
    assert table == [
        ["2007-W20", {"armed_clash": 1, "arrest": 0}],
        ["2007-W21", {"armed_clash": 0, "arrest": 0}],
        ["2007-W22", {"armed_clash": 0, "arrest": 0}],
        ["2007-W23", {"armed_clash": 0, "arrest": 2}],
    ]
    dots = tab.page.eval_on_selector_all(
        "#timeline a.dot", "links => links.map(a => a.getAttribute('href'))"
    )
    assert sorted(dots) == [
        "/view/incidents/arrests/arrest-1",
        "/view/incidents/arrests/arrest-2",
        "/view/incidents/lebanon/armed_clash-17",
    ]
    tab.page.click("#timeline tr[data-week='2007-W23'] a.dot >> nth=0")
    tab.page.wait_for_url(re.compile(r".*/view/incidents/arrests/arrest-[12]$"))


def test_the_json_twin(site: str) -> None:
    answer = httpx.get(f"{site}/map")
    assert answer.status_code == 200
    found = answer.json()
    assert (found["placed"], found["undated"], found["truncated"]) == (3, 0, False)
    by_id = {row["id"]: row for row in found["results"]}
    clash = by_id["lebanon/armed_clash-17"]
    assert (clash["latitude"], clash["longitude"]) == PLACES["place/tripoli"]
    assert (clash["type"], clash["week"], clash["place"]) == ("armed_clash", "2007-W20", "Tripoli")
    assert clash["page"] == "/view/incidents/lebanon/armed_clash-17"
    assert by_id["arrests/arrest-1"]["actor1"] == "police"
    assert by_id["arrests/arrest-1"]["actor2"] == "Abu Omar"
    assert found["weeks"] == [
        {"week": "2007-W20", "start": "2007-05-14", "counts": {"armed_clash": 1}, "total": 1},
        {"week": "2007-W23", "start": "2007-06-04", "counts": {"arrest": 2}, "total": 2},
    ]

    def ids(**params: str) -> set[str]:
        response = httpx.get(f"{site}/map", params=params)
        assert response.status_code == 200, response.text
        return {row["id"] for row in response.json()["results"]}

    assert ids(type="arrest") == {"arrests/arrest-1", "arrests/arrest-2"}
    assert ids(actor="person/abu-omar") == {"arrests/arrest-1"}
    assert ids(place="place/basra") == {"arrests/arrest-2"}
    assert ids(since="2007-06-01") == {"arrests/arrest-1", "arrests/arrest-2"}
    assert ids(until="2007-05-31") == {"lebanon/armed_clash-17"}
    limited = httpx.get(f"{site}/map", params={"limit": 1}).json()
    assert len(limited["results"]) == 1 and limited["truncated"] is True
    assert httpx.get(f"{site}/map", params={"type": "no_such_type"}).status_code == 400
    assert "/map" in httpx.get(f"{site}/openapi.json").json()["paths"]


def test_the_page_is_served_with_its_filters_and_loads_nothing_from_elsewhere(site: str) -> None:
    response = httpx.get(f"{site}/view/map", params={"type": "arrest", "actor": "person/abu-ali"})
    assert response.status_code == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    html = response.text
    assert "<script>" not in html  # no inline script
    assert 'data-query="type=arrest&amp;actor=person%2Fabu-ali"' in html
    assert '<a href="/view/map">Map</a>' in html
    for url in re.findall(r'(?:src|href|action)="([^"]*)"', html):
        assert not re.match(r"(?i)^(?:[a-z]+:)?//", url), url
    for asset in ("/static/map.js", "/static/vendor/leaflet.js", "/static/vendor/leaflet.css"):
        assert httpx.get(site + asset).status_code == 200, asset
    world = httpx.get(f"{site}/static/vendor/countries-110m.geojson")
    assert world.status_code == 200 and len(world.content) < 300_000
    assert len(world.json()["features"]) > 150


def test_the_page_and_twin_answer_on_an_empty_store(empty_site: str) -> None:
    assert httpx.get(f"{empty_site}/view/map").status_code == 200
    assert httpx.get(f"{empty_site}/map").json() == {
        "results": [],
        "weeks": [],
        "placed": 0,
        "undated": 0,
        "truncated": False,
    }
