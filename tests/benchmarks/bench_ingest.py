"""Ingest speed as ratios measured in one run: end-to-end (extract + RDF + store) against raw
`nlp.pipe` of the same pipeline on the same articles, and 2 worker processes against 1.

    python -m tests.benchmarks.bench_ingest --articles 2000 --out bench_ingest.json
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from api.cli import main as cli_main
from extract.pipeline import load_pipeline
from tests.benchmarks.corpus import conll_articles, word_count
from tests.benchmarks.report import report


def _timed(action: object) -> float:
    started = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - started


def run(articles: int) -> dict[str, float]:
    corpus = list(conll_articles(articles))
    words = word_count(corpus)
    nlp = load_pipeline()
    raw = _timed(lambda: [None for _ in nlp.pipe((a.text for a in corpus), batch_size=16)])
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "articles.jsonl"
        source.write_text(
            "".join(
                json.dumps({"id": a.id, "text": a.text, "published": "1996-08-22"}) + "\n"
                for a in corpus
            )
        )
        one = _timed(
            lambda: cli_main(["ingest", str(source), "--store", f"{scratch}/one", "--quiet"])
        )
        two = _timed(
            lambda: cli_main(
                ["ingest", str(source), "--store", f"{scratch}/two", "--quiet", "--workers", "2"]
            )
        )
    return {
        "articles": len(corpus),
        "words": words,
        "raw_pipe_words_per_s": words / raw,
        "ingest_1_words_per_s": words / one,
        "ingest_2_words_per_s": words / two,
        "end_to_end_over_raw": raw / one,
        "two_over_one_process": one / two,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--out", type=Path, default=Path("bench_ingest.json"))
    args = parser.parse_args()
    result = run(args.articles)
    report(result, args.out)


if __name__ == "__main__":
    main()
