"""GEXF 1.2, Gephi's own format: written node by node and edge by edge as read from the
store, in the form networkx's `generate_gexf` gives the same graph."""

from datetime import UTC, datetime
from typing import BinaryIO

from newsgraph.graph.exporters.sink import TextSink, xml_attr
from newsgraph.graph.projection import INCIDENT_ATTRIBUTE_TYPES, Subgraph, open_projection
from newsgraph.graph.store import GraphStore

# Every attribute the projection's nodes and edges may have, declared up front (the writer
# does not hold the graph to find them). A node's label is the element's own `label`;
# networkx names its edge keys, and any other `key`, `networkx_key`.
_NODE_ATTRIBUTES = {"kind": "string", "key": "string", "mentions": "long", "published": "string"}
_NODE_ATTRIBUTES |= INCIDENT_ATTRIBUTE_TYPES
_EDGE_ATTRIBUTES = {"relation": "string", "key": "string", "predicate": "string"}
_IDS = {("node", name): str(index) for index, name in enumerate(_NODE_ATTRIBUTES)} | {
    ("edge", name): str(index + len(_NODE_ATTRIBUTES))
    for index, name in enumerate(_EDGE_ATTRIBUTES)
}


def _title(name: str) -> str:
    return "networkx_key" if name == "key" else name


def _declarations(scope: str, attributes: dict[str, str]) -> str:
    lines = "".join(
        f'      <attribute id="{_IDS[scope, name]}" title="{_title(name)}" type="{kind}" />\n'
        for name, kind in attributes.items()
    )
    return f'    <attributes mode="static" class="{scope}">\n{lines}    </attributes>\n'


def _values(scope: str, attrs: dict[str, str] | dict[str, str | int | float]) -> str:
    values = "".join(
        f'          <attvalue for="{_IDS[scope, name]}" value="{xml_attr(value)}" />\n'
        for name, value in attrs.items()
    )
    return f"        <attvalues>\n{values}        </attvalues>\n" if values else ""


def write(store: GraphStore, stream: BinaryIO, subgraph: Subgraph | None = None) -> None:
    out = TextSink(stream)
    today = datetime.now(UTC).date().isoformat()
    out.write(
        "<?xml version='1.0' encoding='utf-8'?>\n"
        '<gexf xmlns="http://www.gexf.net/1.2draft"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd"'
        ' version="1.2">\n'
        f'  <meta lastmodifieddate="{today}">\n    <creator>newsgraph</creator>\n  </meta>\n'
        '  <graph defaultedgetype="directed" mode="static" name="">\n'
        + _declarations("edge", _EDGE_ATTRIBUTES)
        + _declarations("node", _NODE_ATTRIBUTES)
        + "    <nodes>\n"
    )
    with open_projection(store, subgraph) as graph:
        for node, attrs in graph.nodes():
            rest = {name: value for name, value in attrs.items() if name != "label"}
            out.write(
                f'      <node id="{xml_attr(node)}" label="{xml_attr(attrs.get("label", node))}">\n'
                f"{_values('node', rest)}      </node>\n"
            )
        out.write("    </nodes>\n    <edges>\n")
        for number, edge in enumerate(graph.edges()):
            out.write(
                f'      <edge source="{xml_attr(edge.source)}" target="{xml_attr(edge.target)}"'
                f' id="{number}">\n{_values("edge", {**edge.attrs, "key": edge.key})}'
                "      </edge>\n"
            )
    out.write("    </edges>\n  </graph>\n</gexf>\n")
    out.flush()
