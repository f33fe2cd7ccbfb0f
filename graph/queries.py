"""The lookups the CLI and service need, as SPARQL with bound values, never concatenated input."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import Any

import pyoxigraph as ox
from rdflib.namespace import OWL, XSD

from newsgraph.graph.ontology import incident_types
from newsgraph.graph.store import GraphStore, QueryError, QueryTimeout, is_graph_result
from newsgraph.graph.vocab import ENTITY_CLASSES, NG, SDO, WGS84


def _rows(result: Any) -> list[dict[str, Any]]:
    if not isinstance(result, ox.QuerySolutions):
        raise TypeError("expected a SELECT result")
    variables = [v.value for v in result.variables]
    rows = []
    for solution in result:
        row: dict[str, Any] = {}
        for name in variables:
            term = solution[name]
            row[name] = None if term is None else term.value
        rows.append(row)
    return rows


def _select(
    store: GraphStore, sparql: str, **bindings: ox.NamedNode | ox.Literal
) -> list[dict[str, Any]]:
    """Run a SELECT whose variables are bound with VALUES built from RDF terms."""
    if bindings:
        names = " ".join(f"?{name}" for name in bindings)
        values = " ".join(str(term) for term in bindings.values())
        sparql = sparql.replace("{BINDINGS}", f"VALUES ({names}) {{ ({values}) }}")
    else:
        sparql = sparql.replace("{BINDINGS}", "")
    result = store.query(sparql)
    try:
        return _rows(result)
    finally:
        # pyoxigraph results must be freed on the thread that made them (see api.app).
        del result


@dataclass
class Stats:
    articles: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    incidents: dict[str, int] = field(default_factory=dict)
    triples: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "entities": dict(self.entities),
            "incidents": dict(self.incidents),
            "triples": self.triples,
        }


ENTITY_TYPE_NAMES = {str(iri): entity_type for entity_type, iri in ENTITY_CLASSES.items()}


def stats(store: GraphStore) -> Stats:
    """Articles, entities by type, incidents by type, and stored quads."""
    result = Stats(triples=store.triple_count())
    rows = _select(store, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }")
    result.articles = int(rows[0]["n"]) if rows else 0
    for row in _select(
        store,
        "SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e ng:resolutionKey ?k ; a ?type }"
        " GROUP BY ?type",
    ):
        name = ENTITY_TYPE_NAMES.get(row["type"])
        if name:
            result.entities[name] = int(row["n"])
    names = {iri: name for name, iri in incident_types().items()}
    for row in _select(
        store,
        "SELECT ?type (COUNT(DISTINCT ?i) AS ?n) WHERE { ?i a sem:Event ; sem:eventType ?type }"
        " GROUP BY ?type",
    ):
        result.incidents[names.get(row["type"], row["type"])] = int(row["n"])
    return result


def search_entities(
    store: GraphStore,
    text: str,
    *,
    entity_type: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Entities whose name or alternate name contains `text`, case-insensitively, the most
    mentioned first; one row each, named by the least of its names (as in exports).

    The entities are picked and their mentions counted before names are joined: in the union
    of the article graphs an entity's name and key match once per article stating them, and
    joining them with every label and mention first multiplies the rows.
    """
    selector = "?entity ng:resolutionKey ?anyKey ."
    if entity_type:
        classes = {v: k for k, v in ENTITY_TYPE_NAMES.items()}
        if entity_type not in classes:
            raise ValueError(f"unknown entity type {entity_type!r}; use one of {sorted(classes)}")
        selector += f" ?entity a {ox.NamedNode(classes[entity_type])} ."
    needle = text.casefold()
    if needle:
        selector += (
            " { ?entity schema:name ?label } UNION { ?entity schema:alternateName ?label }"
            f" FILTER(CONTAINS(LCASE(STR(?label)), {ox.Literal(needle)}))"
        )
    sparql = f"""
        SELECT ?entity (MIN(?anyName) AS ?name) (MIN(?anyKey) AS ?key) ?mentions WHERE {{
          {{ SELECT ?entity (COUNT(DISTINCT ?mention) AS ?mentions) WHERE {{
              {{ SELECT DISTINCT ?entity WHERE {{ {selector} }} }}
              OPTIONAL {{ ?entity gaf:denotedBy ?mention }}
            }} GROUP BY ?entity }}
          ?entity ng:resolutionKey ?anyKey ; schema:name ?anyName .
        }}
        GROUP BY ?entity ?mentions
        ORDER BY DESC(?mentions) ?name ?entity
        LIMIT {int(limit)} OFFSET {int(offset)}
    """
    return _select(store, sparql)


# The parts of an entity's lookup: graph patterns over ?e binding ?a to ?d.
_ENTITY_PARTS = {
    "head": "?e ng:resolutionKey ?a ; schema:name ?b ; a ?c",
    "alt": "?e schema:alternateName ?a",
    "mention": """?e gaf:denotedBy ?m . ?m nif:beginIndex ?b ; nif:endIndex ?c ;
        nif:anchorOf ?d ; nif:referenceContext/nif:sourceUrl ?a""",
    "detail": """?e ?a ?b . FILTER(?a IN (schema:honorificPrefix, schema:description,
        ng:subtype, wgs84:lat, wgs84:long, schema:addressCountry, owl:sameAs))""",
    "incident": """?a a sem:Event ; sem:eventType ?b ; ?c ?e .
        FILTER(?c NOT IN (sem:hasActor, sem:hasPlace))""",
}


def _entity_parts(store: GraphStore, entity: ox.NamedNode) -> dict[str, list[dict[str, Any]]]:
    """The rows of each part of an entity's lookup.

    One query, each part a branch of a UNION tagged by `?part`: a lookup costs one round
    trip to the engine, not one per part. A server that caps its answers below the whole
    (Virtuoso's ResultSetMaxRows) is asked one part at a time, as each may still fit."""

    def branch(part: str) -> str:
        pattern = _ENTITY_PARTS[part].replace("?e", str(entity))
        return f'{{ BIND("{part}" AS ?part) {pattern} }}'

    def select(parts: list[str]) -> list[dict[str, Any]]:
        union = " UNION ".join(branch(part) for part in parts)
        return _select(store, f"SELECT DISTINCT ?part ?a ?b ?c ?d WHERE {{ {union} }}")

    try:
        rows = select(list(_ENTITY_PARTS))
    except QueryTimeout:
        raise
    except QueryError:
        rows = [row for part in _ENTITY_PARTS for row in select([part])]
    parts: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        parts.setdefault(row["part"], []).append(row)
    return parts


def entity_by_key(store: GraphStore, entity_iri: str) -> dict[str, Any] | None:
    """One entity's names, types and mentions with their articles and offsets."""
    parts = _entity_parts(store, ox.NamedNode(entity_iri))
    head = [{"key": r["a"], "name": r["b"], "type": r["c"]} for r in parts.get("head", [])]
    if not head:
        return None
    names = [{"alt": alt} for alt in sorted({r["a"] for r in parts.get("alt", [])})]
    mentions = sorted(
        (
            {"article": r["a"], "start": r["b"], "end": r["c"], "text": r["d"]}
            for r in parts.get("mention", [])
        ),
        key=lambda m: (m["article"], int(m["start"])),
    )
    types = sorted({ENTITY_TYPE_NAMES.get(row["type"], row["type"]) for row in head})
    details = [
        {"p": p, "value": value}
        for p, value in sorted({(r["a"], r["b"]) for r in parts.get("detail", [])}, key=_by_value)
    ]
    keys = {
        str(SDO.honorificPrefix): "title",
        str(SDO.description): "description",
        str(NG.subtype): "subtype",
        str(WGS84.lat): "latitude",
        str(WGS84.long): "longitude",
        str(SDO.addressCountry): "country_code",
    }
    properties: dict[str, Any] = {}
    links: dict[str, str] = {}
    for row in details:
        if row["p"] == str(OWL.sameAs):
            if row["value"].startswith("https://sws.geonames.org/"):
                links["geonames"] = row["value"].rstrip("/").rsplit("/", 1)[-1]
            continue
        key = keys[row["p"]]
        if key == "description":
            properties.setdefault(key, []).append(row["value"])
        elif key in ("latitude", "longitude"):
            properties[key] = float(row["value"])
        else:
            properties[key] = row["value"]
    incidents = [
        {"incident": incident, "type": kind, "role": role}
        for incident, role, kind in sorted(
            {(r["a"], r["c"], r["b"]) for r in parts.get("incident", [])}
        )
    ]
    type_names = {iri: name for name, iri in incident_types().items()}
    counts: dict[str, int] = {}
    for row in mentions:
        counts[row["article"]] = counts.get(row["article"], 0) + 1
    return {
        "iri": entity_iri,
        "key": head[0]["key"],
        "name": head[0]["name"],
        "types": types,
        "alternate_names": [row["alt"] for row in names],
        "properties": properties,
        "links": links,
        "mention_counts": counts,
        "mentions": [
            {
                "article": row["article"],
                "start": int(row["start"]),
                "end": int(row["end"]),
                "text": row["text"],
            }
            for row in mentions
        ],
        "incidents": [
            {
                "iri": row["incident"],
                "type": type_names.get(row["type"], row["type"]),
                "role": _local_name(row["role"]),
            }
            for row in incidents
        ],
    }


def _by_value(item: tuple[str, str]) -> tuple[str, int, float, str]:
    """Property, then value as SPARQL orders them: numbers by number, before text."""
    predicate, value = item
    try:
        return (predicate, 0, float(value), "")
    except ValueError:
        return (predicate, 1, 0.0, value)


def entity_detail(store: GraphStore, entity_iri: str) -> dict[str, Any] | None:
    """One entity as `entity_by_key` gives it, with its `relations` in both directions."""
    found = entity_by_key(store, entity_iri)
    if found is not None:
        found["relations"] = entity_relations(store, entity_iri)
    return found


def _local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def list_articles(store: GraphStore) -> list[dict[str, Any]]:
    return _select(
        store,
        """SELECT ?article ?id ?published ?headline ?hash WHERE {
             ?article a schema:NewsArticle ; schema:identifier ?id ; ng:contentHash ?hash .
             OPTIONAL { ?article schema:datePublished ?published }
             OPTIONAL { ?article schema:headline ?headline }
           } ORDER BY ?id""",
    )


def _relation_values() -> str:
    from newsgraph.graph.ontology import relation_properties

    return " ".join(str(ox.NamedNode(iri)) for iri in sorted(set(relation_properties().values())))


def entity_relations(store: GraphStore, entity_iri: str) -> list[dict[str, Any]]:
    """Relations of an entity in both directions, each with its evidence span and article."""
    # The entity's statements first, from the entity as a constant (a NamedNode is a checked
    # IRI); bound through VALUES outside a UNION, Oxigraph scanned every relation statement.
    # (A statement describes a triple its graph asserts: the shapes check it.)
    entity = ox.NamedNode(entity_iri)
    rows = _select(
        store,
        f"""SELECT ?direction ?predicate ?other ?otherName ?confidence ?article ?start ?end ?anchor
        WHERE {{
          {{ SELECT DISTINCT ?st ?predicate ?other ?direction WHERE {{
            {{ ?st rdf:subject {entity} ; rdf:predicate ?predicate ; rdf:object ?other .
               BIND("out" AS ?direction) }}
            UNION
            {{ ?st rdf:object {entity} ; rdf:predicate ?predicate ; rdf:subject ?other .
               BIND("in" AS ?direction) }}
          }} }}
          VALUES ?predicate {{ {_relation_values()} }}
          ?st ng:confidence ?confidence ; prov:wasDerivedFrom ?article ;
              gaf:denotedBy ?span .
          ?span nif:beginIndex ?start ; nif:endIndex ?end ; nif:anchorOf ?anchor .
          OPTIONAL {{ ?other schema:name ?otherName }}
        }} ORDER BY ?direction ?predicate ?other ?article ?start""",
    )
    relations: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in rows:
        key = (row["direction"], row["predicate"], row["other"])
        relation = relations.setdefault(
            key,
            {
                "direction": row["direction"],
                "predicate": row["predicate"],
                "type": row["predicate"].rsplit("#", 1)[-1],
                "other": row["other"],
                "other_name": row["otherName"],
                "evidence": [],
            },
        )
        evidence = {
            "article": row["article"],
            "start": int(row["start"]),
            "end": int(row["end"]),
            "text": row["anchor"],
            "confidence": float(row["confidence"]),
        }
        if evidence not in relation["evidence"]:
            relation["evidence"].append(evidence)
    return list(relations.values())


def _neighbours_of(store: GraphStore, frontier: list[str]) -> list[tuple[str, str, str]]:
    """(source, predicate, target) relation triples touching any frontier entity."""
    if not frontier:
        return []
    values = " ".join(str(ox.NamedNode(iri)) for iri in frontier)
    rows = _select(
        store,
        f"""SELECT DISTINCT ?s ?p ?o WHERE {{
          VALUES ?p {{ {_relation_values()} }}
          VALUES ?x {{ {values} }}
          {{ ?x ?p ?o . BIND(?x AS ?s) }} UNION {{ ?s ?p ?x . BIND(?x AS ?o) }}
        }}""",
    )
    return [(row["s"], row["p"], row["o"]) for row in rows]


def neighbourhood(
    store: GraphStore, entity_iri: str, depth: int = 1, *, max_nodes: int = 500
) -> tuple[set[str], list[tuple[str, str, str]]]:
    """Entities within `depth` relation hops of an entity, and the relations between them."""
    if depth < 0:
        raise ValueError("depth must be 0 or more")
    seen = {entity_iri}
    frontier = [entity_iri]
    edges: set[tuple[str, str, str]] = set()
    for _ in range(depth):
        found = _neighbours_of(store, frontier)
        edges.update(found)
        next_frontier = []
        for source, _, target in found:
            for node in (source, target):
                if node not in seen and len(seen) < max_nodes:
                    seen.add(node)
                    next_frontier.append(node)
        frontier = next_frontier
        if not frontier:
            break
    kept = [edge for edge in sorted(edges) if edge[0] in seen and edge[2] in seen]
    return seen, kept


def paths(
    store: GraphStore, source: str, target: str, *, max_length: int = 4, limit: int = 10
) -> list[list[tuple[str, str, str]]]:
    """Shortest relation paths between two entities (either direction), up to `max_length`."""
    import networkx as nx

    _, edges = neighbourhood(store, source, depth=max_length)
    graph = nx.MultiGraph()
    for s, p, o in edges:
        graph.add_edge(s, o, key=p, source=s, target=o)
    if source not in graph or target not in graph:
        return []
    found: list[list[tuple[str, str, str]]] = []
    try:
        for node_path in nx.all_shortest_paths(graph, source, target):
            hops = []
            for a, b in pairwise(node_path):
                data = next(iter(graph.get_edge_data(a, b).values()))
                hops.append((data["source"], next(iter(graph.get_edge_data(a, b))), data["target"]))
            found.append(hops)
            if len(found) >= limit:
                break
    except nx.NetworkXNoPath:
        return []
    return found


def _incident_type_iri(name: str) -> str:
    types = incident_types()
    if name not in types:
        raise ValueError(f"unknown incident type {name!r}; use one of {', '.join(sorted(types))}")
    return types[name]


# How incidents may be sorted: by their first day, their type or their own place's name,
# ascending or (with "-") descending.
INCIDENT_SORTS = ("date", "-date", "type", "-type", "place", "-place")
_SORT_FIELDS = {"date": "begin", "type": "type", "place": "place"}


def sort_incidents(rows: list[dict[str, Any]], sort: str) -> list[dict[str, Any]]:
    """The incidents by `sort` (one of `INCIDENT_SORTS`): those without the value (no
    resolved day, no place) last either way; ties by first day, then by IRI."""
    field = _SORT_FIELDS[sort.removeprefix("-")]
    ordered = sorted(rows, key=lambda row: (row.get("begin") or "\uffff", row["iri"]))
    having = [row for row in ordered if row.get(field)]
    # A stable sort keeps the ties' order, also in reverse.
    having.sort(key=lambda row: str(row[field]), reverse=sort.startswith("-"))
    return having + [row for row in ordered if not row.get(field)]


def find_incidents(
    store: GraphStore,
    *,
    incident_type: str | None = None,
    place: str | None = None,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = 100,
    offset: int = 0,
    incident: str | None = None,
    sort: str | None = None,
    merged: bool = False,
    modality: str | None = None,
) -> list[dict[str, Any]]:
    """Incidents by type, place (or any place inside it), actor in any role, and time.

    `since` and `until` are ISO dates compared with the incident's time span; incidents
    without a resolved time are left out when either is given. `sort` is one of
    `INCIDENT_SORTS` (see `sort_incidents`); without it they come in the order of their
    first day. `limit` and `offset` page the sorted incidents.

    With `merged`, the incidents several articles report (graph/merge.py) come as one, their
    merged incident, when any of its reports passes the filters (see `_merge_found`). With
    `modality`, only incidents of that modality (a merged one is asserted when any report
    asserts it).
    """
    if sort is not None and sort not in INCIDENT_SORTS:
        raise ValueError(f"sort is one of {', '.join(INCIDENT_SORTS)}; not {sort!r}")

    for value in (since, until):
        if value:
            date.fromisoformat(value)  # raises ValueError on anything but an ISO date
    # The selective conditions pick the incidents first, from constants (checked RDF terms):
    # as filters over every incident, the lookup grew with the whole graph.
    anchors = []
    if incident:
        anchors.append(f"VALUES ?i {{ {ox.NamedNode(incident)} }}")
    if incident_type:
        anchors.append(f"?i sem:eventType {ox.NamedNode(_incident_type_iri(incident_type))} .")
    if place:
        # The place and every place inside it, first: joined in one query, Oxigraph reads
        # every incident's place to match them (a hash join), and the lookup grows with the
        # store; as constants it looks each one up.
        within = f"?p (ng:partOf|schema:containedInPlace)* {ox.NamedNode(place)}"
        inside = _select(store, f"SELECT DISTINCT ?p WHERE {{ {within} }}")
        places = " ".join(str(ox.NamedNode(row["p"])) for row in inside)
        anchors.append(f"VALUES ?p {{ {places} }} ?i sem:hasPlace ?p .")
    if actor:
        anchors.append(f"?i sem:hasActor {ox.NamedNode(actor)} .")
    selected = ""
    if anchors:
        # The incidents these select, as constants too: a subquery is joined by hash, which
        # reads every incident.
        picked = _select(store, f"SELECT DISTINCT ?i WHERE {{ {' '.join(anchors)} }}")
        if not picked:
            return []
        selected = f"VALUES ?i {{ {' '.join(str(ox.NamedNode(row['i'])) for row in picked)} }}"
    filters = []
    if since:
        day = ox.Literal(since, datatype=ox.NamedNode(str(XSD.date)))
        filters.append(f"FILTER(BOUND(?end) && ?end >= {day})")
    if until:
        day = ox.Literal(until, datatype=ox.NamedNode(str(XSD.date)))
        filters.append(f"FILTER(BOUND(?begin) && ?begin <= {day})")
    sparql = f"""
        SELECT ?i ?type ?modality ?confidence ?article ?placeName ?ownName ?site ?timeText
               ?begin ?end ?precision
        WHERE {{
          {selected}
          ?i a sem:Event ; sem:eventType ?type ; ng:modality ?modality ; ng:confidence ?confidence ;
             prov:wasDerivedFrom ?article .
          OPTIONAL {{ ?i sem:hasPlace ?placeEntity . ?placeEntity schema:name ?placeName }}
          OPTIONAL {{ ?i ng:place ?own . ?own schema:name ?ownName }}
          OPTIONAL {{ ?i ng:site ?site }}
          OPTIONAL {{ ?i ng:timeText ?timeText }}
          OPTIONAL {{ ?i ng:timePrecision ?precision }}
          OPTIONAL {{ ?i sem:hasTimeStamp ?stamp }}
          OPTIONAL {{ ?i sem:hasBeginTimeStamp ?beginStamp }}
          OPTIONAL {{ ?i sem:hasEndTimeStamp ?endStamp }}
          BIND(COALESCE(?beginStamp, IF(DATATYPE(?stamp) = xsd:date, ?stamp, ?unbound)) AS ?begin)
          BIND(COALESCE(?endStamp, IF(DATATYPE(?stamp) = xsd:date, ?stamp, ?unbound)) AS ?end)
          {" ".join(filters)}
        }}
        ORDER BY ?begin ?i
    """
    rows = _select(store, sparql)
    names = {iri: name for name, iri in incident_types().items()}
    found: dict[str, dict[str, Any]] = {}
    for row in rows:
        item = found.setdefault(
            row["i"],
            {
                "iri": row["i"],
                "type": names.get(row["type"], row["type"]),
                "modality": row["modality"],
                "confidence": float(row["confidence"]),
                "article": row["article"],
                "places": [],
                "site": row["site"],
                "time": row["timeText"],
                "precision": row["precision"],
                "begin": row["begin"],
                "end": row["end"],
            },
        )
        if row["placeName"] and row["placeName"] not in item["places"]:
            item["places"].append(row["placeName"])
        own = row["ownName"]
        if own and own < item.get("place", own + "\uffff"):
            item["place"] = own  # the least of its names, as the events table takes it
    if merged:
        found = _merge_found(store, found)
    if modality is not None:
        found = {iri: item for iri, item in found.items() if item["modality"] == modality}
    if sort is None:
        # As the query's ORDER BY ?begin ?i: those without a first day first.
        rows = sorted(
            found.values(),
            key=lambda row: (row["begin"] is not None, row["begin"] or "", row["iri"]),
        )
    else:
        rows = sort_incidents(list(found.values()), sort)
    return rows[offset:] if limit is None else rows[offset : offset + limit]


def _merge_found(store: GraphStore, found: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The incidents with each merged incident in place of its members: its fields are those
    of the member with the most precise time (then IRI), its places those of all members, its
    article the lead member's, asserted when any member is."""
    from newsgraph.graph.events_table import batched, merged_of

    into: dict[str, str] = {}
    for batch in batched(found):
        into.update(merged_of(store, batch))
    if not into:
        return found
    groups: dict[str, list[dict[str, Any]]] = {}
    out: dict[str, dict[str, Any]] = {}
    for iri, item in found.items():
        target = into.get(iri)
        if target is None:
            out[iri] = item
        else:
            groups.setdefault(target, []).append(item)
    for target, items in groups.items():

        def span(item: dict[str, Any]) -> tuple[float, str]:
            if item["begin"] and item["end"]:
                days = (date.fromisoformat(item["end"]) - date.fromisoformat(item["begin"])).days
                return (float(days), item["iri"])
            return (float("inf"), item["iri"])

        chosen = min(items, key=span)
        lead = dict(chosen)
        lead["iri"] = target
        lead["places"] = list(dict.fromkeys(p for item in items for p in item["places"]))
        if any(item["modality"] == "asserted" for item in items):
            lead["modality"] = "asserted"
        out[target] = lead
    return out


def incident_detail(store: GraphStore, incident_iri: str) -> dict[str, Any] | None:
    """One incident: its type, every role with its filler, counts, source and evidence."""
    found = find_incidents(store, incident=incident_iri)
    if not found:
        return None
    detail = found[0]
    node = ox.NamedNode(incident_iri)
    detail["roles"] = [
        {
            "role": _local_name(row["role"]),
            "iri": row["who"],
            "name": row["name"],
        }
        for row in _select(
            store,
            """SELECT DISTINCT ?role ?who ?name WHERE { {BINDINGS}
                 ?i ?role ?who . ?who schema:name ?name .
                 FILTER(?role NOT IN (sem:hasActor, sem:hasPlace, schema:subjectOf,
                                      prov:wasAttributedTo, prov:wasDerivedFrom)) }
               ORDER BY ?role ?name""",
            i=node,
        )
    ]
    detail["counts"] = [
        {
            "of": row["of"],
            "quantity": int(row["quantity"]),
            "qualifier": row["qualifier"],
            "text": row["text"],
        }
        for row in _select(
            store,
            """SELECT ?of ?quantity ?qualifier ?text WHERE { {BINDINGS}
                 ?i ng:hasCount ?c . ?c ng:countOf ?of ; ng:quantity ?quantity ; ng:qualifier ?qualifier ;
                    gaf:denotedBy/nif:anchorOf ?text }""",
            i=node,
        )
    ]
    detail["evidence"] = [
        {
            "start": int(row["start"]),
            "end": int(row["end"]),
            "text": row["text"],
            "sentence": row["sentence"],
        }
        for row in _select(
            store,
            """SELECT ?start ?end ?text ?sentence WHERE { {BINDINGS}
                 ?i gaf:denotedBy ?m . ?m nif:beginIndex ?start ; nif:endIndex ?end ; nif:anchorOf ?text ;
                    nif:referenceContext ?ctx .
                 # The text is read inside the OPTIONAL: a BIND there sees only its own group.
                 OPTIONAL { ?s a nif:Sentence ; nif:referenceContext ?ctx ; nif:beginIndex ?sb ; nif:endIndex ?se .
                            ?ctx nif:isString ?whole .
                            FILTER(?sb <= ?start && ?end <= ?se)
                            BIND(SUBSTR(?whole, ?sb + 1, ?se - ?sb) AS ?sentence) }
               } ORDER BY xsd:integer(?start)""",
            i=node,
        )
    ]
    source = _select(
        store,
        """SELECT ?name WHERE { {BINDINGS} ?i prov:wasAttributedTo ?a . ?a schema:name ?name }""",
        i=node,
    )
    detail["attribution"] = source[0]["name"] if source else None
    return detail


def merged_incident_detail(store: GraphStore, merged_iri: str) -> dict[str, Any] | None:
    """An incident several articles report: the fields of its lead report (see
    `_merge_found`), and the roles, counts and evidence of every report, each count and
    piece of evidence with the article that gives it."""
    members = [
        row["m"]
        for row in _select(
            store,
            "SELECT ?m WHERE { {BINDINGS} ?i ng:hasMember ?m } ORDER BY ?m",
            i=ox.NamedNode(merged_iri),
        )
    ]
    details = [d for d in (incident_detail(store, member) for member in members) if d is not None]
    if not details:
        return None
    merged = _merge_found(store, {d["iri"]: d for d in details})
    detail = merged.get(merged_iri)
    if detail is None:
        return None
    roles: dict[tuple[str, str], dict[str, Any]] = {}
    for part in details:
        for role in part["roles"]:
            roles.setdefault((role["role"], role["iri"]), role)
    detail["roles"] = sorted(roles.values(), key=lambda r: (r["role"], r["name"]))
    detail["counts"] = [count for part in details for count in part["counts"]]
    detail["evidence"] = [evidence for part in details for evidence in part["evidence"]]
    detail["by_article"] = [
        {
            "article": part["article"],
            "incident": part["iri"],
            "counts": part["counts"],
            "evidence": part["evidence"],
        }
        for part in details
    ]
    return detail


def article_annotations(store: GraphStore, article_iri: str) -> dict[str, Any] | None:
    """An article's text with every entity mention and incident trigger on it, for display."""
    head = _select(
        store,
        """SELECT ?id ?text ?published ?headline ?url WHERE { {BINDINGS}
             ?a schema:identifier ?id ; ng:text/nif:isString ?text .
             OPTIONAL { ?a schema:datePublished ?published }
             OPTIONAL { ?a schema:headline ?headline }
             OPTIONAL { ?a schema:url ?url } }""",
        a=ox.NamedNode(article_iri),
    )
    if not head:
        return None
    mentions = _select(
        store,
        """SELECT DISTINCT ?start ?end ?entity ?name ?type ?kind WHERE { {BINDINGS}
             ?a ng:text ?ctx . ?m nif:referenceContext ?ctx ; nif:beginIndex ?start ; nif:endIndex ?end .
             ?entity gaf:denotedBy ?m ; ng:resolutionKey ?key ; schema:name ?name ; a ?type .
             OPTIONAL { ?m ng:mentionKind ?kind }
             FILTER(?type IN (schema:Person, schema:Organization, schema:Place)) }
           ORDER BY xsd:integer(?start)""",
        a=ox.NamedNode(article_iri),
    )
    names = {iri: name for name, iri in incident_types().items()}
    triggers = _select(
        store,
        """SELECT DISTINCT ?start ?end ?incident ?type WHERE { {BINDINGS}
             ?a ng:text ?ctx . ?m nif:referenceContext ?ctx ; nif:beginIndex ?start ; nif:endIndex ?end .
             ?incident a sem:Event ; gaf:denotedBy ?m ; sem:eventType ?type ; prov:wasDerivedFrom ?a }
           ORDER BY xsd:integer(?start)""",
        a=ox.NamedNode(article_iri),
    )
    row = head[0]
    return {
        "iri": article_iri,
        "id": row["id"],
        "published": row["published"],
        "headline": row["headline"],
        "url": row["url"],
        "text": row["text"],
        "mentions": [
            {
                "start": int(m["start"]),
                "end": int(m["end"]),
                "entity": m["entity"],
                "name": m["name"],
                "type": ENTITY_TYPE_NAMES.get(m["type"], m["type"]),
                "kind": m["kind"] or "name",
            }
            for m in mentions
        ],
        "triggers": [
            {
                "start": int(t["start"]),
                "end": int(t["end"]),
                "incident": t["incident"],
                "type": names.get(t["type"], t["type"]),
            }
            for t in triggers
        ],
    }


def describe(store: GraphStore, iri: str) -> list[ox.Triple]:
    """What the graph says of an IRI, in and out, with the text spans that denote it."""
    result = store.query(
        f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{
          VALUES ?x {{ {ox.NamedNode(iri)} }}
          {{ ?x ?p ?o . BIND(?x AS ?s) }}
          UNION {{ ?s ?p ?x . BIND(?x AS ?o) }}
          UNION {{ ?x gaf:denotedBy ?s . ?s ?p ?o }}
        }}"""
    )
    try:
        if not is_graph_result(result):
            raise TypeError("CONSTRUCT gave no graph")
        return list(result)  # type: ignore[arg-type]
    finally:
        # pyoxigraph results must be freed on the thread that made them (see api.app).
        del result
