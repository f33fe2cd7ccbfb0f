"""The shapes extraction produces: plain dataclasses with character offsets, no RDF, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsgraph.extract.article import Article

if TYPE_CHECKING:
    from spacy.tokens import Span

# The entity types, defined once: graph.vocab gives each its RDF class.
ENTITY_TYPES = ("person", "organization", "place")
MENTION_KINDS = ("name", "nominal", "pronoun")


@dataclass(frozen=True)
class Sentence:
    """A sentence of the article, as character offsets (end exclusive)."""

    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    """A span of the article that refers to an entity."""

    start: int
    end: int
    text: str
    type: str
    kind: str = "name"
    entity: str | None = None
    sentence: int = 0
    label: str = ""
    confidence: float = 1.0
    subtype: str | None = None
    title: str | None = None
    cue: str | None = None

    @classmethod
    def of_span(cls, span: Span, entity_type: str, sentence: int, **fields: Any) -> Mention:
        """The mention of a spaCy span: its offsets and text, with the given type, sentence
        and other fields (kind defaults to "name")."""
        return cls(
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            type=entity_type,
            sentence=sentence,
            **fields,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "kind": self.kind,
            "entity": self.entity,
            "label": self.label,
            "title": self.title,
            "confidence": round(self.confidence, 3),
        }


@dataclass
class Entity:
    """A person, group or place, with every mention of it in the article.

    `id` is the resolution key (type, then a normalized name); the graph derives stable
    IRIs from it, so the same entity in two articles gets the same IRI.
    """

    id: str
    type: str
    name: str
    subtype: str | None = None
    alternate_names: list[str] = field(default_factory=list)
    properties: dict[str, Any] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)
    mentions: list[int] = field(default_factory=list)
    confidence: float = 1.0

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "subtype": self.subtype,
            "name": self.name,
            "alternate_names": list(self.alternate_names),
            "properties": dict(self.properties),
            "links": dict(self.links),
            "mention_count": len(self.mentions),
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True)
class Relation:
    """A typed link between two entities, with the span that states it."""

    type: str
    subject: str
    object: str
    start: int
    end: int
    confidence: float = 1.0

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "subject": self.subject,
            "object": self.object,
            "start": self.start,
            "end": self.end,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True)
class TextSpan:
    """A stretch of the article that is not an entity mention: a trigger, a site, a source."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Argument:
    """A participant, place or time of an event mention, with the entity it denotes if any."""

    role: str
    start: int
    end: int
    text: str
    entity: str | None = None
    # How sure the extractor is of the role: by the part of the parse it was read from.
    confidence: float = 1.0
    # The head word of the span ("soldiers" of "More than 30 Lebanese soldiers").
    head: TextSpan | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "head": self.head.to_json() if self.head else None,
            "entity": self.entity,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True)
class Count:
    """How many took part in one role: "more than 30" victims is (victim, 30, "more than")."""

    role: str
    value: int
    qualifier: str
    text: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "value": self.value,
            "qualifier": self.qualifier,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Time:
    """A time expression and what it resolves to against the publication date."""

    text: str
    start: int
    end: int
    value: str | None
    precision: str | None
    begin: str | None = None
    end_date: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "precision": self.precision,
            "begin": self.begin,
            "end_date": self.end_date,
        }


@dataclass(frozen=True)
class Source:
    """Who a claim is attributed to ("according to General Rifi", "the authorities said")."""

    text: str
    start: int
    end: int
    entity: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "entity": self.entity}


@dataclass
class Event:
    """One event mention: a trigger word, its type, and its arguments in the text."""

    type: str
    trigger: TextSpan
    sentence: int
    arguments: list[Argument] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    time: Time | None = None
    modality: str = "asserted"
    attribution: Source | None = None
    incident: str | None = None
    confidence: float = 0.7
    background: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "trigger": self.trigger.to_json(),
            "arguments": [a.to_json() for a in self.arguments],
            "counts": [c.to_json() for c in self.counts],
            "time": self.time.to_json() if self.time else None,
            "modality": self.modality,
            "attribution": self.attribution.to_json() if self.attribution else None,
            "incident": self.incident,
            "confidence": round(self.confidence, 3),
        }


@dataclass
class Incident:
    """A real-world event: the event mentions that describe it, merged."""

    id: str
    type: str
    mentions: list[int] = field(default_factory=list)
    arguments: list[Argument] = field(default_factory=list)
    place: str | None = None
    site: TextSpan | None = None
    time: Time | None = None
    counts: list[Count] = field(default_factory=list)
    modality: str = "asserted"
    attribution: Source | None = None
    confidence: float = 0.7

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "mentions": list(self.mentions),
            "arguments": [a.to_json() for a in self.arguments],
            "place": self.place,
            "site": self.site.to_json() if self.site else None,
            "time": self.time.to_json() if self.time else None,
            "counts": [c.to_json() for c in self.counts],
            "modality": self.modality,
            "attribution": self.attribution.to_json() if self.attribution else None,
            "confidence": round(self.confidence, 3),
        }


@dataclass
class Extraction:
    """Everything found in one article, each item tied to its evidence by offsets."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    extractor: str = "newsgraph"
    extractor_version: str = "0"
    model: str = ""

    def entity(self, entity_id: str) -> Entity:
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        raise KeyError(entity_id)

    def to_json(self) -> dict[str, Any]:
        """The evaluation interface: offsets index `article.text`, end exclusive."""
        return {
            "id": self.article.id,
            "article": self.article.to_json(),
            "extractor": {
                "name": self.extractor,
                "version": self.extractor_version,
                "model": self.model,
            },
            "sentences": [{"start": s.start, "end": s.end} for s in self.sentences],
            "mentions": [m.to_json() for m in self.mentions],
            "entities": [e.to_json() for e in self.entities],
            "relations": [r.to_json() for r in self.relations],
            "events": [e.to_json() for e in self.events],
            "incidents": [i.to_json() for i in self.incidents],
        }
