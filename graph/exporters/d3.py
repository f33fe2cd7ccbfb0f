"""D3 node-link JSON (`{"nodes": [...], "links": [...]}`), as networkx reads it back."""

import json
from typing import BinaryIO

import networkx as nx

from graph.projection import project
from graph.store import GraphStore


def write(store: GraphStore, stream: BinaryIO) -> None:
    data = nx.node_link_data(project(store), edges="links")
    stream.write(json.dumps(data).encode("utf-8"))
