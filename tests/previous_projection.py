"""The graph projection as newsgraph built it before its exports streamed: whole, in
networkx, from queries that joined an entity's name, key, type and mentions in the union of
the article graphs (an entity in n articles made n^3 rows and more). The streamed exports are
checked against it, and the export benchmark times it.

Incidents came later: their nodes take their attributes from the events table as the streams
do (whose rows the events tests check), and their edges from plain queries over every
incident, filtered here in Python."""

from __future__ import annotations

from typing import Any

import networkx as nx

from newsgraph.graph.events_table import event_rows
from newsgraph.graph.projection import incident_attributes
from newsgraph.graph.queries import ENTITY_TYPE_NAMES, _select
from newsgraph.graph.store import GraphStore


def previous_projection(store: GraphStore) -> nx.MultiDiGraph:
    """The projection as it was built before the exports streamed: whole, in networkx (but
    for the label of an entity named in two ways)."""
    g = nx.MultiDiGraph()
    for row in _select(
        store,
        """SELECT ?entity ?name ?key ?type (COUNT(DISTINCT ?m) AS ?mentions) WHERE {
             ?entity ng:resolutionKey ?key ; schema:name ?name ; a ?type .
             OPTIONAL { ?entity gaf:denotedBy ?m }
           } GROUP BY ?entity ?name ?key ?type""",
    ):
        kind = ENTITY_TYPE_NAMES.get(row["type"])
        if kind is None:
            continue
        # It kept whichever name came last; the streams keep the least, wherever read.
        label = (
            min(row["name"], g.nodes[row["entity"]]["label"]) if row["entity"] in g else row["name"]
        )
        g.add_node(
            row["entity"], label=label, kind=kind, key=row["key"], mentions=int(row["mentions"])
        )
    for row in _select(
        store,
        """SELECT ?article ?id ?published WHERE {
             ?article a schema:NewsArticle ; schema:identifier ?id .
             OPTIONAL { ?article schema:datePublished ?published } }""",
    ):
        g.add_node(
            row["article"], label=row["id"], kind="article", published=row["published"] or ""
        )
    for row in _select(
        store, "SELECT DISTINCT ?article ?entity WHERE { ?article schema:mentions ?entity }"
    ):
        if row["article"] in g and row["entity"] in g:
            g.add_edge(row["article"], row["entity"], key="mentions", relation="mentions")
    for row in _select(
        store,
        """SELECT DISTINCT ?s ?p ?o WHERE {
             ?statement a ng:RelationStatement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }""",
    ):
        if row["s"] in g and row["o"] in g:
            relation = row["p"].rsplit("#", 1)[-1].rsplit("/", 1)[-1]
            g.add_edge(row["s"], row["o"], key=relation, relation=relation, predicate=row["p"])
    _add_incidents(g, store)
    return g


def _add_incidents(g: nx.MultiDiGraph, store: GraphStore) -> None:
    incidents = [row["i"] for row in _select(store, "SELECT ?i WHERE { ?i a sem:Event }")]
    for row in event_rows(store, incidents, whole=False):
        g.add_node(row["iri"], **incident_attributes(row))
    for row in _select(
        store, "SELECT ?i ?article WHERE { ?i a sem:Event ; prov:wasDerivedFrom ?article }"
    ):
        if row["article"] in g and row["i"] in g:
            g.add_edge(row["article"], row["i"], key="reports", relation="reports")
    roles = _select(store, "SELECT ?i ?p ?o WHERE { ?i a sem:Event ; ?p ?o }")
    moved = {
        (r["i"], r["o"]) for r in roles if r["p"].endswith(("#origin", "#destination", "#place"))
    }
    for row in roles:
        if row["o"] not in g or g.nodes[row["o"]].get("kind") in ("incident", "article"):
            continue
        prefix, _, role = row["p"].rpartition("#")
        if row["p"] == "http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace":
            if (row["i"], row["o"]) in moved:
                continue
            role = "place"  # a place it names; ng:place (its predicate) is where it happened
        elif prefix != "https://w3id.org/newsgraph/ontology":
            continue
        g.add_edge(row["i"], row["o"], key=role, relation=role, predicate=row["p"])


def previous_cytoscape(g: nx.MultiDiGraph) -> dict[str, Any]:
    """What the Cytoscape exporter wrote before it streamed."""
    nodes = [
        {"data": {"id": node, "name": attrs.get("label", node), "value": node, **attrs}}
        for node, attrs in g.nodes(data=True)
    ]
    edges = [
        {"data": {"id": f"e{index}", "source": source, "target": target, "key": key, **attrs}}
        for index, (source, target, key, attrs) in enumerate(g.edges(keys=True, data=True))
    ]
    return {
        "data": [],
        "directed": True,
        "multigraph": True,
        "elements": {"nodes": nodes, "edges": edges},
    }
