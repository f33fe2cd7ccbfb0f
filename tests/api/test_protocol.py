"""The SPARQL 1.1 Protocol to the letter, on `newsgraph serve` with the embedded store and with
the default engine (a child Oxigraph server): the update dataset parameters, repeated
parameters, and URLs too long to take."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import httpx
import pytest

from newsgraph.graph.store import OxigraphStore
from newsgraph.graph.update_dataset import DatasetConflict, with_using_dataset
from tests.servers import newsgraph_serve

TOKEN = "protocol-token-3c9e1f"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SPARQL_UPDATE = {**AUTH, "Content-Type": "application/sparql-update"}
DATA = """INSERT DATA {
  GRAPH <urn:test:g1> { <urn:test:s> <urn:test:p> "one" . <urn:test:t> <urn:test:p> "kept" }
  GRAPH <urn:test:g2> { <urn:test:s> <urn:test:p> "two" . <urn:test:t> <urn:test:p> "kept" }
}"""
COPY = "INSERT {{ GRAPH <{out}> {{ <urn:test:s> <urn:test:copy> ?o }} }} WHERE {{ {where} }}"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


ENGINES = {
    "embedded": ["--engine", "embedded"],
    "default": [],
    "workers": ["--workers", "2"],
}


@pytest.fixture(scope="module", params=list(ENGINES))
def base_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """`newsgraph serve` over a store of two graphs: --engine embedded, the default, or the
    default with two worker processes."""
    path: Path = tmp_path_factory.mktemp(f"protocol-{request.param}") / "store"
    store = OxigraphStore(path)
    store.update(DATA)
    store.close()
    del store
    options = ["--no-seed", *ENGINES[request.param]]
    env = {"NEWSGRAPH_TOKEN": TOKEN, "NEWSGRAPH_CORS_ORIGINS": ""}
    with newsgraph_serve(path, *options, env=env) as (url, _):
        yield url


def _values(base_url: str, graph: str) -> list[str]:
    """The objects of the triples in `graph`, sorted."""
    answer = httpx.get(
        f"{base_url}/sparql",
        params={"query": f"SELECT ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} ORDER BY ?o"},
    )
    assert answer.status_code == 200, answer.text
    return [row["o"]["value"] for row in answer.json()["results"]["bindings"]]


def _size(base_url: str) -> int:
    answer = httpx.get(f"{base_url}/sparql", params={"query": COUNT}).json()
    return int(answer["results"]["bindings"][0]["n"]["value"])


def test_using_graph_uri_is_the_graph_the_where_clause_reads(base_url: str) -> None:
    update = COPY.format(out="urn:test:out:url", where="<urn:test:s> <urn:test:p> ?o")
    by_url = httpx.post(
        f"{base_url}/update",
        params={"using-graph-uri": "urn:test:g1"},
        content=update,
        headers=SPARQL_UPDATE,
    )
    assert by_url.status_code == 204, by_url.text
    assert _values(base_url, "urn:test:out:url") == ["one"]
    update = COPY.format(out="urn:test:out:form", where="<urn:test:s> <urn:test:p> ?o")
    by_form = httpx.post(
        f"{base_url}/update",
        data={"update": update, "using-graph-uri": "urn:test:g2"},
        headers=AUTH,
    )
    assert by_form.status_code == 204, by_form.text
    assert _values(base_url, "urn:test:out:form") == ["two"]
    both = COPY.format(out="urn:test:out:both", where="<urn:test:s> <urn:test:p> ?o")
    answer = httpx.post(
        f"{base_url}/update",
        data={"update": both, "using-graph-uri": ["urn:test:g1", "urn:test:g2"]},
        headers=AUTH,
    )
    assert answer.status_code == 204, answer.text
    assert _values(base_url, "urn:test:out:both") == ["one", "two"]


def test_using_named_graph_uri_is_the_graphs_of_graph_patterns(base_url: str) -> None:
    update = (
        "INSERT { GRAPH <urn:test:out:named> { ?g <urn:test:had> ?o } } "
        "WHERE { GRAPH ?g { <urn:test:s> <urn:test:p> ?o } }"
    )
    answer = httpx.post(
        f"{base_url}/update",
        params={"using-named-graph-uri": "urn:test:g2"},
        content=update,
        headers=SPARQL_UPDATE,
    )
    assert answer.status_code == 204, answer.text
    assert _values(base_url, "urn:test:out:named") == ["two"]
    # DELETE WHERE reads through them too: only g1's copy of the triple goes.
    delete = "DELETE WHERE { GRAPH ?g { <urn:test:t> <urn:test:p> ?o } }"
    answer = httpx.post(
        f"{base_url}/update",
        data={"update": delete, "using-named-graph-uri": "urn:test:g1"},
        headers=AUTH,
    )
    assert answer.status_code == 204, answer.text
    assert _values(base_url, "urn:test:g1") == ["one"]
    assert _values(base_url, "urn:test:g2") == ["kept", "two"]
    restore = 'INSERT DATA { GRAPH <urn:test:g1> { <urn:test:t> <urn:test:p> "kept" } }'
    assert httpx.post(f"{base_url}/update", data={"update": restore}, headers=AUTH).is_success


@pytest.mark.parametrize(
    "update",
    [
        COPY.format(out="urn:test:out:x", where="<urn:test:s> <urn:test:p> ?o").replace(
            "WHERE", "USING <urn:test:g2> WHERE"
        ),
        COPY.format(out="urn:test:out:x", where="<urn:test:s> <urn:test:p> ?o").replace(
            "WHERE", "USING NAMED <urn:test:g2> WHERE"
        ),
        "WITH <urn:test:g2> INSERT { <urn:test:s> <urn:test:copy> ?o } "
        "WHERE { <urn:test:s> <urn:test:p> ?o }",
    ],
    ids=["using", "using-named", "with"],
)
def test_dataset_parameters_with_using_or_with_in_the_update_are_refused(
    base_url: str, update: str
) -> None:
    before = _size(base_url)
    for parameter in ("using-graph-uri", "using-named-graph-uri"):
        answer = httpx.post(
            f"{base_url}/update",
            params={parameter: "urn:test:g1"},
            content=update,
            headers=SPARQL_UPDATE,
        )
        assert answer.status_code == 400, answer.text
        assert "using-graph-uri" in answer.json()["error"]
    assert _size(base_url) == before


def test_a_dataset_graph_that_is_no_iri_is_refused(base_url: str) -> None:
    update = COPY.format(out="urn:test:out:bad", where="<urn:test:s> <urn:test:p> ?o")
    answer = httpx.post(
        f"{base_url}/update",
        data={"update": update, "using-graph-uri": "not an iri"},
        headers=AUTH,
    )
    assert answer.status_code == 400 and "IRI" in answer.json()["error"]


def test_two_updates_are_refused_and_neither_runs(base_url: str) -> None:
    before = _size(base_url)
    first = 'INSERT DATA { GRAPH <urn:test:out:twice> { <urn:test:a> <urn:test:b> "1" } }'
    second = 'INSERT DATA { GRAPH <urn:test:out:twice> { <urn:test:a> <urn:test:b> "2" } }'
    in_the_form = httpx.post(f"{base_url}/update", data={"update": [first, second]}, headers=AUTH)
    assert in_the_form.status_code == 400, in_the_form.text
    assert "one 'update'" in in_the_form.json()["error"]
    url_and_form = httpx.post(
        f"{base_url}/update", params={"update": first}, data={"update": second}, headers=AUTH
    )
    assert url_and_form.status_code == 400
    url_and_body = httpx.post(
        f"{base_url}/update", params={"update": first}, content=second, headers=SPARQL_UPDATE
    )
    assert url_and_body.status_code == 400
    assert _size(base_url) == before


def test_two_queries_are_refused(base_url: str) -> None:
    query = "ASK { ?s ?p ?o }"
    by_get = httpx.get(f"{base_url}/sparql", params=[("query", query), ("query", query)])
    assert by_get.status_code == 400 and "query" in by_get.json()["error"]
    by_form = httpx.post(f"{base_url}/sparql", data={"query": [query, query]})
    assert by_form.status_code == 400
    url_and_form = httpx.post(f"{base_url}/sparql", params={"query": query}, data={"query": query})
    assert url_and_form.status_code == 400


def test_a_url_too_long_is_answered_414(base_url: str) -> None:
    where = urlsplit(base_url)
    for padding in (10_000, 200_000):
        connection = http.client.HTTPConnection(where.hostname or "", where.port, timeout=60)
        try:
            query = quote("ASK { ?s ?p ?o } #" + "x" * padding)
            connection.request("GET", f"/sparql?query={query}")
            response = connection.getresponse()
            assert response.status == 414, (padding, response.status)
            error = json.loads(response.read())["error"]
            assert "URL over 8192 characters" in error and "POST" in error
        finally:
            connection.close()
    assert httpx.get(f"{base_url}/health").json() == {"status": "ok"}


# The rewriting itself, for the embedded store


def test_using_clauses_go_before_each_where_and_nowhere_else() -> None:
    update = (
        "PREFIX ex: <urn:ex:> # WITH in a comment, USING too\n"
        'INSERT { GRAPH ex:out { ex:s ex:note "WHERE? USING?" } } WHERE { ?s ?p ?o } ;\n'
        "INSERT DATA { ex:a ex:b ex:c } ;\n"
        "delete { ?s ex:where ?o } where { ?s ex:where ?o . FILTER(?o < 3) } ;\n"
        "DROP SILENT GRAPH <urn:x> ;"
    )
    rewritten = with_using_dataset(update, ["urn:g1"], ["urn:g2"])
    using = "USING <urn:g1> USING NAMED <urn:g2> "
    assert rewritten == (
        "PREFIX ex: <urn:ex:> # WITH in a comment, USING too\n"
        f'INSERT {{ GRAPH ex:out {{ ex:s ex:note "WHERE? USING?" }} }} {using}WHERE {{ ?s ?p ?o }} ;\n'
        "INSERT DATA { ex:a ex:b ex:c } ;\n"
        f"delete {{ ?s ex:where ?o }} {using}where {{ ?s ex:where ?o . FILTER(?o < 3) }} ;\n"
        "DROP SILENT GRAPH <urn:x> ;"
    )
    assert with_using_dataset(update, [], []) == update


def test_delete_where_is_spelled_out_to_take_using() -> None:
    rewritten = with_using_dataset("DELETE WHERE { ?s <urn:p> ?o }", ["urn:g1"], [])
    assert rewritten == "DELETE { ?s <urn:p> ?o } USING <urn:g1> WHERE { ?s <urn:p> ?o }"


def test_with_using_dataset_refuses_what_the_protocol_refuses() -> None:
    for update in (
        "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "INSERT { ?s ?p ?o } USING <urn:g> WHERE { ?s ?p ?o }",
        "INSERT DATA { <urn:a> <urn:b> <urn:c> } ; "
        "INSERT { ?s ?p ?o } USING NAMED <urn:g> WHERE { GRAPH ?g { ?s ?p ?o } }",
    ):
        with pytest.raises(DatasetConflict):
            with_using_dataset(update, ["urn:g1"], [])
    with pytest.raises(ValueError, match="absolute IRI"):
        with_using_dataset("DELETE WHERE { ?s ?p ?o }", ["<urn:g1>"], [])
