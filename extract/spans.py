"""Where mentions and sentences sit on a parsed document's tokens."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.extraction import Mention

# The possessive clitic as the tokenizer splits it off ("Jordan 's", "the group ’s").
POSSESSIVE_S = frozenset({"'s", "\u2019s"})


def is_possessive_s(token: Token) -> bool:
    """`token` is the possessive "'s" (straight or curly apostrophe)."""
    return token.lower_ in POSSESSIVE_S


def sentence_numbers(doc: Doc) -> list[int]:
    """The number of the sentence each token is in."""
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
