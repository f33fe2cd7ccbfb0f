"""An `Extraction` as quads in the article's own named graph, every fact tied to its text span."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from urllib.parse import urlsplit

from rdflib.namespace import OWL, PROV, RDF, XSD

from newsgraph.extract.article import Article
from newsgraph.extract.extraction import Entity, Extraction, Incident
from newsgraph.graph.nquads import QuadWriter, decimal, integer, iri, literal, without_graph
from newsgraph.graph.ontology import incident_types, relation_properties
from newsgraph.graph.vocab import ENTITY_CLASSES, GAF, GEONAMES, NG, NIF, SDO, SEM, WGS84, IRIs

# The vocabulary's IRIs as plain strings, made once: rdflib builds a new term on every
# attribute access.
_GAF_DENOTED_BY = str(GAF.denotedBy)
_NG_CONFIDENCE = str(NG.confidence)
_NG_CONTENT_HASH = str(NG.contentHash)
_NG_COUNT = str(NG.Count)
_NG_COUNT_OF = str(NG.countOf)
_NG_HAS_COUNT = str(NG.hasCount)
_NG_MENTION_KIND = str(NG.mentionKind)
_NG_MODALITY = str(NG.modality)
_NG_MODEL = str(NG.model)
_NG_PLACE = str(NG.place)
_NG_QUALIFIER = str(NG.qualifier)
_NG_QUANTITY = str(NG.quantity)
_NG_RELATION_STATEMENT = str(NG.RelationStatement)
_NG_RESOLUTION_KEY = str(NG.resolutionKey)
_NG_SITE = str(NG.site)
_NG_HEAD_WORD = str(NG.headWord)
_NG_SUBTYPE = str(NG.subtype)
_NG_TEXT = str(NG.text)
_NG_TIME_PRECISION = str(NG.timePrecision)
_NG_TIME_TEXT = str(NG.timeText)
_NIF_ANCHOR_OF = str(NIF.anchorOf)
_NIF_BEGIN_INDEX = str(NIF.beginIndex)
_NIF_CONTEXT = str(NIF.Context)
_NIF_END_INDEX = str(NIF.endIndex)
_NIF_IS_STRING = str(NIF.isString)
_NIF_REFERENCE_CONTEXT = str(NIF.referenceContext)
_NIF_SENTENCE = str(NIF.sentence)
_NIF_SENTENCE_CLASS = str(NIF.Sentence)
_NIF_SOURCE_URL = str(NIF.sourceUrl)
_NIF_STRING = str(NIF.String)
_OWL_SAME_AS = str(OWL.sameAs)
_PROV_ACTIVITY = str(PROV.Activity)
_PROV_AGENT = str(PROV.Agent)
_PROV_ENDED_AT_TIME = str(PROV.endedAtTime)
_PROV_GENERATED_AT_TIME = str(PROV.generatedAtTime)
_PROV_SOFTWARE_AGENT = str(PROV.SoftwareAgent)
_PROV_USED = str(PROV.used)
_PROV_WAS_ASSOCIATED_WITH = str(PROV.wasAssociatedWith)
_PROV_WAS_ATTRIBUTED_TO = str(PROV.wasAttributedTo)
_PROV_WAS_DERIVED_FROM = str(PROV.wasDerivedFrom)
_PROV_WAS_GENERATED_BY = str(PROV.wasGeneratedBy)
_RDF_OBJECT = str(RDF.object)
_RDF_PREDICATE = str(RDF.predicate)
_RDF_STATEMENT = str(RDF.Statement)
_RDF_SUBJECT = str(RDF.subject)
_RDF_TYPE = str(RDF.type)
_SDO_ADDRESS_COUNTRY = str(SDO.addressCountry)
_SDO_ALTERNATE_NAME = str(SDO.alternateName)
_SDO_AUTHOR = str(SDO.author)
_SDO_DATE_PUBLISHED = str(SDO.datePublished)
_SDO_DESCRIPTION = str(SDO.description)
_SDO_EVENT = str(SDO.Event)
_SDO_HEADLINE = str(SDO.headline)
_SDO_HONORIFIC_PREFIX = str(SDO.honorificPrefix)
_SDO_IDENTIFIER = str(SDO.identifier)
_SDO_IN_LANGUAGE = str(SDO.inLanguage)
_SDO_MENTIONS = str(SDO.mentions)
_SDO_NAME = str(SDO.name)
_SDO_NEWS_ARTICLE = str(SDO.NewsArticle)
_SDO_ORGANIZATION = str(SDO.Organization)
_SDO_PERSON = str(SDO.Person)
_SDO_PUBLISHER = str(SDO.publisher)
_SDO_SOFTWARE_VERSION = str(SDO.softwareVersion)
_SDO_SUBJECT_OF = str(SDO.subjectOf)
_SDO_URL = str(SDO.url)
_SEM_ACTOR = str(SEM.Actor)
_SEM_EVENT = str(SEM.Event)
_SEM_EVENT_TYPE = str(SEM.eventType)
_SEM_HAS_BEGIN_TIME_STAMP = str(SEM.hasBeginTimeStamp)
_SEM_HAS_END_TIME_STAMP = str(SEM.hasEndTimeStamp)
_SEM_HAS_PLACE = str(SEM.hasPlace)
_SEM_HAS_TIME_STAMP = str(SEM.hasTimeStamp)
_XSD_ANY_URI = str(XSD.anyURI)
_XSD_DATE = str(XSD.date)
_XSD_DATE_TIME = str(XSD.dateTime)
_XSD_NON_NEGATIVE_INTEGER = str(XSD.nonNegativeInteger)
_DATETIME = _XSD_DATE_TIME
_DATE = _XSD_DATE
_NON_NEGATIVE = _XSD_NON_NEGATIVE_INTEGER
_WGS84_LAT = str(WGS84.lat)
_WGS84_LONG = str(WGS84.long)
_ENTITY_CLASS_IRIS = {entity_type: str(cls) for entity_type, cls in ENTITY_CLASSES.items()}


@cache
def _role_property(role: str) -> str:
    """The property of an incident role: sem:hasPlace for a place, ng:<role> otherwise."""
    return _SEM_HAS_PLACE if role == "place" else str(NG[role])


@cache
def _generic_role_property(role: str) -> str:
    """The SEM super-property of a role: sem:hasPlace for places, sem:hasActor for actors."""
    return _SEM_HAS_PLACE if role in _ROLE_PLACES else str(SEM.hasActor)


@dataclass(frozen=True)
class ArticleGraph:
    """The N-Quads of one article, ready for a store, and the graph they belong to."""

    article_id: str
    graph_iri: str
    article_iri: str
    content_hash: str
    nquads: str
    quad_count: int

    @property
    def ntriples(self) -> str:
        """The same statements without their graph, for SPARQL `INSERT DATA`: made when a
        store needs them (replacing an article), not shipped from workers with every graph."""
        return without_graph(self.nquads, iri(self.graph_iri))


def _index(value: int) -> str:
    return literal(str(value), datatype=_NON_NEGATIVE)


_SUBTYPE_CLASSES = {
    "country": str(SDO.Country),
    "city": str(SDO.City),
    "continent": str(SDO.Continent),
}


def _entity_details(out: QuadWriter, entity_iri: str, entity: Entity) -> None:
    """Subtype, title, descriptions, gazetteer links and coordinates of an entity."""
    if entity.subtype:
        out.add(entity_iri, _NG_SUBTYPE, literal(entity.subtype))
        if entity.subtype in _SUBTYPE_CLASSES and entity.type == "place":
            out.add_iri(entity_iri, _RDF_TYPE, _SUBTYPE_CLASSES[entity.subtype])
    title = entity.properties.get("title")
    if isinstance(title, str):
        out.add(entity_iri, _SDO_HONORIFIC_PREFIX, literal(title))
    for description in entity.properties.get("description", []):
        out.add(entity_iri, _SDO_DESCRIPTION, literal(str(description)))
    geonames = entity.links.get("geonames")
    if geonames:
        out.add_iri(entity_iri, _OWL_SAME_AS, GEONAMES.format(id=geonames))
    for key, prop in (("latitude", _WGS84_LAT), ("longitude", _WGS84_LONG)):
        value = entity.properties.get(key)
        if isinstance(value, int | float):
            out.add(entity_iri, prop, decimal(float(value)))
    code = entity.properties.get("country_code")
    if isinstance(code, str):
        out.add(entity_iri, _SDO_ADDRESS_COUNTRY, literal(code))


_TIME_TYPES = {"day": _XSD_DATE, "month": str(XSD.gYearMonth), "year": str(XSD.gYear)}
_ROLE_PLACES = {"place", "origin", "destination"}


def _byline_and_outlet(out: QuadWriter, iris: IRIs, article: Article, article_iri: str) -> None:
    """schema:author for each name of the byline; schema:publisher, the outlet, one node per
    site (by host name) shared by all its articles, so that incidents can be traced to the
    outlets that report them. Neither has a resolution key: they are not extracted entities."""
    if article.byline:
        names = [name.strip() for name in article.byline.split(";") if name.strip()]
        for number, name in enumerate(names):
            author = f"{article_iri}/author/{number}"
            out.add_iri(article_iri, _SDO_AUTHOR, author)
            out.add_iri(author, _RDF_TYPE, _SDO_PERSON)
            out.add(author, _SDO_NAME, literal(name))
    host = urlsplit(article.url).hostname if article.url else None
    key = host.removeprefix("www.") if host else article.publisher
    if key and (article.publisher or article.url):
        outlet = iris.outlet(key)
        out.add_iri(article_iri, _SDO_PUBLISHER, outlet)
        out.add_iri(outlet, _RDF_TYPE, _SDO_ORGANIZATION)
        out.add(outlet, _SDO_NAME, literal(article.publisher or key))
        if host and article.url:
            site = f"{urlsplit(article.url).scheme}://{host}/"
            out.add(outlet, _SDO_URL, literal(site, datatype=_XSD_ANY_URI))


def _span(
    out: QuadWriter, iris: IRIs, extraction: Extraction, context: str, start: int, end: int
) -> str:
    """A NIF string for a stretch of the article, written once."""
    article = extraction.article
    span = iris.span(article.id, start, end)
    out.add_iri(span, _RDF_TYPE, _NIF_STRING)
    out.add(span, _NIF_BEGIN_INDEX, _index(start))
    out.add(span, _NIF_END_INDEX, _index(end))
    out.add(span, _NIF_ANCHOR_OF, literal(article.text[start:end]))
    out.add_iri(span, _NIF_REFERENCE_CONTEXT, context)
    return span


def _incident(
    out: QuadWriter, iris: IRIs, extraction: Extraction, incident: Incident, context: str
) -> None:
    """An incident as a SEM event: type, roles, place, site, time, counts, modality, source."""
    article = extraction.article
    node = iris.incident(article.id, incident.id)
    rdf_type = _RDF_TYPE
    concept = incident_types().get(incident.type)
    if concept is None:
        raise ValueError(f"incident type {incident.type!r} is not in the taxonomy")
    out.add_iri(node, rdf_type, _SEM_EVENT)
    out.add_iri(node, rdf_type, _SDO_EVENT)
    out.add_iri(node, _SEM_EVENT_TYPE, concept)
    out.add(node, _NG_MODALITY, literal(incident.modality))
    out.add(node, _NG_CONFIDENCE, decimal(incident.confidence))
    out.add_iri(node, _PROV_WAS_DERIVED_FROM, iris.article(article.id))
    out.add_iri(node, _SDO_SUBJECT_OF, iris.article(article.id))
    for index in incident.mentions:
        trigger = extraction.events[index].trigger
        out.add_iri(
            node,
            _GAF_DENOTED_BY,
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
            out.add_iri(target, rdf_type, _SEM_ACTOR)
            out.add(target, _SDO_NAME, literal(argument.text))
            if argument.head is not None:
                out.add(target, _NG_HEAD_WORD, literal(argument.head.text))
            out.add_iri(
                target,
                _GAF_DENOTED_BY,
                _span(out, iris, extraction, context, argument.start, argument.end),
            )
        out.add_iri(node, _role_property(argument.role), target)
        # The SEM super-property too, so generic SEM queries find every role without inference.
        out.add_iri(node, _generic_role_property(argument.role), target)
    if incident.place:
        # The place it happened in, apart from every other place it names (sem:hasPlace,
        # origins and destinations among them), so that readers need not guess which it is.
        place = iris.entity(incident.place)
        out.add_iri(node, _NG_PLACE, place)
        out.add_iri(node, _SEM_HAS_PLACE, place)
    if incident.site is not None:
        out.add(node, _NG_SITE, literal(incident.site.text))
    time = incident.time
    if time is not None:
        out.add(node, _NG_TIME_TEXT, literal(time.text))
        if time.precision:
            out.add(node, _NG_TIME_PRECISION, literal(time.precision))
        if time.value and time.precision in _TIME_TYPES:
            out.add(
                node,
                _SEM_HAS_TIME_STAMP,
                literal(time.value, datatype=_TIME_TYPES[time.precision]),
            )
        if time.begin:
            out.add(node, _SEM_HAS_BEGIN_TIME_STAMP, literal(time.begin, datatype=_XSD_DATE))
        if time.end_date:
            out.add(node, _SEM_HAS_END_TIME_STAMP, literal(time.end_date, datatype=_XSD_DATE))
    for number, count in enumerate(incident.counts):
        count_node = f"{node}/count/{number}"
        out.add_iri(node, _NG_HAS_COUNT, count_node)
        out.add_iri(count_node, rdf_type, _NG_COUNT)
        out.add(count_node, _NG_COUNT_OF, literal(count.role))
        out.add(count_node, _NG_QUANTITY, integer(count.value))
        out.add(count_node, _NG_QUALIFIER, literal(count.qualifier))
        out.add_iri(
            count_node,
            _GAF_DENOTED_BY,
            _span(out, iris, extraction, context, count.start, count.end),
        )
    source = incident.attribution
    if source is not None:
        if source.entity is not None:
            agent = iris.entity(source.entity)
        else:
            agent = f"{node}/source"
            out.add_iri(agent, rdf_type, _PROV_AGENT)
            out.add(agent, _SDO_NAME, literal(source.text))
        out.add_iri(
            agent,
            _GAF_DENOTED_BY,
            _span(out, iris, extraction, context, source.start, source.end),
        )
        out.add_iri(node, _PROV_WAS_ATTRIBUTED_TO, agent)


def extraction_to_quads(
    extraction: Extraction, iris: IRIs, *, generated_at: datetime | None = None
) -> ArticleGraph:
    """Everything derived from one article, in one named graph."""
    article = extraction.article
    graph_iri = iris.graph(article.id)
    article_iri = iris.article(article.id)
    out = QuadWriter(graph_iri)
    rdf_type = _RDF_TYPE
    when = (generated_at or datetime.now(UTC)).isoformat(timespec="seconds")

    # The article, its text as a NIF context, and how this graph came to be.
    out.add_iri(article_iri, rdf_type, _SDO_NEWS_ARTICLE)
    out.add(article_iri, _SDO_IDENTIFIER, literal(article.id))
    out.add(article_iri, _NG_CONTENT_HASH, literal(article.content_hash))
    out.add(article_iri, _SDO_IN_LANGUAGE, literal(article.language))
    if article.title:
        out.add(article_iri, _SDO_HEADLINE, literal(article.title))
    if article.url:
        out.add(article_iri, _SDO_URL, literal(article.url, datatype=_XSD_ANY_URI))
    if article.published:
        out.add(
            article_iri,
            _SDO_DATE_PUBLISHED,
            literal(article.published.isoformat(), datatype=_DATE),
        )
    if article.byline or article.publisher:
        _byline_and_outlet(out, iris, article, article_iri)
    context = iris.span(article.id, 0, len(article.text))
    out.add_iri(context, rdf_type, _NIF_CONTEXT)
    out.add(context, _NIF_IS_STRING, literal(article.text))
    out.add(context, _NIF_BEGIN_INDEX, _index(0))
    out.add(context, _NIF_END_INDEX, _index(len(article.text)))
    out.add_iri(context, _NIF_SOURCE_URL, article_iri)
    out.add_iri(article_iri, _NG_TEXT, context)

    activity = iris.activity(article.id, article.content_hash)
    agent = iris.agent(extraction.extractor, extraction.extractor_version)
    out.add_iri(activity, rdf_type, _PROV_ACTIVITY)
    out.add_iri(activity, _PROV_USED, article_iri)
    out.add_iri(activity, _PROV_WAS_ASSOCIATED_WITH, agent)
    out.add(activity, _PROV_ENDED_AT_TIME, literal(when, datatype=_DATETIME))
    out.add_iri(agent, rdf_type, _PROV_SOFTWARE_AGENT)
    out.add(agent, _SDO_NAME, literal(extraction.extractor))
    out.add(agent, _SDO_SOFTWARE_VERSION, literal(extraction.extractor_version))
    if extraction.model:
        out.add(agent, _NG_MODEL, literal(extraction.model))
    out.add_iri(graph_iri, _PROV_WAS_DERIVED_FROM, article_iri)
    out.add_iri(graph_iri, _PROV_WAS_GENERATED_BY, activity)
    out.add(graph_iri, _PROV_GENERATED_AT_TIME, literal(when, datatype=_DATETIME))

    sentence_iris = []
    for sentence in extraction.sentences:
        sentence_iri = iris.span(article.id, sentence.start, sentence.end)
        sentence_iris.append(sentence_iri)
        out.add_iri(sentence_iri, rdf_type, _NIF_SENTENCE_CLASS)
        out.add(sentence_iri, _NIF_BEGIN_INDEX, _index(sentence.start))
        out.add(sentence_iri, _NIF_END_INDEX, _index(sentence.end))
        out.add_iri(sentence_iri, _NIF_REFERENCE_CONTEXT, context)

    for mention in extraction.mentions:
        mention_iri = iris.span(article.id, mention.start, mention.end)
        out.add_iri(mention_iri, rdf_type, _NIF_STRING)
        out.add(mention_iri, _NIF_BEGIN_INDEX, _index(mention.start))
        out.add(mention_iri, _NIF_END_INDEX, _index(mention.end))
        out.add(mention_iri, _NIF_ANCHOR_OF, literal(mention.text))
        out.add_iri(mention_iri, _NIF_REFERENCE_CONTEXT, context)
        out.add(mention_iri, _NG_MENTION_KIND, literal(mention.kind))
        out.add(mention_iri, _NG_CONFIDENCE, decimal(mention.confidence))
        if sentence_iris and 0 <= mention.sentence < len(sentence_iris):
            out.add_iri(mention_iri, _NIF_SENTENCE, sentence_iris[mention.sentence])

    for entity in extraction.entities:
        entity_iri = iris.entity(entity.id)
        out.add_iri(entity_iri, rdf_type, _ENTITY_CLASS_IRIS[entity.type])
        out.add(entity_iri, _SDO_NAME, literal(entity.name))
        out.add(entity_iri, _NG_RESOLUTION_KEY, literal(entity.id))
        for alternate in entity.alternate_names:
            out.add(entity_iri, _SDO_ALTERNATE_NAME, literal(alternate))
        for index in entity.mentions:
            mention = extraction.mentions[index]
            out.add_iri(
                entity_iri, _GAF_DENOTED_BY, iris.span(article.id, mention.start, mention.end)
            )
        out.add_iri(entity_iri, _SDO_SUBJECT_OF, article_iri)
        out.add_iri(article_iri, _SDO_MENTIONS, entity_iri)
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
        out.add_iri(statement, rdf_type, _NG_RELATION_STATEMENT)
        out.add_iri(statement, rdf_type, _RDF_STATEMENT)
        out.add_iri(statement, _RDF_SUBJECT, subject)
        out.add_iri(statement, _RDF_PREDICATE, prop)
        out.add_iri(statement, _RDF_OBJECT, obj)
        out.add_iri(statement, _GAF_DENOTED_BY, span)
        out.add_iri(statement, _PROV_WAS_DERIVED_FROM, article_iri)
        out.add(statement, _NG_CONFIDENCE, decimal(relation.confidence))

    for incident in extraction.incidents:
        _incident(out, iris, extraction, incident, context)

    return ArticleGraph(
        article_id=article.id,
        graph_iri=graph_iri,
        article_iri=article_iri,
        content_hash=article.content_hash,
        nquads=out.nquads(),
        quad_count=len(out),
    )


__all__ = ["ArticleGraph", "extraction_to_quads", "iri"]
