"""Scoring the extractor's places against geoparsing corpora with GeoNames gold (LGL, TR-News)
or gold coordinates (GeoVirus): names found as places, exact GeoNames id, within 161 km.

The article texts of these corpora belong to their publishers: they are read from the corpora
folder for evaluation only, never copied into the package or its tests.

Each corpus is split in two by a hash of the article id (`split_of`): "dev", where the
gazetteer's disambiguation features and weights are chosen, and "test", where they are
reported. The split is stable across runs and machines.
"""

from __future__ import annotations

import hashlib
import math
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from newsgraph.extract.article import Article
from newsgraph.extract.extraction import Extraction

# The distance within which a place counts as put right, the field's usual "accuracy@161km"
# (100 miles).
NEAR_KM = 161.0
EARTH_RADIUS_KM = 6371.0088
SPLITS = ("dev", "test", "all")
# Corpus name -> file inside the corpora folder's geoparsing/.
GEO_CORPORA = {"lgl": "lgl.xml", "trnews": "TR-News.xml", "geovirus": "GeoVirus.xml"}


@dataclass(frozen=True)
class GoldPlace:
    """A gold toponym: where it is written, and its GeoNames id (when the corpus has one) and
    coordinates."""

    start: int
    end: int
    phrase: str
    geonames_id: str | None
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True)
class GeoArticle:
    id: str
    text: str
    places: tuple[GoldPlace, ...]


def split_of(article_id: str) -> str:
    """The split an article is in: "dev" for half of the ids by their SHA-1, "test" for the rest."""
    digest = hashlib.sha1(article_id.encode("utf-8")).digest()
    return "dev" if digest[0] % 2 == 0 else "test"


def _float(text: str | None) -> float | None:
    if text is None or not text.strip():
        return None
    try:
        return float(text)
    except ValueError:
        return None


def read_geo_corpus(corpus: str, corpora_dir: Path) -> list[GeoArticle]:
    """The articles of one geoparsing corpus, with their gold toponyms."""
    if corpus not in GEO_CORPORA:
        raise ValueError(f"unknown corpus {corpus!r}; choose one of {sorted(GEO_CORPORA)}")
    path = corpora_dir / "geoparsing" / GEO_CORPORA[corpus]
    if not path.exists():
        raise FileNotFoundError(f"{path}: corpus not found")
    root = ET.parse(path).getroot()
    articles = []
    for number, element in enumerate(root.iter("article")):
        text = element.findtext("text") or ""
        if corpus == "geovirus":
            article_id = (element.findtext("source") or f"geovirus-{number}").strip()
            places = tuple(_geovirus_places(element))
        else:
            article_id = element.get("docid") or f"{corpus}-{number}"
            places = tuple(_gaztag_places(element))
        if text.strip():
            articles.append(GeoArticle(article_id, text, places))
    return articles


def _gaztag_places(article: ET.Element) -> Iterator[GoldPlace]:
    for toponym in article.iter("toponym"):
        start, end = int(toponym.findtext("start") or 0), int(toponym.findtext("end") or 0)
        gaztag = toponym.find("gaztag")
        if gaztag is None:
            continue  # a place the annotators could not find in GeoNames: not scored
        yield GoldPlace(
            start=start,
            end=end,
            phrase=toponym.findtext("phrase") or "",
            geonames_id=gaztag.get("geonameid") or None,
            latitude=_float(gaztag.findtext("lat")),
            longitude=_float(gaztag.findtext("lon")),
        )


def _geovirus_places(article: ET.Element) -> Iterator[GoldPlace]:
    for location in article.iter("location"):
        yield GoldPlace(
            start=int(location.findtext("start") or 0),
            end=int(location.findtext("end") or 0),
            phrase=location.findtext("name") or "",
            geonames_id=None,
            latitude=_float(location.findtext("lat")),
            longitude=_float(location.findtext("lon")),
        )


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class PlaceTally:
    gold: int = 0
    found: int = 0
    # Of the found names whose gold has a GeoNames id / coordinates.
    with_id: int = 0
    exact: int = 0
    with_coordinates: int = 0
    near: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    # Gold names not found as places, by why: read as another type, or as no name.
    not_found: Counter[str] = field(default_factory=Counter)

    def add(self, other: PlaceTally) -> None:
        self.gold += other.gold
        self.found += other.found
        self.with_id += other.with_id
        self.exact += other.exact
        self.with_coordinates += other.with_coordinates
        self.near += other.near
        self.misses += other.misses
        self.not_found += other.not_found

    def scores(self) -> dict[str, float | int]:
        return {
            "gold": self.gold,
            "found": self.found,
            "found_rate": self.found / self.gold if self.gold else 0.0,
            "exact": self.exact / self.with_id if self.with_id else 0.0,
            "exact_count": self.exact,
            "with_id": self.with_id,
            "near_161km": self.near / self.with_coordinates if self.with_coordinates else 0.0,
            "near_count": self.near,
            "with_coordinates": self.with_coordinates,
            **{
                f"not_found_{why.replace(' ', '_')}": n for why, n in sorted(self.not_found.items())
            },
        }


def score_extraction(article: GeoArticle, extraction: Extraction) -> PlaceTally:
    """How one article's gold toponyms fare: found as a place (a place mention overlapping the
    gold span), then linked to the gold GeoNames id, or within NEAR_KM of the gold point."""
    entities = {e.id: e for e in extraction.entities}
    predicted = [m for m in extraction.mentions if m.type == "place"]
    others = [m for m in extraction.mentions if m.type != "place" and m.kind == "name"]
    tally = PlaceTally()
    for gold in article.places:
        tally.gold += 1
        overlapping = [m for m in predicted if m.start < gold.end and gold.start < m.end]
        if not overlapping:
            # Inside or over a name of another type ("Anderson County" of "Anderson County
            # Sheriff's Office", "Georgia" read as a person), or read as no name at all.
            typed = next((m for m in others if m.start < gold.end and gold.start < m.end), None)
            why = f"read as {typed.type}" if typed is not None else "not read as a name"
            tally.misses.append({"phrase": gold.phrase, "why": why, "gold": gold.geonames_id})
            tally.not_found[why] += 1
            continue
        tally.found += 1
        # The mention that best covers the gold span: most overlap, then the shortest.
        mention = max(
            overlapping,
            key=lambda m: (min(m.end, gold.end) - max(m.start, gold.start), -(m.end - m.start)),
        )
        entity = entities.get(mention.entity or "")
        linked = entity.links.get("geonames") if entity is not None else None
        exact = gold.geonames_id is not None and linked == gold.geonames_id
        if gold.geonames_id is not None:
            tally.with_id += 1
            tally.exact += exact
        if gold.latitude is not None and gold.longitude is not None:
            tally.with_coordinates += 1
            lat = entity.properties.get("latitude") if entity is not None else None
            lon = entity.properties.get("longitude") if entity is not None else None
            near = exact or (
                lat is not None
                and lon is not None
                and distance_km(gold.latitude, gold.longitude, lat, lon) <= NEAR_KM
            )
            tally.near += near
        if gold.geonames_id is not None and not exact:
            tally.misses.append(
                {
                    "phrase": gold.phrase,
                    "why": "wrong id" if linked else "no id",
                    "gold": gold.geonames_id,
                    "linked": linked,
                    "entity": entity.name if entity is not None else None,
                }
            )
    return tally


def score_places(
    nlp: Language, articles: Iterable[GeoArticle], *, batch_size: int = 8
) -> dict[str, PlaceTally]:
    """Each article's tally, by article id, extracted in batches."""
    from newsgraph.extract.pipeline import extract_articles

    by_id = {a.id: a for a in articles}
    inputs = (Article(id=a.id, text=a.text) for a in by_id.values())
    return {
        extraction.article.id: score_extraction(by_id[extraction.article.id], extraction)
        for extraction in extract_articles(inputs, nlp, batch_size=batch_size)
    }


def split_scores(tallies: dict[str, PlaceTally], splits: Iterable[str]) -> dict[str, PlaceTally]:
    """The tallies added up over each split's articles."""
    totals = {}
    for split in splits:
        if split not in SPLITS:
            raise ValueError(f"unknown split {split!r}; choose one of {SPLITS}")
        total = PlaceTally()
        for article_id, tally in tallies.items():
            if split == "all" or split_of(article_id) == split:
                total.add(tally)
        totals[split] = total
    return totals


def in_splits(articles: Iterable[GeoArticle], splits: Iterable[str]) -> list[GeoArticle]:
    wanted = set(splits)
    return [a for a in articles if "all" in wanted or split_of(a.id) in wanted]


def format_place_scores(results: dict[str, dict[str, float | int]]) -> str:
    lines = [
        f"{'corpus/split':<18} {'gold':>6} {'found':>7} {'exact id':>9} {'<=161km':>8}",
    ]
    for name, s in results.items():
        exact = f"{s['exact']:.1%}" if s["with_id"] else "-"
        lines.append(
            f"{name:<18} {s['gold']:>6} {s['found_rate']:>7.1%} {exact:>9} {s['near_161km']:>8.1%}"
        )
    lines.append(
        "found: gold place names read as places; exact and <=161km: of those found "
        "(exact GeoNames id where the gold has one)."
    )
    for name, s in results.items():
        reasons = {
            key.removeprefix("not_found_"): n
            for key, n in s.items()
            if key.startswith("not_found_")
        }
        if reasons:
            lines.append(f"{name} not found: " + ", ".join(f"{k} {n}" for k, n in reasons.items()))
    return "\n".join(lines)
