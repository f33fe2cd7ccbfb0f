"""The HTTP service on a real uvicorn server: SPARQL protocol, lookups, exports, refusals."""

from __future__ import annotations

import csv
import io
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import networkx as nx
import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, SPARQLWrapper

from newsgraph.api.app import create_app
from newsgraph.api.settings import Settings
from newsgraph.graph.ingest import ingest_extraction
from newsgraph.graph.store import OxigraphStore
from tests.graph.test_store import IRI, _extraction
from tests.servers import serve_in_thread

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path: Path = tmp_path_factory.mktemp("svc") / "store"
    store = OxigraphStore(path)
    text = "General Rifi said Fatah al Islam fought in Tripoli."
    ingest_extraction(
        store,
        _extraction(
            "a1",
            text,
            [("Rifi", "person"), ("Fatah al Islam", "organization"), ("Tripoli", "place")],
        ),
        IRI,
    )
    settings = Settings(store=path, base_iri=IRI.base)
    with serve_in_thread(create_app(settings, store)) as url:
        yield url
    store.close()


def test_health_and_stats(base_url: str) -> None:
    assert httpx.get(f"{base_url}/health").json() == {"status": "ok"}
    stats = httpx.get(f"{base_url}/stats").json()
    assert stats["articles"] == 1
    assert stats["entities"] == {"person": 1, "organization": 1, "place": 1}


def test_sparql_get_post_form_and_direct_post_agree(base_url: str) -> None:
    by_get = httpx.get(
        f"{base_url}/sparql",
        params={"query": COUNT},
        headers={"Accept": "application/sparql-results+json"},
    )
    by_form = httpx.post(
        f"{base_url}/sparql",
        data={"query": COUNT},
        headers={"Accept": "application/sparql-results+json"},
    )
    by_body = httpx.post(
        f"{base_url}/sparql", content=COUNT, headers={"Content-Type": "application/sparql-query"}
    )
    values = [r.json()["results"]["bindings"][0]["n"]["value"] for r in (by_get, by_form, by_body)]
    assert values[0] == values[1] == values[2] and int(values[0]) > 10
    assert by_get.headers["content-type"].startswith("application/sparql-results+json")


def test_result_formats_are_negotiated(base_url: str) -> None:
    query = "SELECT ?name WHERE { ?e a schema:Person ; schema:name ?name }"
    as_csv = httpx.get(
        f"{base_url}/sparql", params={"query": query}, headers={"Accept": "text/csv"}
    )
    assert list(csv.reader(io.StringIO(as_csv.text))) == [["name"], ["Rifi"]]
    as_tsv = httpx.get(
        f"{base_url}/sparql",
        params={"query": query},
        headers={"Accept": "text/tab-separated-values"},
    )
    assert as_tsv.text.splitlines() == ["?name", '"Rifi"']
    as_xml = httpx.get(
        f"{base_url}/sparql",
        params={"query": query},
        headers={"Accept": "application/sparql-results+xml"},
    )
    assert "<literal>Rifi</literal>" in as_xml.text
    refused = httpx.get(
        f"{base_url}/sparql", params={"query": query}, headers={"Accept": "image/png"}
    )
    assert refused.status_code == 406


def test_construct_answers_rdf_that_rdflib_parses(base_url: str) -> None:
    query = "CONSTRUCT { ?e schema:name ?n } WHERE { ?e schema:name ?n }"
    response = httpx.get(
        f"{base_url}/sparql", params={"query": query}, headers={"Accept": "text/turtle"}
    )
    assert response.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    names = {str(o) for o in graph.objects(None, rdflib.URIRef("https://schema.org/name"))}
    assert {"Rifi", "Fatah al Islam", "Tripoli"} <= names


def test_real_sparql_clients_read_the_endpoint(base_url: str) -> None:
    wrapper = SPARQLWrapper(f"{base_url}/sparql")
    wrapper.setQuery(
        "SELECT ?name WHERE { ?e a <https://schema.org/Place> ; <https://schema.org/name> ?name }"
    )
    wrapper.setReturnFormat(JSON)
    result = wrapper.query().convert()
    assert [b["name"]["value"] for b in result["results"]["bindings"]] == ["Tripoli"]  # type: ignore[index]
    store = SPARQLStore(f"{base_url}/sparql", returnFormat="json")
    rows = list(
        store.query(
            "SELECT ?n WHERE { ?e a <https://schema.org/Organization> ; <https://schema.org/name> ?n }"
        )
    )
    assert [str(r[0]) for r in rows] == ["Fatah al Islam"]  # type: ignore[index]


def test_syntax_errors_and_updates_are_400(base_url: str) -> None:
    bad = httpx.get(f"{base_url}/sparql", params={"query": "SELECT WHERE {"})
    assert bad.status_code == 400 and "error" in bad.json()
    update = httpx.post(f"{base_url}/sparql", data={"query": "DELETE WHERE { ?s ?p ?o }"})
    assert update.status_code == 400
    assert (
        int(
            httpx.post(f"{base_url}/sparql", data={"query": COUNT}).json()["results"]["bindings"][
                0
            ]["n"]["value"]
        )
        > 0
    )


def test_service_queries_are_refused_and_reach_no_one(base_url: str) -> None:
    contacted: list[bytes] = []
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.5)
    port = listener.getsockname()[1]

    def watch() -> None:
        try:
            conn, _ = listener.accept()
            contacted.append(conn.recv(100))
            conn.close()
        except OSError:
            pass

    watcher = threading.Thread(target=watch)
    watcher.start()
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    response = httpx.get(f"{base_url}/sparql", params={"query": query})
    watcher.join()
    listener.close()
    assert response.status_code == 400
    assert "SERVICE is not allowed" in response.json()["error"]
    assert contacted == []


def test_entity_search_and_lookup(base_url: str) -> None:
    found = httpx.get(f"{base_url}/entities", params={"q": "fatah"}).json()["results"]
    assert [(e["id"], e["name"]) for e in found] == [
        ("organization/fatah-al-islam", "Fatah al Islam")
    ]
    entity = httpx.get(f"{base_url}/entities/organization/fatah-al-islam").json()
    assert entity["types"] == ["organization"]
    (mention,) = entity["mentions"]
    assert (mention["start"], mention["end"]) == (18, 32)
    assert httpx.get(f"{base_url}/entities/person/nobody").status_code == 404
    assert httpx.get(f"{base_url}/entities", params={"type": "planet"}).status_code == 400


def test_export_over_http_reads_back(base_url: str) -> None:
    response = httpx.get(f"{base_url}/export", params={"format": "graphml"})
    graph = nx.read_graphml(io.BytesIO(response.content))
    assert {"Rifi", "Tripoli"} <= {d.get("label") for _, d in graph.nodes(data=True)}
    assert httpx.get(f"{base_url}/export", params={"format": "pdf"}).status_code == 400
    listing = httpx.get(f"{base_url}/articles").json()["results"]
    assert [a["id"] for a in listing] == ["a1"]
    assert json.loads(httpx.get(f"{base_url}/openapi.json").text)["info"]["title"] == "newsgraph"


def test_service_description_and_dataset_parameters(base_url: str) -> None:
    description = httpx.get(f"{base_url}/sparql", headers={"Accept": "text/turtle"})
    assert description.status_code == 200
    graph = rdflib.Graph().parse(data=description.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert (None, sd.endpoint, rdflib.URIRef(f"{base_url}/sparql")) in graph
    assert (None, sd.feature, sd.UnionDefaultGraph) in graph
    # default-graph-uri picks the article's graph; an unknown graph is an empty default graph.
    graph_iri = "https://example.test/id/graph/a1"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    own = httpx.get(
        f"{base_url}/sparql", params={"query": count, "default-graph-uri": graph_iri}
    ).json()
    none = httpx.get(
        f"{base_url}/sparql", params={"query": count, "default-graph-uri": "urn:nothing"}
    ).json()
    assert int(own["results"]["bindings"][0]["n"]["value"]) > 10
    assert int(none["results"]["bindings"][0]["n"]["value"]) == 0
    named = httpx.get(
        f"{base_url}/sparql",
        params={
            "query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
            "named-graph-uri": graph_iri,
        },
    ).json()
    assert [b["g"]["value"] for b in named["results"]["bindings"]] == [graph_iri]


def test_protocol_misuse_is_a_client_error(base_url: str) -> None:
    two = httpx.get(f"{base_url}/sparql", params=[("query", COUNT), ("query", COUNT)])
    assert two.status_code == 400
    assert httpx.get(f"{base_url}/sparql", params={"update": "DROP ALL"}).status_code == 400
    form_update = httpx.post(f"{base_url}/sparql", data={"update": "DROP ALL"})
    assert form_update.status_code == 400 and "/update" in form_update.json()["error"]
    both = httpx.post(
        f"{base_url}/sparql",
        params={"query": COUNT},
        content=COUNT,
        headers={"Content-Type": "application/sparql-query"},
    )
    assert both.status_code == 400
    binary = httpx.post(
        f"{base_url}/sparql",
        content=b"\xff\xfe",
        headers={"Content-Type": "application/sparql-query"},
    )
    assert binary.status_code == 400
    wrong_type = httpx.post(
        f"{base_url}/sparql", content=COUNT, headers={"Content-Type": "text/plain"}
    )
    assert wrong_type.status_code == 415
    # No Accept header at all: SELECT answers SPARQL JSON, CONSTRUCT answers Turtle.
    bare = httpx.Client(headers={})
    select = bare.get(f"{base_url}/sparql", params={"query": COUNT}, headers={"Accept": ""})
    assert select.headers["content-type"].startswith("application/sparql-results+json")
    construct = bare.get(
        f"{base_url}/sparql",
        params={"query": "CONSTRUCT WHERE { ?s schema:name ?o }"},
        headers={"Accept": ""},
    )
    assert construct.headers["content-type"].startswith("text/turtle")


def test_oversized_requests_are_refused_before_they_are_read(base_url: str) -> None:
    import http.client
    from urllib.parse import quote, urlsplit

    where = urlsplit(base_url)
    many = [("query", COUNT)] + [("default-graph-uri", f"urn:g{i}") for i in range(65)]
    response = httpx.get(f"{base_url}/sparql", params=many)
    assert response.status_code == 400 and "dataset graphs" in response.json()["error"]
    # httpx refuses such URLs itself; the standard library's client sends them.
    connection = http.client.HTTPConnection(where.hostname or "127.0.0.1", where.port, timeout=30)
    connection.request("GET", "/sparql?query=" + quote("#" * 10_000 + "\nASK {}"))
    assert connection.getresponse().status == 414  # ours: long queries go by POST
    connection.close()
    connection = http.client.HTTPConnection(where.hostname or "127.0.0.1", where.port, timeout=30)
    connection.request("GET", "/sparql?query=" + quote("#" * 40_000 + "\nASK {}"))
    assert connection.getresponse().status in {400, 414}  # the HTTP parser's own line limit
    connection.close()
    # A body declared too large is refused from its headers, without being sent or read.
    connection = http.client.HTTPConnection(where.hostname or "127.0.0.1", where.port, timeout=30)
    connection.putrequest("POST", "/sparql")
    connection.putheader("Content-Type", "application/sparql-query")
    connection.putheader("Content-Length", str(64 * 1024 * 1024))
    connection.endheaders(b"ASK {}")
    assert connection.getresponse().status == 413
    connection.close()
    assert httpx.get(f"{base_url}/health").status_code == 200


def test_a_chunked_body_is_cut_off_at_the_limit(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    settings = Settings(store=tmp_path / "store", max_body_bytes=64 * 1024)

    def chunks() -> Iterator[bytes]:
        yield b"ASK {} #"
        for _ in range(1000):  # 16 MiB if it were all read
            yield b"#" * (16 * 1024)

    try:
        with serve_in_thread(create_app(settings, store)) as url:
            small = httpx.post(
                f"{url}/sparql",
                content=iter([b"ASK ", b"{}"]),
                headers={"content-type": "application/sparql-query"},
            )
            assert small.status_code == 200, small.text  # chunked, within the limit
            response = httpx.post(
                f"{url}/sparql",
                content=chunks(),
                headers={"content-type": "application/sparql-query"},
                timeout=30,
            )
            assert response.status_code == 413, response.text
            assert "over 65536 bytes" in response.json()["error"]
            assert httpx.get(f"{url}/health").status_code == 200
    finally:
        store.close()
