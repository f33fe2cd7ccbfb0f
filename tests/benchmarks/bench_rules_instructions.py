"""The extraction rules' cost in machine instructions per article (and, with `--parse`, the
parse's on the same articles): a measure the machine's drifting speed does not move.

    python -m tests.benchmarks.bench_rules_instructions --articles 100 --out rules_instr.json

Wall and CPU seconds of the rules vary by half between identical runs on a shared machine
(three passes of the rules over 300 articles took 6.0 and 9.1 CPU s back to back), far more
than one change to them gains. Valgrind's cachegrind counts the instructions a process
executes, the same on every run of the same code (with PYTHONHASHSEED fixed). The articles
are parsed once and saved; then child processes under cachegrind load the pipeline and the
parsed documents and either stop (`setup`), run the rules once over every document
(`rules`), or parse the texts again (`parse`). The rules cost `rules - setup` instructions,
the parse `parse - setup`.

Instructions are not time: the parse's matrix products do more per instruction than the
rules' Python does, so the rules' share of the ingest's time is larger than their share of
its instructions. The figure is for comparing versions of the rules, side by side.
Needs `valgrind` on the PATH (it is not a Python package). Over 100 articles the setup and
rules runs take a minute or two side by side on two cores; the parse under cachegrind is
far slower (it had not finished after 40 CPU minutes), hence `--parse` is off by default.
"""

from __future__ import annotations

import argparse
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from spacy.tokens import DocBin

from newsgraph.extract.pipeline import extraction_from_doc, load_pipeline, model_label
from tests.benchmarks.corpus import conll_articles, word_count
from tests.benchmarks.report import report

_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def child(mode: str, folder: Path) -> None:
    """What one process under cachegrind does: load, then `mode`."""
    articles = pickle.loads((folder / "articles.pickle").read_bytes())
    nlp = load_pipeline()
    docs = list(DocBin().from_bytes((folder / "docs.spacy").read_bytes()).get_docs(nlp.vocab))
    model = model_label(nlp)
    # Every lazy load (gazetteer, lexicons, tables) happens here, in every mode alike.
    extraction_from_doc(articles[0], docs[0], nlp, model=model)
    if mode == "rules":
        for article, doc in zip(articles, docs, strict=True):
            extraction_from_doc(article, doc, nlp, model=model)
    elif mode == "parse":
        for _ in nlp.pipe((article.text for article in articles), batch_size=16):
            pass
    elif mode != "setup":
        raise SystemExit(f"unknown mode {mode!r}")


def _instructions(mode: str, folder: Path) -> int:
    command = [
        "valgrind",
        "--tool=cachegrind",
        "--cache-sim=no",
        "--cachegrind-out-file=/dev/null",
        sys.executable,
        "-m",
        "tests.benchmarks.bench_rules_instructions",
        "--child",
        mode,
        "--folder",
        str(folder),
    ]
    environment = dict(os.environ, PYTHONHASHSEED="0")
    done = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    found = _REFS.search(done.stderr)
    if done.returncode != 0 or found is None:
        raise SystemExit(
            f"cachegrind {mode} run failed ({done.returncode}):\n{done.stderr[-2000:]}"
        )
    return int(found.group(1).replace(",", ""))


def run(articles: int, parse: bool = False) -> dict[str, float]:
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not on the PATH")
    corpus = list(conll_articles(articles))
    nlp = load_pipeline()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        docs = DocBin(store_user_data=True)
        for doc in nlp.pipe((a.text for a in corpus), batch_size=16):
            docs.add(doc)
        (folder / "docs.spacy").write_bytes(docs.to_bytes())
        (folder / "articles.pickle").write_bytes(pickle.dumps(corpus))
        # The counts do not depend on what else runs: the three runs share the cores.
        modes = ("setup", "rules", "parse") if parse else ("setup", "rules")
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            counts = dict(
                zip(modes, pool.map(lambda m: _instructions(m, folder), modes), strict=True)
            )
    rules = counts["rules"] - counts["setup"]
    result: dict[str, float] = {
        "articles": len(corpus),
        "words": word_count(corpus),
        "rules_instructions_per_article": rules / len(corpus),
    }
    if parse:
        parsed = counts["parse"] - counts["setup"]
        result["parse_instructions_per_article"] = parsed / len(corpus)
        result["rules_over_parse"] = rules / parsed
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--out", type=Path, default=Path("bench_rules_instructions.json"))
    parser.add_argument("--parse", action="store_true", help="count the parse's too (slow)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.folder)
        return
    report(run(args.articles, parse=args.parse), args.out)


if __name__ == "__main__":
    main()
