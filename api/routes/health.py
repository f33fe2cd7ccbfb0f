"""Whether the service is up, and what the store holds."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from newsgraph.api import models
from newsgraph.api.dependencies import StoreDep
from newsgraph.graph import queries

router = APIRouter()


@router.get("/health", response_model=models.Health)
def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/stats", response_model=models.Stats)
def stats(store: StoreDep) -> dict[str, Any]:
    return queries.stats(store).to_json()
