"""The JSON shapes the service answers with: typed response models for the OpenAPI schema."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Health(BaseModel):
    status: str


class Stats(BaseModel):
    articles: int
    entities: dict[str, int] = Field(description="entities by type")
    incidents: dict[str, int] = Field(description="incidents by type")
    triples: int


class EntityHit(BaseModel):
    id: str = Field(description="type/slug, the entity's resolution key")
    iri: str
    name: str
    mentions: int


class EntitySearch(BaseModel):
    results: list[EntityHit]


class EntityMention(BaseModel):
    article: str
    start: int
    end: int
    text: str


class Evidence(BaseModel):
    article: str
    start: int
    end: int
    text: str
    confidence: float


class EntityRelation(BaseModel):
    direction: str = Field(description="out: the entity is the subject; in: the object")
    predicate: str
    type: str
    other: str
    other_name: str | None
    evidence: list[Evidence]


class EntityIncident(BaseModel):
    iri: str
    type: str
    role: str


class EntityDetail(BaseModel):
    iri: str
    key: str
    name: str
    types: list[str]
    alternate_names: list[str]
    properties: dict[str, Any] = Field(
        description="title, description, subtype, latitude, longitude, country_code"
    )
    links: dict[str, str] = Field(description="external ids, e.g. geonames")
    mention_counts: dict[str, int] = Field(description="mentions per article")
    mentions: list[EntityMention]
    incidents: list[EntityIncident]
    relations: list[EntityRelation]


class Edge(BaseModel):
    source: str
    predicate: str
    target: str


class Neighbourhood(BaseModel):
    nodes: list[str]
    edges: list[Edge]


class Paths(BaseModel):
    paths: list[list[Edge]]


class IncidentSummary(BaseModel):
    iri: str
    type: str
    modality: str
    confidence: float
    article: str
    places: list[str]
    site: str | None
    time: str | None
    precision: str | None
    begin: str | None
    end: str | None


class IncidentList(BaseModel):
    results: list[IncidentSummary]


class IncidentRole(BaseModel):
    role: str
    iri: str
    name: str


class IncidentCount(BaseModel):
    of: str
    quantity: int
    qualifier: str
    text: str


class IncidentEvidence(BaseModel):
    start: int
    end: int
    text: str
    sentence: str | None


class IncidentDetail(IncidentSummary):
    roles: list[IncidentRole]
    counts: list[IncidentCount]
    evidence: list[IncidentEvidence]
    attribution: str | None


class Timeline(BaseModel):
    results: list[IncidentSummary]
    undated: int


class ArticleSummary(BaseModel):
    article: str
    id: str
    published: str | None
    headline: str | None
    hash: str


class ArticleList(BaseModel):
    results: list[ArticleSummary]


class MentionSpan(BaseModel):
    start: int
    end: int
    entity: str
    name: str
    type: str
    kind: str


class TriggerSpan(BaseModel):
    start: int
    end: int
    incident: str
    type: str


class ArticleAnnotations(BaseModel):
    iri: str
    id: str
    published: str | None
    headline: str | None
    url: str | None
    text: str
    mentions: list[MentionSpan]
    triggers: list[TriggerSpan]


class IngestOutcome(BaseModel):
    id: str
    status: str = Field(
        description="added, replaced or unchanged; failed when the article could not be "
        "extracted (the others are stored all the same)"
    )
    extraction: dict[str, Any] | None = Field(
        description="what `newsgraph extract` prints; null for a failed article"
    )
    error: str | None = Field(default=None, description="why a failed article failed")


class IngestResults(BaseModel):
    results: list[IngestOutcome]


class Deleted(BaseModel):
    id: str
    deleted: bool
