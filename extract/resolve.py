"""Resolution within an article: mentions that name the same entity become one `Entity`."""

from __future__ import annotations

from dataclasses import replace

from extract.extraction import Entity, Mention
from extract.names import clean_name, normalize_name, resolution_key


def _tokens(text: str) -> list[str]:
    return normalize_name(text).replace("-", " ").split()


def _is_short_form(short: str, full: str) -> bool:
    """`short` is a trailing part of `full` ("Abssi" of "Shakir al-Abssi")."""
    short_tokens, full_tokens = _tokens(short), _tokens(full)
    if not short_tokens or len(short_tokens) >= len(full_tokens):
        return False
    return full_tokens[-len(short_tokens) :] == short_tokens


def resolve_entities(mentions: list[Mention]) -> tuple[list[Mention], list[Entity]]:
    """Group mentions into entities by type and name; short person names join full ones.

    Returns the mentions with their `entity` set, and the entities in order of first mention.
    """
    # The canonical name of a group is its longest spelling; a short form joins a full
    # name only when exactly one full name of that type ends with it, to avoid guessing.
    by_key: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    for index, mention in enumerate(mentions):
        key = resolution_key(mention.type, mention.text)
        by_key.setdefault(key, []).append(index)
        current = names.get(key)
        cleaned = clean_name(mention.text)
        if current is None or len(cleaned) > len(current):
            names[key] = cleaned

    merged: dict[str, str] = {}
    for key, name in names.items():
        entity_type = key.split("/", 1)[0]
        if entity_type != "person":
            continue
        candidates = [
            other
            for other, other_name in names.items()
            if other != key and other.startswith("person/") and _is_short_form(name, other_name)
        ]
        if len(candidates) == 1:
            merged[key] = candidates[0]

    entities: dict[str, Entity] = {}
    resolved: list[Mention] = list(mentions)
    for key, indices in by_key.items():
        target = merged.get(key, key)
        entity = entities.get(target)
        if entity is None:
            entity = Entity(id=target, type=target.split("/", 1)[0], name=names[target])
            entities[target] = entity
        for index in indices:
            entity.mentions.append(index)
            resolved[index] = replace(mentions[index], entity=target)
    for entity in entities.values():
        entity.mentions.sort()
        spellings = {clean_name(mentions[i].text) for i in entity.mentions}
        entity.alternate_names = sorted(spellings - {entity.name})
    ordered = sorted(entities.values(), key=lambda e: e.mentions[0])
    return resolved, ordered
