"""Event mentions and incidents from the shipped pipeline, on plain news sentences."""

from __future__ import annotations

from datetime import date

from spacy.language import Language

from newsgraph.extract.article import Article
from newsgraph.extract.extraction import Extraction
from newsgraph.extract.lexicons import event_lexicon
from newsgraph.extract.pipeline import extract_articles


def _extract(nlp: Language, text: str, published: date | None = date(2007, 5, 28)) -> Extraction:
    (extraction,) = extract_articles([Article(id="t", text=text, published=published)], nlp)
    return extraction


def _roles(extraction: Extraction, trigger: str) -> dict[str, set[str]]:
    event = next(e for e in extraction.events if e.trigger.text == trigger)
    roles: dict[str, set[str]] = {}
    for argument in event.arguments:
        roles.setdefault(argument.role, set()).add(argument.text)
    return roles


def test_arrest_with_count_place_time_and_agent(nlp: Language) -> None:
    x = _extract(nlp, "Police arrested 12 suspects in Madrid on Friday.")
    (event,) = [e for e in x.events if e.type == "arrest"]
    assert event.trigger.text == "arrested"
    roles = _roles(x, "arrested")
    assert "Police" in roles["agent"]
    assert any("suspects" in text for text in roles["detainee"])
    assert "Madrid" in roles["place"]
    assert [(c.role, c.value, c.qualifier) for c in event.counts] == [("detainee", 12, "exactly")]
    assert (
        event.time is not None
        and event.time.value == "2007-05-25"
        and event.time.precision == "day"
    )
    (incident,) = [i for i in x.incidents if i.type == "arrest"]
    assert incident.place == "place/madrid"


def test_qualified_counts_of_victims(nlp: Language) -> None:
    x = _extract(nlp, "More than 30 soldiers were killed in the attack.")
    killing = next(e for e in x.events if e.type == "killing")
    assert [(c.role, c.value, c.qualifier) for c in killing.counts] == [("victim", 30, "more than")]
    # "killed in the attack": one incident, named by the attack.
    assert len({e.incident for e in x.events}) == 1


def test_plots_are_planned_and_sources_are_kept(nlp: Language) -> None:
    x = _extract(nlp, "The suspects were plotting attacks on the airport, according to the police.")
    plot = next(e for e in x.events if e.type == "plot")
    assert plot.modality == "planned"
    assert plot.attribution is not None and "police" in plot.attribution.text
    incidents = {i.type for i in x.incidents}
    assert "plot" in incidents


def test_movement_roles_and_offsets(nlp: Language) -> None:
    text = "The bomb maker flew from Baghdad to Amman last week."
    x = _extract(nlp, text)
    move = next(e for e in x.events if e.type == "movement")
    roles = _roles(x, "flew")
    assert roles["origin"] == {"Baghdad"} and roles["destination"] == {"Amman"}
    for argument in move.arguments:
        assert text[argument.start : argument.end] == argument.text
    assert move.time is not None and move.time.precision == "week"


def test_no_events_in_quiet_text(nlp: Language) -> None:
    x = _extract(nlp, "The committee met in Geneva to discuss the budget.")
    assert x.events == [] and x.incidents == []


def test_every_trigger_type_is_in_the_taxonomy() -> None:
    import rdflib

    from newsgraph.graph.ontology import TAXONOMY_PATH

    taxonomy = rdflib.Graph().parse(TAXONOMY_PATH)
    notations = {str(o) for o in taxonomy.objects(None, rdflib.SKOS.notation)}
    lexicon = event_lexicon()
    assert {t.type for t in lexicon.triggers.values()} <= notations
    assert set(lexicon.roles) <= notations
