"""The events table (graph/events_table.py) as RFC 4180 CSV or JSON Lines: one row per
incident of the (part of the) graph, written a batch of incidents at a time as read from the
store."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from newsgraph.graph.events_table import COLUMNS, LIST_COLUMNS, batched, event_rows
from newsgraph.graph.exporters.sink import TextSink
from newsgraph.graph.projection import Subgraph, open_projection
from newsgraph.graph.store import GraphStore

# What joins the values of a column that holds several (places, the fillers of a role).
LIST_SEPARATOR = "; "


def rows(store: GraphStore, subgraph: Subgraph | None = None) -> Iterator[dict[str, Any]]:
    """The table's rows for the incident nodes of the (part of the) graph."""
    with open_projection(store, subgraph) as graph:
        for batch in batched(graph.incidents()):
            yield from event_rows(store, batch)


def _cell(column: str, value: Any) -> str:
    if value is None:
        return ""
    if column in LIST_COLUMNS:
        return LIST_SEPARATOR.join(value)
    return str(value)


def write_csv(store: GraphStore, stream: BinaryIO, subgraph: Subgraph | None = None) -> None:
    out = TextSink(stream)
    # RFC 4180: CRLF after every record, the last one included, and no empty record after it.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows(store, subgraph):
        writer.writerow([_cell(column, row[column]) for column in COLUMNS])
    out.flush()


def write_jsonl(store: GraphStore, stream: BinaryIO, subgraph: Subgraph | None = None) -> None:
    out = TextSink(stream)
    for row in rows(store, subgraph):
        out.write(json.dumps({column: row[column] for column in COLUMNS}, ensure_ascii=False))
        out.write("\n")
    out.flush()
