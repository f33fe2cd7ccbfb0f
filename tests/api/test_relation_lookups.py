"""Entity relations, neighbourhoods and paths over HTTP on a real server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from newsgraph.api.app import create_app
from newsgraph.api.settings import Settings
from newsgraph.graph.ingest import ingest_extraction
from newsgraph.graph.store import OxigraphStore
from tests.graph.test_queries import _chain
from tests.graph.test_store import IRI
from tests.servers import serve_in_thread


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path: Path = tmp_path_factory.mktemp("rel") / "store"
    store = OxigraphStore(path)
    ingest_extraction(store, _chain(), IRI)
    with serve_in_thread(create_app(Settings(store=path, base_iri=IRI.base), store)) as url:
        yield url
    store.close()


def test_entity_page_lists_relations_with_evidence(base_url: str) -> None:
    entity = httpx.get(f"{base_url}/entities/person/shakir-al-abssi").json()
    types = sorted(r["type"] for r in entity["relations"])
    assert types == ["associateOf", "leaderOf"]
    assert all(r["evidence"][0]["article"] == IRI.article("chain") for r in entity["relations"])


def test_neighbors_and_paths(base_url: str) -> None:
    near = httpx.get(
        f"{base_url}/entities/organization/fatah-al-islam/neighbors", params={"depth": 2}
    ).json()
    assert IRI.entity("person/abu-musab-al-zarqawi") in near["nodes"]
    assert len(near["edges"]) == 2
    found = httpx.get(
        f"{base_url}/paths",
        params={"from": "organization/fatah-al-islam", "to": "organization/al-qaeda"},
    ).json()["paths"]
    assert len(found) == 1 and len(found[0]) == 3


def test_bad_lookups_are_client_errors(base_url: str) -> None:
    assert httpx.get(f"{base_url}/entities/planet/mars").status_code == 404
    assert httpx.get(f"{base_url}/entities/person/nobody/neighbors").status_code == 404
    assert (
        httpx.get(
            f"{base_url}/entities/person/shakir-al-abssi/neighbors", params={"depth": 99}
        ).status_code
        == 422
    )
    odd = httpx.get(f"{base_url}/paths", params={"from": 'person/"> } #', "to": "person/x"})
    assert odd.status_code == 200 and odd.json() == {"paths": []}


def test_export_of_a_subgraph_reads_back(base_url: str) -> None:
    import io

    import networkx as nx

    response = httpx.get(
        f"{base_url}/export",
        params={
            "format": "graphml",
            "focus": "person/abu-musab-al-zarqawi",
            "depth": 1,
            "type": ["person", "organization"],
        },
    )
    graph = nx.read_graphml(io.BytesIO(response.content))
    assert {d["label"] for _, d in graph.nodes(data=True)} == {
        "Abu Musab al-Zarqawi",
        "Al Qaeda",
        "Shakir al-Abssi",
    }
    assert (
        httpx.get(f"{base_url}/export", params={"format": "turtle", "type": "person"}).status_code
        == 400
    )
    assert (
        httpx.get(f"{base_url}/export", params={"format": "d3", "type": "planet"}).status_code
        == 400
    )
    assert (
        httpx.get(f"{base_url}/export", params={"format": "d3", "since": "yesterday"}).status_code
        == 422
    )
