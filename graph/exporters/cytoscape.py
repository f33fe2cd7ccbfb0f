"""Cytoscape.js JSON (`{"elements": {"nodes": [...], "edges": [...]}}`), as networkx reads it:
written element by element as read from the store, the same text `json.dumps` gives the
whole document."""

import json
from typing import BinaryIO

from newsgraph.graph.exporters.sink import TextSink
from newsgraph.graph.projection import Subgraph, open_projection
from newsgraph.graph.store import GraphStore


def write(store: GraphStore, stream: BinaryIO, subgraph: Subgraph | None = None) -> None:
    out = TextSink(stream)
    out.write('{"data": [], "directed": true, "multigraph": true, "elements": {"nodes": [')
    with open_projection(store, subgraph) as graph:
        for index, (node, attrs) in enumerate(graph.nodes()):
            # `name` and `value` are what networkx's cytoscape reader keys nodes on.
            data = {"id": node, "name": attrs.get("label", node), "value": node, **attrs}
            out.write((", " if index else "") + json.dumps({"data": data}))
        out.write('], "edges": [')
        for index, edge in enumerate(graph.edges()):
            data = {
                "id": f"e{index}",
                "source": edge.source,
                "target": edge.target,
                "key": edge.key,
                **edge.attrs,
            }
            out.write((", " if index else "") + json.dumps({"data": data}))
    out.write("]}}")
    out.flush()
