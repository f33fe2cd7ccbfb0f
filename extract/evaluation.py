"""Scoring the extractor's named mentions against the public NER test splits."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from extract.article import Article
from extract.pipeline import extract_articles

GOLD_TYPES = {"PER": "person", "ORG": "organization", "LOC": "place"}
CORPORA = {
    "conll2003": ("conll2003-en", "test.txt"),
    "uner": ("uner-english-ewt", "en_ewt-ud-test.iob2"),
}


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def scores(self) -> dict[str, float | int]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"p": precision, "r": recall, "f1": f1, "tp": self.tp, "fp": self.fp, "fn": self.fn}


def gold_documents(corpus: str, corpora_dir: Path, vocab: Any) -> list[Doc]:
    from extract.training.convert import conll2003_docs, uner_docs

    if corpus not in CORPORA:
        raise ValueError(f"unknown corpus {corpus!r}; choose one of {sorted(CORPORA)}")
    folder, name = CORPORA[corpus]
    path = corpora_dir / folder / name
    if not path.exists():
        raise FileNotFoundError(f"{path}: test split not found")
    if corpus == "conll2003":
        return conll2003_docs(vocab, path)
    return uner_docs(vocab, path)


def score_mentions(nlp: Language, gold_docs: list[Doc]) -> dict[str, Any]:
    """Per-type and micro P/R/F1 of the extractor's name mentions on gold documents.

    The extractor reads each document's text as an article. `strict` needs exact offsets;
    `head` counts a prediction that lies inside the gold mention and covers its last token
    (the head of a name), the rule of the held-out news benchmark. Predictions that overlap a
    gold span of another scheme (CoNLL MISC, UNER OTH: nationalities, events) are not counted
    as errors, since newsgraph types nationalities acting as groups as organizations.
    """
    articles = [
        Article(id=f"doc-{i}", text=doc.text) for i, doc in enumerate(gold_docs) if doc.text.strip()
    ]
    golds = {f"doc-{i}": doc for i, doc in enumerate(gold_docs)}
    strict = {t: Tally() for t in GOLD_TYPES.values()}
    head = {t: Tally() for t in GOLD_TYPES.values()}
    for extraction in extract_articles(articles, nlp, batch_size=8):
        gold = golds[extraction.article.id]
        gold_spans = [
            (ent.start_char, ent.end_char, GOLD_TYPES[ent.label_], ent[-1].idx)
            for ent in gold.ents
            if ent.label_ in GOLD_TYPES
        ]
        other_spans = [
            (ent.start_char, ent.end_char) for ent in gold.ents if ent.label_ not in GOLD_TYPES
        ]
        predicted = [m for m in extraction.mentions if m.kind == "name"]
        predicted_exact = {(m.start, m.end, m.type) for m in predicted}
        for start, end, entity_type, _ in gold_spans:
            if (start, end, entity_type) in predicted_exact:
                strict[entity_type].tp += 1
            else:
                strict[entity_type].fn += 1
        gold_exact = {(s, e, t) for s, e, t, _ in gold_spans}
        matched_gold: set[int] = set()
        for mention in predicted:
            if any(s < mention.end and mention.start < e for s, e in other_spans) and not any(
                s < mention.end and mention.start < e for s, e, _, _ in gold_spans
            ):
                continue
            if (mention.start, mention.end, mention.type) not in gold_exact:
                strict[mention.type].fp += 1
            hit = next(
                (
                    i
                    for i, (s, e, t, head_start) in enumerate(gold_spans)
                    if i not in matched_gold
                    and t == mention.type
                    and s <= mention.start
                    and mention.end <= e
                    and mention.start <= head_start < mention.end
                ),
                None,
            )
            if hit is None:
                head[mention.type].fp += 1
            else:
                matched_gold.add(hit)
                head[mention.type].tp += 1
        for i, (_, _, entity_type, _) in enumerate(gold_spans):
            if i not in matched_gold:
                head[entity_type].fn += 1
    result: dict[str, Any] = {}
    for name, tallies in (("strict", strict), ("head", head)):
        micro = Tally(
            sum(t.tp for t in tallies.values()),
            sum(t.fp for t in tallies.values()),
            sum(t.fn for t in tallies.values()),
        )
        result[name] = {"micro": micro.scores(), **{k: v.scores() for k, v in tallies.items()}}
    result["documents"] = len(articles)
    return result


def format_mention_scores(corpus: str, scores: dict[str, Any]) -> str:
    lines = [f"{corpus} test: {scores['documents']} documents, extractor name mentions"]
    for name in ("strict", "head"):
        lines.append(f"  {name:<6} {'type':<13} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
        for entity_type, row in scores[name].items():
            gold = row["tp"] + row["fn"]
            lines.append(
                f"  {'':<6} {entity_type:<13} {row['p']:6.3f} {row['r']:6.3f} {row['f1']:6.3f} {gold:6d}"
            )
    return "\n".join(lines)
