"""Articles: the list, one article with its mentions and triggers, and (with the write token)
adding, replacing and deleting them."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from spacy.language import Language
from starlette.concurrency import run_in_threadpool

from newsgraph.api import models
from newsgraph.api.dependencies import (
    LookupsDep,
    NlpLoaderDep,
    SettingsDep,
    StoreDep,
    require_token,
)
from newsgraph.api.settings import Settings
from newsgraph.extract.article import Article, ArticleError, article_from_record
from newsgraph.graph import queries
from newsgraph.graph.ingest import IngestError, IngestResult, delete_article, ingest
from newsgraph.graph.store import GraphStore, StoreError

router = APIRouter()


@router.get("/articles", response_model=models.ArticleList)
def articles(store: StoreDep) -> dict[str, Any]:
    return {"results": queries.list_articles(store)}


@router.get("/articles/{article_id:path}", response_model=models.ArticleAnnotations)
def article(lookups: LookupsDep, article_id: str) -> dict[str, Any]:
    found = lookups.article(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return found


@router.post(
    "/articles",
    status_code=201,
    dependencies=[Depends(require_token)],
    response_model=models.IngestResults,
)
async def add_article(
    request: Request, settings: SettingsDep, store: StoreDep, nlp_loader: NlpLoaderDep
) -> dict[str, Any]:
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
    return await run_in_threadpool(_ingest, store, settings, nlp_loader, new)


def _ingest(
    store: GraphStore, settings: Settings, nlp_loader: Callable[[], Language], new: list[Article]
) -> dict[str, Any]:
    """The ingest use case on the posted articles, each one's outcome with its extraction."""
    outcomes: list[IngestResult | IngestError] = []
    ingest(
        store,
        new,
        settings.ingest_options(),
        nlp=nlp_loader,
        keep_extractions=True,
        on_result=outcomes.append,
        on_error=outcomes.append,
    )
    results: list[dict[str, Any]] = []
    for outcome in outcomes:
        if isinstance(outcome, IngestError):
            results.append(
                {
                    "id": outcome.article_id,
                    "status": "failed",
                    "error": outcome.message,
                    "extraction": None,
                }
            )
        else:
            assert outcome.extraction is not None
            results.append(
                {
                    "id": outcome.article_id,
                    "status": outcome.status.value,
                    "extraction": outcome.extraction.to_json(),
                }
            )
    return {"results": results}


@router.delete(
    "/articles/{article_id:path}",
    dependencies=[Depends(require_token)],
    response_model=models.Deleted,
)
def delete(store: StoreDep, lookups: LookupsDep, article_id: str) -> dict[str, Any]:
    try:
        removed = delete_article(store, article_id, lookups.iris)
    except StoreError as error:
        raise HTTPException(503, str(error)) from error
    if not removed:
        raise HTTPException(404, f"no article {article_id!r}")
    return {"id": article_id, "deleted": True}
