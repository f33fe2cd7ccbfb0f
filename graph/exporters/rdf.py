"""RDF serializations of the whole store, written by Oxigraph itself."""

from typing import BinaryIO

import pyoxigraph as ox

from newsgraph.graph.projection import Subgraph
from newsgraph.graph.remote import RemoteSparqlStore
from newsgraph.graph.store import GraphStore, OxigraphStore, serialize_graph


def _dump(store: GraphStore, stream: BinaryIO, format: ox.RdfFormat, union: bool) -> None:
    if isinstance(store, RemoteSparqlStore):
        # Read graph by graph: a server caps result rows and may hold graphs of its own.
        store.write_rdf(stream, format, union=union)
        return
    if not isinstance(store, OxigraphStore):
        raise TypeError("RDF export needs an Oxigraph store or a remote SPARQL store")
    if union:
        # Triple formats carry no graph names: write the union of the article graphs.
        triples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        stream.write(serialize_graph(triples, format))
    else:
        store.oxigraph.dump(stream, format=format)


def _whole_only(subgraph: Subgraph | None) -> None:
    if subgraph is not None and subgraph != Subgraph():
        raise ValueError("RDF exports cover the whole graph; use SPARQL CONSTRUCT for a part")


def write_turtle(store: GraphStore, stream: BinaryIO, subgraph: Subgraph | None = None) -> None:
    _whole_only(subgraph)
    _dump(store, stream, ox.RdfFormat.TURTLE, union=True)


def write_trig(store: GraphStore, stream: BinaryIO, subgraph: Subgraph | None = None) -> None:
    _whole_only(subgraph)
    _dump(store, stream, ox.RdfFormat.TRIG, union=False)


def write_nquads(store: GraphStore, stream: BinaryIO, subgraph: Subgraph | None = None) -> None:
    _whole_only(subgraph)
    _dump(store, stream, ox.RdfFormat.N_QUADS, union=False)


def write_jsonld(store: GraphStore, stream: BinaryIO, subgraph: Subgraph | None = None) -> None:
    _whole_only(subgraph)
    _dump(store, stream, ox.RdfFormat.JSON_LD, union=False)
