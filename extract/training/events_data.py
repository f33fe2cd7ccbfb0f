"""Public corpora of annotated events, read as texts with the character spans of their event
mentions, for training and measuring the event filter (extract/event_filter.py), and the
project's judgments of the extractor's events on news (extract/event_judgments_eval.py).

- ECB+ (CC BY 3.0): news articles in 43 topics; the event mentions (ACTION_*) and negated ones
  (NEG_ACTION_*) of the sentences listed in ECBplus_coreference_sentences.csv are annotated.
- The sentences ECB+ left unannotated, and the news of LGL, TR-News and GeoVirus: the words
  the extractor proposed, judged by the project (`read_judgments`, data/events/ANNOTATION.md).
- LitBank (CC BY 4.0): 100 novels; realis event triggers (EVENT), nothing else.
- MUC-4 (public domain): news with attack, bombing, kidnapping and arson templates.

Only the training tools read these; the runtime never does.
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class AnnotatedText:
    """A text, the document it belongs to (for splits), the character spans annotated as
    events (with their label) and the spans of text whose events were annotated at all."""

    doc_id: str
    group: str
    text: str
    events: dict[tuple[int, int], str] = field(default_factory=dict)
    annotated: list[tuple[int, int]] = field(default_factory=list)

    def label_at(self, start: int, end: int) -> str | None:
        for (a, b), label in self.events.items():
            if a < end and start < b:
                return label
        return None

    def covered(self, start: int) -> bool:
        return any(a <= start < b for a, b in self.annotated)


def _ecb_plus_files(root: Path) -> Iterator[tuple[str, str, ElementTree.Element, set[int]]]:
    """(topic, document id, XML root, numbers of its listed sentences) of every ECB+ article."""
    listed: dict[str, set[int]] = {}
    with (root / "ECBplus_coreference_sentences.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            listed.setdefault(f"{row['Topic']}_{row['File']}", set()).add(
                int(row["Sentence Number"])
            )
    for topic_dir in sorted((root / "ECB+").iterdir(), key=lambda p: int(p.name)):
        for path in sorted(topic_dir.glob("*.xml")):
            tree = ElementTree.parse(path).getroot()
            yield topic_dir.name, path.stem, tree, listed.get(path.stem, set())


def read_ecb_plus(root: Path) -> Iterator[AnnotatedText]:
    """Each ECB+ article as the tokens of its listed (annotated) sentences joined by spaces,
    one sentence a line, with its event mentions labelled ACTION_* or NEG_ACTION_*."""
    for topic, doc_id, tree, sentences in _ecb_plus_files(root):
        if not sentences:
            continue
        pieces: list[str] = []
        offsets: dict[str, tuple[int, int]] = {}
        position = 0
        current = None
        for token in tree.iter("token"):
            sentence = int(token.get("sentence", "0"))
            if sentence not in sentences:
                continue  # only the listed sentences are annotated
            if current is not None:
                pieces.append("\n" if sentence != current else " ")
                position += 1
            current = sentence
            word = token.text or ""
            offsets[token.get("t_id", "")] = (position, position + len(word))
            pieces.append(word)
            position += len(word)
        text = "".join(pieces)
        record = AnnotatedText(doc_id, topic, text, annotated=[(0, len(text))])
        markables = tree.find("Markables")
        for markable in markables if markables is not None else []:
            if "ACTION" not in markable.tag:
                continue
            anchors = [
                offsets[a.get("t_id", "")]
                for a in markable.iter("token_anchor")
                if a.get("t_id", "") in offsets
            ]
            if anchors:
                start = min(a for a, _ in anchors)
                end = max(b for _, b in anchors)
                record.events[(start, end)] = markable.tag
        yield record


def read_ecb_plus_unlisted(root: Path) -> Iterator[AnnotatedText]:
    """Each ECB+ article as the tokens of the sentences ECB+ left unannotated, joined by spaces,
    one sentence a line (URL lines left out), with no events: the project's judgments
    (`tests/fixtures/event_judgments.jsonl`, corpus "ecb+unlisted") are offsets into it."""
    for topic, doc_id, tree, listed in _ecb_plus_files(root):
        sentences: dict[int, list[str]] = {}
        for token in tree.iter("token"):
            sentence = int(token.get("sentence", "0"))
            if sentence not in listed:
                sentences.setdefault(sentence, []).append(token.text or "")
        lines = [" ".join(words) for _, words in sorted(sentences.items())]
        text = "\n".join(line for line in lines if not line.startswith("http"))
        if text.strip():
            yield AnnotatedText(doc_id, topic, text)


@dataclass(frozen=True)
class Judgment:
    """Whether one word the extractor proposed is an event mention of the proposed type, judged
    by data/events/ANNOTATION.md (every modality counts); `other_type` when it is an event of
    another type."""

    corpus: str
    doc_id: str
    start: int
    type: str
    label: int
    other_type: str | None = None


def read_judgments(path: Path) -> dict[tuple[str, str], dict[tuple[int, str], Judgment]]:
    """The judgments of a JSON Lines file by (corpus, document), then by (start, type)."""
    table: dict[tuple[str, str], dict[tuple[int, str], Judgment]] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                judgment = Judgment(
                    str(row["corpus"]),
                    str(row["doc"]),
                    int(row["start"]),
                    str(row["type"]),
                    int(row["label"]),
                    row.get("other_type"),
                )
            except (ValueError, KeyError, TypeError) as error:
                raise ValueError(f"{path}:{number}: not a judgment ({error})") from error
            if judgment.label not in (0, 1):
                raise ValueError(f"{path}:{number}: label must be 0 or 1")
            table.setdefault((judgment.corpus, judgment.doc_id), {})[
                (judgment.start, judgment.type)
            ] = judgment
    return table


def read_litbank(root: Path) -> Iterator[AnnotatedText]:
    """Each LitBank text with its realis event triggers; all of the text is annotated."""
    for path in sorted((root / "events" / "tsv").glob("*.tsv")):
        pieces: list[str] = []
        events: dict[tuple[int, int], str] = {}
        position = 0
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                if pieces and pieces[-1] != "\n":
                    pieces.append("\n")
                    position += 1
                continue
            word, _, tag = line.partition("\t")
            if pieces and pieces[-1] != "\n":
                pieces.append(" ")
                position += 1
            if tag.strip() == "EVENT":
                events[(position, position + len(word))] = "EVENT"
            pieces.append(word)
            position += len(word)
        text = "".join(pieces)
        yield AnnotatedText(path.stem, path.stem, text, events, [(0, len(text))])


@dataclass
class Template:
    incident_type: str
    slots: dict[str, list[list[str]]]


def read_muc4(path: Path) -> Iterator[tuple[str, str, list[Template]]]:
    """MUC-4 documents (processed JSON lines: docid, doctext, templates), each slot a list of
    entities, each entity a list of its coreferent mentions."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            templates = [
                Template(
                    t["incident_type"],
                    {
                        slot: [
                            [m[0] if isinstance(m, list) else m for m in entity]
                            for entity in t[slot]
                        ]
                        for slot in ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
                    },
                )
                for t in record["templates"]
            ]
            yield record["docid"], record["doctext"], templates
