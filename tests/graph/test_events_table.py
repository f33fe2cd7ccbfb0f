"""The events table: one row per incident, every column typed as the README documents it, as
RFC 4180 CSV and as JSON Lines, on the seed article."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import rdflib

from newsgraph.extract.extraction import Extraction
from newsgraph.graph.events_table import (
    ACTOR_ROLES,
    COLUMNS,
    FLOAT_COLUMNS,
    INT_COLUMNS,
    LIST_COLUMNS,
    ROLES,
    TABLE_COLUMNS,
    event_rows,
)
from newsgraph.graph.exporters import EXPORTERS, export
from newsgraph.graph.exporters.events import write_csv, write_jsonl
from newsgraph.graph.ingest import ingest_extraction
from newsgraph.graph.ontology import ontology
from newsgraph.graph.projection import Subgraph
from newsgraph.graph.queries import _select
from newsgraph.graph.store import OxigraphStore
from newsgraph.graph.vocab import NG, SEM
from tests.graph.test_store import IRI

SEED = "000_4c15246a69764410"
DATES = {"date", "begin", "end", "first_reported", "last_reported"}


@pytest.fixture(scope="module")
def seeded(
    tmp_path_factory: pytest.TempPathFactory, seed_extraction: Extraction
) -> Iterator[OxigraphStore]:
    store = OxigraphStore(tmp_path_factory.mktemp("events") / "store")
    ingest_extraction(store, seed_extraction, IRI)
    yield store
    store.close()


def _exported(store: OxigraphStore, fmt: str, part: Subgraph | None = None) -> bytes:
    buffer = io.BytesIO()
    export(store, fmt, buffer, part)
    return buffer.getvalue()


def _typed(column: str, text: str) -> Any:
    """A CSV cell read as the README says each column is typed."""
    if text == "":
        return [] if column in LIST_COLUMNS else None
    if column in LIST_COLUMNS:
        return text.split("; ")
    if column in INT_COLUMNS:
        return int(text)
    if column in FLOAT_COLUMNS:
        return float(text)
    if column in DATES:
        return date.fromisoformat(text).isoformat()
    return text


def _csv_rows(data: bytes) -> list[dict[str, Any]]:
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    header = next(reader)
    # The documented columns, then those of the cross-article merge.
    assert tuple(header) == TABLE_COLUMNS and TABLE_COLUMNS[: len(COLUMNS)] == COLUMNS
    return [dict(zip(header, map(_typed, header, row), strict=True)) for row in reader]


def _by_id(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["id"].removeprefix(f"{SEED}/"): row for row in rows}


def test_the_roles_are_the_ontologys() -> None:
    graph = ontology()
    event = rdflib.URIRef(str(SEM.Event))
    declared = {
        str(p).removeprefix(str(NG))
        for p in graph.subjects(rdflib.RDFS.domain, event)
        if (p, rdflib.RDFS.subPropertyOf, rdflib.URIRef(str(SEM.hasActor))) in graph
        or (p, rdflib.RDFS.subPropertyOf, rdflib.URIRef(str(SEM.hasPlace))) in graph
    }
    # ng:place, the incident's own place, is no role: the table's place columns hold it.
    assert declared == {*ROLES, "place"}
    assert set(ACTOR_ROLES) < set(ROLES)


def test_the_csv_is_rfc_4180_with_one_row_per_incident(
    seeded: OxigraphStore, seed_extraction: Extraction
) -> None:
    data = _exported(seeded, "events-csv")
    assert data.endswith(b"\r\n") and not data.endswith(b"\r\n\r\n")
    # Every line break outside a quoted field is CRLF (a sentence may hold a bare LF).
    records = list(csv.reader(io.StringIO(data.decode(), newline="")))
    # Only asserted incidents by default; every one on request.
    asserted = [i for i in seed_extraction.incidents if i.modality == "asserted"]
    assert 0 < len(asserted) < len(seed_extraction.incidents)
    assert len(records) == 1 + len(asserted)
    buffer = io.BytesIO()
    write_csv(seeded, buffer, modality=None)
    every = list(csv.reader(io.StringIO(buffer.getvalue().decode(), newline="")))
    assert len(every) == 1 + len(seed_extraction.incidents)
    assert data.count(b"\r\n") >= len(records)
    assert EXPORTERS["events-csv"][1] == "text/csv"


def test_every_column_reads_back_typed(seeded: OxigraphStore) -> None:
    rows = _by_id(_csv_rows(_exported(seeded, "events-csv")))
    clash = rows["armed_clash-1863"]
    assert clash["type"] == "armed_clash"
    assert (clash["acled"], clash["cameo"], clash["plover"]) == (
        ["Battles / Armed clash"],
        ["190"],
        ["ASSAULT"],
    )
    assert clash["cameo_related"] == ["193", "194"]
    assert (clash["date"], clash["begin"], clash["end"]) == (
        "2007-05-21",
        "2007-05-21",
        "2007-05-27",
    )
    assert (clash["time_precision"], clash["time"]) == ("week", "Last week")
    assert (clash["place"], clash["place_id"], clash["geonames_id"]) == (
        "Tripoli",
        "place/tripoli",
        "266826",
    )
    assert clash["latitude"] == pytest.approx(34.43352)
    assert clash["longitude"] == pytest.approx(35.84415)
    assert (clash["geo_precision"], clash["country_code"]) == ("site", "LB")
    assert clash["site"] == "a refugee camp near Tripoli"
    assert (clash["actor1"], clash["actor2"]) == ("Fatah al Islam", "Lebanese Army")
    assert (clash["actor1_id"], clash["actor2_id"]) == (
        "organization/fatah-al-islam",
        "organization/lebanese-army",
    )
    assert clash["victim"] == ["30 Lebanese soldiers"]
    assert (clash["victim_count"], clash["victim_count_qualifier"]) == (30, "more than")
    assert (clash["modality"], clash["attribution"]) == ("asserted", "Rifi")
    assert 0 < clash["confidence"] <= 1
    assert (clash["articles"], clash["first_reported"], clash["last_reported"]) == (
        1,
        "2007-05-28",
        "2007-05-28",
    )
    assert clash["trigger"] == ["battle", "killed", "fighting"]
    assert clash["evidence_sentence"].startswith("Last week, the Lebanese Army found itself")

    arrest = rows["arrest-3260"]
    assert (arrest["actor1"], arrest["actor2"], arrest["actor2_id"]) == (
        "Saudis",
        "172 alleged terrorists",
        None,
    )
    assert (arrest["detainee_count"], arrest["detainee_count_qualifier"]) == (172, "exactly")
    assert (arrest["date"], arrest["time"], arrest["time_precision"]) == (None, "recently", None)
    # A country's point is the mean of its populated places: inside Saudi Arabia.
    assert arrest["geo_precision"] == "country" and arrest["country_code"] == "SA"
    assert 16 < arrest["latitude"] < 32 and 34 < arrest["longitude"] < 56

    aid = rows["military_aid-2164"]
    assert (aid["date"], aid["time_precision"]) == ("2007-05-25", "day")
    assert aid["origin"] == ["United States"] and aid["place"] is None
    assert aid["places"] == ["United States"]

    summer = rows["killing-2425"]
    assert (summer["begin"], summer["end"], summer["time_precision"]) == (
        "2006-06-01",
        "2006-08-31",
        "season",
    )
    assert summer["victim"] == ["Abu Musab al-Zarqawi"]


def test_jsonl_holds_the_same_rows_with_json_types(seeded: OxigraphStore) -> None:
    lines = _exported(seeded, "events-jsonl").decode().splitlines()
    rows = [json.loads(line) for line in lines]
    assert all(tuple(row) == TABLE_COLUMNS for row in rows)
    csv_rows = _by_id(_csv_rows(_exported(seeded, "events-csv")))
    for row in rows:
        assert row == csv_rows[row["id"].removeprefix(f"{SEED}/")]


def test_the_table_follows_the_parts_of_the_graph(seeded: OxigraphStore) -> None:
    def ids(part: Subgraph) -> set[str]:
        return set(_by_id(_csv_rows(_exported(seeded, "events-csv", part))))

    assert ids(Subgraph(incident_types=frozenset({"arrest"}))) == {"arrest-3260"}
    # Last summer's killing is the one incident of July 2006; undated ones go by the article.
    assert ids(Subgraph(since=date(2006, 7, 1), until=date(2006, 7, 31))) == {"killing-2425"}
    assert "arrest-3260" in ids(Subgraph(since=date(2007, 5, 28)))
    assert ids(Subgraph(kinds=frozenset({"person"}))) == set()
    around = ids(Subgraph(focus=IRI.entity("organization/fatah-al-islam"), depth=1))
    assert "armed_clash-1863" in around and "arrest-3260" not in around


def test_rows_come_in_the_order_asked_and_skip_what_is_no_incident(
    seeded: OxigraphStore, seed_extraction: Extraction
) -> None:
    # The last incident, then the first: not the store's order.
    last, first_one = seed_extraction.incidents[-1], seed_extraction.incidents[0]
    first, second = (IRI.incident(SEED, incident.id) for incident in (last, first_one))
    rows = event_rows(seeded, [first, IRI.entity("place/iraq"), second])
    assert [row["iri"] for row in rows] == [first, second]
    assert event_rows(seeded, []) == []


def test_the_readme_documents_every_column() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Events table", 1)[1].split("\n## ", 1)[0]
    for column in TABLE_COLUMNS:
        role, counted, part = column.partition("_count")
        if counted and role in ACTOR_ROLES:
            # One row for the counts of every role: `attacker_count` … `vehicle_count`.
            first, last = ACTOR_ROLES[0], ACTOR_ROLES[-1]
            assert f"`{first}_count{part}` … `{last}_count{part}`" in section
            assert f"`{role}`" in section
        else:
            assert f"`{column}`" in section, column


def test_an_incidents_evidence_carries_its_sentence(seeded: OxigraphStore) -> None:
    from newsgraph.graph.queries import incident_detail

    detail = incident_detail(seeded, IRI.incident(SEED, "arrest-3260"))
    assert detail is not None
    (evidence,) = detail["evidence"]
    assert evidence["text"] == "arrested"
    assert evidence["sentence"].startswith("Saudis recently arrested 172 alleged terrorists")


def test_the_export_reads_a_batch_of_incidents_at_a_time(
    seeded: OxigraphStore, monkeypatch: pytest.MonkeyPatch, seed_extraction: Extraction
) -> None:
    import newsgraph.graph.events_table as table
    from newsgraph.graph.exporters import events

    asked: list[int] = []
    read = table.event_rows

    def counted(store: OxigraphStore, iris: list[str]) -> list[dict[str, Any]]:
        asked.append(len(iris))
        return read(store, iris)

    monkeypatch.setattr(table, "BATCH", 5)
    monkeypatch.setattr(events, "event_rows", counted)
    rows = events.rows(seeded, modality=None)
    next(rows)
    assert asked == [5]  # one batch read for the first row, not the whole table
    rest = list(rows)
    total = len(seed_extraction.incidents)
    assert total > 10 and len(rest) == total - 1
    assert asked == [5] * (total // 5) + ([total % 5] if total % 5 else [])


def test_the_place_of_every_seed_incident_is_the_extractions(
    seeded: OxigraphStore, seed_extraction: Extraction
) -> None:
    """The table's place is the incident's own (ng:place), never a guess among the places it
    names: the plot-3527 the extractor placed in Jordan names Algeria and Somalia too."""
    names = {entity.id: entity.name for entity in seed_extraction.entities}
    buffer = io.BytesIO()
    write_jsonl(seeded, buffer, modality=None)
    rows = _by_id([json.loads(line) for line in buffer.getvalue().splitlines()])
    assert len(rows) == len(seed_extraction.incidents)
    for incident in seed_extraction.incidents:
        row = rows[incident.id.removeprefix("incident/")]
        expected = (names[incident.place], incident.place) if incident.place else (None, None)
        assert (row["place"], row["place_id"]) == expected, incident.id
    plot = rows["plot-3527"]
    assert plot["place"] == "Jordan" and {"Algeria", "Somalia"} <= set(plot["places"])


def test_the_incidents_own_place_is_ng_place_and_one_of_its_places(
    seeded: OxigraphStore, seed_extraction: Extraction
) -> None:
    found = {
        (row["i"], row["place"])
        for row in _select(seeded, "SELECT ?i ?place WHERE { ?i ng:place ?place }")
    }
    assert found == {
        (IRI.incident(SEED, incident.id), IRI.entity(incident.place))
        for incident in seed_extraction.incidents
        if incident.place
    }
    assert not _select(
        seeded, "SELECT ?i WHERE { ?i ng:place ?p FILTER NOT EXISTS { ?i sem:hasPlace ?p } }"
    )
