"""The API docs, `/docs` (Swagger UI) and `/redoc` (ReDoc), drawn in headless Chromium from the
vendored copies alone, with every request to another host refused and counted; and, over plain
HTTP, pages that name no URL outside the server."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import httpx
import pytest
from fastapi import FastAPI

from newsgraph.api.app import create_app
from newsgraph.api.docs import add_offline_docs
from newsgraph.api.pages import STATIC_DIR, static_files
from newsgraph.api.settings import Settings
from newsgraph.graph.store import OxigraphStore
from tests.browser import chromium
from tests.servers import serve_in_thread

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page, Route

BROWSER_ARGS = [
    # A name that is not localhost for the same server: Swagger UI treats pages served from
    # localhost or 127.0.0.1 differently (no validator badge), and a deployment is neither.
    "--host-resolver-rules=MAP newsgraph.test 127.0.0.1",
]
HOSTS = ("127.0.0.1", "newsgraph.test")
URL = re.compile(r"""https?://[^\s"'<>`)]+""", re.IGNORECASE)
# Operations Swagger UI and ReDoc must both show: (method, path).
OPERATIONS = (
    ("get", "/sparql"),
    ("post", "/sparql"),
    ("get", "/entities/{entity_type}/{slug}"),
    ("post", "/articles"),
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The service as `create_app` builds it, over an empty store, on a free loopback port."""
    path = tmp_path_factory.mktemp("docs") / "store"
    store = OxigraphStore(path)
    try:
        with serve_in_thread(create_app(Settings(store=path), store)) as url:
            yield url
    finally:
        store.close()


@pytest.fixture(scope="module")
def schema(server: str) -> dict[str, object]:
    answer = httpx.get(f"{server}/openapi.json")
    assert answer.status_code == 200
    result: dict[str, object] = answer.json()
    return result


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    with chromium(tmp_path_factory, extra_args=BROWSER_ARGS) as context:
        yield context


class OfflineTab:
    """A tab on the server under `host`, where a request to anywhere else is refused and
    recorded, as it would fail without the internet."""

    def __init__(self, browser: BrowserContext, server: str, host: str) -> None:
        self.base = f"http://{host}:{urlsplit(server).port}"
        self.page: Page = browser.new_page()
        self.page.set_default_timeout(20_000)
        self.elsewhere: list[str] = []
        self.served: list[str] = []
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.route("**/*", self._route)

    def _route(self, route: Route) -> None:
        url = route.request.url
        if urlsplit(url).netloc == urlsplit(self.base).netloc:
            self.served.append(url)
            route.continue_()
        else:
            self.elsewhere.append(url)
            route.abort("internetdisconnected")

    def close(self) -> None:
        self.page.close()


@pytest.fixture(params=HOSTS)
def tab(
    request: pytest.FixtureRequest, browser: BrowserContext, server: str
) -> Iterator[OfflineTab]:
    tab = OfflineTab(browser, server, request.param)
    yield tab
    tab.close()
    assert tab.elsewhere == [], "the page tried to load from elsewhere"
    assert tab.errors == []


def test_swagger_ui_lists_the_endpoints_offline(tab: OfflineTab, schema: dict[str, object]) -> None:
    page = tab.page
    page.goto(f"{tab.base}/docs")
    page.wait_for_selector(".opblock", state="visible")
    # Every operation block is drawn, and the chosen ones are on show with their method.
    blocks = page.eval_on_selector_all(
        ".opblock",
        """els => els.map(e => [
            e.querySelector('.opblock-summary-method').textContent.trim().toLowerCase(),
            e.querySelector('.opblock-summary-path').dataset.path])""",
    )
    paths = schema["paths"]
    assert isinstance(paths, dict)
    expected = {(method, path) for path, item in paths.items() for method in item}
    assert {tuple(block) for block in blocks} == expected
    for method, path in OPERATIONS:
        block = page.locator(f'.opblock-{method}:has(.opblock-summary-path[data-path="{path}"])')
        assert block.is_visible(), (method, path)
    assert page.locator(".info .title").inner_text().startswith("newsgraph")
    # Its script, style and favicon came from the vendored copies.
    assert f"{tab.base}/static/vendor/swagger-ui-bundle.js" in tab.served
    assert f"{tab.base}/static/vendor/swagger-ui.css" in tab.served
    assert page.locator(".online-validator-badge, .validator-badge").count() == 0


def test_redoc_renders_the_title_and_endpoints_offline(
    tab: OfflineTab, schema: dict[str, object]
) -> None:
    page = tab.page
    page.goto(f"{tab.base}/redoc")
    page.wait_for_selector(".api-content h1", state="visible")
    info = schema["info"]
    assert isinstance(info, dict)
    assert page.locator(".api-content h1").first.inner_text().startswith(str(info["title"]))
    menu = page.locator(".menu-content").inner_text()
    paths = schema["paths"]
    assert isinstance(paths, dict)
    for method, path in OPERATIONS:
        summary = paths[path][method]["summary"]
        assert summary in menu, summary
    # Each operation's section names its path.
    content = page.locator(".api-content").inner_text()
    for _, path in OPERATIONS:
        assert path in content, path
    assert f"{tab.base}/static/vendor/redoc.standalone.js" in tab.served
    # ReDoc's sidebar logo (its one image from a CDN) is switched off in the vendored copy.
    assert page.locator(".menu-content img[src*='redoc.ly']").count() == 0


@pytest.mark.parametrize("path", ["/docs", "/redoc", "/docs/oauth2-redirect"])
def test_docs_html_names_no_url_outside_the_server(server: str, path: str) -> None:
    answer = httpx.get(f"{server}{path}")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    html = answer.text
    assert URL.findall(html) == []
    assert "fonts.googleapis" not in html
    # Every script, style and icon it names is served here.
    references = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
    if path != "/docs/oauth2-redirect":
        assert references
    for reference in references:
        assert reference.startswith("/static/vendor/"), reference
        assert httpx.get(urljoin(f"{server}{path}", reference)).status_code == 200, reference


def test_the_default_cdn_pages_are_gone(server: str) -> None:
    # What FastAPI would serve by default; its absence means the app was built offline-first.
    for path in ("/docs", "/redoc"):
        assert "cdn.jsdelivr.net" not in httpx.get(f"{server}{path}").text


def test_vendored_bundles_fetch_nothing_known_from_elsewhere() -> None:
    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js"):
        text = (STATIC_DIR / "vendor" / name).read_text(encoding="utf-8")
        for host in ("cdn.redoc.ly", "fonts.googleapis.com", "fonts.gstatic.com", "jsdelivr"):
            assert host not in text, (name, host)


def test_every_vendored_file_is_recorded() -> None:
    vendor = STATIC_DIR / "vendor"
    readme = (vendor / "README.md").read_text(encoding="utf-8")
    for file in sorted(vendor.iterdir()):
        if file.name != "README.md":
            assert f"`{file.name}`" in readme, file.name
    sizes = {f.name: f.stat().st_size for f in vendor.iterdir()}
    assert sizes["swagger-ui-bundle.js"] < 2_500_000
    assert sizes["redoc.standalone.js"] < 1_500_000


def _app(**options: object) -> FastAPI:
    app = FastAPI(title="t", docs_url=None, redoc_url=None, **options)  # type: ignore[arg-type]
    app.mount("/assets", static_files(), name="static")
    add_offline_docs(app, static_prefix="/assets")
    return app


def _get_all(app: FastAPI, root_path: str, *paths: str) -> list[httpx.Response]:
    async def get() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app, root_path=root_path)
        async with httpx.AsyncClient(transport=transport, base_url="http://docs.test") as client:
            return [await client.get(path) for path in paths]

    # In a thread of its own: Playwright's sync API may hold this thread's event loop.
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, get()).result()


def test_the_pages_follow_the_static_prefix_and_root_path() -> None:
    docs, redoc, bundle, schema = _get_all(
        _app(), "/api", "/docs", "/redoc", "/api/assets/vendor/redoc.standalone.js", "/openapi.json"
    )
    assert 'src="/api/assets/vendor/swagger-ui-bundle.js"' in docs.text
    assert 'href="/api/assets/vendor/swagger-ui.css"' in docs.text
    assert 'href="/api/assets/vendor/swagger-ui-favicon-32x32.png"' in docs.text
    assert "url: '/api/openapi.json'" in docs.text
    assert "'/api/docs/oauth2-redirect'" in docs.text
    assert '"validatorUrl": null' in docs.text
    assert 'src="/api/assets/vendor/redoc.standalone.js"' in redoc.text
    assert 'spec-url="/api/openapi.json"' in redoc.text
    assert bundle.status_code == 200
    # None of the pages is an operation of the API.
    assert schema.json()["paths"] == {}


def test_an_app_with_fastapis_own_docs_is_refused() -> None:
    with pytest.raises(ValueError, match="docs_url=None"):
        add_offline_docs(FastAPI())
    with pytest.raises(ValueError, match="openapi_url=None"):
        add_offline_docs(FastAPI(docs_url=None, redoc_url=None, openapi_url=None))


def test_vendor_files_exist_where_the_pages_point() -> None:
    from newsgraph.api import docs

    for name in (docs.SWAGGER_JS, docs.SWAGGER_CSS, docs.REDOC_JS, docs.FAVICON):
        assert (Path(STATIC_DIR) / name).is_file(), name
