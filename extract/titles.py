"""Titles around a person's name in a NER span: before it ("General X"), inside it ("Dr. X"),
and between an office's seat and its holder ("Federal Reserve Governor X")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.extract.lexicons import org_name_words, title_key, title_table


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


def title_inside(doc: Doc, start: int, end: int) -> tuple[int, str] | None:
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


def title_between(doc: Doc, start: int, end: int) -> tuple[int, int, str] | None:
    """An office between an organization or place and a person in one NER span: "Federal
    Reserve Governor Lawrence Lindsey", "New York Attorney General Letitia James". Returns
    (title start, name start, title) when two to four capitalized words follow the title
    and none of them makes organization names ("Burger King Corp" names no king). One word
    after a title word inside a span is most often the end of an organization's name
    ("Massachusetts General Hospital", "Journal of General Virology"), not a holder."""
    table = title_table()
    for title_start in range(start + 1, end - 1):
        for length in range(min(table.longest, end - title_start - 1), 0, -1):
            words = doc[title_start : title_start + length]
            if not all(_is_title_token(t) for t in words):
                continue
            if title_key([t.text for t in words]) not in table.titles:
                continue
            name = doc[title_start + length : end]
            if 2 <= len(name) <= 4 and all(
                t.text[:1].isupper()
                and t.text.replace("-", "").replace("'", "").isalpha()
                and t.lower_ not in org_name_words()
                for t in name
            ):
                return title_start, title_start + length, words.text
            return None
    return None
