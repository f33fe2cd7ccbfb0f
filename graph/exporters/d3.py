"""D3 node-link JSON (`{"nodes": [...], "links": [...]}`), as networkx reads it back: written
node by node and link by link as read from the store, the same text `json.dumps` gives
networkx's `node_link_data` of the whole graph."""

import json
from typing import BinaryIO

from newsgraph.graph.exporters.sink import TextSink
from newsgraph.graph.projection import Subgraph, open_projection
from newsgraph.graph.store import GraphStore


def write(store: GraphStore, stream: BinaryIO, subgraph: Subgraph | None = None) -> None:
    out = TextSink(stream)
    out.write('{"directed": true, "multigraph": true, "graph": {}, "nodes": [')
    with open_projection(store, subgraph) as graph:
        for index, (node, attrs) in enumerate(graph.nodes()):
            out.write((", " if index else "") + json.dumps({**attrs, "id": node}))
        out.write('], "links": [')
        for index, edge in enumerate(graph.edges()):
            link = {**edge.attrs, "source": edge.source, "target": edge.target, "key": edge.key}
            out.write((", " if index else "") + json.dumps(link))
    out.write("]}")
    out.flush()
