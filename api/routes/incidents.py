"""Incidents: filtered lists, one incident with its roles and evidence, and the timeline."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from newsgraph.api import models
from newsgraph.api.dependencies import IncidentFilterDep, LookupsDep
from newsgraph.api.lookups import IncidentFilter, Lookups
from newsgraph.graph.events_table import DEFAULT_MODALITY

router = APIRouter()


def _find(
    lookups: Lookups,
    where: IncidentFilter,
    *,
    limit: int | None,
    offset: int = 0,
    sort: str | None = None,
) -> list[dict[str, Any]]:
    try:
        return lookups.incidents(where, limit=limit, offset=offset, sort=sort)
    except ValueError as error:
        raise HTTPException(400, str(error)) from error


@router.get("/incidents", response_model=models.IncidentList)
def incidents(
    lookups: LookupsDep,
    where: IncidentFilterDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
    sort: Annotated[
        str | None,
        Query(
            description="date, type or place (the incident's own place), ascending; "
            "-date, -type or -place, descending; those without the value last. "
            "Without it, in time order.",
        ),
    ] = None,
    modality: Annotated[
        str | None,
        Query(description="only incidents of this modality: asserted, alleged, planned, ..."),
    ] = None,
    merged: Annotated[
        bool,
        Query(
            description="an incident several articles report as one row (id merged/KEY); "
            "false: one row per article's incident"
        ),
    ] = True,
) -> dict[str, Any]:
    where = replace(where, modality=modality or None, merged=merged)
    return {"results": _find(lookups, where, limit=limit, offset=offset, sort=sort)}


@router.get("/incidents/{article_id:path}/{local_id}", response_model=models.IncidentDetail)
def incident(lookups: LookupsDep, article_id: str, local_id: str) -> dict[str, Any]:
    found = lookups.incident(article_id, local_id)
    if found is None:
        raise HTTPException(404, f"no incident {article_id}/{local_id}")
    return found


@router.get("/timeline", response_model=models.Timeline)
def timeline(
    lookups: LookupsDep,
    place: str | None = None,
    actor: str | None = None,
    type: str | None = None,
    modality: Annotated[
        str,
        Query(description="only incidents of this modality; 'any' for every modality"),
    ] = DEFAULT_MODALITY,
) -> dict[str, Any]:
    # Incidents come in time order already; every incident, dated ones first. Asserted ones
    # only unless asked: what was alleged, planned or foiled did not happen as told.
    where = IncidentFilter(type, place, actor, modality=None if modality == "any" else modality)
    rows = _find(lookups, where, limit=None)
    dated = [row for row in rows if row["begin"]]
    return {"results": dated, "undated": len(rows) - len(dated)}
