"""D3 node-link JSON (`{"nodes": [...], "links": [...]}`), as networkx reads it back."""

import json
from typing import BinaryIO

import networkx as nx

from graph.projection import Subgraph, project
from graph.store import GraphStore


def write(store: GraphStore, stream: BinaryIO, subgraph: Subgraph | None = None) -> None:
    data = nx.node_link_data(project(store, subgraph), edges="links")
    stream.write(json.dumps(data).encode("utf-8"))
