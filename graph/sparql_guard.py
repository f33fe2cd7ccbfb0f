"""Checks a SPARQL query must pass before any engine sees it: size, nesting, no network reach."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pyparsing import ParseException
from rdflib.plugins.sparql.algebra import translateQuery, translateUpdate, traverse
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

from graph.vocab import sparql_prologue


class UnsafeQueryError(ValueError):
    """The query is refused before execution; the message says why."""


@dataclass(frozen=True)
class QueryLimits:
    max_length: int = 100_000
    # pyoxigraph crashes the process near 2,500 nested groups and rdflib's parser recurses;
    # no real query needs more than a few dozen.
    max_nesting: int = 40


def _nesting_depth(text: str) -> int:
    """Deepest bracket nesting outside strings, IRIs and comments."""
    depth = deepest = 0
    index, length = 0, len(text)
    while index < length:
        ch = text[index]
        if ch == "#":
            newline = text.find("\n", index)
            index = length if newline < 0 else newline
            continue
        if ch in "\"'":
            quote = text[index : index + 3] if text[index : index + 3] in ('"""', "'''") else ch
            index += len(quote)
            while index < length and not text.startswith(quote, index):
                index += 2 if text[index] == "\\" else 1
            index += len(quote)
            continue
        if ch == "<":
            close = text.find(">", index)
            # '<' is also less-than; an IRI has no whitespace before its '>'.
            if close > 0 and not any(c.isspace() for c in text[index:close]):
                index = close + 1
                continue
        if ch in "({[":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in ")}]":
            depth -= 1
        index += 1
    return deepest


def _has_service(algebra: Any) -> bool:
    found = False

    def visit(node: Any) -> None:
        nonlocal found
        if getattr(node, "name", None) == "ServiceGraphPattern":
            found = True

    traverse(algebra, visitPost=visit)
    return found


def _parsed(kind: str, text: str, limits: QueryLimits | None, parse: Callable[[str], Any]) -> Any:
    """The rdflib algebra of a query or update, once its size and nesting are within limits."""
    limits = limits or QueryLimits()
    if len(text) > limits.max_length:
        raise UnsafeQueryError(
            f"{kind} is {len(text)} characters; the limit is {limits.max_length}"
        )
    depth = _nesting_depth(text)
    if depth > limits.max_nesting:
        raise UnsafeQueryError(
            f"{kind} nests {depth} levels deep; the limit is {limits.max_nesting}"
        )
    try:
        return parse(sparql_prologue() + text)
    except ParseException as error:
        raise UnsafeQueryError(f"SPARQL syntax error: {error}") from error
    except RecursionError as error:
        raise UnsafeQueryError(f"{kind} is nested too deeply to parse") from error
    except Exception as error:  # rdflib raises plain Exceptions for unknown prefixes and the like
        raise UnsafeQueryError(f"SPARQL error: {error}") from error


def check_query(text: str, limits: QueryLimits | None = None) -> None:
    """Raise `UnsafeQueryError` for queries too long, too deep, malformed or reaching out."""
    algebra = _parsed("query", text, limits, lambda q: translateQuery(parseQuery(q)))
    if _has_service(algebra.algebra):
        raise UnsafeQueryError("SERVICE is not allowed: this endpoint reaches no other server")


def check_update(text: str, limits: QueryLimits | None = None) -> None:
    """Raise `UnsafeQueryError` for updates too long, too deep, malformed, or reaching out:
    `LOAD` fetches a URL or reads a file, `SERVICE` calls another server."""
    parsed = _parsed("update", text, limits, lambda u: translateUpdate(parseUpdate(u)))
    for operation in parsed.algebra:
        if getattr(operation, "name", None) == "Load":
            raise UnsafeQueryError("LOAD is not allowed: this endpoint fetches nothing")
        if _has_service(operation):
            raise UnsafeQueryError("SERVICE is not allowed: this endpoint reaches no other server")
