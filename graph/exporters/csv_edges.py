"""CSV edge list: source, target, relation, with the labels of both ends."""

import csv
import io
from typing import BinaryIO

from graph.projection import Subgraph, project
from graph.store import GraphStore


def write(store: GraphStore, stream: BinaryIO, subgraph: Subgraph | None = None) -> None:
    g = project(store, subgraph)
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text)
    writer.writerow(["source", "target", "relation", "source_label", "target_label"])
    for source, target, attrs in g.edges(data=True):
        writer.writerow(
            [
                source,
                target,
                attrs.get("relation", ""),
                g.nodes[source].get("label", ""),
                g.nodes[target].get("label", ""),
            ]
        )
    text.detach()
