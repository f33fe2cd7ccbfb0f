"""SPARQL results for HTTP: which serialization a client asked for, and a row cap that answers
a result whole or refuses it."""

from __future__ import annotations

import io
from collections.abc import Iterable
from itertools import islice
from typing import Any

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


def _too_many(cap: int, what: str) -> TooManyRows:
    return TooManyRows(
        f"the result has more than {cap:,} {what}, this endpoint's cap: "
        "add a LIMIT (and OFFSET to page) or narrow the query"
    )


class _RowCounter(io.BytesIO):
    """A buffer for TSV results that stops past `cap` rows: TSV has one line per row
    (newlines in literals are escaped) after one header line."""

    def __init__(self, cap: int) -> None:
        super().__init__()
        self.cap = cap
        self.lines = 0

    def write(self, chunk: Any) -> int:
        self.lines += bytes(chunk).count(b"\n")
        if self.lines > self.cap + 1:
            raise _too_many(self.cap, "rows")
        return super().write(chunk)


def serialize_solutions(
    solutions: ox.QuerySolutions, format: ox.QueryResultsFormat, cap: int
) -> bytes:
    """SELECT results in `format`, or `TooManyRows` past `cap` rows: a result is answered
    whole or not at all, and reading stops soon after the cap.

    The rows are counted on the engine's own TSV writing, then read back into `format`: all
    in Rust, about three times the cost of writing `format` directly and no Python per row.
    """
    counter = _RowCounter(cap)
    solutions.serialize(counter, format=ox.QueryResultsFormat.TSV)
    tsv = counter.getvalue()
    if format == ox.QueryResultsFormat.TSV:
        return tsv
    rows = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
    return rows.serialize(format=format) or b""


def capped_triples(triples: Iterable[ox.Triple], cap: int) -> list[ox.Triple]:
    """The triples of a CONSTRUCT or DESCRIBE, or `TooManyRows` past `cap` triples."""
    kept = list(islice(triples, cap + 1))
    if len(kept) > cap:
        raise _too_many(cap, "triples")
    return kept
