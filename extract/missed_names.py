"""Names NER passed by: typed by a noun ("the town of X"), repeated from a name NER found
elsewhere in the article, web sites ("Tajdeed.net") and acronyms the article defines."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from spacy.tokens import Doc

from newsgraph.extract.extraction import Mention
from newsgraph.extract.lexicons import (
    descriptors,
    nouns_after_name,
    title_key,
    title_table,
    website_suffixes,
)
from newsgraph.extract.names import normalize_name
from newsgraph.extract.spans import covered_tokens, in_capitals, sentence_numbers


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
            and doc[end].pos_ in ({"PROPN", "ADJ", "NOUN"} if step == 1 else {"PROPN", "ADJ"})
            and doc[end].text[:1].isupper()
        ):
            end += step
        if end == start:
            return None
        first, last = (start, end) if step == 1 else (end + 1, start + 1)
        # A capitalized word the tagger read as a common noun is a name here ("the town of
        # Tessit", "Tessit" a NOUN), but a name needs more than adjectives ("Kurdish").
        if not any(t.pos_ in {"PROPN", "NOUN"} for t in doc[first:last]):
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


def repeated_names(doc: Doc, taken: list[Mention]) -> list[Mention]:
    """Other occurrences of a name NER found once: "Weah" read as a person in one sentence
    is the same person where NER passed it by in the next.

    An occurrence counts when it is spelled exactly as the name, stands on token boundaries,
    is not part of a longer capitalized name or of any NER span, and, for a one-word name,
    when the article never writes the word in lower case ("Major" next to "a major"). Names
    with digits or inner periods ("Feb-02", "report.doc") and names NER read only in a line
    of capitals ("PERFORMANCE" in a heading) are not spread.
    """
    capitals = {number for number, sentence in enumerate(doc.sents) if in_capitals(sentence)}
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


# A bare domain name: "Tajdeed.net", "news.bbc.co.uk"; no scheme, path, port or @.
_DOMAIN = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}")
# A host name written as an address: "www.", "WWW.".
_ADDRESS = re.compile(r"www\.", re.IGNORECASE)


def website_names(doc: Doc, taken: list[Mention]) -> list[Mention]:
    """Web sites named in the text ("Tajdeed.net", "Amazon.com") that NER passed by: a
    token that is a bare domain with a known suffix, written capitalized as a name is, is a
    media organization. Addresses with a path, a scheme or an @ are links and e-mail, and a
    host written in lower case or after "www." ("www.adobe.com", "irc.yankeedot.net") is an
    address, not a name."""
    covered = {i for m in taken for i in range(m.start, m.end)}
    suffixes = website_suffixes()
    sentence_of = sentence_numbers(doc)
    found: list[Mention] = []
    for token in doc:
        text = token.text
        if token.idx in covered or not text.casefold().endswith(suffixes):
            continue
        if not _DOMAIN.fullmatch(text) or not text[:1].isupper() or _ADDRESS.match(text):
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
