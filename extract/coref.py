"""Pronouns and definite descriptions ("he", "his", "the group", "the army") joined to the
entity they refer back to, where the text makes the antecedent plain."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.extract.extraction import Entity, Mention
from newsgraph.extract.lexicons import Nominal, coref_lexicon, person_nouns
from newsgraph.extract.spans import sentence_numbers

PRONOUN_CONFIDENCE = 0.6
NOMINAL_CONFIDENCE = 0.7


def _fits(entity: Entity, nominal: Nominal) -> bool:
    if entity.type != nominal.type:
        return False
    if nominal.subtype and entity.subtype and entity.subtype != nominal.subtype:
        return False
    if nominal.name_contains:
        name = entity.name.casefold()
        return any(word in name for word in nominal.name_contains)
    return True


def _definite_head(token: Token) -> bool:
    """`token` heads "the X" or "the X's": a definite description, not "a group"."""
    return any(child.dep_ == "det" and child.lower_ == "the" for child in token.children) or (
        token.i > 0 and token.doc[token.i - 1].lower_ == "the"
    )


def resolve_references(doc: Doc, mentions: list[Mention], entities: list[Entity]) -> list[Mention]:
    """Pronoun and nominal mentions linked to the nearest fitting entity mentioned before them.

    An antecedent must lie within the lexicon's window of sentences. A pronoun is left alone
    when a common noun for a person ("his son-in-law") stands between it and the nearest
    named person, since it may refer to that person instead.
    """
    lexicon = coref_lexicon()
    by_id = {entity.id: entity for entity in entities}
    sentence_of = sentence_numbers(doc)
    # (first token, last token + 1, entity) of every resolved mention, in text order.
    named = []
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if mention.entity is not None and span is not None:
            named.append((span.start, span.end, mention.entity))
    named.sort()
    covered = {i for m in mentions for i in range(m.start, m.end)}
    found: list[Mention] = []
    for token in doc:
        if token.idx in covered:
            continue
        lower = token.lower_
        pronoun_type = (
            lexicon.pronouns.get(lower)
            if token.pos_ == "PRON" or lower in lexicon.pronouns
            else None
        )
        nominal = lexicon.nominals.get(token.lemma_.lower() or lower) or lexicon.nominals.get(lower)
        if pronoun_type is None and (
            nominal is None or token.pos_ not in {"NOUN", "PROPN"} or not _definite_head(token)
        ):
            continue
        limit = sentence_of[token.i] - lexicon.window
        antecedent: str | None = None
        for start, end, entity_id in reversed(named):
            if start >= token.i:
                continue
            if sentence_of[start] < limit:
                break
            entity = by_id.get(entity_id or "")
            if entity is None:
                continue
            if pronoun_type is not None and entity.type == pronoun_type:
                antecedent = entity.id
                if _person_noun_between(doc, end, token.i, person_nouns()):
                    antecedent = None
                break
            if nominal is not None and pronoun_type is None and _fits(entity, nominal):
                antecedent = entity.id
                break
        if antecedent is None:
            continue
        kind = "pronoun" if pronoun_type is not None else "nominal"
        if kind == "nominal":
            start_token = (
                token.i - 1 if token.i > 0 and doc[token.i - 1].lower_ == "the" else token.i
            )
            span = doc[start_token : token.i + 1]
        else:
            span = doc[token.i : token.i + 1]
        found.append(
            Mention(
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                type=by_id[antecedent].type,
                kind=kind,
                entity=antecedent,
                sentence=sentence_of[token.i],
                label="",
                confidence=PRONOUN_CONFIDENCE if kind == "pronoun" else NOMINAL_CONFIDENCE,
            )
        )
    return found


def _person_noun_between(doc: Doc, first: int, end_token: int, nouns: frozenset[str]) -> bool:
    return any(
        doc[i].pos_ == "NOUN" and (doc[i].lower_ in nouns or doc[i].lemma_.lower() in nouns)
        for i in range(first, end_token)
    )
