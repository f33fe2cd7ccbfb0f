"""Lookups over relations: evidence, neighbourhoods and paths, on a real store."""

from __future__ import annotations

import pytest

from newsgraph.extract.extraction import Extraction, Relation
from newsgraph.graph.ingest import ingest_extraction
from newsgraph.graph.ontology import relation_properties
from newsgraph.graph.queries import entity_relations, neighbourhood, paths
from newsgraph.graph.store import OxigraphStore
from tests.graph.test_store import IRI, _extraction

TEXT = "Shakir al-Abssi leads Fatah al Islam. Abssi knew Abu Musab al-Zarqawi, who led Al Qaeda."


def _chain() -> Extraction:
    extraction = _extraction(
        "chain",
        TEXT,
        [
            ("Shakir al-Abssi", "person"),
            ("Fatah al Islam", "organization"),
            ("Abu Musab al-Zarqawi", "person"),
            ("Al Qaeda", "organization"),
        ],
    )
    extraction.relations.extend(
        [
            Relation(
                "leader_of", "person/shakir-al-abssi", "organization/fatah-al-islam", 0, 36, 0.9
            ),
            Relation(
                "associate_of", "person/shakir-al-abssi", "person/abu-musab-al-zarqawi", 38, 69, 0.7
            ),
            Relation(
                "leader_of", "person/abu-musab-al-zarqawi", "organization/al-qaeda", 49, 87, 0.8
            ),
        ]
    )
    return extraction


@pytest.fixture
def chain_store(disk_store: OxigraphStore) -> OxigraphStore:
    ingest_extraction(disk_store, _chain(), IRI)
    return disk_store


def test_relations_come_with_their_evidence(chain_store: OxigraphStore) -> None:
    abssi = IRI.entity("person/shakir-al-abssi")
    relations = entity_relations(chain_store, abssi)
    summary = {(r["direction"], r["type"], r["other_name"]) for r in relations}
    assert summary == {
        ("out", "leaderOf", "Fatah al Islam"),
        ("out", "associateOf", "Abu Musab al-Zarqawi"),
    }
    leads = next(r for r in relations if r["type"] == "leaderOf")
    (evidence,) = leads["evidence"]
    assert TEXT[evidence["start"] : evidence["end"]] == evidence["text"]
    assert evidence["confidence"] == pytest.approx(0.9)
    incoming = entity_relations(chain_store, IRI.entity("organization/fatah-al-islam"))
    assert [(r["direction"], r["other_name"]) for r in incoming] == [("in", "Shakir al-Abssi")]


def test_neighbourhood_grows_with_depth(chain_store: OxigraphStore) -> None:
    abssi = IRI.entity("person/shakir-al-abssi")
    nodes_1, edges_1 = neighbourhood(chain_store, abssi, depth=1)
    nodes_2, edges_2 = neighbourhood(chain_store, abssi, depth=2)
    assert len(nodes_1) == 3 and len(edges_1) == 2
    assert IRI.entity("organization/al-qaeda") in nodes_2 and len(edges_2) == 3
    assert neighbourhood(chain_store, abssi, depth=0) == ({abssi}, [])


def test_paths_join_two_entities_through_relations(chain_store: OxigraphStore) -> None:
    found = paths(
        chain_store, IRI.entity("organization/fatah-al-islam"), IRI.entity("organization/al-qaeda")
    )
    assert len(found) == 1
    hops = found[0]
    assert len(hops) == 3
    leader_of = relation_properties()["leader_of"]
    assert hops[0] == (
        IRI.entity("person/shakir-al-abssi"),
        leader_of,
        IRI.entity("organization/fatah-al-islam"),
    )
    assert (
        paths(
            chain_store,
            IRI.entity("organization/fatah-al-islam"),
            IRI.entity("organization/al-qaeda"),
            max_length=2,
        )
        == []
    )
    assert (
        paths(chain_store, IRI.entity("person/nobody"), IRI.entity("organization/al-qaeda")) == []
    )
