"""Scoring the extractor's named mentions against the public NER test splits."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract.article import Article
from newsgraph.extract.pipeline import extract_articles
from newsgraph.extract.training.convert import CONLL_SPLIT_FILES

GOLD_TYPES = {"PER": "person", "ORG": "organization", "LOC": "place"}
# Corpora scored by `newsgraph eval ner`; CoNLL-2003 and UNER keep their own readers (as
# published), the others come through the training label map (extract/training/corpora.py).
CORPORA = {
    "conll2003": ("conll2003-en", "test.txt"),
    "uner": ("uner-english-ewt", "en_ewt-ud-test.iob2"),
    "wikigold": ("wikigold", ""),
    "crossner": ("crossner", ""),
    "wnut17": ("wnut17", ""),
    "btc": ("broad_twitter_corpus", ""),
    "re3d": ("re3d", ""),
}
SCORERS = ("extractor", "model")


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


def gold_documents(corpus: str, corpora_dir: Path, vocab: Any, split: str = "test") -> list[Doc]:
    """The gold Docs of a corpus split; entities typed PER/ORG/LOC are scored, any other label
    (MISC, OTH, names the corpus types another way) marks a span whose predictions are ignored."""
    from newsgraph.extract.training.convert import conll2003_docs, uner_docs
    from newsgraph.extract.training.corpora import corpus_docs

    if corpus not in CORPORA:
        raise ValueError(f"unknown corpus {corpus!r}; choose one of {sorted(CORPORA)}")
    if split not in CONLL_SPLIT_FILES:
        raise ValueError(f"unknown split {split!r}; choose one of {sorted(CONLL_SPLIT_FILES)}")
    folder, _ = CORPORA[corpus]
    if corpus == "conll2003":
        path = corpora_dir / folder / CONLL_SPLIT_FILES[split]
    elif corpus == "uner":
        path = corpora_dir / folder / f"en_ewt-ud-{split}.iob2"
    else:
        try:
            return corpus_docs(corpus, split, corpora_dir, vocab)
        except FileNotFoundError as error:
            raise FileNotFoundError(f"{error} ({corpus} {split} split not found)") from error
    if not path.exists():
        raise FileNotFoundError(f"{path}: {split} split not found")
    if corpus == "conll2003":
        return conll2003_docs(vocab, path)
    return uner_docs(vocab, path)


def _model_mentions(doc: Doc) -> list[tuple[int, int, str]]:
    """The pipeline's own entities as (start, end, newsgraph type), through entity_labels.json."""
    from newsgraph.extract.lexicons import entity_labels

    labels = entity_labels()
    return [
        (ent.start_char, ent.end_char, labels[ent.label_])
        for ent in doc.ents
        if ent.label_ in labels
    ]


def covers_head(mention: tuple[int, int], gold: tuple[int, int], head: int) -> bool:
    """The head rule: the mention lies inside the gold span and covers its head (the offset
    where the gold name's last word starts)."""
    return gold[0] <= mention[0] and mention[1] <= gold[1] and mention[0] <= head < mention[1]


def _score_document(
    gold: Doc,
    predicted: list[tuple[int, int, str]],
    strict: dict[str, Tally],
    head: dict[str, Tally],
) -> None:
    gold_spans = [
        (ent.start_char, ent.end_char, GOLD_TYPES[ent.label_], ent[-1].idx)
        for ent in gold.ents
        if ent.label_ in GOLD_TYPES
    ]
    other_spans = [
        (ent.start_char, ent.end_char) for ent in gold.ents if ent.label_ not in GOLD_TYPES
    ]
    predicted_exact = set(predicted)
    for start, end, entity_type, _ in gold_spans:
        if (start, end, entity_type) in predicted_exact:
            strict[entity_type].tp += 1
        else:
            strict[entity_type].fn += 1
    gold_exact = {(s, e, t) for s, e, t, _ in gold_spans}
    matched_gold: set[int] = set()
    for start, end, entity_type in predicted:
        if entity_type not in head:
            continue
        if any(s < end and start < e for s, e in other_spans) and not any(
            s < end and start < e for s, e, _, _ in gold_spans
        ):
            continue
        if (start, end, entity_type) not in gold_exact:
            strict[entity_type].fp += 1
        hit = next(
            (
                i
                for i, (s, e, t, head_start) in enumerate(gold_spans)
                if i not in matched_gold
                and t == entity_type
                and covers_head((start, end), (s, e), head_start)
            ),
            None,
        )
        if hit is None:
            head[entity_type].fp += 1
        else:
            matched_gold.add(hit)
            head[entity_type].tp += 1
    for i, (_, _, entity_type, _) in enumerate(gold_spans):
        if i not in matched_gold:
            head[entity_type].fn += 1


def _summary(strict: dict[str, Tally], head: dict[str, Tally], documents: int) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for name, tallies in (("strict", strict), ("head", head)):
        micro = Tally(
            sum(t.tp for t in tallies.values()),
            sum(t.fp for t in tallies.values()),
            sum(t.fn for t in tallies.values()),
        )
        result[name] = {"micro": micro.scores(), **{k: v.scores() for k, v in tallies.items()}}
    result["documents"] = documents
    return result


def score_all_mentions(nlp: Language, gold_docs: list[Doc]) -> dict[str, dict[str, Any]]:
    """Scores of the extractor's name mentions (``extractor``) and of the pipeline's own
    entities with no extractor rule (``model``), from one pass of the pipeline.

    The extractor reads each document's text as an article. `strict` needs exact offsets;
    `head` counts a prediction that lies inside the gold mention and covers its last token
    (the head of a name), the rule of the held-out news benchmark. Predictions that overlap a
    gold span of another scheme (CoNLL MISC, UNER OTH, names a corpus types otherwise) and no
    scored gold span are not counted as errors, since newsgraph types nationalities acting as
    groups as organizations.
    """
    from newsgraph.extract.pipeline import extraction_from_doc, model_label

    articles = [
        Article(id=f"doc-{i}", text=doc.text) for i, doc in enumerate(gold_docs) if doc.text.strip()
    ]
    golds = {f"doc-{i}": doc for i, doc in enumerate(gold_docs)}
    tallies = {
        scorer: (
            {t: Tally() for t in GOLD_TYPES.values()},
            {t: Tally() for t in GOLD_TYPES.values()},
        )
        for scorer in SCORERS
    }
    label = model_label(nlp)
    pairs = ((article.text, article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=8):
        gold = golds[article.id]
        # The model's own entities are read before the extractor's rules see the Doc.
        _score_document(gold, _model_mentions(doc), *tallies["model"])
        extraction = extraction_from_doc(article, doc, nlp, model=label)
        predicted = [(m.start, m.end, m.type) for m in extraction.mentions if m.kind == "name"]
        _score_document(gold, predicted, *tallies["extractor"])
    return {
        scorer: _summary(strict, head, len(articles)) for scorer, (strict, head) in tallies.items()
    }


def score_mentions(nlp: Language, gold_docs: list[Doc]) -> dict[str, Any]:
    """Per-type and micro P/R/F1 of the extractor's name mentions on gold documents
    (see ``score_all_mentions``)."""
    return score_all_mentions(nlp, gold_docs)["extractor"]


def score_corpora(
    nlp: Language, corpora_dir: Path, corpora: list[str], split: str = "test"
) -> dict[str, Any]:
    """``score_all_mentions`` on each corpus's split, and the macro average over the corpora of
    the typed head-rule micro F1 (the headline figure), for the extractor and the model alone."""
    per_corpus = {
        corpus: score_all_mentions(nlp, gold_documents(corpus, corpora_dir, nlp.vocab, split))
        for corpus in corpora
    }
    macro = {
        scorer: sum(scores[scorer]["head"]["micro"]["f1"] for scores in per_corpus.values())
        / len(per_corpus)
        for scorer in SCORERS
    }
    return {"split": split, "corpora": per_corpus, "macro_head_f1": macro}


def format_mention_scores(corpus: str, scores: dict[str, Any], split: str = "test") -> str:
    lines = [f"{corpus} {split}: {scores['documents']} documents, extractor name mentions"]
    for name in ("strict", "head"):
        lines.append(f"  {name:<6} {'type':<13} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
        for entity_type, row in scores[name].items():
            gold = row["tp"] + row["fn"]
            lines.append(
                f"  {'':<6} {entity_type:<13} {row['p']:6.3f} {row['r']:6.3f} {row['f1']:6.3f} {gold:6d}"
            )
    return "\n".join(lines)


def format_corpora_scores(scores: dict[str, Any]) -> str:
    """One table: per corpus and type, the typed head F1 of the extractor and the model alone."""
    types = list(GOLD_TYPES.values())
    header = (
        f"{'corpus':<10} {'scorer':<9} {'docs':>5} {'gold':>6} {'P':>6} {'R':>6} {'F1':>6} "
        + " ".join(f"{t[:6]:>6}" for t in types)
    )
    lines = [f"typed head-rule F1 on the {scores['split']} splits", header]
    for corpus, by_scorer in scores["corpora"].items():
        for scorer in SCORERS:
            head = by_scorer[scorer]["head"]
            micro = head["micro"]
            gold = micro["tp"] + micro["fn"]
            lines.append(
                f"{corpus:<10} {scorer:<9} {by_scorer[scorer]['documents']:5d} {gold:6d} "
                f"{micro['p']:6.3f} {micro['r']:6.3f} {micro['f1']:6.3f} "
                + " ".join(f"{head[t]['f1']:6.3f}" for t in types)
            )
    for scorer in SCORERS:
        lines.append(
            f"macro average over {len(scores['corpora'])} corpora, {scorer}: "
            f"{scores['macro_head_f1'][scorer]:.3f}"
        )
    return "\n".join(lines)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


MODALITIES = frozenset({"asserted", "hypothetical", "planned", "negated", "generic"})


def read_event_gold(
    path: Path, corpora: Path | None = None
) -> list[tuple[Article, list[dict[str, Any]]]]:
    """Gold events in JSONL: per article `id`, `text`, `published`, and `events` with a
    `type`, a `trigger` {start, end, text}, `arguments` [{role, start, end, text}] marking
    each argument's head word, and a `modality` (asserted, hypothetical, planned, negated or
    generic; asserted where absent). The rules: data/events/ANNOTATION.md.

    A record whose text may not be copied (a geoparsing corpus's article) has `"text": null`,
    its `corpus`, the SHA-1 of its text and offsets only; its text is read from `corpora`
    (the corpora folder) and must hash the same."""
    import hashlib
    import json
    from datetime import date

    records = []
    texts: dict[str, dict[str, str]] = {}
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            record = json.loads(line)
            text = record["text"]
            if text is None:
                text = _corpus_text(record, corpora, texts)
                if hashlib.sha1(text.encode("utf-8")).hexdigest() != record["text_sha1"]:
                    raise ValueError(
                        f"{path}:{number}: the text of {record['corpus']} {record['id']} in "
                        f"{corpora} is not the one annotated (SHA-1 differs)"
                    )
            published = date.fromisoformat(record["published"]) if record.get("published") else None
            article = Article(id=record["id"], text=text, published=published)
            for event in record["events"]:
                if event.get("modality", "asserted") not in MODALITIES:
                    raise ValueError(f"{path}:{number}: unknown modality {event['modality']!r}")
                for span in (event["trigger"], *event["arguments"]):
                    if not 0 <= span["start"] < span["end"] <= len(text):
                        raise ValueError(f"{path}:{number}: offsets {span} out of the text")
                    if "text" not in span:
                        span["text"] = text[span["start"] : span["end"]]
                    elif text[span["start"] : span["end"]] != span["text"]:
                        what = "trigger" if span is event["trigger"] else "argument"
                        raise ValueError(
                            f"{path}:{number}: {what} offsets do not match {span['text']!r}"
                        )
            records.append((article, record["events"]))
    return records


def _corpus_text(
    record: dict[str, Any], corpora: Path | None, cache: dict[str, dict[str, str]]
) -> str:
    from newsgraph.extract.geo_eval import read_geo_corpus

    corpus = str(record.get("corpus"))
    if corpora is None:
        raise ValueError(
            f"{corpus} {record['id']}: the record keeps no text; give the corpora folder "
            "(--corpora) to read it from"
        )
    if corpus not in cache:
        cache[corpus] = {a.id: a.text for a in read_geo_corpus(corpus, corpora)}
    if record["id"] not in cache[corpus]:
        raise ValueError(f"{corpus} {record['id']}: no such article in {corpora}")
    return cache[corpus][record["id"]]


def _gold_asserted(event: dict[str, Any]) -> bool:
    return event.get("modality", "asserted") == "asserted"


def _match_triggers(
    predicted: list[Any], gold_events: list[dict[str, Any]], by_type: bool
) -> list[int | None]:
    """For each predicted event, the gold event it matches (triggers overlap, and with
    `by_type` the types agree), each gold event matched once, in text order."""
    taken: set[int] = set()
    matches: list[int | None] = []
    for event in predicted:
        span = (event.trigger.start, event.trigger.end)
        hit = next(
            (
                i
                for i, g in enumerate(gold_events)
                if i not in taken
                and (not by_type or g["type"] == event.type)
                and _overlaps(span, (g["trigger"]["start"], g["trigger"]["end"]))
            ),
            None,
        )
        if hit is not None:
            taken.add(hit)
        matches.append(hit)
    return matches


def _argument_hits(event: Any, gold: dict[str, Any]) -> int:
    """How many of a predicted event's arguments overlap a gold argument's head of the same
    role, each gold argument counted once."""
    used: set[int] = set()
    for argument in event.arguments:
        found = next(
            (
                j
                for j, g in enumerate(gold["arguments"])
                if j not in used
                and g["role"] == argument.role
                and _overlaps((argument.start, argument.end), (g["start"], g["end"]))
            ),
            None,
        )
        if found is not None:
            used.add(found)
    return len(used)


def score_events(nlp: Language, gold: list[tuple[Article, list[dict[str, Any]]]]) -> dict[str, Any]:
    """Trigger identification and classification, and argument classification, P/R/F1, over
    every event mention and per type; the same over asserted mentions only (a predicted event
    counts there when its modality is "asserted", a gold one when annotated so); and how often
    a matched event's modality is read right (asserted or not).

    A predicted event matches a gold one when their triggers overlap (and, for classification,
    the types agree); a predicted argument counts when it overlaps a gold argument's head word
    with the same role, in a matched event. The rule of ACE-style benchmarks.
    """
    identification, classification, arguments = Tally(), Tally(), Tally()
    asserted, asserted_arguments = Tally(), Tally()
    per_type: dict[str, Tally] = {}
    per_type_arguments: dict[str, Tally] = {}
    modality_right = modality_total = 0
    gold_by_id = {article.id: events for article, events in gold}
    for extraction in extract_articles([article for article, _ in gold], nlp):
        gold_events = gold_by_id[extraction.article.id]
        predicted = extraction.events
        idents = _match_triggers(predicted, gold_events, by_type=False)
        hits = _match_triggers(predicted, gold_events, by_type=True)
        for event, ident, hit in zip(predicted, idents, hits, strict=True):
            if ident is None:
                identification.fp += 1
            else:
                identification.tp += 1
            tally = per_type.setdefault(event.type, Tally())
            argument_tally = per_type_arguments.setdefault(event.type, Tally())
            if hit is None:
                classification.fp += 1
                tally.fp += 1
                arguments.fp += len(event.arguments)
                argument_tally.fp += len(event.arguments)
                continue
            classification.tp += 1
            tally.tp += 1
            found = _argument_hits(event, gold_events[hit])
            arguments.tp += found
            arguments.fp += len(event.arguments) - found
            argument_tally.tp += found
            argument_tally.fp += len(event.arguments) - found
            modality_total += 1
            modality_right += (event.modality == "asserted") == _gold_asserted(gold_events[hit])
        for i, g in enumerate(gold_events):
            if i not in idents:
                identification.fn += 1
            if i not in hits:
                classification.fn += 1
                per_type.setdefault(g["type"], Tally()).fn += 1
        found_by_gold = {
            hit: _argument_hits(event, gold_events[hit])
            for event, hit in zip(predicted, hits, strict=True)
            if hit is not None
        }
        for i, g in enumerate(gold_events):
            missed = len(g["arguments"]) - found_by_gold.get(i, 0)
            arguments.fn += missed
            per_type_arguments.setdefault(g["type"], Tally()).fn += missed
        # Asserted only: the predicted and gold events told as having happened.
        told = [e for e in predicted if e.modality == "asserted"]
        gold_told = [i for i, g in enumerate(gold_events) if _gold_asserted(g)]
        told_hits = _match_triggers(told, [gold_events[i] for i in gold_told], by_type=True)
        for event, hit in zip(told, told_hits, strict=True):
            if hit is None:
                asserted.fp += 1
                asserted_arguments.fp += len(event.arguments)
                continue
            asserted.tp += 1
            found = _argument_hits(event, gold_events[gold_told[hit]])
            asserted_arguments.tp += found
            asserted_arguments.fp += len(event.arguments) - found
        matched = {gold_told[h]: e for e, h in zip(told, told_hits, strict=True) if h is not None}
        for i in gold_told:
            if i not in matched:
                asserted.fn += 1
                asserted_arguments.fn += len(gold_events[i]["arguments"])
            else:
                asserted_arguments.fn += len(gold_events[i]["arguments"]) - _argument_hits(
                    matched[i], gold_events[i]
                )
    return {
        "articles": len(gold),
        "trigger_identification": identification.scores(),
        "trigger_classification": classification.scores(),
        "argument_classification": arguments.scores(),
        "per_type": {name: tally.scores() for name, tally in sorted(per_type.items())},
        "per_type_arguments": {
            name: tally.scores() for name, tally in sorted(per_type_arguments.items())
        },
        "asserted_trigger_classification": asserted.scores(),
        "asserted_argument_classification": asserted_arguments.scores(),
        "modality_accuracy": modality_right / modality_total if modality_total else 0.0,
    }


def format_event_scores(scores: dict[str, Any]) -> str:
    lines = [f"{scores['articles']} articles"]
    for name in (
        "trigger_identification",
        "trigger_classification",
        "argument_classification",
        "asserted_trigger_classification",
        "asserted_argument_classification",
    ):
        row = scores[name]
        lines.append(f"  {name:<33} P {row['p']:.3f}  R {row['r']:.3f}  F1 {row['f1']:.3f}")
    lines.append(
        f"  modality of matched events (asserted or not) right: {scores['modality_accuracy']:.3f}"
    )
    lines.append("  per type: trigger P R F1 (gold) | argument P R F1 (gold)")
    arguments = scores["per_type_arguments"]
    for name, row in scores["per_type"].items():
        gold = row["tp"] + row["fn"]
        arg = arguments.get(name, Tally().scores())
        lines.append(
            f"    {name:<13} {row['p']:.3f} {row['r']:.3f} {row['f1']:.3f} ({gold:3d})"
            f" | {arg['p']:.3f} {arg['r']:.3f} {arg['f1']:.3f} ({arg['tp'] + arg['fn']:3d})"
        )
    return "\n".join(lines)
