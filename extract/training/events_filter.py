"""Train the event filter (extract/event_filter.py) and measure the modality of triggers.

    python -m newsgraph.extract.training.events_filter --corpora /work/shared/corpora \
        --out data/events/filter.json

Candidates are the tokens the event lexicon proposes, with the arguments the dependency
structure gives them. Labels:
- ECB+: a candidate inside an annotated sentence is positive when it is an annotated ACTION_*
  mention, negative otherwise (a NEG_ACTION_* mention is a negated event: negative).
- LitBank: a candidate is positive when it is a realis EVENT trigger.
Splits by topic or document: ECB+ train topics 1-22, dev 23-25, test 26-45 (the split of
Cybulska and Vossen); LitBank by document index mod 5 (0 test, 1 dev, others train).
The threshold is the one of best F1 on dev; test figures are reported, never chosen on.

Modality is measured on the same splits: on ECB+, negated (NEG_ACTION_*) against asserted
(ACTION_*) mentions; on LitBank, the verbs it marks as realis events against all its other
verbs (which include non-events, so only the first figure, realis called asserted, is exact).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract.event_context import modality
from newsgraph.extract.event_filter import FICTION, NEWS, features
from newsgraph.extract.events import MentionIndex, _role_args, trigger_type
from newsgraph.extract.lexicons import event_lexicon
from newsgraph.extract.training.events_data import AnnotatedText, read_ecb_plus, read_litbank


def ecb_split(record: AnnotatedText) -> str:
    topic = int(record.group)
    return "train" if topic <= 22 else "dev" if topic <= 25 else "test"


def litbank_split(index: int) -> str:
    return "test" if index % 5 == 0 else "dev" if index % 5 == 1 else "train"


def candidate_features(doc: Doc) -> Iterable[tuple[int, int, str, list[str]]]:
    """(start, end, type, features) of every lexicon candidate of a parsed text."""
    lexicon = event_lexicon()
    index = MentionIndex(doc, [])
    for token in doc:
        event_type = trigger_type(token, lexicon)
        if event_type is None:
            continue
        roles = []
        for argument in _role_args(token, event_type, index, lexicon):
            span = doc.char_span(argument.start, argument.end, alignment_mode="expand")
            if span is not None:
                roles.append((argument.role, span.root))
        yield token.idx, token.idx + len(token.text), event_type, features(token, event_type, roles)


def collect(
    nlp: Language, corpora: Path, limit: int | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Candidates (corpus, split, doc, type, label, features) and modality items."""
    records: list[tuple[str, str, AnnotatedText]] = []
    for record in read_ecb_plus(corpora / "ecb_plus"):
        records.append(("ecb+", ecb_split(record), record))
    for number, record in enumerate(read_litbank(corpora / "litbank")):
        records.append(("litbank", litbank_split(number), record))
    if limit:
        records = records[:limit]
    candidates: list[dict[str, Any]] = []
    modal: list[dict[str, Any]] = []
    texts = (r.text for _, _, r in records)
    for (corpus, split, record), doc in zip(records, nlp.pipe(texts, batch_size=16), strict=True):
        for start, end, event_type, names in candidate_features(doc):
            label = record.label_at(start, end)
            positive = label is not None and not label.startswith("NEG_")
            candidates.append(
                {
                    "corpus": corpus,
                    "split": split,
                    "doc": record.doc_id,
                    "type": event_type,
                    "label": int(positive),
                    "features": names,
                }
            )
        for token in doc:
            if token.pos_ not in {"VERB", "NOUN"}:
                continue
            label = record.label_at(token.idx, token.idx + len(token.text))
            if corpus == "ecb+":
                if label is None or "OCCURRENCE" not in label:
                    continue
                gold = "negated" if label.startswith("NEG_") else "asserted"
            else:
                if token.pos_ != "VERB":
                    continue
                gold = "asserted" if label == "EVENT" else "other"
            modal.append(
                {
                    "corpus": corpus,
                    "split": split,
                    "gold": gold,
                    "predicted": modality(token, "event"),
                }
            )
    return candidates, modal


def _matrix(rows: list[list[str]], vocabulary: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """A binary sparse matrix as (flat feature indices, row starts)."""
    flat: list[int] = []
    starts = [0]
    for names in rows:
        flat.extend(sorted({vocabulary[n] for n in names if n in vocabulary}))
        starts.append(len(flat))
    return np.asarray(flat, dtype=np.int64), np.asarray(starts, dtype=np.int64)


def _scores(w: np.ndarray, bias: float, flat: np.ndarray, starts: np.ndarray) -> np.ndarray:
    sums = np.zeros(len(starts) - 1)
    rows = np.repeat(np.arange(len(starts) - 1), np.diff(starts))
    np.add.at(sums, rows, w[flat])
    return sums + bias


def train(
    rows: list[list[str]],
    labels: np.ndarray,
    sample_weight: np.ndarray,
    l2: float = 1.0,
    epochs: int = 400,
    rate: float = 0.5,
    min_count: int = 2,
) -> tuple[dict[str, float], float]:
    """L2-regularised logistic regression by full-batch gradient descent with Adam."""
    counts = Counter(n for names in rows for n in set(names))
    vocabulary = {
        n: i for i, n in enumerate(sorted(n for n, c in counts.items() if c >= min_count))
    }
    flat, starts = _matrix(rows, vocabulary)
    rows_of = np.repeat(np.arange(len(starts) - 1), np.diff(starts))
    w = np.zeros(len(vocabulary))
    bias = 0.0
    m = np.zeros(len(vocabulary) + 1)
    v = np.zeros(len(vocabulary) + 1)
    total = sample_weight.sum()
    for step in range(1, epochs + 1):
        z = _scores(w, bias, flat, starts)
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        error = (p - labels) * sample_weight / total
        grad_w = np.zeros(len(vocabulary))
        np.add.at(grad_w, flat, error[rows_of])
        grad_w += l2 * w / total
        grad = np.concatenate([grad_w, [error.sum()]])
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        update = rate * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
        w -= update[:-1] * 0.1
        bias -= update[-1] * 0.1
    names = sorted(vocabulary, key=vocabulary.__getitem__)
    return {n: round(float(w[i]), 4) for i, n in enumerate(names) if abs(w[i]) >= 1e-3}, float(bias)


def prf(gold: list[int], predicted: list[int]) -> dict[str, float]:
    tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g and p)
    fp = sum(1 for g, p in zip(gold, predicted, strict=True) if not g and p)
    fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"p": round(precision, 3), "r": round(recall, 3), "f1": round(f1, 3), "n": len(gold)}


def probabilities(weights: dict[str, float], bias: float, rows: list[list[str]]) -> list[float]:
    out = []
    for names in rows:
        z = bias + sum(weights.get(n, 0.0) for n in set(names))
        out.append(1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))))
    return out


def modality_report(modal: list[dict[str, Any]]) -> dict[str, Any]:
    """Per corpus and split: how often an asserted (realis) mention is called asserted, and how
    often a negated (ECB+) or other (LitBank) one is called something else."""
    report: dict[str, Any] = {}
    for corpus in ("ecb+", "litbank"):
        for split in ("dev", "test"):
            items = [m for m in modal if m["corpus"] == corpus and m["split"] == split]
            realis = [m for m in items if m["gold"] == "asserted"]
            other = [m for m in items if m["gold"] != "asserted"]
            gold_neg = [int(m["gold"] != "asserted") for m in items]
            predicted_neg = [
                int(
                    m["predicted"] == "negated"
                    if corpus == "ecb+"
                    else m["predicted"] in {"negated", "hypothetical", "planned", "generic"}
                )
                for m in items
            ]
            report[f"{corpus}/{split}"] = {
                "realis_called_asserted": round(
                    sum(
                        m["predicted"] not in {"negated", "hypothetical", "planned", "generic"}
                        for m in realis
                    )
                    / max(1, len(realis)),
                    3,
                ),
                "non_realis_called_non_asserted": round(
                    sum(p for p, g in zip(predicted_neg, gold_neg, strict=True) if g)
                    / max(1, len(other)),
                    3,
                ),
                "non_asserted_detection": prf(gold_neg, predicted_neg),
                "realis": len(realis),
                "other": len(other),
                "predicted": dict(Counter(m["predicted"] for m in items)),
            }
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpora", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--cache", type=Path, help="JSON of collected candidates, reused if present"
    )
    parser.add_argument("--limit", type=int)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument(
        "--drop",
        default="",
        help="comma-separated feature prefixes left out (l=,l+dep=,hl=,mod_word= : unlexicalized)",
    )
    args = parser.parse_args(argv)
    from newsgraph.extract.pipeline import load_pipeline

    if args.cache and args.cache.exists():
        candidates, modal = json.loads(args.cache.read_text())
    else:
        candidates, modal = collect(load_pipeline(), args.corpora, args.limit)
        if args.cache:
            args.cache.write_text(json.dumps([candidates, modal]))
    for candidate in candidates:
        names = [f for f in candidate["features"] if f not in (NEWS, FICTION)]
        candidate["features"] = [*names, NEWS if candidate["corpus"] == "ecb+" else FICTION]
    drop = tuple(p for p in args.drop.split(",") if p)
    if drop:
        for candidate in candidates:
            candidate["features"] = [f for f in candidate["features"] if not f.startswith(drop)]
    by_split = {s: [c for c in candidates if c["split"] == s] for s in ("train", "dev", "test")}
    train_rows = by_split["train"]
    labels = np.asarray([c["label"] for c in train_rows], dtype=float)
    # Each corpus weighs as much as the other in training, whatever its number of candidates.
    sizes = Counter(c["corpus"] for c in train_rows)
    sample_weight = np.asarray([len(train_rows) / (2 * sizes[c["corpus"]]) for c in train_rows])
    weights, bias = train([c["features"] for c in train_rows], labels, sample_weight, l2=args.l2)
    dev = by_split["dev"]
    dev_p = probabilities(weights, bias, [c["features"] for c in dev])
    best = (0.0, 0.5)
    for step in range(5, 96):
        threshold = step / 100
        # The macro average over the two corpora, so that neither decides alone.
        f1s = []
        for corpus in ("ecb+", "litbank"):
            pairs = [
                (c["label"], p) for c, p in zip(dev, dev_p, strict=True) if c["corpus"] == corpus
            ]
            f1s.append(prf([g for g, _ in pairs], [int(p >= threshold) for _, p in pairs])["f1"])
        macro = sum(f1s) / len(f1s)
        if macro > best[0]:
            best = (macro, threshold)
    threshold = best[1]
    figures: dict[str, Any] = {}
    for split in ("dev", "test"):
        rows = by_split[split]
        probs = probabilities(weights, bias, [c["features"] for c in rows])
        for corpus in ("ecb+", "litbank"):
            pairs = [
                (c["label"], p) for c, p in zip(rows, probs, strict=True) if c["corpus"] == corpus
            ]
            gold = [g for g, _ in pairs]
            figures[f"{corpus}/{split}"] = {
                "lexicon_only": prf(gold, [1] * len(gold)),
                "filtered": prf(gold, [int(p >= threshold) for _, p in pairs]),
            }
    table = {
        "_comment": (
            "Event filter weights (extract/event_filter.py): logistic regression over the "
            "context features of a lexicon trigger, trained by "
            "extract/training/events_filter.py on ECB+ (topics 1-22) and LitBank (documents "
            "not 0 or 1 mod 5); threshold of best macro F1 on their dev splits."
        ),
        "bias": round(bias, 4),
        "threshold": threshold,
        "trained_on": {"ecb+": sizes["ecb+"], "litbank": sizes["litbank"]},
        "features_left_out": list(drop),
        "dev_macro_f1": round(best[0], 3),
        "figures": figures,
        "weights": dict(sorted(weights.items())),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(table, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    json.dump(
        {
            "filter": figures,
            "threshold": threshold,
            "dev_macro_f1": round(best[0], 3),
            "modality": modality_report(modal),
        },
        sys.stdout,
        indent=1,
    )
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
