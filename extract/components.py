"""spaCy components newsgraph adds to any pipeline it loads: paragraph breaks as sentence
boundaries, and whitespace tokens kept out of the syntax."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("newsgraph_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, datelines and paragraphs never run together."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
            if token.i > 0:
                # The break itself closes the sentence before it; it is no sentence of its own.
                token.is_sent_start = False
    return doc


@Language.component("newsgraph_spaces")
def space_tags(doc: Doc) -> Doc:
    """Whitespace tokens get the SPACE tag, whatever a tagger trained without them said."""
    for token in doc:
        if token.is_space:
            token.pos_ = "SPACE"
            token.tag_ = "_SP"
    return doc
