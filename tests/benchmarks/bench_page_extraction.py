"""Article text from news pages: F1 of extracted words against the gold body, for the page
reader (trafilatura behind the guard), the former visible-text reader, and jusText.

    python -m tests.benchmarks.bench_page_extraction

The pages are the project's own (`tests/sources/newspages.py`): six stories in four layouts
with navigation, cookie banner, related links, comments and footers around the article. No
public boilerplate benchmark (CleanEval, the ScrapingHub article-extraction benchmark) is
installable from the package registries. Words are compared as multisets of lower-cased
tokens; the headline counts as neither gold nor noise (readers differ on keeping it).
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from collections.abc import Callable

from newsgraph.extract.html_text import html_to_text
from newsgraph.extract.page import read_page
from tests.sources.newspages import LAYOUTS, STORIES, Story, page

_WORD = re.compile(r"\w+")


def _words(text: str) -> Counter[str]:
    return Counter(word.lower() for word in _WORD.findall(text))


def scores(extracted: str, story: Story) -> tuple[float, float, float]:
    got = _words(extracted) - _words(story.headline)
    gold = _words(story.gold)
    common = sum((got & gold).values())
    precision = common / max(sum(got.values()), 1)
    recall = common / max(sum(gold.values()), 1)
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    return precision, recall, f1


def _justext(markup: str) -> str:
    import justext

    paragraphs = justext.justext(markup.encode("utf-8"), justext.get_stoplist("English"))
    return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)


READERS: dict[str, Callable[[str, str], str]] = {
    "page reader (trafilatura)": lambda markup, url: read_page(markup, url).text,
    "visible text (before)": lambda markup, url: html_to_text(markup)[0],
    "jusText": lambda markup, url: _justext(markup),
}


def run() -> dict[str, dict[str, dict[str, float]]]:
    results: dict[str, dict[str, dict[str, float]]] = {}
    for reader, read in READERS.items():
        by_layout: dict[str, list[tuple[float, float, float]]] = {}
        started = time.process_time()
        for layout in LAYOUTS:
            for story in STORIES:
                url = f"https://daily.example/{story.slug}"
                by_layout.setdefault(layout, []).append(
                    scores(read(page(story, layout, url), url), story)
                )
        seconds = time.process_time() - started
        rows = {
            layout: {
                name: round(sum(s[i] for s in values) / len(values), 3)
                for i, name in enumerate(("precision", "recall", "f1"))
            }
            for layout, values in [
                *by_layout.items(),
                ("all", [s for v in by_layout.values() for s in v]),
            ]
        }
        rows["all"]["cpu_ms_per_page"] = round(
            1000 * seconds / sum(len(v) for v in by_layout.values()), 2
        )
        results[reader] = rows
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = run()
    if args.json:
        print(json.dumps(results, indent=2))
        return
    layouts = [*LAYOUTS, "all"]
    print("| reader | " + " | ".join(f"{name} F1" for name in layouts) + " | P (all) | R (all) |")
    print("|---" * (len(layouts) + 3) + "|")
    for reader, rows in results.items():
        cells = " | ".join(f"{rows[layout]['f1']:.3f}" for layout in layouts)
        print(
            f"| {reader} | {cells} | {rows['all']['precision']:.3f} | {rows['all']['recall']:.3f} |"
        )


if __name__ == "__main__":
    main()
