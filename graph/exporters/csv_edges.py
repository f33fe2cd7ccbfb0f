"""CSV edge list: source, target, relation, with the labels of both ends, written row by row
as read from the store."""

import csv
from typing import BinaryIO

from newsgraph.graph.exporters.sink import TextSink
from newsgraph.graph.projection import Subgraph, open_projection
from newsgraph.graph.store import GraphStore


def write(store: GraphStore, stream: BinaryIO, subgraph: Subgraph | None = None) -> None:
    out = TextSink(stream)
    writer = csv.writer(out)
    writer.writerow(["source", "target", "relation", "source_label", "target_label"])
    with open_projection(store, subgraph) as graph:
        for edge in graph.edges(labels=True):
            writer.writerow(
                [
                    edge.source,
                    edge.target,
                    edge.attrs.get("relation", ""),
                    edge.source_label,
                    edge.target_label,
                ]
            )
    out.flush()
