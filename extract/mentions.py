"""Named mentions from NER spans: trimmed, split where one span holds two names, titles
split off, types mapped from the NER label and the surface cues around the name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.extraction import Mention
from newsgraph.extract.gazetteer import default_gazetteer
from newsgraph.extract.lexicons import (
    entity_labels,
    franchises,
    honorifics,
    name_connectives,
    title_key,
    website_suffixes,
)
from newsgraph.extract.spans import doc_text, is_possessive_s, sentence_numbers
from newsgraph.extract.titles import title_before, title_between, title_inside
from newsgraph.extract.type_cues import descriptor_type, misc_beside_group

# An initial standing for a given name: "S.", "J.".
_INITIAL = re.compile(r"[A-Z]\.")

# Tokens NER sometimes swallows at a span's edges ("What Bush", "the Army,") that are never
# part of a name.
_EDGE_POS = {"DET", "PUNCT", "PART", "ADP", "CCONJ", "SCONJ", "PRON", "AUX", "INTJ", "SYM"}

# "U.S.-backed", "Saudi-led", "Beirut-based": who backs, leads or hosts a group, not its name.
_AFFILIATION = re.compile(r"[A-Z][\w.'’]*-(?:[a-z]+ed|run|born|held|built|made)")

_PARTICIPLE = re.compile(r"[a-z]+ed|run|born|held|built|made")


def _after_affiliation(doc: Doc, start: int, end: int) -> int:
    """Where a span's name starts once a leading "U.S.-backed" or "Iran - backed" is left
    out: "U.S.-backed Syrian Democratic Forces" names the Syrian Democratic Forces."""
    if end - start >= 2 and _AFFILIATION.fullmatch(doc[start].text):
        return start + 1
    if (
        end - start >= 4
        and doc[start + 1].text == "-"
        and _PARTICIPLE.fullmatch(doc[start + 2].text)
    ):
        return start + 3
    return start


def _name_parts(doc: Doc) -> Iterator[tuple[Span, int, int]]:
    """Each NER span's name or names, as token ranges: trimmed of edge words and of a
    leading affiliation, and cut in two where it joins two names of at least two words
    each with "and" ("Amnesty International and Human Rights Watch"; not "Bosnia and
    Herzegovina", "Procter and Gamble", nor "Department of Health and Human Services",
    whose "of" shows the "and" inside one name)."""
    connectives = name_connectives()
    for ent in doc.ents:
        start, end = _trim(doc, ent.start, ent.end)
        if end - start >= 3 and _possessive(doc[end - 2]) and _place_word(doc[end - 1]):
            # "the White House's Iraq rhetoric": the name ends at its possessive where a
            # place follows it; "People's Party", "Queen's Park" are one name.
            start, end = _trim(doc, start, end - 2)
        start = _after_affiliation(doc, start, end)
        if (
            end - start >= 2
            and start > 0
            and doc[start - 1].text == ","
            and _place_abbreviation(doc[start])
        ):
            # "in Harrisburg, Pa. Smerecznsky said": the state's abbreviation ends the
            # sentence, and NER ran it into the name that opens the next one.
            yield ent, start, start + 1
            start += 1
        if start >= end:
            continue
        middle = next(
            (i for i in range(start + 2, end - 2) if doc[i].lower_ == "and"),
            None,
        )
        if middle is not None and not any(
            t.lower_ in connectives or not t.text[:1].isupper()
            for t in (*doc[start:middle], *doc[middle + 1 : end])
        ):
            yield ent, start, middle
            yield ent, middle + 1, end
        else:
            yield ent, start, end


def _place_word(token: Token) -> bool:
    """A capitalized word the gazetteer knows as a place ("Iraq")."""
    return token.text[:1].isupper() and default_gazetteer().place(token.text) is not None


def _place_abbreviation(token: Token) -> bool:
    """A place's abbreviation with its period ("Pa.", "Calif.")."""
    return token.text.endswith(".") and default_gazetteer().abbreviation(token.text)


def _possessive(token: Token) -> bool:
    return token.tag_ == "POS" or is_possessive_s(token)


def _edge(token: Token) -> bool:
    """A token that is never the first or last of a name: a function word, punctuation, or
    white space (NER reads "Texas" and the blank line after it as one span, "It\n\n" as a
    place; a name made only of white space would have no words)."""
    return token.pos_ in _EDGE_POS or token.is_punct or token.is_space


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and _edge(doc[start]):
        # Keep a leading capitalized determiner that is part of a name ("The New York Times").
        if (
            doc[start].lower_ == "the"
            and start + 1 < end
            and doc[start].ent_iob_ == "B"
            and _name_like(doc[start + 1 : end])
        ):
            break
        start += 1
    while end > start and _edge(doc[end - 1]):
        if doc[end - 1].text.endswith(".") and len(doc[end - 1].text) > 1:
            break  # "Corp." or "U.S." keep their period
        end -= 1
    return start, end


def _name_like(span: Span) -> bool:
    return all(t.text[:1].isupper() or not t.is_alpha for t in span)


def entity_type_of(label: str, text: str) -> tuple[str | None, str | None]:
    """The entity type and subtype a NER label and surface form give, or (None, None)."""
    if text.casefold().endswith(website_suffixes()):
        return "organization", "media"
    entity_type = entity_labels().get(label)
    return entity_type, None


def _initial_cut_short(doc: Doc, start: int, end: int) -> bool:
    """NER took only a person's initial ("S." of "S. Waugh"): the capitalized word after it,
    in no other entity, is the rest of the name."""
    after = doc[end]
    return (
        end - start == 1
        and _INITIAL.fullmatch(doc[start].text) is not None
        and after.is_title
        and after.is_alpha
        and after.ent_iob_ != "B"
        and not after.ent_type_
    )


def _joined_group_name(doc: Doc, span: Span) -> Span:
    """ "Al Qaeda" + "in Mesopotamia": a group named after its theatre is one name, whatever
    NER made of either part (the franchise list says what the first part is)."""
    end = span.end
    if end + 1 >= len(doc) or doc[end].lower_ != "in":
        return span
    after = end + 1
    if doc[after].lower_ == "the":
        after += 1
    stop = after
    while stop < len(doc) and doc[stop].text[:1].isupper() and doc[stop].pos_ == "PROPN":
        stop += 1
    name = " ".join(t.lower_ for t in span if not t.is_punct or t.text == "-").replace(" - ", "-")
    if stop > after and name in franchises():
        return doc[span.start : stop]
    return span


def entity_mentions(doc: Doc) -> list[Mention]:
    """One `Mention` per NER span that names a person, organization or place, in text order.

    Titles ("General", "Dr.", "Mr.") inside or just before a person's span are kept on the
    mention, not in its text.
    """
    sentence_of = sentence_numbers(doc)
    mentions: list[Mention] = []
    absorbed = -1
    for ent, start, end in _name_parts(doc):
        if start < absorbed:
            continue
        entity_type, subtype = entity_type_of(ent.label_, ent.text)
        if entity_type is None and misc_beside_group(doc, start, end):
            entity_type = "organization"  # "both Bre-X and Barrick": a firm beside a firm
        if entity_type is None:
            continue
        joined = _joined_group_name(doc, doc[start:end])
        if joined.end != end:
            end = absorbed = joined.end
            entity_type = "organization"
        if entity_type == "person" and end < len(doc) and _initial_cut_short(doc, start, end):
            end = absorbed = end + 1  # "S." of "S. Waugh"
        title = None
        between = title_between(doc, start, end) if end - start >= 3 else None
        if between is not None:
            # The office's holder is the person; the words before it name where he holds it.
            title_start, name_start, title = between
            office = doc[start:title_start]
            start = name_start
            mentions.append(
                Mention.of_span(office, "organization", sentence_of[office.start], label=ent.label_)
            )
            entity_type = "person"
        elif entity_type == "person":
            inside = title_inside(doc, start, end)
            if inside is not None:
                start, title = inside
            else:
                sentence_start = doc[start].sent.start
                before = title_before(doc, start, sentence_start)
                if before is not None:
                    title = before[1]
        elif start > 0 and title_key([doc[start - 1].text]) in honorifics():
            title = doc[start - 1].text  # "Mr. Darsi", whatever NER's label: a person's title
        span = doc[start:end]
        mentions.append(
            Mention.of_span(
                span,
                entity_type,
                sentence_of[span.start],
                label=ent.label_,
                subtype=subtype,
                title=title,
                cue=descriptor_type(doc, start, end),
            )
        )
    return _consistent_spans(doc, mentions)


def _consistent_spans(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Stretch a mention to a longer name the article spells out elsewhere: NER that read
    "Fatah al Islam" once may read only "Fatah" of it the next time."""
    names = sorted({m.text for m in mentions if " " in m.text}, key=len, reverse=True)
    # Token boundaries, gathered only when some mention could be stretched.
    starts: set[int] | None = None
    ends: set[int] = set()
    taken = {(m.start, m.end) for m in mentions}
    stretched: list[Mention] = []
    text = doc_text(doc)
    for mention in mentions:
        for name in names:
            if len(name) <= len(mention.text) or not name.startswith(mention.text):
                continue
            end = mention.start + len(name)
            if text[mention.start : end] != name:
                continue
            if starts is None:
                starts = {token.idx for token in doc}
                ends = {token.idx + len(token.text) for token in doc}
            if end in ends and mention.start in starts:
                if not any(
                    s < end and mention.end <= s
                    for s, _ in taken
                    if (s, _) != (mention.start, mention.end)
                ):
                    mention = replace(mention, end=end, text=name)
                break
        stretched.append(mention)
    # A stretched mention may now cover the next one: keep the longer.
    result: list[Mention] = []
    for mention in stretched:
        if result and mention.start < result[-1].end:
            continue
        result.append(mention)
    return result
