"""Load time, memory and lookup speed of the gazetteer with the populated places index (every
GeoNames place of 500 people or more, data/gazetteer/places500.sqlite) against the gazetteer
without it (cities of 15,000 or more only, the former reach), side by side.

    python -m tests.benchmarks.bench_gazetteer [--rounds 3]

Each load is measured in a fresh process (wall and CPU time, and peak RSS, after loading the
spaCy pipeline and the gazetteer, as an extractor starts: total_s; model_s is the pipeline
alone); lookups time `resolve_places` over the
same place names (the gazetteer's own city names and a list of ambiguous ones) in this process.
Figures are ratios against the baseline run beside it, so the machine's load cancels out.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

_LOAD = """
import json, resource, time
started, cpu = time.perf_counter(), time.process_time()
from newsgraph.extract.pipeline import load_pipeline
nlp = load_pipeline()
model, model_cpu = time.perf_counter() - started, time.process_time() - cpu
from newsgraph.extract.gazetteer import Gazetteer
from newsgraph.extract.places_index import PlacesIndex
gazetteer = Gazetteer(places_index=PlacesIndex() if {with_index} else None)
gazetteer.city_candidates("Springfield")
total, total_cpu = time.perf_counter() - started, time.process_time() - cpu
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"model_s": model, "total_s": total, "model_cpu_s": model_cpu,
                  "total_cpu_s": total_cpu, "rss_mib": rss}}))
"""

AMBIGUOUS = [
    "Paris",
    "Springfield",
    "Alexandria",
    "Tripoli",
    "Columbus",
    "Portland",
    "Jackson",
    "Richmond",
    "Georgia",
    "Kent",
    "Cambridge",
    "Aleppo",
    "Homs",
    "Sidon",
    "Mosul",
    "Washington",
    "Dublin",
    "Athens",
    "Manchester",
    "Victoria",
]


def _load(with_index: bool) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", _LOAD.format(with_index=with_index)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def _lookups(with_index: bool, rounds: int) -> float:
    from newsgraph.extract.gazetteer import Gazetteer
    from newsgraph.extract.linking import resolve_places
    from newsgraph.extract.places_index import PlacesIndex

    gazetteer = Gazetteer(places_index=PlacesIndex() if with_index else None)
    names = sorted({p.name for p in gazetteer.places("city")})[:3000]
    articles = [names[i : i + 10] + AMBIGUOUS[i % 20 : i % 20 + 3] for i in range(0, 3000, 10)]
    times = []
    for _ in range(rounds):
        gazetteer = Gazetteer(places_index=PlacesIndex() if with_index else None)
        started = time.process_time()
        for article in articles:
            resolve_places(article, gazetteer)
        times.append(time.process_time() - started)
    return statistics.median(times) / len(articles)


def run(rounds: int) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    labels = (("without index (baseline)", False), ("with index", True))
    # Rounds alternate between the two, so a busy spell of the machine falls on both.
    loads: dict[bool, list[dict[str, float]]] = {False: [], True: []}
    for _ in range(rounds):
        for _, with_index in labels:
            loads[with_index].append(_load(with_index))
    for label, with_index in labels:
        runs = loads[with_index]
        results[label] = {
            key: round(statistics.median(x[key] for x in runs), 3)
            for key in ("total_s", "total_cpu_s", "model_s", "model_cpu_s", "rss_mib")
        }
        results[label]["ms_per_article_linking"] = round(1000 * _lookups(with_index, rounds), 3)
    base, new = results["without index (baseline)"], results["with index"]
    results["ratio (with / without)"] = {
        key: round(new[key] / base[key], 3) for key in base if base[key]
    }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    print(json.dumps(run(parser.parse_args().rounds), indent=2))


if __name__ == "__main__":
    main()
