"""One incident across articles: the incidents that several articles report become one merged
incident, kept beside the articles' own.

Each article's incidents stay in its own graph, untouched. A merged incident lives in a named
graph of its own (`IRIs`-based, `{base}graph/merged/KEY`): an `ng:MergedIncident` with its
members (`ng:hasMember`, and `ng:mergedInto` back), how many articles and outlets report it
(`ng:articleCount`, `ng:sourceCount`, GDELT's NumArticles and NumSources), the first and last
report dates, and, per counted role, the range of the numbers the articles give
(`ng:hasCountRange`: an `ng:CountRange` of a role (`ng:rangeOf`) with `ng:minQuantity`, `ng:maxQuantity` and
`ng:reportedCount`, each article's own `ng:Count` with its number and evidence).

Whether two incidents are one is `same_incident`: a pure, symmetric function of what the two
articles say (type, modality, time, place, actors, counts), under the rules of
`data/merge.json`. Which incidents form one merged incident is a pure function of the pairs
that pass, within their connected part (`_cluster`), so the merged layer depends on the set of
articles in the store, never on the order they came in: after each write or delete only the
part of the graph the article touches is read and written again (`refresh`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache
from itertools import combinations
from typing import Any

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, XSD

from newsgraph.extract.resources import DATA_DIR
from newsgraph.graph.nquads import QuadWriter, integer, literal
from newsgraph.graph.ontology import incident_types, taxonomy
from newsgraph.graph.store import GraphStore
from newsgraph.graph.vocab import NG, IRIs

RULES_PATH = DATA_DIR / "merge.json"

# Queries are asked for this many incidents at a time.
_BATCH = 200


@dataclass(frozen=True)
class Rules:
    modality_groups: tuple[frozenset[str], ...]
    max_span_days: int
    tolerance_days: int
    weights: dict[str, float]
    counts_agree_ratio: float
    threshold: float
    max_component: int
    # Whether both must have a resolved time (the shipped rule); without it, a pair with a
    # time missing on either side passes the time condition (for corpora without dates).
    require_time: bool = True

    @classmethod
    def load(cls, path: Any = None) -> Rules:
        data = json.loads((path or RULES_PATH).read_text(encoding="utf-8"))
        return cls(
            modality_groups=tuple(frozenset(group) for group in data["modality_groups"]),
            max_span_days=int(data["max_span_days"]),
            tolerance_days=int(data["tolerance_days"]),
            weights={key: float(value) for key, value in data["weights"].items()},
            counts_agree_ratio=float(data["counts_agree_ratio"]),
            threshold=float(data["threshold"]),
            max_component=int(data["max_component"]),
            require_time=bool(data.get("require_time", True)),
        )

    def with_threshold(self, threshold: float) -> Rules:
        return replace(self, threshold=threshold)


@cache
def default_rules() -> Rules:
    return Rules.load()


@dataclass(frozen=True)
class Place:
    """The place an incident happened in, with what tells whether another is inside it."""

    iri: str
    kind: str | None = None  # city, region, admin1, country, continent (ng:subtype)
    country: str | None = None  # ISO code (schema:addressCountry)
    geonames: str | None = None
    within: frozenset[str] = frozenset()  # the places it is part of (ng:partOf, transitively)

    @property
    def fine(self) -> bool:
        """Finer than a country or region: a city, a site."""
        return self.kind not in ("country", "region", "admin1", "continent")

    def same(self, other: Place) -> bool:
        return self.iri == other.iri or (
            self.geonames is not None and self.geonames == other.geonames
        )

    def contains(self, other: Place) -> bool:
        """Whether `other` lies inside this place (not the same one)."""
        if self.iri in other.within:
            return True
        return (
            self.kind == "country"
            and self.country is not None
            and other.country == self.country
            and other.kind != "country"
        )


@dataclass(frozen=True)
class Count:
    iri: str
    role: str
    quantity: int
    qualifier: str | None


@dataclass(frozen=True)
class Mention:
    """One article's incident, as the merge reads it."""

    iri: str
    article: str
    type: str  # the taxonomy concept
    modality: str = "asserted"
    begin: date | None = None
    end: date | None = None
    place: Place | None = None
    actors: frozenset[str] = frozenset()  # named entities in any actor role
    counts: tuple[Count, ...] = ()
    outlet: str | None = None
    published: str | None = None


@cache
def _broader() -> dict[str, str]:
    """Each incident type's broader concept, where it is not a top concept itself."""
    graph = taxonomy()
    return {
        concept: str(parent)
        for concept in incident_types().values()
        for parent in graph.objects(rdflib.URIRef(concept), rdflib.SKOS.broader)
    }


def compatible_types(a: str, b: str) -> bool:
    """The same type, or two types under one broader concept (an attack and a killing are
    both violence)."""
    if a == b:
        return True
    parent = _broader().get(a)
    return parent is not None and parent == _broader().get(b)


def _compatible_types_of(concept: str) -> list[str]:
    parent = _broader().get(concept)
    if parent is None:
        return [concept]
    return sorted(c for c, p in _broader().items() if p == parent)


def _modality_group(rules: Rules, modality: str) -> int | str:
    for number, group in enumerate(rules.modality_groups):
        if modality in group:
            return number
    return modality  # a modality no group names merges only with itself


def _span_ok(rules: Rules, mention: Mention) -> bool:
    if mention.begin is None or mention.end is None:
        return False
    return (mention.end - mention.begin).days < rules.max_span_days


def _too_long(rules: Rules, mention: Mention) -> bool:
    """A resolved time too vague to tell incidents apart (a year)."""
    return mention.begin is not None and not _span_ok(rules, mention)


def _overlap(rules: Rules, a: Mention, b: Mention) -> bool:
    assert a.begin and a.end and b.begin and b.end
    slack = timedelta(days=rules.tolerance_days)
    return a.begin <= b.end + slack and b.begin <= a.end + slack


def _place_relation(a: Place, b: Place) -> str | None:
    if a.same(b):
        return "same"
    if a.contains(b) or b.contains(a):
        return "inside"
    return None


def _counts_agree(rules: Rules, a: Mention, b: Mention) -> bool:
    for x in a.counts:
        for y in b.counts:
            if x.role == y.role:
                high = max(x.quantity, y.quantity)
                if high and abs(x.quantity - y.quantity) / high <= rules.counts_agree_ratio:
                    return True
    return False


def compatible(a: Mention, b: Mention, rules: Rules | None = None) -> bool:
    """The hard conditions: two articles, compatible types and modalities, resolved times
    that overlap, places the same or one inside the other, no two disjoint sets of actors."""
    rules = rules or default_rules()
    if a.article == b.article or not compatible_types(a.type, b.type):
        return False
    if _modality_group(rules, a.modality) != _modality_group(rules, b.modality):
        return False
    timed = _span_ok(rules, a) and _span_ok(rules, b)
    if timed and not _overlap(rules, a, b):
        return False
    if not timed and (rules.require_time or _too_long(rules, a) or _too_long(rules, b)):
        return False
    if a.place is None or b.place is None or _place_relation(a.place, b.place) is None:
        return False
    return not (a.actors and b.actors and not a.actors & b.actors)


def score(a: Mention, b: Mention, rules: Rules | None = None) -> float | None:
    """How strongly two incidents are one, or None when they cannot be."""
    rules = rules or default_rules()
    if not compatible(a, b, rules):
        return None
    assert a.place is not None and b.place is not None
    weights = rules.weights
    total = 0.0
    if a.actors & b.actors:
        total += weights["shared_actor"]
    relation = _place_relation(a.place, b.place)
    if relation == "same" and a.place.fine:
        total += weights["same_place"]
    else:
        total += weights["place_inside"]
    if a.begin == a.end == b.begin == b.end:
        total += weights["same_day"]
    if _counts_agree(rules, a, b):
        total += weights["counts_agree"]
    if a.type == b.type:
        total += weights["same_type"]
    return total


def same_incident(a: Mention, b: Mention, rules: Rules | None = None) -> bool:
    rules = rules or default_rules()
    found = score(a, b, rules)
    return found is not None and found >= rules.threshold


def cluster(mentions: Sequence[Mention], rules: Rules | None = None) -> list[list[Mention]]:
    """The merged incidents among these mentions, each of two or more, sorted.

    The pairs that pass are joined strongest first (ties by IRI); a join that would put two
    incidents of one article together, or two incidents that fail the hard conditions, is
    refused. The result depends on the mentions only, never on their order."""
    rules = rules or default_rules()
    ordered = sorted(mentions, key=lambda m: m.iri)
    links = []
    for a, b in combinations(ordered, 2):
        found = score(a, b, rules)
        if found is not None and found >= rules.threshold:
            links.append((-found, a.iri, b.iri))
    links.sort()
    group: dict[str, list[Mention]] = {m.iri: [m] for m in ordered}
    for _, x, y in links:
        gx, gy = group[x], group[y]
        if gx is gy:
            continue
        if {m.article for m in gx} & {m.article for m in gy}:
            continue
        if not all(compatible(m, n, rules) for m in gx for n in gy):
            continue
        joined = gx + gy
        for m in joined:
            group[m.iri] = joined
    found_groups: dict[int, list[Mention]] = {}
    for members in group.values():
        found_groups[id(members)] = members
    return sorted(
        (
            sorted(members, key=lambda m: m.iri)
            for members in found_groups.values()
            if len(members) > 1
        ),
        key=lambda members: members[0].iri,
    )


# Reading incidents from the store


def _values(variable: str, iris: Iterable[str]) -> str:
    return f"VALUES ?{variable} {{ " + " ".join(str(ox.NamedNode(i)) for i in iris) + " }"


def _select(store: GraphStore, sparql: str) -> list[dict[str, str | None]]:
    result = store.query(sparql)
    if not isinstance(result, ox.QuerySolutions):
        raise TypeError("expected a SELECT result")
    names = [v.value for v in result.variables]
    rows = []
    for solution in result:
        rows.append({n: (None if solution[n] is None else solution[n].value) for n in names})
    del result
    return rows


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), _BATCH):
        yield items[start : start + _BATCH]


_CORE = """SELECT ?i ?article ?type ?modality ?stamp ?stype ?begin ?end ?place ?outlet ?published
WHERE { {VALUES} ?i a sem:Event ; sem:eventType ?type ; prov:wasDerivedFrom ?article .
  ?article a schema:NewsArticle .
  OPTIONAL { ?i ng:modality ?modality }
  OPTIONAL { ?i sem:hasTimeStamp ?stamp BIND(DATATYPE(?stamp) AS ?stype) }
  OPTIONAL { ?i sem:hasBeginTimeStamp ?begin } OPTIONAL { ?i sem:hasEndTimeStamp ?end }
  OPTIONAL { ?i ng:place ?place }
  OPTIONAL { ?article schema:publisher ?outlet }
  OPTIONAL { ?article schema:datePublished ?published } }"""
_ACTORS = """SELECT DISTINCT ?i ?who WHERE { {VALUES} ?i sem:hasActor ?who .
  FILTER EXISTS { ?who ng:resolutionKey ?key } }"""
_COUNTS = """SELECT ?i ?c ?of ?quantity ?qualifier WHERE { {VALUES} ?i ng:hasCount ?c .
  ?c ng:countOf ?of ; ng:quantity ?quantity . OPTIONAL { ?c ng:qualifier ?qualifier } }"""
# A place's facts and the places it is part of, as one article that names it states them. Every
# article restates the facts of the places it names, so reading them from all the articles
# (or DISTINCT over all of them) would cost as many rows as the place has articles, and a
# capital city has thousands. The subquery stops at the first graph that types the place.
_PLACE_FACTS_QUERY = """SELECT ?p ?property ?value WHERE {
  VALUES ?property { ng:subtype schema:addressCountry owl:sameAs ng:partOf schema:containedInPlace }
  {BRANCHES} }"""
_PLACE_BRANCH = """{ { SELECT ?g WHERE { GRAPH ?g { {P} a ?class } } LIMIT 1 }
  GRAPH ?g { {P} ?property ?value } BIND({P} AS ?p) }"""
_PLACE_FACTS = {
    str(NG.subtype): "kind",
    "https://schema.org/addressCountry": "country",
    "http://www.w3.org/2002/07/owl#sameAs": "same",
}
_PART_OF = {str(NG.partOf), "https://schema.org/containedInPlace"}
# Containment chains longer than this are not followed.
_MAX_DEPTH = 6
# Places asked for in one query (a branch each).
_PLACE_BATCH = 50


def _place_facts(store: GraphStore, places: Iterable[str]) -> dict[str, dict[str, set[str]]]:
    """Each place's facts (`_PLACE_FACTS` and `_PART_OF` properties) from one graph that
    types it; a place no graph types is left out."""
    found: dict[str, dict[str, set[str]]] = {}
    wanted = sorted(set(places))
    for start in range(0, len(wanted), _PLACE_BATCH):
        branches = " UNION ".join(
            _PLACE_BRANCH.replace("{P}", str(ox.NamedNode(place)))
            for place in wanted[start : start + _PLACE_BATCH]
        )
        for row in _select(store, _PLACE_FACTS_QUERY.replace("{BRANCHES}", branches)):
            facts = found.setdefault(str(row["p"]), {})
            facts.setdefault(str(row["property"]), set()).add(str(row["value"]))
    return found


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def read_mentions(
    store: GraphStore, iris: Iterable[str], places: dict[str, Place] | None = None
) -> dict[str, Mention]:
    """The incidents of these IRIs as the merge sees them; IRIs that are no incident are left
    out. `places` holds places already read, and takes those read here."""
    wanted = sorted(set(iris))
    core: dict[str, dict[str, Any]] = {}
    actors: dict[str, set[str]] = {}
    counts: dict[str, dict[str, Count]] = {}
    for chunk in _chunks(wanted):
        values = _values("i", chunk)
        for row in _select(store, _CORE.replace("{VALUES}", values)):
            iri = str(row["i"])
            seen = core.get(iri)
            if seen is None or str(row) < str(seen):  # one row per incident, the least
                core[iri] = row
        for row in _select(store, _ACTORS.replace("{VALUES}", values)):
            actors.setdefault(str(row["i"]), set()).add(str(row["who"]))
        for row in _select(store, _COUNTS.replace("{VALUES}", values)):
            counts.setdefault(str(row["i"]), {})[str(row["c"])] = Count(
                str(row["c"]), str(row["of"]), int(str(row["quantity"])), row["qualifier"]
            )
    known = read_places(store, {str(row["place"]) for row in core.values() if row["place"]}, places)
    mentions = {}
    for iri, row in core.items():
        begin, end = _day(row["begin"]), _day(row["end"])
        if row["stamp"] and row["stype"] == str(XSD.date):
            day = _day(row["stamp"])
            begin, end = begin or day, end or day
        mentions[iri] = Mention(
            iri=iri,
            article=str(row["article"]),
            type=str(row["type"]),
            modality=row["modality"] or "asserted",
            begin=begin,
            end=end,
            place=known.get(str(row["place"])) if row["place"] else None,
            actors=frozenset(actors.get(iri, ())),
            counts=tuple(sorted(counts.get(iri, {}).values(), key=lambda c: c.iri)),
            outlet=row["outlet"],
            published=row["published"],
        )
    return mentions


def read_places(
    store: GraphStore, iris: Iterable[str], known: dict[str, Place] | None = None
) -> dict[str, Place]:
    """These places with their facts and every place they lie in; `known` holds places
    already read (they are not read again) and takes those read here."""
    known = {} if known is None else known
    wanted = set(iris)
    facts = _place_facts(store, wanted - known.keys())
    # The places each lies in, a step of containment at a time.
    parents = {place: _parents(entry) for place, entry in facts.items()}
    frontier = {q for above in parents.values() for q in above} - parents.keys() - known.keys()
    for _ in range(_MAX_DEPTH - 1):
        if not frontier:
            break
        read = _place_facts(store, frontier)
        parents.update({place: _parents(read.get(place, {})) for place in frontier})
        frontier = {q for above in parents.values() for q in above} - parents.keys()
        frontier -= known.keys()
    for place in wanted - known.keys():
        entry = facts.get(place, {})
        known[place] = Place(
            place,
            _least(entry, "kind"),
            _least(entry, "country"),
            _least(entry, "same"),
            frozenset(_above(place, parents, known)),
        )
    return {place: known[place] for place in wanted}


def _parents(entry: dict[str, set[str]]) -> set[str]:
    return {q for prop in _PART_OF for q in entry.get(prop, ())}


def _least(entry: dict[str, set[str]], key: str) -> str | None:
    values = [
        value
        for prop, values in entry.items()
        if _PLACE_FACTS.get(prop) == key
        for value in values
        if key != "same" or value.startswith("https://sws.geonames.org/")
    ]
    return min(values) if values else None


def _above(place: str, parents: dict[str, set[str]], known: dict[str, Place]) -> set[str]:
    """The places `place` lies in, up to `_MAX_DEPTH` steps; a place read before brings
    those it lies in."""
    reached: set[str] = set()
    frontier = {place}
    for _ in range(_MAX_DEPTH):
        step: set[str] = set()
        for node in frontier:
            if node != place and node not in parents and node in known:
                reached |= known[node].within
            else:
                step |= parents.get(node, set())
        frontier = step - reached - {place}
        if not frontier:
            break
        reached |= frontier
    return reached - {place}


# Incidents of the days a mention's time may meet, with their type and place. The type is
# checked here in Python: a VALUES of types would be joined first, over every incident of them.
_CANDIDATES = """SELECT DISTINCT ?i ?q ?t WHERE { {WHEN} ?i sem:eventType ?t ; ng:place ?q }"""
_ON_DAYS = "VALUES ?b { {DAYS} } ?i sem:hasBeginTimeStamp ?b ; sem:hasEndTimeStamp ?e ."


def _xsd_date(day: date) -> str:
    return str(ox.Literal(day.isoformat(), datatype=ox.NamedNode(str(XSD.date))))


def _days(rules: Rules, mentions: Sequence[Mention]) -> list[date]:
    """Every day an incident that may be one of these can begin on: one whose time lasts
    less than `max_span_days` and meets a mention's time within `tolerance_days`."""
    days: set[date] = set()
    for m in mentions:
        assert m.begin is not None and m.end is not None
        first = m.begin - timedelta(days=rules.tolerance_days + rules.max_span_days - 1)
        last = m.end + timedelta(days=rules.tolerance_days)
        days.update(first + timedelta(days=n) for n in range((last - first).days + 1))
    return sorted(days)


def candidates(
    store: GraphStore,
    mentions: Sequence[Mention],
    rules: Rules,
    places: dict[str, Place] | None = None,
) -> set[str]:
    """Incidents of other articles that might be one of these: a compatible type, a time
    that may meet theirs, the same place or one inside the other. The merge rules then
    decide; this only keeps the reading small. The reading is by day, so its cost follows the
    number of incidents a day in the store, not its size; mentions without a resolved time
    (only where the rules do not require one) are matched against every incident of a
    compatible type."""
    usable = [
        m
        for m in mentions
        if m.place is not None and (_span_ok(rules, m) or not rules.require_time)
    ]
    if not usable:
        return set()
    types = {t for m in usable for t in _compatible_types_of(m.type)}
    rows: list[dict[str, str | None]] = []
    if not rules.require_time:
        # Without a time to go by, every incident of these types is a candidate.
        rows = _select(store, _CANDIDATES.replace("{WHEN}", _values("t", sorted(types))))
    else:
        days = [_xsd_date(day) for day in _days(rules, usable)]
        for start in range(0, len(days), _BATCH):
            when = _ON_DAYS.replace("{DAYS}", " ".join(days[start : start + _BATCH]))
            query = _CANDIDATES.replace("{WHEN}", when)
            rows.extend(row for row in _select(store, query) if row["t"] in types)
    found = read_places(store, {str(row["q"]) for row in rows}, places)
    own = [m.place for m in usable if m.place is not None]
    return {
        str(row["i"])
        for row in rows
        if any(_place_relation(found[str(row["q"])], place) for place in own)
    }


# The merged layer in the store


def merged_graph(iris: IRIs, key: str) -> str:
    """The named graph of one merged incident: no article's graph can have this IRI (an
    article id is percent-encoded whole, so its graph IRI has no slash after graph/)."""
    return f"{iris.base}graph/merged/{key}"


def merged_iri(iris: IRIs, key: str) -> str:
    return f"{iris.base}merged-incident/{key}"


def merged_key(members: Sequence[Mention]) -> str:
    """A stable key: from the least member's IRI, so a merged incident keeps its IRI while
    its least member stays."""
    least = min(m.iri for m in members)
    return hashlib.sha256(least.encode()).hexdigest()[:20]


def is_merged_iri(iris: IRIs, iri: str) -> bool:
    return iri.startswith(f"{iris.base}merged-incident/")


_MEMBERSHIP = """SELECT DISTINCT ?i ?m ?g ?other WHERE { {VALUES}
  GRAPH ?g { ?i ng:mergedInto ?m . ?m ng:hasMember ?other } }"""
_OF_ARTICLES = """SELECT DISTINCT ?i WHERE { {VALUES} ?i a sem:Event ; prov:wasDerivedFrom ?a }"""


def incidents_of(store: GraphStore, article_iris: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(sorted(set(article_iris))):
        found.update(
            str(r["i"])
            for r in _select(store, _OF_ARTICLES.replace("{VALUES}", _values("a", chunk)))
        )
    return found


@dataclass
class _Membership:
    graphs: set[str] = field(default_factory=set)
    members: set[str] = field(default_factory=set)


def membership(store: GraphStore, incident_iris: Iterable[str]) -> _Membership:
    """The merged graphs these incidents belong to, and every member of those."""
    found = _Membership()
    for chunk in _chunks(sorted(set(incident_iris))):
        for row in _select(store, _MEMBERSHIP.replace("{VALUES}", _values("i", chunk))):
            found.graphs.add(str(row["g"]))
            found.members.add(str(row["other"]))
    return found


@dataclass
class RefreshReport:
    """What one refresh did: merged incidents written and dropped, incidents it read."""

    written: int = 0
    dropped: int = 0
    read: int = 0


def refresh(
    store: GraphStore,
    iris: IRIs,
    seeds: Iterable[str],
    stale_graphs: Iterable[str] = (),
    rules: Rules | None = None,
) -> RefreshReport:
    """Merge again the part of the graph around `seeds` (incident IRIs: an article's new
    incidents, the former partners of a deleted one): every incident linked to them through
    pairs that pass, and the merged incidents any of those belonged to, are read; their
    merged incidents are made again and written, the ones no longer true dropped.
    `stale_graphs` are merged graphs to drop in any case (those of a deleted article)."""
    rules = rules or default_rules()
    report = RefreshReport()
    known: dict[str, Mention] = {}
    places: dict[str, Place] = {}
    frontier = set(seeds)
    old_graphs = set(stale_graphs)
    while frontier and len(known) < rules.max_component:
        fresh = read_mentions(store, frontier - known.keys(), places)
        known.update(fresh)
        around = membership(store, fresh)
        old_graphs |= around.graphs
        found = candidates(store, list(fresh.values()), rules, places) | around.members
        unread = found - known.keys()
        if not unread:
            break
        others = read_mentions(store, unread, places)
        linked = {
            other.iri
            for other in others.values()
            for mention in fresh.values()
            if same_incident(mention, other, rules)
        }
        # Former partners come back in whole: their merged incidents are made again here.
        frontier = (linked | (around.members & others.keys())) - known.keys()
    report.read = len(known)
    groups = cluster(list(known.values()), rules)
    new_graphs = set()
    for members in groups:
        key = merged_key(members)
        graph = merged_graph(iris, key)
        new_graphs.add(graph)
        nquads = merged_quads(iris, key, members)
        store.replace_graph(graph, nquads, _without_graph(nquads, graph))
        report.written += 1
    for graph in sorted(old_graphs - new_graphs):
        if store.remove_graph(graph):
            report.dropped += 1
    return report


def _without_graph(nquads: str, graph: str) -> str:
    from newsgraph.graph.nquads import iri, without_graph

    return without_graph(nquads, iri(graph))


_NG = {name: str(NG[name]) for name in (
    "MergedIncident", "hasMember", "mergedInto", "articleCount", "sourceCount",
    "firstReported", "lastReported", "hasCountRange", "CountRange",
    "minQuantity", "maxQuantity", "reportedCount", "rangeOf",
)}  # fmt: skip


def merged_quads(iris: IRIs, key: str, members: Sequence[Mention]) -> str:
    """The N-Quads of one merged incident."""
    graph = merged_graph(iris, key)
    node = merged_iri(iris, key)
    out = QuadWriter(graph)
    out.add_iri(node, str(RDF.type), _NG["MergedIncident"])
    for member in members:
        out.add_iri(node, _NG["hasMember"], member.iri)
        out.add_iri(member.iri, _NG["mergedInto"], node)
    articles = {m.article for m in members}
    # An article with no outlet counts as a source of its own.
    sources = {m.outlet or m.article for m in members}
    out.add(node, _NG["articleCount"], integer(len(articles)))
    out.add(node, _NG["sourceCount"], integer(len(sources)))
    published = sorted(m.published for m in members if m.published)
    if published:
        out.add(node, _NG["firstReported"], literal(published[0], datatype=str(XSD.date)))
        out.add(node, _NG["lastReported"], literal(published[-1], datatype=str(XSD.date)))
    by_role: dict[str, list[Count]] = {}
    for member in members:
        for count in member.counts:
            by_role.setdefault(count.role, []).append(count)
    for role, reported in sorted(by_role.items()):
        ranged = f"{node}/count/{role}"
        out.add_iri(node, _NG["hasCountRange"], ranged)
        out.add_iri(ranged, str(RDF.type), _NG["CountRange"])
        out.add(ranged, _NG["rangeOf"], literal(role))
        out.add(ranged, _NG["minQuantity"], integer(min(c.quantity for c in reported)))
        out.add(ranged, _NG["maxQuantity"], integer(max(c.quantity for c in reported)))
        for count in reported:
            out.add_iri(ranged, _NG["reportedCount"], count.iri)
    return out.nquads()


# Hooks for the writes of graph/ingest.py


def before_change(store: GraphStore, article_iris: Iterable[str]) -> tuple[set[str], set[str]]:
    """Before articles are replaced or deleted: the merged graphs their incidents are in, and
    the other members of those, which must be merged again once the articles are gone."""
    own = incidents_of(store, article_iris)
    if not own:
        return set(), set()
    found = membership(store, own)
    return found.graphs, found.members - own


def after_change(
    store: GraphStore,
    iris: IRIs,
    article_iris: Iterable[str],
    stale: tuple[set[str], set[str]] = (set(), set()),
    rules: Rules | None = None,
) -> RefreshReport:
    """After articles are written (or deleted): merge again around their incidents and
    around the former partners of their old incidents."""
    graphs, partners = stale
    seeds = incidents_of(store, article_iris) | partners
    if not seeds and not graphs:
        return RefreshReport()
    return refresh(store, iris, seeds, graphs, rules)


_EVERY_INCIDENT = """SELECT DISTINCT ?i WHERE { ?i a sem:Event ; prov:wasDerivedFrom ?a .
  ?a a schema:NewsArticle }"""


def rebuild(
    store: GraphStore, iris: IRIs, rules: Rules | None = None, batch: int = _BATCH
) -> RefreshReport:
    """The merged layer made again over the whole store: every merged graph dropped, then every
    incident merged, `batch` incidents at a time. For a store loaded without the merge (a bulk
    load, `ingest --no-merge`) or after `data/merge.json` changed; the result is the layer the
    incremental merge would have made, since it depends on the set of articles only. Stopped
    halfway, it leaves part of the layer, and running it again makes the whole."""
    report = RefreshReport()
    prefix = merged_graph(iris, "")
    for graph in store.graph_names():
        if graph.startswith(prefix) and store.remove_graph(graph):
            report.dropped += 1
    incidents = sorted(str(row["i"]) for row in _select(store, _EVERY_INCIDENT))
    for start in range(0, len(incidents), batch):
        step = refresh(store, iris, incidents[start : start + batch], rules=rules)
        report.written += step.written
        report.read += step.read
    # Each refresh writes again the merged incidents it touches; count each once.
    report.written = sum(1 for graph in store.graph_names() if graph.startswith(prefix))
    return report
