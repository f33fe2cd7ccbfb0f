"""Exporters, one module per format, each a function `(store, stream, subgraph) -> None`."""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO

from newsgraph.graph.exporters import csv_edges, cytoscape, d3, dot, events, gexf, graphml, rdf
from newsgraph.graph.projection import Subgraph
from newsgraph.graph.store import GraphStore

Exporter = Callable[[GraphStore, BinaryIO, Subgraph | None], None]

EXPORTERS: dict[str, tuple[Exporter, str]] = {
    "graphml": (graphml.write, "application/graphml+xml"),
    "gexf": (gexf.write, "application/gexf+xml"),
    "cytoscape": (cytoscape.write, "application/json"),
    "d3": (d3.write, "application/json"),
    "dot": (dot.write, "text/vnd.graphviz"),
    "csv": (csv_edges.write, "text/csv"),
    "events-csv": (events.write_csv, "text/csv"),
    "events-jsonl": (events.write_jsonl, "application/jsonl"),
    "turtle": (rdf.write_turtle, "text/turtle"),
    "trig": (rdf.write_trig, "application/trig"),
    "nquads": (rdf.write_nquads, "application/n-quads"),
    "jsonld": (rdf.write_jsonld, "application/ld+json"),
}


RDF_EXPORTS = frozenset({"turtle", "trig", "nquads", "jsonld"})


def export(
    store: GraphStore, format: str, stream: BinaryIO, subgraph: Subgraph | None = None
) -> None:
    try:
        writer, _ = EXPORTERS[format]
    except KeyError:
        raise ValueError(
            f"unknown export format {format!r}; choose one of {', '.join(sorted(EXPORTERS))}"
        ) from None
    writer(store, stream, subgraph)
