"""The cross-article merge (graph/merge.py) scored on ECB+ cross-document event coreference,
with the standard scores: MUC, B³, CEAF-e and their mean, the CoNLL F1.

Setting (say it with every figure):
- Mentions: ECB+'s gold event mentions (ACTION_* and NEG_* tags) in the sentences the corpus
  marks as annotated for coreference (ECBplus_coreference_sentences.csv), as is usual.
- Split: Cybulska and Vossen (2015), followed by most later work: topics 1-22 train, 23-25
  dev, 36-45 test. Nothing here is trained; the threshold is chosen on dev only.
- System: the project's extractor runs on each document (its tokens joined by spaces, the
  ecbplus URL line left out); a gold mention takes the incident whose trigger it overlaps,
  and incidents of different documents of one topic (gold topics, the usual "topic" setting)
  merge by `merge.cluster`. A gold mention no incident covers stays alone, and so do the
  incidents of one document that the extractor kept apart.
- ECB+ documents carry no publication date, so relative times cannot be resolved: the shipped
  rules (which need a resolved time) merge almost nothing here; a variant without the time
  condition is reported beside them. Baselines: every mention alone, and the same lemma
  (lower-cased head word) within a topic.
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx

from newsgraph.extract.article import Article
from newsgraph.extract.extraction import Extraction
from newsgraph.graph import merge
from newsgraph.graph.ontology import incident_types

SPLITS = {
    "train": set(range(1, 23)),
    "dev": {23, 24, 25},
    "test": set(range(36, 46)),
}


@dataclass(frozen=True)
class GoldMention:
    doc: str
    topic: int
    start: int  # characters into the document's text
    end: int
    text: str
    cluster: str


@dataclass
class Document:
    name: str
    topic: int
    text: str
    mentions: list[GoldMention]


def _selected(root: Path) -> dict[str, set[int]]:
    chosen: dict[str, set[int]] = defaultdict(set)
    with (root / "ECBplus_coreference_sentences.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            chosen[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return chosen


def read_ecb_plus(root: Path, topics: Iterable[int]) -> list[Document]:
    """ECB+ documents of these topics with their gold event mentions and clusters."""
    chosen = _selected(root)
    wanted = set(topics)
    documents = []
    folder = root / "ECB+"
    for topic_dir in sorted(folder.iterdir(), key=lambda p: int(p.name) if p.name.isdigit() else 0):
        if not topic_dir.name.isdigit() or int(topic_dir.name) not in wanted:
            continue
        for path in sorted(topic_dir.glob("*.xml")):
            name = path.stem
            documents.append(_document(path, name, int(topic_dir.name), chosen.get(name, set())))
    return documents


def _document(path: Path, name: str, topic: int, sentences: set[int]) -> Document:
    tree = ET.parse(path)
    root = tree.getroot()
    offsets: dict[str, tuple[int, int, int]] = {}
    parts: list[str] = []
    length = 0
    last_sentence = None
    for token in root.iter("token"):
        sentence = int(token.get("sentence", "0"))
        if "ecbplus" in name and sentence == 0:
            continue  # the URL the text was found at
        if last_sentence is not None and sentence != last_sentence:
            parts.append("\n")
            length += 1
        elif parts:
            parts.append(" ")
            length += 1
        word = token.text or ""
        offsets[token.get("t_id", "")] = (length, length + len(word), sentence)
        parts.append(word)
        length += len(word)
        last_sentence = sentence
    text = "".join(parts)
    markables = root.find("Markables")
    spans: dict[str, tuple[int, int, int]] = {}
    if markables is not None:
        for markable in markables:
            if not markable.tag.startswith(("ACTION", "NEG")):
                continue
            anchors = [offsets[a.get("t_id", "")] for a in markable if a.get("t_id") in offsets]
            if anchors:
                spans[markable.get("m_id", "")] = (
                    min(a[0] for a in anchors),
                    max(a[1] for a in anchors),
                    anchors[0][2],
                )
    cluster: dict[str, str] = {}
    relations = root.find("Relations")
    if relations is not None:
        for relation in relations:
            if relation.tag not in ("CROSS_DOC_COREF", "INTRA_DOC_COREF"):
                continue
            key = (
                relation.get("note", "")
                if relation.tag == "CROSS_DOC_COREF"
                else f"{name}/{relation.get('r_id')}"
            )
            for source in relation.findall("source"):
                cluster[source.get("m_id", "")] = key
    mentions = [
        GoldMention(
            name, topic, start, end, text[start:end], cluster.get(m_id, f"{name}/single/{m_id}")
        )
        for m_id, (start, end, sentence) in sorted(spans.items(), key=lambda kv: kv[1])
        if sentence in sentences
    ]
    return Document(name, topic, text, mentions)


# Scores


Clusters = list[set[Any]]


def _by_item(clusters: Clusters) -> dict[Any, int]:
    return {item: number for number, members in enumerate(clusters) for item in members}


def muc(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    def recall(gold: Clusters, system: Clusters) -> float:
        where = _by_item(system)
        numerator = denominator = 0
        for members in gold:
            parts = {where.get(item, ("alone", item)) for item in members}
            numerator += len(members) - len(parts)
            denominator += len(members) - 1
        return numerator / denominator if denominator else 0.0

    r, p = recall(key, response), recall(response, key)
    return r, p, _f(r, p)


def b_cubed(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    def recall(gold: Clusters, system: Clusters) -> float:
        where = _by_item(system)
        total = sum(len(members) for members in gold)
        score = 0.0
        for members in gold:
            for item in members:
                other = system[where[item]] if item in where else {item}
                score += len(members & other) / len(members)
        return score / total if total else 0.0

    r, p = recall(key, response), recall(response, key)
    return r, p, _f(r, p)


def ceaf_e(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    """Entity-based CEAF (phi4), the best one-to-one alignment by maximum weight matching."""
    graph = nx.Graph()
    where = _by_item(response)
    for k, members in enumerate(key):
        for number in {where[i] for i in members if i in where}:
            found = response[number]
            similarity = 2 * len(members & found) / (len(members) + len(found))
            graph.add_edge(("k", k), ("r", number), weight=similarity)
    matching = nx.max_weight_matching(graph)
    total = sum(graph[a][b]["weight"] for a, b in matching)
    r = total / len(key) if key else 0.0
    p = total / len(response) if response else 0.0
    return r, p, _f(r, p)


def _f(r: float, p: float) -> float:
    return 2 * r * p / (r + p) if r + p else 0.0


def cross_document_pairs(key: Clusters, response: Clusters) -> dict[str, float | int]:
    """Links between mentions of different documents: of those the response makes, the share
    that are gold (precision: a false merge is what this layer must avoid), and of the gold
    ones, the share it makes."""

    def pairs(clusters: Clusters) -> set[tuple[Any, Any]]:
        found = set()
        for members in clusters:
            ordered = sorted(members)
            for i, a in enumerate(ordered):
                for b in ordered[i + 1 :]:
                    if a[0] != b[0]:
                        found.add((a, b))
        return found

    gold, made = pairs(key), pairs(response)
    right = len(gold & made)
    return {
        "links_made": len(made),
        "links_right": right,
        "gold_links": len(gold),
        "precision": round(right / len(made), 4) if made else 0.0,
        "recall": round(right / len(gold), 4) if gold else 0.0,
    }


def scores(key: Clusters, response: Clusters) -> dict[str, float]:
    found = {
        "muc": muc(key, response),
        "b3": b_cubed(key, response),
        "ceafe": ceaf_e(key, response),
    }
    out = {
        f"{name}_{part}": round(value, 4)
        for name, triple in found.items()
        for part, value in zip(("r", "p", "f1"), triple, strict=True)
    }
    out["conll_f1"] = round(sum(triple[2] for triple in found.values()) / 3, 4)
    return out


# The system


def _mention_of(extraction: Extraction, incident: Any, article_iri: str) -> merge.Mention:
    entities = {entity.id: entity for entity in extraction.entities}
    place = None
    if incident.place and incident.place in entities:
        entity = entities[incident.place]
        code = entity.properties.get("country_code")
        place = merge.Place(
            iri=incident.place,
            kind=entity.subtype,
            country=code if isinstance(code, str) else None,
            geonames=entity.links.get("geonames"),
        )
    begin = end = None
    if incident.time is not None and incident.time.begin:
        begin = date.fromisoformat(incident.time.begin)
        end = date.fromisoformat(incident.time.end_date or incident.time.begin)
    actors = frozenset(
        a.entity
        for a in incident.arguments
        if a.entity and a.role not in ("place", "origin", "destination", "time")
    )
    counts = tuple(
        merge.Count(f"{article_iri}/{incident.id}/{n}", c.role, c.value, c.qualifier)
        for n, c in enumerate(incident.counts)
    )
    return merge.Mention(
        iri=f"{article_iri}#{incident.id}",
        article=article_iri,
        type=incident_types()[incident.type],
        modality=incident.modality,
        begin=begin,
        end=end,
        place=place,
        actors=actors,
        counts=counts,
    )


@dataclass
class Extracted:
    documents: list[Document]
    extractions: dict[str, Extraction]


def extract(documents: Sequence[Document], nlp: Any) -> Extracted:
    from newsgraph.extract.pipeline import extract_articles

    articles = [Article(id=d.name, text=d.text) for d in documents]
    found = {e.article.id: e for e in extract_articles(articles, nlp)}
    return Extracted(list(documents), found)


def system_clusters(data: Extracted, rules: merge.Rules | None) -> Clusters:
    """Gold mentions clustered by the extractor's incidents and, with `rules`, the merge of
    incidents across the documents of each topic."""
    owner: dict[tuple[str, int, int], str] = {}
    by_topic: dict[int, list[merge.Mention]] = defaultdict(list)
    for document in data.documents:
        extraction = data.extractions[document.name]
        for incident in extraction.incidents:
            spans = [extraction.events[i].trigger for i in incident.mentions]
            key = f"{document.name}#{incident.id}"
            for gold in document.mentions:
                if any(s.start < gold.end and gold.start < s.end for s in spans):
                    owner.setdefault((gold.doc, gold.start, gold.end), key)
            by_topic[document.topic].append(_mention_of(extraction, incident, document.name))
    joined: dict[str, str] = {}
    if rules is not None:
        for mentions in by_topic.values():
            for group in merge.cluster(mentions, rules):
                head = group[0].iri
                for member in group:
                    joined[member.iri] = head
    clusters: dict[str, set[Any]] = defaultdict(set)
    for document in data.documents:
        for gold in document.mentions:
            item = (gold.doc, gold.start, gold.end)
            owned = owner.get(item)
            label = joined.get(owned, owned) if owned else f"alone/{item}"
            clusters[label].add(item)
    return list(clusters.values())


def gold_clusters(documents: Sequence[Document]) -> Clusters:
    clusters: dict[str, set[Any]] = defaultdict(set)
    for document in documents:
        for gold in document.mentions:
            clusters[gold.cluster].add((gold.doc, gold.start, gold.end))
    return list(clusters.values())


def lemma_clusters(documents: Sequence[Document]) -> Clusters:
    """The same-lemma baseline: mentions of one topic with the same lower-cased last word."""
    clusters: dict[tuple[int, str], set[Any]] = defaultdict(set)
    for document in documents:
        for gold in document.mentions:
            word = re.sub(r"(ing|ed|s)$", "", gold.text.lower().split()[-1]) or gold.text.lower()
            clusters[(document.topic, word)].add((gold.doc, gold.start, gold.end))
    return list(clusters.values())


def singleton_clusters(documents: Sequence[Document]) -> Clusters:
    return [{(g.doc, g.start, g.end)} for d in documents for g in d.mentions]


def without_time(rules: merge.Rules) -> merge.Rules:
    return replace(rules, require_time=False)


def format_report(report: dict[str, Any]) -> str:
    """The report as lines people read: one per system and split."""
    lines = [f"ECB+ cross-document event coreference, gold mentions; {report['split']}"]
    for split in ("dev", "test"):
        head = report[split]
        lines.append(
            f"{split}: {head['documents']} documents, {head['mentions']} mentions, "
            f"{head['gold clusters']} gold clusters"
        )
        for name, value in head.items():
            if not isinstance(value, dict):
                continue
            if "conll_f1" in value:
                lines.append(
                    f"  {name}: MUC {value['muc_f1']:.3f}  B3 {value['b3_f1']:.3f}  "
                    f"CEAF-e {value['ceafe_f1']:.3f}  CoNLL {value['conll_f1']:.3f}"
                )
            elif "links_made" in value:
                lines.append(
                    f"  {name}: {value['links_right']}/{value['links_made']} right "
                    f"(precision {value['precision']:.3f}), recall {value['recall']:.3f} "
                    f"of {value['gold_links']}"
                )
            else:
                for threshold, found in value.items():
                    lines.append(f"  {name} {threshold}: CoNLL {found['conll_f1']:.3f}")
    lines.append(f"thresholds chosen on dev: {report['chosen thresholds']}")
    return "\n".join(lines)


def evaluate(
    root: Path,
    nlp: Any,
    thresholds: Sequence[float] = (1.0, 1.5, 2.0, 2.5, 3.0, 3.5),
    on_progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Scores on dev for each threshold and variant, the threshold dev chooses (best CoNLL F1,
    the higher threshold on a tie), and the test scores at that threshold, with baselines."""
    say = on_progress or (lambda _: None)
    report: dict[str, Any] = {
        "split": "dev topics 23-25, test topics 36-45 (Cybulska & Vossen 2015)"
    }
    shipped = merge.default_rules()
    variants = {"shipped rules": shipped, "without the time condition": without_time(shipped)}
    data: dict[str, Extracted] = {}
    for split in ("dev", "test"):
        documents = read_ecb_plus(root, SPLITS[split])
        say(
            f"{split}: {len(documents)} documents, {sum(len(d.mentions) for d in documents)} mentions"
        )
        data[split] = extract(documents, nlp)
    for split in ("dev", "test"):
        documents = data[split].documents
        key = gold_clusters(documents)
        report[split] = {
            "documents": len(documents),
            "mentions": sum(len(d.mentions) for d in documents),
            "gold clusters": len(key),
            "baseline: every mention alone": scores(key, singleton_clusters(documents)),
            "baseline: same lemma in a topic": scores(key, lemma_clusters(documents)),
            "extractor's incidents, no cross-document merge": scores(
                key, system_clusters(data[split], None)
            ),
            "cross-document links, same lemma": cross_document_pairs(
                key, lemma_clusters(documents)
            ),
        }
    chosen: dict[str, float] = {}
    for name, rules in variants.items():
        dev_key = gold_clusters(data["dev"].documents)
        by_threshold = {
            t: scores(dev_key, system_clusters(data["dev"], rules.with_threshold(t)))
            for t in thresholds
        }
        report["dev"][f"merge, {name}, by threshold"] = by_threshold
        best = max(thresholds, key=lambda t: (by_threshold[t]["conll_f1"], t))
        chosen[name] = best
        test_key = gold_clusters(data["test"].documents)
        report["test"][f"merge, {name}, threshold {best} (chosen on dev)"] = scores(
            test_key, system_clusters(data["test"], rules.with_threshold(best))
        )
        shipped_response = system_clusters(data["test"], rules)
        report["test"][f"merge, {name}, shipped threshold {rules.threshold}"] = scores(
            test_key, shipped_response
        )
        report["test"][f"cross-document links, {name}, shipped threshold"] = cross_document_pairs(
            test_key, shipped_response
        )
        report["dev"][f"cross-document links, {name}, shipped threshold"] = cross_document_pairs(
            dev_key, system_clusters(data["dev"], rules)
        )
    report["chosen thresholds"] = chosen
    return report
