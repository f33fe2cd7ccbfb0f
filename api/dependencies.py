"""What a route takes from the app it runs in (the settings, store, lookups and spaCy pipeline
that `create_app` sets), and the write token check."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from datetime import date
from typing import Annotated, cast

from fastapi import Depends, Header, HTTPException, Query, Request
from spacy.language import Language

from newsgraph.api.lookups import IncidentFilter, Lookups
from newsgraph.api.settings import Settings
from newsgraph.graph.store import GraphStore

# Coroutines, so that resolving them costs no trip through the thread pool.


async def _settings(request: Request) -> Settings:
    return cast(Settings, request.app.state.settings)


async def _store(request: Request) -> GraphStore:
    return cast(GraphStore, request.app.state.store)


async def _lookups(request: Request) -> Lookups:
    return cast(Lookups, request.app.state.lookups)


async def _nlp_loader(request: Request) -> Callable[[], Language]:
    return cast(Callable[[], Language], request.app.state.nlp_loader)


SettingsDep = Annotated[Settings, Depends(_settings)]
StoreDep = Annotated[GraphStore, Depends(_store)]
LookupsDep = Annotated[Lookups, Depends(_lookups)]
NlpLoaderDep = Annotated[Callable[[], Language], Depends(_nlp_loader)]


async def _incident_filter(
    type: str | None = None,
    place: Annotated[str | None, Query(description="place entity id, e.g. place/lebanon")] = None,
    actor: Annotated[str | None, Query(description="entity id in any role")] = None,
    since: date | None = None,
    until: date | None = None,
) -> IncidentFilter:
    return IncidentFilter(type or None, place or None, actor or None, since, until)


# The incident filters the JSON routes take as query parameters (/incidents, /map).
IncidentFilterDep = Annotated[IncidentFilter, Depends(_incident_filter)]


async def require_token(
    settings: SettingsDep, authorization: Annotated[str | None, Header()] = None
) -> None:
    """Let a write through only with the server's token; none configured refuses every write."""
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
