"""The API's documentation pages, `/docs` (Swagger UI) and `/redoc` (ReDoc), drawn with the copies
of both in `static/vendor/`: FastAPI's own pages load them, a favicon and fonts from CDNs, and so
are blank without the internet."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.responses import HTMLResponse

SWAGGER_JS = "vendor/swagger-ui-bundle.js"
SWAGGER_CSS = "vendor/swagger-ui.css"
REDOC_JS = "vendor/redoc.standalone.js"
FAVICON = "vendor/swagger-ui-favicon-32x32.png"

# Swagger UI's validator badge, an image from validator.swagger.io on any page not served from
# localhost, belongs to a layout FastAPI's page does not use; off all the same, whatever
# `swagger_ui_parameters` the app sets.
OFFLINE_SWAGGER_PARAMETERS: dict[str, Any] = {"validatorUrl": None}


def add_offline_docs(
    app: FastAPI,
    static_prefix: str = "/static",
    docs_url: str = "/docs",
    redoc_url: str = "/redoc",
) -> None:
    """Serve Swagger UI at `docs_url` (with its OAuth2 redirect page) and ReDoc at `redoc_url`
    from the vendored files mounted at `static_prefix`.

    For an app made with `docs_url=None, redoc_url=None`, so that FastAPI's own CDN pages are
    not registered first; the app's `openapi_url`, `swagger_ui_oauth2_redirect_url`,
    `swagger_ui_init_oauth` and `swagger_ui_parameters` are honoured as FastAPI does.
    """
    openapi_url = app.openapi_url
    if not openapi_url:
        raise ValueError("the app serves no OpenAPI schema (openapi_url=None) to document")
    if app.docs_url or app.redoc_url:
        raise ValueError(
            "create the app with docs_url=None and redoc_url=None: "
            "FastAPI's own /docs and /redoc load from CDNs"
        )
    static = static_prefix.rstrip("/")
    oauth2_redirect_url = app.swagger_ui_oauth2_redirect_url or f"{docs_url}/oauth2-redirect"
    parameters = {**(app.swagger_ui_parameters or {}), **OFFLINE_SWAGGER_PARAMETERS}

    def root(request: Request) -> str:
        # Behind a proxy that mounts the app under a path, every URL starts with it.
        return str(request.scope.get("root_path", "")).rstrip("/")

    async def swagger_ui(request: Request) -> HTMLResponse:
        base = root(request)
        return get_swagger_ui_html(
            openapi_url=base + openapi_url,
            title=f"{app.title} - Swagger UI",
            swagger_js_url=f"{base}{static}/{SWAGGER_JS}",
            swagger_css_url=f"{base}{static}/{SWAGGER_CSS}",
            swagger_favicon_url=f"{base}{static}/{FAVICON}",
            oauth2_redirect_url=base + oauth2_redirect_url,
            init_oauth=app.swagger_ui_init_oauth,
            swagger_ui_parameters=parameters,
        )

    async def swagger_ui_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    async def redoc(request: Request) -> HTMLResponse:
        base = root(request)
        return get_redoc_html(
            openapi_url=base + openapi_url,
            title=f"{app.title} - ReDoc",
            redoc_js_url=f"{base}{static}/{REDOC_JS}",
            redoc_favicon_url=f"{base}{static}/{FAVICON}",
            with_google_fonts=False,
        )

    app.add_api_route(
        docs_url, swagger_ui, methods=["GET"], include_in_schema=False, response_class=HTMLResponse
    )
    app.add_api_route(
        oauth2_redirect_url,
        swagger_ui_redirect,
        methods=["GET"],
        include_in_schema=False,
        response_class=HTMLResponse,
    )
    app.add_api_route(
        redoc_url, redoc, methods=["GET"], include_in_schema=False, response_class=HTMLResponse
    )
