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
# One property a row: every article restates a place's facts, so joining two of them would
# multiply the rows by the number of its articles for each.
_PLACES = """SELECT DISTINCT ?p ?property ?value WHERE { {VALUES}
  VALUES ?property { ng:subtype schema:addressCountry owl:sameAs } ?p ?property ?value }"""
_PLACE_FACTS = {
    str(NG.subtype): "kind",
    "https://schema.org/addressCountry": "country",
    "http://www.w3.org/2002/07/owl#sameAs": "same",
}
# One step of place containment, up or down. Paths are walked here a step at a time: Virtuoso
# refuses a transitive path whose start is a variable, even one VALUES binds.
_UP = """SELECT DISTINCT ?p ?q WHERE { {VALUES}
  { ?p ng:partOf ?q } UNION { ?p schema:containedInPlace ?q } }"""
_DOWN = """SELECT DISTINCT ?p ?q WHERE { {VALUES}
  { ?q ng:partOf ?p } UNION { ?q schema:containedInPlace ?p } }"""
# Containment chains longer than this are not followed.
_MAX_DEPTH = 6


def _walk(store: GraphStore, places: Iterable[str], step: str) -> dict[str, set[str]]:
    """Every place each of these reaches by repeated steps of containment (up or down)."""
    reached: dict[str, set[str]] = {place: set() for place in places}
    frontier: dict[str, set[str]] = {place: {place} for place in reached}
    for _ in range(_MAX_DEPTH):
        at = sorted({node for nodes in frontier.values() for node in nodes})
        if not at:
            break
        nexts: dict[str, set[str]] = {}
        for chunk in _chunks(at):
            for row in _select(store, step.replace("{VALUES}", _values("p", chunk))):
                nexts.setdefault(str(row["p"]), set()).add(str(row["q"]))
        frontier = {
            place: {q for node in nodes for q in nexts.get(node, ())} - reached[place] - {place}
            for place, nodes in frontier.items()
        }
        for place, nodes in frontier.items():
            reached[place] |= nodes
    return reached


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def read_mentions(store: GraphStore, iris: Iterable[str]) -> dict[str, Mention]:
    """The incidents of these IRIs as the merge sees them; IRIs that are no incident are left
    out."""
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
    places = read_places(store, {str(row["place"]) for row in core.values() if row["place"]})
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
            place=places.get(str(row["place"])) if row["place"] else None,
            actors=frozenset(actors.get(iri, ())),
            counts=tuple(sorted(counts.get(iri, {}).values(), key=lambda c: c.iri)),
            outlet=row["outlet"],
            published=row["published"],
        )
    return mentions


def read_places(store: GraphStore, iris: Iterable[str]) -> dict[str, Place]:
    found: dict[str, dict[str, Any]] = {iri: {"within": set()} for iri in iris}
    for chunk in _chunks(sorted(found)):
        for row in _select(store, _PLACES.replace("{VALUES}", _values("p", chunk))):
            key, value = _PLACE_FACTS[str(row["property"])], str(row["value"])
            if key == "same" and not value.startswith("https://sws.geonames.org/"):
                continue
            entry = found[str(row["p"])]
            if entry.get(key) is None or value < entry[key]:
                entry[key] = value
    for place, above in _walk(store, found, _UP).items():
        found[place]["within"] = above
    return {
        iri: Place(
            iri,
            entry.get("kind"),
            entry.get("country"),
            entry.get("same"),
            frozenset(entry["within"]),
        )
        for iri, entry in found.items()
    }


_IN_COUNTRIES = """SELECT DISTINCT ?q WHERE { {VALUES} ?q schema:addressCountry ?cc }"""
_SAME_AS = """SELECT DISTINCT ?q WHERE { {VALUES} ?q owl:sameAs ?g }"""
_CANDIDATES = """SELECT DISTINCT ?i WHERE { {PLACES} {TYPES} ?i ng:place ?q ; sem:eventType ?t .
  {TIME} }"""
# Only incidents whose time meets the window the mentions span: what keeps the reading bounded
# as the store grows over the years.
_WINDOW = """?i sem:hasBeginTimeStamp ?b ; sem:hasEndTimeStamp ?e .
  FILTER(?e >= {LOW} && ?b <= {HIGH})"""


def _xsd_date(day: date) -> ox.Literal:
    return ox.Literal(day.isoformat(), datatype=ox.NamedNode(str(XSD.date)))


def candidates(store: GraphStore, mentions: Sequence[Mention], rules: Rules) -> set[str]:
    """Incidents of other articles that might be one of these: a compatible type, in a
    related place (the same, one inside or around it, in the same country). The merge rules
    then decide; this only keeps the reading small."""
    usable = [
        m
        for m in mentions
        if m.place is not None and (_span_ok(rules, m) or not rules.require_time)
    ]
    if not usable:
        return set()
    places = sorted({m.place.iri for m in usable if m.place is not None})
    # The places themselves, those they are in, those inside them, and any sharing a country
    # code or a GeoNames id with them.
    related = set(places) | {p for m in usable if m.place is not None for p in m.place.within}
    for below in _walk(store, places, _DOWN).values():
        related |= below
    codes = sorted({m.place.country for m in usable if m.place and m.place.country})
    if codes:
        values = "VALUES ?cc { " + " ".join(str(ox.Literal(c)) for c in codes) + " }"
        related.update(
            str(r["q"]) for r in _select(store, _IN_COUNTRIES.replace("{VALUES}", values))
        )
    geonames = sorted({m.place.geonames for m in usable if m.place and m.place.geonames})
    for chunk in _chunks(geonames):
        related.update(
            str(r["q"]) for r in _select(store, _SAME_AS.replace("{VALUES}", _values("g", chunk)))
        )
    types = sorted({t for m in usable for t in _compatible_types_of(m.type)})
    found: set[str] = set()
    window = ""
    timed = [m for m in usable if m.begin is not None and m.end is not None]
    if rules.require_time and timed:
        slack = timedelta(days=rules.tolerance_days)
        low = min(m.begin for m in timed if m.begin is not None) - slack
        high = max(m.end for m in timed if m.end is not None) + slack
        window = _WINDOW.replace("{LOW}", str(_xsd_date(low))).replace(
            "{HIGH}", str(_xsd_date(high))
        )
    for chunk in _chunks(sorted(related)):
        sparql = (
            _CANDIDATES.replace("{PLACES}", _values("q", chunk))
            .replace("{TYPES}", _values("t", types))
            .replace("{TIME}", window)
        )
        found.update(str(r["i"]) for r in _select(store, sparql))
    return found


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
    frontier = set(seeds)
    old_graphs = set(stale_graphs)
    while frontier and len(known) < rules.max_component:
        fresh = read_mentions(store, frontier - known.keys())
        known.update(fresh)
        around = membership(store, fresh)
        old_graphs |= around.graphs
        found = candidates(store, list(fresh.values()), rules) | around.members
        unread = found - known.keys()
        if not unread:
            break
        others = read_mentions(store, unread)
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
