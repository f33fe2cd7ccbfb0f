"""Running a spaCy pipeline over articles and turning its output into `Extraction`s."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import newsgraph.extract.components  # noqa: F401  (registers the components load_pipeline adds)
from newsgraph.extract.article import Article
from newsgraph.extract.coref import resolve_references
from newsgraph.extract.entity_typer import entity_typer
from newsgraph.extract.events import extract_events, with_heads
from newsgraph.extract.extraction import Entity, Extraction, Mention, Sentence
from newsgraph.extract.groups import (
    demonym_places,
    national_group_mentions,
    nationalities,
    office_holders,
    without_demonym_names,
)
from newsgraph.extract.incidents import (
    framed_participants,
    merge_incidents,
    place_from_agents,
    supplier_and_recipient,
)
from newsgraph.extract.linking import (
    TypePrior,
    embedded_places,
    gazetteer_places,
    joined_place_names,
    link_places,
    place_hierarchy,
)
from newsgraph.extract.mentions import entity_mentions
from newsgraph.extract.missed_names import (
    defined_acronyms,
    noun_typed_names,
    repeated_names,
    website_names,
)
from newsgraph.extract.relations import extract_relations
from newsgraph.extract.resolve import people_named_like_places, resolve_entities
from newsgraph.extract.resources import MODEL_DIR
from newsgraph.extract.spans import read_once

DEFAULT_MODEL_PATH = MODEL_DIR
EXTRACTOR_NAME = "newsgraph"


class ModelError(RuntimeError):
    """The spaCy pipeline cannot be loaded; the message says what to do."""


@cache
def extractor_version() -> str:
    # Read once per process: the installed metadata is looked up on disk.
    try:
        return version("newsgraph")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "0+unknown"


def load_pipeline(model: str | Path | None = None) -> Language:
    """Load a spaCy pipeline by installed package name or path; default: the shipped model."""
    target = model if model is not None else DEFAULT_MODEL_PATH
    try:
        nlp = spacy.load(target)
    except OSError as error:
        raise ModelError(
            f"cannot load the spaCy pipeline {str(target)!r}: {error}. Give an installed "
            "pipeline name (en_core_web_trf, ...) or a pipeline folder, or rebuild the default "
            "one with `newsgraph train`."
        ) from error
    if "ner" not in nlp.pipe_names and not nlp.has_pipe("entity_ruler"):
        raise ModelError(f"the spaCy pipeline {str(target)!r} has no named-entity recognizer")
    if not {"parser", "senter", "sentencizer"} & set(nlp.pipe_names):
        # Evidence is kept per sentence: a pipeline without sentence boundaries gets rule-based ones.
        nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe("newsgraph_paragraphs", first=True)
    nlp.add_pipe("newsgraph_datelines", after="newsgraph_paragraphs")
    names = nlp.pipe_names
    if "ner" in names and "parser" in names and names.index("ner") < names.index("parser"):
        nlp.add_pipe("newsgraph_name_sentences", after="ner")
    nlp.add_pipe("newsgraph_lemmas", last=True)
    nlp.add_pipe("newsgraph_spaces", last=True)
    return nlp


def model_label(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"


def name_mentions(doc: Doc) -> tuple[list[Mention], dict[str, str]]:
    """The name mentions of a parsed article before resolution, in text order, with the
    acronyms it defines (acronym -> full name, see missed_names.defined_acronyms)."""
    names = joined_place_names(doc, without_demonym_names(entity_mentions(doc)))
    names = sorted(names + national_group_mentions(doc, names), key=lambda m: m.start)
    names = sorted(names + gazetteer_places(doc, names), key=lambda m: m.start)
    names = sorted(names + noun_typed_names(doc, names), key=lambda m: m.start)
    names = sorted(names + repeated_names(doc, names), key=lambda m: m.start)
    names = sorted(names + website_names(doc, names), key=lambda m: m.start)
    acronyms, aliases = defined_acronyms(doc, names)
    return sorted(names + acronyms, key=lambda m: m.start), aliases


def extraction_from_doc(
    article: Article, doc: Doc, nlp: Language, *, model: str | None = None
) -> Extraction:
    """Everything the extractor finds in one parsed article; `model` is `model_label(nlp)`
    where the caller already has it."""
    with read_once(doc):
        return _extraction(article, doc, model if model is not None else model_label(nlp))


def _extraction(article: Article, doc: Doc, model: str) -> Extraction:
    sentences = [Sentence(s.start_char, s.end_char) for s in doc.sents]
    names, aliases = name_mentions(doc)
    mentions, entities = resolve_entities(
        names, prior=TypePrior(), aliases=aliases, typer=entity_typer()
    )
    mentions, entities = people_named_like_places(doc, mentions, entities)
    embedded, new_places = embedded_places(doc, mentions, entities)
    mentions, entities = _with_references(mentions, entities + new_places, embedded)
    mentions, entities = link_places(mentions, entities, doc=doc)
    mentions, entities = demonym_places(doc, mentions, entities)
    references = resolve_references(doc, mentions, entities)
    mentions, entities = _with_references(mentions, entities, references)
    relations, descriptions = extract_relations(doc, mentions, entities)
    for entity in entities:
        if entity.id in descriptions:
            entity.properties["description"] = descriptions[entity.id]
    relations += nationalities(doc, mentions, entities) + place_hierarchy(mentions, entities)
    relations += office_holders(doc, mentions)
    events = extract_events(doc, mentions, article.published, entities)
    events, incidents = merge_incidents(doc, events, article.id)
    place_from_agents(incidents, relations)
    supplier_and_recipient(doc, incidents, mentions)
    framed_participants(doc, events, incidents, mentions)
    with_heads(doc, events, incidents)
    return Extraction(
        article=article,
        sentences=sentences,
        mentions=mentions,
        entities=entities,
        relations=relations,
        events=events,
        incidents=incidents,
        extractor=EXTRACTOR_NAME,
        extractor_version=extractor_version(),
        model=model,
    )


def _with_references(
    mentions: list[Mention], entities: list[Entity], references: list[Mention]
) -> tuple[list[Mention], list[Entity]]:
    """All mentions in text order, with each entity's mention indices renumbered."""
    combined = sorted(mentions + references, key=lambda m: (m.start, m.end))
    by_entity: dict[str, list[int]] = {}
    for index, mention in enumerate(combined):
        if mention.entity is not None:
            by_entity.setdefault(mention.entity, []).append(index)
    for entity in entities:
        entity.mentions = by_entity.get(entity.id, [])
    return combined, entities


def extract_articles(
    articles: Iterable[Article], nlp: Language, *, batch_size: int = 16
) -> Iterator[Extraction]:
    """Extract from many articles, parsing them in batches with `nlp.pipe`."""
    pairs = ((article.text, article) for article in articles)
    model = model_label(nlp)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield extraction_from_doc(article, doc, nlp, model=model)
