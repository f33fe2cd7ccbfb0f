"""Graphviz DOT, written directly so no pydot or pygraphviz is needed."""

import json
from typing import BinaryIO

from graph.projection import Subgraph, project
from graph.store import GraphStore


def _quote(value: object) -> str:
    # DOT's double-quoted strings take the same escapes as JSON for quotes and backslashes.
    return json.dumps(str(value), ensure_ascii=False)


def write(store: GraphStore, stream: BinaryIO, subgraph: Subgraph | None = None) -> None:
    g = project(store, subgraph)
    stream.write(b"digraph newsgraph {\n")
    for node, attrs in g.nodes(data=True):
        attributes = ", ".join(f"{key}={_quote(value)}" for key, value in attrs.items())
        stream.write(f"  {_quote(node)} [{attributes}];\n".encode())
    for source, target, attrs in g.edges(data=True):
        attributes = ", ".join(f"{key}={_quote(value)}" for key, value in attrs.items())
        stream.write(f"  {_quote(source)} -> {_quote(target)} [{attributes}];\n".encode())
    stream.write(b"}\n")
