"""Measurement of a newsgraph spaCy pipeline on the held-out test splits of the training corpora."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract.training.convert import (
    CONLL_SPLIT_FILES,
    conll2003_docs,
    conllu_docs,
    uner_docs,
)

CONLL_TYPES = ("PER", "ORG", "LOC", "MISC")
UNER_TYPES = ("PER", "ORG", "LOC")
# Evaluate EWT one whole document at a time, so sentence splitting is really tested.
WHOLE_DOCUMENT = 10_000

# Runs in a fresh interpreter so the thread limits apply before numpy loads, and is
# pinned to one CPU: the figure is words per second on one core.
_SPEED_SCRIPT = """
import json, os, sys, time
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[variable] = "1"
os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
import spacy
nlp = spacy.load(sys.argv[1])
texts = json.loads(open(sys.argv[2], encoding="utf-8").read())
list(nlp.pipe(texts[:50]))
result = {}
groups = {"all": []}
if "ner" in nlp.pipe_names:
    groups["ner_only"] = [name for name in nlp.pipe_names if name != "ner"]
    groups["without_ner"] = ["ner"]
for label, disabled in groups.items():
    with nlp.select_pipes(disable=disabled):
        start = time.perf_counter()
        words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=256))
        result[label] = words / (time.perf_counter() - start)
print(json.dumps(result))
"""


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"p": precision, "r": recall, "f": f}


def _with_gold_tokens(nlp: Language, gold: Iterable[Doc]) -> list[Doc]:
    """Blank Docs with the gold words and spacing, so scores are on gold tokenization."""
    return [
        Doc(nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
        for doc in gold
    ]


def score_entities(predicted: list[Doc], gold: list[Doc], types: tuple[str, ...]) -> dict[str, Any]:
    """Exact-span entity P/R/F, overall and per type, counting only ``types``.

    Predicted spans of other types are dropped rather than counted as errors, and
    gold spans marked missing never count.
    """
    counts: dict[str, Counter[str]] = {label: Counter() for label in types}
    for pred_doc, gold_doc in zip(predicted, gold, strict=True):
        gold_spans = {(e.start, e.end, e.label_) for e in gold_doc.ents if e.label_ in types}
        pred_spans = {(e.start, e.end, e.label_) for e in pred_doc.ents if e.label_ in types}
        for span in pred_spans:
            counts[span[2]]["tp" if span in gold_spans else "fp"] += 1
        for span in gold_spans - pred_spans:
            counts[span[2]]["fn"] += 1
    total: Counter[str] = Counter()
    for counter in counts.values():
        total.update(counter)
    result: dict[str, Any] = _prf(total["tp"], total["fp"], total["fn"])
    result["per_type"] = {
        label: {**_prf(c["tp"], c["fp"], c["fn"]), "support": c["tp"] + c["fn"]}
        for label, c in counts.items()
    }
    return result


def score_entities_by_offsets(
    predicted: list[Doc], gold: list[Doc], types: tuple[str, ...]
) -> dict[str, Any]:
    """Exact-span entity P/R/F where spans are matched by character offsets.

    For predictions made on the raw text with the pipeline's own tokenizer, whose
    tokens may differ from the gold ones.
    """
    total: Counter[str] = Counter()
    for pred_doc, gold_doc in zip(predicted, gold, strict=True):
        gold_spans = {
            (e.start_char, e.end_char, e.label_) for e in gold_doc.ents if e.label_ in types
        }
        pred_spans = {
            (e.start_char, e.end_char, e.label_) for e in pred_doc.ents if e.label_ in types
        }
        total["tp"] += len(pred_spans & gold_spans)
        total["fp"] += len(pred_spans - gold_spans)
        total["fn"] += len(gold_spans - pred_spans)
    return _prf(total["tp"], total["fp"], total["fn"])


def _sentence_spans(doc: Doc) -> set[tuple[int, int]]:
    return {(sent.start, sent.end) for sent in doc.sents}


def score_syntax(predicted: list[Doc], gold: list[Doc]) -> dict[str, float]:
    """Token-level UAS/LAS (punctuation included), tag, UPOS, morphology, lemma and sentence F.

    ``las`` compares the universal part of the relation (``nmod:poss`` reads as
    ``nmod``), as the CoNLL 2018 shared-task script does; ``las_full`` compares
    full labels. Root labels are compared case-insensitively (spaCy writes ROOT).
    """
    n = uas = las = las_full = upos = xpos = morph = lemma = 0
    sent_tp = sent_pred = sent_gold = 0
    for pred_doc, gold_doc in zip(predicted, gold, strict=True):
        for p, g in zip(pred_doc, gold_doc, strict=True):
            n += 1
            if p.head.i == g.head.i:
                uas += 1
                p_dep, g_dep = p.dep_.lower(), g.dep_.lower()
                las_full += p_dep == g_dep
                las += p_dep.split(":")[0] == g_dep.split(":")[0]
            upos += p.pos_ == g.pos_
            xpos += p.tag_ == g.tag_
            morph += str(p.morph) == str(g.morph)
            lemma += p.lemma_ == g.lemma_
        pred_sents, gold_sents = _sentence_spans(pred_doc), _sentence_spans(gold_doc)
        sent_tp += len(pred_sents & gold_sents)
        sent_pred += len(pred_sents)
        sent_gold += len(gold_sents)
    sents = _prf(sent_tp, sent_pred - sent_tp, sent_gold - sent_tp)
    return {
        "tokens": n,
        "uas": uas / n,
        "las": las / n,
        "las_full": las_full / n,
        "upos": upos / n,
        "xpos": xpos / n,
        "morph": morph / n,
        "lemma": lemma / n,
        "sents_p": sents["p"],
        "sents_r": sents["r"],
        "sents_f": sents["f"],
    }


def measure_speed(model: str | Path, texts: list[str]) -> dict[str, float]:
    """Words (tokens) per second of ``nlp.pipe`` over ``texts`` on one pinned core, one thread."""
    with tempfile.TemporaryDirectory() as tmp:
        text_file = Path(tmp) / "texts.json"
        text_file.write_text(json.dumps(texts), encoding="utf-8")
        completed = subprocess.run(
            [sys.executable, "-c", _SPEED_SCRIPT, str(model), str(text_file)],
            check=True,
            capture_output=True,
            text=True,
        )
    result: dict[str, float] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def evaluate_pipeline(model: str | Path, corpora_dir: Path) -> dict[str, Any]:
    """Score ``model`` on the CoNLL-2003, UNER EWT and UD EWT test splits and time it.

    All accuracy figures use gold tokenization. On UNER, MISC predictions are
    ignored (UNER has no MISC type), so they are neither hits nor false positives.
    """
    nlp = spacy.load(model)
    scores: dict[str, Any] = {
        "model": f"{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}",
        "pipeline": list(nlp.pipe_names),
    }

    conll_gold = conll2003_docs(nlp.vocab, corpora_dir / "conll2003-en" / CONLL_SPLIT_FILES["test"])
    uner_gold = uner_docs(nlp.vocab, corpora_dir / "uner-english-ewt" / "en_ewt-ud-test.iob2")
    if "ner" in nlp.pipe_names:
        # The NER has its own tok2vec, so it runs alone here.
        with nlp.select_pipes(enable=["ner"]):
            conll_pred = list(nlp.pipe(_with_gold_tokens(nlp, conll_gold)))
            uner_pred = list(nlp.pipe(_with_gold_tokens(nlp, uner_gold)))
        scores["conll_test_ner"] = score_entities(conll_pred, conll_gold, CONLL_TYPES)
        scores["uner_test_ner"] = score_entities(uner_pred, uner_gold, UNER_TYPES)
        # The same test text through the pipeline's own tokenizer, as in production.
        with nlp.select_pipes(enable=["ner"]):
            conll_raw = list(nlp.pipe(doc.text for doc in conll_gold))
        scores["conll_test_ner_own_tokens"] = score_entities_by_offsets(
            conll_raw, conll_gold, CONLL_TYPES
        )

    ewt_gold = conllu_docs(
        nlp.vocab, corpora_dir / "ud-english-ewt" / "en_ewt-ud-test.conllu", WHOLE_DOCUMENT
    )
    if "parser" in nlp.pipe_names:
        with nlp.select_pipes(disable=[name for name in ("ner",) if name in nlp.pipe_names]):
            ewt_pred = list(nlp.pipe(_with_gold_tokens(nlp, ewt_gold)))
        scores["ewt_test_syntax"] = score_syntax(ewt_pred, ewt_gold)

    speed = measure_speed(model, [doc.text for doc in ewt_gold])
    scores["words_per_second"] = speed["all"]
    scores["words_per_second_detail"] = speed
    return scores


def format_report(scores: dict[str, Any]) -> str:
    """Render evaluation scores as a plain-text table."""
    lines = [
        f"model: {scores.get('model', '?')}  pipeline: {', '.join(scores.get('pipeline', []))}"
    ]
    for key, title in (
        ("conll_test_ner", "CoNLL-2003 test NER (gold tokens)"),
        ("uner_test_ner", "UNER EWT test NER (gold tokens; MISC predictions ignored)"),
    ):
        if key not in scores:
            continue
        ner = scores[key]
        lines += ["", title, f"{'type':<8}{'P':>8}{'R':>8}{'F':>8}{'support':>9}"]
        for label, row in ner["per_type"].items():
            lines.append(
                f"{label:<8}{row['p']:>8.3f}{row['r']:>8.3f}{row['f']:>8.3f}{row['support']:>9}"
            )
        lines.append(f"{'ALL':<8}{ner['p']:>8.3f}{ner['r']:>8.3f}{ner['f']:>8.3f}")
        own = scores.get("conll_test_ner_own_tokens")
        if key == "conll_test_ner" and own:
            lines.append(
                f"{'ALL*':<8}{own['p']:>8.3f}{own['r']:>8.3f}{own['f']:>8.3f}"
                "  (* pipeline's own tokenizer, spans matched by character offsets)"
            )
    if "ewt_test_syntax" in scores:
        syntax = scores["ewt_test_syntax"]
        lines += ["", f"UD EWT test syntax (gold tokens, {syntax['tokens']} tokens)"]
        for label, key in (
            ("UAS", "uas"),
            ("LAS (universal deprel)", "las"),
            ("LAS (full deprel)", "las_full"),
            ("UPOS accuracy", "upos"),
            ("XPOS (tag) accuracy", "xpos"),
            ("morph features accuracy", "morph"),
            ("lemma accuracy", "lemma"),
            ("sentence P", "sents_p"),
            ("sentence R", "sents_r"),
            ("sentence F", "sents_f"),
        ):
            lines.append(f"{label:<26}{syntax[key]:>8.3f}")
    if "words_per_second" in scores:
        lines += ["", "Speed (nlp.pipe on EWT test text, one core, one thread)"]
        for label, value in scores.get("words_per_second_detail", {}).items():
            lines.append(f"{label:<26}{value:>10,.0f} words/s")
    return "\n".join(lines)
