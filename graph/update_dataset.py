"""The dataset of a SPARQL update given by the protocol, `using-graph-uri` and
`using-named-graph-uri` (SPARQL 1.1 Protocol, 2.2.3): what the update's WHERE clauses read, as
if it had USING and USING NAMED clauses.

The embedded store gets them written into the update as those clauses
(`OxigraphStore.update`). A SPARQL server that takes the union of its graphs as the default
graph (the child `oxigraph serve --union-default-graph`, a remote store) refuses USING in an
update but takes the protocol's parameters, so `RemoteSparqlStore.update` passes them on as
parameters. Either way an update that has its own USING, USING NAMED or WITH is refused with
them, as the protocol says.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pyoxigraph as ox

from newsgraph.graph.sparql_guard import OPAQUE_OPENERS, opaque_end


class DatasetConflict(ValueError):
    """The protocol and the update both give the update's dataset; the message says how."""


_TOKEN = re.compile(r"[^\s{}()\[\];,]+")
_DATA_FREE = frozenset({"LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY"})


def with_using_dataset(
    update: str, default_graphs: Sequence[str], named_graphs: Sequence[str]
) -> str:
    """The update with its WHERE clauses reading the given graphs, as if each
    `DELETE`/`INSERT … WHERE` named them in USING (default graph) and USING NAMED (graphs
    for GRAPH patterns) clauses; `DELETE WHERE { P }` becomes `DELETE { P } USING … WHERE
    { P }`, which the grammar lets carry them. Operations without a WHERE clause (INSERT DATA,
    DROP, …) are left as they are.

    Raises `DatasetConflict` when an operation has its own USING, USING NAMED or WITH: the
    protocol forbids both; ValueError when a graph is not an absolute IRI.
    """
    if not default_graphs and not named_graphs:
        return update
    clauses = " ".join(
        [f"USING {_iri(graph)}" for graph in default_graphs]
        + [f"USING NAMED {_iri(graph)}" for graph in named_graphs]
    )
    top = _top_level(update)
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement), in text order
    start = 0
    for end in [*(m.start() for m in re.finditer(";", top)), len(top)]:
        edit = _operation_edit(update, top, start, end, clauses)
        if edit is not None:
            edits.append(edit)
        start = end + 1
    parts, copied = [], 0
    for begin, finish, replacement in edits:
        parts += [update[copied:begin], replacement]
        copied = finish
    parts.append(update[copied:])
    return "".join(parts)


def _iri(graph: str) -> str:
    try:
        return str(ox.NamedNode(graph))
    except ValueError as error:
        raise ValueError(f"{graph!r} is not an absolute IRI: {error}") from None


def _operation_edit(
    update: str, top: str, start: int, end: int, clauses: str
) -> tuple[int, int, str] | None:
    """The edit that gives one operation (between `start` and `end`) the dataset, if any."""
    tokens = [(m.group().upper(), m.start()) for m in _TOKEN.finditer(top, start, end)]
    # The prologue: BASE (its IRI is blanked) and PREFIX name: declarations.
    index = 0
    while index < len(tokens) and tokens[index][0] in ("BASE", "PREFIX"):
        index += 2 if tokens[index][0] == "PREFIX" else 1
    words = [word for word, _ in tokens[index:]]
    if not words or words[0] in _DATA_FREE:
        return None
    for own in ("WITH", "USING"):
        if own in words:
            raise DatasetConflict(
                f"the update has its own {own} clause: give its dataset either there or by "
                "using-graph-uri / using-named-graph-uri, not both"
            )
    if (len(words) > 1 and words[1] == "DATA") or "WHERE" not in words:
        return None
    where = index + words.index("WHERE")
    at = tokens[where][1]
    if words[:2] == ["DELETE", "WHERE"] and "{" not in top[tokens[index][1] : at]:
        # DELETE WHERE { P }: the same as DELETE { P } WHERE { P }, which takes USING.
        opening = top.index("{", at, end)
        closing = top.index("}", opening, end) + 1
        pattern = update[opening:closing]
        return (at, closing, f"{pattern} {clauses} WHERE {pattern}")
    return (at, at, f"{clauses} ")


def _top_level(text: str) -> str:
    """The text with strings, IRIs, comments and everything inside brackets blanked, each
    character to a space (the outermost brackets stay): offsets are the text's own."""
    out = list(text)
    depth = index = 0
    length = len(text)
    while index < length:
        ch = text[index]
        skip_to = opaque_end(text, index) if ch in OPAQUE_OPENERS else -1
        if skip_to >= 0:
            out[index:skip_to] = " " * (skip_to - index)
            index = skip_to
            continue
        if ch in "({[":
            depth += 1
            if depth > 1:
                out[index] = " "
        elif ch in ")}]":
            if depth > 1:
                out[index] = " "
            depth -= 1
        elif depth > 0:
            out[index] = " "
        index += 1
    return "".join(out)
