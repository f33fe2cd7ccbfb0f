"""The graph as visualization tools see it: articles, entities and incidents as nodes;
mentions, relations, reports (article to incident) and roles (incident to the entities in its
roles, the edge keyed by the role) as edges.

`open_projection` reads it from the store as two streams, nodes then edges, which exporters
write as they arrive: the embedded store answers each SPARQL query lazily, a remote store is
read in pages, so neither the store's answer nor the graph is ever held whole. Node attributes
that need several triples (a label, a count of mentions) come from SPARQL aggregates. `project`
builds a networkx multigraph from the same streams, for a focused subgraph (which needs graph
search) and for code that wants networkx.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from types import TracebackType
from typing import Any, NamedTuple

import networkx as nx
import pyoxigraph as ox

from newsgraph.graph.events_table import ACTOR_ROLES, ROLES, batched, event_rows
from newsgraph.graph.ontology import incident_types
from newsgraph.graph.store import GraphStore, OxigraphStore
from newsgraph.graph.vocab import ENTITY_CLASSES, ENTITY_TYPES, NG, SEM, IRIs

# Rows per request to a remote store: below Virtuoso's default cap on answers (10,000).
PAGE_SIZE = 5000

NodeAttrs = dict[str, str | int | float]

KINDS = frozenset({*ENTITY_TYPES, "article", "incident"})
# The attributes an incident node may have, with their type as GraphML and GEXF name it.
INCIDENT_ATTRIBUTE_TYPES = {
    **dict.fromkeys(
        ("type", "begin", "end_date", "precision", "place", "modality", "counts", "merged_into"),
        "string",
    ),
    "confidence": "double",
}


@dataclass(frozen=True)
class Subgraph:
    """Which part of the graph to project: around an entity or an incident, by node kind, by
    incident type, by date.

    Dates: an article is in the window when it was published in it, an entity when an article
    in it mentions the entity, an incident when its time span overlaps the window (one
    without a resolved time, when an article in the window reports it).
    """

    focus: str | None = None
    depth: int = 1
    kinds: frozenset[str] | None = None
    since: date | None = None
    until: date | None = None
    incident_types: frozenset[str] | None = None
    # For the events table only (graph/exporters/events.py): the modality of the rows it keeps
    # (None: every one), and whether an incident several articles report is one row.
    events_modality: str | None = "asserted"
    events_merged: bool = True

    def __post_init__(self) -> None:
        if self.depth < 0:
            raise ValueError("depth must be 0 or more")
        if self.kinds is not None and not self.kinds <= KINDS:
            raise ValueError(f"unknown kinds {sorted(self.kinds - KINDS)}; use {sorted(KINDS)}")
        known = set(incident_types())
        if self.incident_types is not None and not self.incident_types <= known:
            raise ValueError(
                f"unknown incident types {sorted(self.incident_types - known)}; use {sorted(known)}"
            )


def focus_iri(iris: IRIs, key: str) -> str:
    """The IRI of a focus as people write it: an entity id (`person/rifi`) or an incident id
    (`incident/ARTICLE/LOCAL`, the article id as given, slashes and all)."""
    kind, _, rest = key.strip().partition("/")
    if kind == "incident":
        article, _, local = rest.rpartition("/")
        if not article or not local:
            raise ValueError(f"an incident id is incident/ARTICLE/LOCAL; not {key!r}")
        return iris.incident(article, local)
    return iris.entity_id(key)


def incident_attributes(row: dict[str, Any]) -> NodeAttrs:
    """An incident node's attributes, from its row of the events table."""
    counts = "; ".join(
        f"{role}: {' '.join(filter(None, [_qualifier(row, role), str(row[f'{role}_count'])]))}"
        for role in ACTOR_ROLES
        if row[f"{role}_count"] is not None
    )
    words = row["type"].replace("_", " ")
    attrs: NodeAttrs = {
        "label": ", ".join(filter(None, [words, row["place"], row["date"]])),
        "kind": "incident",
        "type": row["type"],
        # Not `end`: networkx reads GEXF `start` and `end` as a dynamic graph's spells.
        "begin": row["begin"] or "",
        "end_date": row["end"] or "",
        "precision": row["time_precision"] or "",
        "place": row["place"] or "",
        "modality": row["modality"] or "",
        "confidence": row["confidence"] if row["confidence"] is not None else 0.0,
        "counts": counts,
    }
    if row.get("merged_into"):
        # The incident as every article reports it (graph/merge.py), by its id (merged/KEY).
        attrs["merged_into"] = row["merged_into"]
    return attrs


def _qualifier(row: dict[str, Any], role: str) -> str:
    qualifier = row[f"{role}_count_qualifier"]
    return "" if qualifier in (None, "exactly") else str(qualifier)


class Edge(NamedTuple):
    source: str
    target: str
    key: str
    attrs: dict[str, str]
    # The labels of both ends, filled in only when asked for (`edges(labels=True)`).
    source_label: str = ""
    target_label: str = ""


def select(g: nx.MultiDiGraph, subgraph: Subgraph) -> nx.MultiDiGraph:
    """The part of a projection a `Subgraph` asks for, in memory (what the streams filter
    in SPARQL, and the focus, which they leave to networkx)."""
    keep = set(g.nodes)
    if subgraph.since or subgraph.until:
        # Dated by their articles: an entity stays when an article in range mentions it.
        articles = {
            n
            for n, d in g.nodes(data=True)
            if d.get("kind") == "article" and _in_window(subgraph, d.get("published"))
        }
        mentioned = {
            t for a in articles for t in g.successors(a) if g.nodes[t].get("kind") != "incident"
        }
        incidents = {
            n
            for n, d in g.nodes(data=True)
            if d.get("kind") == "incident" and _incident_in_window(g, n, d, subgraph)
        }
        keep = articles | mentioned | incidents
    if subgraph.kinds is not None:
        keep = {n for n in keep if g.nodes[n].get("kind") in subgraph.kinds}
    if subgraph.incident_types is not None:
        keep = {
            n
            for n in keep
            if g.nodes[n].get("kind") != "incident"
            or g.nodes[n].get("type") in subgraph.incident_types
        }
    view = g.subgraph(keep)
    if subgraph.focus is not None:
        if subgraph.focus not in view:
            return nx.MultiDiGraph()
        around = nx.ego_graph(
            view.to_undirected(as_view=True), subgraph.focus, radius=subgraph.depth
        )
        view = view.subgraph(around.nodes)
    return nx.MultiDiGraph(view)


def _in_window(subgraph: Subgraph, day: Any, last: Any = None) -> bool:
    """Whether the span from `day` to `last` (or the one day) overlaps the window."""
    if not day:
        return False
    first, last = date.fromisoformat(str(day)), date.fromisoformat(str(last or day))
    return (subgraph.since is None or last >= subgraph.since) and (
        subgraph.until is None or first <= subgraph.until
    )


def _incident_in_window(
    g: nx.MultiDiGraph, node: str, attrs: dict[str, Any], subgraph: Subgraph
) -> bool:
    if attrs.get("begin") or attrs.get("end_date"):
        return _in_window(subgraph, attrs.get("begin") or attrs["end_date"], attrs.get("end_date"))
    return any(
        _in_window(subgraph, g.nodes[a].get("published"))
        for a in g.predecessors(node)
        if g.nodes[a].get("kind") == "article"
    )


def project(store: GraphStore, subgraph: Subgraph | None = None) -> nx.MultiDiGraph:
    """A networkx multigraph of the store, with plain string and number attributes only."""
    with open_projection(store, _unfocused(subgraph)) as part:
        g = nx.MultiDiGraph()
        g.add_nodes_from(part.nodes())
        g.add_edges_from((e.source, e.target, e.key, e.attrs) for e in part.edges())
    if subgraph is None or subgraph.focus is None:
        return g
    # The streams chose the nodes already: what is left is the focus.
    return select(g, Subgraph(focus=subgraph.focus, depth=subgraph.depth))


def open_projection(store: GraphStore, subgraph: Subgraph | None = None) -> Projection:
    """The nodes and edges of (a part of) the graph, to read within a `with` block."""
    return Projection(store, subgraph)


class Projection:
    """Nodes, then edges, of a part of the graph, read as they are consumed.

    Without a focus every node and edge is streamed from the store; with one, the part is
    small and is searched in memory. Leaving the `with` block closes what is still being
    read, on the thread that opened it (pyoxigraph frees its results on that thread only).
    """

    def __init__(self, store: GraphStore, subgraph: Subgraph | None = None) -> None:
        self._store = store
        self._subgraph = subgraph or Subgraph()
        self._graph = project(store, subgraph) if self._subgraph.focus is not None else None
        self._open: list[Iterator[Any]] = []

    def __enter__(self) -> Projection:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        for iterator in self._open:
            close = getattr(iterator, "close", None)
            if close is not None:
                close()
        self._open.clear()

    def nodes(self) -> Iterator[tuple[str, NodeAttrs]]:
        """Entities (label, kind, key, mentions), then articles (label, kind, published),
        then incidents (label, kind, type, begin, end_date, precision, place, modality,
        confidence, counts)."""
        if self._graph is not None:
            return iter(list(self._graph.nodes(data=True)))
        return self._track(_nodes(self._store, _Filter(self._subgraph)))

    def incidents(self) -> Iterator[str]:
        """The IRIs of the incident nodes, as `nodes` gives them."""
        if self._graph is not None:
            g = self._graph
            return iter([n for n, kind in g.nodes(data="kind") if kind == "incident"])
        return self._track(_incidents(self._store, _Filter(self._subgraph)))

    def edges(self, *, labels: bool = False) -> Iterator[Edge]:
        """Mentions (article to entity), relations (entity to entity), reports (article to
        incident), then roles (incident to entity)."""
        if self._graph is not None:
            g = self._graph
            return iter(
                [
                    Edge(
                        s,
                        t,
                        k,
                        attrs,
                        str(g.nodes[s].get("label", "")) if labels else "",
                        str(g.nodes[t].get("label", "")) if labels else "",
                    )
                    for s, t, k, attrs in g.edges(keys=True, data=True)
                ]
            )
        return self._track(_edges(self._store, _Filter(self._subgraph), labels))

    def _track(self, iterator: Iterator[Any]) -> Iterator[Any]:
        self._open.append(iterator)
        return iterator


def _unfocused(subgraph: Subgraph | None) -> Subgraph | None:
    if subgraph is None or subgraph.focus is None:
        return subgraph
    return Subgraph(
        kinds=subgraph.kinds,
        since=subgraph.since,
        until=subgraph.until,
        incident_types=subgraph.incident_types,
    )


# The streams: one SPARQL query per kind of node and of edge.
#
# The default graph is the union of the article graphs, in which a triple that several
# articles state (an entity's name, type, key) is matched once per article. The queries never
# join two such patterns on one subject, which would multiply the matches of an entity in n
# articles by n for each: a node's properties are aggregated one per subquery, and whether a
# node is kept is asked one pattern per EXISTS.

_ENTITY_CLASSES = {kind: str(iri) for kind, iri in ENTITY_CLASSES.items()}
_ENTITY_KINDS = {iri: kind for kind, iri in _ENTITY_CLASSES.items()}


class _Filter:
    """SPARQL patterns for the nodes a `Subgraph` keeps (its focus aside).

    An article is kept when its date is in range; an entity when it is mentioned by an
    article that is (as `select` does); either only when its kind is kept.
    """

    def __init__(self, subgraph: Subgraph) -> None:
        self.subgraph = subgraph
        kinds = subgraph.kinds
        self.entity_classes = " ".join(
            f"<{iri}>" for kind, iri in _ENTITY_CLASSES.items() if kinds is None or kind in kinds
        )
        self.articles = kinds is None or "article" in kinds
        self.incidents = kinds is None or "incident" in kinds
        types = incident_types()
        self.incident_types = (
            None
            if subgraph.incident_types is None
            else " ".join(f"<{types[name]}>" for name in sorted(subgraph.incident_types))
        )

    def entity(self, var: str) -> str:
        """`var` is an entity node: it has a resolution key, a name and a kept type."""
        return (
            f"FILTER EXISTS {{ {var} ng:resolutionKey [] }}"
            f" FILTER EXISTS {{ {var} schema:name [] }}"
            f" FILTER EXISTS {{ VALUES {var}_type {{ {self.entity_classes} }} {var} a {var}_type }}"
            f" {self.entity_dated(var)}"
        )

    def entity_dated(self, var: str) -> str:
        if not self._dated:
            return ""
        return (
            f"FILTER EXISTS {{ {var}_in schema:mentions {var} ; a schema:NewsArticle ;"
            f" schema:identifier [] ; schema:datePublished {var}_date ."
            f" {self._in_range(f'{var}_date')} }}"
        )

    def article(self, var: str) -> str:
        """`var` is an article node in range."""
        exists = (
            f"FILTER EXISTS {{ {var} a schema:NewsArticle }}"
            f" FILTER EXISTS {{ {var} schema:identifier [] }}"
        )
        return f"{exists} {self.article_dated(var)}"

    def article_dated(self, var: str) -> str:
        if not self._dated:
            return ""
        return (
            f"FILTER EXISTS {{ {var} schema:datePublished {var}_date ."
            f" {self._in_range(f'{var}_date')} }}"
        )

    def incident(self, var: str) -> str:
        """`var` is an incident node of a kept type, in range."""
        kept = f"FILTER EXISTS {{ {var} a sem:Event }}"
        if self.incident_types is not None:
            kept += (
                f" FILTER EXISTS {{ VALUES {var}_type {{ {self.incident_types} }}"
                f" {var} sem:eventType {var}_type }}"
            )
        return f"{kept} {self.incident_dated(var)}"

    def incident_dated(self, var: str) -> str:
        if not self._dated:
            return ""
        # Its time span where it has one; else the date of an article that reports it.
        return (
            f"FILTER EXISTS {{ {var} prov:wasDerivedFrom {var}_in ."
            f" OPTIONAL {{ {var}_in schema:datePublished {var}_date }}"
            f" OPTIONAL {{ {var} sem:hasBeginTimeStamp {var}_begin }}"
            f" OPTIONAL {{ {var} sem:hasEndTimeStamp {var}_end }}"
            f" OPTIONAL {{ {var} sem:hasTimeStamp {var}_day FILTER(DATATYPE({var}_day) = xsd:date) }}"
            f" BIND(COALESCE({var}_begin, {var}_end, {var}_day, {var}_date) AS {var}_first)"
            f" BIND(COALESCE({var}_end, {var}_begin, {var}_day, {var}_date) AS {var}_last)"
            f" {self._overlaps(f'{var}_first', f'{var}_last')} }}"
        )

    def _overlaps(self, first: str, last: str) -> str:
        tests = []
        if self.subgraph.since is not None:
            tests.append(f"STR({last}) >= {ox.Literal(self.subgraph.since.isoformat())}")
        if self.subgraph.until is not None:
            tests.append(f"STR({first}) <= {ox.Literal(self.subgraph.until.isoformat())}")
        return f"FILTER({' && '.join(tests)})"

    @property
    def _dated(self) -> bool:
        return self.subgraph.since is not None or self.subgraph.until is not None

    def _in_range(self, var: str) -> str:
        # ISO dates compare as strings, and a date only ever written as YYYY-MM-DD.
        tests = []
        if self.subgraph.since is not None:
            tests.append(f"STR({var}) >= {ox.Literal(self.subgraph.since.isoformat())}")
        if self.subgraph.until is not None:
            tests.append(f"STR({var}) <= {ox.Literal(self.subgraph.until.isoformat())}")
        return f"FILTER({' && '.join(tests)})"


# The least of an entity's names labels it, wherever it is read (node, edge list), and the
# least of an article's identifiers (it has one).
_ENTITY_LABEL = (
    "{{ SELECT {var} (MIN(?name) AS {var}_label) WHERE {{ {var} schema:name ?name {after} }}"
    " GROUP BY {var} }}"
)
_ARTICLE_LABEL = (
    "{{ SELECT {var} (MIN(?id) AS {var}_label) WHERE {{ {var} schema:identifier ?id {after} }}"
    " GROUP BY {var} }}"
)


def _nodes(store: GraphStore, keep: _Filter) -> Iterator[tuple[str, NodeAttrs]]:
    if keep.entity_classes:
        for row in _solutions(
            store,
            "?node ?node_label ?class ?rkey (COALESCE(?count, 0) AS ?mentions)",
            f"{{ SELECT ?node (MIN(?type) AS ?class) WHERE {{ VALUES ?type {{ {keep.entity_classes} }}"
            " ?node a ?type {after} } GROUP BY ?node }"
            " { SELECT ?node (MIN(?key) AS ?rkey) WHERE { ?node ng:resolutionKey ?key {after} }"
            " GROUP BY ?node } "
            + _ENTITY_LABEL.format(var="?node", after="{after}")
            + " OPTIONAL { SELECT ?node (COUNT(DISTINCT ?m) AS ?count)"
            " WHERE { ?node gaf:denotedBy ?m {after} } GROUP BY ?node } "
            + keep.entity_dated("?node"),
            "",
            ["?node"],
        ):
            yield (
                row["node"],
                {
                    "label": row["node_label"],
                    "kind": _ENTITY_KINDS[row["class"]],
                    "key": row["rkey"],
                    "mentions": int(row["mentions"]),
                },
            )
    if keep.articles:
        for row in _solutions(
            store,
            "?node (MIN(?id) AS ?label) (MIN(?date) AS ?published)",
            "?node a schema:NewsArticle ; schema:identifier ?id ."
            f" OPTIONAL {{ ?node schema:datePublished ?date }} {keep.article_dated('?node')}"
            " {after}",
            "GROUP BY ?node",
            ["?node"],
        ):
            yield (
                row["node"],
                {"label": row["label"], "kind": "article", "published": row["published"] or ""},
            )
    for batch in batched(_incidents(store, keep)):
        for row in event_rows(store, batch, whole=False):
            yield row["iri"], incident_attributes(row)


def _incidents(store: GraphStore, keep: _Filter) -> Iterator[str]:
    """The incident nodes' IRIs; their attributes are read a batch at a time, as the events
    table reads them."""
    if not keep.incidents:
        return
    for row in _solutions(
        store,
        "DISTINCT ?node",
        f"?node a sem:Event . {{after}} {keep.incident('?node')}",
        "",
        ["?node"],
    ):
        yield row["node"]


# The roles an edge from an incident may have, by property. A `place` edge goes to each place
# it names (sem:hasPlace) but those it moved from or to (which have their own roles); the
# edge's predicate tells the place it happened in (ng:place) from the others (sem:hasPlace).
_ROLE_PROPERTIES = (
    {str(NG[role]): role for role in ROLES}
    | {str(NG.place): "place"}
    | {str(SEM.hasPlace): "place"}
)


def _edges(store: GraphStore, keep: _Filter, labels: bool) -> Iterator[Edge]:
    yield from _entity_edges(store, keep, labels)
    yield from _incident_edges(store, keep, labels)


def _incident_edges(store: GraphStore, keep: _Filter, labels: bool) -> Iterator[Edge]:
    """Reports (article to incident), then roles (incident to entity). An incident's label
    is made from its row of the events table, read for each batch of edges."""
    if not keep.incidents:
        return
    streams = []
    if keep.articles:
        head = "DISTINCT ?source ?target" + (" ?source_label" if labels else "")
        where = _ARTICLE_LABEL.format(var="?source", after="") if labels else ""
        streams.append(
            _solutions(
                store,
                head,
                f"?target prov:wasDerivedFrom ?source . {{after}} {keep.article('?source')}"
                f" {keep.incident('?target')} {where}",
                "",
                ["?source", "?target"],
            )
        )
    if keep.entity_classes:
        head = "DISTINCT ?source ?predicate ?target" + (" ?target_label" if labels else "")
        where = _ENTITY_LABEL.format(var="?target", after="") if labels else ""
        roles = " ".join(f"<{iri}>" for iri in _ROLE_PROPERTIES)
        streams.append(
            _solutions(
                store,
                head,
                f"VALUES ?predicate {{ {roles} }} ?source ?predicate ?target . {{after}}"
                f" {keep.incident('?source')} {keep.entity('?target')}"
                " FILTER(?predicate != sem:hasPlace"
                " || NOT EXISTS { ?source ng:origin|ng:destination|ng:place ?target }) "
                f"{where}",
                "",
                ["?source", "?predicate", "?target"],
            )
        )
    for stream in streams:
        for rows in _chunks(stream):
            named: dict[str, str] = {}
            if labels:
                ends = {r["target"] if "predicate" not in r else r["source"] for r in rows}
                named = {
                    row["iri"]: str(incident_attributes(row)["label"])
                    for row in event_rows(store, sorted(ends), whole=False)
                }
            for row in rows:
                if "predicate" in row:
                    role = _ROLE_PROPERTIES[row["predicate"]]
                    yield Edge(
                        row["source"],
                        row["target"],
                        role,
                        {"relation": role, "predicate": row["predicate"]},
                        named.get(row["source"], ""),
                        row.get("target_label") or "",
                    )
                else:
                    yield Edge(
                        row["source"],
                        row["target"],
                        "reports",
                        {"relation": "reports"},
                        row.get("source_label") or "",
                        named.get(row["target"], ""),
                    )


def _chunks(rows: Iterator[dict[str, Any]], size: int = 200) -> Iterator[list[dict[str, Any]]]:
    while chunk := [row for _, row in zip(range(size), rows, strict=False)]:
        yield chunk


def _entity_edges(store: GraphStore, keep: _Filter, labels: bool) -> Iterator[Edge]:
    if not keep.entity_classes:
        return
    if keep.articles:
        head, where = "DISTINCT ?source ?target", ""
        if labels:
            head += " ?source_label ?target_label"
            where = _ARTICLE_LABEL.format(var="?source", after="") + _ENTITY_LABEL.format(
                var="?target", after=""
            )
        for row in _solutions(
            store,
            head,
            # The page's condition first: it is the cheapest.
            f"?source schema:mentions ?target . {{after}} {keep.article('?source')}"
            f" {keep.entity('?target')} {where}",
            "",
            ["?source", "?target"],
        ):
            yield Edge(
                row["source"],
                row["target"],
                "mentions",
                {"relation": "mentions"},
                row.get("source_label") or "",
                row.get("target_label") or "",
            )
    head, where = "DISTINCT ?source ?predicate ?target", ""
    if labels:
        head += " ?source_label ?target_label"
        where = _ENTITY_LABEL.format(var="?source", after="") + _ENTITY_LABEL.format(
            var="?target", after=""
        )
    for row in _solutions(
        store,
        head,
        "?statement a ng:RelationStatement ; rdf:subject ?source ; rdf:predicate ?predicate ;"
        f" rdf:object ?target . {{after}} {keep.entity('?source')} {keep.entity('?target')}"
        f" {where}",
        "",
        ["?source", "?predicate", "?target"],
    ):
        relation = row["predicate"].rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        yield Edge(
            row["source"],
            row["target"],
            relation,
            {"relation": relation, "predicate": row["predicate"]},
            row.get("source_label") or "",
            row.get("target_label") or "",
        )


def _solutions(
    store: GraphStore, head: str, where: str, tail: str, keys: list[str]
) -> Iterator[dict[str, Any]]:
    """The rows of `SELECT head WHERE { where } tail`, as plain values, read as they come.

    The embedded store answers lazily. A remote one answers each query whole, so it is read
    in pages of the store's `page_size` rows (else `PAGE_SIZE`), in the order of `keys`, each page after the last row of the
    previous one (an OFFSET would have the server sort past everything it skips): `{after}`
    in `where` marks where that condition goes, wherever the first key is bound.
    """
    if isinstance(store, OxigraphStore):
        query = f"SELECT {head} WHERE {{ {where.replace('{after}', '')} }} {tail}"
        yield from _values(store.query(query))
        return
    order = " ".join(f"STR({key})" for key in keys)
    after = ""
    # The store's own page size where it has one (large for a server without a row cap).
    size = getattr(store, "page_size", PAGE_SIZE)
    while True:
        query = (
            f"SELECT {head} WHERE {{ {where.replace('{after}', after)} }} {tail}"
            f" ORDER BY {order} LIMIT {size}"
        )
        rows = list(_values(store.query(query)))
        yield from rows
        if len(rows) < size:
            return
        after = _after(keys, [rows[-1][key[1:]] for key in keys])


def _after(keys: list[str], last: list[str]) -> str:
    """A FILTER for the rows that sort after `last` on `keys`."""
    test = ""
    for key, value in reversed(list(zip(keys, last, strict=True))):
        greater = f"STR({key}) > {ox.Literal(value)}"
        test = (
            greater if not test else f"({greater} || (STR({key}) = {ox.Literal(value)} && {test}))"
        )
    return f"FILTER({test})"


def _values(result: Any) -> Iterator[dict[str, Any]]:
    if not isinstance(result, ox.QuerySolutions):
        raise TypeError("expected a SELECT result")
    variables = [v.value for v in result.variables]
    for solution in result:
        row: dict[str, Any] = {}
        for name in variables:
            term = solution[name]
            row[name] = None if term is None else term.value
        yield row
