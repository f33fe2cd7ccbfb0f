"""Cytoscape.js JSON (`{"elements": {"nodes": [...], "edges": [...]}}`), as networkx reads it."""

import json
from typing import BinaryIO

from graph.projection import Subgraph, project
from graph.store import GraphStore


def write(store: GraphStore, stream: BinaryIO, subgraph: Subgraph | None = None) -> None:
    g = project(store, subgraph)
    # `name` and `value` are what networkx's cytoscape reader keys nodes on.
    nodes = [
        {"data": {"id": node, "name": attrs.get("label", node), "value": node, **attrs}}
        for node, attrs in g.nodes(data=True)
    ]
    edges = [
        {"data": {"id": f"e{index}", "source": source, "target": target, "key": key, **attrs}}
        for index, (source, target, key, attrs) in enumerate(g.edges(keys=True, data=True))
    ]
    document = {
        "data": [],
        "directed": True,
        "multigraph": True,
        "elements": {"nodes": nodes, "edges": edges},
    }
    stream.write(json.dumps(document).encode("utf-8"))
