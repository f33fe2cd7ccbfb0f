"""Conversion of the UD EWT, UNER EWT and CoNLL-2003 corpora into spaCy Doc objects and DocBins."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from spacy.tokens import Doc, DocBin, Span
from spacy.vocab import Vocab

# Tags of the first UNER release that are not part of the final PER/ORG/LOC scheme.
UNER_OTHER_TYPES = frozenset({"OTH"})
# Sentences per training document: the parser only learns sentence boundaries
# when a document holds more than one sentence (spaCy's own converter uses 10).
DEFAULT_SENTS_PER_DOC = 10

T = TypeVar("T")


@dataclass
class ConlluSentence:
    """One sentence of a CoNLL-U file, restricted to its syntactic words."""

    sent_id: str
    doc_id: str
    words: list[str] = field(default_factory=list)
    spaces: list[bool] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    upos: list[str] = field(default_factory=list)
    xpos: list[str] = field(default_factory=list)
    feats: list[str] = field(default_factory=list)
    # Absolute 0-based index of each word's head; a root points at itself (spaCy's convention).
    heads: list[int] = field(default_factory=list)
    deps: list[str] = field(default_factory=list)


@dataclass
class TaggedSentence:
    """A sentence of a token-per-line NER file: words, their spacing and raw IOB tags."""

    words: list[str]
    tags: list[str]
    spaces: list[bool]
    sent_id: str = ""


def _underscore(value: str) -> str:
    return "" if value == "_" else value


def read_conllu(path: Path) -> Iterator[ConlluSentence]:
    """Yield the sentences of a CoNLL-U file, skipping multi-word token lines and empty nodes."""
    doc_id = ""
    sent_id = ""
    rows: list[list[str]] = []
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\n")
            if line.startswith("#"):
                key, _, value = line[1:].partition("=")
                key = key.strip()
                if key == "newdoc id":
                    doc_id = value.strip()
                elif key == "sent_id":
                    sent_id = value.strip()
                continue
            if line.strip():
                rows.append(line.split("\t"))
                continue
            if rows:
                yield _conllu_sentence(rows, sent_id, doc_id)
            rows = []
    if rows:
        yield _conllu_sentence(rows, sent_id, doc_id)


def _conllu_sentence(rows: list[list[str]], sent_id: str, doc_id: str) -> ConlluSentence:
    sentence = ConlluSentence(sent_id=sent_id, doc_id=doc_id)
    # Multi-word tokens ("3-4") carry surface text only; empty nodes ("5.1") belong
    # to enhanced dependencies. Basic trees are over the plain integer ids.
    words = [row for row in rows if row[0].isdigit()]
    for row in words:
        word_id, form, lemma, upos, xpos, feats, head, deprel, _deps, misc = row[:10]
        index = int(word_id) - 1
        head_index = index if head in ("0", "_") else int(head) - 1
        sentence.words.append(form)
        sentence.spaces.append("SpaceAfter=No" not in misc.split("|"))
        sentence.lemmas.append(_underscore(lemma) if form != "_" else lemma)
        sentence.upos.append(_underscore(upos))
        sentence.xpos.append(_underscore(xpos))
        sentence.feats.append(_underscore(feats))
        sentence.heads.append(head_index)
        # spaCy's parser names the sentence root "ROOT"; keep UD's other labels as they are.
        sentence.deps.append("ROOT" if deprel == "root" else deprel)
    # The words of a multi-word token ("do" + "n't") are one surface token: no space
    # between them, and the range line's SpaceAfter belongs to the last word.
    for row in rows:
        if "-" not in row[0]:
            continue
        first, last = (int(part) - 1 for part in row[0].split("-"))
        for index in range(first, min(last + 1, len(sentence.spaces))):
            sentence.spaces[index] = False
        if last < len(sentence.spaces):
            sentence.spaces[last] = "SpaceAfter=No" not in row[9].split("|")
    return sentence


def group_sentences(sentences: Iterable[T], key: str, n_sents: int) -> Iterator[list[T]]:
    """Group consecutive sentences with the same ``key`` attribute into lists of ``n_sents``."""
    group: list[T] = []
    current: object = None
    for sentence in sentences:
        value = getattr(sentence, key)
        if group and (value != current or len(group) >= n_sents):
            yield group
            group = []
        current = value
        group.append(sentence)
    if group:
        yield group


def conllu_doc(vocab: Vocab, sentences: list[ConlluSentence]) -> Doc:
    """Build one Doc with tags, morphology, lemmas and trees from consecutive sentences."""
    words: list[str] = []
    spaces: list[bool] = []
    lemmas: list[str] = []
    upos: list[str] = []
    xpos: list[str] = []
    feats: list[str] = []
    heads: list[int] = []
    deps: list[str] = []
    sent_starts: list[bool | int | None] = []
    for sentence in sentences:
        offset = len(words)
        words.extend(sentence.words)
        spaces.extend(sentence.spaces)
        # The last token of a sentence is followed by the next sentence, so it needs
        # a space unless it is the end of the document.
        if spaces:
            spaces[-1] = True
        lemmas.extend(sentence.lemmas)
        upos.extend(sentence.upos)
        xpos.extend(sentence.xpos)
        feats.extend(sentence.feats)
        heads.extend(head + offset for head in sentence.heads)
        deps.extend(sentence.deps)
        sent_starts.extend([True] + [False] * (len(sentence.words) - 1))
    if spaces:
        spaces[-1] = sentences[-1].spaces[-1]
    return Doc(
        vocab,
        words=words,
        spaces=spaces,
        lemmas=lemmas,
        pos=upos,
        tags=xpos,
        morphs=feats,
        heads=heads,
        deps=deps,
        sent_starts=sent_starts,
    )


def conllu_docs(vocab: Vocab, path: Path, n_sents: int = DEFAULT_SENTS_PER_DOC) -> list[Doc]:
    """Read a CoNLL-U file into Docs of up to ``n_sents`` sentences of the same document."""
    return [
        conllu_doc(vocab, group) for group in group_sentences(read_conllu(path), "doc_id", n_sents)
    ]


def _spaces_from_text(words: list[str], text: str) -> list[bool]:
    """Recover SpaceAfter from a sentence's ``# text`` by locating each word in turn."""
    spaces: list[bool] = []
    position = 0
    for word in words:
        found = text.find(word, position)
        if found < 0:
            # The text does not match the tokens (e.g. normalised forms): assume a space.
            spaces.append(True)
            continue
        position = found + len(word)
        spaces.append(position < len(text) and text[position].isspace())
    if spaces:
        spaces[-1] = False
    return spaces


def read_uner(path: Path) -> Iterator[TaggedSentence]:
    """Yield the sentences of a UNER IOB2 file (word in column 2, tag in column 3)."""
    words: list[str] = []
    tags: list[str] = []
    text = ""
    sent_id = ""
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\n")
            if line.startswith("#"):
                key, _, value = line[1:].partition("=")
                if key.strip() == "text":
                    text = value.strip()
                elif key.strip() == "sent_id":
                    sent_id = value.strip()
                continue
            if line.strip():
                columns = line.split("\t")
                words.append(columns[1])
                tags.append(columns[2] if len(columns) > 2 else "O")
                continue
            if words:
                yield TaggedSentence(words, tags, _spaces_from_text(words, text), sent_id)
            words, tags, text, sent_id = [], [], "", ""
    if words:
        yield TaggedSentence(words, tags, _spaces_from_text(words, text), sent_id)


def iob_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Return (start, end, label) entity spans from IOB1 or IOB2 tags.

    An entity starts at every ``B-`` tag and at an ``I-`` tag whose predecessor is
    not part of an entity of the same type: IOB1 (CoNLL-2003) only writes ``B-``
    between two adjacent entities of one type, so ``I-`` usually opens an entity.
    """
    spans: list[tuple[int, int, str]] = []
    start = -1
    label = ""
    for index, tag in enumerate([*tags, "O"]):
        prefix, _, tag_label = tag.partition("-")
        continues = prefix == "I" and tag_label == label and start >= 0
        if continues:
            continue
        if start >= 0:
            spans.append((start, index, label))
            start, label = -1, ""
        if prefix in ("B", "I") and tag_label:
            start, label = index, tag_label
    return spans


def joined_doc(
    vocab: Vocab, sentences: list[TaggedSentence]
) -> tuple[Doc, list[tuple[int, int, str]]]:
    """One Doc of consecutive tagged sentences (a space between them), without entities, and
    the labelled spans of their IOB tags in the Doc's token offsets."""
    words: list[str] = []
    spaces: list[bool] = []
    sent_starts: list[bool | int | None] = []
    spans: list[tuple[int, int, str]] = []
    for sentence in sentences:
        offset = len(words)
        words.extend(sentence.words)
        spaces.extend(sentence.spaces)
        if spaces:
            spaces[-1] = True
        sent_starts.extend([True] + [False] * (len(sentence.words) - 1))
        spans.extend(
            (start + offset, end + offset, label) for start, end, label in iob_spans(sentence.tags)
        )
    if spaces:
        spaces[-1] = False
    return Doc(vocab, words=words, spaces=spaces, sent_starts=sent_starts), spans


def tagged_doc(
    vocab: Vocab,
    sentences: list[TaggedSentence],
    *,
    missing_labels: frozenset[str] = frozenset(),
    drop_labels: frozenset[str] = frozenset(),
) -> Doc:
    """Build one Doc with entities from consecutive tagged sentences.

    Spans labelled with one of ``missing_labels`` become missing annotation, so the
    NER is not taught that they are outside any entity; ``drop_labels`` become O.
    """
    doc, raw_spans = joined_doc(vocab, sentences)
    entities: list[Span] = []
    missing: list[Span] = []
    for start, end, label in raw_spans:
        if label in missing_labels:
            missing.append(Span(doc, start, end))
        elif label not in drop_labels:
            entities.append(Span(doc, start, end, label=label))
    doc.set_ents(entities, missing=missing, default="outside")
    return doc


def uner_docs(
    vocab: Vocab,
    path: Path,
    n_sents: int = DEFAULT_SENTS_PER_DOC,
    *,
    other_as_missing: bool = True,
) -> list[Doc]:
    """Read a UNER IOB2 file into Docs with PER/ORG/LOC entities.

    OTH spans (nationalities, events, products...) are missing annotation by
    default: they are MISC-like and calling them O would contradict CoNLL's MISC.
    ``B-O`` is a stray tag of the first release and reads as O.
    """
    sentences = list(read_uner(path))
    for sentence in sentences:
        sentence.tags = ["O" if tag in ("B-O", "I-O") else tag for tag in sentence.tags]
    groups = [sentences[i : i + n_sents] for i in range(0, len(sentences), n_sents)]
    if other_as_missing:
        return [tagged_doc(vocab, group, missing_labels=UNER_OTHER_TYPES) for group in groups]
    return [tagged_doc(vocab, group, drop_labels=UNER_OTHER_TYPES) for group in groups]


def read_conll2003(path: Path) -> Iterator[list[TaggedSentence]]:
    """Yield the documents of a CoNLL-2003 file as lists of sentences.

    Documents start at ``-DOCSTART-`` lines; the tag is the last column, so both the
    two-column (``token TAG``) and the original four-column layouts are read.
    """
    document: list[TaggedSentence] = []
    words: list[str] = []
    tags: list[str] = []

    def close_sentence() -> None:
        nonlocal words, tags
        if words:
            document.append(TaggedSentence(words, tags, [True] * len(words)))
        words, tags = [], []

    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            columns = raw.split()
            if not columns:
                close_sentence()
                continue
            if columns[0] == "-DOCSTART-":
                close_sentence()
                if document:
                    yield document
                document = []
                continue
            words.append(columns[0])
            tags.append(columns[-1] if len(columns) > 1 else "O")
    close_sentence()
    if document:
        yield document


def _continues_name(before: TaggedSentence, after: TaggedSentence) -> bool:
    """Whether a sentence break falls inside a name: ``before`` ends in an entity, ``after``
    opens one of the same type, and both words are written as running text, not as a
    heading or a table row in capitals ("Ian" | "Woosnam", "Czech" | "Republic")."""
    last_tag, first_tag = before.tags[-1], after.tags[0]
    if last_tag == "O" or not first_tag.startswith("B-") or last_tag[2:] != first_tag[2:]:
        return False
    last_word, first_word = before.words[-1], after.words[0]
    return (
        len(before.words) >= 3
        and first_word[:1].isupper()
        and not last_word.isupper()
        and not first_word.isupper()
    )


def join_split_names(sentences: list[TaggedSentence]) -> list[TaggedSentence]:
    """Undo the sentence breaks that CoNLL-2003's files put inside names.

    About one name in 230 of the English files is cut in two by a sentence break, each half
    tagged as its own entity. Trained on that, the recognizer learns to end a person after
    the first name ("Colin" | "Montgomerie"), which running text never does. Joining the two
    sentences makes them one entity again; breaks between names in headings and tables are
    kept (see ``_continues_name``).
    """
    joined: list[TaggedSentence] = []
    for sentence in sentences:
        if joined and _continues_name(joined[-1], sentence):
            previous = joined[-1]
            tags = ["I-" + sentence.tags[0][2:], *sentence.tags[1:]]
            joined[-1] = TaggedSentence(
                previous.words + sentence.words,
                previous.tags + tags,
                previous.spaces + sentence.spaces,
                previous.sent_id,
            )
        else:
            joined.append(sentence)
    return joined


def conll2003_docs(vocab: Vocab, path: Path, *, join_names: bool = False) -> list[Doc]:
    """Read a CoNLL-2003 file into one Doc per ``-DOCSTART-`` document.

    ``join_names`` mends the sentence breaks that fall inside names (``join_split_names``):
    done for training data; evaluation reads the published annotation as it is.
    """
    documents = read_conll2003(path)
    if join_names:
        return [tagged_doc(vocab, join_split_names(document)) for document in documents]
    return [tagged_doc(vocab, document) for document in documents]


def write_docbin(docs: Iterable[Doc], path: Path) -> Path:
    """Serialise Docs with all their annotation into a .spacy file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(path)
    return path


SPLITS = ("train", "dev", "test")
CONLL_SPLIT_FILES = {"train": "train.txt", "dev": "valid.txt", "test": "test.txt"}


def convert_corpora(corpora_dir: Path, output_dir: Path) -> dict[str, Path]:
    """Convert every corpus split under ``corpora_dir`` into ``output_dir/<corpus>-<split>.spacy``.

    Returns the written paths keyed ``ewt-train``, ``uner-dev``, ``conll-test`` and so on.
    """
    vocab = Vocab()
    written: dict[str, Path] = {}
    for split in SPLITS:
        ewt = corpora_dir / "ud-english-ewt" / f"en_ewt-ud-{split}.conllu"
        written[f"ewt-{split}"] = write_docbin(
            conllu_docs(vocab, ewt), output_dir / f"ewt-{split}.spacy"
        )
        uner = corpora_dir / "uner-english-ewt" / f"en_ewt-ud-{split}.iob2"
        written[f"uner-{split}"] = write_docbin(
            uner_docs(vocab, uner), output_dir / f"uner-{split}.spacy"
        )
        conll = corpora_dir / "conll2003-en" / CONLL_SPLIT_FILES[split]
        written[f"conll-{split}"] = write_docbin(
            conll2003_docs(vocab, conll, join_names=split != "test"),
            output_dir / f"conll-{split}.spacy",
        )
    return written
