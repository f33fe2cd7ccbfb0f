"""Hand-built parsed documents for extractor tests: exact tokens, tags, sentences, entities."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

_VOCAB = spacy.blank("en").vocab


def parsed(tagged: str, ents: dict[str, str] | None = None) -> Doc:
    """A doc from "word/POS word/POS ..." (or "word/POS/TAG") with `||` between sentences.

    `ents` maps a space-joined run of words to its NER label; each run is labelled
    wherever it occurs. A word glued to the next (no space) is written with a trailing `+`.
    """
    words, spaces, pos, tags, starts = [], [], [], [], []
    new_sentence = True
    for item in tagged.split():
        if item == "||":
            new_sentence = True
            continue
        glued = item.endswith("+")
        item = item.rstrip("+") if glued else item
        parts = item.split("/")
        if len(parts) >= 3 and parts[-2].isupper() and parts[-1].isupper() and parts[-2] != "":
            word, tag, fine = "/".join(parts[:-2]), parts[-2], parts[-1]
        else:
            word, tag, fine = "/".join(parts[:-1]), parts[-1], ""
        words.append(word)
        pos.append(tag)
        tags.append(fine)
        spaces.append(not glued)
        starts.append(new_sentence)
        new_sentence = False
    spaces[-1] = False
    doc = Doc(_VOCAB, words=words, spaces=spaces, pos=pos, tags=tags, sent_starts=starts)
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
