"""The map and timeline's JSON, `/map`, which the page `/view/map` (in `api/pages.py`) draws
with `static/map.js`: the incidents that pass the filters,
each with its coordinates, ISO week and page, and their counts by week and type."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel

from newsgraph.api.dependencies import IncidentFilterDep, LookupsDep, SettingsDep
from newsgraph.api.pages import Links
from newsgraph.graph.vocab import IRIs

router = APIRouter()


class MapIncident(BaseModel):
    id: str | None
    iri: str
    type: str
    date: str | None
    precision: str | None
    week: str | None = None  # ISO week of the incident's first day, e.g. 2007-W20
    place: str | None
    latitude: float | None
    longitude: float | None
    actor1: str | None
    actor2: str | None
    page: str | None  # the incident's page, /view/incidents/{article}/{local}


class WeekCounts(BaseModel):
    week: str
    start: str  # the Monday that begins it
    counts: dict[str, int]  # incidents by type
    total: int


class IncidentMap(BaseModel):
    results: list[MapIncident]
    weeks: list[WeekCounts]
    placed: int  # incidents with coordinates, drawn on the map
    undated: int  # incidents with no date, left off the timeline
    truncated: bool  # more incidents pass the filters than `limit`


def first_day(value: str | None) -> date | None:
    """The first day of an ISO date, year-month or year; None for anything else."""
    if not value:
        return None
    text = value[:10]
    text += {4: "-01-01", 7: "-01"}.get(len(text), "")
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def iso_week(day: date) -> tuple[str, date]:
    year, week, weekday = day.isocalendar()
    return f"{year}-W{week:02d}", date.fromordinal(day.toordinal() - weekday + 1)


@router.get("/map", response_model=IncidentMap)
def incident_map(
    request: Request,
    lookups: LookupsDep,
    settings: SettingsDep,
    where: IncidentFilterDep,
    limit: Annotated[int, Query(ge=1, le=50_000)] = 5000,
) -> dict[str, Any]:
    try:
        rows = lookups.incidents(where, limit=limit + 1)
    except ValueError as error:
        raise HTTPException(400, str(error)) from error
    truncated = len(rows) > limit
    links = Links(IRIs(settings.base_iri), str(request.scope.get("root_path", "")).rstrip("/"))
    results: list[dict[str, Any]] = []
    weeks: dict[str, dict[str, Any]] = {}
    for row in rows[:limit]:
        day = first_day(row.get("begin") or row.get("date"))
        week = None
        if day is not None:
            week, monday = iso_week(day)
            bucket = weeks.setdefault(
                week, {"week": week, "start": monday.isoformat(), "counts": {}, "total": 0}
            )
            bucket["counts"][row["type"]] = bucket["counts"].get(row["type"], 0) + 1
            bucket["total"] += 1
        results.append(
            {
                "id": row.get("id"),
                "iri": row["iri"],
                "type": row["type"],
                "date": row.get("date") or row.get("begin"),
                "precision": row.get("precision"),
                "week": week,
                "place": row.get("place"),
                "latitude": row.get("latitude"),
                "longitude": row.get("longitude"),
                "actor1": row.get("actor1"),
                "actor2": row.get("actor2"),
                "page": links.incident(row["iri"]),
            }
        )
    return {
        "results": results,
        "weeks": [weeks[key] for key in sorted(weeks)],
        "placed": sum(
            1 for r in results if r["latitude"] is not None and r["longitude"] is not None
        ),
        "undated": sum(1 for r in results if r["week"] is None),
        "truncated": truncated,
    }
