"""One contract, three stores: embedded Oxigraph, the Oxigraph server, and Virtuoso.

The same behaviours as tests/graph/test_store.py, run on real servers over loopback, and the
lookups of graph/queries.py answering the same on every store.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
import pytest
from spacy.language import Language

from newsgraph.extract.extraction import Extraction
from newsgraph.graph.exporters.rdf import write_nquads, write_trig, write_turtle
from newsgraph.graph.ingest import IngestStatus, delete_article, ingest_extraction
from newsgraph.graph.queries import entity_by_key, list_articles, search_entities, stats
from newsgraph.graph.rdf import extraction_to_quads
from newsgraph.graph.remote import RemoteSparqlStore, read_prologue, with_prologue
from newsgraph.graph.store import GraphStore, OxigraphStore, QueryError, StoreError, is_graph_result
from tests.graph.test_store import IRI, _extraction
from tests.remote_servers import (  # the servers' fixtures, found by pytest in this module
    VIRTUOSO_MAX_ROWS,
    SparqlServer,
    free_port,
    oxigraph_server,  # noqa: F401
    virtuoso_server,  # noqa: F401
)

SERVER_FIXTURES = {"oxigraph-server": "oxigraph_server", "virtuoso": "virtuoso_server"}
GRAPHS = IRI.graph("")  # every test graph lies under this prefix
HOSTILE = '" } } DELETE WHERE { ?s ?p ?o } #'
TRICKY_TEXT = (
    "Fighting near Tripoli, said \"Rifi\" \\ 'Abssi'.\nSecond line\r\n"
    "with a tab\there, Beyrouth (بيروت), café, 漢字 and 😀 before Rifi again. \\n literal"
)


def _clear(store: GraphStore) -> None:
    for name in store.graph_names():
        store.remove_graph(name)


def _remote(server: SparqlServer, **options: Any) -> RemoteSparqlStore:
    return RemoteSparqlStore(
        server.query_url,
        server.update_url,
        auth=server.auth,
        timeout=120,
        # Virtuoso keeps its own graphs beside the data: the store's are those under GRAPHS.
        graph_prefix=GRAPHS if server.has_system_graphs else None,
        **options,
    )


def _remote_store(request: pytest.FixtureRequest, name: str) -> Iterator[RemoteSparqlStore]:
    """A store on a running server, emptied of test graphs before and after the test."""
    server: SparqlServer = request.getfixturevalue(SERVER_FIXTURES[name])
    remote = _remote(server)
    _clear(remote)
    try:
        yield remote
    finally:
        _clear(remote)
        remote.close()


@pytest.fixture(params=["embedded", "oxigraph-server", "virtuoso"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    if request.param == "embedded":
        embedded = OxigraphStore(tmp_path / "store")
        yield embedded
        embedded.close()
    else:
        yield from _remote_store(request, request.param)


@pytest.fixture(params=["oxigraph-server", "virtuoso"])
def remote(request: pytest.FixtureRequest) -> Iterator[RemoteSparqlStore]:
    yield from _remote_store(request, request.param)


def _names(store: GraphStore) -> set[str]:
    result = store.query("SELECT ?name WHERE { ?e ng:resolutionKey ?k ; schema:name ?name }")
    return {row["name"].value for row in result}  # type: ignore[union-attr]


def _fill(store: GraphStore) -> None:
    ingest_extraction(
        store,
        _extraction(
            "a1", "Rifi fought in Tripoli & Beirut.", [("Rifi", "person"), ("Tripoli", "place")]
        ),
        IRI,
    )
    ingest_extraction(
        store, _extraction("a2", "Tripoli <again>, said Rifi.", [("Tripoli", "place")]), IRI
    )
    ingest_extraction(store, _extraction("q", TRICKY_TEXT, [("Rifi", "person")]), IRI)


def _lookups(store: GraphStore) -> dict[str, Any]:
    """What graph/queries.py answers, in a form to compare across stores."""
    return {
        "stats": stats(store).to_json(),
        "search": search_entities(store, "R"),
        "search-rif": search_entities(store, "RIF"),
        "search-places": search_entities(store, "i", entity_type="place"),
        "rifi": entity_by_key(store, IRI.entity("person/rifi")),
        "tripoli": entity_by_key(store, IRI.entity("place/tripoli")),
        "nobody": entity_by_key(store, IRI.entity("person/nobody")),
        "articles": list_articles(store),
        "graphs": store.graph_names(),
    }


@pytest.fixture(scope="module")
def reference() -> dict[str, Any]:
    """The lookups on an in-memory embedded store: every store must answer the same."""
    memory = OxigraphStore()
    _fill(memory)
    return _lookups(memory)


def test_ingest_is_idempotent(store: GraphStore) -> None:
    extraction = _extraction(
        "a1", "Rifi spoke in Tripoli.", [("Rifi", "person"), ("Tripoli", "place")]
    )
    assert ingest_extraction(store, extraction, IRI).status is IngestStatus.ADDED
    size = store.triple_count()
    assert size > 0
    assert store.article_hash(IRI.article("a1")) == extraction.article.content_hash
    assert ingest_extraction(store, extraction, IRI).status is IngestStatus.UNCHANGED
    assert store.triple_count() == size
    assert store.graph_names() == [IRI.graph("a1")]


def test_changed_article_replaces_its_graph(store: GraphStore) -> None:
    ingest_extraction(
        store, _extraction("a1", "Rifi spoke in Tripoli.", [("Tripoli", "place")]), IRI
    )
    changed = _extraction("a1", "Rifi spoke in Beirut.", [("Beirut", "place")])
    assert ingest_extraction(store, changed, IRI).status is IngestStatus.REPLACED
    assert _names(store) == {"Beirut"}
    assert store.article_hash(IRI.article("a1")) == changed.article.content_hash


def test_deleting_an_article_keeps_what_others_assert(store: GraphStore) -> None:
    one = _extraction("a1", "Rifi spoke in Tripoli.", [("Tripoli", "place")])
    two = _extraction("a2", "Tripoli and Beirut.", [("Tripoli", "place"), ("Beirut", "place")])
    ingest_extraction(store, one, IRI)
    ingest_extraction(store, two, IRI)
    assert stats(store).entities == {"place": 2}
    assert delete_article(store, "a2", IRI)
    assert stats(store).entities == {"place": 1}
    tripoli = entity_by_key(store, IRI.entity("place/tripoli"))
    assert tripoli is not None
    assert [m["article"] for m in tripoli["mentions"]] == [IRI.article("a1")]
    assert delete_article(store, "a1", IRI)
    assert store.triple_count() == 0
    assert store.graph_names() == []
    assert store.article_hash(IRI.article("a1")) is None
    assert not delete_article(store, "a1", IRI)


def test_mentions_and_text_round_trip_exactly(store: GraphStore) -> None:
    extraction = _extraction("q", TRICKY_TEXT, [("Rifi", "person"), ("café", "place")])
    ingest_extraction(store, extraction, IRI)
    for key, name in [("person/rifi", "Rifi"), ("place/café", "café")]:
        found = entity_by_key(store, IRI.entity(key))
        assert found is not None and found["name"] == name
        (mention,) = found["mentions"]
        assert TRICKY_TEXT[mention["start"] : mention["end"]] == mention["text"] == name
    rows = list(store.query("SELECT ?t WHERE { ?c a nif:Context ; nif:isString ?t }"))  # type: ignore[arg-type]
    assert [row[0].value for row in rows] == [TRICKY_TEXT]
    # Unchanged text reads back unchanged: the second ingest is a no-op.
    assert ingest_extraction(store, extraction, IRI).status is IngestStatus.UNCHANGED


def test_lookups_answer_the_same_on_every_store(
    store: GraphStore, reference: dict[str, Any]
) -> None:
    _fill(store)
    assert _lookups(store) == reference


def test_an_empty_search_lists_every_entity(store: GraphStore) -> None:
    # Virtuoso 7.2 has CONTAINS(?x, "") false, where SPARQL has it true: the query says so.
    _fill(store)
    assert {row["name"] for row in search_entities(store, "")} == {"Rifi", "Tripoli"}


def test_construct_returns_triples(store: GraphStore) -> None:
    _fill(store)
    result = store.query(
        "CONSTRUCT { ?e schema:name ?n } WHERE { ?e ng:resolutionKey ?k ; schema:name ?n }"
    )
    assert is_graph_result(result)
    triples = set(result)  # type: ignore[arg-type]
    assert all(isinstance(t, ox.Triple) for t in triples)
    assert (
        ox.Triple(
            ox.NamedNode(IRI.entity("person/rifi")),
            ox.NamedNode("https://schema.org/name"),
            ox.Literal("Rifi"),
        )
        in triples
    )
    assert {t.object.value for t in triples} == {"Rifi", "Tripoli"}
    empty = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(false) }")
    assert list(empty) == []  # type: ignore[arg-type]


def test_ask_and_datasets(store: GraphStore) -> None:
    _fill(store)
    assert store.query("ASK { ?a a schema:NewsArticle }")
    assert not store.query("ASK { ?a a schema:Nothing }")
    only_a2 = store.query(
        "SELECT DISTINCT ?name WHERE { ?e ng:resolutionKey ?k ; schema:name ?name }",
        default_graphs=[IRI.graph("a2")],
    )
    assert [row["name"].value for row in only_a2] == ["Tripoli"]  # type: ignore[union-attr]
    per_graph = store.query(
        "SELECT ?g (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?g { ?e ng:resolutionKey ?k } }"
        " GROUP BY ?g ORDER BY ?g"
    )
    counts = {row["g"].value: int(row["n"].value) for row in per_graph}  # type: ignore[union-attr]
    assert counts == {IRI.graph("a1"): 2, IRI.graph("a2"): 1, IRI.graph("q"): 1}


def test_bound_hostile_text_finds_nothing_and_harms_nothing(store: GraphStore) -> None:
    _fill(store)
    size = store.triple_count()
    assert search_entities(store, HOSTILE) == []
    hostile = ox.Literal(HOSTILE)
    rows = store.query(f"SELECT ?e WHERE {{ VALUES ?n {{ {hostile} }} ?e schema:name ?n }}")
    assert list(rows) == []  # type: ignore[arg-type]
    assert [r["name"] for r in search_entities(store, "RIF")] == ["Rifi"]
    assert store.triple_count() == size


def test_queries_use_their_own_prologue(store: GraphStore) -> None:
    _fill(store)
    query = (
        "# a comment\nBASE <https://example.test/id/>\n"
        "PREFIX schema: <https://schema.org/>\nPREFIX s: <https://schema.org/>\n"
        "SELECT DISTINCT ?n WHERE { <entity/person/rifi> s:name ?n ; a schema:Person ; ng:resolutionKey ?k }"
    )
    assert [row["n"].value for row in store.query(query)] == ["Rifi"]  # type: ignore[union-attr]


def test_bad_queries_raise_query_error(store: GraphStore) -> None:
    with pytest.raises(QueryError):
        store.query("SELECT ?s WHERE { ?s ?p ")
    with pytest.raises(QueryError):
        store.query("INSERT DATA { GRAPH <https://example.test/g> { <urn:a> <urn:b> <urn:c> } }")
    assert store.graph_names() == []


_NON_NEGATIVE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")
_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_TIMES = {"http://www.w3.org/ns/prov#endedAtTime", "http://www.w3.org/ns/prov#generatedAtTime"}


def _comparable(quads: Iterable[ox.Quad]) -> set[ox.Quad]:
    """Quads without the times of extraction and generation (two ingests that straddle a second
    differ in them), and with Oxigraph's reading of xsd:nonNegativeInteger: it stores such
    literals as xsd:integer, Virtuoso keeps the datatype written."""
    found = set()
    for quad in quads:
        if quad.predicate.value in _TIMES:
            continue
        term = quad.object
        if isinstance(term, ox.Literal) and term.datatype == _NON_NEGATIVE:
            term = ox.Literal(term.value, datatype=_INTEGER)
        found.add(ox.Quad(quad.subject, quad.predicate, term, quad.graph_name))
    return found


def test_rdf_exports_hold_the_store(store: GraphStore) -> None:
    _fill(store)
    memory = OxigraphStore()
    _fill(memory)
    expected = _comparable(memory.quads())

    def read(writer: Any, format: ox.RdfFormat) -> set[ox.Quad]:
        buffer = io.BytesIO()
        writer(store, buffer)
        return _comparable(ox.parse(buffer.getvalue(), format=format))

    assert read(write_nquads, ox.RdfFormat.N_QUADS) == expected
    assert read(write_trig, ox.RdfFormat.TRIG) == expected
    triples = {q.triple for q in read(write_turtle, ox.RdfFormat.TURTLE)}
    assert triples == {q.triple for q in expected}


def test_the_seed_article_reads_the_same_on_every_store(
    store: GraphStore, seed_extraction: Extraction
) -> None:
    from newsgraph.graph.ingest import store_article_graph

    # One set of quads for both stores: two builds would differ in their generation times.
    quads = extraction_to_quads(seed_extraction, IRI)
    assert store_article_graph(store, quads).status is IngestStatus.ADDED
    memory = OxigraphStore()
    store_article_graph(memory, quads)
    assert store.triple_count() == memory.triple_count()
    for lookup in (stats, list_articles):
        assert lookup(store) == lookup(memory)
    for text in ("abssi", "a", "Leb"):
        assert search_entities(store, text, limit=1000) == search_entities(memory, text, limit=1000)
    keys = [row["entity"] for row in search_entities(memory, "a", limit=1000)]
    assert keys and all(entity_by_key(store, key) == entity_by_key(memory, key) for key in keys)
    exported = io.BytesIO()
    write_nquads(store, exported)
    assert _comparable(ox.parse(exported.getvalue(), format=ox.RdfFormat.N_QUADS)) == (
        _comparable(memory.quads())
    )


# The remote store only


def test_large_graphs_go_in_several_requests(remote: RemoteSparqlStore) -> None:
    text = " ".join(f"Name{i} met Rifi." for i in range(40))
    extraction = _extraction("big", text, [(f"Name{i}", "person") for i in range(40)])
    remote.max_triples_per_update = 7
    assert ingest_extraction(remote, extraction, IRI).status is IngestStatus.ADDED
    size = remote.triple_count()
    memory = OxigraphStore()
    ingest_extraction(memory, extraction, IRI)
    assert size == memory.triple_count() > 7 * 5
    assert remote.article_hash(IRI.article("big")) == extraction.article.content_hash
    assert ingest_extraction(remote, extraction, IRI).status is IngestStatus.UNCHANGED
    changed = _extraction("big", text + " Beirut.", [("Beirut", "place")])
    assert ingest_extraction(remote, changed, IRI).status is IngestStatus.REPLACED
    assert _names(remote) == {"Beirut"}


def test_a_write_that_fails_keeps_no_half_graph_with_a_hash(remote: RemoteSparqlStore) -> None:
    extraction = _extraction("a1", "Rifi spoke.", [("Rifi", "person")])
    ingest_extraction(remote, extraction, IRI)
    size = remote.triple_count()
    graph, article = IRI.graph("a1"), IRI.article("a1")
    content_hash = f'<{article}> <https://w3id.org/newsgraph/ontology#contentHash> "new" .\n'
    good = "<urn:a> <urn:p> <urn:b> .\n<urn:a> <urn:p> <urn:c> .\n"
    broken = '<urn:a> <urn:p> "no end .\n'
    remote.max_triples_per_update = 2
    # The first request fails: nothing changes, the previous version stays.
    with pytest.raises(StoreError, match="cannot write graph"):
        remote.replace_graph(graph, "", broken + good + content_hash)
    assert remote.triple_count() == size
    assert remote.article_hash(article) == extraction.article.content_hash
    # A later request fails: the partly written graph goes, and it never had a hash.
    with pytest.raises(StoreError, match="cannot write graph"):
        remote.replace_graph(graph, "", good + broken + content_hash)
    assert remote.article_hash(article) is None
    assert remote.graph_names() == []
    assert ingest_extraction(remote, extraction, IRI).status is IngestStatus.ADDED


def test_graph_names_come_in_pages(remote: RemoteSparqlStore) -> None:
    # More graphs than Virtuoso's row cap in the fixture, and pages smaller than it.
    ids = [f"n{i:02d}" for i in range(VIRTUOSO_MAX_ROWS + 5)]
    for article_id in ids:
        ingest_extraction(remote, _extraction(article_id, "Rifi.", [("Rifi", "person")]), IRI)
    expected = sorted(IRI.graph(article_id) for article_id in ids)
    for page_size in (7, 10_000):
        remote.page_size = page_size
        assert remote.graph_names() == expected


def test_a_select_cut_at_the_servers_cap_raises(request: pytest.FixtureRequest) -> None:
    server: SparqlServer = request.getfixturevalue("virtuoso_server")
    with _remote(server) as store:
        query = "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }"  # Virtuoso's own graphs are big
        with pytest.raises(QueryError, match="cut the answer at 25 rows"):
            store.query(query)
        assert len(list(store.query(query + " LIMIT 24"))) == 24  # type: ignore[arg-type]


def test_the_content_hash_goes_last() -> None:
    extraction: Extraction = _extraction("a1", "Rifi spoke.", [("Rifi", "person")])
    ntriples = extraction_to_quads(extraction, IRI).ntriples
    store = RemoteSparqlStore(
        "http://127.0.0.1:9/q", "http://127.0.0.1:9/u", max_triples_per_update=3
    )
    chunks = list(store._chunks(ntriples))
    store.close()
    assert len(chunks) > 2 and "".join(chunks).count("\n") == ntriples.count("\n")
    assert all("contentHash" not in chunk for chunk in chunks[:-1])
    assert "contentHash" in chunks[-1]


def test_prologue_adds_only_undeclared_prefixes() -> None:
    query = "#c\nBASE <x:/> prefix schema: <https://s/>\n PREFIX : <u:> ask {}"
    declared, form, end = read_prologue(query)
    assert declared == {"schema", ""} and form == "ASK" and query[end:] == "ask {}"
    assert read_prologue("INSERT DATA { }") == (set(), None, 0)
    added = with_prologue(query)
    assert added.startswith(query[:end]) and added.endswith(
        "PREFIX ng: <https://w3id.org/newsgraph/ontology#>\nask {}"
    )
    assert added.lower().count("prefix schema:") == 1 and "PREFIX rdf:" in added
    assert with_prologue("SELECT * {}").startswith("PREFIX rdf:")


def test_unreachable_server_raises_store_error() -> None:
    port = free_port()
    with (
        RemoteSparqlStore(
            f"http://127.0.0.1:{port}/query", f"http://127.0.0.1:{port}/update", timeout=5
        ) as store,
        pytest.raises(StoreError, match="cannot reach"),
    ):
        store.triple_count()


def test_wrong_credentials_raise_store_error(request: pytest.FixtureRequest) -> None:
    server: SparqlServer = request.getfixturevalue("virtuoso_server")
    store = RemoteSparqlStore(
        server.query_url,
        server.update_url,
        auth=httpx.DigestAuth("dba", "wrong"),
        graph_prefix=GRAPHS,
    )
    with store, pytest.raises(StoreError, match="refused"):
        store.replace_graph(IRI.graph("x"), "", "<urn:a> <urn:b> <urn:c> .\n")


def test_the_cli_uses_a_remote_store_when_configured(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import json

    from newsgraph.api.cli import main

    server: SparqlServer = request.getfixturevalue("oxigraph_server")
    request.addfinalizer(lambda: _clear(_remote(server)))
    monkeypatch.setenv("NEWSGRAPH_SPARQL_QUERY_URL", server.query_url)
    monkeypatch.setenv("NEWSGRAPH_SPARQL_UPDATE_URL", server.update_url)
    monkeypatch.setenv("NEWSGRAPH_STORE", str(tmp_path / "unused"))
    article = tmp_path / "a.json"
    article.write_text(
        json.dumps({"id": "remote-one", "text": "Officials in Baghdad met reporters."})
    )
    assert main(["ingest", str(article), "--quiet"]) == 0
    capsys.readouterr()
    assert main(["query", "--format", "csv", "SELECT ?id WHERE { ?a schema:identifier ?id }"]) == 0
    assert "remote-one" in capsys.readouterr().out
    assert not (tmp_path / "unused").exists()


def _incident_lookups(store: GraphStore) -> dict[str, Any]:
    from newsgraph.graph.queries import (
        entity_relations,
        find_incidents,
        incident_detail,
        neighbourhood,
    )
    from tests.api.test_incidents import _fighting
    from tests.graph.test_queries import _chain

    ingest_extraction(store, _fighting(), IRI)
    ingest_extraction(store, _chain(), IRI)
    (incident,) = find_incidents(store)
    detail = incident_detail(store, incident["iri"])
    assert detail is not None
    detail["roles"] = sorted(detail["roles"], key=lambda r: (r["role"], r["name"]))
    return {
        "all": find_incidents(store),
        "in-lebanon": find_incidents(store, place=IRI.entity("place/lebanon")),
        "by-actor": find_incidents(store, actor=IRI.entity("organization/fatah-al-islam")),
        "in-may": find_incidents(store, since="2007-05-01", until="2007-05-31"),
        "detail": detail,
        "relations": entity_relations(store, IRI.entity("person/shakir-al-abssi")),
        "neighbourhood": neighbourhood(store, IRI.entity("person/shakir-al-abssi"), 2),
    }


def test_incident_and_relation_lookups_answer_the_same_on_every_store(store: GraphStore) -> None:
    memory = OxigraphStore()
    expected = _incident_lookups(memory)
    assert len(expected["in-lebanon"]) == 1 and len(expected["in-may"]) == 1
    assert _incident_lookups(store) == expected


def test_incidents_merge_the_same_on_every_store(store: GraphStore, nlp: Language) -> None:
    """The merge's reading (candidates by day, a place's facts from one graph) and writing
    give the same merged incidents on every store, as ingest makes them, as `merge.rebuild`
    makes them again, and after a delete."""
    from newsgraph.extract.pipeline import extract_articles
    from newsgraph.graph import merge
    from newsgraph.graph.ingest import store_article_graph
    from tests.graph.test_merge import FIRST, OTHER, SECOND

    graphs = [extraction_to_quads(e, IRI) for e in extract_articles([FIRST, SECOND, OTHER], nlp)]
    memory = OxigraphStore()
    for graph in graphs:
        store_article_graph(store, graph)
        store_article_graph(memory, graph)

    def merged(target: GraphStore) -> set[frozenset[str]]:
        found: dict[str, set[str]] = {}
        for row in merge._select(
            target,
            "SELECT ?m ?a WHERE { ?m a ng:MergedIncident ; ng:hasMember ?i ."
            " ?i prov:wasDerivedFrom ?a }",
        ):
            found.setdefault(str(row["m"]), set()).add(str(row["a"]))
        return {frozenset(articles) for articles in found.values()}

    expected = {frozenset({IRI.article(FIRST.id), IRI.article(SECOND.id)})}
    assert merged(memory) == merged(store) == expected
    merge.rebuild(store, IRI)
    assert merged(store) == expected
    assert delete_article(store, FIRST.id, IRI)
    assert merged(store) == set()
