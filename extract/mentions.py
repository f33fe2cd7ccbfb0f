"""Named mentions from a parsed document: NER spans trimmed, titles split off, types mapped."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.components import DASHES
from newsgraph.extract.extraction import Mention
from newsgraph.extract.gazetteer import default_gazetteer
from newsgraph.extract.lexicons import (
    descriptors,
    entity_labels,
    franchises,
    honorifics,
    name_connectives,
    nouns_after_name,
    org_name_words,
    organization_holdings,
    organization_parts,
    title_key,
    title_table,
    website_suffixes,
)
from newsgraph.extract.names import normalize_name

# A bare domain name: "Tajdeed.net", "news.bbc.co.uk"; no scheme, path, port or @.
_DOMAIN = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}")

# An initial standing for a given name: "S.", "J.".
_INITIAL = re.compile(r"[A-Z]\.")

# Tokens NER sometimes swallows at a span's edges ("What Bush", "the Army,") that are never
# part of a name.
_EDGE_POS = {"DET", "PUNCT", "PART", "ADP", "CCONJ", "SCONJ", "PRON", "AUX", "INTJ", "SYM"}


def _is_title_token(token: Token) -> bool:
    return token.text[:1].isupper()


def title_before(doc: Doc, start: int, limit: int) -> tuple[int, str] | None:
    """The longest title ending just before token `start` (not before `limit`): (its start, text)."""
    table = title_table()
    for length in range(min(table.longest, start - limit), 0, -1):
        words = doc[start - length : start]
        if (
            all(_is_title_token(t) for t in words)
            and title_key([t.text for t in words]) in table.titles
        ):
            return start - length, words.text
    return None


def _title_inside(doc: Doc, start: int, end: int) -> tuple[int, str] | None:
    """A title at the start of a span, with at least one name token after it."""
    table = title_table()
    for length in range(min(table.longest, end - start - 1), 0, -1):
        words = doc[start : start + length]
        if (
            all(_is_title_token(t) for t in words)
            and title_key([t.text for t in words]) in table.titles
        ):
            return start + length, words.text
    return None


def _title_between(doc: Doc, start: int, end: int) -> tuple[int, int, str] | None:
    """An office between an organization or place and a person in one NER span: "Federal
    Reserve Governor Lawrence Lindsey", "New York Attorney General Letitia James". Returns
    (title start, name start, title) when one to four capitalized words follow the title
    and none of them makes organization names ("Burger King Corp" names no king)."""
    table = title_table()
    for title_start in range(start + 1, end - 1):
        for length in range(min(table.longest, end - title_start - 1), 0, -1):
            words = doc[title_start : title_start + length]
            if not all(_is_title_token(t) for t in words):
                continue
            if title_key([t.text for t in words]) not in table.titles:
                continue
            name = doc[title_start + length : end]
            if len(name) <= 4 and all(
                t.text[:1].isupper()
                and t.text.replace("-", "").replace("'", "").isalpha()
                and t.lower_ not in org_name_words()
                for t in name
            ):
                return title_start, title_start + length, words.text
            return None
    return None


# How many tokens of a list may stand between "such as" and a name in it.
_LIST_REACH = 16
# How far into an article a dateline's agency ("BEIRUT (AP) —") may stand.
_DATELINE_REACH = 12
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
        start = _after_affiliation(doc, start, end)
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


def covered_tokens(doc: Doc, taken: list[Mention]) -> set[int]:
    """The indices of the tokens the mentions cover."""
    return {
        token.i
        for m in taken
        for token in doc.char_span(m.start, m.end, alignment_mode="expand") or ()
    }


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].pos_ in _EDGE_POS or doc[start].is_punct):
        # Keep a leading capitalized determiner that is part of a name ("The New York Times").
        if (
            doc[start].lower_ == "the"
            and start + 1 < end
            and doc[start].ent_iob_ == "B"
            and _name_like(doc[start + 1 : end])
        ):
            break
        start += 1
    while end > start and (doc[end - 1].pos_ in _EDGE_POS or doc[end - 1].is_punct):
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


def noun_typed_names(doc: Doc, taken: list[Mention]) -> list[Mention]:
    """Names NER passed by that a common noun types: places ("the town of Tessit", "the
    Mexican state of Michoacan", "Idlib province", "Huize county") and organizations ("the
    TASR news agency", "the Sidek group"). The name is one to three capitalized proper nouns
    in no mention."""
    covered = covered_tokens(doc, taken)
    place_nouns = {noun for noun, kind in descriptors().items() if kind == "place"}
    sentence_of = sentence_numbers(doc)
    found: list[Mention] = []

    def name_at(start: int, step: int) -> tuple[int, int] | None:
        """The capitalized proper nouns and adjectives from `start` on, forwards (1) or
        backwards (-1), with a proper noun among them ("Islamic State", not "Kurdish")."""
        end = start
        while (
            0 <= end < len(doc)
            and abs(end - start) < 3
            and end not in covered
            and doc[end].pos_ in {"PROPN", "ADJ"}
            and doc[end].text[:1].isupper()
        ):
            end += step
        if end == start:
            return None
        first, last = (start, end) if step == 1 else (end + 1, start + 1)
        if not any(t.pos_ == "PROPN" for t in doc[first:last]):
            return None
        return first, last

    for token in doc:
        span = None
        entity_type = "place"
        if token.lower_ == "of" and token.i >= 2 and doc[token.i - 1].lower_ in place_nouns:
            # "the town of", "the Mexican state of"
            before = doc[token.i - 2]
            if before.lower_ == "the" or before.pos_ == "ADJ":
                span = name_at(token.i + 1, 1)
        elif token.is_lower and token.lower_ in nouns_after_name() and token.i >= 1:
            entity_type = nouns_after_name()[token.lower_]
            # "the TASR news agency": one lower-case noun may stand between
            last = token.i - 1
            if doc[last].is_lower and doc[last].pos_ == "NOUN" and last >= 1:
                last -= 1
            span = name_at(last, -1)
        if span is None:
            continue
        start, end = span
        # A longer run of capitalized words is some other name, left alone.
        if any(
            0 <= i < len(doc)
            and doc[i].text[:1].isupper()
            and doc[i].pos_ in {"PROPN", "ADJ"}
            and not doc[i].is_sent_start
            for i in (start - 1, end)
        ):
            continue
        name = doc[start:end]
        covered.update(range(start, end))
        found.append(
            Mention.of_span(
                name,
                entity_type,
                sentence_of[start],
                label="NOUN_TYPED",
                cue=entity_type,
                confidence=0.8,
            )
        )
    return found


def _noun_phrase_head_before(doc: Doc, end: int) -> Token | None:
    """The head noun of the noun phrase ending just before token `end`, looking through
    "of"/"for" phrases and possessors: in "A spokesman for the group," it is "spokesman",
    in "The head of the league's committee," it is "head"."""
    i = end - 1
    head: Token | None = None
    while (
        i >= 0
        and doc[i].text != ","
        and (doc[i].pos_ in {"NOUN", "ADJ", "DET", "NUM", "PROPN"} or doc[i].lower_ in {"'s", "’s"})
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
            possessor = token.i + 1 < stop and doc[token.i + 1].lower_ in {"'s", "’s"}
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
    after = end + 1 if end < len(doc) and doc[end].lower_ in {"'s", "’s"} else end
    if (
        after < len(doc)
        and (doc[after].is_lower or doc[after].is_upper)  # "CEO"; not a title-case heading
        and doc[after].lower_ in organization_parts()
    ):
        return "organization"
    return None


def _misc_beside_group(doc: Doc, start: int, end: int) -> bool:
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


def sentence_numbers(doc: Doc) -> list[int]:
    """The number of the sentence each token is in."""
    index = [0] * len(doc)
    for number, sentence in enumerate(doc.sents):
        index[sentence.start : sentence.end] = [number] * len(sentence)
    return index


def _common_word(span: Span, names_inside: frozenset[str]) -> bool:
    """A one-word span that is a common word, not a name: "Plots" or "Somehow" opening a
    sentence (or its quotation), the adjective "Muslim". NER trained on headlines takes such
    capitals for names; the tagger's word class tells them apart.

    ``names_inside`` holds the words NER read as names within a sentence: a word the article
    also names there ("Seles" after "Monica Seles") is a name even where it opens a
    sentence and the tagger took it for a plural noun."""
    if len(span) != 1:
        return False
    token = span[0]
    if token.is_upper or not token.is_title:
        return False  # headlines in capitals carry no such signal
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if token.pos_ == "ADJ" and following is not None and following.pos_ == "NOUN":
        return True  # attributive: "Muslim men"
    if token.text in names_inside:
        return False
    opens = token.is_sent_start is True or (
        token.i > 0 and token.doc[token.i - 1].is_quote and token.doc[token.i - 1].is_sent_start
    )
    # In running text a lower-case word follows; in tables and lists ("Celtic 14 8 3",
    # "Simec , the") a sentence the parser starts at a name is no sentence.
    if not opens or following is None or not (following.is_lower and following.is_alpha):
        return False
    # A common word that only its place in the sentence capitalizes: "Plots have unfolded",
    # "Disaster struck", "Watched by", "Somehow it seemed", "Little did I know".
    return token.tag_ == "NNS" or token.pos_ in _NOT_NAME_CLASSES


# Word classes the tagger gives a capitalized sentence opener that is no name. Chosen on
# CoNLL and UNER dev (train-only NER): NOUN raised the prose sentences of CoNLL dev
# (0.9236 -> 0.9243) and UNER dev (0.462 -> 0.469) but cost tables, which the rule now
# leaves alone (a lower-case word must follow).
_NOT_NAME_CLASSES = frozenset(
    {"NOUN", "VERB", "ADJ", "ADV", "ADP", "PRON", "DET", "AUX", "SCONJ", "CCONJ", "PART", "INTJ"}
)


def _names_inside_sentences(doc: Doc) -> frozenset[str]:
    """The words of NER spans that do not open their sentence."""
    return frozenset(token.text for ent in doc.ents for token in ent if not token.is_sent_start)


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
    names_inside = _names_inside_sentences(doc)
    mentions: list[Mention] = []
    absorbed = -1
    for ent, start, end in _name_parts(doc):
        if start < absorbed:
            continue
        entity_type, subtype = entity_type_of(ent.label_, ent.text)
        if entity_type is None and _misc_beside_group(doc, start, end):
            entity_type = "organization"  # "both Bre-X and Barrick": a firm beside a firm
        if entity_type is None:
            continue
        joined = _joined_group_name(doc, doc[start:end])
        if joined.end != end:
            end = absorbed = joined.end
            entity_type = "organization"
        if _common_word(doc[start:end], names_inside) and subtype is None:
            continue
        if entity_type == "person" and end < len(doc) and _initial_cut_short(doc, start, end):
            end = absorbed = end + 1  # "S." of "S. Waugh"
        title = None
        between = _title_between(doc, start, end) if end - start >= 3 else None
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
            inside = _title_inside(doc, start, end)
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
    for mention in mentions:
        for name in names:
            if len(name) <= len(mention.text) or not name.startswith(mention.text):
                continue
            end = mention.start + len(name)
            if doc.text[mention.start : end] != name:
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


def _in_capitals(sentence: Span) -> bool:
    """A heading or a line of shouting: most of its words in capitals."""
    words = [t for t in sentence if t.is_alpha and len(t) > 1]
    return bool(words) and sum(t.is_upper for t in words) >= 0.8 * len(words)


def repeated_names(doc: Doc, taken: list[Mention]) -> list[Mention]:
    """Other occurrences of a name NER found once: "Weah" read as a person in one sentence
    is the same person where NER passed it by in the next.

    An occurrence counts when it is spelled exactly as the name, stands on token boundaries,
    is not part of a longer capitalized name or of any NER span, and, for a one-word name,
    when the article never writes the word in lower case ("Major" next to "a major"). Names
    with digits or inner periods ("Feb-02", "report.doc") and names NER read only in a line
    of capitals ("PERFORMANCE" in a heading) are not spread.
    """
    capitals = {number for number, sentence in enumerate(doc.sents) if _in_capitals(sentence)}
    named: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for mention in taken:
        if (
            mention.kind == "name"
            and mention.label not in {"", "GAZETTEER"}
            and mention.sentence not in capitals
            and not any(ch.isdigit() for ch in mention.text)
            and "." not in mention.text.rstrip(".")
        ):
            named[tuple(mention.text.split())][mention.type] += 1
    if not named:
        return []
    # A person's surname alone is the person too ("King said" after "Billie Jean King"),
    # even when the word is also a title: the full name made it a name here.
    surnames = {
        words[-1]
        for words, types in named.items()
        if len(words) > 1 and types.most_common(1)[0][0] == "person" and words[-1].isalpha()
    }
    for surname in surnames:
        named[(surname,)]["person"] += 1
    lower_words = {token.text for token in doc if token.is_lower}
    titles = title_table().titles
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for words in sorted(named, key=len, reverse=True):
        if len(words) == 1 and (
            words[0].lower() in lower_words
            or (title_key(list(words)) in titles and words[0] not in surnames)
        ):
            continue
        by_first[words[0]].append(words)
    covered = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    covered |= covered_tokens(doc, taken)
    sentence_of = sentence_numbers(doc)
    found: list[Mention] = []
    i = 0
    while i < len(doc):
        for words in by_first.get(doc[i].text, ()):
            end = i + len(words)
            if end > len(doc) or any(t.i in covered for t in doc[i:end]):
                continue
            if tuple(t.text for t in doc[i:end]) != words:
                continue
            if end < len(doc) and doc[end].text[:1].isupper() and doc[end].pos_ == "PROPN":
                continue  # "Washington" of "Washington Post"
            if (
                i > 0
                and not doc[i].is_sent_start
                and doc[i - 1].text[:1].isupper()
                and doc[i - 1].pos_ == "PROPN"
            ):
                continue
            span = doc[i:end]
            found.append(
                Mention.of_span(
                    span,
                    named[words].most_common(1)[0][0],
                    sentence_of[i],
                    label="REPEATED",
                    confidence=0.8,
                )
            )
            i = end - 1
            break
        i += 1
    return found


def website_names(doc: Doc, taken: list[Mention]) -> list[Mention]:
    """Web sites named in the text ("Tajdeed.net", "Amazon.com") that NER passed by: a
    token that is a bare domain with a known suffix is a media organization. Addresses with
    a path, a scheme or an @ are links and e-mail, not names."""
    covered = {i for m in taken for i in range(m.start, m.end)}
    suffixes = website_suffixes()
    sentence_of = sentence_numbers(doc)
    found: list[Mention] = []
    for token in doc:
        text = token.text
        if token.idx in covered or not text.casefold().endswith(suffixes):
            continue
        if not _DOMAIN.fullmatch(text):
            continue
        found.append(
            Mention.of_span(
                doc[token.i : token.i + 1],
                "organization",
                sentence_of[token.i],
                label="WEBSITE",
                subtype="media",
                confidence=0.8,
            )
        )
    return found


_ACRONYM = re.compile(r"[A-Z][A-Za-z0-9&\-]{1,11}")


def _initials_match(acronym: str, name: str) -> bool:
    """Whether the acronym's letters are initials of the name's words, in order and from
    the first word on: "MNLF" of "Moro National Liberation Front", "ISIS" of "Islamic State
    of Iraq and al-Sham" (function words may be skipped or used)."""
    letters = [ch for ch in acronym.upper() if ch.isalpha()]
    initials = [word[0].upper() for word in re.split(r"[\s\-]+", name) if word[:1].isalpha()]
    if not letters or not initials or letters[0] != initials[0]:
        return False
    remaining = iter(initials[1:])
    return all(any(letter == initial for initial in remaining) for letter in letters[1:])


def defined_acronyms(doc: Doc, taken: list[Mention]) -> tuple[list[Mention], dict[str, str]]:
    """Acronyms the article defines: "the Moro National Liberation Front ( MNLF )".

    An all-capital word in brackets right after a name is that name's acronym when its
    letters are the name's initials, or, after an organization's name, whatever its letters
    (a group's acronym is often of its own language's name: "Kurdistan Workers Party (PKK)").
    Returns mentions for the acronym's occurrences NER passed by, typed as the full name, and
    the aliases as normalized acronym -> normalized full name, for resolve_entities.
    """
    defined: dict[str, Mention] = {}
    for mention in taken:
        if mention.kind != "name":
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or span.end + 2 >= len(doc):
            continue
        opening, word, closing = doc[span.end], doc[span.end + 1], doc[span.end + 2]
        acronym = word.text
        if opening.text != "(" or closing.text != ")" or not _ACRONYM.fullmatch(acronym):
            continue
        if sum(ch.isupper() for ch in acronym) < 2 or acronym == mention.text:
            continue
        if mention.type == "organization" or _initials_match(acronym, mention.text):
            defined.setdefault(acronym, mention)
    if not defined:
        return [], {}
    covered = covered_tokens(doc, taken)
    sentence_of = sentence_numbers(doc)
    found = [
        Mention.of_span(
            doc[token.i : token.i + 1],
            defined[token.text].type,
            sentence_of[token.i],
            label="ACRONYM",
            confidence=0.8,
        )
        for token in doc
        if token.text in defined and token.i not in covered
    ]
    aliases = {normalize_name(a): normalize_name(m.text) for a, m in defined.items()}
    return found, aliases
