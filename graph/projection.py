"""The graph as networkx sees it: articles and entities as nodes, relations as edges."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import networkx as nx

from graph.queries import ENTITY_TYPE_NAMES, _select
from graph.store import GraphStore


@dataclass(frozen=True)
class Subgraph:
    """Which part of the graph to project: around an entity, by node kind, by article date."""

    focus: str | None = None
    depth: int = 1
    kinds: frozenset[str] | None = None
    since: date | None = None
    until: date | None = None

    def __post_init__(self) -> None:
        if self.depth < 0:
            raise ValueError("depth must be 0 or more")
        known = {"person", "organization", "place", "article"}
        if self.kinds is not None and not self.kinds <= known:
            raise ValueError(f"unknown kinds {sorted(self.kinds - known)}; use {sorted(known)}")


def select(g: nx.MultiDiGraph, subgraph: Subgraph) -> nx.MultiDiGraph:
    """The part of a projection a `Subgraph` asks for."""
    keep = set(g.nodes)
    if subgraph.since or subgraph.until:
        # Dated by their articles: an entity stays when an article in range mentions it.
        articles = {
            n
            for n, d in g.nodes(data=True)
            if d.get("kind") == "article"
            and d.get("published")
            and (subgraph.since is None or date.fromisoformat(d["published"]) >= subgraph.since)
            and (subgraph.until is None or date.fromisoformat(d["published"]) <= subgraph.until)
        }
        mentioned = {t for a in articles for t in g.successors(a)}
        keep = articles | mentioned
    if subgraph.kinds is not None:
        keep = {n for n in keep if g.nodes[n].get("kind") in subgraph.kinds}
    view = g.subgraph(keep)
    if subgraph.focus is not None:
        if subgraph.focus not in view:
            return nx.MultiDiGraph()
        around = nx.ego_graph(
            view.to_undirected(as_view=True), subgraph.focus, radius=subgraph.depth
        )
        view = view.subgraph(around.nodes)
    return nx.MultiDiGraph(view)


def project(store: GraphStore, subgraph: Subgraph | None = None) -> nx.MultiDiGraph:
    """A networkx multigraph of the store, with plain string and number attributes only."""
    g = _project_all(store)
    return select(g, subgraph) if subgraph is not None else g


def _project_all(store: GraphStore) -> nx.MultiDiGraph:
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
        g.add_node(
            row["entity"],
            label=row["name"],
            kind=kind,
            key=row["key"],
            mentions=int(row["mentions"]),
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
        store,
        "SELECT DISTINCT ?article ?entity WHERE { ?article schema:mentions ?entity }",
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
    return g
