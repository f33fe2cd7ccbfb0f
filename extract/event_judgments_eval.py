"""Precision of the extracted events on news the project judged (`tests/fixtures/
event_judgments.jsonl`, by `data/events/ANNOTATION.md`): each judgment says whether a word the
extractor proposed in an article is an event mention of the proposed type.

The articles are read again and extracted; each predicted event is matched to the judgment of
its trigger (same article, same start): right when the judgment says it is an event of the
predicted type (a 0 whose `other_type` is the predicted type counts as right: an event retyped
since). Predictions with no judgment at their start are counted apart (unjudged); judgments
with no prediction any more are the events removed, true and false. Nothing here measures
recall: the judges saw only what the extractor proposed.

Every judged article is in the dev or the test half by the SHA-1 of its id
(`geo_eval.split_of`): rules may be chosen on dev; test is reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language

from newsgraph.extract.article import Article
from newsgraph.extract.geo_eval import read_geo_corpus, split_of
from newsgraph.extract.pipeline import extract_articles
from newsgraph.extract.training.events_data import (
    Judgment,
    read_ecb_plus_unlisted,
    read_judgments,
)

Judgments = dict[tuple[str, str], dict[tuple[int, str], Judgment]]
GEO = ("lgl", "trnews", "geovirus")
ECB_UNLISTED = "ecb+unlisted"


def judged_articles(
    corpora: Path, judgments: Judgments, split: str
) -> Iterator[tuple[str, Article]]:
    """(corpus, article) of every judged article of the split ("dev", "test" or "all")."""
    wanted = {key for key in judgments if split == "all" or split_of(key[1]) == split}
    for corpus in GEO:
        if not any(c == corpus for c, _ in wanted):
            continue
        for article in read_geo_corpus(corpus, corpora):
            if (corpus, article.id) in wanted:
                yield corpus, Article(id=article.id, text=article.text)
    if any(c == ECB_UNLISTED for c, _ in wanted):
        for record in read_ecb_plus_unlisted(corpora / "ecb_plus"):
            if (ECB_UNLISTED, record.doc_id) in wanted:
                yield ECB_UNLISTED, Article(id=record.doc_id, text=record.text)


_COUNTS = ("predicted", "judged", "right", "unjudged", "removed_true", "removed_false")


def _row() -> dict[str, int]:
    return dict.fromkeys(_COUNTS, 0)


def score_judgments(
    nlp: Language, corpora: Path, judgments_path: Path, split: str = "test"
) -> dict[str, Any]:
    """Per corpus and type: predicted events, how many of them are judged and right, the
    unjudged ones, and the judged candidates no longer predicted (true and false)."""
    judgments = read_judgments(judgments_path)
    articles = list(judged_articles(corpora, judgments, split))
    corpus_of = {article.id: corpus for corpus, article in articles}
    rows: dict[str, dict[str, dict[str, int]]] = {}
    for extraction in extract_articles((a for _, a in articles), nlp):
        corpus = corpus_of[extraction.article.id]
        table = judgments[(corpus, extraction.article.id)]
        by_start: dict[int, list[Judgment]] = {}
        for judgment in table.values():
            by_start.setdefault(judgment.start, []).append(judgment)
        used: set[tuple[int, str]] = set()
        for event in extraction.events:
            row = rows.setdefault(corpus, {}).setdefault(event.type, _row())
            row["predicted"] += 1
            here = by_start.get(event.trigger.start, [])
            if not here:
                row["unjudged"] += 1
                continue
            row["judged"] += 1
            used.update((j.start, j.type) for j in here)
            row["right"] += any(
                (j.type == event.type and j.label) or j.other_type == event.type for j in here
            )
        for (start, event_type), judgment in table.items():
            if (start, event_type) not in used:
                row = rows.setdefault(corpus, {}).setdefault(event_type, _row())
                row["removed_true" if judgment.label else "removed_false"] += 1
    return {"split": split, "articles": len(articles), "corpora": _with_totals(rows)}


def _with_totals(rows: dict[str, dict[str, dict[str, int]]]) -> dict[str, Any]:
    """Each corpus with its total, and "all corpora": the corpora together, per type."""
    together: dict[str, dict[str, int]] = {}
    for table in rows.values():
        for event_type, row in table.items():
            _add(together.setdefault(event_type, _row()), row)
    out: dict[str, Any] = {}
    for corpus, table in [*sorted(rows.items()), ("all corpora", together)]:
        types = dict(sorted(table.items()))
        total = _row()
        for row in types.values():
            _add(total, row)
        out[corpus] = {
            "total": _precision(total),
            "per_type": {t: _precision(r) for t, r in types.items()},
        }
    return out


def _add(total: dict[str, int], row: dict[str, int]) -> None:
    for key in _COUNTS:
        total[key] += row[key]


def _precision(row: dict[str, int]) -> dict[str, Any]:
    return {**row, "precision": round(row["right"] / row["judged"], 3) if row["judged"] else None}


def format_judgment_scores(scores: dict[str, Any]) -> str:
    lines = [
        f"Events on judged news, {scores['split']} half, {scores['articles']} articles "
        "(precision of the judged predictions; recall is not measured)",
        f"  {'corpus / type':<24} {'predicted':>9} {'judged':>7} {'right':>6} {'precision':>9} "
        f"{'unjudged':>8} {'removed true/false':>19}",
    ]
    for corpus, table in scores["corpora"].items():
        for name, row in [(None, table["total"]), *table["per_type"].items()]:
            label = corpus if name is None else f"  {name}"
            precision = "-" if row["precision"] is None else f"{row['precision']:.3f}"
            removed = f"{row['removed_true']}/{row['removed_false']}"
            lines.append(
                f"  {label:<24} {row['predicted']:>9} {row['judged']:>7} {row['right']:>6} "
                f"{precision:>9} {row['unjudged']:>8} {removed:>19}"
            )
    return "\n".join(lines)
