"""Tests for the corpus conversion of extract.training.convert."""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import DocBin
from spacy.vocab import Vocab

from newsgraph.extract.training.convert import (
    conll2003_docs,
    conllu_docs,
    convert_corpora,
    iob_spans,
    read_conll2003,
    read_conllu,
    uner_docs,
    write_docbin,
)

CONLLU = """\
# newdoc id = doc-a
# sent_id = a-1
# text = Al-Zaman: forces killed him.
1\tAl\tAl\tPROPN\tNNP\tNumber=Sing\t0\troot\t0:root\tSpaceAfter=No
2\t-\t-\tPUNCT\tHYPH\t_\t3\tpunct\t3:punct\tSpaceAfter=No
3\tZaman\tZaman\tPROPN\tNNP\tNumber=Sing\t1\tflat\t1:flat\tSpaceAfter=No
4\t:\t:\tPUNCT\t:\t_\t6\tpunct\t6:punct\t_
5\tforces\tforce\tNOUN\tNNS\tNumber=Plur\t6\tnsubj\t6:nsubj\t_
6\tkilled\tkill\tVERB\tVBD\tTense=Past\t1\tparataxis\t1:parataxis\t_
7\thim\the\tPRON\tPRP\tCase=Acc\t6\tobj\t6:obj\tSpaceAfter=No
8\t.\t.\tPUNCT\t.\t_\t1\tpunct\t1:punct\t_

# sent_id = a-2
# text = I don't.
1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t3:nsubj\t_
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No
2\tdo\tdo\tAUX\tVBP\t_\t3\taux\t3:aux\t_
3\tn't\tnot\tPART\tRB\t_\t0\troot\t0:root\t_
3.1\tgo\tgo\tVERB\tVB\t_\t_\t_\t0:root\t_
4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t3:punct\t_

# newdoc id = doc-b
# sent_id = b-1
# text = Hi.
1\tHi\thi\tINTJ\tUH\t_\t0\troot\t0:root\tSpaceAfter=No
2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t1:punct\t_

"""

UNER = """\
# sent_id = a-1
# text = Al-Zaman: American forces met Abdullah al-Ani in Qaim.
1\tAl\tB-ORG\t-\tx
2\t-\tI-ORG\t-\tx
3\tZaman\tI-ORG\t-\tx
4\t:\tO
5\tAmerican\tB-OTH\t-\tx
6\tforces\tO
7\tmet\tB-O
8\tAbdullah\tB-PER\t-\tx
9\tal\tI-PER\t-\tx
10\t-\tI-PER\t-\tx
11\tAni\tI-PER\t-\tx
12\tin\tO
13\tQaim\tB-LOC\t-\tx
14\t.\tO

"""

CONLL2003 = """\
-DOCSTART- O

EU I-ORG
rejects O
German I-MISC
call O
. O

Peter I-PER
Blackburn I-PER

-DOCSTART- O

In O
Bonn I-LOC
Kohl I-PER
Schmidt B-PER
met O
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_read_conllu_skips_multiword_and_empty_nodes(tmp_path: Path) -> None:
    sentences = list(read_conllu(_write(tmp_path, "s.conllu", CONLLU)))
    assert [s.sent_id for s in sentences] == ["a-1", "a-2", "b-1"]
    assert [s.doc_id for s in sentences] == ["doc-a", "doc-a", "doc-b"]
    second = sentences[1]
    assert second.words == ["I", "do", "n't", "."]
    # No space inside "don't"; the range line's SpaceAfter=No lands on "n't".
    assert second.spaces == [True, False, False, True]
    assert second.heads == [2, 2, 2, 2]
    assert second.deps == ["nsubj", "aux", "ROOT", "punct"]


def test_conllu_docs_tokens_heads_deps_and_text(tmp_path: Path) -> None:
    docs = conllu_docs(Vocab(), _write(tmp_path, "s.conllu", CONLLU), n_sents=10)
    assert len(docs) == 2  # grouped by newdoc id
    doc = docs[0]
    assert doc.text == "Al-Zaman: forces killed him. I don't. "
    assert [t.text for t in doc] == [
        "Al", "-", "Zaman", ":", "forces", "killed", "him", ".", "I", "do", "n't", ".",
    ]  # fmt: skip
    assert [t.head.i for t in doc] == [0, 2, 0, 5, 5, 0, 5, 0, 10, 10, 10, 10]
    assert [t.dep_ for t in doc][:8] == [
        "ROOT", "punct", "flat", "punct", "nsubj", "parataxis", "obj", "punct",
    ]  # fmt: skip
    assert [t.lemma_ for t in doc][4:7] == ["force", "kill", "he"]
    assert [t.pos_ for t in doc][4:6] == ["NOUN", "VERB"]
    assert [t.tag_ for t in doc][4:6] == ["NNS", "VBD"]
    assert str(doc[4].morph) == "Number=Plur"
    assert str(doc[1].morph) == ""
    assert [s.start for s in doc.sents] == [0, 8]
    assert docs[1].text == "Hi. "


def test_conllu_docs_respects_sentence_limit(tmp_path: Path) -> None:
    docs = conllu_docs(Vocab(), _write(tmp_path, "s.conllu", CONLLU), n_sents=1)
    assert [len(doc) for doc in docs] == [8, 4, 2]


def test_iob_spans_iob1_and_iob2() -> None:
    # IOB1: I- opens an entity; B- only separates two adjacent entities of one type.
    assert iob_spans(["I-PER", "I-PER", "B-PER", "O", "I-LOC"]) == [
        (0, 2, "PER"),
        (2, 3, "PER"),
        (4, 5, "LOC"),
    ]
    # A type change inside an I- run starts a new entity.
    assert iob_spans(["I-ORG", "I-LOC", "I-LOC"]) == [(0, 1, "ORG"), (1, 3, "LOC")]
    assert iob_spans(["B-ORG", "I-ORG", "O", "B-LOC", "B-LOC"]) == [
        (0, 2, "ORG"),
        (3, 4, "LOC"),
        (4, 5, "LOC"),
    ]
    assert iob_spans(["O", "O"]) == []


def test_uner_docs_other_is_missing_and_spaces_follow_text(tmp_path: Path) -> None:
    docs = uner_docs(Vocab(), _write(tmp_path, "u.iob2", UNER))
    doc = docs[0]
    assert doc.text == "Al-Zaman: American forces met Abdullah al-Ani in Qaim."
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Al-Zaman", "ORG"),
        ("Abdullah al-Ani", "PER"),
        ("Qaim", "LOC"),
    ]
    # OTH ("American") is unknown to the NER, not outside; B-O reads as O.
    assert doc[4].ent_iob_ == ""
    assert doc[5].ent_iob_ == "O"
    assert doc[6].ent_iob_ == "O"


def test_uner_docs_other_as_outside(tmp_path: Path) -> None:
    doc = uner_docs(Vocab(), _write(tmp_path, "u.iob2", UNER), other_as_missing=False)[0]
    assert doc[4].ent_iob_ == "O"
    assert all(t.ent_iob_ != "" for t in doc)


def test_read_conll2003_groups_documents(tmp_path: Path) -> None:
    documents = list(read_conll2003(_write(tmp_path, "c.txt", CONLL2003)))
    assert len(documents) == 2
    assert [s.words for s in documents[0]] == [
        ["EU", "rejects", "German", "call", "."],
        ["Peter", "Blackburn"],
    ]
    assert documents[1][0].tags == ["O", "I-LOC", "I-PER", "B-PER", "O"]


def test_conll2003_docs_entities(tmp_path: Path) -> None:
    docs = conll2003_docs(Vocab(), _write(tmp_path, "c.txt", CONLL2003))
    assert [d.text for d in docs] == [
        "EU rejects German call . Peter Blackburn",
        "In Bonn Kohl Schmidt met",
    ]
    assert [(e.text, e.label_) for e in docs[0].ents] == [
        ("EU", "ORG"),
        ("German", "MISC"),
        ("Peter Blackburn", "PER"),
    ]
    assert [(e.text, e.label_) for e in docs[1].ents] == [
        ("Bonn", "LOC"),
        ("Kohl", "PER"),
        ("Schmidt", "PER"),
    ]
    assert [s.start for s in docs[0].sents] == [0, 5]
    assert all(t.ent_iob_ in ("B", "I", "O") for d in docs for t in d)


SPLIT_NAMES = """-DOCSTART- O

Leading O
scores O
were O
Ian B-PER

Woosnam B-PER
( O
Wales B-LOC
) O
and O
Colin B-PER
Montgomerie I-PER

NATIONAL B-MISC
LEAGUE I-MISC

EASTERN B-MISC
DIVISION I-MISC

BANGKOK B-LOC

Thailand B-LOC
said O
"""


def test_sentence_breaks_inside_names_are_mended_for_training(tmp_path: Path) -> None:
    path = _write(tmp_path, "split.txt", SPLIT_NAMES)
    published = conll2003_docs(Vocab(), path)[0]
    mended = conll2003_docs(Vocab(), path, join_names=True)[0]
    assert [e.text for e in published.ents if e.label_ == "PER"] == [
        "Ian",
        "Woosnam",
        "Colin Montgomerie",
    ]
    # One name again, in one sentence; the break between the two headings in capitals and
    # the one after a one-word dateline stay.
    assert [(e.text, e.label_) for e in mended.ents] == [
        ("Ian Woosnam", "PER"),
        ("Wales", "LOC"),
        ("Colin Montgomerie", "PER"),
        ("NATIONAL LEAGUE", "MISC"),
        ("EASTERN DIVISION", "MISC"),
        ("BANGKOK", "LOC"),
        ("Thailand", "LOC"),
    ]
    assert len(list(mended.sents)) == len(list(published.sents)) - 1


def test_write_docbin_round_trip(tmp_path: Path) -> None:
    vocab = Vocab()
    docs = conll2003_docs(vocab, _write(tmp_path, "c.txt", CONLL2003))
    path = write_docbin(docs, tmp_path / "out" / "c.spacy")
    loaded = list(DocBin().from_disk(path).get_docs(vocab))
    assert [[(e.start, e.end, e.label_) for e in d.ents] for d in loaded] == [
        [(0, 1, "ORG"), (2, 3, "MISC"), (5, 7, "PER")],
        [(1, 2, "LOC"), (2, 3, "PER"), (3, 4, "PER")],
    ]


def test_convert_corpora_writes_every_split(tmp_path: Path) -> None:
    corpora = tmp_path / "corpora"
    for split in ("train", "dev", "test"):
        (corpora / "ud-english-ewt").mkdir(parents=True, exist_ok=True)
        (corpora / "uner-english-ewt").mkdir(parents=True, exist_ok=True)
        (corpora / "conll2003-en").mkdir(parents=True, exist_ok=True)
        _write(corpora / "ud-english-ewt", f"en_ewt-ud-{split}.conllu", CONLLU)
        _write(corpora / "uner-english-ewt", f"en_ewt-ud-{split}.iob2", UNER)
    for name in ("train.txt", "valid.txt", "test.txt"):
        _write(corpora / "conll2003-en", name, CONLL2003)
    written = convert_corpora(corpora, tmp_path / "out")
    assert sorted(written) == sorted(
        f"{corpus}-{split}"
        for corpus in ("ewt", "uner", "conll")
        for split in ("train", "dev", "test")
    )
    vocab = Vocab()
    conll = list(DocBin().from_disk(written["conll-dev"]).get_docs(vocab))
    assert len(conll) == 2
    ewt = list(DocBin().from_disk(written["ewt-test"]).get_docs(vocab))
    assert [t.dep_ for t in ewt[1]] == ["ROOT", "punct"]
