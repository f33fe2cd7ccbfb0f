"""Graph stores behind one interface: embedded Oxigraph on disk or in memory."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar

import pyoxigraph as ox

from newsgraph.graph.update_dataset import with_using_dataset
from newsgraph.graph.vocab import NG, PREFIXES

# What a query answers: solutions, a boolean, or triples (an engine's own iterator, or a
# list of triples parsed from a remote server's answer).
GraphResult = ox.QueryTriples | list[ox.Triple]
QueryResult = ox.QuerySolutions | ox.QueryBoolean | GraphResult


def is_graph_result(result: QueryResult) -> bool:
    return not isinstance(result, ox.QuerySolutions | ox.QueryBoolean)


def serialize_graph(result: QueryResult, format: ox.RdfFormat) -> bytes:
    """Triples of a CONSTRUCT or DESCRIBE in an RDF syntax."""
    return ox.serialize(result, format=format) or b""  # type: ignore[arg-type]


def hash_query(article_iri: str) -> str:
    """The SELECT of an article's content hash. ox.NamedNode validates the IRI and writes it
    in SPARQL syntax: no raw text gets in."""
    return f"SELECT ?hash WHERE {{ {ox.NamedNode(article_iri)} {ox.NamedNode(str(NG.contentHash))} ?hash }}"


def stored_hash(solutions: ox.QuerySolutions) -> str | None:
    """The hash `hash_query` found, if any."""
    for solution in solutions:
        value = solution["hash"]
        if isinstance(value, ox.Literal):
            return value.value
    return None


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message says why."""


class QueryError(Exception):
    """A SPARQL query the engine rejected; the message is the parser's or engine's.

    Not a ValueError: callers that refuse bad parameters with ValueError must not take an
    engine's refusal or time limit for one."""


class QueryTimeout(QueryError):
    """A query stopped at the engine's time limit."""


W = TypeVar("W", bound=Callable[..., Any])


class WriteNotices:
    """Listeners told after each write to a store, whether it succeeded or not (a failed
    write may have changed part of it): a cache of answers drops them (`newsgraph.api.cache`)."""

    def on_write(self, listener: Callable[[], None]) -> None:
        self.__dict__.setdefault("_write_listeners", []).append(listener)

    def _written(self) -> None:
        for listener in self.__dict__.get("_write_listeners", ()):
            listener()


def notifies(method: W) -> W:
    """Mark a store method as a write: its store's `WriteNotices` listeners hear of it."""

    @functools.wraps(method)
    def write(self: WriteNotices, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        finally:
            self._written()

    return write  # type: ignore[return-value]


class GraphStore(Protocol):
    """What newsgraph needs of a quad store."""

    def article_hash(self, article_iri: str) -> str | None: ...

    def replace_graph(self, graph_iri: str, nquads: str, ntriples: str) -> None: ...

    def remove_graph(self, graph_iri: str) -> bool: ...

    def graph_names(self) -> list[str]: ...

    def query(
        self,
        sparql: str,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> QueryResult: ...

    def update(
        self, sparql: str, *, using: Sequence[str] = (), using_named: Sequence[str] = ()
    ) -> None: ...

    def triple_count(self) -> int: ...

    def close(self) -> None: ...

    def on_write(self, listener: Callable[[], None]) -> None: ...


class OxigraphStore(WriteNotices):
    """Embedded Oxigraph: on disk at `path`, or in memory when `path` is None.

    The default graph of queries is the union of the named graphs, one per article.
    """

    def __init__(self, path: Path | str | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        try:
            if self.path is None:
                self._handle: ox.Store | None = ox.Store()
            elif read_only:
                self._handle = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._handle = ox.Store(str(self.path))
        except OSError as error:
            raise StoreError(
                f"cannot open the store at {self.path}: {error}. Another newsgraph process may "
                "hold it (a running `newsgraph serve`): query it over HTTP, or stop it first."
            ) from error
        self.read_only = read_only

    @property
    def oxigraph(self) -> ox.Store:
        return self._store

    def article_hash(self, article_iri: str) -> str | None:
        solutions = self._store.query(hash_query(article_iri), use_default_graph_as_union=True)
        assert isinstance(solutions, ox.QuerySolutions)
        return stored_hash(solutions)

    @notifies
    def replace_graph(self, graph_iri: str, nquads: str, ntriples: str) -> None:
        """Put the article's graph in place of its previous version, in one transaction."""
        self._writable()
        graph = ox.NamedNode(graph_iri)
        try:
            if self._store.contains_named_graph(graph):
                # Drop and insert in a single update, so a crash leaves the old version or
                # the new one, never neither.
                self._store.update(
                    f"DROP SILENT GRAPH <{graph_iri}> ;\n"
                    f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{ntriples}}} }}"
                )
            else:
                self._store.load(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError) as error:
            raise StoreError(f"cannot write graph {graph_iri}: {error}") from error

    @notifies
    def add_graphs(self, nquads: str) -> None:
        """Load the graphs of articles not yet in the store, in one transaction: Oxigraph's
        parser and loader at full speed instead of one small transaction per article."""
        self._writable()
        try:
            self._store.load(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError) as error:
            raise StoreError(f"cannot load graphs: {error}") from error

    @notifies
    def remove_graph(self, graph_iri: str) -> bool:
        self._writable()
        graph = ox.NamedNode(graph_iri)
        if not self._store.contains_named_graph(graph):
            return False
        self._store.remove_graph(graph)
        return True

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def query(
        self,
        sparql: str,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> QueryResult:
        if not default_graphs and not named_graphs:
            # A query's own FROM names its dataset; the union default would override it.
            from newsgraph.graph.sparql_guard import query_dataset

            default_graphs, named_graphs = query_dataset(sparql) or (None, None)
        union = not default_graphs
        try:
            return self._store.query(
                sparql,
                prefixes=PREFIXES,
                use_default_graph_as_union=union,
                default_graph=[ox.NamedNode(g) for g in default_graphs] if default_graphs else None,
                named_graphs=[ox.NamedNode(g) for g in named_graphs] if named_graphs else None,
            )
        except SyntaxError as error:
            raise QueryError(f"SPARQL syntax error: {error}") from error
        except OSError as error:
            raise QueryError(f"query failed: {error}") from error

    @notifies
    def update(
        self, sparql: str, *, using: Sequence[str] = (), using_named: Sequence[str] = ()
    ) -> None:
        """A SPARQL 1.1 Update, in one transaction; the project's prefixes are predeclared.

        `using` and `using_named` are the protocol's `using-graph-uri` and
        `using-named-graph-uri`: the graphs the update's WHERE clauses read, written into it as
        USING and USING NAMED clauses. Raises `DatasetConflict` when the update has its own.
        """
        sparql = with_using_dataset(sparql, using, using_named)
        self._writable()
        try:
            self._store.update(sparql, prefixes=PREFIXES)
        except SyntaxError as error:
            raise QueryError(f"SPARQL syntax error: {error}") from error
        except OSError as error:
            raise QueryError(f"update failed: {error}") from error

    def triple_count(self) -> int:
        return len(self._store)

    def dump(self, format: ox.RdfFormat) -> bytes:
        result = self._store.dump(format=format)
        return result if isinstance(result, bytes) else b""

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self._store)

    @property
    def _store(self) -> ox.Store:
        if self._handle is None:
            raise StoreError(f"the store at {self.path} is closed")
        return self._handle

    def flush(self) -> None:
        """Write what the database holds in memory to its files (what it wrote is already safe
        in its log): reopening it then reads no log."""
        if self.path is not None and not self.read_only and self._handle is not None:
            try:
                self._handle.flush()
            except OSError as error:
                raise StoreError(f"cannot flush the store at {self.path}: {error}") from error

    def close(self) -> None:
        """Flush and let go of the database, so another process may open it."""
        self.flush()
        # pyoxigraph has no close: dropping the last reference releases the lock.
        self._handle = None

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store at {self.path} is open read-only")
