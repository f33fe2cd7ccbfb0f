"""The `newsgraph` command, run in-process on real files and a real store folder."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from newsgraph.api.cli import build_parser, main
from newsgraph.api.engine import oxigraph_command
from newsgraph.extract.resources import ARTICLES_DIR
from newsgraph.graph.store import OxigraphStore

COUNT_IN_GRAPHS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _count(store: Path, capsys: pytest.CaptureFixture[str]) -> int:
    assert main(["query", "--store", str(store), "--format", "csv", COUNT_IN_GRAPHS]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out.strip())))
    return int(rows[1][0])


def test_every_verb_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    verbs = ["ingest", "extract", "query", "export", "serve", "stats", "merge", "train", "eval"]
    for verb in verbs:
        with pytest.raises(SystemExit) as exit_info:
            main([verb, "--help"])
        assert exit_info.value.code == 0
        assert f"usage: newsgraph {verb}" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["eval", "model", "--help"])
    assert "usage: newsgraph eval model" in capsys.readouterr().out
    assert set(verbs) <= set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]


def test_train_refuses_bad_options_before_training(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A corpus the mix does not have, or a step count below one, stops `train` with a clear
    error before any conversion or training starts, and writes nothing."""
    out = tmp_path / "model"
    base = ["train", "--corpora", str(tmp_path), "--output", str(out), "--ner-only"]
    assert main([*base, "--without", "re3d", "--without", "nosuch"]) == 1
    assert "--without nosuch: not a corpus of the NER mix" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main([*base, "--ner-steps", "0"])
    assert exit_info.value.code == 2
    assert "--ner-steps" in capsys.readouterr().err
    assert main([*base[:-1], "--continue-from", str(tmp_path)]) == 1
    assert "--continue-from goes with --ner-only" in capsys.readouterr().err
    assert main([*base, "--continue-from", str(tmp_path)]) == 1
    assert "not a spaCy pipeline" in capsys.readouterr().err
    assert not out.exists() and not (tmp_path / ".training").exists()


def test_ingest_twice_leaves_the_store_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store"
    assert main(["ingest", str(ARTICLES_DIR), "--store", str(store), "--quiet"]) == 0
    assert "1 added" in capsys.readouterr().out
    first = _count(store, capsys)
    assert first > 100
    assert main(["ingest", str(ARTICLES_DIR), "--store", str(store), "--quiet"]) == 0
    assert "0 added, 0 replaced, 1 unchanged" in capsys.readouterr().out
    assert _count(store, capsys) == first

    assert main(["stats", "--store", str(store), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["articles"] == 1 and stats["triples"] == first
    assert stats["entities"]["place"] >= 5

    out = tmp_path / "g.graphml"
    assert main(["export", "--store", str(store), "--format", "graphml", "-o", str(out)]) == 0
    graph = nx.read_graphml(out)
    # The article, its entities and its incidents.
    kinds = Counter(kind for _, kind in graph.nodes(data="kind"))
    assert kinds["article"] == 1
    assert sum(kinds[t] for t in stats["entities"]) == sum(stats["entities"].values())
    assert kinds["incident"] == sum(stats["incidents"].values()) > 0
    assert graph.number_of_nodes() == 1 + sum(stats["entities"].values()) + kinds["incident"]


def test_store_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.json"
    article.write_text(
        json.dumps({"id": "one", "text": "Officials in Baghdad met reporters in London."})
    )
    monkeypatch.setenv("NEWSGRAPH_STORE", str(tmp_path / "env-store"))
    assert main(["ingest", str(article), "--quiet"]) == 0
    assert (tmp_path / "env-store").is_dir()
    capsys.readouterr()
    assert main(["query", "--format", "json", "SELECT ?id WHERE { ?a schema:identifier ?id }"]) == 0
    bindings = json.loads(capsys.readouterr().out)["results"]["bindings"]
    assert [b["id"]["value"] for b in bindings] == ["one"]


def test_extract_jsonl_offsets_index_the_text(capsys: pytest.CaptureFixture[str]) -> None:
    seed = ARTICLES_DIR / "000_4c15246a69764410.txt"
    assert main(["extract", str(seed), "--jsonl"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    text = seed.read_text(encoding="utf-8")
    assert record["id"] == "000_4c15246a69764410"
    assert len(record["mentions"]) > 20
    for mention in record["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["text"]
        assert mention["type"] in {"person", "organization", "place"}
    entity_ids = {e["id"] for e in record["entities"]}
    assert {m["entity"] for m in record["mentions"]} <= entity_ids


def test_bad_input_is_reported_and_the_rest_ingested(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        json.dumps({"id": "good", "text": "Reporters in Jordan spoke."}) + "\n{broken\n"
    )
    rejects = tmp_path / "rejects.jsonl"
    command = ["ingest", str(batch), "--store", str(tmp_path / "s"), "--quiet"]
    assert main([*command, "--rejects", str(rejects)]) == 1
    captured = capsys.readouterr()
    assert "1 added" in captured.out and "1 skipped" in captured.out
    assert f"{batch}:2: invalid JSON" in captured.err
    (reject,) = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert reject["command"] == "ingest" and "invalid JSON" in reject["reason"]


def test_unsafe_or_broken_queries_fail_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(tmp_path / "s")
    assert (
        main(
            [
                "query",
                "--store",
                store,
                "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
            ]
        )
        == 1
    )
    assert "SERVICE is not allowed" in capsys.readouterr().err
    assert main(["query", "--store", store, "SELECT WHERE"]) == 1
    assert "syntax error" in capsys.readouterr().err.lower()
    assert main(["export", "--store", store, "--format", "pdf"]) == 1
    assert "unknown format" in capsys.readouterr().err


@pytest.mark.parametrize(
    "how", [["--workers", "2"], ["--dask", "local:2"]], ids=["workers", "dask"]
)
def test_parallel_ingest_gives_the_one_process_graph(
    how: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
    one, parallel = tmp_path / "one", tmp_path / "parallel"
    assert main(["ingest", str(fixtures), "--store", str(one), "--quiet"]) == 0
    assert main(["ingest", str(fixtures), "--store", str(parallel), "--quiet", *how]) == 0
    assert "4 added" in capsys.readouterr().out
    names = "SELECT ?key WHERE { ?e ng:resolutionKey ?key } ORDER BY ?key"
    for store in (one, parallel):
        assert main(["query", "--store", str(store), "--format", "tsv", names]) == 0
    first, second = capsys.readouterr().out.split("?key", 2)[1:]
    assert first == second and first.count("\n") > 10
    assert _count(one, capsys) == _count(parallel, capsys)


def test_worker_count_must_be_positive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
    assert main(["ingest", str(fixtures), "--store", str(tmp_path / "s"), "--workers", "0"]) == 1
    assert "--workers must be 1 or more" in capsys.readouterr().err


def test_the_oxigraph_server_is_found_beside_python_without_an_activated_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # `.venv/bin/newsgraph serve` run as is: the PATH lacks the environment's bin folder, and
    # the service must still get the engine with a time limit, not fall back in silence.
    monkeypatch.setenv("PATH", "")
    assert oxigraph_command() == str(Path(sys.executable).parent / "oxigraph")


def test_query_csv_is_rfc_4180_with_no_empty_last_record(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    path = tmp_path / "s"
    store = OxigraphStore(path)
    store.update(
        'INSERT DATA { GRAPH <urn:g> { <urn:a> schema:name "Rifi" . '
        '<urn:b> schema:name "Fatah, \\"al\\" Islam" } }'
    )
    store.close()
    del store
    query = "SELECT ?name WHERE { ?e schema:name ?name } ORDER BY ?name"
    assert main(["query", "--store", str(path), "--format", "csv", query]) == 0
    out = capsysbinary.readouterr().out
    assert out == b'name\r\n"Fatah, ""al"" Islam"\r\nRifi\r\n'
    rows = list(csv.reader(io.StringIO(out.decode("utf-8"), newline="")))
    assert rows == [["name"], ['Fatah, "al" Islam'], ["Rifi"]]
    # TSV lines end with their own line break too; JSON gets one at the end.
    assert main(["query", "--store", str(path), "--format", "tsv", query]) == 0
    assert capsysbinary.readouterr().out == b'?name\n"Fatah, \\"al\\" Islam"\n"Rifi"\n'
    assert main(["query", "--store", str(path), "--format", "json", query]) == 0
    out = capsysbinary.readouterr().out
    assert (
        out.endswith(b"}\n")
        and json.loads(out)["results"]["bindings"][1]["name"]["value"] == "Rifi"
    )


def test_export_keeps_incidents_by_type_and_around_one_incident(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store"
    assert main(["ingest", str(ARTICLES_DIR), "--store", str(store), "--quiet"]) == 0
    capsys.readouterr()

    def export(*options: str) -> nx.Graph:
        out = tmp_path / "g.graphml"
        command = ["export", "--store", str(store), "--format", "graphml", "-o", str(out)]
        assert main([*command, *options]) == 0
        return nx.read_graphml(out)

    arrests = export("--type", "incident", "--incident-type", "arrest")
    assert arrests.number_of_nodes() >= 1
    assert {d["kind"] for _, d in arrests.nodes(data=True)} == {"incident"}
    assert {d["type"] for _, d in arrests.nodes(data=True)} == {"arrest"}

    (arrest, *_) = arrests.nodes
    local = arrest.rsplit("/", 1)[1]
    around = export("--focus", f"incident/000_4c15246a69764410/{local}")
    assert arrest in around
    kinds = {d["kind"] for _, d in around.nodes(data=True)}
    assert "incident" in kinds and kinds & {"person", "organization", "place"}
    assert main(["export", "--store", str(store), "--format", "graphml", "--focus", "incident/x"])
    assert "incident/ARTICLE/LOCAL" in capsys.readouterr().err
