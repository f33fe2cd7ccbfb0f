"""Writing N-Quads text directly: the fast path into Oxigraph's loader, escaped per the spec."""

from __future__ import annotations

import re

from rdflib.namespace import XSD

# What an IRI may not hold in N-Quads: <>"{}|^`\ , space and the control characters.
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LITERAL_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_XSD_STRING = str(XSD.string)
_XSD_INTEGER = str(XSD.integer)
_XSD_DECIMAL = str(XSD.decimal)


class QuadWriter:
    """Collects quads of one named graph as N-Quads lines."""

    def __init__(self, graph: str) -> None:
        self.graph = graph
        self._graph = iri(graph)
        # An ordered set: a sentence that spans the whole text shares the context's IRI.
        self.lines: dict[str, None] = {}
        # Each IRI checked and written once per graph: subjects and predicates repeat.
        self._terms: dict[str, str] = {}

    def _term(self, value: str) -> str:
        term = self._terms.get(value)
        if term is None:
            term = self._terms[value] = iri(value)
        return term

    def add(self, subject: str, predicate: str, obj: str) -> None:
        """Subject and predicate are IRIs; `obj` an already formatted term."""
        self.lines[f"{self._term(subject)} {self._term(predicate)} {obj}"] = None

    def add_iri(self, subject: str, predicate: str, target: str) -> None:
        self.lines[f"{self._term(subject)} {self._term(predicate)} {self._term(target)}"] = None

    def nquads(self) -> str:
        return nquads_text(self.lines, self._graph)

    def ntriples(self) -> str:
        """The same statements without their graph; N-Triples terms are valid SPARQL terms."""
        return "".join(f"{line} .\n" for line in self.lines)

    def __len__(self) -> int:
        return len(self.lines)


def nquads_text(statements: dict[str, None], graph: str) -> str:
    """Statements ("s p o") as N-Quads lines in `graph` (a written IRI, `<...>`)."""
    if not statements:
        return ""
    end = f" {graph} .\n"
    return end.join(statements) + end


def without_graph(nquads: str, graph: str) -> str:
    """N-Quads of one graph (a written IRI, `<...>`) as N-Triples: each line loses its graph.

    Exact because a line's only line break is its last character: literals escape theirs and
    IRIs hold none, so ` <graph> .` followed by a break can only be a line's end.
    """
    return nquads.replace(f" {graph} .\n", " .\n")


def iri(value: str) -> str:
    if _IRI_FORBIDDEN.search(value):
        raise ValueError(f"not a valid IRI for N-Quads: {value!r}")
    return f"<{value}>"


def literal(value: str, *, datatype: str | None = None, lang: str | None = None) -> str:
    text = '"' + value.translate(_LITERAL_ESCAPES) + '"'
    if lang:
        return f"{text}@{lang}"
    if datatype and datatype != _XSD_STRING:
        return f"{text}^^<{datatype}>"
    return text


def integer(value: int) -> str:
    return literal(str(int(value)), datatype=_XSD_INTEGER)


def decimal(value: float) -> str:
    return literal(f"{value:.6f}".rstrip("0").rstrip("."), datatype=_XSD_DECIMAL)
