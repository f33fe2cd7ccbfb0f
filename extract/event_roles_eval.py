"""Role-filler F1 on MUC-4: the standard document-level template-filling measure.

For each document the strings the extractor puts in each slot (perpetrator individual,
perpetrator organization, target, victim, weapon) are compared with the gold template
fillers of that document, by head noun: a predicted filler is right when its head noun (its
last word) is the head noun of one of the mentions of a gold filler of the same slot; each
gold filler is found at most once; predictions are counted once per head. Precision, recall
and F1 are micro-averaged over the documents, per slot and over all slots (Patwardhan and
Riloff 2009; Huang and Riloff 2011; Du et al. 2021 report on the same 200 test documents).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language

from newsgraph.extract.article import Article
from newsgraph.extract.evaluation import Tally
from newsgraph.extract.event_context import context_cues
from newsgraph.extract.extraction import Extraction
from newsgraph.extract.lexicons import descriptors, event_lexicon, event_table
from newsgraph.extract.pipeline import extract_articles
from newsgraph.extract.training.events_data import read_muc4

SLOTS = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
# The incident types of the MUC-4 templates (attack, bombing, arson, kidnapping, robbery).
MUC_TYPES = frozenset({"attack", "bombing", "killing", "injury", "armed_clash"})
# Incidents told as not (yet) happening are not reported in a template.
_IRREALIS = frozenset({"negated", "generic", "hypothetical"})
_WORD = re.compile(r"[\w'-]+")


def head(text: str) -> str | None:
    """A filler's head noun: its last word, lower-cased."""
    words = _WORD.findall(text.lower())
    return words[-1] if words else None


def predicted_slots(extraction: Extraction) -> dict[str, set[str]]:
    """The heads of the fillers of each slot in one document's incidents."""
    entity_type = {e.id: e.type for e in extraction.entities}
    organizations = descriptors()
    slots: dict[str, set[str]] = {slot: set() for slot in SLOTS}
    for incident in extraction.incidents:
        if incident.type not in MUC_TYPES or incident.modality in _IRREALIS:
            continue
        for argument in incident.arguments:
            word = head(argument.text)
            if word is None or _no_filler(argument.text, word):
                continue
            if argument.role == "attacker":
                kind = entity_type.get(argument.entity or "")
                # A name goes by its entity type; a description names individuals ("the
                # guerrillas", "an urban commando's members") unless its head is an
                # organization noun ("the army", "a guerrilla front") or it names the members
                # of what it ends with ("members of the fmln").
                individual = kind == "person" or (
                    kind is None
                    and organizations.get(word) != "organization"
                    and organizations.get(word.rstrip("s")) != "organization"
                    and not _members_of(argument.text)
                )
                slots["PerpInd" if individual else "PerpOrg"].add(word)
            elif argument.role == "victim":
                slots["Victim"].add(word)
            elif argument.role == "target":
                slots["Target"].add(word)
            elif argument.role == "instrument":
                slots["Weapon"].add(word)
    return slots


def _members_of(text: str) -> bool:
    """ "members of the fmln", "the remnants of the rebel army": the phrase ends with the
    organization its individuals belong to (events.json, membership_nouns)."""
    members = frozenset(event_table()["membership_nouns"])
    words = _WORD.findall(text.lower())
    return any(
        word in members and i + 2 < len(words) and words[i + 1] == "of"
        for i, word in enumerate(words[:3])
    )


def _no_filler(text: str, word: str) -> bool:
    """A pronoun or a bare number is no template filler: MUC-4 fills a slot with the most
    specific mention of its referent ("the two priests", not "they" or "two")."""
    if text.strip().lower() in context_cues().actor_pronouns:
        return True
    return word.isdigit() or word in event_lexicon().number_words


def gold_slots(templates: Iterable[Any]) -> dict[str, list[set[str]]]:
    """Each slot's gold fillers, each as the set of the heads of its mentions."""
    slots: dict[str, list[set[str]]] = {slot: [] for slot in SLOTS}
    for template in templates:
        for slot in SLOTS:
            for entity in template.slots[slot]:
                heads = {h for h in (head(m) for m in entity) if h}
                if heads:
                    slots[slot].append(heads)
    return slots


def score_slots(
    predicted: dict[str, set[str]], gold: dict[str, list[set[str]]], tallies: dict[str, Tally]
) -> None:
    for slot in SLOTS:
        tally = tallies.setdefault(slot, Tally())
        fillers = gold[slot]
        found: set[int] = set()
        for word in sorted(predicted[slot]):  # the same matches in every run
            match = next(
                (i for i, heads in enumerate(fillers) if i not in found and word in heads), None
            )
            if match is None:
                tally.fp += 1
            else:
                found.add(match)
                tally.tp += 1
        tally.fn += len(fillers) - len(found)


def score_muc4(nlp: Language, path: Path, limit: int | None = None) -> dict[str, Any]:
    """Role-filler P/R/F1 per slot and micro-averaged, over the documents of `path`."""
    documents = list(read_muc4(path))[:limit]
    articles = [Article(id=docid, text=text) for docid, text, _ in documents]
    gold_by_id = {docid: gold_slots(templates) for docid, _, templates in documents}
    tallies: dict[str, Tally] = {}
    for extraction in extract_articles(articles, nlp):
        score_slots(predicted_slots(extraction), gold_by_id[extraction.article.id], tallies)
    total = Tally()
    for tally in tallies.values():
        total.tp += tally.tp
        total.fp += tally.fp
        total.fn += tally.fn
    return {
        "documents": len(documents),
        "role_filler": total.scores(),
        "per_slot": {slot: tallies[slot].scores() for slot in SLOTS},
    }


def format_muc4_scores(scores: dict[str, Any]) -> str:
    row = scores["role_filler"]
    lines = [
        f"MUC-4 role fillers, {scores['documents']} documents (head noun match)",
        f"  all slots                 P {row['p']:.3f}  R {row['r']:.3f}  F1 {row['f1']:.3f}",
    ]
    for slot, row in scores["per_slot"].items():
        gold = row["tp"] + row["fn"]
        lines.append(
            f"    {slot:<23} P {row['p']:.3f}  R {row['r']:.3f}  F1 {row['f1']:.3f}  gold {gold}"
        )
    return "\n".join(lines)
