"""Every export format, read back by an independent reader."""

import csv
import io
import json

import networkx as nx
import pytest
import rdflib

from newsgraph.extract.extraction import Extraction
from newsgraph.graph.exporters import EXPORTERS, export
from newsgraph.graph.ingest import ingest_extraction
from newsgraph.graph.store import OxigraphStore
from tests.graph.test_store import IRI, _extraction


@pytest.fixture
def filled(disk_store: OxigraphStore) -> OxigraphStore:
    ingest_extraction(
        disk_store,
        _extraction(
            "a1", "Rifi fought in Tripoli & Beirut.", [("Rifi", "person"), ("Tripoli", "place")]
        ),
        IRI,
    )
    ingest_extraction(
        disk_store, _extraction("a2", "Tripoli <again>.", [("Tripoli", "place")]), IRI
    )
    return disk_store


def _bytes(store: OxigraphStore, fmt: str) -> bytes:
    buffer = io.BytesIO()
    export(store, fmt, buffer)
    return buffer.getvalue()


def _check_graph(g: nx.Graph) -> None:
    labels = {attrs.get("label") for _, attrs in g.nodes(data=True)}
    assert {"Rifi", "Tripoli", "a1", "a2"} <= labels
    assert g.number_of_edges() == 3  # a1 mentions Rifi and Tripoli, a2 mentions Tripoli


def test_graphml_reads_back(filled: OxigraphStore) -> None:
    _check_graph(nx.read_graphml(io.BytesIO(_bytes(filled, "graphml"))))


def test_gexf_reads_back(filled: OxigraphStore) -> None:
    _check_graph(nx.read_gexf(io.BytesIO(_bytes(filled, "gexf"))))


def test_d3_reads_back(filled: OxigraphStore) -> None:
    data = json.loads(_bytes(filled, "d3"))
    _check_graph(nx.node_link_graph(data, edges="links"))


def test_cytoscape_reads_back(filled: OxigraphStore) -> None:
    data = json.loads(_bytes(filled, "cytoscape"))
    _check_graph(nx.cytoscape_graph(data))
    assert all({"id", "source", "target"} <= set(e["data"]) for e in data["elements"]["edges"])


def test_csv_edge_list_reads_back(filled: OxigraphStore) -> None:
    rows = list(csv.DictReader(io.StringIO(_bytes(filled, "csv").decode())))
    assert len(rows) == 3
    assert {(r["source_label"], r["target_label"]) for r in rows} == {
        ("a1", "Rifi"),
        ("a1", "Tripoli"),
        ("a2", "Tripoli"),
    }


def test_dot_lists_every_node_and_edge(filled: OxigraphStore) -> None:
    text = _bytes(filled, "dot").decode()
    assert text.startswith("digraph newsgraph {") and text.rstrip().endswith("}")
    assert text.count(" -> ") == 3
    assert '"Tripoli"' in text


@pytest.mark.parametrize(
    ("fmt", "parser"),
    [("turtle", "turtle"), ("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")],
)
def test_rdf_formats_parse_with_rdflib(filled: OxigraphStore, fmt: str, parser: str) -> None:
    dataset = rdflib.Dataset()
    dataset.parse(data=_bytes(filled, fmt), format=parser)
    count = sum(1 for _ in dataset.quads((None, None, None, None)))
    if fmt == "turtle":
        assert count > 0  # the union of the article graphs, without graph names
    else:
        assert count == filled.triple_count()


def test_unknown_format_is_refused(filled: OxigraphStore) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export(filled, "xlsx", io.BytesIO())
    assert set(EXPORTERS) >= {"graphml", "gexf", "cytoscape", "d3", "dot", "csv", "turtle"}


def test_subgraphs_by_focus_kind_and_date(disk_store: OxigraphStore) -> None:
    from datetime import date

    from newsgraph.graph.projection import Subgraph, project
    from tests.graph.test_queries import _chain

    ingest_extraction(disk_store, _chain(), IRI)  # published 2007-05-28
    later = _extraction("later", "Reporters in Paris.", [("Paris", "place")])
    later.article = type(later.article)(
        id="later", text=later.article.text, published=date(2020, 1, 1)
    )
    ingest_extraction(disk_store, later, IRI)

    whole = project(disk_store)
    assert whole.number_of_nodes() == 4 + 1 + 2  # entities, Paris, two articles

    around = project(disk_store, Subgraph(focus=IRI.entity("organization/fatah-al-islam"), depth=1))
    labels = {d["label"] for _, d in around.nodes(data=True)}
    assert labels == {"Fatah al Islam", "Shakir al-Abssi", "chain"}

    people = project(disk_store, Subgraph(kinds=frozenset({"person"})))
    assert {d["label"] for _, d in people.nodes(data=True)} == {
        "Shakir al-Abssi",
        "Abu Musab al-Zarqawi",
    }
    assert people.number_of_edges() == 1  # associate_of

    recent = project(disk_store, Subgraph(since=date(2019, 1, 1)))
    assert {d["label"] for _, d in recent.nodes(data=True)} == {"later", "Paris"}

    assert project(disk_store, Subgraph(focus=IRI.entity("person/nobody"))).number_of_nodes() == 0
    with pytest.raises(ValueError, match="unknown kinds"):
        Subgraph(kinds=frozenset({"planet"}))

    buffer = io.BytesIO()
    export(disk_store, "graphml", buffer, Subgraph(kinds=frozenset({"place"})))
    assert {
        d["label"] for _, d in nx.read_graphml(io.BytesIO(buffer.getvalue())).nodes(data=True)
    } == {"Paris"}


@pytest.fixture
def seeded(disk_store: OxigraphStore, seed_extraction: Extraction) -> OxigraphStore:
    ingest_extraction(disk_store, seed_extraction, IRI)
    return disk_store


def _read(store: OxigraphStore, fmt: str) -> nx.Graph:
    data = _bytes(store, fmt)
    if fmt == "graphml":
        return nx.read_graphml(io.BytesIO(data))
    if fmt == "gexf":
        return nx.read_gexf(io.BytesIO(data))
    if fmt == "d3":
        return nx.node_link_graph(json.loads(data), edges="links")
    return nx.cytoscape_graph(json.loads(data))


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "d3", "cytoscape"])
def test_incidents_read_back_as_nodes_with_role_edges(
    seeded: OxigraphStore, seed_extraction: Extraction, fmt: str
) -> None:
    g = _read(seeded, fmt)
    incidents = {n: d for n, d in g.nodes(data=True) if d.get("kind") == "incident"}
    assert len(incidents) == len(seed_extraction.incidents)
    clash = incidents[IRI.incident("000_4c15246a69764410", "armed_clash-1863")]
    assert clash["label"] == "armed clash, Tripoli, 2007-05-21"
    assert (clash["type"], clash["begin"], clash["end_date"], clash["precision"]) == (
        "armed_clash",
        "2007-05-21",
        "2007-05-27",
        "week",
    )
    assert (clash["place"], clash["modality"], clash["counts"]) == (
        "Tripoli",
        "asserted",
        "victim: more than 30",
    )
    assert isinstance(clash["confidence"], float)
    # Roles, keyed and labelled by the role, to the entities that fill them.
    roles = {
        (g.nodes[t]["label"], d["relation"])
        for _, t, d in g.out_edges(
            IRI.incident("000_4c15246a69764410", "armed_clash-1863"), data=True
        )
    }
    assert roles == {
        ("Fatah al Islam", "participant"),
        ("Lebanese Army", "participant"),
        ("Tripoli", "place"),
    }
    arrest = IRI.incident("000_4c15246a69764410", "arrest-3260")
    assert incidents[arrest]["counts"] == "detainee: 172"
    assert {d["relation"] for _, _, d in g.in_edges(arrest, data=True)} == {"reports"}
    # Relations between entities stay as they were.
    assert "leaderOf" in {d["relation"] for _, _, d in g.edges(data=True)}


def test_the_edge_list_labels_incidents(seeded: OxigraphStore) -> None:
    rows = list(csv.DictReader(io.StringIO(_bytes(seeded, "csv").decode())))
    assert {
        "source_label": "arrest, Saudi Arabia",
        "relation": "agent",
        "target_label": "Saudis",
    }.items() <= next(
        r for r in rows if r["relation"] == "agent" and "arrest" in r["source"]
    ).items()


def test_dot_draws_incidents(seeded: OxigraphStore) -> None:
    text = _bytes(seeded, "dot").decode()
    assert 'kind="incident"' in text and 'relation="detainee"' not in text  # unnamed detainees
    assert 'relation="participant"' in text
