"""The HTTP service assembled: settings, store, request limits, error answers, and the routers
(`newsgraph.api.routes`, one per resource, and the pages); no graph logic."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, partial
from urllib.parse import parse_qsl

from fastapi import FastAPI, HTTPException, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from spacy.language import Language
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsgraph.api.cache import CachedReads, ResponseCache, StoreVersion
from newsgraph.api.dependencies import require_token
from newsgraph.api.docs import add_offline_docs
from newsgraph.api.lookups import Lookups
from newsgraph.api.pages import pages_router, static_files
from newsgraph.api.routes import articles, entities, export, health, incidents, sparql
from newsgraph.api.routes import map as map_routes
from newsgraph.api.settings import Settings
from newsgraph.api.sources.service import feeds_router
from newsgraph.extract.pipeline import extractor_version, load_pipeline
from newsgraph.graph.store import GraphStore, QueryError, QueryTimeout, StoreError
from newsgraph.graph.vocab import IRIs

# Parameters that name the graphs of a request's dataset.
DATASET_PARAMETERS = frozenset(
    {"default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri"}
)


def url_too_long(limit: int) -> str:
    return (
        f"request URL over {limit} characters: send long queries and updates by POST, in the body"
    )


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


class _BodyTooLarge(Exception):
    pass


class RequestLimits:
    """Refuse oversized requests before reading them: declared and streamed (chunked) bodies,
    URLs, and dataset parameters. Plain ASGI, so it costs microseconds per request."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limits = self.settings
        refusal = self._refusal(scope)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limits.max_body_bytes:
                    raise _BodyTooLarge
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except _BodyTooLarge:
            if started:
                raise
            await _error(413, f"request body over {limits.max_body_bytes} bytes")(
                scope, receive, send
            )

    def _refusal(self, scope: Scope) -> JSONResponse | None:
        limits = self.settings
        headers = dict(scope["headers"])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > limits.max_body_bytes):
            return _error(413, f"request body over {limits.max_body_bytes} bytes")
        query_string: bytes = scope.get("query_string", b"")
        url_length = len(headers.get(b"host", b"")) + len(scope.get("raw_path") or b"")
        if url_length + len(query_string) + 8 > limits.max_url_length:
            return _error(414, url_too_long(limits.max_url_length))
        if b"graph-uri" in query_string:
            graphs = sum(
                1
                for name, _ in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
                if name in DATASET_PARAMETERS
            )
            if graphs > limits.max_dataset_graphs:
                return _error(
                    400, f"{graphs} dataset graphs given; at most {limits.max_dataset_graphs}"
                )
        return None


def create_app(
    settings: Settings,
    store: GraphStore,
    nlp_loader: Callable[[], Language] | None = None,
    *,
    version: StoreVersion | None = None,
) -> FastAPI:
    """An app over an open store; the caller owns the store and closes it.

    `nlp_loader` gives the spaCy pipeline for `POST /articles`; by default the configured one,
    loaded on first use. `version` is the store's version shared by the processes serving it
    (`newsgraph.api.cache`); by default one of this app's own. Repeated reads are answered
    from memory while it stays the same, unless `settings.cache_bytes` is 0 or the store is a
    remote server, which other clients may write.
    """
    app = FastAPI(
        title="newsgraph",
        version=extractor_version(),
        description="An event-and-entity knowledge graph of news articles.",
        # Served from vendored files by add_offline_docs below: FastAPI's own load from CDNs.
        docs_url=None,
        redoc_url=None,
    )
    # What the routes take through their dependencies (newsgraph.api.dependencies).
    app.state.settings = settings
    app.state.store = store
    app.state.lookups = Lookups(store, IRIs(settings.base_iri))
    app.state.nlp_loader = nlp_loader or cache(partial(load_pipeline, settings.model))

    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(QueryTimeout, _query_timeout)  # type: ignore[arg-type]
    app.add_exception_handler(QueryError, _query_error)  # type: ignore[arg-type]
    app.add_exception_handler(StoreError, _store_error)  # type: ignore[arg-type]

    if settings.cache_bytes and not settings.remote:
        version = version or StoreVersion()
        store.on_write(version.bump)
        app.state.cache = ResponseCache(settings.cache_bytes)
        app.add_middleware(CachedReads, version=version, cache=app.state.cache)
    app.add_middleware(RequestLimits, settings=settings)
    if settings.cors_origins:
        # Outermost, so that refusals carry the headers too; off unless origins are listed.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "Accept"],
            allow_credentials=False,
            max_age=600,
        )

    for routes in (health, sparql, entities, incidents, articles, export, map_routes):
        app.include_router(routes.router)
    app.include_router(
        feeds_router(settings, store, app.state.nlp_loader, write_guard=require_token)
    )
    app.include_router(pages_router(settings, store))
    app.mount("/static", static_files(), name="static")
    add_offline_docs(app)
    return app


async def _http_error(_: Request, error: HTTPException) -> JSONResponse:
    return _error(error.status_code, str(error.detail))


async def _query_timeout(_: Request, error: QueryTimeout) -> JSONResponse:
    return _error(
        503, f"{error}: narrow it (a LIMIT, more specific patterns, a smaller depth) and retry"
    )


async def _query_error(_: Request, error: QueryError) -> JSONResponse:
    return _error(400, str(error))


async def _store_error(_: Request, error: StoreError) -> JSONResponse:
    # The store is down or restarting (the child Oxigraph server): worth a retry.
    return JSONResponse(
        {"error": f"the store is unavailable: {error}"},
        status_code=503,
        headers={"Retry-After": "5"},
    )
