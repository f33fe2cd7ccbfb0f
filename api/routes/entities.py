"""Entities: search by name, one entity with its relations, its neighbourhood, and paths
between two."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from newsgraph.api import models
from newsgraph.api.dependencies import LookupsDep, StoreDep
from newsgraph.graph import queries

router = APIRouter()


@router.get("/entities", response_model=models.EntitySearch)
def entities(
    store: StoreDep,
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


def _entity_iri(lookups: LookupsDep, entity_type: str, slug: str) -> str:
    try:
        return lookups.entity_iri(entity_type, slug)
    except ValueError as error:
        raise HTTPException(404, str(error)) from error


@router.get("/entities/{entity_type}/{slug}", response_model=models.EntityDetail)
def entity(lookups: LookupsDep, entity_type: str, slug: str) -> dict[str, Any]:
    try:
        found = lookups.entity(entity_type, slug)
    except ValueError as error:
        raise HTTPException(404, str(error)) from error
    if found is None:
        raise HTTPException(404, f"no entity {entity_type}/{slug}")
    return found


@router.get("/entities/{entity_type}/{slug}/neighbors", response_model=models.Neighbourhood)
def neighbors(
    store: StoreDep,
    lookups: LookupsDep,
    entity_type: str,
    slug: str,
    depth: Annotated[int, Query(ge=0, le=4)] = 1,
) -> dict[str, Any]:
    iri = _entity_iri(lookups, entity_type, slug)
    if queries.entity_by_key(store, iri) is None:
        raise HTTPException(404, f"no entity {entity_type}/{slug}")
    nodes, edges = queries.neighbourhood(store, iri, depth)
    return {
        "nodes": sorted(nodes),
        "edges": [{"source": s, "predicate": p, "target": o} for s, p, o in edges],
    }


@router.get("/paths", response_model=models.Paths)
def find_paths(
    store: StoreDep,
    lookups: LookupsDep,
    source: Annotated[str, Query(alias="from", description="entity id, e.g. person/rifi")],
    target: Annotated[str, Query(alias="to")],
    max_length: Annotated[int, Query(ge=1, le=6)] = 4,
) -> dict[str, Any]:
    try:
        start, end = lookups.iris.entity_id(source), lookups.iris.entity_id(target)
    except ValueError as error:
        raise HTTPException(404, str(error)) from error
    found = queries.paths(store, start, end, max_length=max_length)
    return {
        "paths": [
            [{"source": s, "predicate": p, "target": o} for s, p, o in path] for path in found
        ]
    }
