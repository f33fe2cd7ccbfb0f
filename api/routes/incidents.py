"""Incidents: filtered lists, one incident with its roles and evidence, and the timeline."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from newsgraph.api import models
from newsgraph.api.dependencies import IncidentFilterDep, LookupsDep
from newsgraph.api.lookups import IncidentFilter, Lookups

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
) -> dict[str, Any]:
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
) -> dict[str, Any]:
    # Incidents come in time order already; every incident, dated ones first.
    rows = _find(lookups, IncidentFilter(type, place, actor), limit=None)
    dated = [row for row in rows if row["begin"]]
    return {"results": dated, "undated": len(rows) - len(dated)}
