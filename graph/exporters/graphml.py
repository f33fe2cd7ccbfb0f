"""GraphML, for Gephi, yEd and networkx."""

from typing import BinaryIO

import networkx as nx

from graph.projection import project
from graph.store import GraphStore


def write(store: GraphStore, stream: BinaryIO) -> None:
    for line in nx.generate_graphml(project(store)):
        stream.write(line.encode("utf-8") + b"\n")
