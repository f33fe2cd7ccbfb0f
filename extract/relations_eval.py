"""Scoring the extractor's relations against public gold relations: re3d (defence and security
documents, mention-level relations between character spans) and Re-DocRED (Wikipedia
documents, entity-level relations between clusters of token-span mentions).

The corpus relation types the project shares are mapped to its own types by
``data/training/relation_map.json`` (per rule: corpus type, argument types, project type,
argument order). Everything else in the gold is left out, and only predictions of the project
types a corpus's map produces are scored, so each figure compares like with like.

Matching. A gold relation has a subject and an object, each a set of character spans (the
one annotated span in re3d, every mention of the entity in Re-DocRED). The head of a span is
its last word. A predicted entity *matches* a gold argument when one of the entity's mentions
in the document (a name, a description or a pronoun resolved to it) lies inside one of the
argument's spans and covers that span's head: the head rule of ``eval ner``, so "Haider
al-Abadi" matches the gold "Prime Minister Haider al-Abadi", but "Iraq" does not match the gold
"Iraqi security forces" (it does not cover "forces"), nor does "Baghdad Operational Command"
match a gold "Baghdad". A predicted relation matches a gold relation when the types agree and
its subject and object match the gold subject and object (in either order for ``family``,
which has no direction; a rule may let a second project type match too, as ``nationality``
for a group's Wikidata "country").

The map's argument types define the gold facts counted in recall: those the project's
relation signatures can state (a person's or group's place, not a town's). A gold relation of a
mapped type whose arguments are typed otherwise (Re-DocRED types museums, churches and stations
as LOC; the project as organizations) still judges predictions: a prediction it matches is
right, though it is not counted in recall.

Relations are facts of the document, not of one sentence: the extractor's relations are
counted once per (type, subject entity, object entity), and gold relations once per
(type, subject, object) (re3d annotates the same fact at each mention pair stating it: those
with the same type and argument texts are one fact, any of whose spans may match). Precision
is the share of predicted facts that match a gold fact, recall the share of gold facts matched
by a predicted one. ``both_found`` is the share of gold facts whose subject and object are each
matched by some entity of the extraction (two different ones), whatever the relations: the
recall the relation rules could reach with this entity layer; ``r_when_found`` is the recall
on those facts alone, so that a miss of the names and a miss of the relation are told apart.

re3d gold is not exhaustive (the crowd labelled the pairs the experts put forward): a
precision error may be a true relation nobody annotated. The re3d documents are split as for
NER (``extract/training/corpora.py``: sha1 of the document id), so dev and test hold the same
documents in both evaluations. Re-DocRED comes with its own dev and test files.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language

from newsgraph.extract.article import Article
from newsgraph.extract.evaluation import covers_head
from newsgraph.extract.extraction import Extraction
from newsgraph.extract.resources import DATA_DIR
from newsgraph.extract.training.corpora import re3d_split

RELATION_MAP_PATH = DATA_DIR / "training" / "relation_map.json"
CORPORA = ("re3d", "re_docred")
SPLITS = ("dev", "test")
# Project relation types with no direction.
SYMMETRIC_TYPES = frozenset({"family"})
_WORD = re.compile(r"[^\W_]+")
# Re-DocRED tokens written with no space before them, and after them.
_NO_SPACE_BEFORE = frozenset(
    {",", ".", ";", ":", ")", "]", "}", "?", "!", "%", "'s", "'", "n't", "-"}
)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "-"})

Span = tuple[int, int]


@dataclass(frozen=True)
class GoldArgument:
    """A gold argument: the character spans that name it, and a text to show."""

    spans: tuple[Span, ...]
    text: str


@dataclass(frozen=True)
class GoldRelation:
    type: str  # the project type
    subject: GoldArgument
    object: GoldArgument
    source_type: str  # the corpus's own type
    also: tuple[str, ...] = ()  # other project types that match it
    # False when its argument types are outside the project's signature for the type (a
    # museum typed LOC in Re-DocRED "located in" a city): it judges predictions, it is not
    # counted in recall.
    scored: bool = True


@dataclass(frozen=True)
class RelationDocument:
    id: str
    text: str
    relations: tuple[GoldRelation, ...]


@dataclass(frozen=True)
class Rule:
    type: str
    subject: frozenset[str]
    object: frozenset[str]
    project: str
    reverse: bool = False
    also: tuple[str, ...] = ()

    def holds(self, subject_types: Iterable[str], object_types: Iterable[str]) -> bool:
        return bool(self.subject.intersection(subject_types)) and bool(
            self.object.intersection(object_types)
        )


@lru_cache(maxsize=1)
def relation_map() -> dict[str, Any]:
    """The corpus -> {rules, min_confidence} table (``_comment`` left out)."""
    with RELATION_MAP_PATH.open(encoding="utf-8") as handle:
        table: dict[str, Any] = json.load(handle)
    return {corpus: entry for corpus, entry in table.items() if not corpus.startswith("_")}


def rules_of(corpus: str) -> list[Rule]:
    return [
        Rule(
            type=rule["type"],
            subject=frozenset(rule["subject"]),
            object=frozenset(rule["object"]),
            project=rule["project"],
            reverse=bool(rule.get("reverse", False)),
            also=tuple(rule.get("also", ())),
        )
        for rule in relation_map()[corpus]["rules"]
    ]


def scored_types(corpus: str) -> list[str]:
    """The project types a corpus's map produces, in the map's order."""
    return list(dict.fromkeys(rule.project for rule in rules_of(corpus)))


def _rule_for(
    rules: list[Rule], kind: str, subject: Iterable[str], obj: Iterable[str]
) -> tuple[Rule, bool] | None:
    """The rule for a corpus relation, and whether its argument types fit it (scored);
    a relation of a mapped type whose arguments do not fit gets the type's first rule."""
    subject, obj = list(subject), list(obj)
    fitting = next((r for r in rules if r.type == kind and r.holds(subject, obj)), None)
    if fitting is not None:
        return fitting, True
    first = next((r for r in rules if r.type == kind), None)
    return (first, False) if first is not None else None


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _facts(relations: Iterable[GoldRelation]) -> tuple[GoldRelation, ...]:
    """Gold relations of one document with the same type and argument texts as one fact, whose
    spans are all those of its instances."""
    groups: dict[tuple[str, ...], GoldRelation] = {}
    for relation in relations:
        ends = [_norm(relation.subject.text), _norm(relation.object.text)]
        if relation.type in SYMMETRIC_TYPES:
            ends.sort()
        key = (relation.type, *ends)
        known = groups.get(key)
        if known is None:
            groups[key] = relation
            continue
        subject, obj = relation.subject, relation.object
        if relation.type in SYMMETRIC_TYPES and _norm(subject.text) != _norm(known.subject.text):
            subject, obj = obj, subject
        groups[key] = GoldRelation(
            known.type,
            _merge(known.subject, subject),
            _merge(known.object, obj),
            known.source_type,
            tuple(dict.fromkeys(known.also + relation.also)),
            known.scored or relation.scored,
        )
    return tuple(groups.values())


def _merge(a: GoldArgument, b: GoldArgument) -> GoldArgument:
    return GoldArgument(tuple(dict.fromkeys(a.spans + b.spans)), a.text)


# --- reading the corpora -------------------------------------------------------------------


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def read_re3d(corpora_dir: Path, split: str) -> list[RelationDocument]:
    """The re3d documents of a split (the NER split rule), with their mapped gold relations.
    A folder named after the BBC (non-commercial) is never read."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; choose one of {SPLITS}")
    folder = corpora_dir / "re3d"
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: corpus not found")
    entry = relation_map()["re3d"]
    rules = rules_of("re3d")
    min_confidence = float(entry.get("min_confidence", 0.0))
    documents = []
    for source in sorted(path for path in folder.iterdir() if path.is_dir()):
        if "bbc" in source.name.lower() or not (source / "documents.json").exists():
            continue
        types: dict[tuple[str, int, int], set[str]] = {}
        for entity in _read_jsonl(source / "entities.json"):
            key = (entity["documentId"], entity["begin"], entity["end"])
            types.setdefault(key, set()).add(entity["type"])
        by_document: dict[str, list[GoldRelation]] = {}
        for record in _read_jsonl(source / "relations.json"):
            if float(record.get("confidence", 1.0)) < min_confidence:
                continue
            doc_id = record["documentId"]
            subject_types = types.get((doc_id, record["sourceBegin"], record["sourceEnd"]), set())
            object_types = types.get((doc_id, record["targetBegin"], record["targetEnd"]), set())
            found = _rule_for(rules, record["type"], subject_types, object_types)
            if found is None:
                continue
            rule, scored = found
            subject = GoldArgument(
                ((record["sourceBegin"], record["sourceEnd"]),), record["source"]
            )
            obj = GoldArgument(((record["targetBegin"], record["targetEnd"]),), record["target"])
            if rule.reverse:
                subject, obj = obj, subject
            by_document.setdefault(doc_id, []).append(
                GoldRelation(rule.project, subject, obj, rule.type, rule.also, scored)
            )
        for document in _read_jsonl(source / "documents.json"):
            if re3d_split(document["_id"]) != split:
                continue
            relations = _facts(by_document.get(document["_id"], []))
            documents.append(RelationDocument(document["_id"], document["text"], relations))
    return documents


def docred_text(sents: list[list[str]]) -> tuple[str, list[list[Span]]]:
    """A Re-DocRED document's text rebuilt from its tokens (no space before closing
    punctuation, after opening brackets, around hyphens ("Joseph-Alfred") or inside a quoted
    phrase's quotes), and each token's character span, by sentence."""
    parts: list[str] = []
    offsets: list[list[Span]] = []
    length = 0
    for sentence in sents:
        spans: list[Span] = []
        open_quote = False
        glue = False  # no space before the next token
        for token in sentence:
            space = bool(parts) and not glue and token not in _NO_SPACE_BEFORE
            if token == '"':
                if open_quote:
                    space = False
                open_quote = not open_quote
                glue = open_quote
            else:
                glue = token in _NO_SPACE_AFTER
            if space:
                parts.append(" ")
                length += 1
            spans.append((length, length + len(token)))
            parts.append(token)
            length += len(token)
        offsets.append(spans)
    return "".join(parts), offsets


def read_re_docred(corpora_dir: Path, split: str) -> list[RelationDocument]:
    """The Re-DocRED documents of a split (its dev or test file), with their mapped gold
    relations; each argument's spans are all the mentions of its entity."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; choose one of {SPLITS}")
    path = corpora_dir / "re_docred" / "data" / f"{split}_revised.json"
    if not path.exists():
        raise FileNotFoundError(f"{path}: corpus not found")
    with path.open(encoding="utf-8") as handle:
        records = json.load(handle)
    rules = rules_of("re_docred")
    documents = []
    for number, record in enumerate(records):
        text, offsets = docred_text(record["sents"])
        arguments: list[GoldArgument] = []
        vertex_types: list[set[str]] = []
        for vertex in record["vertexSet"]:
            spans = []
            for mention in vertex:
                tokens = offsets[mention["sent_id"]]
                start, end = mention["pos"]
                spans.append((tokens[start][0], tokens[end - 1][1]))
            arguments.append(GoldArgument(tuple(spans), vertex[0]["name"]))
            vertex_types.append({mention["type"] for mention in vertex})
        relations: list[GoldRelation] = []
        seen: dict[tuple[object, ...], int] = {}
        for label in record.get("labels", []):
            head, tail = label["h"], label["t"]
            found = _rule_for(rules, label["r"], vertex_types[head], vertex_types[tail])
            if found is None:
                continue
            rule, scored = found
            if rule.reverse:
                head, tail = tail, head
            ends = sorted((head, tail)) if rule.project in SYMMETRIC_TYPES else [head, tail]
            key = (rule.project, *ends)
            known = seen.get(key)
            if known is not None:
                # The same fact from two corpus types (P17 and P131): scored when either fits,
                # matched by the project types of both.
                first = relations[known]
                relations[known] = replace(
                    first,
                    scored=first.scored or scored,
                    also=tuple(dict.fromkeys(first.also + rule.also)),
                )
                continue
            seen[key] = len(relations)
            relations.append(
                GoldRelation(
                    rule.project, arguments[head], arguments[tail], rule.type, rule.also, scored
                )
            )
        documents.append(RelationDocument(f"re_docred-{split}-{number}", text, tuple(relations)))
    return documents


def read_relation_corpus(corpus: str, corpora_dir: Path, split: str) -> list[RelationDocument]:
    if corpus == "re3d":
        return read_re3d(corpora_dir, split)
    if corpus == "re_docred":
        return read_re_docred(corpora_dir, split)
    raise ValueError(f"unknown corpus {corpus!r}; choose one of {CORPORA}")


# --- scoring -------------------------------------------------------------------------------


def head_start(text: str, span: Span) -> int:
    """Where a span's head (its last word) starts; the span's start when it has no word."""
    start, end = span
    words = list(_WORD.finditer(text, start, end))
    return words[-1].start() if words else start


@dataclass
class RelationTally:
    gold: int = 0
    gold_matched: int = 0
    both_found: int = 0
    found_matched: int = 0
    predicted: int = 0
    predicted_matched: int = 0

    def add(self, other: RelationTally) -> None:
        self.gold += other.gold
        self.gold_matched += other.gold_matched
        self.both_found += other.both_found
        self.found_matched += other.found_matched
        self.predicted += other.predicted
        self.predicted_matched += other.predicted_matched

    def scores(self) -> dict[str, float | int]:
        p = self.predicted_matched / self.predicted if self.predicted else 0.0
        r = self.gold_matched / self.gold if self.gold else 0.0
        return {
            "p": p,
            "r": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "gold": self.gold,
            "gold_matched": self.gold_matched,
            "predicted": self.predicted,
            "predicted_matched": self.predicted_matched,
            "both_found": self.both_found / self.gold if self.gold else 0.0,
            "both_found_count": self.both_found,
            "r_when_found": self.found_matched / self.both_found if self.both_found else 0.0,
        }


@dataclass
class DocumentScore:
    tallies: dict[str, RelationTally]
    # What went wrong, for reading: gold facts missed, predictions matching no gold.
    missed: list[dict[str, Any]] = field(default_factory=list)
    wrong: list[dict[str, Any]] = field(default_factory=list)


class _Matcher:
    """Which entities of an extraction match which gold arguments (the head rule)."""

    def __init__(self, document: RelationDocument, extraction: Extraction) -> None:
        self.text = document.text
        self.spans: dict[str, list[Span]] = {}
        for mention in extraction.mentions:
            if mention.entity is not None:
                self.spans.setdefault(mention.entity, []).append((mention.start, mention.end))
        self._cache: dict[GoldArgument, frozenset[str]] = {}

    def entities(self, argument: GoldArgument) -> frozenset[str]:
        known = self._cache.get(argument)
        if known is None:
            heads = [(span, head_start(self.text, span)) for span in argument.spans]
            known = frozenset(
                entity
                for entity, mentions in self.spans.items()
                if any(covers_head(m, span, head) for m in mentions for span, head in heads)
            )
            self._cache[argument] = known
        return known

    def both_found(self, relation: GoldRelation) -> bool:
        subjects, objects = self.entities(relation.subject), self.entities(relation.object)
        return any(s != o for s in subjects for o in objects)


def _matches(fact: tuple[str, str, str], gold: GoldRelation, matcher: _Matcher) -> bool:
    kind, subject, obj = fact
    if kind != gold.type and kind not in gold.also:
        return False
    subjects, objects = matcher.entities(gold.subject), matcher.entities(gold.object)
    if subject in subjects and obj in objects:
        return True
    return gold.type in SYMMETRIC_TYPES and obj in subjects and subject in objects


def score_document(
    document: RelationDocument, extraction: Extraction, types: Iterable[str]
) -> DocumentScore:
    """One document's tallies by project type (see the module's docstring for the rules)."""
    tallies = {kind: RelationTally() for kind in types}
    matcher = _Matcher(document, extraction)
    names = {e.id: e.name for e in extraction.entities}
    facts = list(
        dict.fromkeys(
            (r.type, r.subject, r.object) for r in extraction.relations if r.type in tallies
        )
    )
    score = DocumentScore(tallies)
    for gold in document.relations:
        if not gold.scored:
            continue
        tally = tallies[gold.type]
        tally.gold += 1
        found = matcher.both_found(gold)
        matched = any(_matches(fact, gold, matcher) for fact in facts)
        tally.both_found += found
        tally.gold_matched += matched
        tally.found_matched += matched and found
        if not matched:
            score.missed.append(
                {
                    "document": document.id,
                    "type": gold.type,
                    "source_type": gold.source_type,
                    "subject": gold.subject.text,
                    "object": gold.object.text,
                    "both_found": found,
                }
            )
    for fact in facts:
        tally = tallies[fact[0]]
        tally.predicted += 1
        if any(_matches(fact, gold, matcher) for gold in document.relations):
            tally.predicted_matched += 1
        else:
            score.wrong.append(
                {
                    "document": document.id,
                    "type": fact[0],
                    "subject": names.get(fact[1], fact[1]),
                    "object": names.get(fact[2], fact[2]),
                }
            )
    return score


def _extractions(
    nlp: Language, documents: list[RelationDocument], batch_size: int
) -> Iterator[tuple[RelationDocument, Extraction]]:
    """Each document with its extraction, through the entry point of ``newsgraph extract``."""
    from newsgraph.extract.pipeline import extract_articles

    by_id = {d.id: d for d in documents}
    articles = (Article(id=d.id, text=d.text) for d in documents)
    for extraction in extract_articles(articles, nlp, batch_size=batch_size):
        yield by_id[extraction.article.id], extraction


def score_relations(
    nlp: Language,
    documents: list[RelationDocument],
    types: list[str],
    *,
    batch_size: int = 8,
    examples: int = 0,
) -> dict[str, Any]:
    """Per-type and micro P/R/F1 over the documents; with ``examples``, that many missed gold
    facts and wrong predictions are kept for reading."""
    totals = {kind: RelationTally() for kind in types}
    missed: list[dict[str, Any]] = []
    wrong: list[dict[str, Any]] = []
    for document, extraction in _extractions(nlp, documents, batch_size):
        score = score_document(document, extraction, types)
        for kind, tally in score.tallies.items():
            totals[kind].add(tally)
        missed += score.missed
        wrong += score.wrong
    micro = RelationTally()
    for tally in totals.values():
        micro.add(tally)
    result: dict[str, Any] = {
        "documents": len(documents),
        "micro": micro.scores(),
        "per_type": {kind: tally.scores() for kind, tally in totals.items()},
    }
    if examples:
        result["missed"] = missed[:examples]
        result["wrong"] = wrong[:examples]
    return result


def evaluate_relations(
    nlp: Language, corpora_dir: Path, corpora: Iterable[str], splits: Iterable[str]
) -> dict[str, Any]:
    """``score_relations`` on each corpus and split, keyed "corpus/split"."""
    results = {}
    for corpus in corpora:
        for split in splits:
            documents = read_relation_corpus(corpus, corpora_dir, split)
            results[f"{corpus}/{split}"] = score_relations(nlp, documents, scored_types(corpus))
    return results


def format_relation_scores(results: dict[str, Any]) -> str:
    header = (
        f"{'corpus/split':<16} {'type':<12} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}"
        f" {'found':>6} {'R|fnd':>6}"
    )
    lines = [header]
    for name, result in results.items():
        rows = [*result["per_type"].items(), ("micro", result["micro"])]
        for kind, s in rows:
            lines.append(
                f"{name:<16} {kind:<12} {s['gold']:>5} {s['predicted']:>5} {s['p']:>6.3f}"
                f" {s['r']:>6.3f} {s['f1']:>6.3f} {s['both_found']:>6.3f} {s['r_when_found']:>6.3f}"
            )
    lines.append(
        "facts per document; arguments matched by the head rule (a mention of the entity inside "
        "the gold span, covering its last word). found: gold facts whose two arguments are both "
        "entities of the extraction; R|fnd: recall on those."
    )
    return "\n".join(lines)
