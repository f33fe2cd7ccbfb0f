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
    # The columns of the events table (`newsgraph export --format events-csv`), as the README's
    # "Events table" documents them; lists where the CSV joins values with "; ".
    id: str = Field(description="the article's id, a slash, the incident's local id")
    acled: list[str] = Field(description="ACLED event / sub-event types it matches closely")
    acled_related: list[str]
    cameo: list[str]
    cameo_related: list[str]
    plover: list[str]
    plover_related: list[str]
    date: str | None = Field(description="ISO date: the first day of its time span")
    time_precision: str | None
    place: str | None
    place_id: str | None
    geonames_id: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: str | None
    country_code: str | None
    actor1: str | None = Field(
        description="ACLED's actor 1: attacker, else agent, else participant"
    )
    actor1_id: str | None
    actor2: str | None = Field(
        description="ACLED's actor 2: target, else detainee, else another participant, else victim"
    )
    actor2_id: str | None
    attacker: list[str]
    target: list[str]
    victim: list[str]
    agent: list[str]
    detainee: list[str]
    participant: list[str]
    instrument: list[str]
    artifact: list[str]
    vehicle: list[str]
    origin: list[str]
    destination: list[str]
    attacker_count: int | None
    attacker_count_qualifier: str | None
    target_count: int | None
    target_count_qualifier: str | None
    victim_count: int | None
    victim_count_qualifier: str | None
    agent_count: int | None
    agent_count_qualifier: str | None
    detainee_count: int | None
    detainee_count_qualifier: str | None
    participant_count: int | None
    participant_count_qualifier: str | None
    instrument_count: int | None
    instrument_count_qualifier: str | None
    artifact_count: int | None
    artifact_count_qualifier: str | None
    vehicle_count: int | None
    vehicle_count_qualifier: str | None
    attribution: str | None
    articles: int
    first_reported: str | None
    last_reported: str | None
    trigger: list[str]
    evidence_sentence: str | None = Field(description="the sentence of its first trigger")
    # The cross-article merge (graph/merge.py).
    sources: int | None = Field(
        default=None, description="how many outlets report it (GDELT's NumSources)"
    )
    merged_into: str | None = Field(
        default=None, description="the merged incident (merged/KEY) this article's incident is in"
    )
    reports: list[str] = Field(
        default=[], description="of a merged incident: the articles' incidents it stands for"
    )
    count_ranges: list[str] = Field(
        default=[], description="of a merged incident: each count's range, 'victim 30-34'"
    )
    counts_reported: list[str] = Field(
        default=[], description="of a merged incident: every count with the article giving it"
    )


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


class IncidentReport(BaseModel):
    """One article's report of a merged incident: its own incident, counts and evidence."""

    article: str
    incident: str
    counts: list[IncidentCount]
    evidence: list[IncidentEvidence]


class IncidentDetail(IncidentSummary):
    roles: list[IncidentRole]
    counts: list[IncidentCount]
    evidence: list[IncidentEvidence]
    by_article: list[IncidentReport] = Field(
        default=[], description="of a merged incident: each article's report with its evidence"
    )


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
