"""The shapes extraction produces: plain dataclasses with character offsets, no RDF, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from extract.article import Article

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


@dataclass
class Extraction:
    """Everything found in one article, each item tied to its evidence by offsets."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
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
            "events": [],
            "incidents": [],
        }
