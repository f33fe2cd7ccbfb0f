"""The embedded store on disk: reopening, stable IRIs, rdflib access, batch loads. The behaviours
every store shares (replace, delete, round trips, bound input) are in test_remote_store.py,
which runs them on this store too."""

from datetime import date
from pathlib import Path

import pytest
import rdflib
from spacy.language import Language

from newsgraph.extract.article import Article
from newsgraph.extract.extraction import Entity, Extraction, Mention, Sentence
from newsgraph.graph.ingest import IngestOptions, IngestStatus, ingest, ingest_extraction
from newsgraph.graph.rdf import extraction_to_quads
from newsgraph.graph.store import OxigraphStore
from newsgraph.graph.vocab import SDO, IRIs

IRI = IRIs("https://example.test/id/")


def _extraction(article_id: str, text: str, names: list[tuple[str, str]]) -> Extraction:
    """An extraction whose mentions are the first occurrence of each (name, type) in text."""
    mentions, entities = [], []
    for name, entity_type in names:
        start = text.index(name)
        key = f"{entity_type}/{name.lower().replace(' ', '-')}"
        mentions.append(Mention(start, start + len(name), name, entity_type, entity=key))
        entities.append(Entity(id=key, type=entity_type, name=name, mentions=[len(mentions) - 1]))
    return Extraction(
        article=Article(id=article_id, text=text, published=date(2007, 5, 28)),
        sentences=[Sentence(0, len(text))],
        mentions=mentions,
        entities=entities,
    )


def _rdflib_dataset(store: OxigraphStore) -> rdflib.Dataset:
    """The same store through rdflib's API (oxrdflib), as code written against rdflib sees it."""
    from oxrdflib import OxigraphStore as RdflibOxigraphStore

    return rdflib.Dataset(store=RdflibOxigraphStore(store=store.oxigraph), default_union=True)


def _count(store: OxigraphStore, sparql: str) -> int:
    (row,) = list(store.query(sparql))  # type: ignore[arg-type]
    return int(row[0].value)


def test_ingest_is_idempotent_and_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "store"
    store = OxigraphStore(path)
    extraction = _extraction(
        "a1", "Rifi spoke in Tripoli.", [("Rifi", "person"), ("Tripoli", "place")]
    )
    assert ingest_extraction(store, extraction, IRI).status is IngestStatus.ADDED
    size = store.triple_count()
    assert size > 0
    assert ingest_extraction(store, extraction, IRI).status is IngestStatus.UNCHANGED
    assert store.triple_count() == size
    store.close()
    del store
    reopened = OxigraphStore(path)
    assert reopened.triple_count() == size
    assert reopened.graph_names() == [IRI.graph("a1")]


def _entity_lines(nquads: str) -> list[str]:
    return sorted(line for line in nquads.splitlines() if "/entity/" in line.split(" ")[0])


def test_entity_iris_are_stable_across_runs() -> None:
    extraction = _extraction("a1", "Rifi spoke.", [("Rifi", "person")])
    first = extraction_to_quads(extraction, IRI).nquads
    second = extraction_to_quads(extraction, IRI).nquads
    assert _entity_lines(first) == _entity_lines(second)
    assert any(
        "<https://example.test/id/entity/person/rifi>" in line for line in _entity_lines(first)
    )


def test_quads_parse_with_rdflib_and_use_standard_terms() -> None:
    extraction = _extraction("a1", 'A "quoted" \\ name: Rifi.', [("Rifi", "person")])
    quads = extraction_to_quads(extraction, IRI)
    dataset = rdflib.Dataset()
    dataset.parse(data=quads.nquads, format="nquads")
    # Nothing goes to the default graph: everything lives in the article's own graph.
    assert {str(g) for *_, g in dataset.quads((None, None, None, None))} == {IRI.graph("a1")}
    graph = dataset.graph(rdflib.URIRef(IRI.graph("a1")))
    assert (rdflib.URIRef(IRI.entity("person/rifi")), rdflib.RDF.type, SDO.Person) in graph
    assert len(graph) == quads.quad_count


def test_the_store_is_reachable_through_rdflib(disk_store: OxigraphStore) -> None:
    ingest_extraction(disk_store, _extraction("a1", "Rifi spoke.", [("Rifi", "person")]), IRI)
    dataset = _rdflib_dataset(disk_store)
    people = set(dataset.subjects(rdflib.RDF.type, SDO.Person))
    assert people == {rdflib.URIRef(IRI.entity("person/rifi"))}


def test_many_new_articles_load_in_one_go_and_changed_ones_replace(
    disk_store: OxigraphStore,
) -> None:
    from newsgraph.graph.ingest import store_article_graphs

    first = [
        extraction_to_quads(
            _extraction(f"n{i}", f"Rifi spoke in Tripoli {i}.", [("Rifi", "person")]), IRI
        )
        for i in range(5)
    ]
    assert [r.status for r in store_article_graphs(disk_store, first)] == [IngestStatus.ADDED] * 5
    assert len(disk_store.graph_names()) == 5
    size = disk_store.triple_count()
    changed = extraction_to_quads(
        _extraction("n0", "Rifi left Tripoli.", [("Rifi", "person")]), IRI
    )
    results = store_article_graphs(disk_store, [first[1], changed])
    assert [r.status for r in results] == [IngestStatus.UNCHANGED, IngestStatus.REPLACED]
    assert len(disk_store.graph_names()) == 5 and disk_store.triple_count() == size
    texts = {row[0].value for row in disk_store.query("SELECT ?t WHERE { ?c nif:isString ?t }")}  # type: ignore[union-attr]
    assert "Rifi left Tripoli." in texts and "Rifi spoke in Tripoli 0." not in texts


def _table_files(path: Path) -> int:
    return len(list(path.glob("*.sst")))


def test_ingest_flushes_the_store_as_it_goes_not_all_at_close(
    tmp_path: Path, nlp: Language
) -> None:
    articles = [
        Article(
            id=f"f{n}", text=f"Police arrested {n + 2} men in Lisbon on Friday, officials said."
        )
        for n in range(3)
    ]
    seen = {}
    for every in (1, 10**9):
        path = tmp_path / f"every-{every}"
        store = OxigraphStore(path)
        opened = _table_files(path)
        options = IngestOptions(batch_size=1, flush_quads=every)
        report = ingest(store, articles, options, nlp=lambda: nlp)
        assert report.added == 3 and not report.errors
        # Before close: what a flush wrote is in table files; the rest only in the log.
        seen[every] = _table_files(path) - opened
        store.close()
    # Flushed after the write, each index it wrote has a table file; unflushed, the articles
    # are only in the log until the close.
    assert seen[1] > seen[10**9]


def test_flush_quads_must_be_positive(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    with pytest.raises(ValueError, match="flush_quads"):
        ingest(store, [], IngestOptions(flush_quads=0))
    store.close()
