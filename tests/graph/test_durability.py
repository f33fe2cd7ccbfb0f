"""Killed mid-ingest, the store reopens cleanly with each article whole or absent, and the
same ingest run again completes the rest."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from newsgraph.graph.store import OxigraphStore

ROOT = Path(__file__).resolve().parents[2]


def _articles(path: Path, count: int) -> None:
    lines = []
    for number in range(count):
        text = (
            f"Police in Madrid arrested {number + 2} suspects on Friday, officials said. "
            f"The suspects had travelled from Lisbon to Paris. Report number {number}."
        )
        lines.append(json.dumps({"id": f"a{number:03d}", "text": text, "published": "2024-03-04"}))
    path.write_text("\n".join(lines) + "\n")


def _graph_sizes(store: OxigraphStore) -> dict[str, int]:
    rows = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {row["g"].value: int(row["n"].value) for row in rows}  # type: ignore[index,union-attr]


def _of_articles(sizes: dict[str, int]) -> dict[str, int]:
    return {graph: size for graph, size in sizes.items() if "/graph/merged/" not in graph}


def _hashed(store: OxigraphStore) -> set[str]:
    rows = store.query("SELECT ?g WHERE { GRAPH ?g { ?a ng:contentHash ?h } }")
    return {row["g"].value for row in rows}  # type: ignore[index,union-attr]


def _ingest(source: Path, store: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsgraph",
            "ingest",
            str(source),
            "--store",
            str(store),
            "--quiet",
        ],
        cwd=ROOT,
        # Small batches: many transactions, so the kill lands between two of them.
        env={**os.environ, "PYTHONUNBUFFERED": "1", "NEWSGRAPH_BATCH_SIZE": "2"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def test_sigkill_during_ingest_loses_nothing_half_written(tmp_path: Path) -> None:
    source = tmp_path / "articles.jsonl"
    _articles(source, 200)
    reference_path, killed_path = tmp_path / "reference", tmp_path / "killed"

    reference = _ingest(source, reference_path)
    assert reference.wait(timeout=600) == 0
    with_all = OxigraphStore(reference_path)
    expected = _graph_sizes(with_all)
    with_all.close()
    # One graph per article, and the merged incidents (graph/merge.py) the articles share.
    assert len(_of_articles(expected)) == 200

    victim = _ingest(source, killed_path)
    deadline = time.monotonic() + 300
    # Kill it once it has written some articles but not all.
    while time.monotonic() < deadline:
        time.sleep(0.1)
        if victim.poll() is not None:
            break
        if _written(killed_path) >= 10:
            break
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)

    store = OxigraphStore(killed_path)
    sizes = _of_articles(_graph_sizes(store))
    hashed = _hashed(store)
    store.close()
    # Every graph there is whole: the same size as in the uninterrupted ingest, and stamped
    # with its content hash (which the next ingest reads as "done").
    print(f"killed after {len(sizes)} of 200 articles")
    assert 0 < len(sizes) < 200, "the ingest was not caught midway"
    assert set(sizes) == hashed
    assert all(sizes[graph] == expected[graph] for graph in sizes)

    again = _ingest(source, killed_path)
    output = again.communicate(timeout=600)[0].decode()
    assert again.returncode == 0, output
    assert f"{200 - len(sizes)} added" in output and f"{len(sizes)} unchanged" in output
    store = OxigraphStore(killed_path)
    assert _graph_sizes(store) == expected
    store.close()


_ARTICLE = re.compile(rb"/article/a\d{3}")


def _written(path: Path) -> int:
    """How many articles a running ingest has committed, read from its write-ahead log (an
    article's IRI is written with its graph, in one transaction): opening the store would wait
    for the writer's lock, and the log's size says nothing, since each batch also rewrites the
    merged layer."""
    found: set[bytes] = set()
    for log in path.glob("*.log"):
        try:
            found.update(_ARTICLE.findall(log.read_bytes()))
        except OSError:
            continue  # a log rolled over and removed while read
    return len(found)
