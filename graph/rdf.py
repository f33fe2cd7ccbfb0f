"""An `Extraction` as quads in the article's own named graph, every fact tied to its text span."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from rdflib.namespace import OWL, PROV, RDF, XSD

from extract.extraction import Entity, Extraction, Incident
from graph.nquads import QuadWriter, decimal, integer, iri, literal
from graph.ontology import incident_types, relation_properties
from graph.vocab import ENTITY_CLASSES, GAF, GEONAMES, NG, NIF, SDO, SEM, WGS84, IRIs

_DATETIME = str(XSD.dateTime)
_DATE = str(XSD.date)
_NON_NEGATIVE = str(XSD.nonNegativeInteger)


@dataclass(frozen=True)
class ArticleGraph:
    """The N-Quads of one article, ready for a store, and the graph they belong to."""

    article_id: str
    graph_iri: str
    article_iri: str
    content_hash: str
    nquads: str
    ntriples: str
    quad_count: int


def _index(value: int) -> str:
    return literal(str(value), datatype=_NON_NEGATIVE)


_SUBTYPE_CLASSES = {"country": SDO.Country, "city": SDO.City, "continent": SDO.Continent}


def _entity_details(out: QuadWriter, entity_iri: str, entity: Entity) -> None:
    """Subtype, title, descriptions, gazetteer links and coordinates of an entity."""
    if entity.subtype:
        out.add(entity_iri, str(NG.subtype), literal(entity.subtype))
        if entity.subtype in _SUBTYPE_CLASSES and entity.type == "place":
            out.add_iri(entity_iri, str(RDF.type), str(_SUBTYPE_CLASSES[entity.subtype]))
    title = entity.properties.get("title")
    if isinstance(title, str):
        out.add(entity_iri, str(SDO.honorificPrefix), literal(title))
    for description in entity.properties.get("description", []):
        out.add(entity_iri, str(SDO.description), literal(str(description)))
    geonames = entity.links.get("geonames")
    if geonames:
        out.add_iri(entity_iri, str(OWL.sameAs), GEONAMES.format(id=geonames))
    for key, prop in (("latitude", WGS84.lat), ("longitude", WGS84.long)):
        value = entity.properties.get(key)
        if isinstance(value, int | float):
            out.add(entity_iri, str(prop), decimal(float(value)))
    code = entity.properties.get("country_code")
    if isinstance(code, str):
        out.add(entity_iri, str(SDO.addressCountry), literal(code))


_TIME_TYPES = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}
_ROLE_PLACES = {"place", "origin", "destination"}


def _span(
    out: QuadWriter, iris: IRIs, extraction: Extraction, context: str, start: int, end: int
) -> str:
    """A NIF string for a stretch of the article, written once."""
    article = extraction.article
    span = iris.span(article.id, start, end)
    out.add_iri(span, str(RDF.type), str(NIF.String))
    out.add(span, str(NIF.beginIndex), _index(start))
    out.add(span, str(NIF.endIndex), _index(end))
    out.add(span, str(NIF.anchorOf), literal(article.text[start:end]))
    out.add_iri(span, str(NIF.referenceContext), context)
    return span


def _incident(
    out: QuadWriter, iris: IRIs, extraction: Extraction, incident: Incident, context: str
) -> None:
    """An incident as a SEM event: type, roles, place, site, time, counts, modality, source."""
    article = extraction.article
    node = iris.incident(article.id, incident.id)
    rdf_type = str(RDF.type)
    concept = incident_types().get(incident.type)
    if concept is None:
        raise ValueError(f"incident type {incident.type!r} is not in the taxonomy")
    out.add_iri(node, rdf_type, str(SEM.Event))
    out.add_iri(node, rdf_type, str(SDO.Event))
    out.add_iri(node, str(SEM.eventType), concept)
    out.add(node, str(NG.modality), literal(incident.modality))
    out.add(node, str(NG.confidence), decimal(incident.confidence))
    out.add_iri(node, str(PROV.wasDerivedFrom), iris.article(article.id))
    out.add_iri(node, str(SDO.subjectOf), iris.article(article.id))
    for index in incident.mentions:
        trigger = extraction.events[index].trigger
        out.add_iri(
            node,
            str(GAF.denotedBy),
            _span(out, iris, extraction, context, trigger.start, trigger.end),
        )
    for argument in incident.arguments:
        if argument.role == "time":
            continue
        if argument.entity is not None:
            target = iris.entity(argument.entity)
        elif argument.role in _ROLE_PLACES:
            continue  # a site: written as ng:site below
        else:
            # A participant the text describes but does not name: "More than 30 Lebanese soldiers".
            target = f"{node}/participant/{argument.start}-{argument.end}"
            out.add_iri(target, rdf_type, str(SEM.Actor))
            out.add(target, str(SDO.name), literal(argument.text))
            out.add_iri(
                target,
                str(GAF.denotedBy),
                _span(out, iris, extraction, context, argument.start, argument.end),
            )
        prop = SEM.hasPlace if argument.role == "place" else NG[argument.role]
        out.add_iri(node, str(prop), target)
        # The SEM super-property too, so generic SEM queries find every role without inference.
        generic = SEM.hasPlace if argument.role in _ROLE_PLACES else SEM.hasActor
        out.add_iri(node, str(generic), target)
    if incident.place:
        out.add_iri(node, str(SEM.hasPlace), iris.entity(incident.place))
    if incident.site is not None:
        out.add(node, str(NG.site), literal(incident.site.text))
    time = incident.time
    if time is not None:
        out.add(node, str(NG.timeText), literal(time.text))
        if time.precision:
            out.add(node, str(NG.timePrecision), literal(time.precision))
        if time.value and time.precision in _TIME_TYPES:
            out.add(
                node,
                str(SEM.hasTimeStamp),
                literal(time.value, datatype=str(_TIME_TYPES[time.precision])),
            )
        if time.begin:
            out.add(node, str(SEM.hasBeginTimeStamp), literal(time.begin, datatype=str(XSD.date)))
        if time.end_date:
            out.add(node, str(SEM.hasEndTimeStamp), literal(time.end_date, datatype=str(XSD.date)))
    for number, count in enumerate(incident.counts):
        count_node = f"{node}/count/{number}"
        out.add_iri(node, str(NG.hasCount), count_node)
        out.add_iri(count_node, rdf_type, str(NG.Count))
        out.add(count_node, str(NG.countOf), literal(count.role))
        out.add(count_node, str(NG.quantity), integer(count.value))
        out.add(count_node, str(NG.qualifier), literal(count.qualifier))
        out.add_iri(
            count_node,
            str(GAF.denotedBy),
            _span(out, iris, extraction, context, count.start, count.end),
        )
    source = incident.attribution
    if source is not None:
        if source.entity is not None:
            agent = iris.entity(source.entity)
        else:
            agent = f"{node}/source"
            out.add_iri(agent, rdf_type, str(PROV.Agent))
            out.add(agent, str(SDO.name), literal(source.text))
        out.add_iri(
            agent,
            str(GAF.denotedBy),
            _span(out, iris, extraction, context, source.start, source.end),
        )
        out.add_iri(node, str(PROV.wasAttributedTo), agent)


def extraction_to_quads(
    extraction: Extraction, iris: IRIs, *, generated_at: datetime | None = None
) -> ArticleGraph:
    """Everything derived from one article, in one named graph."""
    article = extraction.article
    graph_iri = iris.graph(article.id)
    article_iri = iris.article(article.id)
    out = QuadWriter(graph_iri)
    rdf_type = str(RDF.type)
    when = (generated_at or datetime.now(UTC)).isoformat(timespec="seconds")

    # The article, its text as a NIF context, and how this graph came to be.
    out.add_iri(article_iri, rdf_type, str(SDO.NewsArticle))
    out.add(article_iri, str(SDO.identifier), literal(article.id))
    out.add(article_iri, str(NG.contentHash), literal(article.content_hash))
    out.add(article_iri, str(SDO.inLanguage), literal(article.language))
    if article.title:
        out.add(article_iri, str(SDO.headline), literal(article.title))
    if article.url:
        out.add(article_iri, str(SDO.url), literal(article.url, datatype=str(XSD.anyURI)))
    if article.published:
        out.add(
            article_iri,
            str(SDO.datePublished),
            literal(article.published.isoformat(), datatype=_DATE),
        )
    context = iris.span(article.id, 0, len(article.text))
    out.add_iri(context, rdf_type, str(NIF.Context))
    out.add(context, str(NIF.isString), literal(article.text))
    out.add(context, str(NIF.beginIndex), _index(0))
    out.add(context, str(NIF.endIndex), _index(len(article.text)))
    out.add_iri(context, str(NIF.sourceUrl), article_iri)
    out.add_iri(article_iri, str(NG.text), context)

    activity = iris.activity(article.id, article.content_hash)
    agent = iris.agent(extraction.extractor, extraction.extractor_version)
    out.add_iri(activity, rdf_type, str(PROV.Activity))
    out.add_iri(activity, str(PROV.used), article_iri)
    out.add_iri(activity, str(PROV.wasAssociatedWith), agent)
    out.add(activity, str(PROV.endedAtTime), literal(when, datatype=_DATETIME))
    out.add_iri(agent, rdf_type, str(PROV.SoftwareAgent))
    out.add(agent, str(SDO.name), literal(extraction.extractor))
    out.add(agent, str(SDO.softwareVersion), literal(extraction.extractor_version))
    if extraction.model:
        out.add(agent, str(NG.model), literal(extraction.model))
    out.add_iri(graph_iri, str(PROV.wasDerivedFrom), article_iri)
    out.add_iri(graph_iri, str(PROV.wasGeneratedBy), activity)
    out.add(graph_iri, str(PROV.generatedAtTime), literal(when, datatype=_DATETIME))

    sentence_iris = []
    for sentence in extraction.sentences:
        sentence_iri = iris.span(article.id, sentence.start, sentence.end)
        sentence_iris.append(sentence_iri)
        out.add_iri(sentence_iri, rdf_type, str(NIF.Sentence))
        out.add(sentence_iri, str(NIF.beginIndex), _index(sentence.start))
        out.add(sentence_iri, str(NIF.endIndex), _index(sentence.end))
        out.add_iri(sentence_iri, str(NIF.referenceContext), context)

    for mention in extraction.mentions:
        mention_iri = iris.span(article.id, mention.start, mention.end)
        out.add_iri(mention_iri, rdf_type, str(NIF.String))
        out.add(mention_iri, str(NIF.beginIndex), _index(mention.start))
        out.add(mention_iri, str(NIF.endIndex), _index(mention.end))
        out.add(mention_iri, str(NIF.anchorOf), literal(mention.text))
        out.add_iri(mention_iri, str(NIF.referenceContext), context)
        out.add(mention_iri, str(NG.mentionKind), literal(mention.kind))
        out.add(mention_iri, str(NG.confidence), decimal(mention.confidence))
        if sentence_iris and 0 <= mention.sentence < len(sentence_iris):
            out.add_iri(mention_iri, str(NIF.sentence), sentence_iris[mention.sentence])

    for entity in extraction.entities:
        entity_iri = iris.entity(entity.id)
        out.add_iri(entity_iri, rdf_type, str(ENTITY_CLASSES[entity.type]))
        out.add(entity_iri, str(SDO.name), literal(entity.name))
        out.add(entity_iri, str(NG.resolutionKey), literal(entity.id))
        for alternate in entity.alternate_names:
            out.add(entity_iri, str(SDO.alternateName), literal(alternate))
        for index in entity.mentions:
            mention = extraction.mentions[index]
            out.add_iri(
                entity_iri, str(GAF.denotedBy), iris.span(article.id, mention.start, mention.end)
            )
        out.add_iri(entity_iri, str(SDO.subjectOf), article_iri)
        out.add_iri(article_iri, str(SDO.mentions), entity_iri)
        _entity_details(out, entity_iri, entity)

    relation_iris = relation_properties()
    for relation in extraction.relations:
        prop = relation_iris.get(relation.type)
        if prop is None:
            raise ValueError(
                f"relation type {relation.type!r} is not declared in the ontology; "
                f"known: {', '.join(sorted(relation_iris))}"
            )
        subject, obj = iris.entity(relation.subject), iris.entity(relation.object)
        span = _span(out, iris, extraction, context, relation.start, relation.end)
        # The plain triple is what queries use; the statement says why the graph holds it.
        out.add_iri(subject, prop, obj)
        statement = iris.statement(
            article.id,
            relation.type,
            relation.subject,
            relation.object,
            relation.start,
            relation.end,
        )
        out.add_iri(statement, rdf_type, str(NG.RelationStatement))
        out.add_iri(statement, rdf_type, str(RDF.Statement))
        out.add_iri(statement, str(RDF.subject), subject)
        out.add_iri(statement, str(RDF.predicate), prop)
        out.add_iri(statement, str(RDF.object), obj)
        out.add_iri(statement, str(GAF.denotedBy), span)
        out.add_iri(statement, str(PROV.wasDerivedFrom), article_iri)
        out.add(statement, str(NG.confidence), decimal(relation.confidence))

    for incident in extraction.incidents:
        _incident(out, iris, extraction, incident, context)

    return ArticleGraph(
        article_id=article.id,
        graph_iri=graph_iri,
        article_iri=article_iri,
        content_hash=article.content_hash,
        nquads=out.nquads(),
        ntriples=out.ntriples(),
        quad_count=len(out),
    )


__all__ = ["ArticleGraph", "extraction_to_quads", "iri"]
