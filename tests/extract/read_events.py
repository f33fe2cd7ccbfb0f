"""The events the extractor reads in one text, and the texts of an event's arguments by role,
for the tests of triggers and roles."""

from __future__ import annotations

from spacy.language import Language

from newsgraph.extract.article import Article
from newsgraph.extract.extraction import Event
from newsgraph.extract.pipeline import extract_articles


def events_of(nlp: Language, text: str) -> list[Event]:
    (extraction,) = extract_articles([Article(id="t", text=text)], nlp)
    return extraction.events


def event_of(nlp: Language, text: str, trigger: str) -> Event:
    return next(e for e in events_of(nlp, text) if e.trigger.text == trigger)


def roles(event: Event, role: str) -> set[str]:
    return {a.text for a in event.arguments if a.role == role}


def types_of(nlp: Language, text: str) -> set[str]:
    """The types of the events the extractor reads in a text."""
    return {e.type for e in events_of(nlp, text)}
