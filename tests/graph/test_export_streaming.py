"""The streamed exports against what networkx wrote from the in-memory projection before: the
same nodes, edges and attributes once read back, on the seed, the fixture articles and a few
hand-made ones, for the whole graph and its parts, on the embedded store and on servers."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from spacy.language import Language

import newsgraph.graph.projection as projection
from newsgraph.extract.article import Article, load_articles
from newsgraph.extract.pipeline import extract_articles
from newsgraph.graph.exporters import export
from newsgraph.graph.ingest import ingest_extraction
from newsgraph.graph.projection import Subgraph, project, select
from newsgraph.graph.queries import _select
from newsgraph.graph.remote import RemoteSparqlStore
from newsgraph.graph.store import GraphStore, OxigraphStore
from tests.graph.test_queries import _chain
from tests.graph.test_store import IRI, _extraction
from tests.previous_projection import previous_cytoscape, previous_projection
from tests.remote_servers import (  # the servers' fixtures, found by pytest in this module
    SparqlServer,
    oxigraph_server,  # noqa: F401
    virtuoso_server,  # noqa: F401
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"

PARTS = [
    None,
    Subgraph(kinds=frozenset({"person", "organization"})),
    Subgraph(kinds=frozenset({"article", "place"})),
    Subgraph(since=date(2020, 1, 1)),
    Subgraph(until=date(2010, 1, 1), kinds=frozenset({"article", "person"})),
    Subgraph(since=date(2007, 5, 28), until=date(2007, 5, 28)),
    Subgraph(focus=IRI.entity("organization/fatah-al-islam"), depth=2),
    Subgraph(kinds=frozenset({"incident", "place", "organization"})),
    Subgraph(kinds=frozenset({"incident", "article"}), since=date(2023, 1, 1)),
    Subgraph(since=date(2020, 6, 1), until=date(2022, 12, 31)),
    Subgraph(incident_types=frozenset({"armed_clash", "arrest"})),
    Subgraph(focus=IRI.incident("fixture-port-arrests", "arrest-180"), depth=1),
    Subgraph(focus=IRI.entity("organization/dutch-police"), depth=1),
]


def _fill(store: GraphStore, nlp: Language) -> None:
    articles = [a for a in load_articles([FIXTURES]) if a.text]
    # Incidents known to the month, and a movement's origin, which the fixtures no longer give.
    articles.append(
        Article(
            id="month",
            text="Militants attacked a police station in Mosul in March 2007, officials said. "
            "Hundreds of fighters travelled from Syria to Tripoli in March 2007, officials said.",
            published=date(2007, 5, 28),
        )
    )
    for extraction in extract_articles(articles, nlp):
        ingest_extraction(store, extraction, IRI)
    ingest_extraction(store, _chain(), IRI)  # relations; published 2007-05-28
    hostile = _extraction(
        "odd~id",
        "Rifi \"the 'elder'\" fought in Tripoli & Beirut.\tThen\nagain.",
        [("Rifi \"the 'elder'\"", "person"), ("Tripoli & Beirut", "place")],
    )
    ingest_extraction(store, hostile, IRI)
    later = _extraction("later", "Reporters in Paris.", [("Paris", "place")])
    later.article = type(later.article)(
        id="later", text=later.article.text, published=date(2021, 1, 1)
    )
    ingest_extraction(store, later, IRI)


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Iterator[OxigraphStore]:
    store = OxigraphStore(tmp_path_factory.mktemp("export") / "store")
    _fill(store, nlp)
    yield store
    store.close()


def _expected(store: GraphStore, part: Subgraph | None) -> nx.MultiDiGraph:
    whole = previous_projection(store)
    return select(whole, part) if part is not None else whole


def _labels_as_ordered_by(store: GraphStore, g: nx.MultiDiGraph, reference: GraphStore) -> None:
    """A server orders strings its own way (Virtuoso by a collation, not by code points), so
    the least of an entity's names may be another one there: take the server's label where it
    is one of the entity's names."""
    names: dict[str, set[str]] = {}
    for row in _select(
        reference, "SELECT ?e ?name WHERE { ?e ng:resolutionKey [] ; schema:name ?name }"
    ):
        names.setdefault(row["e"], set()).add(row["name"])
    labels = dict(project(store).nodes(data="label"))
    for node, attrs in g.nodes(data=True):
        if labels.get(node) in names.get(node, set()):
            attrs["label"] = labels[node]


def _exported(store: GraphStore, fmt: str, part: Subgraph | None) -> bytes:
    buffer = io.BytesIO()
    export(store, fmt, buffer, part)
    return buffer.getvalue()


def _signature(g: nx.Graph, positional_ids: bool = False) -> tuple[dict[str, Any], list[Any]]:
    """Nodes with their attributes, and edges with theirs, in no particular order (an edge's
    `id` aside where it is its position in the file)."""
    nodes = {str(n): dict(d) for n, d in g.nodes(data=True)}
    if g.is_multigraph():
        edges = g.edges(keys=True, data=True)
    else:  # read back without parallel edges
        edges = ((u, v, "", d) for u, v, d in g.edges(data=True))
    return nodes, sorted(
        (
            str(u),
            str(v),
            str(k),
            sorted((a, str(b)) for a, b in d.items() if not (positional_ids and a == "id")),
        )
        for u, v, k, d in edges
    )


def _elements(items: list[dict[str, Any]], drop: str = "") -> list[str]:
    return sorted(
        json.dumps({k: v for k, v in i.items() if k != drop}, sort_keys=True) for i in items
    )


def _previous_csv(g: nx.MultiDiGraph) -> list[list[str]]:
    return [
        [s, t, a.get("relation", ""), g.nodes[s].get("label", ""), g.nodes[t].get("label", "")]
        for s, t, a in g.edges(data=True)
    ]


def _check_formats(
    store: GraphStore, part: Subgraph | None, reference: GraphStore | None = None
) -> None:
    """`store`'s exports against networkx's, from `reference` (a store with the same graphs)
    or `store` itself."""
    expected = _expected(reference or store, part)
    if reference is not None:
        _labels_as_ordered_by(store, expected, reference)
    assert _signature(project(store, part)) == _signature(expected)

    graphml = nx.read_graphml(io.BytesIO(_exported(store, "graphml", part)))
    before = nx.read_graphml(io.BytesIO("\n".join(nx.generate_graphml(expected)).encode()))
    assert _signature(graphml) == _signature(before)

    gexf = nx.read_gexf(io.BytesIO(_exported(store, "gexf", part)))
    before = nx.read_gexf(io.BytesIO("\n".join(nx.generate_gexf(expected)).encode()))
    assert _signature(gexf, True) == _signature(before, True)
    assert gexf.graph == before.graph

    cytoscape = json.loads(_exported(store, "cytoscape", part))
    previous = previous_cytoscape(expected)
    assert set(cytoscape) == set(previous)
    assert {k: v for k, v in cytoscape.items() if k != "elements"} == {
        k: v for k, v in previous.items() if k != "elements"
    }
    assert _elements([n["data"] for n in cytoscape["elements"]["nodes"]]) == _elements(
        [n["data"] for n in previous["elements"]["nodes"]]
    )
    edges = [e["data"] for e in cytoscape["elements"]["edges"]]
    assert _elements(edges, drop="id") == _elements(
        [e["data"] for e in previous["elements"]["edges"]], drop="id"
    )
    assert sorted(e["id"] for e in edges) == sorted(f"e{i}" for i in range(len(edges)))
    assert _signature(nx.cytoscape_graph(cytoscape), True) == _signature(
        nx.cytoscape_graph(previous), True
    )

    d3 = json.loads(_exported(store, "d3", part))
    data = nx.node_link_data(expected, edges="links")
    assert {k: v for k, v in d3.items() if k not in ("nodes", "links")} == {
        k: v for k, v in data.items() if k not in ("nodes", "links")
    }
    assert _elements(d3["nodes"]) == _elements(data["nodes"])
    assert _elements(d3["links"]) == _elements(data["links"])

    rows = list(csv.reader(io.StringIO(_exported(store, "csv", part).decode(), newline="")))
    assert rows[0] == ["source", "target", "relation", "source_label", "target_label"]
    assert sorted(rows[1:]) == sorted(_previous_csv(expected))


@pytest.mark.parametrize("part", PARTS, ids=str)
def test_streamed_exports_read_back_as_networkx_wrote_them(
    filled: OxigraphStore, part: Subgraph | None
) -> None:
    _check_formats(filled, part)


def test_the_test_graph_has_what_the_formats_must_carry(filled: OxigraphStore) -> None:
    g = previous_projection(filled)
    kinds = {d["kind"] for _, d in g.nodes(data=True)}
    assert kinds == {"article", "person", "organization", "place", "incident"}
    keys = {k for _, _, k in g.edges(keys=True)}
    assert keys > {"mentions", "leaderOf", "reports", "participant", "agent", "place", "origin"}
    assert {d.get("precision") for _, d in g.nodes(data=True)} >= {"day", "week", "month", "year"}
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert {"odd~id", "Rifi \"the 'elder'\"", "Tripoli & Beirut"} <= labels
    assert g.number_of_nodes() > 40 and g.number_of_edges() > 40


def test_the_parts_with_incidents_hold_some(filled: OxigraphStore) -> None:
    for part in PARTS[7:]:
        g = project(filled, part)
        assert any(kind == "incident" for _, kind in g.nodes(data="kind")), part
    around = project(filled, PARTS[-2])  # the arrest in Rotterdam, one hop out
    arrest = IRI.incident("fixture-port-arrests", "arrest-180")
    assert {k for _, _, k in around.in_edges(arrest, keys=True)} == {"reports"}
    assert {k for _, _, k in around.out_edges(arrest, keys=True)} == {"place"}
    assert {d["label"] for _, d in around.nodes(data=True)} >= {"Rotterdam", "Breda", "Antwerp"}


def test_an_empty_store_exports_an_empty_graph(disk_store: OxigraphStore) -> None:
    assert (
        nx.read_graphml(io.BytesIO(_exported(disk_store, "graphml", None))).number_of_nodes() == 0
    )
    assert nx.read_gexf(io.BytesIO(_exported(disk_store, "gexf", None))).number_of_nodes() == 0
    assert json.loads(_exported(disk_store, "cytoscape", None))["elements"] == {
        "nodes": [],
        "edges": [],
    }
    assert json.loads(_exported(disk_store, "d3", None))["links"] == []
    assert _exported(disk_store, "csv", None).decode().splitlines() == [
        "source,target,relation,source_label,target_label"
    ]


def test_xml_exports_replace_characters_xml_cannot_hold(disk_store: OxigraphStore) -> None:
    odd = _extraction("ctl", "Rifi\x0b met Darsi.", [("Rifi\x0b", "person")])
    ingest_extraction(disk_store, odd, IRI)
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        g = read(io.BytesIO(_exported(disk_store, fmt, None)))
        assert "Rifi\ufffd" in {d["label"] for _, d in g.nodes(data=True)}


def test_an_export_stopped_midway_lets_go_of_the_store(disk_store: OxigraphStore) -> None:
    """A writer that fails (a client gone) closes what it was reading on its own thread."""
    ingest_extraction(disk_store, _chain(), IRI)

    class Broken(io.BytesIO):
        def write(self, data: Any) -> int:
            raise BrokenPipeError("gone")

    with pytest.raises(BrokenPipeError):
        export(disk_store, "cytoscape", Broken())
    with projection.open_projection(disk_store) as graph:
        nodes = graph.nodes()
        next(nodes)
    assert next(nodes, None) is None  # closed on leaving the block


@pytest.fixture(params=["oxigraph-server", "virtuoso"])
def remote(request: pytest.FixtureRequest, nlp: Language) -> Iterator[RemoteSparqlStore]:
    server: SparqlServer = request.getfixturevalue(
        {"oxigraph-server": "oxigraph_server", "virtuoso": "virtuoso_server"}[request.param]
    )
    store = RemoteSparqlStore(
        server.query_url,
        server.update_url,
        auth=server.auth,
        timeout=120,
        graph_prefix=IRI.graph("") if server.has_system_graphs else None,
    )
    for name in store.graph_names():
        store.remove_graph(name)
    _fill(store, nlp)
    # Pages of 7 rows: every stream is read in several pages, and some end on a page's edge.
    store.page_size = 7
    try:
        yield store
    finally:
        for name in store.graph_names():
            store.remove_graph(name)
        store.close()


def test_exports_from_a_server_are_read_in_pages(
    remote: RemoteSparqlStore, filled: OxigraphStore
) -> None:
    # The previous projection asked for every row at once, more than Virtuoso answers here.
    for part in PARTS[:4]:
        _check_formats(remote, part, reference=filled)
    # The events table's batches too are read in pages of the server's size.
    for part in (None, PARTS[8]):
        lines = _exported(remote, "events-jsonl", part).decode().splitlines()
        expected = _exported(filled, "events-jsonl", part).decode().splitlines()
        assert len(lines) > 5
        assert sorted(lines) == sorted(expected)
