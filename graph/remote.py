"""The graph store over a remote SPARQL 1.1 server, with separate query and update endpoints.

What the store needs of the server:

- SPARQL 1.1 Query and Update over the SPARQL 1.1 Protocol, with queries and updates sent as
  form POSTs (`application/x-www-form-urlencoded`) and an explicit `Accept` header. (Virtuoso
  7.2 answers HTML without one, and hangs on a direct POST of `application/sparql-query`.)
- A default graph that is the union of the named graphs when a query names no
  `default-graph-uri`, as the embedded store has it. The Oxigraph server does so when started
  with `oxigraph serve --union-default-graph`; Virtuoso always does (its union also spans its own
  system graphs: give the store a `graph_prefix` there, see below).
- Requests read as UTF-8 (Virtuoso: `Charset = UTF-8` under `[HTTPServer]`, Debian's default).
- A query endpoint that cannot write: `query` refuses updates, but the endpoint is the real
  guard. On Virtuoso, query `/sparql` anonymously and send updates to `/sparql-auth` with
  `auth=httpx.DigestAuth(user, password)` of a user holding `SPARQL_UPDATE`.

Atomicity: an article's graph is replaced by a single update request (`DROP SILENT GRAPH` then
`INSERT DATA`), which servers run as one transaction. A graph bigger than one request may carry
(Virtuoso's parser gives up near 5,000 triples per `INSERT DATA`, and on requests over 10 MB) is
written in several requests: readers may then see it partly written, and a failure midway leaves
it partly written. The triples stating the article's content hash go in the last request, so a
graph cut short has no hash: `article_hash` reads it as absent and the next ingest writes it
again; the store also drops the partial graph when it can.

Row caps: Virtuoso returns at most `ResultSetMaxRows` rows (10,000 in Debian's ini) and says so
in an `X-SPARQL-MaxRows` header. A SELECT through `query` that reaches the cap raises
`QueryError` rather than answer part of the rows (also when its own LIMIT is the cap); the
store's own reads (`graph_names`, RDF exports) page past it. A CONSTRUCT is cut at the cap
without a word: ask for less, or raise the cap.

Errors: a query the server rejects (4xx) raises `QueryError` with the server's message; no
answer, a timeout, a 5xx, a refused login (401, 403), no endpoint (404, 405), and any failed
write raise `StoreError`.

    store = RemoteSparqlStore(
        "http://127.0.0.1:8890/sparql",
        "http://127.0.0.1:8890/sparql-auth",
        auth=httpx.DigestAuth("user", "password"),
        graph_prefix=IRIs(base).graph(""),
    )
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, BinaryIO

import httpx
import pyoxigraph as ox

from newsgraph.graph.store import (
    QueryError,
    QueryResult,
    QueryTimeout,
    StoreError,
    WriteNotices,
    hash_query,
    notifies,
    stored_hash,
)
from newsgraph.graph.update_dataset import with_using_dataset
from newsgraph.graph.vocab import NG, PREFIXES

_JSON_RESULTS = "application/sparql-results+json"
_N_TRIPLES = "application/n-triples"
_QUERY_ACCEPT = {
    "SELECT": _JSON_RESULTS,
    "ASK": _JSON_RESULTS,
    # N-Triples first; Turtle and N-Quads are read as well, for servers that ignore the order.
    "CONSTRUCT": f"{_N_TRIPLES}, text/turtle;q=0.8, application/n-quads;q=0.5",
    "DESCRIBE": f"{_N_TRIPLES}, text/turtle;q=0.8, application/n-quads;q=0.5",
}
_RDF_MEDIA_TYPES = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,  # what older servers call N-Triples
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-quads": ox.RdfFormat.N_QUADS,
}

# The prologue of a query: comments, BASE and PREFIX declarations, then the query form.
_SKIP = re.compile(r"(?:\s+|#[^\n\r]*)+")
_BASE = re.compile(r"BASE\s*<[^<>\"{}|^`\\\s]*>", re.IGNORECASE)
_PREFIX = re.compile(r"PREFIX\s+([^\s:<>]*):\s*<[^<>\"{}|^`\\\s]*>", re.IGNORECASE)
_FORM = re.compile(r"(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)

_CONTENT_HASH = f"<{NG.contentHash}>"


def read_prologue(sparql: str) -> tuple[set[str], str | None, int]:
    """The prefixes a query declares, its form (SELECT, ASK, …; None when not a query), and
    where its prologue ends."""
    declared: set[str] = set()
    position = 0
    while True:
        skipped = _SKIP.match(sparql, position)
        if skipped:
            position = skipped.end()
        if base := _BASE.match(sparql, position):
            position = base.end()
        elif prefix := _PREFIX.match(sparql, position):
            declared.add(prefix.group(1))
            position = prefix.end()
        else:
            form = _FORM.match(sparql, position)
            return declared, form.group(1).upper() if form else None, position


def with_prologue(sparql: str) -> str:
    """The query with the project's PREFIX declarations that it does not make itself.

    They go at the end of the query's own prologue, after any BASE: Virtuoso follows SPARQL
    1.0 there, where BASE may only come first.
    """
    declared, _, end = read_prologue(sparql)
    missing = "".join(
        f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items() if name not in declared
    )
    return f"{sparql[:end]}\n{missing}{sparql[end:]}" if end else missing + sparql


class RemoteSparqlStore(WriteNotices):
    """A `GraphStore` over a SPARQL 1.1 server: one named graph per article, as embedded.

    `headers` go with every request (an `Authorization: Bearer …`, say); `auth` is any httpx
    authentication (`httpx.DigestAuth` for Virtuoso's `/sparql-auth`). `graph_prefix`, when
    given, limits what the store calls its own (`graph_names`, `triple_count`, RDF exports) to
    the named graphs whose IRI starts with it, `IRIs(base).graph("")` for newsgraph's graphs: on
    Virtuoso, which keeps system graphs beside the data, the store is not empty without it.
    The store reads its own listings and exports in pages of `page_size` rows: keep it below
    the server's row cap (the default, 5,000, is half of Virtuoso's default cap).
    """

    def __init__(
        self,
        query_url: str,
        update_url: str,
        *,
        headers: Mapping[str, str] | None = None,
        auth: httpx.Auth | tuple[str, str] | None = None,
        timeout: float = 60.0,
        graph_prefix: str | None = None,
        max_triples_per_update: int = 2000,
        max_bytes_per_update: int = 4_000_000,
        page_size: int = 5_000,
        max_answer_bytes: int | None = None,
    ) -> None:
        self.query_url = query_url
        self.update_url = update_url
        self.graph_prefix = graph_prefix
        self.timeout = timeout
        self.max_triples_per_update = max(1, max_triples_per_update)
        self.max_bytes_per_update = max(1, max_bytes_per_update)
        self.page_size = max(1, page_size)
        # An answer to `query` past this size raises QueryError, read no further: a runaway
        # SELECT streams rows until the server's time limit, gigabytes to hold otherwise.
        self.max_answer_bytes = max_answer_bytes
        self._client_options: dict[str, Any] = {
            "headers": dict(headers or {}),
            "auth": auth,
            "timeout": httpx.Timeout(timeout),
        }
        # One client per thread: a client's connection pool has one lock, which the many
        # threads of a server answering requests would all queue on.
        self._local = threading.local()
        self._clients: weakref.WeakSet[httpx.Client] = weakref.WeakSet()
        self._clients_lock = threading.Lock()
        self._closed = False

    @property
    def _client(self) -> httpx.Client:
        client: httpx.Client | None = getattr(self._local, "client", None)
        if client is None:
            if self._closed:
                raise StoreError(f"the store over {self.query_url} is closed")
            client = self._local.client = httpx.Client(**self._client_options)
            with self._clients_lock:
                self._clients.add(client)
        return client

    def __enter__(self) -> RemoteSparqlStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # GraphStore

    def article_hash(self, article_iri: str) -> str | None:
        return stored_hash(self._select(hash_query(article_iri)))

    @notifies
    def replace_graph(self, graph_iri: str, nquads: str, ntriples: str) -> None:
        """Put the article's graph in place of its previous version (see the module's note)."""
        graph = ox.NamedNode(graph_iri)
        written = 0
        try:
            for chunk in self._chunks(ntriples):
                insert = f"INSERT DATA {{ GRAPH {graph} {{\n{chunk}}} }}"
                self._update(f"DROP SILENT GRAPH {graph} ;\n{insert}" if not written else insert)
                written += 1
        except (StoreError, QueryError) as error:
            if written:
                # Partly written: drop it. Even when that fails, the graph has no content hash
                # and the next ingest writes it again. (A first request that fails changes
                # nothing: the previous version stays.)
                with contextlib.suppress(StoreError, QueryError):
                    self._update(f"DROP SILENT GRAPH {graph}")
            raise StoreError(f"cannot write graph {graph_iri}: {error}") from error

    @notifies
    def remove_graph(self, graph_iri: str) -> bool:
        graph = ox.NamedNode(graph_iri)
        if not self._ask(f"ASK {{ GRAPH {graph} {{ ?s ?p ?o }} }}"):
            return False
        try:
            self._update(f"DROP SILENT GRAPH {graph}")
        except QueryError as error:
            raise StoreError(f"cannot remove graph {graph_iri}: {error}") from error
        return True

    def graph_names(self) -> list[str]:
        # In pages after the last name seen: a server caps the rows of an answer (Virtuoso at
        # 10,000 by default), and sorts no further than that many rows for an OFFSET.
        names: set[str] = set()
        last: str | None = None
        while True:
            after = f"FILTER(STR(?g) > {ox.Literal(last)})" if last is not None else ""
            rows, capped = self._solutions(
                f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._graph_filter()}"
                f" {after} }} ORDER BY STR(?g) LIMIT {self.page_size}"
            )
            page = [g.value for g in (row["g"] for row in rows) if isinstance(g, ox.NamedNode)]
            names.update(page)
            if not page or (len(rows) < self.page_size and not capped):
                return sorted(names)
            if last is not None and page[-1] <= last:
                raise StoreError("the server does not page graph names in order")
            last = page[-1]

    def query(
        self,
        sparql: str,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> QueryResult:
        _, form, _ = read_prologue(sparql)
        if form is None:
            raise QueryError(
                "not a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE after the prologue); "
                "updates are not run through query"
            )
        if not default_graphs and not named_graphs:
            # A query's own FROM names its dataset; a union default graph would override it.
            from newsgraph.graph.sparql_guard import query_dataset

            default_graphs, named_graphs = query_dataset(sparql) or (None, None)
        data: dict[str, Any] = {"query": with_prologue(sparql)}
        if default_graphs:
            data["default-graph-uri"] = [ox.NamedNode(g).value for g in default_graphs]
        if named_graphs:
            data["named-graph-uri"] = [ox.NamedNode(g).value for g in named_graphs]
        response = self._post(
            self.query_url, data, _QUERY_ACCEPT[form], "query", limit=self.max_answer_bytes
        )
        capped = _row_cap(response)
        if capped and form == "SELECT":
            raise QueryError(
                f"the server cut the answer at {capped} rows, its cap (Virtuoso's "
                "ResultSetMaxRows): ask for fewer with LIMIT, page with OFFSET, or raise the cap"
            )
        return _parse_answer(response, form)

    @notifies
    def update(
        self, sparql: str, *, using: Sequence[str] = (), using_named: Sequence[str] = ()
    ) -> None:
        """Run a SPARQL 1.1 Update on the server's update endpoint. `using` and `using_named`
        go to it as the protocol's `using-graph-uri` and `using-named-graph-uri` (a server with
        the union of its graphs as default graph refuses USING clauses); an update with its own
        USING, USING NAMED or WITH is refused with them (`DatasetConflict`) before it is sent."""
        with_using_dataset(sparql, using, using_named)
        data: dict[str, Any] = {"update": with_prologue(sparql)}
        if using:
            data["using-graph-uri"] = list(using)
        if using_named:
            data["using-named-graph-uri"] = list(using_named)
        self._post(self.update_url, data, _JSON_RESULTS, "update")

    def triple_count(self) -> int:
        (solution,), _ = self._solutions(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._graph_filter()} }}"
        )
        count = solution["n"]
        return int(count.value) if count is not None else 0

    def close(self) -> None:
        self._closed = True
        with self._clients_lock:
            clients = list(self._clients)
        for client in clients:
            client.close()

    # Reading the whole store back

    def graph_triples(self, graph_iri: str) -> list[ox.Triple]:
        """The triples of one named graph.

        Read with SELECT, whose answer says when the server cut it short (Virtuoso cuts a
        CONSTRUCT without a word); a graph bigger than the cap is read again in pages, in
        order (which Virtuoso sorts no further than its `MaxSortedTopRows`, 10,000 by default).
        """
        graph = ox.NamedNode(graph_iri)
        select = f"SELECT ?s ?p ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"
        rows, capped = self._solutions(select)
        if capped:
            rows = []
            while True:
                page, more = self._solutions(
                    f"{select} ORDER BY ?s ?p ?o LIMIT {capped} OFFSET {len(rows)}"
                )
                rows += page
                if not more or not page:
                    break
        return [_triple(row) for row in rows]

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the store's graphs, read one graph at a time.

        One request per graph keeps each answer within a server's row cap (Virtuoso's
        `ResultSetMaxRows`), unless a single graph exceeds it, and leaves out graphs that are
        not the store's (Virtuoso's system graphs, given a `graph_prefix`).
        """
        for name in self.graph_names():
            graph = ox.NamedNode(name)
            for triple in self.graph_triples(name):
                yield ox.Quad(triple.subject, triple.predicate, triple.object, graph)

    def write_rdf(self, stream: BinaryIO, format: ox.RdfFormat, *, union: bool) -> None:
        """The store's graphs in an RDF syntax: their union for triple formats (`union`)."""
        if union:
            triples: dict[ox.Triple, None] = {}
            for name in self.graph_names():
                triples.update(dict.fromkeys(self.graph_triples(name)))
            stream.write(ox.serialize(list(triples), format=format) or b"")
        elif format == ox.RdfFormat.N_QUADS:
            for name in self.graph_names():  # streams: N-Quads documents concatenate
                graph = ox.NamedNode(name)
                quads = [
                    ox.Quad(t.subject, t.predicate, t.object, graph)
                    for t in self.graph_triples(name)
                ]
                stream.write(ox.serialize(quads, format=format) or b"")
        else:
            stream.write(ox.serialize(list(self.quads()), format=format) or b"")

    # Requests

    def _graph_filter(self) -> str:
        if self.graph_prefix is None:
            return ""
        return f"FILTER(STRSTARTS(STR(?g), {ox.Literal(self.graph_prefix)}))"

    def _chunks(self, ntriples: str) -> Iterator[str]:
        """N-Triples lines in requests a server accepts, the content hash in the last one."""
        lines = [line + "\n" for line in ntriples.splitlines() if line.strip()]
        hashes = [line for line in lines if _CONTENT_HASH in line.split(" ", 2)[1:2]]
        others = [line for line in lines if _CONTENT_HASH not in line.split(" ", 2)[1:2]]
        chunk: list[str] = []
        size = 0
        for line in others + hashes:
            length = len(line.encode("utf-8"))
            if chunk and (
                len(chunk) >= self.max_triples_per_update
                or size + length > self.max_bytes_per_update
            ):
                yield "".join(chunk)
                chunk, size = [], 0
            chunk.append(line)
            size += length
        yield "".join(chunk)

    def _select(self, sparql: str) -> ox.QuerySolutions:
        result = self.query(sparql)
        assert isinstance(result, ox.QuerySolutions)
        return result

    def _solutions(self, sparql: str) -> tuple[list[ox.QuerySolution], int | None]:
        """The rows of one of the store's own SELECTs, and the server's cap if it cut them."""
        response = self._post(
            self.query_url, {"query": with_prologue(sparql)}, _JSON_RESULTS, "query"
        )
        result = _parse_answer(response, "SELECT")
        assert isinstance(result, ox.QuerySolutions)
        return list(result), _row_cap(response)

    def _ask(self, sparql: str) -> bool:
        result = self.query(sparql)
        assert isinstance(result, ox.QueryBoolean)
        return bool(result)

    def _update(self, sparql: str) -> None:
        self._post(self.update_url, {"update": sparql}, _JSON_RESULTS, "update")

    def _post(
        self, url: str, data: Mapping[str, Any], accept: str, what: str, limit: int | None = None
    ) -> httpx.Response:
        try:
            if limit is None:
                response = self._client.post(url, data=data, headers={"Accept": accept})
            else:
                response = self._post_capped(url, data, accept, limit)
        except httpx.TimeoutException as error:
            raise StoreError(
                f"the SPARQL server at {url} did not answer the {what} within {self.timeout} s"
            ) from error
        except httpx.HTTPError as error:
            raise StoreError(f"cannot reach the SPARQL server at {url}: {error}") from error
        if response.is_success:
            return response
        message = _server_message(response)
        status = response.status_code
        if status in (401, 403):
            raise StoreError(f"the SPARQL server at {url} refused the {what} ({status}): {message}")
        if status in (404, 405):
            raise StoreError(f"no SPARQL {what} endpoint at {url} ({status}): {message}")
        if 400 <= status < 500:
            raise QueryError(f"the SPARQL server rejected the {what} ({status}): {message}")
        raise StoreError(f"the SPARQL server at {url} failed on the {what} ({status}): {message}")

    def _post_capped(
        self, url: str, data: Mapping[str, Any], accept: str, limit: int
    ) -> httpx.Response:
        """The answer, read as it streams in, and given up (connection closed) past `limit`."""
        request = self._client.build_request("POST", url, data=data, headers={"Accept": accept})
        streamed = self._client.send(request, stream=True)
        try:
            body = bytearray()
            for chunk in streamed.iter_bytes():
                body += chunk
                if len(body) > limit:
                    raise QueryError(
                        f"the answer is over {limit // (1024 * 1024)} MiB and was not read to "
                        "the end: ask for less (LIMIT, fewer variables)"
                    )
        finally:
            streamed.close()
        # Decoded already: the copy must not claim a content encoding.
        headers = [
            (name, value)
            for name, value in streamed.headers.multi_items()
            if name.lower() not in ("content-encoding", "content-length", "transfer-encoding")
        ]
        return httpx.Response(
            streamed.status_code, headers=headers, content=bytes(body), request=request
        )


def _server_message(response: httpx.Response, limit: int = 2000) -> str:
    text = response.text.strip()
    # Virtuoso repeats the whole query after its message.
    text = text.split("\n\nSPARQL query:", 1)[0].strip()
    if response.headers.get("content-type", "").startswith("text/html"):
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ", text)).strip()
    return text if len(text) <= limit else text[:limit] + "…"


def _row_cap(response: httpx.Response) -> int | None:
    """Virtuoso's cap on result rows, which it names when an answer reaches it."""
    value = response.headers.get("x-sparql-maxrows", "")
    return int(value) if value.isdigit() and int(value) > 0 else None


def _triple(row: ox.QuerySolution) -> ox.Triple:
    subject, predicate, obj = row["s"], row["p"], row["o"]
    if not isinstance(subject, ox.NamedNode | ox.BlankNode) or not isinstance(
        predicate, ox.NamedNode
    ):
        raise StoreError(f"the server answered a triple that is not RDF: {row}")
    if not isinstance(obj, ox.NamedNode | ox.BlankNode | ox.Literal):
        raise StoreError(f"the server answered a triple that is not RDF: {row}")
    return ox.Triple(subject, predicate, obj)


def _media_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";", 1)[0].strip().lower()


# What the Oxigraph server appends to an answer it stopped at its --timeout-s, after having
# sent a 200 status and the start of the results.
_CANCELLED = b"operation has been cancelled"


def _parse_answer(response: httpx.Response, form: str) -> QueryResult:
    media_type = _media_type(response)
    body = response.content
    if _CANCELLED in body[-200:]:
        raise QueryTimeout("the query ran past the time limit and was stopped")
    try:
        if media_type in (_JSON_RESULTS, "application/json") and form != "ASK":
            # A 200 whose body was cut short must not pass for a complete answer.
            json.loads(body)
        if form in ("CONSTRUCT", "DESCRIBE"):
            rdf_format = _RDF_MEDIA_TYPES.get(media_type)
            if rdf_format is None:
                raise StoreError(f"the server answered a {form} with {media_type or 'no type'}")
            return _triples(ox.parse(body, format=rdf_format))
        if media_type not in (_JSON_RESULTS, "application/json"):
            raise StoreError(f"the server answered a {form} with {media_type or 'no type'}")
        if form == "ASK":
            return _boolean(body)
        return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    except (SyntaxError, ValueError) as error:
        raise StoreError(f"cannot read the server's answer to a {form}: {error}") from error


def _triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    return [quad.triple for quad in quads]


def _boolean(body: bytes) -> ox.QueryBoolean:
    """An ASK answer; Virtuoso 7.2 answers ASK in JSON as a one-variable SELECT."""
    document = json.loads(body)
    if "boolean" in document:
        answer = document["boolean"] is True
    else:
        bindings = document.get("results", {}).get("bindings", [])
        values = [binding.get("value") for row in bindings for binding in row.values()]
        answer = any(value not in ("0", "false") for value in values)
    result = ox.parse_query_results(
        b'{"head":{},"boolean":%s}' % (b"true" if answer else b"false"),
        format=ox.QueryResultsFormat.JSON,
    )
    assert isinstance(result, ox.QueryBoolean)
    return result
