"""Hand-built parsed documents for extractor tests: exact tokens, tags, sentences, entities."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

_VOCAB = spacy.blank("en").vocab


def parsed(tagged: str, ents: dict[str, str] | None = None) -> Doc:
    """A doc from "word/POS word/POS ..." with `||` between sentences.

    `ents` maps a space-joined run of words to its NER label; each run is labelled
    wherever it occurs. A word glued to the next (no space) is written with a trailing `+`.
    """
    words, spaces, pos, starts = [], [], [], []
    new_sentence = True
    for item in tagged.split():
        if item == "||":
            new_sentence = True
            continue
        glued = item.endswith("+")
        item = item.rstrip("+") if glued else item
        word, _, tag = item.rpartition("/")
        words.append(word)
        pos.append(tag)
        spaces.append(not glued)
        starts.append(new_sentence)
        new_sentence = False
    spaces[-1] = False
    doc = Doc(_VOCAB, words=words, spaces=spaces, pos=pos, sent_starts=starts)
    spans = []
    for run, label in (ents or {}).items():
        run_words = run.split()
        for i in range(len(words) - len(run_words) + 1):
            if words[i : i + len(run_words)] == run_words:
                spans.append(Span(doc, i, i + len(run_words), label=label))
    doc.ents = sorted(spans, key=lambda s: s.start)
    for token in doc:
        token.lemma_ = token.lower_
    return doc
