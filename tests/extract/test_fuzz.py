"""The extractor never raises, whatever text an article holds: odd white space, control and
zero-width characters, very long tokens and sentences, all capitals, tables, mixed scripts,
blank lines after words.

The default run tries few examples with no deadline (a busy machine must not fail it); set
NEWSGRAPH_FUZZ_EXAMPLES (e.g. 2000) for a long run.
"""

from __future__ import annotations

import os

import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.extract.article import Article, ArticleError
from newsgraph.extract.mentions import entity_mentions
from newsgraph.extract.missed_names import repeated_names
from newsgraph.extract.pipeline import extraction_from_doc

FUZZ_EXAMPLES = int(os.environ.get("NEWSGRAPH_FUZZ_EXAMPLES", "25"))

_WORDS = [
    "Paris",
    "Texas",
    "Lebanon",
    "Tripoli",
    "Hezbollah",
    "Reuters",
    "Mr.",
    "Gen.",
    "U.S.",
    "al-Abssi",
    "the",
    "of",
    "in",
    "and",
    "said",
    "killed",
    "attacked",
    "police",
    "It",
    "Street",
    "County",
    "New",
    "York",
    "St.",
    "Inc.",
    "(",
    ")",
    ",",
    ".",
    "-",
    "--",
    "'s",
    '"',
    "Sept.",
    "12",
    "2024",
    "1,200",
    "#",
    "@user",
    "http://example.com/a",
    "e-mail",
]
_SCRIPTS = [
    "\u0628\u064a\u0631\u0648\u062a",  # Arabic
    "\u041c\u043e\u0441\u043a\u0432\u0430",  # Cyrillic
    "\u5317\u4eac",  # Chinese
    "\u0926\u093f\u0932\u094d\u0932\u0940",  # Devanagari
    "\u05d9\u05e8\u05d5\u05e9\u05dc\u05d9\u05dd",  # Hebrew
    "Z\u00fcrich",
    "S\u00e3o Paulo",
    "\u0130stanbul",
    "\U0001f600",
]
_SPACES = [
    " ",
    "  ",
    "\n",
    "\n\n",
    "\n \n",
    "\t",
    "\r\n",
    "\x0b",
    "\x0c",
    "\u00a0",
    "\u2028",
    "\u2029",
    "\u3000",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u202e",
    "\x85",
]
_CONTROLS = [chr(c) for c in range(1, 32) if chr(c) not in "\t\n\r"] + ["\x7f", "\x9f"]

word = st.one_of(
    st.sampled_from(_WORDS),
    st.sampled_from(_WORDS).map(str.upper),
    st.sampled_from(_SCRIPTS),
    st.text(min_size=1, max_size=12),
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabc.-'", min_size=200, max_size=3000),
)
gap = st.one_of(st.just(" "), st.sampled_from(_SPACES), st.sampled_from(_CONTROLS))


@st.composite
def sentences(draw: st.DrawFn) -> str:
    words = draw(st.lists(word, min_size=1, max_size=40))
    gaps = draw(st.lists(gap, min_size=len(words), max_size=len(words)))
    return "".join(w + g for w, g in zip(words, gaps, strict=True))


@st.composite
def tables(draw: st.DrawFn) -> str:
    rows = draw(
        st.lists(
            st.lists(st.one_of(st.sampled_from(_WORDS), st.integers(0, 999).map(str)), max_size=6),
            min_size=1,
            max_size=8,
        )
    )
    separator = draw(st.sampled_from(["\t", " | ", "  ", ","]))
    return "\n".join(separator.join(row) for row in rows)


@st.composite
def long_sentences(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=20))
    return " ".join(words * draw(st.integers(1, 120)))


article_text = st.one_of(
    sentences(),
    tables(),
    long_sentences(),
    sentences().map(str.upper),
    st.lists(st.one_of(sentences(), tables()), min_size=1, max_size=4).map("\n\n".join),
    st.text(max_size=400),
)


@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=article_text)
def test_extraction_never_raises(nlp: Language, text: str) -> None:
    try:
        article = Article(id="fuzz", text=text)
    except ArticleError:
        return  # refused with a clear message: blank or binary-looking text is no article
    extraction = extraction_from_doc(article, nlp(text), nlp)
    for mention in extraction.mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        assert mention.text.strip(), mention


def test_a_span_of_a_function_word_and_blank_lines_makes_no_name() -> None:
    """NER labelled "near It" plus the blank lines after it a place: trimmed of its edges,
    nothing is left, and no empty name reaches `repeated_names` (which crashed on one)."""
    words = ["Fighting", "went", "on", "near", "It", "\n\n\n", "Street", "said", "."]
    pos = ["NOUN", "VERB", "ADP", "ADP", "PRON", "SPACE", "PROPN", "VERB", "PUNCT"]
    spaces = [True, True, True, True, False, False, True, False, False]
    starts = [True] + [False] * 5 + [True, False, False]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces, pos=pos, sent_starts=starts)
    doc.ents = [Span(doc, 4, 6, label="LOC"), Span(doc, 6, 7, label="PER")]
    mentions = entity_mentions(doc)
    assert [(m.text, m.type) for m in mentions] == [("Street", "person")]
    assert repeated_names(doc, mentions) == []


def test_a_name_keeps_no_blank_line_after_it() -> None:
    words = ["Texas", "\n\n", "and", "Paris", "."]
    pos = ["PROPN", "SPACE", "CCONJ", "PROPN", "PUNCT"]
    starts = [True, False, True, False, False]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=[False] * 5, pos=pos, sent_starts=starts)
    doc.ents = [Span(doc, 0, 2, label="LOC"), Span(doc, 3, 4, label="LOC")]
    assert [m.text for m in entity_mentions(doc)] == ["Texas", "Paris"]


@settings(max_examples=FUZZ_EXAMPLES * 4, deadline=None)
@given(names=st.lists(st.one_of(word, st.text(max_size=40)), max_size=8))
def test_place_linking_never_raises(names: list[str]) -> None:
    """Any names, from any script, with any characters, are read or left alone."""
    from newsgraph.extract.gazetteer import default_gazetteer
    from newsgraph.extract.linking import resolve_places

    places = resolve_places(names, default_gazetteer())
    assert set(places) <= set(names)
