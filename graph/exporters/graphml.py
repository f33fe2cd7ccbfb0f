"""GraphML, for Gephi, yEd and networkx: written node by node and edge by edge as read from
the store, in the form networkx's `generate_graphml` gives the same graph."""

from typing import BinaryIO

from newsgraph.graph.exporters.sink import TextSink, xml_attr, xml_text
from newsgraph.graph.projection import INCIDENT_ATTRIBUTE_TYPES, Subgraph, open_projection
from newsgraph.graph.store import GraphStore

# Every attribute a node or an edge of the projection may have, declared before the first
# node since the writer does not hold the graph to find them (a key no element uses is
# allowed). Types are networkx's names for Python's str, int and float.
_NODE_KEYS = {"label": "string", "kind": "string", "key": "string", "mentions": "long"}
_NODE_KEYS |= {"published": "string"}
_NODE_KEYS |= INCIDENT_ATTRIBUTE_TYPES
_EDGE_KEYS = {"relation": "string", "predicate": "string"}
_IDS = {("node", name): f"d{index}" for index, name in enumerate([*_NODE_KEYS])} | {
    ("edge", name): f"d{index + len(_NODE_KEYS)}" for index, name in enumerate(_EDGE_KEYS)
}

_HEADER = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
    ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)


def _data(scope: str, attrs: dict[str, str] | dict[str, str | int | float]) -> str:
    return "".join(
        f'      <data key="{_IDS[scope, name]}">{xml_text(value)}</data>\n'
        for name, value in attrs.items()
    )


def write(store: GraphStore, stream: BinaryIO, subgraph: Subgraph | None = None) -> None:
    out = TextSink(stream)
    out.write(_HEADER)
    for scope, keys in (("node", _NODE_KEYS), ("edge", _EDGE_KEYS)):
        for name, kind in keys.items():
            out.write(
                f'  <key id="{_IDS[scope, name]}" for="{scope}" attr.name="{name}"'
                f' attr.type="{kind}" />\n'
            )
    out.write('  <graph edgedefault="directed">\n')
    with open_projection(store, subgraph) as graph:
        for node, attrs in graph.nodes():
            out.write(f'    <node id="{xml_attr(node)}">\n{_data("node", attrs)}    </node>\n')
        for edge in graph.edges():
            # networkx reads an edge's id back as its key in a multigraph.
            out.write(
                f'    <edge source="{xml_attr(edge.source)}" target="{xml_attr(edge.target)}"'
                f' id="{xml_attr(edge.key)}">\n{_data("edge", edge.attrs)}    </edge>\n'
            )
    out.write("  </graph>\n</graphml>\n")
    out.flush()
