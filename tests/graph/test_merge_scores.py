"""The coreference scores of the ECB+ evaluation (graph/merge_eval.py) on cases worked by hand,
and the ECB+ reader on the corpus when it is beside the project."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.graph.merge_eval import (
    b_cubed,
    ceaf_e,
    cross_document_pairs,
    gold_clusters,
    muc,
    read_ecb_plus,
    scores,
)


def test_identical_clusters_score_one() -> None:
    key = [{1, 2, 3}, {4, 5}, {6}]
    found = scores(key, [set(c) for c in key])
    assert found["muc_f1"] == found["b3_f1"] == found["ceafe_f1"] == found["conll_f1"] == 1.0


def test_a_split_cluster_worked_by_hand() -> None:
    key, response = [{"a", "b", "c", "d"}], [{"a", "b"}, {"c", "d"}]
    # MUC: 4 mentions in 2 parts, 2 links of 3 kept; the response's links are all right.
    assert muc(key, response) == pytest.approx((2 / 3, 1.0, 0.8))
    # B3: each mention's response cluster holds half its key cluster.
    assert b_cubed(key, response) == pytest.approx((0.5, 1.0, 2 / 3))
    # CEAF-e: one key entity aligned to one response entity, phi4 = 2*2/(4+2).
    r, p, _ = ceaf_e(key, response)
    assert (r, p) == pytest.approx((2 / 3, 1 / 3))


def test_a_wrong_merge_costs_precision() -> None:
    key, response = [{"a", "b"}, {"c", "d"}], [{"a", "b", "c", "d"}]
    assert muc(key, response)[:2] == pytest.approx((1.0, 2 / 3))
    assert b_cubed(key, response)[:2] == pytest.approx((1.0, 0.5))


def test_cross_document_links() -> None:
    key = [{("d1", 0, 1), ("d2", 0, 1)}, {("d1", 5, 6)}, {("d3", 0, 1)}]
    response = [{("d1", 0, 1), ("d2", 0, 1), ("d3", 0, 1)}, {("d1", 5, 6)}]
    found = cross_document_pairs(key, response)
    assert (found["links_made"], found["links_right"], found["gold_links"]) == (3, 1, 1)
    assert (found["precision"], found["recall"]) == (pytest.approx(1 / 3, abs=1e-4), 1.0)


ECB = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "ecb_plus"


@pytest.mark.skipif(not ECB.is_dir(), reason="ECB+ is not beside the project")
def test_the_reader_gives_the_usual_test_set() -> None:
    documents = read_ecb_plus(ECB, range(36, 46))
    # As in the literature (Cybulska and Vossen 2015; Barhom et al. 2019): 1,780 event
    # mentions in the annotated sentences of the test topics.
    assert sum(len(d.mentions) for d in documents) == 1780
    assert all(d.text[m.start : m.end] == m.text for d in documents for m in d.mentions)
    assert len(gold_clusters(documents)) < 1780
