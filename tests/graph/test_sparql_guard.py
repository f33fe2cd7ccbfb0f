"""The query guard's shortcut: what it lets through unparsed, the exact check lets through too."""

from __future__ import annotations

import pytest

from newsgraph.graph.sparql_guard import (
    QueryLimits,
    UnsafeQueryError,
    _plainly_small,
    _scan,
    check_query,
)

LIMITS = QueryLimits()

QUERIES = [
    "SELECT * WHERE { ?s ?p ?o } LIMIT 10",
    "PREFIX ex: <http://example.org/> SELECT ?service WHERE { ?service ex:SERVICE ?o }",
    'SELECT * WHERE { ?s ?p "SERVICE <http://127.0.0.1:9/> { }" } # SERVICE <http://x/>',
    "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { sErViCe ?endpoint { ?s ?p ?o } VALUES ?endpoint { <http://x/> } }",
    "SELECT * WHERE {" + " { ?s ?p ?o }" * 101 + " }",
    "SELECT * WHERE {" + " OPTIONAL { ?s ?p ?o }" * 101 + " }",
    "SELECT * WHERE { ?s " + "/".join(["<urn:p>"] * 120) + " ?o }",
    "SELECT * WHERE { ?s ?p ?o FILTER(" + " || ".join(["?o = 1"] * 300) + ") }",
    "SELECT (" + " + ".join(["1"] * 260) + " AS ?n) WHERE {}",
    "ASK { ?s <urn:p>* ?o }",
    "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
    "DESCRIBE <urn:x>",
    "SELECT ?name (COUNT(?m) AS ?n) WHERE { ?e <urn:name> ?name ; <urn:m> ?m } GROUP BY ?name",
    "LOAD <file:///etc/passwd>",
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
]


@pytest.mark.parametrize("query", QUERIES)
def test_what_the_shortcut_passes_the_exact_check_passes(query: str) -> None:
    _, operators, code = _scan(query)
    if not _plainly_small(code, operators, LIMITS):
        return
    # The exact check, as for a query that is not plainly small.
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    from newsgraph.graph.sparql_guard import _check_size, _has_service, _parsed

    algebra = _parsed("query", query, lambda q: translateQuery(parseQuery(q)))
    _check_size("query", algebra.algebra, LIMITS)
    assert not _has_service(algebra.algebra)


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * WHERE {" + " { ?s ?p ?o }" * 101 + " }", "patterns"),
        ("SELECT * WHERE {" + " OPTIONAL { ?s ?p ?o }" * 101 + " }", "patterns"),
        ("SELECT * WHERE { ?s ?p ?o FILTER(" + " || ".join(["?o"] * 501) + ") }", "operands"),
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "syntax"),
        ("SELECT * WHERE " + "{" * 41 + "}" * 41, "nests"),
    ],
)
def test_refused(query: str, reason: str) -> None:
    with pytest.raises(UnsafeQueryError, match=reason):
        check_query(query)


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * WHERE { ?s ?p "SERVICE <http://127.0.0.1:9/> { }" } # SERVICE <http://x/>',
        "PREFIX ex: <http://example.org/> SELECT ?service WHERE { ?service ex:SERVICE ?o }",
    ],
)
def test_service_in_names_strings_and_comments_is_no_service(query: str) -> None:
    check_query(query)


def test_the_scan_blanks_strings_iris_and_comments_in_linear_time() -> None:
    depth, operators, code = _scan('SELECT * { ?s <urn:a> "x { y" . # }\n FILTER(?s < ?o) }')
    assert (depth, operators) == (2, 2)  # '*' and '<'; not the IRI's brackets
    assert "urn" not in code and "x { y" not in code and "#" not in code
    # A '<' that opens no IRI is an operator, however many there are.
    assert _scan("<" * 50_000 + ">")[1] == 49_999
