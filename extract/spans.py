"""Where mentions and sentences sit on a parsed document's tokens."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.extraction import Mention

# The possessive clitic as the tokenizer splits it off ("Jordan 's", "the group ’s").
POSSESSIVE_S = frozenset({"'s", "\u2019s"})


def is_possessive_s(token: Token) -> bool:
    """`token` is the possessive "'s" (straight or curly apostrophe)."""
    return token.lower_ in POSSESSIVE_S


# Keys in `Doc.user_data` of what `read_once` keeps while the rules read a document.
_TEXT = "newsgraph.read_once.text"
_SENTENCE_NUMBERS = "newsgraph.read_once.sentence_numbers"


@contextmanager
def read_once(doc: Doc) -> Iterator[Doc]:
    """While the rules read a parsed document, its text and the sentence of each token are
    made once and kept on it (spaCy joins every token's text on each read of `doc.text`, and
    makes every sentence anew on each walk of `doc.sents`); they are dropped after, so a
    document changed later is never read from them."""
    doc.user_data[_TEXT] = doc.text
    doc.user_data[_SENTENCE_NUMBERS] = _sentence_numbers(doc)
    try:
        yield doc
    finally:
        doc.user_data.pop(_TEXT, None)
        doc.user_data.pop(_SENTENCE_NUMBERS, None)


def doc_text(doc: Doc) -> str:
    """`doc.text`, kept by `read_once` while the rules read the document."""
    text: str | None = doc.user_data.get(_TEXT)
    return doc.text if text is None else text


def sentence_numbers(doc: Doc) -> list[int]:
    """The number of the sentence each token is in (kept by `read_once`: not to be changed)."""
    numbers: list[int] | None = doc.user_data.get(_SENTENCE_NUMBERS)
    return _sentence_numbers(doc) if numbers is None else numbers


def _sentence_numbers(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for number, sentence in enumerate(doc.sents):
        index[sentence.start : sentence.end] = [number] * len(sentence)
    return index


def in_capitals(sentence: Span) -> bool:
    """A heading or a line of shouting: most of its words in capitals."""
    words = [t for t in sentence if t.is_alpha and len(t) > 1]
    return bool(words) and sum(t.is_upper for t in words) >= 0.8 * len(words)


def covered_tokens(doc: Doc, taken: list[Mention]) -> set[int]:
    """The indices of the tokens the mentions cover."""
    return {
        token.i
        for m in taken
        for token in doc.char_span(m.start, m.end, alignment_mode="expand") or ()
    }
