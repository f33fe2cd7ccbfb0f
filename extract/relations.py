"""Relations between entities stated by common news constructions: appositions ("X, the
leader of Y"), copulas ("X was an associate of Y"), possessives ("Y's leader, X"), relative
clauses ("X, who runs Y"), passives ("Y, led by X"), placed descriptions ("X, a dissident
in Britain") and placed names ("ISIL in Iraq"). Patterns run over tokens with mentions as
units, so they hold up when the parse does not."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.extraction import Entity, Mention, Relation
from newsgraph.extract.lexicons import RelationLexicon, relation_lexicon
from newsgraph.extract.spans import is_possessive_s

# Object types each relation accepts; the extractor drops what does not fit.
_OBJECT_TYPES = {
    "leader_of": {"organization", "place"},
    "member_of": {"organization"},
    "spokesperson_for": {"organization", "person"},
    "associate_of": {"person", "organization"},
    "family": {"person"},
    "runs": {"organization"},
    "located_in": {"place"},
    "nationality": {"place"},
}
_SUBJECT_TYPES = {
    "leader_of": {"person"},
    "member_of": {"person", "organization"},
    "spokesperson_for": {"person"},
    "associate_of": {"person", "organization"},
    "family": {"person"},
    "runs": {"person", "organization"},
    "located_in": {"person", "organization"},
    "nationality": {"person", "organization"},
}
_DESCRIPTION_SKIP = {"DET", "PUNCT"}
# How far (in tokens) a description may reach: long enough for "a Saudi dissident in Britain
# who runs the jihadist Internet forum", short enough to stay inside one phrase.
_DESCRIPTION_WINDOW = 8
_OBJECT_WINDOW = 10


@dataclass(frozen=True)
class Unit:
    """A mention placed on tokens: [start, end) token indices."""

    start: int
    end: int
    entity: str
    type: str
    kind: str


@dataclass
class Finding:
    relation: Relation | None = None
    description: tuple[str, str] | None = None  # (entity, description text)


def _units(doc: Doc, mentions: list[Mention]) -> list[Unit]:
    units = []
    for mention in mentions:
        # A demonym inside a description ("a Saudi dissident") is part of the description.
        if mention.entity is None or (mention.label == "DEMONYM" and mention.kind == "nominal"):
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            units.append(Unit(span.start, span.end, mention.entity, mention.type, mention.kind))
    return sorted(units, key=lambda u: (u.start, u.end))


def _role_word(token: Token, lexicon: RelationLexicon) -> str | None:
    word = token.lower_
    # "son-in-law" arrives as son - in - law: read the compound whole.
    doc = token.doc
    if token.i + 4 < len(doc) and doc[token.i + 1].text == "-" and doc[token.i + 3].text == "-":
        compound = doc[token.i : token.i + 5].text.lower().replace(" ", "")
        if compound in lexicon.role_nouns:
            return compound
    if word in lexicon.role_nouns:
        return word
    lemma = token.lemma_.lower()
    return lemma if lemma in lexicon.role_nouns else None


def _compound_end(token: Token) -> int:
    doc = token.doc
    if token.i + 4 < len(doc) and doc[token.i + 1].text == "-" and doc[token.i + 3].text == "-":
        return token.i + 5
    return token.i + 1


class _Sentence:
    def __init__(self, sent: Span, units: list[Unit]) -> None:
        self.sent = sent
        self.units = [u for u in units if sent.start <= u.start < sent.end]
        self.at: dict[int, Unit] = {u.start: u for u in self.units}

    def unit_after(self, index: int, window: int, types: set[str]) -> Unit | None:
        """The first mention starting within `window` tokens after `index`, skipping
        determiners and modifiers, of one of the types."""
        end = min(self.sent.end, index + window)
        for i in range(index, end):
            unit = self.at.get(i)
            if unit is not None:
                return unit if unit.type in types else None
            token = self.sent.doc[i]
            if token.pos_ in {"VERB", "AUX"} or token.text in {";", ".", "(", ")"}:
                return None
        return None


def _evidence(doc: Doc, start: int, end: int) -> tuple[int, int]:
    span = doc[start:end]
    return span.start_char, span.end_char


def _relation(kind: str, subject: Unit, obj: Unit, doc: Doc, confidence: float) -> Relation | None:
    if subject.entity == obj.entity:
        return None
    if subject.type not in _SUBJECT_TYPES[kind] or obj.type not in _OBJECT_TYPES[kind]:
        return None
    start = min(subject.start, obj.start)
    end = max(subject.end, obj.end)
    begin, finish = _evidence(doc, start, end)
    return Relation(kind, subject.entity, obj.entity, begin, finish, confidence)


def _description(sentence: _Sentence, subject: Unit, lexicon: RelationLexicon) -> list[Finding]:
    """What follows a name as its description: ", the leader of Y", " was an associate of Y",
    ", a Saudi dissident in Britain who runs Y"."""
    doc = sentence.sent.doc
    i = subject.end
    if i >= sentence.sent.end:
        return []
    findings: list[Finding] = []
    token = doc[i]
    if token.text == "," and i + 1 < sentence.sent.end and doc[i + 1].lower_ in lexicon.copulas:
        # "X, the group's leader, was ..." leaves a comma before the copula.
        i += 1
        token = doc[i]
    appositive = token.text == ","
    if appositive:
        i += 1
        confidence = 0.8
    elif token.lower_ in lexicon.copulas:
        i += 1
        while i < sentence.sent.end and doc[i].pos_ in {"AUX", "ADV", "PART"}:
            i += 1
        confidence = 0.75
    else:
        return []
    start = i
    end = min(sentence.sent.end, start + _DESCRIPTION_WINDOW)
    if start >= end or start in sentence.at:
        return []
    if doc[start].pos_ not in {"DET", "ADJ", "NOUN", "NUM", "PROPN"}:
        return []
    description_end = start
    for j in range(start, end):
        if j in sentence.at and j != start:
            unit = sentence.at[j]
            # A placed description: "a dissident in Britain", "a cleric from Jordan".
            if (
                unit.type == "place"
                and doc[j - 1].lower_ in lexicon.place_prepositions
                and subject.type == "person"
            ):
                relation = _relation("located_in", subject, unit, doc, confidence - 0.1)
                if relation:
                    findings.append(Finding(relation=relation))
            break
        candidate = doc[j]
        if candidate.pos_ in {"VERB", "AUX", "PRON", "SCONJ"} or candidate.text in {
            ",",
            ";",
            ".",
            "“",
            "”",
            '"',
        }:
            break
        if candidate.pos_ not in {"ADP", "CCONJ"}:
            description_end = j + 1
        role = _role_word(candidate, lexicon)
        if role is not None:
            after = _compound_end(candidate)
            if after < sentence.sent.end and doc[after].lower_ in {"of", "for", "to"}:
                kind = lexicon.role_nouns[role]
                obj = sentence.unit_after(after + 1, 4, _OBJECT_TYPES[kind])
                if obj is not None:
                    relation = _relation(kind, subject, obj, doc, confidence)
                    if relation:
                        findings.append(Finding(relation=relation))
            description_end = after
            break
    if (
        (appositive or doc[start].lower_ in {"a", "an"})
        and description_end > start
        and subject.kind == "name"
        and subject.type in {"person", "organization"}
        and doc[start].lower_ in {"a", "an", "the"}
    ):
        words = [t for t in doc[start:description_end] if t.pos_ not in _DESCRIPTION_SKIP]
        if words and words[-1].pos_ == "NOUN":
            findings.append(
                Finding(description=(subject.entity, doc[words[0].i : words[-1].i + 1].text))
            )
    # "..., who runs Y": a relative clause on the subject or its description.
    for j in range(start, min(sentence.sent.end, start + _DESCRIPTION_WINDOW + 2)):
        if doc[j].lower_ in {"who", "which", "that"}:
            verb = doc[j + 1] if j + 1 < sentence.sent.end else None
            if verb is not None and verb.pos_ == "VERB":
                kind_or_none = _verb_relation(verb, lexicon)
                if kind_or_none is not None:
                    obj = _object_of(sentence, verb.i + 1, _OBJECT_TYPES[kind_or_none])
                    if obj is not None:
                        relation = _relation(kind_or_none, subject, obj, doc, confidence - 0.05)
                        if relation:
                            findings.append(Finding(relation=relation))
            break
    return findings


def _verb_relation(verb: Token, lexicon: RelationLexicon) -> str | None:
    # The lemma first; the bare third-person form when the lemmatizer missed it.
    for form in (verb.lemma_.lower(), verb.lower_, verb.lower_.removesuffix("s")):
        if form in lexicon.role_verbs:
            return lexicon.role_verbs[form]
    return None


def _object_of(sentence: _Sentence, start: int, types: set[str]) -> Unit | None:
    """The first mention of the right type in the object phrase, looking through an
    appositive name ("the jihadist Internet forum, Tajdeed.net")."""
    doc = sentence.sent.doc
    end = min(sentence.sent.end, start + _OBJECT_WINDOW)
    for i in range(start, end):
        unit = sentence.at.get(i)
        if unit is not None:
            return unit if unit.type in types else None
        if doc[i].pos_ in {"VERB", "AUX"} or doc[i].text in {";", "."}:
            return None
    return None


def _possessive_role(sentence: _Sentence, lexicon: RelationLexicon) -> list[Relation]:
    """ "Y's leader, X", "Y leader X", "the leader of Y, X"."""
    doc = sentence.sent.doc
    relations: list[Relation] = []
    for owner in sentence.units:
        i = owner.end
        if i < sentence.sent.end and (is_possessive_s(doc[i]) or doc[i].text == "'"):
            i += 1
        # Skip adjectives: "Y's top commander".
        while i < sentence.sent.end and doc[i].pos_ == "ADJ":
            i += 1
        if i >= sentence.sent.end:
            continue
        role = _role_word(doc[i], lexicon)
        if role is None:
            continue
        after = _compound_end(doc[i])
        if after < sentence.sent.end and doc[after].text == ",":
            after += 1
        holder = sentence.at.get(after)
        if holder is None or holder.type != "person":
            continue
        kind = lexicon.role_nouns[role]
        relation = _relation(kind, holder, owner, doc, 0.8 if owner.kind == "name" else 0.65)
        if relation:
            relations.append(relation)
    for token in sentence.sent:
        role = _role_word(token, lexicon)
        determiners = {"the", "a", "an"}
        if role is None or (
            not any(c.lower_ in determiners for c in token.children)
            and doc[token.i - 1].lower_ not in determiners
        ):
            continue
        after = _compound_end(token)
        if after < sentence.sent.end and doc[after].lower_ in {"of", "for"}:
            kind = lexicon.role_nouns[role]
            owner_unit = sentence.unit_after(after + 1, 3, _OBJECT_TYPES[kind])
            if owner_unit is None:
                continue
            j = owner_unit.end
            if j < sentence.sent.end and doc[j].text == ",":
                holder = sentence.at.get(j + 1)
                if holder is not None and holder.type == "person":
                    relation = _relation(kind, holder, owner_unit, doc, 0.8)
                    if relation:
                        relations.append(relation)
    return relations


def _passive_role(sentence: _Sentence, lexicon: RelationLexicon) -> list[Relation]:
    """ "Y, led by X" and "Y is led by X"."""
    doc = sentence.sent.doc
    relations: list[Relation] = []
    for token in sentence.sent:
        kind = lexicon.passive_role_verbs.get(token.lower_)
        if kind is None or token.i + 1 >= sentence.sent.end or doc[token.i + 1].lower_ != "by":
            continue
        holder = sentence.at.get(token.i + 2)
        if holder is None:
            continue
        owner = None
        for unit in reversed(sentence.units):
            if unit.end <= token.i and token.i - unit.end <= 3:
                owner = unit
                break
        if owner is not None:
            relation = _relation(kind, holder, owner, doc, 0.8)
            if relation:
                relations.append(relation)
    return relations


def _placed_name(sentence: _Sentence, lexicon: RelationLexicon) -> list[Relation]:
    """ "ISIL in Iraq", "the Syrian opposition in Riyadh", "ISIL in Syria and Iraq": a person's
    or group's name directly followed by a preposition of presence and a place (or places)."""
    doc = sentence.sent.doc
    relations: list[Relation] = []
    for unit in sentence.units:
        if unit.kind != "name" or unit.type not in _SUBJECT_TYPES["located_in"]:
            continue
        i = unit.end
        # "ISIL fighters in Syria": the group's members place it; "ISIL attacks in Paris" not.
        if i < sentence.sent.end and doc[i].lower_ in lexicon.member_nouns and i not in sentence.at:
            i += 1
        if i >= sentence.sent.end or doc[i].lower_ not in lexicon.presence_prepositions:
            continue
        place = sentence.unit_after(i + 1, 2, _OBJECT_TYPES["located_in"])
        while place is not None:
            relation = _relation("located_in", unit, place, doc, 0.6)
            if relation:
                relations.append(relation)
            j = place.end
            if j + 1 < sentence.sent.end and doc[j].lower_ in {",", "and"}:
                place = sentence.unit_after(j + 1, 2, _OBJECT_TYPES["located_in"])
            else:
                place = None
    return relations


def extract_relations(
    doc: Doc, mentions: list[Mention], entities: list[Entity]
) -> tuple[list[Relation], dict[str, list[str]]]:
    """Relations found in the text, and descriptions of entities ("Saudi dissident")."""
    lexicon = relation_lexicon()
    units = _units(doc, mentions)
    relations: list[Relation] = []
    descriptions: dict[str, list[str]] = {}
    for sent in doc.sents:
        sentence = _Sentence(sent, units)
        for unit in sentence.units:
            for finding in _description(sentence, unit, lexicon):
                if finding.relation is not None:
                    relations.append(finding.relation)
                if finding.description is not None:
                    entity, text = finding.description
                    descriptions.setdefault(entity, [])
                    if text not in descriptions[entity]:
                        descriptions[entity].append(text)
        relations.extend(_possessive_role(sentence, lexicon))
        relations.extend(_passive_role(sentence, lexicon))
        relations.extend(_placed_name(sentence, lexicon))
    return _deduplicated(relations), descriptions


def _deduplicated(relations: list[Relation]) -> list[Relation]:
    best: dict[tuple[str, str, str, int], Relation] = {}
    for relation in relations:
        key = (relation.type, relation.subject, relation.object, relation.start)
        if key not in best or relation.confidence > best[key].confidence:
            best[key] = relation
    return sorted(best.values(), key=lambda r: (r.start, r.type))
