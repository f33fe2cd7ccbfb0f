"""spaCy components newsgraph adds to any pipeline it loads: paragraph breaks as sentence
boundaries, whitespace tokens kept out of the syntax, and the lemmas of irregular verbs."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract.lexicons import irregular_verbs


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


@Language.component("newsgraph_name_sentences")
def name_sentences(doc: Doc) -> Doc:
    """No sentence starts inside a name: placed between an NER and a parser that comes
    after it, this keeps the parser from cutting "Colin Montgomerie" or "Kimberly Po" in
    two (the parser honours tokens marked as not starting a sentence)."""
    for ent in doc.ents:
        for token in ent[1:]:
            if token.is_sent_start is None:
                token.is_sent_start = False
    return doc


DASHES = {"-", "--", "\u2013", "\u2014"}
# How far into an article a dateline ("BAMAKO, March 4 (Reuters) - ") may reach.
_DATELINE_TOKENS = 16


@Language.component("newsgraph_datelines")
def dateline_boundary(doc: Doc) -> Doc:
    """A dateline is not part of the first sentence: "BAMAKO, March 4 (Reuters) - Gunmen
    killed ..." starts its sentence at "Gunmen"."""
    if len(doc) < 3 or not (doc[0].is_upper and doc[0].is_alpha and len(doc[0]) > 1):
        return doc
    for token in doc[1 : min(len(doc) - 1, _DATELINE_TOKENS)]:
        if token.text in DASHES and token.whitespace_ and doc[token.i - 1].whitespace_:
            doc[token.i + 1].is_sent_start = True
            break
        if "\n" in token.text:
            break
    return doc


@Language.component("newsgraph_spaces")
def space_tags(doc: Doc) -> Doc:
    """Whitespace tokens get the SPACE tag, whatever a tagger trained without them said, and
    never head anything: a parser trained on text without line breaks sometimes hangs a whole
    sentence on one ("\n" as the root, "said" as its punctuation)."""
    for token in doc:
        if token.is_space:
            token.pos_ = "SPACE"
            token.tag_ = "_SP"
    if not doc.has_annotation("DEP"):
        return doc
    for token in doc:
        if not token.is_space or not list(token.children):
            continue
        children = [c for c in token.children if not c.is_space]
        if not children:
            continue
        if token.head.i == token.i:
            # Promote the space's most verb-like child to root of the sentence.
            new_root = next((c for c in children if c.pos_ in {"VERB", "AUX"}), children[0])
            new_root.head = new_root
            new_root.dep_ = "ROOT"
            for child in children:
                if child.i != new_root.i:
                    child.head = new_root
            token.head = new_root
            token.dep_ = "dep"
        else:
            for child in children:
                child.head = token.head
    return doc


@Language.component("newsgraph_lemmas")
def irregular_lemmas(doc: Doc) -> Doc:
    """A verb's past tense or participle gets its base form as lemma ("shot" -> "shoot",
    "fled" -> "flee"), where a trained lemmatizer missed it ("shot", "fl")."""
    forms = irregular_verbs()
    for token in doc:
        if token.pos_ in {"VERB", "AUX"}:
            base = forms.get(token.lower_)
            if base is not None:
                token.lemma_ = base
    return doc
