"""Checks a SPARQL query must pass before any engine sees it: size, nesting, no network reach."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pyparsing import ParseException
from rdflib.paths import Path
from rdflib.plugins.sparql.algebra import translateQuery, translateUpdate, traverse
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

from newsgraph.graph.vocab import sparql_prologue


class UnsafeQueryError(ValueError):
    """The query is refused before execution; the message says why."""


@dataclass(frozen=True)
class QueryLimits:
    max_length: int = 100_000
    # Deep nesting crashes pyoxigraph and makes rdflib's parser recurse (BENCHMARKS.md, Query
    # limits); no real query needs more than a few dozen groups.
    max_nesting: int = 40
    # Oxigraph plans and evaluates long chains recursively and past its time limit: long runs
    # of OPTIONALs, joined triple patterns or path steps keep a core busy whatever
    # `--timeout-s` says, and long runs of `||` or `+` operands overflow its stack.
    max_patterns: int = 100
    max_operands: int = 500


_OPERATORS = frozenset("|&/+*=<>!^")


_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")


# What opens a comment, a string or an IRI: `opaque_end` is worth calling only on these.
OPAQUE_OPENERS = frozenset("#\"'<")


def opaque_end(text: str, index: int) -> int:
    """Where the comment, string or IRI that starts at `index` ends (its brackets, operators
    and keywords are no code), or -1 when none starts there. An unterminated one runs to the
    end of the text."""
    ch = text[index]
    if ch == "#":
        newline = text.find("\n", index)
        return len(text) if newline < 0 else newline
    if ch in "\"'":
        quote = text[index : index + 3] if text[index : index + 3] in ('"""', "'''") else ch
        end = index + len(quote)
        while end < len(text) and not text.startswith(quote, end):
            end += 2 if text[end] == "\\" else 1
        return min(len(text), end + len(quote))
    # '<' is also less-than; an IRI has no whitespace, quote or brace before its '>'.
    if ch == "<" and (iri := _IRI.match(text, index)):
        return iri.end()
    return -1


def _scan(text: str) -> tuple[int, int, str]:
    """Deepest bracket nesting, how many operator characters (`|&/+*=<>!^`) there are, and the
    text with its strings, IRIs and comments blanked out. Linear in the text."""
    depth = deepest = operators = 0
    code: list[str] = []
    index = copied = 0
    length = len(text)
    while index < length:
        ch = text[index]
        skip_to = opaque_end(text, index) if ch in OPAQUE_OPENERS else -1
        if skip_to >= 0:
            code.append(text[copied:index])
            code.append(" ")
            index = copied = skip_to
            continue
        if ch in "({[":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in ")}]":
            depth -= 1
        elif ch in _OPERATORS:
            operators += 1
        index += 1
    code.append(text[copied:])
    return deepest, operators, "".join(code)


# Words that are keywords where they stand alone (not in a variable or prefixed name).
_KEYWORDS = re.compile(
    r"(?<![\w?$:\\-])(SERVICE|LOAD|OPTIONAL|UNION|MINUS|GRAPH|FILTER|BIND|VALUES)(?![\w:-])",
    re.IGNORECASE,
)


# A query's opening once its IRIs are blanked: prologue declarations, then the query form.
_QUERY_FORM = re.compile(
    r"\s*(?:(?:BASE|PREFIX\s+[^\s:]*:)\s+)*(?:SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE
)


def _plainly_small(code: str, operators: int, limits: QueryLimits) -> bool:
    """Whether a query (strings, IRIs and comments blanked) is certainly within the limits
    and reaches nowhere, without parsing it: no SERVICE or LOAD keyword, no escapes, and an
    upper bound on its patterns, path steps and operands under the limits.

    Each triple pattern ends at a separator (`.` `;` `,`), a brace or a keyword; each path
    step and operand comes with an operator character. Queries that are not plainly small
    are parsed and counted exactly.
    """
    if "\\" in code:  # escapes outside strings: leave their reading to the exact check
        return False
    if not _QUERY_FORM.match(code):  # updates, several queries or none: parsed to say which
        return False
    keywords = [word.upper() for word in _KEYWORDS.findall(code)]
    if "SERVICE" in keywords or "LOAD" in keywords:
        return False
    bound = sum(code.count(c) for c in ".;,{") + len(keywords) + 2 * operators + 1
    return bound <= limits.max_patterns and 2 * operators + 2 <= limits.max_operands


def _has_service(algebra: Any) -> bool:
    found = False

    def visit(node: Any) -> None:
        nonlocal found
        if getattr(node, "name", None) == "ServiceGraphPattern":
            found = True

    traverse(algebra, visitPost=visit)
    return found


# rdflib's SPARQL parser (pyparsing) is not thread-safe: parsed at once in two threads, valid
# queries fail with errors such as "<lambda>() missing 1 required positional argument".
_PARSER_LOCK = threading.Lock()
_FROM = re.compile(r"\bFROM\b", re.IGNORECASE)
_CHAINS = frozenset(
    {
        "ConditionalOrExpression",
        "ConditionalAndExpression",
        "AdditiveExpression",
        "MultiplicativeExpression",
    }
)
_GROUPS = frozenset({"LeftJoin", "Minus", "Union", "Graph", "ServiceGraphPattern"})


def _path_steps(path: Any) -> int:
    """How many steps a property path has (its IRIs, each sequence, alternative, inverse…)."""
    steps, stack = 0, [path]
    while stack:
        node = stack.pop()
        steps += 1
        if isinstance(node, Path):
            stack.extend(getattr(node, "args", ()))
            for name in ("arg", "path"):
                if isinstance(getattr(node, name, None), Path):
                    stack.append(getattr(node, name))
    return steps


def _check_size(kind: str, algebra: Any, limits: QueryLimits) -> None:
    """Refuse queries with more patterns or expression operands than the engine can plan."""
    patterns = operands = 0

    def visit(node: Any) -> None:
        nonlocal patterns, operands
        name = getattr(node, "name", None)
        if name == "BGP":
            for _, predicate, _ in node.get("triples", ()):
                patterns += _path_steps(predicate) if isinstance(predicate, Path) else 1
        elif name in _GROUPS:
            patterns += 1
        elif name in _CHAINS:
            operands += 1 + len(node.get("other") or ())

    traverse(algebra, visitPost=visit)
    if patterns > limits.max_patterns:
        raise UnsafeQueryError(
            f"{kind} has {patterns} patterns and path steps; the limit is {limits.max_patterns}"
        )
    if operands > limits.max_operands:
        raise UnsafeQueryError(
            f"{kind} has {operands} operands in expressions; the limit is {limits.max_operands}"
        )


def query_dataset(text: str) -> tuple[list[str], list[str]] | None:
    """The graphs a query's own `FROM` and `FROM NAMED` clauses name, or None without any.

    The stores read a default graph as the union of the article graphs, which the engines
    would apply over the query's `FROM` too; they pass these as the dataset instead.
    """
    if not _FROM.search(text):
        return None
    try:
        with _PARSER_LOCK:
            parsed = translateQuery(parseQuery(sparql_prologue() + text))
    except Exception:  # not parseable here: the engine reports the error itself
        return None
    clauses = parsed.algebra.get("datasetClause") or []
    default = [str(c["default"]) for c in clauses if "default" in c]
    named = [str(c["named"]) for c in clauses if "named" in c]
    return (default, named) if default or named else None


def _prechecked(kind: str, text: str, limits: QueryLimits) -> tuple[int, str]:
    """Refuse what is too long, too deep or has too many operators to parse at all; give the
    operator count and the text with strings, IRIs and comments blanked."""
    if len(text) > limits.max_length:
        raise UnsafeQueryError(
            f"{kind} is {len(text)} characters; the limit is {limits.max_length}"
        )
    depth, operators, code = _scan(text)
    if depth > limits.max_nesting:
        raise UnsafeQueryError(
            f"{kind} nests {depth} levels deep; the limit is {limits.max_nesting}"
        )
    # Checked again on the parsed query; this bound keeps the parser from working for minutes
    # on a long chain of operators first.
    most = 2 * (limits.max_operands + limits.max_patterns)
    if operators > most:
        raise UnsafeQueryError(
            f"{kind} has {operators} operators (|&/+*=<>!^); the limit is {most}"
        )
    return operators, code


def _parsed(kind: str, text: str, parse: Callable[[str], Any]) -> Any:
    """The rdflib algebra of a query or update."""
    try:
        with _PARSER_LOCK:
            return parse(sparql_prologue() + text)
    except ParseException as error:
        raise UnsafeQueryError(f"SPARQL syntax error: {error}") from error
    except RecursionError as error:
        raise UnsafeQueryError(f"{kind} is nested too deeply to parse") from error
    except Exception as error:  # rdflib raises plain Exceptions for unknown prefixes and the like
        raise UnsafeQueryError(f"SPARQL error: {error}") from error


def check_query(text: str, limits: QueryLimits | None = None) -> None:
    """Raise `UnsafeQueryError` for queries too long, too deep, too big or reaching out.

    A plainly small query (see `_plainly_small`) is let through unparsed, and the engine
    reports its syntax errors; any other is parsed (rdflib, some milliseconds) and checked
    exactly, which also refuses syntax errors.
    """
    limits = limits or QueryLimits()
    operators, code = _prechecked("query", text, limits)
    if _plainly_small(code, operators, limits):
        return
    algebra = _parsed("query", text, lambda q: translateQuery(parseQuery(q)))
    _check_size("query", algebra.algebra, limits)
    if _has_service(algebra.algebra):
        raise UnsafeQueryError("SERVICE is not allowed: this endpoint reaches no other server")


def check_update(text: str, limits: QueryLimits | None = None) -> None:
    """Raise `UnsafeQueryError` for updates too long, too deep, malformed, or reaching out:
    `LOAD` fetches a URL or reads a file, `SERVICE` calls another server."""
    limits = limits or QueryLimits()
    _prechecked("update", text, limits)
    parsed = _parsed("update", text, lambda u: translateUpdate(parseUpdate(u)))
    for operation in parsed.algebra:
        _check_size("update", operation, limits)
        if getattr(operation, "name", None) == "Load":
            raise UnsafeQueryError("LOAD is not allowed: this endpoint fetches nothing")
        if _has_service(operation):
            raise UnsafeQueryError("SERVICE is not allowed: this endpoint reaches no other server")
