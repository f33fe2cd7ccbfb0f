"""The events table: one row per incident, in the columns analysts load from ACLED, GDELT or
PLOVER (type codes, date and its precision, place with coordinates, the actor dyad, every
role, counts, modality, sources, evidence), read from the store a batch of incidents at a time.

A row's values are plain: text, numbers, None where the graph holds nothing, and lists of text
for the columns that may hold several values (`LIST_COLUMNS`); the CSV writer joins those with
"; ". The README's "Events table" section documents every column.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from functools import cache
from itertools import islice
from typing import Any
from urllib.parse import unquote

import pyoxigraph as ox
import rdflib

from newsgraph.graph.ontology import incident_types, taxonomy
from newsgraph.graph.queries import _select
from newsgraph.graph.store import GraphStore, OxigraphStore
from newsgraph.graph.vocab import NG, SEM

# Incident roles, as the ontology's role properties name them (ng:attacker, ...): the actors,
# then the places a movement starts from and goes to. tests/graph/test_events_table.py checks
# them against graph/ontology.ttl.
ACTOR_ROLES = (
    "attacker",
    "target",
    "victim",
    "agent",
    "detainee",
    "participant",
    "instrument",
    "artifact",
    "vehicle",
)
ROLES = (*ACTOR_ROLES, "origin", "destination")
# The incident's own place (ng:place), as the extractor chose it, apart from every place it
# names (sem:hasPlace, "place" below).
OWN_PLACE = "own_place"

# ACLED's dyad: actor 1 is who acts, actor 2 who is acted on (or the other side of a clash).
_ACTOR1_ROLES = ("attacker", "agent", "participant")
_ACTOR2_ROLES = ("target", "detainee", "participant", "victim")

# Place kinds (ng:subtype, as the gazetteer names them) to geo precision, finest first.
_GEO_PRECISION = {
    "city": "city",
    "admin1": "region",
    "admin2": "region",
    "region": "region",
    "country": "country",
    "continent": "continent",
}
_FINENESS = {"city": 0, "region": 1, "country": 2, "continent": 3}

_SCHEMES = {
    "acled": "https://w3id.org/newsgraph/acled/",
    "cameo": "https://w3id.org/newsgraph/cameo/",
    "plover": "https://w3id.org/newsgraph/plover/",
}

COLUMNS: tuple[str, ...] = (
    "id",
    "iri",
    "type",
    "acled",
    "acled_related",
    "cameo",
    "cameo_related",
    "plover",
    "plover_related",
    "date",
    "begin",
    "end",
    "time_precision",
    "time",
    "place",
    "place_id",
    "geonames_id",
    "latitude",
    "longitude",
    "geo_precision",
    "country_code",
    "site",
    "places",
    "actor1",
    "actor1_id",
    "actor2",
    "actor2_id",
    *ROLES,
    *(f"{role}_{part}" for role in ACTOR_ROLES for part in ("count", "count_qualifier")),
    "modality",
    "attribution",
    "confidence",
    "articles",
    "first_reported",
    "last_reported",
    "trigger",
    "evidence_sentence",
)
LIST_COLUMNS = frozenset(
    {
        "acled",
        "acled_related",
        "cameo",
        "cameo_related",
        "plover",
        "plover_related",
        "places",
        "trigger",
        *ROLES,
    }
)
# The columns of the cross-article merge (graph/merge.py), after COLUMNS: how many outlets
# report the incident (GDELT's NumSources; "articles" is NumArticles), the merged incident a
# single article's incident belongs to, the articles' own incidents a merged one stands for,
# the range of each count the articles give ("victim 30-34") and every count with its article.
MERGE_COLUMNS: tuple[str, ...] = (
    "sources",
    "merged_into",
    "reports",
    "count_ranges",
    "counts_reported",
)
TABLE_COLUMNS: tuple[str, ...] = (*COLUMNS, *MERGE_COLUMNS)
LIST_COLUMNS = LIST_COLUMNS | {"reports", "count_ranges", "counts_reported"}
INT_COLUMNS = frozenset({"articles", "sources", *(f"{role}_count" for role in ACTOR_ROLES)})
# The modality the table and the timeline keep unless asked for others: what the article
# asserts happened (not alleged, planned, foiled or merely reported).
DEFAULT_MODALITY = "asserted"
FLOAT_COLUMNS = frozenset({"latitude", "longitude", "confidence"})

# Incidents read per round of queries: small enough that no answer nears a server's row cap
# (Virtuoso's 10,000), large enough that a big store needs few rounds.
BATCH = 200


def batched(items: Iterable[str], size: int | None = None) -> Iterator[list[str]]:
    """The items in lists of `size` (else `BATCH`), read as the lists are taken."""
    iterator = iter(items)
    while batch := list(islice(iterator, size or BATCH)):
        yield batch


@cache
def _type_codes() -> dict[str, dict[str, list[str]]]:
    """Per incident type concept: its name and the ACLED, CAMEO and PLOVER notations it
    matches closely and loosely, as graph/taxonomy.ttl maps them."""
    graph = taxonomy()
    skos = rdflib.SKOS
    codes: dict[str, dict[str, list[str]]] = {}
    for name, concept in incident_types().items():
        entry: dict[str, list[str]] = {"type": [name]}
        for column, relation in (("", skos.closeMatch), ("_related", skos.relatedMatch)):
            for scheme, prefix in _SCHEMES.items():
                entry[scheme + column] = sorted(
                    str(graph.value(target, skos.notation))
                    for target in graph.objects(rdflib.URIRef(concept), relation)
                    if str(target).startswith(prefix)
                )
        codes[concept] = entry
    return codes


def incident_id(iri: str) -> str:
    """An incident's id as routes take it: its article's id, a slash, its local id; for a
    merged incident, `merged/KEY`."""
    if _MERGED_PATH in iri:
        return "merged/" + iri.rsplit("/", 1)[1]
    rest, local = iri.rsplit("/", 1)
    article = rest.rsplit("/", 1)[1]
    return f"{unquote(article)}/{unquote(local)}"


_MERGED_PATH = "/merged-incident/"


def is_merged(iri: str) -> bool:
    return _MERGED_PATH in iri


def _values(iris: Sequence[str]) -> str:
    return "VALUES ?i { " + " ".join(str(ox.NamedNode(iri)) for iri in iris) + " }"


_CORE = """SELECT ?i ?type ?modality ?confidence ?stamp ?begin ?end ?precision ?time ?site WHERE {
  {VALUES} ?i sem:eventType ?type .
  OPTIONAL { ?i ng:modality ?modality } OPTIONAL { ?i ng:confidence ?confidence }
  OPTIONAL { ?i sem:hasTimeStamp ?stamp } OPTIONAL { ?i sem:hasBeginTimeStamp ?begin }
  OPTIONAL { ?i sem:hasEndTimeStamp ?end } OPTIONAL { ?i ng:timePrecision ?precision }
  OPTIONAL { ?i ng:timeText ?time } OPTIONAL { ?i ng:site ?site } }"""
_ARTICLES = """SELECT ?i ?article ?published WHERE {
  {VALUES} ?i prov:wasDerivedFrom ?article . ?article a schema:NewsArticle .
  OPTIONAL { ?article schema:datePublished ?published } }"""
_ROLES = (
    """SELECT DISTINCT ?i ?role ?who WHERE { {VALUES} VALUES ?role { {ROLES} } ?i ?role ?who }"""
)
# What the fillers are, one property a row: an entity's triples are stated again by every
# article that names it, so joining two of them on one entity would multiply its rows by the
# number of its articles for each; the least value of each property stands for all.
_FACTS = """SELECT ?who ?property (MIN(?value) AS ?least) WHERE {
  {WHO} VALUES ?property { schema:name ng:resolutionKey ng:subtype wgs84:lat wgs84:long owl:sameAs
                           schema:addressCountry }
  ?who ?property ?value
  FILTER(?property != owl:sameAs || STRSTARTS(STR(?value), "https://sws.geonames.org/")) }
  GROUP BY ?who ?property"""
_FACT_NAMES = {
    "https://schema.org/name": "name",
    "https://w3id.org/newsgraph/ontology#resolutionKey": "key",
    "https://w3id.org/newsgraph/ontology#subtype": "subtype",
    "http://www.w3.org/2003/01/geo/wgs84_pos#lat": "lat",
    "http://www.w3.org/2003/01/geo/wgs84_pos#long": "long",
    "http://www.w3.org/2002/07/owl#sameAs": "same",
    "https://schema.org/addressCountry": "country",
}
_COUNTS = """SELECT ?i ?of ?quantity ?qualifier ?start WHERE {
  {VALUES} ?i ng:hasCount ?c . ?c ng:countOf ?of ; ng:quantity ?quantity .
  OPTIONAL { ?c ng:qualifier ?qualifier } OPTIONAL { ?c gaf:denotedBy/nif:beginIndex ?start } }"""
_EVIDENCE = """SELECT ?i ?start ?end ?text ?context WHERE {
  {VALUES} ?i gaf:denotedBy ?m . ?m nif:beginIndex ?start ; nif:endIndex ?end ;
     nif:anchorOf ?text ; nif:referenceContext ?context }"""
# The sentences and text of the articles of a batch, from their contexts: asked of every
# sentence in one join, the store reads all of its sentences each time.
_SENTENCES = """SELECT ?context ?begin ?end WHERE {
  {CONTEXTS} ?sentence nif:referenceContext ?context .
  ?sentence a nif:Sentence ; nif:beginIndex ?begin ; nif:endIndex ?end }"""
_TEXTS = """SELECT ?context ?text WHERE { {CONTEXTS} ?context nif:isString ?text }"""
_ATTRIBUTION = """SELECT DISTINCT ?i ?name WHERE {
  {VALUES} ?i prov:wasAttributedTo ?source . ?source schema:name ?name }"""


@cache
def _role_properties() -> dict[str, str]:
    properties = {str(NG[role]): role for role in ROLES}
    properties[str(SEM.hasPlace)] = "place"
    properties[str(NG.place)] = OWN_PLACE
    return properties


def _query(store: GraphStore, template: str, iris: Sequence[str]) -> list[dict[str, Any]]:
    roles = " ".join(f"<{iri}>" for iri in _role_properties())
    return _paged(store, template.replace("{VALUES}", _values(iris)).replace("{ROLES}", roles))


def _paged(store: GraphStore, sparql: str) -> list[dict[str, Any]]:
    """Every row of a batch's query. The embedded store answers whole; a server may cap the
    rows of an answer (Virtuoso's ResultSetMaxRows), so it is asked in pages of its
    `page_size`, in the order of the selected variables. A batch's answer is small: paging it
    by OFFSET costs little."""
    if isinstance(store, OxigraphStore):
        return _select(store, sparql)
    head = sparql[sparql.index("SELECT") + 6 : sparql.index("WHERE")]
    aliases = re.findall(r"AS (\?\w+)\)", head)
    plain = re.findall(r"\?\w+", re.sub(r"\((?:[^()]|\([^()]*\))*\)", "", head))
    order = " ".join(plain + aliases)
    size = getattr(store, "page_size", BATCH)
    rows: list[dict[str, Any]] = []
    while True:
        page = _select(store, f"{sparql} ORDER BY {order} LIMIT {size} OFFSET {len(rows)}")
        rows.extend(page)
        if len(page) < size:
            return rows


def _facts(store: GraphStore, who: Sequence[str]) -> dict[str, dict[str, str]]:
    """Name, key and, for places, kind, coordinates, GeoNames IRI and country of each."""
    if not who:
        return {}
    values = "VALUES ?who { " + " ".join(str(ox.NamedNode(iri)) for iri in who) + " }"
    facts: dict[str, dict[str, str]] = {}
    for row in _paged(store, _FACTS.replace("{WHO}", values)):
        facts.setdefault(row["who"], {})[_FACT_NAMES[row["property"]]] = row["least"]
    return facts


def _offset(iri: str) -> int:
    """Where an unnamed participant's words start: its IRI ends in /participant/START-END."""
    tail = iri.rsplit("/", 1)[-1].split("-", 1)[0]
    return int(tail) if tail.isdigit() else 0


class _Filler:
    """Who or what fills a role: a named entity (with its key) or words of the text."""

    def __init__(self, iri: str) -> None:
        self.iri = iri
        self.name = ""
        self.key: str | None = None

    def order(self) -> tuple[int, str, int]:
        # Named entities first, by name; then descriptions in the order the text gives them.
        return (0, self.name, 0) if self.key else (1, "", _offset(self.iri))


def event_rows(
    store: GraphStore, iris: Sequence[str], *, whole: bool = True
) -> list[dict[str, Any]]:
    """The table's rows for these incidents, in their order; an IRI that is no incident in
    the store gives no row. With `whole` False, only what an incident's graph node shows
    (type, time, place, modality, confidence, counts) is read: the fillers of other roles go
    unnamed, and sources, attribution and evidence stay empty.

    An IRI may name a merged incident (graph/merge.py): its row is made from its members'
    rows (see `_merged_row`)."""
    if not iris:
        return []
    merged = [iri for iri in iris if is_merged(iri)]
    members: dict[str, list[str]] = {}
    facts: dict[str, dict[str, Any]] = {}
    if merged:
        for found in _paged(store, _MEMBERS.replace("{VALUES}", _values(merged))):
            members.setdefault(found["i"], []).append(found["member"])
            facts[found["i"]] = found
    plain = list(
        dict.fromkeys(
            [iri for iri in iris if not is_merged(iri)]
            + [m for iri in merged for m in sorted(members.get(iri, []))]
        )
    )
    rows = {row["iri"]: row for row in _plain_rows(store, plain, whole=whole)}
    for row in rows.values():
        row.update(
            {
                "sources": 1 if row["articles"] else None,
                "merged_into": None,
                "reports": [],
                "count_ranges": [],
                "counts_reported": [],
            }
        )
    if plain:
        for found in _paged(store, _MERGED_INTO.replace("{VALUES}", _values(plain))):
            if found["i"] in rows:
                rows[found["i"]]["merged_into"] = incident_id(found["m"])
    ranges: dict[str, list[dict[str, Any]]] = {}
    if merged and whole:
        for found in _paged(store, _RANGES.replace("{VALUES}", _values(merged))):
            ranges.setdefault(found["i"], []).append(found)
    out = []
    for iri in iris:
        if iri in members:
            parts = [rows[m] for m in sorted(members[iri]) if m in rows]
            if parts:
                out.append(_merged_row(iri, parts, facts[iri], ranges.get(iri, [])))
        elif iri in rows:
            out.append(rows[iri])
    return out


def merged_of(store: GraphStore, iris: Sequence[str]) -> dict[str, str]:
    """The merged incident each of these articles' incidents belongs to, where it has one."""
    if not iris:
        return {}
    found = _paged(store, _MERGED_INTO.replace("{VALUES}", _values(iris)))
    return {row["i"]: row["m"] for row in found}


_MEMBERS = """SELECT ?i ?member ?articles ?sources WHERE { {VALUES} ?i ng:hasMember ?member .
  OPTIONAL { ?i ng:articleCount ?articles } OPTIONAL { ?i ng:sourceCount ?sources } }"""
_MERGED_INTO = """SELECT ?i ?m WHERE { {VALUES} ?i ng:mergedInto ?m }"""
_RANGES = """SELECT ?i ?of ?low ?high ?member ?quantity ?qualifier ?article WHERE { {VALUES}
  ?i ng:hasCountRange ?r . ?r ng:rangeOf ?of ; ng:minQuantity ?low ; ng:maxQuantity ?high ;
     ng:reportedCount ?c . ?c ng:quantity ?quantity . OPTIONAL { ?c ng:qualifier ?qualifier }
  ?member ng:hasCount ?c ; prov:wasDerivedFrom ?article . ?article a schema:NewsArticle }"""


def _span_days(row: dict[str, Any]) -> float:
    if row["begin"] and row["end"]:
        return float((date.fromisoformat(row["end"]) - date.fromisoformat(row["begin"])).days)
    return float("inf")


def _merged_row(
    iri: str, parts: list[dict[str, Any]], facts: dict[str, Any], ranges: list[dict[str, Any]]
) -> dict[str, Any]:
    """One row for an incident several articles report: the values of the report with the
    most precise time (then place, then IRI); every filler of every role any report names;
    for each count the lowest number reported, its range and every report of it; the number
    of articles and outlets; the first and last report; asserted when any report asserts it."""
    fineness = {"site": -1, **_FINENESS}
    lead = min(
        parts,
        key=lambda row: (
            _span_days(row),
            fineness.get(row["geo_precision"] or "", 9),
            row["iri"],
        ),
    )
    row = dict(lead)
    row["id"], row["iri"] = incident_id(iri), iri
    for column in (*ROLES, "places", "trigger", "acled", "cameo", "plover"):
        row[column] = list(dict.fromkeys(value for part in parts for value in part[column]))
    row["articles"] = int(facts["articles"]) if facts.get("articles") else len(parts)
    row["sources"] = int(facts["sources"]) if facts.get("sources") else row["articles"]
    firsts = [part["first_reported"] for part in parts if part["first_reported"]]
    lasts = [part["last_reported"] for part in parts if part["last_reported"]]
    row["first_reported"] = min(firsts) if firsts else None
    row["last_reported"] = max(lasts) if lasts else None
    modalities = {part["modality"] for part in parts}
    if DEFAULT_MODALITY in modalities:
        row["modality"] = DEFAULT_MODALITY
    confidences = [part["confidence"] for part in parts if part["confidence"] is not None]
    row["confidence"] = max(confidences) if confidences else None
    row["merged_into"] = None
    row["reports"] = [part["id"] for part in parts]
    for role in ACTOR_ROLES:
        counted = [part for part in parts if part[f"{role}_count"] is not None]
        if counted:
            low = min(counted, key=lambda part: (part[f"{role}_count"], part["iri"]))
            row[f"{role}_count"] = low[f"{role}_count"]
            row[f"{role}_count_qualifier"] = low[f"{role}_count_qualifier"]
    spans: dict[str, tuple[int, int]] = {}
    reported = []
    for found in sorted(ranges, key=lambda f: (f["of"], int(f["quantity"]), f["member"])):
        spans[found["of"]] = (int(found["low"]), int(found["high"]))
        qualifier = f" ({found['qualifier']})" if found["qualifier"] else ""
        article = unquote(found["article"].rsplit("/", 1)[1])
        reported.append(f"{found['of']} {found['quantity']}{qualifier} in {article}")
    row["count_ranges"] = [
        f"{of} {low}" if low == high else f"{of} {low}-{high}"
        for of, (low, high) in sorted(spans.items())
    ]
    row["counts_reported"] = list(dict.fromkeys(reported))
    return row


def _plain_rows(
    store: GraphStore, iris: Sequence[str], *, whole: bool = True
) -> list[dict[str, Any]]:
    """The rows of articles' own incidents (see `event_rows`)."""
    if not iris:
        return []
    rows: dict[str, dict[str, Any]] = {}
    for found in _query(store, _CORE, iris):
        if found["i"] in rows:
            continue
        rows[found["i"]] = _core(found)
    roles = _query(store, _ROLES, iris)
    named = {
        f["who"] for f in roles if whole or _role_properties()[f["role"]] in ("place", OWN_PLACE)
    }
    _add_roles(rows, roles, _facts(store, sorted(named)))
    _add_counts(rows, _query(store, _COUNTS, iris))
    if not whole:
        return [rows[iri] for iri in iris if iri in rows]
    _add_articles(rows, _query(store, _ARTICLES, iris))
    _add_evidence(store, rows, _query(store, _EVIDENCE, iris))
    for found in _query(store, _ATTRIBUTION, iris):
        row = rows.get(found["i"])
        if row is not None and (row["attribution"] is None or found["name"] < row["attribution"]):
            row["attribution"] = found["name"]
    return [rows[iri] for iri in iris if iri in rows]


def _core(found: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(COLUMNS)
    for column in LIST_COLUMNS:
        row[column] = []
    codes = _type_codes().get(found["type"], {})
    name = codes.get("type")
    row.update({column: list(values) for column, values in codes.items() if column != "type"})
    stamp = found["stamp"]
    day = stamp if stamp and len(stamp) == 10 else None  # an xsd:date, not a month or year
    row.update(
        {
            "id": incident_id(found["i"]),
            "iri": found["i"],
            "type": name[0] if name else found["type"].rsplit("/", 1)[-1],
            "begin": found["begin"] or day,
            "end": found["end"] or day,
            "time_precision": found["precision"],
            "time": found["time"],
            "site": found["site"],
            "modality": found["modality"],
            "confidence": float(found["confidence"]) if found["confidence"] else None,
            "articles": 0,
        }
    )
    row["date"] = row["begin"]
    return row


def _add_articles(rows: dict[str, dict[str, Any]], found: list[dict[str, Any]]) -> None:
    seen: dict[str, set[str]] = {}
    for item in found:
        row = rows.get(item["i"])
        if row is None or item["article"] in seen.setdefault(item["i"], set()):
            continue
        seen[item["i"]].add(item["article"])
        row["articles"] += 1
        published = item["published"]
        if published:
            first, last = row["first_reported"], row["last_reported"]
            row["first_reported"] = min(first, published) if first else published
            row["last_reported"] = max(last, published) if last else published


def _add_roles(
    rows: dict[str, dict[str, Any]], found: list[dict[str, Any]], details: dict[str, dict[str, str]]
) -> None:
    fillers: dict[tuple[str, str], dict[str, _Filler]] = {}
    for item in found:
        if item["i"] not in rows:
            continue
        role = _role_properties()[item["role"]]
        filler = fillers.setdefault((item["i"], role), {}).setdefault(
            item["who"], _Filler(item["who"])
        )
        facts = details.get(item["who"], {})
        filler.name = facts.get("name", "")
        filler.key = facts.get("key")
    ordered = {where: sorted(found.values(), key=_Filler.order) for where, found in fillers.items()}
    for iri, row in rows.items():
        for role in ROLES:
            row[role] = [f.name for f in ordered.get((iri, role), []) if f.name]
        everywhere = ordered.get((iri, "place"), [])
        row["places"] = sorted({f.name for f in everywhere if f.name})
        elsewhere = {
            f.iri for role in ("origin", "destination") for f in ordered.get((iri, role), [])
        }
        # Its own place where the graph says which it is; in graphs written before
        # ng:place, the finest of the places it names, origins and destinations aside.
        own = ordered.get((iri, OWN_PLACE))
        _set_place(row, own or [f for f in everywhere if f.iri not in elsewhere], details)
        _set_dyad(row, {role: ordered.get((iri, role), []) for role in ACTOR_ROLES})


def _set_place(
    row: dict[str, Any], candidates: list[_Filler], details: dict[str, dict[str, str]]
) -> None:
    """The incident's place: its own (ng:place), the one candidate; else, of the places it
    names (not those it moved from or to), the finest (a city before its country), then the
    first by name."""
    named = [f for f in candidates if f.name]
    if not named:
        row["geo_precision"] = "site" if row["site"] else None
        return

    def precision(filler: _Filler) -> str | None:
        return _GEO_PRECISION.get(details.get(filler.iri, {}).get("subtype") or "")

    place = min(named, key=lambda f: (_FINENESS.get(precision(f) or "", 9), f.name))
    detail = details.get(place.iri, {})
    same = detail.get("same")
    row.update(
        {
            "place": place.name,
            "place_id": place.key,
            "geonames_id": same.rstrip("/").rsplit("/", 1)[-1] if same else None,
            "latitude": float(detail["lat"]) if "lat" in detail else None,
            "longitude": float(detail["long"]) if "long" in detail else None,
            "geo_precision": "site" if row["site"] else precision(place),
            "country_code": detail.get("country"),
        }
    )


def _set_dyad(row: dict[str, Any], fillers: dict[str, list[_Filler]]) -> None:
    first = next((f for role in _ACTOR1_ROLES for f in fillers[role] if f.name), None)
    second = next(
        (f for role in _ACTOR2_ROLES for f in fillers[role] if f.name and f is not first),
        None,
    )
    for column, filler in (("actor1", first), ("actor2", second)):
        row[column] = filler.name if filler else None
        row[f"{column}_id"] = filler.key if filler else None


def _add_counts(rows: dict[str, dict[str, Any]], found: list[dict[str, Any]]) -> None:
    # The first count of a role in the text, where one role is counted twice.
    for item in sorted(found, key=lambda item: int(item["start"] or 0)):
        row = rows.get(item["i"])
        role = item["of"]
        if row is None or role not in ACTOR_ROLES or row[f"{role}_count"] is not None:
            continue
        row[f"{role}_count"] = int(item["quantity"])
        row[f"{role}_count_qualifier"] = item["qualifier"]


def _add_evidence(
    store: GraphStore, rows: dict[str, dict[str, Any]], found: list[dict[str, Any]]
) -> None:
    triggers: dict[str, dict[int, dict[str, Any]]] = {}
    for item in found:
        if item["i"] in rows:
            triggers.setdefault(item["i"], {})[int(item["start"])] = item
    firsts = {iri: spans[min(spans)] for iri, spans in triggers.items()}
    contexts = sorted({first["context"] for first in firsts.values()})
    if not contexts:
        return
    values = "VALUES ?context { " + " ".join(str(ox.NamedNode(c)) for c in contexts) + " }"
    sentences: dict[str, list[tuple[int, int]]] = {}
    for row in _paged(store, _SENTENCES.replace("{CONTEXTS}", values)):
        sentences.setdefault(row["context"], []).append((int(row["begin"]), int(row["end"])))
    texts = {
        row["context"]: row["text"] for row in _paged(store, _TEXTS.replace("{CONTEXTS}", values))
    }
    for iri, spans in triggers.items():
        rows[iri]["trigger"] = [spans[start]["text"] for start in sorted(spans)]
        first = firsts[iri]
        start, end = int(first["start"]), int(first["end"])
        around = [
            (begin, stop)
            for begin, stop in sentences.get(first["context"], [])
            if begin <= start and end <= stop
        ]
        text = texts.get(first["context"])
        if around and text is not None:
            begin, stop = min(around, key=lambda span: span[1] - span[0])
            rows[iri]["evidence_sentence"] = text[begin:stop].strip()
