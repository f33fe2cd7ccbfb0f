"""The HTTP service: SPARQL protocol, JSON lookups and exports over one store, no graph logic."""

from __future__ import annotations

import hmac
import json
from collections import Counter
from collections.abc import Callable
from datetime import date
from functools import cache, partial
from typing import Annotated, Any
from urllib.parse import parse_qsl

import pyoxigraph as ox
from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response, StreamingResponse
from spacy.language import Language
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsgraph.api import models
from newsgraph.api.pages import pages_router, static_files
from newsgraph.api.settings import Settings
from newsgraph.api.sparql import (
    FORMAT_ALIASES,
    GRAPH_FORMATS,
    RESULT_FORMATS,
    TooManyRows,
    capped_triples,
    negotiate,
    serialize_solutions,
)
from newsgraph.api.streaming import stream_writer
from newsgraph.extract.article import Article, ArticleError, article_from_record
from newsgraph.extract.pipeline import extract_articles, extractor_version, load_pipeline
from newsgraph.graph import queries
from newsgraph.graph.exporters import EXPORTERS, RDF_EXPORTS, export
from newsgraph.graph.ingest import delete_article, ingest_extraction
from newsgraph.graph.projection import Subgraph
from newsgraph.graph.sparql_guard import UnsafeQueryError, check_query, check_update
from newsgraph.graph.store import (
    GraphStore,
    QueryError,
    QueryTimeout,
    StoreError,
    is_graph_result,
    serialize_graph,
)
from newsgraph.graph.vocab import IRIs


def service_description(endpoint: str, format: ox.RdfFormat) -> bytes:
    """What the endpoint supports, in the SPARQL 1.1 Service Description vocabulary."""
    sd = "http://www.w3.org/ns/sparql-service-description#"
    formats = "http://www.w3.org/ns/formats/"
    service = ox.BlankNode()
    triples = [
        ox.Triple(service, ox.NamedNode(f"{RDF_NS}type"), ox.NamedNode(f"{sd}Service")),
        ox.Triple(service, ox.NamedNode(f"{sd}endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(
            service, ox.NamedNode(f"{sd}supportedLanguage"), ox.NamedNode(f"{sd}SPARQL11Query")
        ),
        ox.Triple(service, ox.NamedNode(f"{sd}feature"), ox.NamedNode(f"{sd}UnionDefaultGraph")),
    ]
    for name in (
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "JSON-LD",
        "RDF_XML",
        "N-Quads",
        "TriG",
    ):
        triples.append(
            ox.Triple(service, ox.NamedNode(f"{sd}resultFormat"), ox.NamedNode(f"{formats}{name}"))
        )
    return ox.serialize(triples, format=format) or b""


RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


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
            return _error(414, f"request URL over {limits.max_url_length} characters")
        if b"graph-uri" in query_string:
            graphs = sum(
                1
                for name, _ in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
                if name in ("default-graph-uri", "named-graph-uri")
            )
            if graphs > limits.max_dataset_graphs:
                return _error(
                    400, f"{graphs} dataset graphs given; at most {limits.max_dataset_graphs}"
                )
        return None


def create_app(
    settings: Settings, store: GraphStore, nlp_loader: Callable[[], Language] | None = None
) -> FastAPI:
    """An app over an open store; the caller owns the store and closes it.

    `nlp_loader` gives the spaCy pipeline for `POST /articles`; by default the configured one,
    loaded on first use.
    """
    if nlp_loader is None:
        nlp_loader = cache(partial(load_pipeline, settings.model))

    def require_token(authorization: Annotated[str | None, Header()] = None) -> None:
        if not settings.token:
            raise HTTPException(
                403,
                "writes are disabled: set NEWSGRAPH_TOKEN (or NEWSGRAPH_TOKEN_FILE) on the server",
            )
        scheme, _, given = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            given.encode(), settings.token.encode()
        ):
            raise HTTPException(401, "a valid 'Authorization: Bearer <token>' header is required")

    app = FastAPI(
        title="newsgraph",
        version=extractor_version(),
        description="An event-and-entity knowledge graph of news articles.",
    )
    iris = IRIs(settings.base_iri)
    app.state.settings = settings
    app.state.store = store

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, error: HTTPException) -> JSONResponse:
        return _error(error.status_code, str(error.detail))

    @app.exception_handler(QueryTimeout)
    async def query_timeout(_: Request, error: QueryTimeout) -> JSONResponse:
        return _error(
            503, f"{error}: narrow it (a LIMIT, more specific patterns, a smaller depth) and retry"
        )

    @app.exception_handler(QueryError)
    async def query_error(_: Request, error: QueryError) -> JSONResponse:
        return _error(400, str(error))

    @app.exception_handler(StoreError)
    async def store_error(_: Request, error: StoreError) -> JSONResponse:
        # The store is down or restarting (the child Oxigraph server): worth a retry.
        return JSONResponse(
            {"error": f"the store is unavailable: {error}"},
            status_code=503,
            headers={"Retry-After": "5"},
        )

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

    @app.get("/health", response_model=models.Health)
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/stats", response_model=models.Stats)
    def stats() -> dict[str, Any]:
        return queries.stats(store).to_json()

    def run_sparql(
        query: str,
        accept: str | None,
        default_graphs: list[str],
        named_graphs: list[str],
    ) -> Response:
        try:
            check_query(query)
            result = store.query(
                query, default_graphs=default_graphs or None, named_graphs=named_graphs or None
            )
        except UnsafeQueryError as error:
            return _error(400, str(error))
        # pyoxigraph results may only be freed on the thread that made them: serialize and
        # drop them here, before any frame holding them can end up in a garbage cycle.
        try:
            if is_graph_result(result):
                media = negotiate(accept, list(GRAPH_FORMATS), "text/turtle")
                if media is None:
                    return _error(406, f"cannot answer a graph as {accept}; try text/turtle")
                body = serialize_graph(
                    capped_triples(result, settings.max_rows),  # type: ignore[arg-type]
                    GRAPH_FORMATS[media],
                )
            else:
                media = negotiate(accept, list(RESULT_FORMATS), "application/sparql-results+json")
                if media is None:
                    return _error(
                        406,
                        f"cannot answer results as {accept}; try application/sparql-results+json",
                    )
                if isinstance(result, ox.QuerySolutions):
                    body = serialize_solutions(result, RESULT_FORMATS[media], settings.max_rows)
                else:
                    assert isinstance(result, ox.QueryBoolean)
                    body = result.serialize(format=RESULT_FORMATS[media]) or b""
        except TooManyRows as error:
            return _error(400, str(error))
        finally:
            del result
        return Response(body, media_type=media)

    def _accept(request: Request, format: str | None) -> str | None:
        if format:
            return FORMAT_ALIASES.get(format, format)
        return request.headers.get("accept")

    @app.get("/sparql", summary="SPARQL 1.1 query (GET)")
    def sparql_get(
        request: Request,
        query: Annotated[str | None, Query()] = None,
        default_graph_uri: Annotated[list[str], Query(alias="default-graph-uri")] = [],  # noqa: B006
        named_graph_uri: Annotated[list[str], Query(alias="named-graph-uri")] = [],  # noqa: B006
        format: Annotated[str | None, Query()] = None,
    ) -> Response:
        if "update" in request.query_params:
            return _error(400, "this endpoint is read-only: send updates to /update")
        if len(request.query_params.getlist("query")) > 1:
            return _error(400, "give one 'query' parameter, not several")
        if query is None:
            # No query: the SPARQL 1.1 Service Description of this endpoint.
            media = negotiate(request.headers.get("accept"), list(GRAPH_FORMATS), "text/turtle")
            if media is None:
                return _error(406, "the service description is RDF; try text/turtle")
            endpoint = str(request.url.replace(query=""))
            return Response(service_description(endpoint, GRAPH_FORMATS[media]), media_type=media)
        return run_sparql(query, _accept(request, format), default_graph_uri, named_graph_uri)

    @app.post("/sparql", summary="SPARQL 1.1 query (POST form or application/sparql-query)")
    async def sparql_post(request: Request) -> Response:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        params = request.query_params
        default_graphs = params.getlist("default-graph-uri")
        named_graphs = params.getlist("named-graph-uri")
        if content_type == "application/sparql-query":
            if "query" in params:
                return _error(400, "the query is the body: do not also give a 'query' parameter")
            body = await request.body()
            try:
                query = body.decode("utf-8")
            except UnicodeDecodeError:
                return _error(400, "the query is not UTF-8")
        elif content_type == "application/x-www-form-urlencoded":
            form = await request.form()
            if "update" in form:
                return _error(400, "this endpoint is read-only: send updates to /update")
            queries_given = form.getlist("query")
            if len(queries_given) != 1 or not isinstance(queries_given[0], str):
                return _error(400, "give exactly one 'query' form field")
            query = queries_given[0]
            default_graphs += [str(v) for v in form.getlist("default-graph-uri")]
            named_graphs += [str(v) for v in form.getlist("named-graph-uri")]
        else:
            return _error(
                415,
                "send the query as application/sparql-query or application/x-www-form-urlencoded",
            )
        accept = _accept(request, params.get("format"))
        return await run_in_threadpool(run_sparql, query, accept, default_graphs, named_graphs)

    @app.get("/entities", response_model=models.EntitySearch)
    def entities(
        q: str = "",
        type: str | None = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 20,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict[str, Any]:
        try:
            rows = queries.search_entities(store, q, entity_type=type, limit=limit, offset=offset)
        except ValueError as error:
            raise HTTPException(400, str(error)) from error
        return {
            "results": [
                {
                    "id": row["key"],
                    "iri": row["entity"],
                    "name": row["name"],
                    "mentions": int(row["mentions"]),
                }
                for row in rows
            ]
        }

    def _entity_iri(entity_type: str, slug: str) -> str:
        try:
            return iris.entity_id(f"{entity_type}/{slug}")
        except ValueError as error:
            raise HTTPException(404, str(error)) from error

    @app.get("/entities/{entity_type}/{slug}", response_model=models.EntityDetail)
    def entity(entity_type: str, slug: str) -> dict[str, Any]:
        iri = _entity_iri(entity_type, slug)
        found = queries.entity_by_key(store, iri)
        if found is None:
            raise HTTPException(404, f"no entity {entity_type}/{slug}")
        found["relations"] = queries.entity_relations(store, iri)
        return found

    @app.get("/entities/{entity_type}/{slug}/neighbors", response_model=models.Neighbourhood)
    def neighbors(
        entity_type: str, slug: str, depth: Annotated[int, Query(ge=0, le=4)] = 1
    ) -> dict[str, Any]:
        iri = _entity_iri(entity_type, slug)
        if queries.entity_by_key(store, iri) is None:
            raise HTTPException(404, f"no entity {entity_type}/{slug}")
        nodes, edges = queries.neighbourhood(store, iri, depth)
        return {
            "nodes": sorted(nodes),
            "edges": [{"source": s, "predicate": p, "target": o} for s, p, o in edges],
        }

    @app.get("/paths", response_model=models.Paths)
    def find_paths(
        source: Annotated[str, Query(alias="from", description="entity id, e.g. person/rifi")],
        target: Annotated[str, Query(alias="to")],
        max_length: Annotated[int, Query(ge=1, le=6)] = 4,
    ) -> dict[str, Any]:
        try:
            start, end = iris.entity_id(source), iris.entity_id(target)
        except ValueError as error:
            raise HTTPException(404, str(error)) from error
        found = queries.paths(store, start, end, max_length=max_length)
        return {
            "paths": [
                [{"source": s, "predicate": p, "target": o} for s, p, o in path] for path in found
            ]
        }

    @app.get("/incidents", response_model=models.IncidentList)
    def incidents(
        type: str | None = None,
        place: Annotated[
            str | None, Query(description="place entity id, e.g. place/lebanon")
        ] = None,
        actor: Annotated[str | None, Query(description="entity id in any role")] = None,
        since: date | None = None,
        until: date | None = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict[str, Any]:
        rows = _find_incidents(
            type, place, actor, since=since, until=until, limit=limit, offset=offset
        )
        return {"results": rows}

    def _find_incidents(
        type: str | None, place: str | None, actor: str | None, **options: Any
    ) -> list[dict[str, Any]]:
        for name in ("since", "until"):
            if options.get(name) is not None:
                options[name] = options[name].isoformat()
        try:
            return queries.find_incidents(
                store,
                incident_type=type,
                place=iris.entity_id(place) if place else None,
                actor=iris.entity_id(actor) if actor else None,
                **options,
            )
        except ValueError as error:
            raise HTTPException(400, str(error)) from error

    @app.get("/incidents/{article_id}/{local_id}", response_model=models.IncidentDetail)
    def incident(article_id: str, local_id: str) -> dict[str, Any]:
        found = queries.incident_detail(store, iris.incident(article_id, local_id))
        if found is None:
            raise HTTPException(404, f"no incident {article_id}/{local_id}")
        return found

    @app.get("/timeline", response_model=models.Timeline)
    def timeline(
        place: str | None = None, actor: str | None = None, type: str | None = None
    ) -> dict[str, Any]:
        # find_incidents orders by time already; every incident, dated ones first.
        rows = _find_incidents(type, place, actor, limit=None)
        dated = [row for row in rows if row["begin"]]
        return {"results": dated, "undated": len(rows) - len(dated)}

    @app.get("/articles", response_model=models.ArticleList)
    def articles() -> dict[str, Any]:
        return {"results": queries.list_articles(store)}

    @app.get("/articles/{article_id}", response_model=models.ArticleAnnotations)
    def article(article_id: str) -> dict[str, Any]:
        found = queries.article_annotations(store, iris.article(article_id))
        if found is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return found

    @app.post(
        "/articles",
        status_code=201,
        dependencies=[Depends(require_token)],
        response_model=models.IngestResults,
    )
    async def add_article(request: Request) -> dict[str, Any]:
        """Add or replace articles: a JSON object or list (`id`, `text`, optional `title`,
        `url`, `published`, `format`), or plain text or HTML with `?id=`. Returns what was
        extracted."""
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await request.body()
        if len(body) > settings.max_article_bytes:
            raise HTTPException(413, f"article body over {settings.max_article_bytes} bytes")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as error:
            raise HTTPException(400, f"the body is not UTF-8: {error}") from error
        try:
            if content_type in ("application/json", ""):
                data = json.loads(text)
                records = data if isinstance(data, list) else [data]
                new = [article_from_record(r, f"request[{i}]") for i, r in enumerate(records)]
            elif content_type in ("text/plain", "text/html"):
                article_id = request.query_params.get("id")
                if not article_id:
                    raise HTTPException(400, f"{content_type} articles need an ?id= parameter")
                new = [
                    article_from_record(
                        {
                            "id": article_id,
                            "text": text,
                            "format": "html" if content_type == "text/html" else None,
                            **{
                                k: v
                                for k, v in request.query_params.items()
                                if k in ("title", "url", "published")
                            },
                        },
                        "request",
                    )
                ]
            else:
                raise HTTPException(415, "send application/json, text/plain or text/html")
        except json.JSONDecodeError as error:
            raise HTTPException(400, f"invalid JSON: {error}") from error
        except ArticleError as error:
            raise HTTPException(400, str(error)) from error
        repeated = sorted(i for i, n in Counter(a.id for a in new).items() if n > 1)
        if repeated:
            raise HTTPException(400, f"article ids given more than once: {', '.join(repeated)}")
        if not new:
            raise HTTPException(400, "no articles given: the list is empty")
        return await run_in_threadpool(_ingest, new)

    def _ingest(new: list[Article]) -> dict[str, Any]:
        nlp = nlp_loader()
        results = []
        for extraction in extract_articles(new, nlp):
            outcome = ingest_extraction(store, extraction, iris)
            results.append(
                {
                    "id": extraction.article.id,
                    "status": outcome.status.value,
                    "extraction": extraction.to_json(),
                }
            )
        return {"results": results}

    @app.delete(
        "/articles/{article_id}",
        dependencies=[Depends(require_token)],
        response_model=models.Deleted,
    )
    def delete(article_id: str) -> dict[str, Any]:
        try:
            removed = delete_article(store, article_id, iris)
        except StoreError as error:
            raise HTTPException(503, str(error)) from error
        if not removed:
            raise HTTPException(404, f"no article {article_id!r}")
        return {"id": article_id, "deleted": True}

    @app.post("/update", dependencies=[Depends(require_token)], summary="SPARQL 1.1 Update")
    async def update(request: Request) -> Response:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type == "application/sparql-update":
            text = (await request.body()).decode("utf-8", errors="replace")
        elif content_type == "application/x-www-form-urlencoded":
            form = await request.form()
            raw = form.get("update")
            if not isinstance(raw, str):
                return _error(400, "missing 'update' form field")
            text = raw
        else:
            return _error(415, "send application/sparql-update or a form with 'update'")
        try:
            check_update(text)
            await run_in_threadpool(store.update, text)
        except UnsafeQueryError as error:
            return _error(400, str(error))
        return Response(status_code=204)

    @app.get("/export")
    def export_graph(
        format: str = "graphml",
        focus: Annotated[
            str | None, Query(description="entity id to center on, e.g. person/rifi")
        ] = None,
        depth: Annotated[int, Query(ge=0, le=6)] = 1,
        type: Annotated[list[str] | None, Query(description="node kinds to keep")] = None,
        since: date | None = None,
        until: date | None = None,
    ) -> Response:
        if format not in EXPORTERS:
            raise HTTPException(
                400, f"unknown format {format!r}; choose one of {sorted(EXPORTERS)}"
            )
        try:
            subgraph = Subgraph(
                focus=iris.entity(focus) if focus else None,
                depth=depth,
                kinds=frozenset(type) if type else None,
                since=since,
                until=until,
            )
        except ValueError as error:
            raise HTTPException(400, str(error)) from error
        part = None if subgraph == Subgraph() else subgraph
        if part is not None and format in RDF_EXPORTS:
            raise HTTPException(
                400, "RDF exports cover the whole graph; use SPARQL CONSTRUCT for a part"
            )
        # Streamed as written, so a large graph never sits whole in the server's memory.
        body = stream_writer(lambda stream: export(store, format, stream, part))
        return StreamingResponse(body, media_type=EXPORTERS[format][1])

    app.include_router(pages_router(settings, store))
    app.mount("/static", static_files(), name="static")
    return app
