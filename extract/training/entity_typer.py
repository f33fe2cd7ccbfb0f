"""Train the entity typer (extract/entity_typer.py) on the dev splits of the NER corpora.

    python -m newsgraph.extract.training.entity_typer --corpora /work/shared/corpora \\
        --out data/entities/typer.json

The shipped NER was trained on the train splits of these corpora, so its labels on train text
are overconfident: the typer learns from the dev splits. Each example is one cluster of name
mentions as `resolve_entities` forms it in a dev document (the shipped pipeline, hand-set votes),
with the evidence of `entity_typer.features`; its label is the gold type most of its mentions
carry (a gold PER/ORG/LOC name whose head the mention covers), and it weighs as many as those
mentions, since the score counts mentions. Clusters with no such mention are left out.

The figures written with the weights are out-of-fold: the dev documents split in two by the
sha256 of their text, a model trained on each half types the other; per corpus, the share of
gold-typed mentions whose cluster gets the gold type, with the votes and with the typer. The
extractor's own figure is `newsgraph eval ner --split dev|test`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language

from newsgraph.extract.entity_typer import FIRST_WORD, LAST_WORD, EntityTyper
from newsgraph.extract.evaluation import CORPORA, GOLD_TYPES, gold_documents
from newsgraph.extract.linking import TypePrior
from newsgraph.extract.names import resolution_key
from newsgraph.extract.resolve import resolve_entities

TYPES = ("person", "organization", "place")


class _Recorder:
    """A typer that keeps the voted type and records each cluster's evidence by entity key."""

    def __init__(self) -> None:
        self.seen: dict[str, tuple[dict[str, float], str]] = {}

    def choose(self, features: dict[str, float], voted: str, name: str) -> str:
        self.seen[resolution_key(voted, name)] = (features, voted)
        return voted


def document_fold(text: str) -> int:
    return hashlib.sha256(text.encode("utf-8")).digest()[0] % 2


def collect(nlp: Language, corpora_dir: Path, split: str = "dev") -> list[dict[str, Any]]:
    """One example per cluster of every document of the corpora's `split`."""
    from newsgraph.extract.pipeline import name_mentions

    examples: list[dict[str, Any]] = []
    for corpus in CORPORA:
        docs = [d for d in gold_documents(corpus, corpora_dir, nlp.vocab, split) if d.text.strip()]
        for doc, gold in nlp.pipe(((d.text, d) for d in docs), as_tuples=True, batch_size=8):
            heads = [
                (ent.start_char, ent.end_char, GOLD_TYPES[ent.label_], ent[-1].idx)
                for ent in gold.ents
                if ent.label_ in GOLD_TYPES
            ]
            names, aliases = name_mentions(doc)
            recorder = _Recorder()
            mentions, entities = resolve_entities(
                names, prior=TypePrior(), aliases=aliases, typer=recorder
            )
            for entity in entities:
                if entity.id not in recorder.seen:
                    continue  # a mention group kept apart by metonymy, not a cluster
                features, voted = recorder.seen[entity.id]
                gold_types: Counter[str] = Counter()
                for index in entity.mentions:
                    m = mentions[index]
                    gold_types.update(
                        t
                        for s, e, t, h in heads
                        if s <= m.start and m.end <= e and m.start <= h < m.end
                    )
                if gold_types:
                    examples.append(
                        {
                            "corpus": corpus,
                            "fold": document_fold(doc.text),
                            "features": features,
                            "voted": voted,
                            "label": gold_types.most_common(1)[0][0],
                            "weight": sum(gold_types.values()),
                        }
                    )
        print(f"{corpus} {split}: {len(docs)} documents", file=sys.stderr)
    return examples


def train(
    examples: list[dict[str, Any]],
    l2: float = 1.0,
    steps: int = 400,
    rate: float = 0.1,
    min_count: int = 2,
    min_corpora: int = 2,
) -> tuple[dict[str, list[float]], list[float]]:
    """L2-regularised multinomial logistic regression by full-batch gradient descent with Adam;
    each example weighs its `weight` (the weights are rescaled to average 1). Features seen in
    fewer than `min_count` examples are left out, and a name's words seen in fewer than
    `min_corpora` corpora: what one corpus's names are ("Kent" a cricket club in CoNLL-2003's
    sports pages) is not what news names are."""
    counts = Counter(f for e in examples for f in e["features"])
    corpora: dict[str, set[str]] = {}
    for e in examples:
        for f in e["features"]:
            if f.startswith((FIRST_WORD, LAST_WORD)):
                corpora.setdefault(f, set()).add(e.get("corpus", ""))
    names = sorted(
        f
        for f, c in counts.items()
        if c >= min_count and len(corpora.get(f, ())) >= (min_corpora if f in corpora else 0)
    )
    vocabulary = {f: i for i, f in enumerate(names)}
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    for i, example in enumerate(examples):
        for f, value in example["features"].items():
            if f in vocabulary:
                rows.append(i)
                cols.append(vocabulary[f])
                values.append(value)
    r, c, v = np.asarray(rows), np.asarray(cols), np.asarray(values, dtype=float)
    n, d, k = len(examples), len(vocabulary), len(TYPES)
    y = np.zeros((n, k))
    y[np.arange(n), [TYPES.index(e["label"]) for e in examples]] = 1.0
    sample = np.asarray([e["weight"] for e in examples], dtype=float)
    sample *= n / sample.sum()
    w = np.zeros((d, k))
    b = np.zeros(k)
    moments = [(np.zeros_like(w), np.zeros_like(w)), (np.zeros(k), np.zeros(k))]
    for step in range(1, steps + 1):
        z = np.zeros((n, k))
        np.add.at(z, r, v[:, None] * w[c])
        z += b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        error = (p - y) * sample[:, None] / n
        grad_w = np.zeros_like(w)
        np.add.at(grad_w, c, v[:, None] * error[r])
        grad_w += l2 / n * w
        for param, grad, (m, s) in ((w, grad_w, moments[0]), (b, error.sum(axis=0), moments[1])):
            m *= 0.9
            m += 0.1 * grad
            s *= 0.999
            s += 0.001 * grad * grad
            param -= rate * (m / (1 - 0.9**step)) / (np.sqrt(s / (1 - 0.999**step)) + 1e-8)
    weights = {
        f: [round(float(x), 4) for x in w[i]]
        for f, i in vocabulary.items()
        if np.abs(w[i]).max() >= 1e-3
    }
    return weights, [round(float(x), 4) for x in b]


def typing_accuracy(examples: list[dict[str, Any]], typer: EntityTyper | None) -> dict[str, float]:
    """Per corpus, the share of gold-typed mentions whose cluster gets the gold type."""
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for e in examples:
        chosen = e["voted"] if typer is None else typer.choose(e["features"], e["voted"])
        total[e["corpus"]] += e["weight"]
        right[e["corpus"]] += e["weight"] if chosen == e["label"] else 0
    return {corpus: round(right[corpus] / total[corpus], 4) for corpus in total}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpora", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--cache", type=Path, help="JSON of collected examples, reused if present")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--margin", type=float, default=0.2)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--min-corpora", type=int, default=2)
    args = parser.parse_args(argv)
    from newsgraph.extract.pipeline import load_pipeline

    if args.cache and args.cache.exists():
        examples = json.loads(args.cache.read_text())
    else:
        examples = collect(load_pipeline(), args.corpora)
        if args.cache:
            args.cache.write_text(json.dumps(examples))
    held_out: list[EntityTyper | None] = []
    out_of_fold: list[dict[str, Any]] = []
    for fold in (0, 1):
        weights, bias = train(
            [e for e in examples if e["fold"] != fold],
            l2=args.l2,
            min_count=args.min_count,
            min_corpora=args.min_corpora,
        )
        typer = EntityTyper(
            TYPES, {f: tuple(w) for f, w in weights.items()}, tuple(bias), args.margin
        )
        held_out.append(typer)
        out_of_fold += [
            {**e, "voted": typer.choose(e["features"], e["voted"])}
            for e in examples
            if e["fold"] == fold
        ]
    figures = {
        "votes": typing_accuracy(examples, None),
        "typer_out_of_fold": typing_accuracy(out_of_fold, None),
    }
    weights, bias = train(
        examples, l2=args.l2, min_count=args.min_count, min_corpora=args.min_corpora
    )
    table = {
        "_comment": (
            "Entity typer (extract/entity_typer.py): multinomial logistic regression over a "
            "name cluster's evidence, trained by extract/training/entity_typer.py on the dev "
            "splits of the seven NER corpora of `newsgraph eval ner` (clusters weighted by "
            "their gold-typed mentions); l2, margin, min_count and min_corpora chosen on the dev macro of "
            "`newsgraph eval ner`, out of fold. The figures: share of gold-typed dev mentions "
            "whose cluster gets the gold type, by the votes alone and by the typer trained on "
            "the other half of the documents."
        ),
        "types": list(TYPES),
        "bias": bias,
        "margin": args.margin,
        "l2": args.l2,
        "min_count": args.min_count,
        "min_corpora": args.min_corpora,
        "trained_on": dict(Counter(e["corpus"] for e in examples)),
        "figures": figures,
        "weights": dict(sorted(weights.items())),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(table, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    json.dump(figures, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
