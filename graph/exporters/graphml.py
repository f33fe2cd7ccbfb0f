"""GraphML, for Gephi, yEd and networkx."""

from typing import BinaryIO

import networkx as nx

from graph.projection import Subgraph, project
from graph.store import GraphStore


def write(store: GraphStore, stream: BinaryIO, subgraph: Subgraph | None = None) -> None:
    for line in nx.generate_graphml(project(store, subgraph)):
        stream.write(line.encode("utf-8") + b"\n")
