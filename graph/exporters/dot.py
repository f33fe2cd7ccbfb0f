"""Graphviz DOT, written directly (no pydot or pygraphviz), node by node and edge by edge as
read from the store."""

import json
from typing import BinaryIO

from newsgraph.graph.exporters.sink import TextSink
from newsgraph.graph.projection import Subgraph, open_projection
from newsgraph.graph.store import GraphStore


def _quote(value: object) -> str:
    # DOT's double-quoted strings take the same escapes as JSON for quotes and backslashes.
    return json.dumps(str(value), ensure_ascii=False)


def _attributes(attrs: dict[str, str] | dict[str, str | int | float]) -> str:
    return ", ".join(f"{key}={_quote(value)}" for key, value in attrs.items())


def write(store: GraphStore, stream: BinaryIO, subgraph: Subgraph | None = None) -> None:
    out = TextSink(stream)
    out.write("digraph newsgraph {\n")
    with open_projection(store, subgraph) as graph:
        for node, attrs in graph.nodes():
            out.write(f"  {_quote(node)} [{_attributes(attrs)}];\n")
        for edge in graph.edges():
            out.write(
                f"  {_quote(edge.source)} -> {_quote(edge.target)} [{_attributes(edge.attrs)}];\n"
            )
    out.write("}\n")
    out.flush()
