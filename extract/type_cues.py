"""Surface cues to a name's type: the nouns, prepositions, coordinations and datelines around
it ("a militant group, X", "shares of X", "near X", "X, 27,")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.extract.components import DASHES
from newsgraph.extract.gazetteer import default_gazetteer
from newsgraph.extract.lexicons import descriptors, organization_holdings, organization_parts
from newsgraph.extract.spans import is_possessive_s

# How many tokens of a list may stand between "such as" and a name in it.
_LIST_REACH = 16

# How far into an article a dateline's agency ("BEIRUT (AP) —") may stand.
_DATELINE_REACH = 12


def place_abbreviation_at(doc: Doc, i: int) -> str | None:
    """The place's abbreviation with periods written at token `i` ("Pa."), or at `i` and the
    period the tokenizer split from it ("Ont" "." of "Barrie, Ont., complete"), or None."""
    if i >= len(doc):
        return None
    token = doc[i]
    written = token.text
    if not written.endswith(".") and i + 1 < len(doc) and doc[i + 1].text == ".":
        written = written + "." if not token.whitespace_ else written
    if written.endswith(".") and default_gazetteer().abbreviation(written):
        return written
    return None


def state_abbreviation_at(doc: Doc, i: int) -> bool:
    """A first-level division's abbreviation at token `i` ("Pa.", "Ont.", "Man.")."""
    written = place_abbreviation_at(doc, i)
    place = default_gazetteer().place(written) if written is not None else None
    return place is not None and place.kind == "admin1"


def descriptor_type(doc: Doc, start: int, end: int) -> str | None:
    """The type an appositive or preceding noun gives a name: "a militant group, X",
    "A spokesman for the group, X", "X, a Saudi dissident", "the town of X", "prosecutor X",
    and a dateline's place ("BAMAKO, March 4 -")."""
    if start == 0 and end < len(doc) and doc[end].text in {",", "("} and doc[0].is_upper:
        return "place"
    # "BEIRUT (AP) —", "KYIV, Ukraine (Reuters) -": the agency that filed the story.
    if (
        0 < start - 1 < _DATELINE_REACH
        and end + 1 < len(doc)
        and doc[start - 1].text == "("
        and doc[end].text == ")"
        and doc[end + 1].text in DASHES
        and doc[0].is_upper
    ):
        return "organization"
    if start >= 2 and doc[start - 1].text == ",":
        found = _descriptor(_noun_phrase_head_before(doc, start - 1))
        if found:
            return found
    # "St. Louis-based X", "a Beirut-based X": only an organization is based somewhere.
    if start >= 2 and doc[start - 1].lower_ == "based" and doc[start - 2].text == "-":
        return "organization"
    # "the town of X", "the city of X".
    if start >= 2 and doc[start - 1].lower_ == "of":
        found = _descriptor(doc[start - 2])
        if found == "place":
            return found
    # "shares of Nvidia", "a stake in Pirelli": what only an organization has.
    if start >= 2 and doc[start - 2].lower_ in organization_holdings().get(
        doc[start - 1].lower_, ()
    ):
        return "organization"
    # "near Khan Younis": only a place is near.
    if start >= 1 and doc[start - 1].lower_ == "near":
        return "place"
    # "against Kyiv and Odesa": a sizeable place the gazetteer knows, joined by "and" or
    # "or" to a place; a comma is no such join ("from Iraq, Bush and others argue").
    if _coordinated_with(doc, start, end, "LOC"):
        place = default_gazetteer().place(doc[start:end].text)
        if place is not None and place.sizeable:
            return "place"
    # "Cape Canaveral, Florida": a known region or country after a place and a comma.
    if start >= 2 and doc[start - 1].text == "," and doc[start - 2].ent_type_ == "LOC":
        place = default_gazetteer().place(doc[start:end].text)
        if place is not None and place.kind in {"country", "admin1", "region", "continent"}:
            return "place"
    # "Churchill, Man.", "Barrie, Ont.": a town and the abbreviation of its state or province.
    if end + 1 < len(doc) and doc[end].text == "," and state_abbreviation_at(doc, end + 1):
        return "place"
    # "prosecutor Anne de Vries", "the journalist Zé Luís", "tyre giant Pirelli": a bare
    # noun right before the name.
    if start >= 1 and doc[start - 1].pos_ == "NOUN" and doc[start - 1].is_lower:
        found = _descriptor(doc[start - 1])
        if found in {"person", "organization"}:
            return found
    # "X, a Saudi dissident" / "X, the leader of": the first noun of the following description.
    # A possessor is passed over: "X, the alliance's secretary general" describes X by
    # "secretary", not "alliance".
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in {"a", "an", "the"}:
        stop = min(len(doc), end + 8)
        for token in doc[end + 2 : stop]:
            possessor = token.i + 1 < stop and is_possessive_s(doc[token.i + 1])
            if token.pos_ == "NOUN" and not possessor:
                return _descriptor(token)
            if token.pos_ not in {"ADJ", "PROPN", "NUM", "ADV", "NOUN", "PART"}:
                break
    # "companies such as Anthropic and Meta Platforms", "firms including Mobil": the noun
    # before the list says what every name of it is.
    listed = _such_as_noun(doc, start)
    if listed is not None:
        found = _descriptor(listed)
        if found:
            return found
    # "Bush and his allies": a name coordinated with "his" or "her" names a person.
    if end + 1 < len(doc) and doc[end].lower_ == "and" and doc[end + 1].lower_ in {"his", "her"}:
        return "person"
    # "Lentini, 27, joined": an age in commas after a name is a person's.
    if end + 2 < len(doc) and doc[end].text == "," and doc[end + 2].text == ",":
        age = doc[end + 1].text
        if age.isdigit() and 0 < int(age) < 120:
            return "person"
    # "Pirelli shares", "Ruch 's shareholders", "Magna chairman": what only a firm or a group
    # has, right after the name.
    after = end + 1 if end < len(doc) and is_possessive_s(doc[end]) else end
    if (
        after < len(doc)
        and (doc[after].is_lower or doc[after].is_upper)  # "CEO"; not a title-case heading
        and doc[after].lower_ in organization_parts()
    ):
        return "organization"
    return None


def _noun_phrase_head_before(doc: Doc, end: int) -> Token | None:
    """The head noun of the noun phrase ending just before token `end`, looking through
    "of"/"for" phrases and possessors: in "A spokesman for the group," it is "spokesman",
    in "The head of the league's committee," it is "head"."""
    i = end - 1
    head: Token | None = None
    while (
        i >= 0
        and doc[i].text != ","
        and (doc[i].pos_ in {"NOUN", "ADJ", "DET", "NUM", "PROPN"} or is_possessive_s(doc[i]))
    ):
        if head is None and doc[i].pos_ == "NOUN":
            head = doc[i]
        i -= 1
    if i >= 1 and doc[i].lower_ in {"of", "for"} and doc[i - 1].pos_ == "NOUN":
        return _noun_phrase_head_before(doc, i) or head
    return head


def _descriptor(token: Token | None) -> str | None:
    if token is None:
        return None
    nouns = descriptors()
    return nouns.get(token.lower_) or nouns.get(token.lemma_.lower())


def misc_beside_group(doc: Doc, start: int, end: int) -> bool:
    """A capitalized name NER left as MISC, coordinated with an organization and no
    nationality word: "both Bre-X and Barrick", "Elf and Total"."""
    return (
        doc[start].ent_type_ == "MISC"
        and doc[start].text[:1].isupper()
        and _coordinated_with(doc, start, end, "ORG")
        and default_gazetteer().demonym(doc[start:end].text) is None
    )


def _coordinated_with(doc: Doc, start: int, end: int, label: str) -> bool:
    """Whether the name is joined by "and" or "or" to a name NER labelled `label`:
    "Kyiv and X", "X or Barrick"."""
    before = start >= 2 and doc[start - 1].lower_ in {"and", "or"}
    after = end + 1 < len(doc) and doc[end].lower_ in {"and", "or"}
    return (before and doc[start - 2].ent_type_ == label) or (
        after and doc[end + 1].ent_type_ == label
    )


def _such_as_noun(doc: Doc, start: int) -> Token | None:
    """The noun before "such as", "including" or "like" when the name at `start` is in the
    list after it: "firms including Mobil, Shell and Caltex"."""
    i = start - 1
    while i >= 1 and start - i <= _LIST_REACH:
        token = doc[i]
        opener = None
        if token.lower_ == "as" and doc[i - 1].lower_ == "such":
            opener = i - 1
        elif token.lower_ in {"including", "like"}:
            opener = i
        if opener is not None:
            noun = doc[opener - 1] if opener >= 1 else None
            return noun if noun is not None and noun.pos_ == "NOUN" else None
        if not (token.text in {",", "and", "or"} or token.text[:1].isupper()):
            return None
        i -= 1
    return None
