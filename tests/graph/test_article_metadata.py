"""An article's byline and outlet land in its graph: schema:author and schema:publisher."""

from __future__ import annotations

import dataclasses

import pyoxigraph as ox

from newsgraph.extract.extraction import Extraction
from newsgraph.graph.rdf import extraction_to_quads
from newsgraph.graph.vocab import IRIs, sparql_prologue


def test_byline_and_outlet_are_in_the_article_graph(seed_extraction: Extraction) -> None:
    article = dataclasses.replace(
        seed_extraction.article,
        url="https://www.daily.example/world/a1",
        byline="Jane Doe; John Roe",
        publisher="The Daily Example",
    )
    extraction = dataclasses.replace(seed_extraction, article=article)
    iris = IRIs()
    store = ox.Store()
    store.load(extraction_to_quads(extraction, iris).nquads.encode(), ox.RdfFormat.N_QUADS)
    rows = store.query(
        sparql_prologue()
        + """SELECT ?author ?outlet ?site ?incident WHERE { GRAPH ?g {
             ?a schema:author/schema:name ?author ;
                schema:publisher ?o . ?o a schema:Organization ; schema:name ?outlet ;
                schema:url ?site .
             OPTIONAL { ?incident schema:subjectOf ?a } } } ORDER BY ?author"""
    )
    found = [tuple(None if v is None else v.value for v in row) for row in rows]
    assert {row[0] for row in found} == {"Jane Doe", "John Roe"}
    assert {row[1:3] for row in found} == {("The Daily Example", "https://www.daily.example/")}
    # Incidents reach the outlet through their article.
    assert any(row[3] for row in found)
    # One outlet node per site, whatever the "www.": every article of the site shares it.
    assert str(next(iter(rows_outlets(store)))) == f"<{iris.outlet('daily.example')}>"


def rows_outlets(store: ox.Store) -> set[ox.NamedNode]:
    rows = store.query(
        sparql_prologue() + "SELECT ?o WHERE { GRAPH ?g { ?a schema:publisher ?o } }"
    )
    return {row[0] for row in rows}


def test_an_article_without_byline_or_outlet_gets_neither(seed_extraction: Extraction) -> None:
    nquads = extraction_to_quads(seed_extraction, IRIs()).nquads
    assert "schema.org/author" not in nquads and "schema.org/publisher" not in nquads
