"""One incident across articles (graph/merge.py), on a real Oxigraph store on a temp folder:
two reports of one clash merge, a third about another clash stays apart, a delete splits, a
changed article moves its support, re-ingest changes nothing, counts keep every report."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest
from spacy.language import Language

from newsgraph.api.lookups import IncidentFilter, Lookups
from newsgraph.extract.article import Article
from newsgraph.graph import merge
from newsgraph.graph.events_table import TABLE_COLUMNS, event_rows
from newsgraph.graph.exporters import events
from newsgraph.graph.ingest import IngestOptions, delete_article, ingest
from newsgraph.graph.ontology import incident_types
from newsgraph.graph.queries import _select, find_incidents
from newsgraph.graph.store import OxigraphStore
from newsgraph.graph.vocab import IRIs

IRI = IRIs()

# Two wire reports of one clash in Tripoli, and one of another clash, in Aleppo, that day.
FIRST = Article(
    id="wire-a/clash",
    text=(
        "Fighters of Fatah al-Islam clashed with the Lebanese Army in Tripoli on Sunday, "
        "killing 30 soldiers, a military spokesman said."
    ),
    title="Clash in Tripoli",
    published=date(2007, 5, 21),
    url="https://wire-a.example/clash",
)
SECOND = Article(
    id="wire-b/clash",
    text=(
        "The Lebanese Army fought Fatah al-Islam militants in Tripoli on May 20, and 34 "
        "soldiers were killed in the battle, officials said."
    ),
    title="Battle in Tripoli",
    published=date(2007, 5, 21),
    url="https://wire-b.example/battle",
)
OTHER = Article(
    id="wire-c/aleppo",
    text="Rebels clashed with Syrian troops in Aleppo on Sunday, killing 12 soldiers.",
    title="Clash in Aleppo",
    published=date(2007, 5, 21),
    url="https://wire-c.example/aleppo",
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[OxigraphStore]:
    opened = OxigraphStore(tmp_path / "store")
    yield opened
    opened.close()


def _ingest(store: OxigraphStore, nlp: Language, *articles: Article) -> None:
    report = ingest(store, list(articles), nlp=lambda: nlp)
    assert not report.errors


def _merged(store: OxigraphStore) -> dict[str, set[str]]:
    """Every merged incident with its members' article IRIs."""
    found: dict[str, set[str]] = {}
    for row in _select(
        store,
        """SELECT ?m ?article WHERE { ?m a ng:MergedIncident ; ng:hasMember ?i .
             ?i prov:wasDerivedFrom ?article . ?article a schema:NewsArticle }""",
    ):
        found.setdefault(row["m"], set()).add(row["article"])
    return found


def _clash(store: OxigraphStore, article: Article) -> str:
    rows = _select(
        store,
        """SELECT ?i WHERE { ?i a sem:Event ; sem:eventType ?t ; prov:wasDerivedFrom ?a .
             FILTER(?t IN (<https://w3id.org/newsgraph/incident-type/armed_clash>,
                           <https://w3id.org/newsgraph/incident-type/killing>,
                           <https://w3id.org/newsgraph/incident-type/attack>)) }""".replace(
            "?a .", f"{ox.NamedNode(IRI.article(article.id))} ."
        ),
    )
    assert rows, f"no clash extracted from {article.id}"
    return str(rows[0]["i"])


def test_two_reports_of_one_clash_merge_and_another_stays_apart(
    store: OxigraphStore, nlp: Language
) -> None:
    _ingest(store, nlp, FIRST, OTHER)
    assert _merged(store) == {}
    _ingest(store, nlp, SECOND)  # joins without rebuilding anything
    merged = _merged(store)
    assert list(merged.values()) == [{IRI.article(FIRST.id), IRI.article(SECOND.id)}]
    # The articles' own incidents stay as they were, each with its evidence.
    for article in (FIRST, SECOND, OTHER):
        assert _clash(store, article)
    (node,) = merged
    (row,) = event_rows(store, [node])
    assert (row["articles"], row["sources"]) == (2, 2)
    assert row["id"].startswith("merged/") and len(row["reports"]) == 2
    assert row["first_reported"] == row["last_reported"] == "2007-05-21"
    # 30 killed in one, 34 in the other: both stay, each with its source, and the range.
    assert row["count_ranges"] == ["victim 30-34"]
    assert row["victim_count"] == 30
    assert sorted(row["counts_reported"]) == [
        f"victim 30 (exactly) in {FIRST.id}",
        f"victim 34 (exactly) in {SECOND.id}",
    ]
    # The members point at it.
    (member,) = event_rows(store, [_clash(store, FIRST)])
    assert member["merged_into"] == row["id"]


def test_merged_incident_in_lists_table_and_detail(store: OxigraphStore, nlp: Language) -> None:
    _ingest(store, nlp, FIRST, SECOND, OTHER)
    lookups = Lookups(store, IRI)
    listed = lookups.incidents(IncidentFilter(type="armed_clash"), limit=None)
    merged = [row for row in listed if row["id"].startswith("merged/")]
    assert len(merged) == 1 and merged[0]["articles"] == 2
    per_article = lookups.incidents(IncidentFilter(type="armed_clash", merged=False), limit=None)
    assert len(per_article) == len(listed) + 1
    # The detail keeps every article's evidence and counts, each with its article.
    article_id, local = merged[0]["id"].split("/", 1)
    detail = lookups.incident(article_id, local)
    assert detail is not None
    reports = {report["article"]: report for report in detail["by_article"]}
    assert set(reports) == {IRI.article(FIRST.id), IRI.article(SECOND.id)}
    assert all(report["evidence"] for report in reports.values())
    assert [c["quantity"] for c in reports[IRI.article(FIRST.id)]["counts"]] == [30]
    assert [c["quantity"] for c in reports[IRI.article(SECOND.id)]["counts"]] == [34]
    # The events export: one row for the clash, with the table's columns.
    out = io.BytesIO()
    events.write_csv(store, out)
    table = list(csv.DictReader(io.StringIO(out.getvalue().decode())))
    assert tuple(table[0]) == TABLE_COLUMNS
    tripoli = [row for row in table if row["place"] == "Tripoli"]
    assert len(tripoli) == 1
    assert (tripoli[0]["articles"], tripoli[0]["sources"]) == ("2", "2")
    out = io.BytesIO()
    events.write_csv(store, out, merged=False)
    per_row = list(csv.DictReader(io.StringIO(out.getvalue().decode())))
    assert len([row for row in per_row if row["place"] == "Tripoli"]) == 2


def test_a_list_read_across_a_write_leaves_out_what_the_write_removed(
    store: OxigraphStore, nlp: Language
) -> None:
    """A list is two readings (the incidents, then their table columns); a write between them
    that drops a merged incident (here a delete, as the load test's writers do) leaves it out
    of the list instead of answering it without its columns."""
    _ingest(store, nlp, FIRST, SECOND, OTHER)
    lookups = Lookups(store, IRI)
    found = find_incidents(store, incident_type="armed_clash", limit=None, merged=True)
    merged_iris = {item["iri"] for item in found if merge.is_merged_iri(IRI, item["iri"])}
    assert len(merged_iris) == 1
    assert delete_article(store, SECOND.id, IRI)
    listed = lookups._with_columns(found)
    assert {item["iri"] for item in listed} == {item["iri"] for item in found} - merged_iris
    assert listed and all("id" in item and "articles" in item for item in listed)


def test_delete_removes_support_and_keeps_the_other_report(
    store: OxigraphStore, nlp: Language
) -> None:
    _ingest(store, nlp, FIRST, SECOND, OTHER)
    assert len(_merged(store)) == 1
    assert delete_article(store, SECOND.id, IRI)
    assert _merged(store) == {}
    # The other article's incident is whole, alone again.
    (row,) = event_rows(store, [_clash(store, FIRST)])
    assert (row["articles"], row["merged_into"]) == (1, None)
    assert not [g for g in store.graph_names() if "/graph/merged/" in g]


def test_three_reports_lose_one_and_stay_merged(store: OxigraphStore, nlp: Language) -> None:
    third = Article(
        id="wire-d/clash",
        text="Fatah al-Islam fighters and the Lebanese Army clashed in Tripoli on Sunday.",
        published=date(2007, 5, 22),
    )
    _ingest(store, nlp, FIRST, SECOND, third)
    assert [len(m) for m in _merged(store).values()] == [3]
    delete_article(store, SECOND.id, IRI)
    assert list(_merged(store).values()) == [{IRI.article(FIRST.id), IRI.article(third.id)}]


def test_reingest_is_idempotent_and_a_change_moves_support(
    store: OxigraphStore, nlp: Language
) -> None:
    _ingest(store, nlp, FIRST, SECOND, OTHER)
    before = sorted(store.quads(), key=str)
    _ingest(store, nlp, FIRST, SECOND, OTHER)
    assert sorted(store.quads(), key=str) == before
    # The second article changes: now it reports the Aleppo clash, not Tripoli's.
    changed = Article(
        id=SECOND.id,
        text="Rebels fought Syrian troops in Aleppo on Sunday, killing 11 soldiers.",
        published=SECOND.published,
        url=SECOND.url,
    )
    _ingest(store, nlp, changed)
    assert list(_merged(store).values()) == [{IRI.article(OTHER.id), IRI.article(SECOND.id)}]


def test_merge_does_not_depend_on_order(tmp_path: Path, nlp: Language) -> None:
    third = Article(
        id="wire-d/clash",
        text="Fatah al-Islam fighters and the Lebanese Army clashed in Tripoli on Sunday.",
        published=date(2007, 5, 22),
    )
    seen = []
    for number, order in enumerate(([FIRST, SECOND, OTHER, third], [third, OTHER, SECOND, FIRST])):
        store = OxigraphStore(tmp_path / f"s{number}")
        for article in order:
            _ingest(store, nlp, article)
        seen.append(sorted(frozenset(m) for m in _merged(store).values()))
        store.close()
    assert seen[0] == seen[1] and seen[0]


def test_without_merge_option_nothing_is_merged(store: OxigraphStore, nlp: Language) -> None:
    ingest(store, [FIRST, SECOND], IngestOptions(merge=False), nlp=lambda: nlp)
    assert _merged(store) == {}


def test_merge_command_makes_the_layer_ingest_would_have(tmp_path: Path, nlp: Language) -> None:
    """`newsgraph merge` over a store loaded without merging gives the merged incidents that
    merging at ingest gives, drops the stale ones, and changes nothing when run again."""
    from newsgraph.api.cli import main

    third = Article(
        id="wire-d/clash",
        text="Fatah al-Islam fighters and the Lebanese Army clashed in Tripoli on Sunday.",
        published=date(2007, 5, 22),
    )
    articles = [FIRST, SECOND, OTHER, third]
    merged = OxigraphStore(tmp_path / "merged")
    _ingest(merged, nlp, *articles)
    expected = sorted(frozenset(m) for m in _merged(merged).values())
    merged.close()
    assert expected

    plain = OxigraphStore(tmp_path / "plain")
    ingest(plain, articles, IngestOptions(merge=False), nlp=lambda: nlp)
    assert _merged(plain) == {}
    # A stale merged incident, as left by other rules: it must go.
    stale = merge.read_mentions(plain, [_clash(plain, FIRST), _clash(plain, OTHER)])
    nquads = merge.merged_quads(IRI, "stale", list(stale.values()))
    plain.replace_graph(merge.merged_graph(IRI, "stale"), nquads, "")
    plain.close()
    seen = []
    for _ in range(2):
        assert main(["merge", "--store", str(tmp_path / "plain")]) == 0
        reopened = OxigraphStore(tmp_path / "plain")
        seen.append(sorted(frozenset(m) for m in _merged(reopened).values()))
        reopened.close()
    assert seen == [expected, expected]


def test_modality_filter_in_table_and_lists(store: OxigraphStore, nlp: Language) -> None:
    plot = Article(
        id="wire-e/plot",
        text="Police said militants plotted to bomb the airport in Amman on Friday.",
        published=date(2007, 5, 26),
    )
    _ingest(store, nlp, FIRST, plot)
    every = find_incidents(store, limit=None)
    modalities = {row["modality"] for row in every}
    assert "asserted" in modalities and modalities - {"asserted"}
    asserted = find_incidents(store, limit=None, modality="asserted")
    assert {row["modality"] for row in asserted} == {"asserted"}
    assert len(asserted) < len(every)
    # The events export keeps only asserted incidents unless asked.
    default = list(events.rows(store))
    assert {row["modality"] for row in default} == {"asserted"}
    assert len(list(events.rows(store, modality=None))) == len(every)


def _mention(iri: str, article: str, **changes: object) -> merge.Mention:
    base = merge.Mention(
        iri=iri,
        article=article,
        type=incident_types()["armed_clash"],
        begin=date(2007, 5, 20),
        end=date(2007, 5, 20),
        place=merge.Place("place/tripoli", kind="city", country="LB"),
        actors=frozenset({"org/fatah"}),
    )
    return merge.Mention(**{**base.__dict__, **changes})  # type: ignore[arg-type]


def test_rules_are_conservative() -> None:
    a = _mention("i/a", "a")
    assert merge.same_incident(a, _mention("i/b", "b"))
    # One article's two incidents never merge.
    assert not merge.same_incident(a, _mention("i/c", "a"))
    # Another type of incident, another city, another week, disjoint actors, a plan.
    lebanon = merge.Place("place/lebanon", kind="country", country="LB")
    syria = merge.Place("place/syria", kind="country", country="SY")
    assert not merge.same_incident(a, _mention("i/b", "b", type=incident_types()["arrest"]))
    assert not merge.same_incident(
        a, _mention("i/b", "b", place=merge.Place("place/beirut", kind="city", country="LB"))
    )
    assert not merge.same_incident(
        a, _mention("i/b", "b", begin=date(2007, 5, 27), end=date(2007, 5, 27))
    )
    assert not merge.same_incident(a, _mention("i/b", "b", actors=frozenset({"org/other"})))
    assert not merge.same_incident(a, _mention("i/b", "b", modality="planned"))
    assert not merge.same_incident(a, _mention("i/b", "b", place=syria))
    # Lebanon holds Tripoli: one level apart merges when actors are shared too.
    assert merge.same_incident(a, _mention("i/b", "b", place=lebanon))
    # Unresolved time never merges; nor does a year.
    assert not merge.same_incident(a, _mention("i/b", "b", begin=None, end=None))
    assert not merge.same_incident(
        a, _mention("i/b", "b", begin=date(2007, 1, 1), end=date(2007, 12, 31))
    )


def test_clustering_refuses_two_incidents_of_one_article() -> None:
    a, b, c = _mention("i/a", "a"), _mention("i/b", "b"), _mention("i/c", "b")
    groups = merge.cluster([c, a, b])
    assert len(groups) == 1 and len(groups[0]) == 2
    assert {m.article for m in groups[0]} == {"a", "b"}
    assert merge.cluster([a, b, c]) == groups


def test_merged_incident_pages(store: OxigraphStore, nlp: Language) -> None:
    import httpx

    from newsgraph.api.app import create_app
    from newsgraph.api.settings import Settings
    from tests.servers import serve_in_thread

    _ingest(store, nlp, FIRST, SECOND, OTHER)
    assert store.path is not None
    app = create_app(Settings(store=store.path, base_iri=IRI.base), store)
    with serve_in_thread(app) as url:

        def get(path: str, **params: str) -> httpx.Response:
            response = httpx.get(f"{url}{path}", params=params)
            assert response.status_code == 200, response.text
            return response

        listed = get("/incidents", type="armed_clash").json()["results"]
        (merged,) = [row for row in listed if row["id"].startswith("merged/")]
        assert (merged["articles"], merged["sources"]) == (2, 2)
        assert merged["count_ranges"] == ["victim 30-34"]
        per_article = get("/incidents", type="armed_clash", merged="false").json()["results"]
        assert len(per_article) == len(listed) + 1
        detail = get(f"/incidents/{merged['id']}").json()
        assert len(detail["by_article"]) == 2
        page = get(f"/view/incidents/{merged['id']}").text
        assert "2 articles from 2 sources" in page and "victim 30-34" in page
        listing = get("/view/incidents", type="armed_clash").text
        assert f"/view/incidents/{merged['id']}" in listing
        # An article's own incident still answers, and points at the merged one.
        own = get(f"/incidents/{detail['reports'][0]}").json()
        assert own["merged_into"] == merged["id"]
        assert f"/view/incidents/{merged['id']}" in get(f"/view/incidents/{own['id']}").text
        # An incident no other article reports has its page as before.
        alone = [row for row in listed if not row["id"].startswith("merged/")]
        assert alone and get(f"/view/incidents/{alone[0]['id']}").text


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_exports_name_the_merged_incident(
    store: OxigraphStore, nlp: Language, fmt: str
) -> None:
    import networkx as nx

    from newsgraph.graph.exporters import export

    _ingest(store, nlp, FIRST, SECOND, OTHER)
    buffer = io.BytesIO()
    export(store, fmt, buffer)
    buffer.seek(0)
    graph = nx.read_graphml(buffer) if fmt == "graphml" else nx.read_gexf(buffer)
    incidents = {n: d for n, d in graph.nodes(data=True) if d.get("kind") == "incident"}
    merged = {d.get("merged_into") for d in incidents.values() if d.get("merged_into")}
    assert len(merged) == 1
    members = [n for n, d in incidents.items() if d.get("merged_into")]
    assert {n.split("/incident/")[1].split("/")[0] for n in members} == {
        "wire-a%2Fclash",
        "wire-b%2Fclash",
    }


def test_cli_events_export_options(store: OxigraphStore, nlp: Language, tmp_path: Path) -> None:
    from newsgraph.api.cli import main

    plot = Article(
        id="wire-e/plot",
        text="Police said militants plotted to bomb the airport in Amman on Friday.",
        published=date(2007, 5, 26),
    )
    _ingest(store, nlp, FIRST, SECOND, plot)
    assert store.path is not None
    store.close()

    def exported(*options: str) -> list[dict[str, str]]:
        out = tmp_path / "events.csv"
        assert main(["export", "--store", str(store.path), "--format", "events-csv",
                     "-o", str(out), *options]) == 0  # fmt: skip
        return list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))

    default = exported()
    assert {row["modality"] for row in default} == {"asserted"}
    assert sum(row["id"].startswith("merged/") for row in default) == 1
    every = exported("--all-modalities")
    assert len(every) > len(default) and {row["modality"] for row in every} > {"asserted"}
    per_article = exported("--per-article")
    assert not any(row["id"].startswith("merged/") for row in per_article)
    assert len(per_article) == len(default) + 1
