"""Places linked like a geoparser: towns of 500 people and more and first- and second-level
divisions are reached, and a name is read among its places by the article's other places,
their countries and states, and the population."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from newsgraph.extract.article import Article
from newsgraph.extract.gazetteer import Gazetteer, default_gazetteer
from newsgraph.extract.geo_eval import (
    GeoArticle,
    GoldPlace,
    distance_km,
    score_extraction,
    split_of,
    split_scores,
)
from newsgraph.extract.linking import resolve_places
from newsgraph.extract.pipeline import extraction_from_doc
from newsgraph.extract.places_index import PlacesIndex, build_index

PARIS_FRANCE, PARIS_TEXAS, PARIS_TENNESSEE = "2988507", "4717560", "4647963"
TEXAS = "4736286"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return default_gazetteer()


def _id(names: list[str], name: str, gazetteer: Gazetteer) -> str | None:
    place = resolve_places(names, gazetteer).get(name)
    return place.geonames_id if place is not None else None


def test_paris_is_read_by_the_state_the_article_names(gazetteer: Gazetteer) -> None:
    assert _id(["Paris"], "Paris", gazetteer) == PARIS_FRANCE
    assert _id(["Paris", "Texas"], "Paris", gazetteer) == PARIS_TEXAS
    # The stylebook's abbreviation of a state names it too ("Paris, Tenn.").
    assert _id(["Paris", "Tenn."], "Paris", gazetteer) == PARIS_TENNESSEE
    assert _id(["Texas", "Paris"], "Texas", gazetteer) == TEXAS


def test_the_capital_of_a_country_the_article_names_outweighs_a_town_of_a_named_state(
    gazetteer: Gazetteer,
) -> None:
    paris_kentucky = "4303602"
    assert _id(["Paris", "Kentucky", "Pikeville"], "Paris", gazetteer) == paris_kentucky
    assert _id(["Paris", "France", "Kentucky", "Pikeville"], "Paris", gazetteer) == PARIS_FRANCE


def test_a_city_is_read_by_its_country_and_by_a_division_of_another_country(
    gazetteer: Gazetteer,
) -> None:
    assert resolve_places(["Tripoli"], gazetteer)["Tripoli"].country_code == "LY"
    assert resolve_places(["Tripoli", "Lebanon"], gazetteer)["Tripoli"].country_code == "LB"
    # Ontario, a province (GeoNames first-level division CA.08), puts London in Canada.
    london = resolve_places(["London", "Ontario", "Canada"], gazetteer)
    assert london["London"].country_code == "CA"
    assert london["Ontario"].kind == "admin1" and london["Ontario"].geonames_id == "6093943"
    assert resolve_places(["London"], gazetteer)["London"].country_code == "GB"


def test_a_country_stays_a_country_unless_a_town_of_its_name_is_in_a_named_state(
    gazetteer: Gazetteer,
) -> None:
    assert resolve_places(["Lebanon", "Beirut"], gazetteer)["Lebanon"].kind == "country"
    assert resolve_places(["Palestine"], gazetteer)["Palestine"].kind == "country"
    palestine = resolve_places(["Palestine", "Texas"], gazetteer)["Palestine"]
    assert (palestine.kind, palestine.country_code, palestine.admin1_code) == ("city", "US", "TX")
    # A populous country keeps its name: Mexico beside Missouri is still Mexico.
    assert resolve_places(["Mexico", "Missouri"], gazetteer)["Mexico"].kind == "country"


def test_towns_and_divisions_beyond_the_big_cities_are_reached(gazetteer: Gazetteer) -> None:
    # Tessit (Mali) has some 13,600 people: below the former 15,000 threshold.
    tessit = resolve_places(["Tessit", "Mali"], gazetteer)["Tessit"]
    assert (tessit.geonames_id, tessit.country_code) == ("10343856", "ML")
    parish = resolve_places(["Rapides Parish", "Louisiana"], gazetteer)["Rapides Parish"]
    assert (parish.geonames_id, parish.kind, parish.admin1_code) == ("4338356", "admin2", "LA")
    alberta = resolve_places(["Alberta"], gazetteer)["Alberta"]
    assert (alberta.geonames_id, alberta.kind, alberta.country_code) == ("5883102", "admin1", "CA")
    assert alberta.latitude is not None and 49 < alberta.latitude < 60
    # The big city keeps its name against the province named like it.
    assert resolve_places(["Istanbul"], gazetteer)["Istanbul"].kind == "city"


def test_a_qualified_name_is_read_as_the_place_it_qualifies(gazetteer: Gazetteer) -> None:
    assert _id(["East Texas"], "East Texas", gazetteer) == TEXAS
    # A name the gazetteer knows whole is not cut: West Virginia is not Virginia.
    assert resolve_places(["West Virginia"], gazetteer)["West Virginia"].admin1_code == "WV"
    assert resolve_places(["Eastern Promise"], gazetteer) == {}


def test_words_and_acronyms_are_no_places(gazetteer: Gazetteer) -> None:
    assert gazetteer.city_candidates("reading") == []
    assert gazetteer.city_candidates("UN") == []


def test_the_index_is_built_and_read_back(tmp_path: Path) -> None:
    cities = [
        {
            "geonameid": 1,
            "name": "Al Fallujah",
            "latitude": 33.35,
            "longitude": 43.78,
            "countrycode": "IQ",
            "admin1code": "04",
            "population": 190000,
            "alternatenames": ["Fallujah", "FLJ", "City of Mosques", "الفلوجة"],
        },
        {
            "geonameid": 2,
            "name": "Fallujah Village",
            "latitude": 34.0,
            "longitude": 44.0,
            "countrycode": "IQ",
            "admin1code": "04",
            "population": 600,
            "alternatenames": [],
        },
    ]
    divisions = [
        {"id": 3, "name": "Anbar", "country": "IQ", "admin1": "04", "level": 1, "aliases": []},
        {"id": 4, "name": "Nowhere", "country": "IQ", "admin1": "99", "level": 2, "aliases": []},
        {"id": 5, "name": "Empty", "country": "IQ", "admin1": "98", "level": 2, "aliases": []},
    ]
    path = tmp_path / "places.sqlite"
    # Fallujah lies in the second-level division 4.
    assert build_index(cities, path, divisions, {1: 4}) == 5
    index = PlacesIndex(path)
    (fallujah,) = index.lookup("fallujah")
    assert (fallujah.geonames_id, fallujah.alternate, fallujah.population) == ("1", True, 190000)
    assert index.lookup("al fallujah")[0].alternate is False
    # Codes and translations are no spellings of the name.
    assert index.lookup("flj") == [] and index.lookup("city of mosques") == []
    (anbar,) = index.divisions("anbar")
    # A division's point is the mean of its populated places, its people their sum.
    assert anbar.latitude == pytest.approx((33.35 + 34.0) / 2)
    assert anbar.population == 190600
    (nowhere,) = index.divisions("nowhere")
    assert nowhere.level == 2 and nowhere.population == 190000
    assert (nowhere.latitude, nowhere.longitude) == pytest.approx((33.35, 43.78))
    (empty,) = index.divisions("empty")  # no populated place: no point, no people
    assert empty.latitude is None and empty.population == 0
    assert index.counties(["1", "2", "999"]) == {"1": "4"}
    countries, first_level = index.points()
    assert countries["IQ"] == pytest.approx(((33.35 + 34.0) / 2, (43.78 + 44.0) / 2))
    assert first_level == {"3": pytest.approx(((33.35 + 34.0) / 2, (43.78 + 44.0) / 2))}


def test_places_scoring_counts_found_exact_and_near(nlp: Language) -> None:
    text = "Flooding hit Paris, Texas, on Monday, and the coast.\n"

    def at(phrase: str) -> tuple[int, int]:
        return text.index(phrase), text.index(phrase) + len(phrase)

    gold = GeoArticle(
        "flood",
        text,
        (
            GoldPlace(*at("Paris"), "Paris", PARIS_TEXAS, 33.66, -95.56),
            GoldPlace(*at("Texas"), "Texas", TEXAS, 31.25, -99.25),
            # A gold place the extractor does not read as one.
            GoldPlace(*at("coast"), "coast", "1", 0.0, 0.0),
        ),
    )
    article = Article(id="flood", text=text)
    extraction = extraction_from_doc(article, nlp(text), nlp)
    tally = score_extraction(gold, extraction)
    scores = tally.scores()
    assert (scores["gold"], scores["found"], scores["exact_count"]) == (3, 2, 2)
    assert scores["near_count"] == 2
    assert [m["why"] for m in tally.misses] == ["not read as a name"]
    assert split_scores({"flood": tally}, ["all"])["all"].gold == 3


def test_the_split_is_stable_and_halves_the_ids() -> None:
    ids = [str(n) for n in range(2000)]
    dev = [i for i in ids if split_of(i) == "dev"]
    assert 900 < len(dev) < 1100
    assert [split_of(i) for i in ids] == [split_of(i) for i in ids]


def test_distance() -> None:
    assert distance_km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(344, abs=2)


def test_a_state_ner_passed_by_is_read_as_a_place() -> None:
    from newsgraph.extract.linking import gazetteer_places
    from tests.extract.parsed import parsed

    doc = parsed("Floods/NOUN hit/VERB Kentucky/PROPN and/CCONJ Lexington/PROPN ./PUNCT")
    assert [(m.text, m.type) for m in gazetteer_places(doc, [])] == [("Kentucky", "place")]


def _embedded(tagged: str, ents: dict[str, str]) -> list[tuple[str, str]]:
    from newsgraph.extract.linking import embedded_places
    from newsgraph.extract.mentions import entity_mentions
    from newsgraph.extract.resolve import resolve_entities
    from tests.extract.parsed import parsed

    doc = parsed(tagged, ents)
    mentions, entities = resolve_entities(entity_mentions(doc))
    found, _ = embedded_places(doc, mentions, entities)
    assert all(m.kind == "embedded" and m.type == "place" for m in found)
    return [(m.text, m.entity or "") for m in found]


def test_place_names_inside_organization_names_are_embedded_places() -> None:
    found = _embedded(
        "The/DET Florida/PROPN Highway/PROPN Patrol/PROPN and/CCONJ the/DET University/PROPN "
        "of/ADP Cincinnati/PROPN said/VERB ./PUNCT",
        {"Florida Highway Patrol": "ORG", "University of Cincinnati": "ORG"},
    )
    assert found == [("Florida", "place/florida"), ("Cincinnati", "place/cincinnati")]


def test_an_embedded_place_joins_the_entity_the_article_names() -> None:
    from spacy.tokens import Span

    from newsgraph.extract.linking import embedded_places, link_places
    from newsgraph.extract.mentions import entity_mentions
    from newsgraph.extract.pipeline import _with_references
    from newsgraph.extract.resolve import resolve_entities
    from tests.extract.parsed import parsed

    doc = parsed(
        "Deputies/NOUN of/ADP the/DET Kanawha/PROPN County/PROPN Sheriff/PROPN 's/PART "
        "Office/PROPN searched/VERB Kanawha/PROPN County/PROPN ,/PUNCT West/PROPN "
        "Virginia/PROPN ./PUNCT"
    )
    doc.ents = [Span(doc, 3, 8, "ORG"), Span(doc, 9, 11, "LOC"), Span(doc, 12, 14, "LOC")]
    mentions, entities = resolve_entities(entity_mentions(doc))
    embedded, new = embedded_places(doc, mentions, entities)
    assert [m.text for m in embedded] == ["Kanawha County"] and new == []
    mentions, entities = link_places(*_with_references(mentions, entities, embedded))
    county = next(e for e in entities if e.name == "Kanawha County")
    assert county.links["geonames"] == "4810630"  # the county of West Virginia
    assert sorted(mentions[i].kind for i in county.mentions) == ["embedded", "name"]


def test_no_place_is_read_in_streets_papers_or_inside_other_words() -> None:
    assert (
        _embedded(
            "He/PRON read/VERB The/DET New/PROPN York/PROPN Times/PROPN on/ADP Richmond/PROPN "
            "Street/PROPN near/ADP United/PROPN Russia/PROPN offices/NOUN and/CCONJ "
            "Al/PROPN Qaeda/PROPN ./PUNCT",
            {
                "New York Times": "ORG",
                "Richmond Street": "LOC",
                "United Russia": "ORG",
                "Al Qaeda": "ORG",
            },
        )
        == []
    )


def test_names_listed_before_counties_are_read_as_counties() -> None:
    from newsgraph.extract.linking import link_places, named_divisions
    from newsgraph.extract.mentions import entity_mentions
    from newsgraph.extract.resolve import resolve_entities
    from tests.extract.parsed import parsed

    doc = parsed(
        "Storms/NOUN hit/VERB Becker/PROPN ,/PUNCT Clay/PROPN and/CCONJ Mahnomen/PROPN "
        "counties/NOUN in/ADP Minnesota/PROPN ./PUNCT || Flooding/NOUN closed/VERB "
        "Madison/PROPN schools/NOUN ./PUNCT",
        {"Becker": "LOC", "Clay": "LOC", "Mahnomen": "LOC", "Minnesota": "LOC", "Madison": "LOC"},
    )
    mentions, entities = resolve_entities(entity_mentions(doc))
    assert named_divisions(doc, mentions, entities) == {
        "Becker": "County",
        "Clay": "County",
        "Mahnomen": "County",
    }
    mentions, entities = link_places(mentions, entities, doc=doc)
    by_name = {e.name: e for e in entities}
    assert by_name["Becker"].links["geonames"] == "5017670"  # Becker County, not the town
    assert by_name["Becker"].subtype == "admin2"
    assert by_name["Mahnomen"].links["geonames"] == "5036279"
    assert by_name["Madison"].subtype == "city"  # no county word after it


def test_counties_have_a_point_and_people(gazetteer: Gazetteer) -> None:
    (kanawha,) = [p for p, _ in gazetteer.city_candidates("Kanawha County") if p.kind == "admin2"]
    assert kanawha.geonames_id == "4810630" and kanawha.admin1_code == "WV"
    assert kanawha.latitude is not None and kanawha.longitude is not None
    # Charleston, West Virginia, is in it.
    assert distance_km(kanawha.latitude, kanawha.longitude, 38.35, -81.63) < 50
    assert (kanawha.population or 0) > 46_000


def test_countries_and_states_have_a_point(gazetteer: Gazetteer) -> None:
    for name, (lat, lon) in {"Lebanon": (33.9, 35.9), "Texas": (31.0, -99.0)}.items():
        place = gazetteer.place(name)
        assert place is not None and place.latitude is not None and place.longitude is not None
        assert distance_km(place.latitude, place.longitude, lat, lon) < 161


def test_a_town_and_the_county_that_holds_it_are_read_together(gazetteer: Gazetteer) -> None:
    huntsville_alabama, huntsville_texas, walker_county_texas = "4068590", "4699540", "4739690"
    assert _id(["Huntsville"], "Huntsville", gazetteer) == huntsville_alabama  # the biggest
    read = resolve_places(["Walker County", "Huntsville"], gazetteer)
    assert (read["Walker County"].geonames_id, read["Huntsville"].geonames_id) == (
        walker_county_texas,
        huntsville_texas,
    )
    # Madison County, Alabama, holds Huntsville, Alabama.
    assert _id(["Madison County", "Huntsville"], "Huntsville", gazetteer) == huntsville_alabama


def test_each_name_sees_the_counties_of_the_others_only() -> None:
    from newsgraph.extract.linking import _of_others

    sets = {"a": frozenset({"1", "2"}), "b": frozenset({"2", "3"}), "c": frozenset()}
    assert _of_others(sets) == {
        "a": frozenset({"2", "3"}),
        "b": frozenset({"1", "2"}),
        "c": frozenset({"1", "2", "3"}),
    }


def test_candidates_asked_twice_are_the_same_and_not_shared(gazetteer: Gazetteer) -> None:
    first = gazetteer.city_candidates("Huntsville")
    first.clear()
    again = gazetteer.city_candidates("Huntsville")
    assert again and again == gazetteer.city_candidates("Huntsville")


def test_first_level_divisions_are_read_by_the_names_news_gives_them(
    gazetteer: Gazetteer,
) -> None:
    # GeoNames calls them "Dagestan, Respublika", "Guizhou Sheng" and "Āz̄ārbāyjān-e Shārqī".
    for name, geonames_id in [
        ("Dagestan", "567293"),
        ("Guizhou", "1809445"),
        ("East Azerbaijan", "142549"),
        ("Guizhou Province", "1809445"),
    ]:
        place = resolve_places([name], gazetteer)[name]
        assert (place.geonames_id, place.kind) == (geonames_id, "admin1"), name
    # A short form is no reading of its own: the city keeps its name.
    assert resolve_places(["Murmansk"], gazetteer)["Murmansk"].kind == "city"


def test_short_forms_of_divisions_drop_the_kind_never_the_name() -> None:
    from newsgraph.extract.gazetteer import fold
    from newsgraph.extract.places_index import _short_forms

    assert set(_short_forms("Guizhou Sheng", ["Guizhou Province", "贵州"], fold)) == {
        "guizhou",
        "guizhou province",
    }
    assert set(_short_forms("Luzern", ["Canton of Lucerne"], fold)) == {
        "luzern",
        "canton of lucerne",
        "lucerne",
    }
    # "Eastern" alone names no place, and "Eastern Province" is no more than words; the
    # division's own name stays its key (`_division_keys`).
    assert set(_short_forms("Eastern", ["Eastern Province"], fold)) == set()


def test_a_region_takes_the_id_of_the_division_of_its_name(gazetteer: Gazetteer) -> None:
    west_bank = gazetteer.place("West Bank")
    assert west_bank is not None
    assert (west_bank.kind, west_bank.geonames_id, west_bank.admin1_code) == (
        "region",
        "285153",
        "WE",
    )
    chechnya = gazetteer.place("Chechnya")
    assert chechnya is not None and chechnya.geonames_id == "569665"
    # A region with its id takes its division's code: towns of Scotland are read beside it.
    scotland = gazetteer.place("Scotland")
    assert scotland is not None and scotland.admin1_code == "SCT"
    # A region of several countries has no division of its own; its id is its own row's.
    sahel = gazetteer.place("Sahel")
    assert sahel is not None and sahel.geonames_id == ""
    middle_east = gazetteer.place("Middle East")
    assert middle_east is not None and middle_east.geonames_id == "6269133"


def test_the_state_written_after_a_town_decides_it(nlp: Language) -> None:
    text = (
        "A Kansas City, Kan., police officer was dragged 50 feet. Officers from Platte City "
        "joined the search. The tour goes from Los Angeles, California, United States, to "
        "Paris, Texas."
    )
    extraction = extraction_from_doc(Article(id="chase", text=text), nlp(text), nlp)
    links = {e.name: e.links.get("geonames") for e in extraction.entities if e.type == "place"}
    # Kansas City, Missouri is bigger and Platte City is in Missouri; "Kan." says Kansas.
    assert links["Kansas City"] == "4273837"
    assert links["California"] == "5332921"  # the state, not a town of California
    assert links["Paris"] == PARIS_TEXAS
    assert links["Los Angeles"] == "5368361"


def test_a_town_named_after_a_country_is_read_by_the_state_after_it(gazetteer: Gazetteer) -> None:
    tennessee = gazetteer.place("Tenn.")
    assert tennessee is not None
    lebanon = resolve_places(["Lebanon", "Tenn."], gazetteer, stated={"Lebanon": tennessee})
    assert (lebanon["Lebanon"].kind, lebanon["Lebanon"].admin1_code) == ("city", "TN")
    assert resolve_places(["Lebanon", "Beirut"], gazetteer)["Lebanon"].kind == "country"


def test_a_place_is_no_short_form_of_a_longer_place() -> None:
    from spacy.tokens import Span

    from newsgraph.extract.mentions import entity_mentions
    from newsgraph.extract.resolve import resolve_entities
    from tests.extract.parsed import parsed

    doc = parsed(
        "Refugees/NOUN fled/VERB South/PROPN Sudan/PROPN for/ADP Sudan/PROPN ,/PUNCT and/CCONJ "
        "Ali/PROPN Hassan/PROPN met/VERB Hassan/PROPN ./PUNCT"
    )
    doc.ents = [
        Span(doc, 2, 4, "GPE"),
        Span(doc, 5, 6, "GPE"),
        Span(doc, 8, 10, "PERSON"),
        Span(doc, 11, 12, "PERSON"),
    ]
    _, entities = resolve_entities(entity_mentions(doc))
    names = sorted((e.name, len(e.mentions)) for e in entities)
    # A person's short form still joins the full name.
    assert names == [("Ali Hassan", 2), ("South Sudan", 1), ("Sudan", 1)]


def test_a_name_read_as_another_says_nothing_of_which_it_is(gazetteer: Gazetteer) -> None:
    # "North Georgia" is read as Georgia: it does not make Georgia the country; Atlanta
    # makes it the state.
    read = resolve_places(["Georgia", "Atlanta", "North Georgia"], gazetteer)
    assert (read["Georgia"].kind, read["Georgia"].country_code) == ("admin1", "US")
    assert read["North Georgia"].geonames_id == read["Georgia"].geonames_id
    assert resolve_places(["Georgia", "Tbilisi"], gazetteer)["Georgia"].kind == "country"


def test_a_states_abbreviation_is_a_place_even_where_ner_runs_it_into_a_name(
    nlp: Language,
) -> None:
    text = "He heads the association in Harrisburg, Pa. Smerecznsky said he never used the firm."
    extraction = extraction_from_doc(Article(id="pa", text=text), nlp(text), nlp)
    names = [(m.text, m.type) for m in extraction.mentions if m.kind == "name"]
    assert ("Pa.", "place") in names and ("Smerecznsky", "person") in names
    pennsylvania = next(e for e in extraction.entities if e.name == "Pa.")
    assert pennsylvania.links["geonames"] == "6254927"
    # The prior settles a place's abbreviation written with its period, nothing else.
    from newsgraph.extract.linking import TypePrior

    prior = TypePrior()
    assert prior("Calif.") == ("place", 4.0) and prior.curated("U.S.")
    assert not prior.curated("Pa") and prior("Mr. Olson") is None


def test_a_town_before_its_provinces_abbreviation_is_a_place_of_that_province(
    nlp: Language,
) -> None:
    # The tokenizer splits "Man." and "Ont." into a word and a period; NER reads neither.
    text = (
        "When Lucy Lau was born in Churchill, Man. her parents did not know if she would live. "
        "They later bought a brick home in Barrie, Ont., complete with a garage."
    )
    extraction = extraction_from_doc(Article(id="born", text=text), nlp(text), nlp)
    places = {e.name: e for e in extraction.entities if e.type == "place"}
    assert places["Churchill"].links["geonames"] == "5922111"  # Churchill, Manitoba
    assert places["Barrie"].properties["country_code"] == "CA"


def test_place_abbreviations_are_read_with_the_period_the_tokenizer_split() -> None:
    from newsgraph.extract.type_cues import place_abbreviation_at
    from tests.extract.parsed import parsed

    doc = parsed("in/ADP Barrie/PROPN ,/PUNCT Ont/PROPN+ ./PUNCT and/CCONJ Man/PROPN ./PUNCT")
    assert place_abbreviation_at(doc, 3) == "Ont."
    # "Man ." with a space is a word and a full stop.
    assert place_abbreviation_at(doc, 6) is None
    assert place_abbreviation_at(doc, 1) is None


def test_a_division_that_is_only_its_town_is_read_as_the_town(gazetteer: Gazetteer) -> None:
    # GeoNames has Innisfail, Alberta, as a town and as a division holding no other place;
    # Cairns, Queensland, is a town and a larger division, which stays a candidate.
    assert _id(["Innisfail", "Alberta"], "Innisfail", gazetteer) == "5983430"
    cairns = {p.kind for p, _ in gazetteer.city_candidates("Cairns")}
    assert cairns == {"city", "admin2"}


def test_the_countries_of_demonyms_count_as_countries_the_article_names(
    gazetteer: Gazetteer,
) -> None:
    names = ["N.J.", "San Francisco", "Paris", "New Jersey", "Newark"]
    assert resolve_places(names, gazetteer)["Paris"].geonames_id == PARIS_TEXAS
    # "United Airlines has apologized to a French woman ... a plane to San Francisco
    # instead of Paris"
    found = resolve_places(names, gazetteer, demonyms=frozenset({"FR"}))
    assert found["Paris"].geonames_id == PARIS_FRANCE


def test_the_demonyms_of_an_article_are_read_off_its_words() -> None:
    from newsgraph.extract.linking import demonym_countries
    from tests.extract.parsed import parsed

    doc = parsed(
        "A/DET French/ADJ woman/NOUN met/VERB Saudis/PROPN and/CCONJ a/DET "
        "french/ADJ chef/NOUN in/ADP Newark/PROPN ./PUNCT"
    )
    assert demonym_countries(doc, default_gazetteer()) == frozenset({"FR", "SA"})


def test_a_city_is_found_with_and_without_city_after_its_name(tmp_path: Path) -> None:
    cities = [
        {
            "geonameid": 1,
            "name": "Québec",
            "latitude": 46.8,
            "longitude": -71.2,
            "countrycode": "CA",
            "admin1code": "10",
            "population": 530000,
            "alternatenames": ["Quebec City", "Ville de Quebec"],
        },
        {
            "geonameid": 2,
            "name": "Karak City",
            "latitude": 31.2,
            "longitude": 35.7,
            "countrycode": "JO",
            "admin1code": "09",
            "population": 21000,
            "alternatenames": ["Karak", "Kerak"],
        },
    ]
    path = tmp_path / "places.sqlite"
    build_index(cities, path, [], {})
    index = PlacesIndex(path)
    assert [(p.geonames_id, p.alternate) for p in index.lookup("quebec city")] == [("1", True)]
    assert [(p.geonames_id, p.alternate) for p in index.lookup("karak")] == [("2", True)]
    assert index.lookup("ville de quebec") == []
    assert "6325494" in {
        p.geonames_id for p, _ in default_gazetteer().city_candidates("Quebec City")
    }


def test_a_qualified_place_inside_a_name_is_the_whole_place() -> None:
    found = _embedded(
        "The/DET West/PROPN Virginia/PROPN Lottery/PROPN Commission/PROPN met/VERB in/ADP "
        "North/PROPN Charleston/PROPN ./PUNCT",
        {"West Virginia Lottery Commission": "ORG"},
    )
    assert found == [("West Virginia", "place/west-virginia")]


def test_a_list_of_countries_is_no_town_in_the_next_country(gazetteer: Gazetteer) -> None:
    japan = gazetteer.place("Japan")
    assert japan is not None
    # "Mexico, United States, China, Japan and the UK": China, Kagoshima, is a town of Japan.
    found = resolve_places(["China", "Japan"], gazetteer, stated={"China": japan})
    assert found["China"].kind == "country" and found["China"].country_code == "CN"
    lebanon = resolve_places(["Lebanon"], gazetteer, stated={"Lebanon": gazetteer.place("Pa.")})
    assert (lebanon["Lebanon"].kind, lebanon["Lebanon"].admin1_code) == ("city", "PA")


def test_the_place_of_a_dateline_in_capitals_is_read() -> None:
    import spacy

    from newsgraph.extract.linking import dateline_places

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    gazetteer = default_gazetteer()

    def datelines(text: str) -> list[str]:
        return [span.text for span in dateline_places(nlp(text), set(), gazetteer)]

    assert datelines("INNISFAIL - Nine-year-old Georgia Stevens is lacing up") == ["INNISFAIL"]
    assert datelines("DETROIT The U.S. Transportation Department on Wednesday") == ["DETROIT"]
    assert datelines("NEWARK, N.J. (AP) - United Airlines has apologized") == ["NEWARK"]
    # After a headline, a sentence's capitals before a dash.
    text = "Complaint leads to property damage. CROMWELL — Police thought it was over."
    assert datelines(text) == ["CROMWELL"]
    assert datelines("It was over. CROMWELL said so.") == []
    # A headline in capitals, a word that is no place, a name already read: none.
    assert datelines("SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .") == []
    assert datelines("ALERT - The storm is coming") == []
    assert datelines("Detroit - The U.S. said") == []
    doc = nlp("DETROIT The U.S. said")
    assert dateline_places(doc, {doc[0].idx}, gazetteer) == []


def test_a_provinces_abbreviation_split_by_the_tokenizer_is_a_place() -> None:
    from newsgraph.extract.linking import gazetteer_places
    from tests.extract.parsed import parsed

    doc = parsed(
        "in/ADP Barrie/PROPN ,/PUNCT Ont/PROPN+ ./PUNCT and/CCONJ the/DET Ont/PROPN+ ./PUNCT "
        "team/NOUN"
    )
    found = gazetteer_places(doc, [])
    # After a town and a comma only ("in Barrie" is a town after a locative preposition).
    assert [(m.text, m.type) for m in found] == [("Barrie", "place"), ("Ont.", "place")]
    assert default_gazetteer().place("Ont.") is not None


def test_a_place_name_ner_cut_in_two_is_joined() -> None:
    from newsgraph.extract.linking import joined_place_names
    from newsgraph.extract.mentions import entity_mentions
    from tests.extract.parsed import parsed

    doc = parsed(
        "Floods/NOUN in/ADP Burkina/PROPN Faso/PROPN ,/PUNCT the/DET Democratic/PROPN "
        "Republic/PROPN of/ADP the/DET Congo/PROPN and/CCONJ Paris/PROPN Texas/PROPN ./PUNCT",
        {
            "Burkina": "LOC",
            "Faso": "LOC",
            "Democratic Republic": "LOC",
            "Congo": "LOC",
            "Paris": "LOC",
            "Texas": "LOC",
        },
    )
    joined = joined_place_names(doc, entity_mentions(doc))
    assert [(m.text, m.type) for m in joined] == [
        ("Burkina Faso", "place"),
        ("Democratic Republic of the Congo", "place"),
        ("Paris", "place"),  # two places side by side, not one the gazetteer knows
        ("Texas", "place"),
    ]


def test_a_place_with_an_inner_capital_is_found_inside_a_name() -> None:
    found = _embedded(
        "He/PRON was/AUX taken/VERB to/ADP the/DET DeKalb/PROPN County/PROPN Jail/PROPN ./PUNCT",
        {"DeKalb County Jail": "ORG"},
    )
    assert found == [("DeKalb County", "place/dekalb-county")]
