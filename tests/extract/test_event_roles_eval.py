"""MUC-4 role-filler scoring: document level, head noun match, each gold filler found once."""

from __future__ import annotations

import json
from pathlib import Path

from spacy.language import Language

from newsgraph.extract.evaluation import Tally
from newsgraph.extract.event_roles_eval import SLOTS, gold_slots, head, score_muc4, score_slots
from newsgraph.extract.training.events_data import read_muc4


def _empty() -> dict[str, set[str]]:
    return {slot: set() for slot in SLOTS}


def test_head_noun_match_and_each_filler_once(tmp_path: Path) -> None:
    path = tmp_path / "muc.json"
    template = {
        "incident_type": "bombing",
        "PerpInd": [[["urban guerrillas", 10], ["guerrillas", 40]]],
        "PerpOrg": [[["the fmln", 3]]],
        "Target": [],
        "Victim": [[["jose garcia", 60]], [["two soldiers", 80]]],
        "Weapon": [[["a car bomb", 20]]],
    }
    path.write_text(json.dumps({"docid": "D1", "doctext": "x", "templates": [template]}) + "\n")
    ((docid, _, templates),) = read_muc4(path)
    assert docid == "D1" and head("a car bomb") == "bomb"
    gold = gold_slots(templates)
    predicted = _empty()
    predicted["PerpInd"] = {"guerrillas"}
    predicted["Victim"] = {"garcia", "priests"}
    predicted["Weapon"] = {"bomb"}
    tallies: dict[str, Tally] = {}
    score_slots(predicted, gold, tallies)
    assert (tallies["PerpInd"].tp, tallies["PerpInd"].fp, tallies["PerpInd"].fn) == (1, 0, 0)
    assert (tallies["Victim"].tp, tallies["Victim"].fp, tallies["Victim"].fn) == (1, 1, 1)
    assert (tallies["PerpOrg"].tp, tallies["PerpOrg"].fn) == (0, 1)
    assert tallies["Weapon"].tp == 1


def test_muc4_scored_end_to_end(nlp: Language, tmp_path: Path) -> None:
    path = tmp_path / "muc.json"
    template = {
        "incident_type": "attack",
        "PerpInd": [[["Gunmen", 0]]],
        "PerpOrg": [],
        "Target": [],
        "Victim": [[["two policemen", 14]]],
        "Weapon": [],
    }
    text = "Gunmen killed two policemen in Lima on Monday."
    path.write_text(json.dumps({"docid": "D2", "doctext": text, "templates": [template]}) + "\n")
    scores = score_muc4(nlp, path)
    assert scores["documents"] == 1
    assert scores["per_slot"]["Victim"]["tp"] == 1
    assert scores["role_filler"]["fn"] <= 1


def test_described_attackers_are_individuals_and_organization_nouns_are_not(
    nlp: Language,
) -> None:
    from newsgraph.extract.article import Article
    from newsgraph.extract.event_roles_eval import predicted_slots
    from newsgraph.extract.pipeline import extract_articles

    text = "urban guerrillas attacked a police station. the army attacked a rebel camp."
    (extraction,) = extract_articles([Article(id="t", text=text)], nlp)
    slots = predicted_slots(extraction)
    assert "guerrillas" in slots["PerpInd"]
    assert "army" in slots["PerpOrg"] and "army" not in slots["PerpInd"]
    text = "members of the farabundo marti national liberation front (fmln) attacked a bridge."
    (extraction,) = extract_articles([Article(id="t", text=text)], nlp)
    slots = predicted_slots(extraction)
    # The members' organization is the perpetrator organization.
    assert "fmln" in slots["PerpOrg"] and "fmln" not in slots["PerpInd"]


def test_pronouns_and_bare_numbers_fill_no_slot(nlp: Language) -> None:
    from newsgraph.extract.article import Article
    from newsgraph.extract.event_roles_eval import predicted_slots
    from newsgraph.extract.pipeline import extract_articles

    text = "guerrillas attacked the village. they killed two. they also killed a peasant."
    (extraction,) = extract_articles([Article(id="t", text=text)], nlp)
    slots = predicted_slots(extraction)
    assert "peasant" in slots["Victim"]
    assert not {"they", "two"} & (slots["Victim"] | slots["PerpInd"] | slots["PerpOrg"])
