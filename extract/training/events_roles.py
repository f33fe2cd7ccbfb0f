"""How often each way of reading an argument off the parse is right: the precision of the
arguments of each source (subject, object, preposition, inherited subject, ...).

    python -m newsgraph.extract.training.events_roles --muc4 .../processed/dev.json \
        [--gold tests/fixtures/events_gold.jsonl]

On MUC-4 (dev split: where the confidences are chosen) an attacker, victim, target or
instrument of an attack, bombing, killing, injury or armed clash is right when its head noun
is the head noun of a gold filler of its slot in the document; on a gold JSONL file (report
only) when it overlaps a gold argument of the same role in an event of the same type whose
trigger it overlaps. Each argument's source is told by giving each source a code as its
confidence for the run.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from newsgraph.extract.article import Article
from newsgraph.extract.evaluation import read_event_gold
from newsgraph.extract.event_context import context_cues
from newsgraph.extract.event_roles_eval import MUC_TYPES, gold_slots, head
from newsgraph.extract.pipeline import extract_articles, load_pipeline
from newsgraph.extract.training.events_data import read_muc4

_SLOTS = {
    "attacker": ("PerpInd", "PerpOrg"),
    "victim": ("Victim",),
    "target": ("Target",),
    "instrument": ("Weapon",),
}


def _coded() -> dict[float, str]:
    table = context_cues().argument_confidence
    codes = {}
    for number, source in enumerate(sorted(table)):
        code = round(0.001 * (number + 1), 3)
        table[source] = code
        codes[code] = source
    return codes


def muc4_precision(path: Path, limit: int | None = None) -> dict[str, Any]:
    codes = _coded()
    documents = list(read_muc4(path))[:limit]
    gold = {docid: gold_slots(templates) for docid, _, templates in documents}
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    articles = [Article(id=docid, text=text) for docid, text, _ in documents]
    for extraction in extract_articles(articles, load_pipeline()):
        slots = gold[extraction.article.id]
        for event in extraction.events:
            if event.type not in MUC_TYPES:
                continue
            for argument in event.arguments:
                if argument.role not in _SLOTS:
                    continue
                source = codes.get(round(argument.confidence, 3), "other")
                word = head(argument.text)
                total[source] += 1
                if any(word in heads for slot in _SLOTS[argument.role] for heads in slots[slot]):
                    right[source] += 1
    return {
        s: {"right": right[s], "total": n, "p": round(right[s] / n, 3)} for s, n in total.items()
    }


def gold_precision(path: Path) -> dict[str, Any]:
    codes = _coded()
    records = read_event_gold(path)
    by_id = {article.id: events for article, events in records}
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for extraction in extract_articles([a for a, _ in records], load_pipeline()):
        gold_events = by_id[extraction.article.id]
        for event in extraction.events:
            matched = [
                g
                for g in gold_events
                if g["type"] == event.type
                and g["trigger"]["start"] < event.trigger.end
                and event.trigger.start < g["trigger"]["end"]
            ]
            for argument in event.arguments:
                if argument.role == "time":
                    continue
                source = codes.get(round(argument.confidence, 3), "other")
                total[source] += 1
                if any(
                    a["role"] == argument.role
                    and a["start"] < argument.end
                    and argument.start < a["end"]
                    for g in matched
                    for a in g["arguments"]
                ):
                    right[source] += 1
    return {
        s: {"right": right[s], "total": n, "p": round(right[s] / n, 3)} for s, n in total.items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--muc4", type=Path)
    parser.add_argument("--gold", type=Path)
    parser.add_argument("--limit", type=int)
    args = parser.parse_args(argv)
    report: dict[str, Any] = {}
    if args.muc4:
        report["muc4"] = muc4_precision(args.muc4, args.limit)
    if args.gold:
        report["gold"] = gold_precision(args.gold)
    json.dump(report, sys.stdout, indent=1, sort_keys=True)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
