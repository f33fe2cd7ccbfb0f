"""The graph, whole or a part of it, in a format for visualization tools or as RDF."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response, StreamingResponse

from newsgraph.api.dependencies import LookupsDep, StoreDep
from newsgraph.api.streaming import stream_writer
from newsgraph.graph.exporters import EXPORTERS, RDF_EXPORTS, export
from newsgraph.graph.projection import Subgraph, focus_iri

router = APIRouter()


@router.get("/export")
def export_graph(
    store: StoreDep,
    lookups: LookupsDep,
    format: str = "graphml",
    focus: Annotated[
        str | None,
        Query(
            description="entity or incident id to center on, e.g. person/rifi or "
            "incident/ARTICLE/armed_clash-1863"
        ),
    ] = None,
    depth: Annotated[int, Query(ge=0, le=6)] = 1,
    type: Annotated[
        list[str] | None,
        Query(description="node kinds to keep: person, organization, place, article, incident"),
    ] = None,
    incident_type: Annotated[
        list[str] | None, Query(description="incident types to keep, e.g. armed_clash")
    ] = None,
    since: Annotated[
        date | None, Query(description="from this date (incidents by their time)")
    ] = None,
    until: Annotated[
        date | None, Query(description="up to this date (incidents by their time)")
    ] = None,
) -> Response:
    if format not in EXPORTERS:
        raise HTTPException(400, f"unknown format {format!r}; choose one of {sorted(EXPORTERS)}")
    try:
        subgraph = Subgraph(
            focus=focus_iri(lookups.iris, focus) if focus else None,
            depth=depth,
            kinds=frozenset(type) if type else None,
            since=since,
            until=until,
            incident_types=frozenset(incident_type) if incident_type else None,
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
