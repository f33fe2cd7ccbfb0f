"""Named mentions from a parsed document: NER spans mapped to person, organization, place."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from extract.extraction import Mention
from extract.resources import load_lexicon

# Leading and trailing tokens NER sometimes swallows but that are not part of a name.
_EDGE_POS = {"DET", "PUNCT", "PART", "ADP", "CCONJ"}


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].pos_ in _EDGE_POS or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].pos_ in _EDGE_POS or doc[end - 1].is_punct):
        end -= 1
    if start >= end:
        return None
    return doc[start:end]


def _sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    if not doc.has_annotation("SENT_START") and not doc.has_annotation("DEP"):
        return index
    for number, sentence in enumerate(doc.sents):
        for token in sentence:
            index[token.i] = number
    return index


def entity_mentions(doc: Doc) -> list[Mention]:
    """One `Mention` per NER span whose label maps to an entity type, in text order."""
    labels = load_lexicon("entity_labels")
    sentence_of = _sentence_index(doc)
    mentions: list[Mention] = []
    for ent in doc.ents:
        entity_type = labels.get(ent.label_)
        if entity_type is None:
            continue
        span = _trim(ent)
        if span is None:
            continue
        mentions.append(
            Mention(
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                type=entity_type,
                kind="name",
                sentence=sentence_of[span.start],
                label=ent.label_,
            )
        )
    return mentions
