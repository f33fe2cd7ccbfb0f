"""The SPARQL 1.1 Protocol: queries on `/sparql` (GET, POST form, POST
application/sparql-query), read-only and guarded, and updates on `/update` with the write
token."""

from __future__ import annotations

from functools import partial
from typing import Annotated

import pyoxigraph as ox
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from newsgraph.api.dependencies import SettingsDep, StoreDep, require_token
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
from newsgraph.graph.sparql_guard import UnsafeQueryError, check_query, check_update
from newsgraph.graph.store import GraphStore, is_graph_result, serialize_graph

router = APIRouter()

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


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


def _content_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _accept(request: Request, format: str | None) -> str | None:
    if format:
        return FORMAT_ALIASES.get(format, format)
    return request.headers.get("accept")


def run_sparql(
    store: GraphStore,
    settings: Settings,
    query: str,
    accept: str | None,
    default_graphs: list[str],
    named_graphs: list[str],
) -> Response:
    """Check a query, run it, and answer it whole in the negotiated format, or refuse it."""
    try:
        check_query(query)
    except UnsafeQueryError as error:
        raise HTTPException(400, str(error)) from error
    result = store.query(
        query, default_graphs=default_graphs or None, named_graphs=named_graphs or None
    )
    # pyoxigraph results may only be freed on the thread that made them: serialize and
    # drop them here, before any frame holding them can end up in a garbage cycle. (So the
    # row cap's exception, whose traceback holds them, goes no further than this function.)
    too_many: str | None = None
    try:
        if is_graph_result(result):
            media = negotiate(accept, list(GRAPH_FORMATS), "text/turtle")
            if media is None:
                raise HTTPException(406, f"cannot answer a graph as {accept}; try text/turtle")
            body = serialize_graph(
                capped_triples(result, settings.max_rows),  # type: ignore[arg-type]
                GRAPH_FORMATS[media],
            )
        else:
            media = negotiate(accept, list(RESULT_FORMATS), "application/sparql-results+json")
            if media is None:
                raise HTTPException(
                    406, f"cannot answer results as {accept}; try application/sparql-results+json"
                )
            if isinstance(result, ox.QuerySolutions):
                body = serialize_solutions(result, RESULT_FORMATS[media], settings.max_rows)
            else:
                assert isinstance(result, ox.QueryBoolean)
                body = result.serialize(format=RESULT_FORMATS[media]) or b""
    except TooManyRows as error:
        too_many = str(error)
    finally:
        del result
    if too_many is not None:
        raise HTTPException(400, too_many)
    return Response(body, media_type=media)


@router.get("/sparql", summary="SPARQL 1.1 query (GET)")
def sparql_get(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    query: Annotated[str | None, Query()] = None,
    default_graph_uri: Annotated[list[str], Query(alias="default-graph-uri")] = [],  # noqa: B006
    named_graph_uri: Annotated[list[str], Query(alias="named-graph-uri")] = [],  # noqa: B006
    format: Annotated[str | None, Query()] = None,
) -> Response:
    if "update" in request.query_params:
        raise HTTPException(400, "this endpoint is read-only: send updates to /update")
    if len(request.query_params.getlist("query")) > 1:
        raise HTTPException(400, "give one 'query' parameter, not several")
    if query is None:
        # No query: the SPARQL 1.1 Service Description of this endpoint.
        media = negotiate(request.headers.get("accept"), list(GRAPH_FORMATS), "text/turtle")
        if media is None:
            raise HTTPException(406, "the service description is RDF; try text/turtle")
        endpoint = str(request.url.replace(query=""))
        return Response(service_description(endpoint, GRAPH_FORMATS[media]), media_type=media)
    return run_sparql(
        store, settings, query, _accept(request, format), default_graph_uri, named_graph_uri
    )


@router.post("/sparql", summary="SPARQL 1.1 query (POST form or application/sparql-query)")
async def sparql_post(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    content_type = _content_type(request)
    params = request.query_params
    default_graphs = params.getlist("default-graph-uri")
    named_graphs = params.getlist("named-graph-uri")
    if content_type == "application/sparql-query":
        if "query" in params:
            raise HTTPException(400, "the query is the body: do not also give a 'query' parameter")
        body = await request.body()
        try:
            query = body.decode("utf-8")
        except UnicodeDecodeError as error:
            raise HTTPException(400, "the query is not UTF-8") from error
    elif content_type == "application/x-www-form-urlencoded":
        form = await request.form()
        if "update" in form or "update" in params:
            raise HTTPException(400, "this endpoint is read-only: send updates to /update")
        given = [*params.getlist("query"), *form.getlist("query")]
        if len(given) != 1 or not isinstance(given[0], str):
            raise HTTPException(400, "give exactly one 'query' form field")
        query = given[0]
        default_graphs += [str(v) for v in form.getlist("default-graph-uri")]
        named_graphs += [str(v) for v in form.getlist("named-graph-uri")]
        _check_dataset_size(settings, default_graphs, named_graphs)
    else:
        raise HTTPException(
            415, "send the query as application/sparql-query or application/x-www-form-urlencoded"
        )
    accept = _accept(request, params.get("format"))
    return await run_in_threadpool(
        run_sparql, store, settings, query, accept, default_graphs, named_graphs
    )


@router.post("/update", dependencies=[Depends(require_token)], summary="SPARQL 1.1 Update")
async def update(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    """A SPARQL 1.1 Update, as application/sparql-update (with `using-graph-uri` and
    `using-named-graph-uri` in the URL) or as a form with one `update` field (and those
    parameters as fields). They give the WHERE clauses' dataset, as USING and USING NAMED
    clauses would; with an update that has its own USING or WITH, they are refused."""
    content_type = _content_type(request)
    params = request.query_params
    using = params.getlist("using-graph-uri")
    using_named = params.getlist("using-named-graph-uri")
    if content_type == "application/sparql-update":
        if "update" in params:
            raise HTTPException(
                400, "the update is the body: do not also give an 'update' parameter"
            )
        text = (await request.body()).decode("utf-8", errors="replace")
    elif content_type == "application/x-www-form-urlencoded":
        form = await request.form()
        given = [*params.getlist("update"), *form.getlist("update")]
        if not given:
            raise HTTPException(400, "missing 'update' form field")
        if len(given) > 1:
            raise HTTPException(400, "give one 'update' form field, not several")
        if not isinstance(given[0], str):
            raise HTTPException(400, "the 'update' form field must be text")
        text = given[0]
        using += [str(v) for v in form.getlist("using-graph-uri")]
        using_named += [str(v) for v in form.getlist("using-named-graph-uri")]
    else:
        raise HTTPException(415, "send application/sparql-update or a form with 'update'")
    _check_dataset_size(settings, using, using_named)
    try:
        check_update(text)
        await run_in_threadpool(partial(store.update, text, using=using, using_named=using_named))
    except ValueError as error:  # UnsafeQueryError, a DatasetConflict, a graph that is no IRI
        raise HTTPException(400, str(error)) from error
    return Response(status_code=204)


def _check_dataset_size(settings: Settings, *graphs: list[str]) -> None:
    # The URL's dataset parameters are counted by the request limits; these include a form's.
    count = sum(len(group) for group in graphs)
    if count > settings.max_dataset_graphs:
        raise HTTPException(
            400, f"{count} dataset graphs given; at most {settings.max_dataset_graphs}"
        )
