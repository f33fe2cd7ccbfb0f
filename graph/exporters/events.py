"""The events table (graph/events_table.py) as RFC 4180 CSV or JSON Lines: one row per
incident of the (part of the) graph, written a batch of incidents at a time as read from the
store.

By default an incident several articles report is one row (its merged incident, graph/merge.py),
and only asserted incidents are written; `merged=False` gives one row per article's incident,
`modality=None` every modality."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from newsgraph.graph.events_table import (
    DEFAULT_MODALITY,
    LIST_COLUMNS,
    TABLE_COLUMNS,
    batched,
    event_rows,
    merged_of,
)
from newsgraph.graph.exporters.sink import TextSink
from newsgraph.graph.projection import Subgraph, open_projection
from newsgraph.graph.store import GraphStore

# What joins the values of a column that holds several (places, the fillers of a role).
LIST_SEPARATOR = "; "


def rows(
    store: GraphStore,
    subgraph: Subgraph | None = None,
    *,
    merged: bool | None = None,
    modality: str | None = DEFAULT_MODALITY,
) -> Iterator[dict[str, Any]]:
    """The table's rows for the incident nodes of the (part of the) graph: with `merged`, the
    merged incident in place of each of its members, once, where the first of them comes;
    with `modality`, only the rows of that modality. A subgraph's `events_merged` and
    `events_modality` say the same where the arguments are left at their defaults."""
    if subgraph is not None:
        merged = subgraph.events_merged if merged is None else merged
        if modality == DEFAULT_MODALITY:
            modality = subgraph.events_modality
    merged = True if merged is None else merged
    written: set[str] = set()
    with open_projection(store, subgraph) as graph:
        for batch in batched(graph.incidents()):
            if merged:
                into = merged_of(store, batch)
                wanted = []
                for iri in batch:
                    target = into.get(iri, iri)
                    if target not in written:
                        if target != iri:
                            written.add(target)
                        wanted.append(target)
                batch = wanted
            for row in event_rows(store, batch):
                if modality is None or row["modality"] == modality:
                    yield row


def _cell(column: str, value: Any) -> str:
    if value is None:
        return ""
    if column in LIST_COLUMNS:
        return LIST_SEPARATOR.join(value)
    return str(value)


def write_csv(
    store: GraphStore,
    stream: BinaryIO,
    subgraph: Subgraph | None = None,
    *,
    merged: bool | None = None,
    modality: str | None = DEFAULT_MODALITY,
) -> None:
    out = TextSink(stream)
    # RFC 4180: CRLF after every record, the last one included, and no empty record after it.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(TABLE_COLUMNS)
    for row in rows(store, subgraph, merged=merged, modality=modality):
        writer.writerow([_cell(column, row[column]) for column in TABLE_COLUMNS])
    out.flush()


def write_jsonl(
    store: GraphStore,
    stream: BinaryIO,
    subgraph: Subgraph | None = None,
    *,
    merged: bool | None = None,
    modality: str | None = DEFAULT_MODALITY,
) -> None:
    out = TextSink(stream)
    for row in rows(store, subgraph, merged=merged, modality=modality):
        out.write(json.dumps({column: row[column] for column in TABLE_COLUMNS}, ensure_ascii=False))
        out.write("\n")
    out.flush()
