"""A name's type (person, organization, place) from the evidence the resolver gathers for it: a
multinomial logistic regression over the shares of NER's labels among its mentions, titles,
descriptor cues, subtypes, the type prior (gazetteer, institutions, organization words) and the
name's shape and words, trained on the dev splits of the NER corpora
(extract/training/entity_typer.py).

The hand-set vote of `resolve.resolve_entities` stays the default reading: the model replaces it
only where it gives another type a probability at least `margin` above the vote's type. The
weights are data (`data/entities/typer.json`: feature -> weight per type, the bias per type, the
margin chosen on the dev splits), read here; nothing else is loaded."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

from newsgraph.extract.extraction import Mention
from newsgraph.extract.resources import DATA_DIR

TYPER_PATH = DATA_DIR / "entities" / "typer.json"
# The features of the name's own words: trained only on words seen in more than one corpus.
LAST_WORD = "lw="
FIRST_WORD = "fw="
# NER's own labels; any other label is the rule that found the name (REPEATED, GAZETTEER, ...).
_NER_LABELS = frozenset({"PER", "ORG", "LOC", "PERSON", "GPE", "FAC"})


class Typer(Protocol):
    """What `resolve_entities` asks of a type model: the type of a cluster of mentions named
    `name`, given its evidence as features and the type the hand-set votes chose."""

    def choose(self, features: dict[str, float], voted: str, name: str) -> str: ...


@dataclass(frozen=True)
class EntityTyper:
    types: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]
    bias: tuple[float, ...]
    margin: float

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        scores = list(self.bias)
        for name, value in features.items():
            row = self.weights.get(name)
            if row is not None:
                scores = [s + value * w for s, w in zip(scores, row, strict=True)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {t: e / total for t, e in zip(self.types, exps, strict=True)}

    def choose(self, features: dict[str, float], voted: str, name: str = "") -> str:
        """The model's type where it beats the voted type by the margin, else the voted type
        (`name` is not used: the features hold what the model reads of it)."""
        p = self.probabilities(features)
        best = max(self.types, key=lambda t: p[t])
        if voted in p and p[best] < p[voted] + self.margin:
            return voted
        return best


def read_typer(path: Path) -> EntityTyper:
    try:
        with path.open(encoding="utf-8") as handle:
            table = json.load(handle)
        types = tuple(str(t) for t in table["types"])
        weights = {str(k): tuple(float(x) for x in v) for k, v in table["weights"].items()}
        bias = tuple(float(x) for x in table["bias"])
        if len(bias) != len(types) or any(len(v) != len(types) for v in weights.values()):
            raise ValueError("one weight per type expected")
        return EntityTyper(types, weights, bias, float(table["margin"]))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ValueError(f"{path}: not an entity typer ({error})") from error


@cache
def entity_typer() -> EntityTyper:
    return read_typer(TYPER_PATH)


def features(
    mentions: Sequence[Mention],
    voters: Sequence[Mention],
    known: tuple[str, float] | None,
    canonical: str,
    *,
    anchored: bool = False,
    surname: bool = False,
) -> dict[str, float]:
    """The evidence on one cluster's type as features. `mentions` are all of the cluster's,
    `voters` those that vote on its type (an acronym defined in the article does not); `known`
    is the type prior's reading of the canonical name; `anchored` and `surname` say that a
    resolver rule joined the cluster to an organization's full name or a person's."""
    out: dict[str, float] = {}
    voting = list(voters) or list(mentions)
    for mention in voting:
        key = f"ner={mention.type}"
        out[key] = out.get(key, 0.0) + 1.0 / len(voting)
        if mention.label not in _NER_LABELS:
            out[f"src={mention.label}"] = 1.0
        if mention.title:
            out["title"] = 1.0
        if mention.subtype:
            out[f"subtype={mention.type}"] = 1.0
        if mention.cue:
            out[f"cue={mention.cue}"] = 1.0
    if known is not None:
        out[f"prior={known[0]}"] = 1.0
        out[f"prior={known[0]}:{float(known[1])}"] = 1.0
    if anchored:
        out["anchored"] = 1.0
    if surname:
        out["surname"] = 1.0
    out[f"nment={min(len(mentions), 3)}"] = 1.0
    words = canonical.split()
    out[f"ntok={min(len(words), 4)}"] = 1.0
    if canonical.isupper() and len(canonical) > 1:
        out["allcaps"] = 1.0
    if any(ch.isdigit() for ch in canonical):
        out["digit"] = 1.0
    if words:
        out[f"{LAST_WORD}{words[-1].lower()}"] = 1.0
        out[f"{FIRST_WORD}{words[0].lower()}"] = 1.0
    return out
