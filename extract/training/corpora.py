"""The NER corpora of the training mix, read into spaCy Docs with labels mapped to the project's.

Each corpus's source labels are mapped through one table, ``data/training/ner_label_map.json``;
where a corpus and its splits lie, its licence and whether it trains the shipped NER are in
``data/training/ner_corpora.json``. A mapped label is a name type (PER, ORG, LOC, MISC), ``"O"``
(not a name) or ``null`` (unknown: missing annotation in training, a span whose overlapping
predictions are ignored in scoring, see ``IGNORED_LABEL``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.lang.en import English
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from newsgraph.extract.resources import DATA_DIR
from newsgraph.extract.training.convert import (
    CONLL_SPLIT_FILES,
    DEFAULT_SENTS_PER_DOC,
    TaggedSentence,
    join_split_names,
    joined_doc,
    read_conll2003,
    read_uner,
)

TRAINING_DATA_DIR = DATA_DIR / "training"
LABEL_MAP_PATH = TRAINING_DATA_DIR / "ner_label_map.json"
CORPORA_PATH = TRAINING_DATA_DIR / "ner_corpora.json"
NAME_LABELS = ("PER", "ORG", "LOC", "MISC")
# Label given in evaluation documents to spans mapped to null: the scorer ignores predictions
# that overlap them (they are names of a kind the corpus does not type the project's way).
IGNORED_LABEL = "IGNORED"
SPLITS = ("train", "dev", "test")
# Determiners cut from the front of re3d spans ("the Kurdish YPG"): CoNLL-style names hold none.
RE3D_LEADING_WORDS = frozenset({"the", "The"})


@lru_cache(maxsize=1)
def label_map() -> dict[str, dict[str, str | None]]:
    """The corpus -> source label -> target label table (``_comment`` left out)."""
    with LABEL_MAP_PATH.open(encoding="utf-8") as handle:
        table: dict[str, Any] = json.load(handle)
    return {corpus: labels for corpus, labels in table.items() if not corpus.startswith("_")}


@lru_cache(maxsize=1)
def corpus_table() -> dict[str, Any]:
    with CORPORA_PATH.open(encoding="utf-8") as handle:
        table: dict[str, Any] = json.load(handle)
    return table


def corpus_names() -> list[str]:
    return list(corpus_table()["corpora"])


def training_corpora() -> list[str]:
    """The corpora that train the shipped NER (their ``train`` flag)."""
    return [name for name, info in corpus_table()["corpora"].items() if info.get("train")]


def map_label(corpus: str, label: str) -> str | None:
    """The target label of a corpus's source label; an unlisted label is an error."""
    labels = label_map()[corpus]
    if label not in labels:
        raise KeyError(f"{corpus}: label {label!r} is not in {LABEL_MAP_PATH.name}")
    return labels[label]


def _set_entities(doc: Doc, spans: list[tuple[int, int, str | None]], *, for_training: bool) -> Doc:
    """Set mapped (start, end, target) token spans on ``doc``; the rest of the tokens are O,
    and so is a span with no letter or digit in it, whatever its label."""
    entities: list[Span] = []
    missing: list[Span] = []
    taken: set[int] = set()
    # Longest first, so a name wins over a name nested in it ("Kurdish" in "Kurdish YPG").
    for start, end, target in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if target == "O" or any(i in taken for i in range(start, end)):
            continue
        if not any(ch.isalnum() for ch in doc[start:end].text):
            # No name without a letter or digit: the Broad Twitter Corpus tags the "@" before
            # each user handle as a name of its own ("@" B-PER, "colgo" B-PER), a quarter of
            # its names; the handle after it is the name.
            continue
        taken.update(range(start, end))
        if target is None:
            if for_training:
                missing.append(Span(doc, start, end))
            else:
                entities.append(Span(doc, start, end, label=IGNORED_LABEL))
        else:
            entities.append(Span(doc, start, end, label=target))
    entities.sort(key=lambda span: span.start)
    doc.set_ents(entities, missing=missing, default="outside")
    return doc


def tagged_docs(
    vocab: Vocab,
    corpus: str,
    sentences: list[TaggedSentence],
    *,
    for_training: bool,
    n_sents: int = DEFAULT_SENTS_PER_DOC,
) -> list[Doc]:
    """Docs of up to ``n_sents`` consecutive tagged sentences, labels mapped for ``corpus``."""
    docs: list[Doc] = []
    for first in range(0, len(sentences), n_sents):
        group = sentences[first : first + n_sents]
        docs.append(_tagged_doc(vocab, corpus, group, for_training=for_training))
    return docs


def _tagged_doc(
    vocab: Vocab, corpus: str, sentences: list[TaggedSentence], *, for_training: bool
) -> Doc:
    doc, spans = joined_doc(vocab, sentences)
    mapped = [(start, end, map_label(corpus, label)) for start, end, label in spans]
    return _set_entities(doc, mapped, for_training=for_training)


def read_token_tag(path: Path, *, separator: str | None = None) -> Iterator[TaggedSentence]:
    """Sentences of a ``token TAG`` file (blank line between sentences); ``-DOCSTART-`` lines
    are skipped. ``separator`` None splits on any whitespace, else on that character."""
    words: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\n\r")
            columns = line.split(separator) if separator else line.split()
            columns = [column for column in columns if column.strip()] if separator else columns
            if not columns:
                if words:
                    yield TaggedSentence(words, tags, [True] * len(words))
                words, tags = [], []
                continue
            if columns[0] == "-DOCSTART-":
                continue
            words.append(columns[0].strip())
            tags.append(columns[-1].strip() if len(columns) > 1 else "O")
    if words:
        yield TaggedSentence(words, tags, [True] * len(words))


def _wikigold_documents(path: Path) -> list[list[TaggedSentence]]:
    """WikiGold's articles (``-DOCSTART-`` separated) as lists of sentences."""
    return list(read_conll2003(path))


def _split_of_index(index: int) -> str:
    """The made-here split of the n-th document or tweet: n % 10 == 0 test, 5 dev, else train."""
    remainder = index % 10
    return "test" if remainder == 0 else "dev" if remainder == 5 else "train"


def re3d_split(document_id: str) -> str:
    bucket = int(hashlib.sha1(document_id.encode("utf-8")).hexdigest(), 16) % 10
    return "test" if bucket < 2 else "dev" if bucket < 4 else "train"


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def re3d_docs(vocab: Vocab, folder: Path, split: str, *, for_training: bool) -> list[Doc]:
    """re3d documents of ``split`` (all sources under ``folder``), tokenized by spaCy's English
    tokenizer, with character-offset entities mapped and cleaned by the span rule of
    ``ner_corpora.json`` (no leading "the"; lowercase-only spans are O; spans ending in a
    lowercase word are descriptions: missing / ignored)."""
    tokenizer = English(vocab=vocab).tokenizer
    docs: list[Doc] = []
    for source in sorted(path for path in folder.iterdir() if path.is_dir()):
        if not (source / "documents.json").exists():
            continue
        entities_by_doc: dict[str, list[dict[str, Any]]] = {}
        for entity in _read_jsonl(source / "entities.json"):
            entities_by_doc.setdefault(entity["documentId"], []).append(entity)
        for record in _read_jsonl(source / "documents.json"):
            if re3d_split(record["_id"]) != split:
                continue
            doc = tokenizer(record["text"])
            spans: list[tuple[int, int, str | None]] = []
            for entity in entities_by_doc.get(record["_id"], []):
                span = _re3d_span(doc, entity)
                if span is not None:
                    spans.append(span)
            docs.append(_set_entities(doc, spans, for_training=for_training))
    return docs


def _re3d_span(doc: Doc, entity: dict[str, Any]) -> tuple[int, int, str | None] | None:
    target = map_label("re3d", entity["type"])
    span = doc.char_span(entity["begin"], entity["end"], alignment_mode="expand")
    if span is None or target == "O":
        return None
    start, end = span.start, span.end
    while start < end and doc[start].text in RE3D_LEADING_WORDS:
        start += 1
    words = [token.text for token in doc[start:end]]
    if not any(word[:1].isupper() for word in words):
        return None
    if target is not None and words[-1][:1].islower():
        target = None
    return (start, end, target)


def corpus_docs(
    corpus: str,
    split: str,
    corpora_dir: Path,
    vocab: Vocab,
    *,
    for_training: bool = False,
) -> list[Doc]:
    """The Docs of one corpus split, labels mapped to PER/ORG/LOC/MISC.

    ``for_training`` makes null-mapped spans missing annotation (and mends CoNLL-2003's
    split names); otherwise they are ``IGNORED`` spans for the scorer.
    """
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}")
    if corpus == "conll2003":
        path = corpora_dir / "conll2003-en" / CONLL_SPLIT_FILES[split]
        _require(path)
        documents = list(read_conll2003(path))
        if for_training:
            documents = [join_split_names(document) for document in documents]
        return [
            _tagged_doc(vocab, corpus, document, for_training=for_training)
            for document in documents
        ]
    if corpus == "wikigold":
        path = corpora_dir / "wikigold" / "CONLL-format" / "data" / "wikigold.conll.txt"
        _require(path)
        return [
            _tagged_doc(vocab, corpus, document, for_training=for_training)
            for index, document in enumerate(_wikigold_documents(path))
            if _split_of_index(index) == split
        ]
    if corpus == "crossner":
        sentences: list[TaggedSentence] = []
        for domain in corpus_table()["corpora"]["crossner"]["domains"]:
            path = corpora_dir / "crossner" / "ner_data" / domain / f"{split}.txt"
            _require(path)
            sentences.extend(read_token_tag(path, separator="\t"))
        return tagged_docs(vocab, corpus, sentences, for_training=for_training)
    if corpus == "wnut17":
        folder = corpora_dir / "wnut17" / "CONLL-format" / "data"
        name = {
            "train": "train/wnut17train.conll",
            "dev": "dev/emerging.dev.conll",
            "test": "test/emerging.test.annotated",
        }[split]
        _require(folder / name)
        return tagged_docs(
            vocab, corpus, list(read_token_tag(folder / name)), for_training=for_training
        )
    if corpus == "btc":
        folder = corpora_dir / "broad_twitter_corpus" / "CONLL-format" / "data"
        tweets: list[TaggedSentence] = []
        for path in sorted(folder.glob("*.conll")):
            tweets.extend(
                tweet
                for index, tweet in enumerate(read_token_tag(path))
                if _split_of_index(index) == split
            )
        if not tweets:
            raise FileNotFoundError(f"{folder}: no Broad Twitter Corpus section files")
        return tagged_docs(vocab, corpus, tweets, for_training=for_training)
    if corpus == "re3d":
        folder = corpora_dir / "re3d"
        _require(folder)
        return re3d_docs(vocab, folder, split, for_training=for_training)
    if corpus == "uner":
        path = corpora_dir / "uner-english-ewt" / f"en_ewt-ud-{split}.iob2"
        _require(path)
        sentences = list(read_uner(path))
        for sentence in sentences:
            sentence.tags = ["O" if tag in ("B-O", "I-O") else tag for tag in sentence.tags]
        return tagged_docs(vocab, corpus, sentences, for_training=for_training)
    raise ValueError(f"unknown corpus {corpus!r}; choose one of {corpus_names()}")


def _require(path: Path) -> None:
    if not path.exists():
        raise FileNotFoundError(f"{path}: corpus file not found")


def capped_docs(docs: list[Doc], max_sentences: int) -> list[Doc]:
    """The first Docs of a split holding up to ``max_sentences`` sentences (at least one Doc)."""
    kept: list[Doc] = []
    count = 0
    for doc in docs:
        sentences = sum(1 for _ in doc.sents) if doc.has_annotation("SENT_START") else 1
        if kept and count + sentences > max_sentences:
            break
        kept.append(doc)
        count += sentences
    return kept
