"""Whether a lexicon trigger is a specific, real event: a logistic regression over the
trigger's context in the parse (its lemma and type, its dependency relation and governor, its
determiner and number, the roles its arguments fill and their entity types, the modality of
its clause), trained on public annotated news and fiction (extract/training/events_filter.py).

The weights are data (`data/events/filter.json`: feature name -> weight, the bias and the
threshold chosen on the development split), read here; nothing else is loaded."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.tokens import Token

from newsgraph.extract.event_context import context_cues, modality
from newsgraph.extract.resources import DATA_DIR

FILTER_PATH = DATA_DIR / "events" / "filter.json"
NEWS = "domain=news"
FICTION = "domain=fiction"
_QUOTES = frozenset({'"', "“", "”", "``", "''"})


@dataclass(frozen=True)
class EventFilter:
    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, features: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))


def read_filter(path: Path) -> EventFilter:
    try:
        with path.open(encoding="utf-8") as handle:
            table = json.load(handle)
        return EventFilter(
            {str(k): float(v) for k, v in table["weights"].items()},
            float(table["bias"]),
            float(table["threshold"]),
        )
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ValueError(f"{path}: not an event filter ({error})") from error


@cache
def event_filter() -> EventFilter:
    return read_filter(FILTER_PATH)


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def _entity_kind(token: Token) -> str:
    if token.ent_type_:
        return token.ent_type_
    if token.pos_ == "PRON":
        return "PRON"
    if token.pos_ == "PROPN":
        return "PROPN"
    return "none"


def features(trigger: Token, event_type: str, roles: list[tuple[str, Token]]) -> list[str]:
    """The context of a candidate trigger as feature names. `roles` are the role and head
    token of each argument the dependency structure gives it."""
    cues = context_cues()
    lemma = _lemma(trigger)
    head = trigger.head
    dep = trigger.dep_
    out = [
        f"t={event_type}",
        f"l={lemma}",
        f"p={trigger.pos_}",
        f"tag={trigger.tag_}",
        f"dep={dep}",
        f"t+p={event_type}+{trigger.pos_}",
        f"t+dep={event_type}+{dep}",
        f"l+dep={lemma}+{dep}",
        f"mod={modality(trigger, event_type)}",
    ]
    if head.i != trigger.i:
        head_lemma = _lemma(head)
        out += [f"hl={head_lemma}", f"hp={head.pos_}", f"dep+hp={dep}+{head.pos_}"]
        if head_lemma in cues.support_verbs:
            out.append("gov=support")
        if head_lemma in cues.reporting_verbs:
            out.append("gov=reporting")
        if any(c.dep_ == "cop" for c in head.children):
            out.append("gov=copula")
    else:
        out.append("root")
    determiners = [c for c in trigger.children if c.dep_ in {"det", "det:poss", "nmod:poss"}]
    if trigger.pos_ == "NOUN":
        out.append(f"det={determiners[0].lower_ if determiners else 'none'}")
        out.append(f"number={'plural' if trigger.tag_ == 'NNS' else 'singular'}")
    for child in trigger.children:
        out.append(f"c={child.dep_}")
        if child.dep_ in {"nmod", "obl"}:
            case = next((c.lower_ for c in child.children if c.dep_ == "case"), "none")
            out.append(f"prep={case}")
            out.append(f"t+prep={event_type}+{case}")
        if child.dep_ in {"amod", "compound"}:
            out.append(f"mod_word={child.lower_}")
        if child.dep_ == "nummod":
            out.append("counted")
    filled = sorted({role for role, _ in roles})
    out.append(f"nroles={min(len(filled), 3)}")
    for role, token in roles:
        out.append(f"role={role}")
        out.append(f"t+role={event_type}+{role}")
        out.append(f"role+ent={role}+{_entity_kind(token)}")
    doc = trigger.doc
    sentence = trigger.sent
    if any(t.text in _QUOTES for t in doc[sentence.start : trigger.i]) and any(
        t.text in _QUOTES for t in doc[trigger.i : sentence.end]
    ):
        out.append("quoted")
    if trigger.i == sentence.start:
        out.append("first")
    # The domain: the filter is trained on news (ECB+) and fiction (LitBank), each with its
    # own feature to take up what differs between them; the runtime reads news.
    out.append(NEWS)
    return out
