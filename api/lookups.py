"""The lookups the JSON routes and the pages share: ids as people write them (`place/lebanon`,
an article id, incident filters) turned into IRIs and answered by the graph's queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from newsgraph.graph import queries
from newsgraph.graph.events_table import batched, event_rows
from newsgraph.graph.merge import merged_iri
from newsgraph.graph.store import GraphStore
from newsgraph.graph.vocab import IRIs

# The article part of a merged incident's id (`merged/KEY`).
MERGED_PREFIX = "merged"


@dataclass(frozen=True)
class IncidentFilter:
    """Which incidents to list: by type, place (or any place inside it), actor in any role,
    and time span."""

    type: str | None = None
    place: str | None = None  # an entity id, e.g. place/lebanon
    actor: str | None = None  # an entity id
    since: date | None = None
    until: date | None = None
    # Only incidents of this modality (asserted, alleged, planned, ...); None for all.
    modality: str | None = None
    # An incident several articles report as one row, its merged incident (graph/merge.py).
    merged: bool = True


class Lookups:
    """Entities, incidents and articles by their ids, over one store and one IRI base."""

    def __init__(self, store: GraphStore, iris: IRIs) -> None:
        self.store = store
        self.iris = iris

    def entity_iri(self, entity_type: str, slug: str) -> str:
        """The IRI of the entity `entity_type/slug`; ValueError for a type no entity has."""
        return self.iris.entity_id(f"{entity_type}/{slug}")

    def entity(self, entity_type: str, slug: str) -> dict[str, Any] | None:
        """An entity with its relations, or None when the graph has none by that id;
        ValueError for a type no entity has."""
        return queries.entity_detail(self.store, self.entity_iri(entity_type, slug))

    def incidents(
        self,
        where: IncidentFilter,
        *,
        limit: int | None,
        offset: int = 0,
        sort: str | None = None,
    ) -> list[dict[str, Any]]:
        """Incidents that pass the filter, in time order or sorted by `sort` (one of
        `queries.INCIDENT_SORTS`: date, type or place, "-" first for descending), `limit`
        from `offset`, each with the columns of the events table; ValueError for an unknown
        incident type or sort, or a malformed entity id."""
        found = queries.find_incidents(
            self.store,
            incident_type=where.type or None,
            place=self.iris.entity_id(where.place) if where.place else None,
            actor=self.iris.entity_id(where.actor) if where.actor else None,
            since=where.since.isoformat() if where.since else None,
            until=where.until.isoformat() if where.until else None,
            limit=limit,
            offset=offset,
            sort=sort,
            merged=where.merged,
            modality=where.modality or None,
        )
        return self._with_columns(found)

    def incident(self, article_id: str, local_id: str) -> dict[str, Any] | None:
        """An article's incident, or, as `merged/KEY`, an incident several articles report
        with every report's counts and evidence."""
        if article_id == MERGED_PREFIX:
            merged = queries.merged_incident_detail(self.store, merged_iri(self.iris, local_id))
            if merged is not None:
                return next(iter(self._with_columns([merged])), None)
        found = queries.incident_detail(self.store, self.iris.incident(article_id, local_id))
        return None if found is None else next(iter(self._with_columns([found])), None)

    def _with_columns(self, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The incidents with the events table's columns added (those they have kept). An
        incident a write removed between the two readings (a merged incident made again under
        another key, an article replaced) is left out: it is no longer in the store."""
        rows: dict[str, dict[str, Any]] = {}
        for batch in batched([item["iri"] for item in found]):
            rows.update((row["iri"], row) for row in event_rows(self.store, batch))
        kept = []
        for item in found:
            row = rows.get(item["iri"])
            if row is None:
                continue
            item.update({column: value for column, value in row.items() if column not in item})
            kept.append(item)
        return kept

    def article(self, article_id: str) -> dict[str, Any] | None:
        """The article's text with its mentions and incident triggers, or None."""
        return queries.article_annotations(self.store, self.iris.article(article_id))
