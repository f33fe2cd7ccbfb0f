"""Writing N-Quads text directly: the fast path into Oxigraph's loader, escaped per the spec."""

from __future__ import annotations

from rdflib.namespace import XSD

_IRI_FORBIDDEN = set('<>"{}|^`\\ ') | {chr(c) for c in range(0x21)}
_LITERAL_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


class QuadWriter:
    """Collects quads of one named graph as N-Quads lines."""

    def __init__(self, graph: str) -> None:
        self.graph = graph
        self._graph = iri(graph)
        # An ordered set: a sentence that spans the whole text shares the context's IRI.
        self.lines: dict[str, None] = {}

    def add(self, subject: str, predicate: str, obj: str) -> None:
        """Subject and predicate are IRIs; `obj` an already formatted term."""
        self.lines[f"{iri(subject)} {iri(predicate)} {obj}"] = None

    def add_iri(self, subject: str, predicate: str, target: str) -> None:
        self.add(subject, predicate, iri(target))

    def nquads(self) -> str:
        graph = self._graph
        return "".join(f"{line} {graph} .\n" for line in self.lines)

    def ntriples(self) -> str:
        """The same statements without their graph; N-Triples terms are valid SPARQL terms."""
        return "".join(f"{line} .\n" for line in self.lines)

    def __len__(self) -> int:
        return len(self.lines)


def iri(value: str) -> str:
    if any(ch in _IRI_FORBIDDEN for ch in value):
        raise ValueError(f"not a valid IRI for N-Quads: {value!r}")
    return f"<{value}>"


def literal(value: str, *, datatype: str | None = None, lang: str | None = None) -> str:
    text = '"' + value.translate(_LITERAL_ESCAPES) + '"'
    if lang:
        return f"{text}@{lang}"
    if datatype and datatype != str(XSD.string):
        return f"{text}^^<{datatype}>"
    return text


def integer(value: int) -> str:
    return literal(str(int(value)), datatype=str(XSD.integer))


def decimal(value: float) -> str:
    return literal(f"{value:.6f}".rstrip("0").rstrip("."), datatype=str(XSD.decimal))
