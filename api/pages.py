"""Pages for people: the graph viewer, entity, incident and article views, the SPARQL page, and
resolvable IRIs under `/id/`; every page is drawn from the same lookups as its JSON twin."""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, unquote, urlencode

import jinja2
from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from markupsafe import Markup, escape

from newsgraph.api.lookups import IncidentFilter, Lookups
from newsgraph.api.settings import Settings
from newsgraph.api.sparql import GRAPH_FORMATS, negotiate
from newsgraph.graph import queries
from newsgraph.graph.events_table import ACTOR_ROLES
from newsgraph.graph.ontology import incident_types
from newsgraph.graph.store import GraphStore, serialize_graph
from newsgraph.graph.vocab import ENTITY_TYPES, IRIs

# Incidents a page of /view/incidents lists unless `limit` says otherwise; the roles its
# rows show, in this order.
INCIDENTS_PER_PAGE = 50
INCIDENT_ROLES = (*ACTOR_ROLES, "origin", "destination")

HERE = Path(__file__).resolve().parent
TEMPLATES_DIR = HERE / "templates"
STATIC_DIR = HERE / "static"

# Shown on the SPARQL page; each runs against the graph as the extractor writes it.
SPARQL_EXAMPLES: tuple[tuple[str, str], ...] = (
    (
        "Who leads which group",
        """SELECT DISTINCT ?leaderName ?groupName ?evidence WHERE {
  ?leader ng:leaderOf ?group ; schema:name ?leaderName .
  ?group schema:name ?groupName .
  OPTIONAL { ?st rdf:subject ?leader ; rdf:predicate ng:leaderOf ; rdf:object ?group ;
                 gaf:denotedBy/nif:anchorOf ?evidence }
} ORDER BY ?groupName ?leaderName""",
    ),
    (
        "Incidents in a place (or inside it), with roles",
        """SELECT DISTINCT ?incident ?type ?role ?name WHERE {
  ?country schema:name "Lebanon" .
  ?incident a sem:Event ; sem:eventType ?type ; sem:hasPlace ?place .
  ?place (ng:partOf|schema:containedInPlace)* ?country .
  ?incident ?role ?who . ?who schema:name ?name .
  FILTER(?role NOT IN (sem:hasActor, sem:hasPlace, schema:subjectOf, prov:wasAttributedTo))
} ORDER BY ?incident ?role ?name""",
    ),
    (
        "Counts of arrests",
        """SELECT DISTINCT ?incident ?quantity ?qualifier ?text WHERE {
  ?incident sem:eventType <https://w3id.org/newsgraph/incident-type/arrest> ;
            ng:hasCount ?count .
  ?count ng:quantity ?quantity ; ng:qualifier ?qualifier ; gaf:denotedBy/nif:anchorOf ?text .
} ORDER BY DESC(?quantity)""",
    ),
    (
        "Evidence spans of every entity mention",
        """SELECT DISTINCT ?name ?anchor ?start ?end ?article WHERE {
  ?entity ng:resolutionKey ?key ; schema:name ?name ; gaf:denotedBy ?mention .
  ?mention nif:anchorOf ?anchor ; nif:beginIndex ?start ; nif:endIndex ?end ;
           nif:referenceContext/nif:sourceUrl ?article .
} ORDER BY ?article ?start LIMIT 100""",
    ),
)


def static_files() -> StaticFiles:
    """The pages' scripts, styles and vendored libraries, to mount at `/static`."""
    return StaticFiles(directory=STATIC_DIR)


@dataclass(frozen=True)
class Highlight:
    """One span to mark on an article's text: a mention or an incident trigger."""

    start: int
    end: int
    classes: str
    href: str | None
    title: str


def annotate(text: str, highlights: Iterable[Highlight]) -> Markup:
    """The text as escaped HTML with each highlight one element, nested where spans nest.

    Offsets index the Python string, so slicing here needs no UTF-16 care. A span that crosses
    the end of an enclosing one is split there (its pieces marked `data-part`), since HTML
    elements cannot overlap. Only the outermost element is a link: anchors may not nest.
    """
    queue: list[tuple[int, int, int, Highlight, bool]] = []
    for order, item in enumerate(highlights):
        if 0 <= item.start < item.end <= len(text):
            queue.append((item.start, -item.end, order, item, False))
    heapq.heapify(queue)
    out: list[str] = []
    open_ends: list[tuple[int, str]] = []  # (end, closing tag), innermost last
    position = 0

    def close_until(limit: int) -> None:
        nonlocal position
        while open_ends and open_ends[-1][0] <= limit:
            end, tag = open_ends.pop()
            out.append(str(escape(text[position:end])))
            out.append(f"</{tag}>")
            position = end

    while queue:
        start, negative_end, order, item, continued = heapq.heappop(queue)
        end = -negative_end
        close_until(start)
        out.append(str(escape(text[position:start])))
        position = start
        if open_ends and end > open_ends[-1][0]:
            split = open_ends[-1][0]
            heapq.heappush(queue, (split, -end, order, item, True))
            end = split
        attributes = {
            "class": f"hl {item.classes}",
            "title": item.title,
            "data-start": str(item.start),
            "data-end": str(item.end),
        }
        if continued or end != item.end:
            attributes["data-part"] = "continued" if continued else "first"
        if not continued:
            attributes["id"] = f"char={item.start},{item.end}"
        tag = "span"
        if item.href is not None:
            if open_ends:
                attributes["data-href"] = item.href
            else:
                tag = "a"
                attributes["href"] = item.href
        rendered = " ".join(f'{name}="{escape(value)}"' for name, value in attributes.items())
        out.append(f"<{tag} {rendered}>")
        open_ends.append((end, tag))
    close_until(len(text))
    out.append(str(escape(text[position:])))
    return Markup("".join(out))


@dataclass
class IncidentForm:
    """The incident filters of the list and map pages, as their form sends them (an empty
    field is no filter)."""

    type: str = ""
    place: str = ""
    actor: str = ""
    since: str = ""
    until: str = ""

    def values(self) -> dict[str, str]:
        return asdict(self)

    def where(self) -> IncidentFilter:
        """The filter; ValueError for a date that is not ISO."""
        return IncidentFilter(
            type=self.type or None,
            place=self.place or None,
            actor=self.actor or None,
            since=date.fromisoformat(self.since) if self.since else None,
            until=date.fromisoformat(self.until) if self.until else None,
        )


class Links:
    """Page paths for the graph's IRIs under one base; None for IRIs from elsewhere."""

    def __init__(self, iris: IRIs, root: str = "") -> None:
        self.base = iris.base
        self.root = root

    def _local(self, iri: str | None, kind: str) -> str | None:
        prefix = f"{self.base}{kind}/"
        if not iri or not iri.startswith(prefix) or "#" in iri:
            return None
        return iri[len(prefix) :]

    def entity(self, iri: str | None) -> str | None:
        local = self._local(iri, "entity")
        if local is None or local.count("/") != 1:
            return None
        return f"{self.root}/view/entities/{local}"

    def incident(self, iri: str | None) -> str | None:
        merged = self._local(iri, "merged-incident")
        if merged is not None and "/" not in merged:
            return f"{self.root}/view/incidents/merged/{merged}"
        local = self._local(iri, "incident")
        if local is None or local.count("/") != 1:
            return None
        return f"{self.root}/view/incidents/{local}"

    def article_id(self, iri: str | None) -> str | None:
        """The article's id as given at ingest (its IRI holds it percent-encoded)."""
        local = self._local(iri, "article")
        if local is None or "/" in local:
            return None
        return unquote(local)

    def article(self, iri: str | None, start: int | None = None, end: int | None = None) -> str:
        article_id = self.article_id(iri)
        if article_id is None:
            return ""
        fragment = f"#char={start},{end}" if start is not None else ""
        return f"{self.root}/view/articles/{quote(article_id, safe='')}{fragment}"


def pages_router(settings: Settings, store: GraphStore) -> APIRouter:
    """The HTML pages and `/id/` resolution over an open store; mount `static_files()` too."""
    iris = IRIs(settings.base_iri)
    lookups = Lookups(store, iris)
    router = APIRouter(include_in_schema=False)
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        # Names and article text come from the news: everything is escaped unless marked safe.
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )

    def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        root = str(request.scope.get("root_path", "")).rstrip("/")
        body = environment.get_template(template).render(
            root=root, links=Links(iris, root), base_iri=iris.base, **context
        )
        return HTMLResponse(body, status_code=status, headers=_SECURITY_HEADERS)

    def not_found(request: Request, message: str) -> HTMLResponse:
        return render(request, "error.html", status=404, title="Not found", message=message)

    @router.get("/")
    def home(request: Request) -> RedirectResponse:
        root = str(request.scope.get("root_path", "")).rstrip("/")
        return RedirectResponse(f"{root}/view", status_code=303)

    @router.get("/view")
    def viewer(request: Request) -> HTMLResponse:
        return render(request, "viewer.html", title="Graph", kinds=(*ENTITY_TYPES, "article"))

    @router.get("/view/entities")
    def entity_list(request: Request, q: str = "", type: str | None = None) -> HTMLResponse:
        try:
            rows = queries.search_entities(store, q, entity_type=type or None, limit=200)
        except ValueError as error:
            return render(
                request,
                "entities.html",
                400,
                title="Entities",
                rows=[],
                q=q,
                type=type,
                types=ENTITY_TYPES,
                error=str(error),
            )
        return render(
            request,
            "entities.html",
            title="Entities",
            rows=rows,
            q=q,
            type=type,
            types=ENTITY_TYPES,
            error=None,
        )

    @router.get("/view/entities/{entity_type}/{slug}")
    def entity_page(request: Request, entity_type: str, slug: str) -> HTMLResponse:
        if entity_type not in ENTITY_TYPES:
            return not_found(request, f"no entity type {entity_type!r}")
        found = lookups.entity(entity_type, slug)
        if found is None:
            return not_found(request, f"no entity {entity_type}/{slug}")
        iri = found["iri"]
        involved = queries.find_incidents(store, actor=iri, limit=500)
        located = (
            queries.find_incidents(store, place=iri, limit=500) if entity_type == "place" else []
        )
        by_article: dict[str, list[dict[str, Any]]] = {}
        for mention in found["mentions"]:
            by_article.setdefault(mention["article"], []).append(mention)
        kinds = [t for t in found["types"] if t in ENTITY_TYPES]
        # Finer classes (schema:Country, schema:City) by their local names.
        subtypes = [t.rsplit("/", 1)[-1] for t in found["types"] if t not in ENTITY_TYPES]
        return render(
            request,
            "entity.html",
            kinds=kinds,
            subtypes=subtypes,
            title=found["name"],
            entity=found,
            relations=found["relations"],
            involved=involved,
            located=located,
            by_article=by_article,
            key=f"{entity_type}/{slug}",
            json_path=f"/entities/{entity_type}/{quote(slug, safe='')}",
        )

    @router.get("/view/incidents")
    def incident_list(
        request: Request,
        form: Annotated[IncidentForm, Depends()],
        sort: str = "date",
        limit: int = INCIDENTS_PER_PAGE,
        offset: int = 0,
    ) -> HTMLResponse:
        filters = form.values()
        limit = min(max(limit, 1), 1000)
        offset = max(offset, 0)
        error = None
        rows: list[dict[str, Any]] = []
        more = False
        try:
            where = form.where()
            # One more than the page shows: whether there is a next page.
            rows = lookups.incidents(where, limit=limit + 1, offset=offset, sort=sort)
            more = len(rows) > limit
            rows = rows[:limit]
        except ValueError as error_:
            error = str(error_)
        kept = {k: v for k, v in filters.items() if v}

        def page(**changes: Any) -> str:
            query = kept | {"sort": sort, "limit": limit, "offset": offset} | changes
            if query["limit"] == INCIDENTS_PER_PAGE:
                del query["limit"]
            if not query["offset"]:
                del query["offset"]
            return f"?{urlencode(query)}"

        return render(
            request,
            "incidents.html",
            400 if error else 200,
            title="Incidents",
            rows=rows,
            filters=filters,
            types=sorted(incident_types()),
            roles=INCIDENT_ROLES,
            count_roles=ACTOR_ROLES,
            error=error,
            json_query=urlencode(kept | {"sort": sort, "limit": limit, "offset": offset}),
            sort=sort,
            limit=limit,
            offset=offset,
            sorts={
                column: page(sort=f"-{column}" if sort == column else column, offset=0)
                for column in ("date", "type", "place")
            },
            previous_page=page(offset=max(offset - limit, 0)) if offset else None,
            next_page=page(offset=offset + limit) if more else None,
        )

    @router.get("/view/incidents/{article_id:path}/{local_id}")
    def incident_page(request: Request, article_id: str, local_id: str) -> HTMLResponse:
        found = lookups.incident(article_id, local_id)
        if found is None:
            return not_found(request, f"no incident {article_id}/{local_id}")
        return render(
            request,
            "incident.html",
            title=f"{found['type']} incident",
            incident=found,
            json_path=f"/incidents/{quote(article_id, safe='')}/{quote(local_id, safe='')}",
        )

    @router.get("/view/articles")
    def article_list(request: Request) -> HTMLResponse:
        return render(request, "articles.html", title="Articles", rows=queries.list_articles(store))

    @router.get("/view/articles/{article_id:path}")
    def article_page(request: Request, article_id: str) -> HTMLResponse:
        found = lookups.article(article_id)
        if found is None:
            return not_found(request, f"no article {article_id!r}")
        links = Links(iris, str(request.scope.get("root_path", "")).rstrip("/"))
        highlights = [
            Highlight(
                m["start"],
                m["end"],
                f"mention {m['type']}",
                links.entity(m["entity"]),
                f"{m['type']}: {m['name']}",
            )
            for m in found["mentions"]
        ] + [
            Highlight(
                t["start"], t["end"], "trigger", links.incident(t["incident"]), f"{t['type']}"
            )
            for t in found["triggers"]
        ]
        return render(
            request,
            "article.html",
            title=found["headline"] or found["id"],
            article=found,
            body=annotate(found["text"], highlights),
            json_path=f"/articles/{quote(article_id, safe='')}",
        )

    @router.get("/view/map")
    def map_page(
        request: Request,
        form: Annotated[IncidentForm, Depends()],
    ) -> HTMLResponse:
        """The map and timeline: the form and two empty panes; `static/map.js` fills them
        from `/map` (api/routes/map.py), with the same filters as `/view/incidents`."""
        filters = form.values()
        return render(
            request,
            "map.html",
            title="Map and timeline",
            filters=filters,
            types=sorted(incident_types()),
            json_query=urlencode({k: v for k, v in filters.items() if v}),
        )

    @router.get("/view/sparql")
    def sparql_page(request: Request, query: str = "") -> HTMLResponse:
        return render(
            request,
            "sparql.html",
            title="SPARQL",
            examples=SPARQL_EXAMPLES,
            query=query or SPARQL_EXAMPLES[0][1],
        )

    @router.get("/id/{path:path}")
    def resolve(request: Request, path: str) -> Response:
        """An IRI under the base, dereferenced: a page for browsers, JSON or RDF for clients."""
        # `path` is percent-decoded: an article id may hold "/", an incident's local id never.
        kind, _, local = path.partition("/")
        parts = local.split("/")
        if kind == "incident" and len(parts) > 2:
            parts = list(local.rsplit("/", 1))
        if kind == "entity" and len(parts) == 2 and parts[0] in ENTITY_TYPES:
            iri = iris.entity(local)
            page = f"/view/entities/{local}"
            found = queries.entity_detail(store, iri)
        elif kind == "incident" and len(parts) == 2:
            iri = iris.incident(parts[0], parts[1])
            page = f"/view/incidents/{quote(parts[0], safe='')}/{quote(parts[1], safe='')}"
            found = lookups.incident(parts[0], parts[1])
        elif kind == "article" and local:
            iri = iris.article(local)
            page = f"/view/articles/{quote(local, safe='')}"
            found = lookups.article(local)
        else:
            return JSONResponse({"error": f"no resource {path!r} here"}, status_code=404)
        if found is None:
            return JSONResponse({"error": f"nothing is known of {iri}"}, status_code=404)
        offered = ["text/html", "application/json", *GRAPH_FORMATS]
        media = negotiate(request.headers.get("accept"), offered, "application/json")
        vary = {"Vary": "Accept"}
        if media == "text/html":
            root = str(request.scope.get("root_path", "")).rstrip("/")
            return RedirectResponse(f"{root}{page}", status_code=303, headers=vary)
        if media == "application/json":
            return JSONResponse(found, headers=vary)
        if media is None:
            return JSONResponse(
                {"error": f"cannot answer {iri} as {request.headers.get('accept')}"},
                status_code=406,
                headers=vary,
            )
        body = serialize_graph(queries.describe(store, iri), GRAPH_FORMATS[media])
        return Response(body, media_type=media, headers=vary)

    return router


# Pages load nothing from elsewhere and run no inline script: even a name that slipped past
# escaping could not execute.
_SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
}
