"""SPARQL results for HTTP: which serialization a client asked for, and a row cap that answers
a result whole or refuses it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from itertools import islice

import pyoxigraph as ox

RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}
FORMAT_ALIASES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "ntriples": "application/n-triples",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}


def _accepted(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        quality = 1.0
        for field in fields[1:]:
            if field.startswith("q="):
                try:
                    quality = float(field[2:])
                except ValueError:
                    quality = 0.0
        ranges.append((fields[0].lower(), quality))
    return sorted(ranges, key=lambda item: -item[1])


def negotiate(accept: str | None, offered: list[str], default: str) -> str | None:
    """The offered media type the Accept header prefers; `default` for none or `*/*`."""
    if not accept:
        return default
    for media_range, quality in _accepted(accept):
        if quality <= 0:
            continue
        if media_range in ("*/*", "*"):
            return default
        if media_range.endswith("/*"):
            prefix = media_range[:-1]
            for offer in offered:
                if offer.startswith(prefix):
                    return offer
        elif media_range in offered:
            return media_range
    return None


class TooManyRows(ValueError):
    """A result over the endpoint's row cap; the message says what to do."""


def _term_json(term: object) -> dict[str, object]:
    """One RDF term in the SPARQL 1.1 JSON results format."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        encoded: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            encoded["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            encoded["datatype"] = term.datatype.value
        return encoded
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _term_json(term.subject),
                "predicate": _term_json(term.predicate),
                "object": _term_json(term.object),
            },
        }
    raise TypeError(f"not an RDF term: {term!r}")


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _too_many(cap: int, what: str) -> TooManyRows:
    return TooManyRows(
        f"the result has more than {cap:,} {what}, this endpoint's cap: "
        "add a LIMIT (and OFFSET to page) or narrow the query"
    )


def serialize_solutions(
    solutions: ox.QuerySolutions, format: ox.QueryResultsFormat, cap: int
) -> bytes:
    """SELECT results in `format`, or `TooManyRows` past `cap` rows: a result is answered
    whole or not at all, and reading stops at the first row over the cap."""
    names = [variable.value for variable in solutions.variables]
    bindings = []
    for count, solution in enumerate(solutions, 1):
        if count > cap:
            raise _too_many(cap, "rows")
        row = {}
        for name in names:
            value = solution[name]
            if value is not None:
                row[name] = _term_json(value)
        bindings.append(row)
    body = json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}).encode()
    if format == ox.QueryResultsFormat.JSON:
        return body
    reparsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    return reparsed.serialize(format=format) or b""


def capped_triples(triples: Iterable[ox.Triple], cap: int) -> list[ox.Triple]:
    """The triples of a CONSTRUCT or DESCRIBE, or `TooManyRows` past `cap` triples."""
    kept = list(islice(triples, cap + 1))
    if len(kept) > cap:
        raise _too_many(cap, "triples")
    return kept
