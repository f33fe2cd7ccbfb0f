"""The readable text of an HTML page, and the linear-time guard every HTML page passes first.

`check_markup` refuses, in one linear pass, a page too large, with too many elements for the
article extractor (`newsgraph.extract.page`, whose time grows with the element
count: about 0.1 to 0.3 ms an element). A small scanner reads the markup in one pass, in time linear in its length (the standard
library's `HTMLParser` is quadratic on unterminated comments in the Python versions this
project supports, and so a few megabytes of `<!--` would hold a worker for hours). It fetches
nothing and reads no DOCTYPE or DTD: no external entities, no entity expansion beyond HTML's
own character references. Scripts, styles and other non-text elements are dropped; block
elements become paragraph breaks; an unterminated comment or tag ends the text, as in a browser.
"""

from __future__ import annotations

import html
import re
import time
from dataclasses import dataclass

# Elements whose content is never article text; the first five hold raw text, not markup.
_RAW_TEXT = ("script", "style", "textarea", "xmp", "plaintext")
_SKIPPED = frozenset({*_RAW_TEXT, "noscript", "template", "svg", "math", "iframe", "object"})
# Elements that start a new paragraph.
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td",
        "th", "tr", "ul",
    }
)  # fmt: skip
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)")
_SPACES = re.compile(r"[ \t\f\v\u00a0\r\n]+")
_DOCUMENT_START = re.compile(
    r"\s*(?:<!--(?:[^-]|-(?!->))*-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I
)


def _declaration_end(markup: str, lower: str, start: int) -> int | None:
    """Where the comment, doctype, CDATA section or processing instruction opening at `start`
    ends (the position after it), skipped unread; -1 when it is unterminated; None when none
    opens there. A doctype's internal DTD subset is skipped whole, up to its "]>"."""
    if markup.startswith("<!--", start):
        end = markup.find("-->", start + 4)
        return end + 3 if end >= 0 else -1
    if not markup.startswith(("<!", "<?"), start):
        return None
    end = markup.find(">", start + 2)
    subset = markup.find("[", start + 2, end)
    if subset >= 0 and lower.startswith("<!doctype", start):
        close = markup.find("]", subset)
        end = markup.find(">", close) if close >= 0 else -1
    return end + 1 if end >= 0 else -1


def looks_like_html(text: str) -> bool:
    """Whether the text is an HTML document (it opens with a doctype or an `<html>` tag)."""
    return bool(_DOCUMENT_START.match(text[:4096].lstrip("\ufeff")))


class _Text:
    """Paragraphs of visible text, and the page title."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.title: list[str] = []
        self.skipping: list[str] = []

    def data(self, raw: str) -> None:
        if raw and not self.skipping:
            self.current.append(raw)

    def paragraph_break(self) -> None:
        paragraph = _SPACES.sub(" ", html.unescape("".join(self.current))).strip()
        if paragraph:
            self.paragraphs.append(paragraph)
        self.current = []

    def tag(self, name: str, closing: bool) -> None:
        if name in _SKIPPED:
            if not closing:
                self.skipping.append(name)
            elif name in self.skipping:
                # Close it and whatever was left open inside it.
                while self.skipping.pop() != name:
                    pass
        elif name in _BLOCKS and not self.skipping:
            self.paragraph_break()


def html_to_text(markup: str) -> tuple[str, str | None]:
    """The page's text, paragraphs separated by blank lines, and its `<title>` if any."""
    lower = markup.lower()
    text = _Text()
    title: str | None = None
    position, length = 0, len(markup)
    while position < length:
        start = markup.find("<", position)
        if start < 0:
            text.data(markup[position:])
            break
        text.data(markup[position:start])
        skipped = _declaration_end(markup, lower, start)
        if skipped is not None:
            if skipped < 0:
                break
            position = skipped
            continue
        tag = _TAG.match(markup, start)
        if tag is None:
            text.data("<")
            position = start + 1
            continue
        end = markup.find(">", tag.end())
        if end < 0:
            break
        closing, name = tag.group(1) == "/", tag.group(2).lower()
        position = end + 1
        if name == "title" and not closing:
            close = lower.find("</title", position)
            close = length if close < 0 else close
            title = title or _SPACES.sub(" ", html.unescape(markup[position:close])).strip()
            position = close
            continue
        self_closing = markup[end - 1] == "/"
        if not closing and name in _RAW_TEXT:
            # Raw text runs to its end tag, whatever it holds.
            close = lower.find(f"</{name}", position)
            position = length if close < 0 else close
            continue
        if not self_closing or closing:
            text.tag(name, closing)
        elif name in _BLOCKS:
            text.paragraph_break()
    text.paragraph_break()
    return "\n\n".join(text.paragraphs), title or None


class MarkupRefused(ValueError):
    """A page the guard will not hand to a parser; the message says which limit it passed."""


@dataclass(frozen=True)
class MarkupLimits:
    """How much markup a page may hold before any parser sees it.

    A news page has 1,000 to 10,000 elements and under 2 MB of markup; at the element limit
    the article extractor takes a few seconds, and the scan itself stops at `seconds`.
    """

    max_chars: int = 5 * 1024 * 1024
    max_elements: int = 20_000
    seconds: float = 5.0


DEFAULT_LIMITS = MarkupLimits()


def checked_markup(markup: str, limits: MarkupLimits = DEFAULT_LIMITS) -> str:
    """The page as a parser may read it, or `MarkupRefused`; one pass over the text.

    What comes back holds no comments, doctype, DTD subset, CDATA or processing instruction,
    and ends where an unterminated comment or tag begins (as the text does in a browser), so
    the parser after it meets none of the constructs that are slow or unsafe to parse.
    Raw-text elements (scripts, styles) are copied whole and their content is not counted:
    a `<div>` inside a script is no element, for the parser either.
    """
    if len(markup) > limits.max_chars:
        raise MarkupRefused(
            f"the page has {len(markup):,} characters, over the limit of {limits.max_chars:,}"
        )
    deadline = time.monotonic() + limits.seconds
    lower = markup.lower()
    kept: list[str] = []
    elements = 0
    position, length = 0, len(markup)
    while position < length:
        start = markup.find("<", position)
        if start < 0:
            kept.append(markup[position:])
            break
        kept.append(markup[position:start])
        skipped = _declaration_end(markup, lower, start)
        if skipped is not None:
            if skipped < 0:
                break
            position = skipped
            continue
        tag = _TAG.match(markup, start)
        if tag is None:
            kept.append("&lt;")
            position = start + 1
            continue
        end = markup.find(">", tag.end())
        if end < 0:
            break
        position = end + 1
        kept.append(markup[start:position])
        if tag.group(1):
            continue
        elements += 1
        if elements > limits.max_elements:
            raise MarkupRefused(
                f"the page has over {limits.max_elements:,} elements (the article extractor's "
                "time grows with them)"
            )
        if elements % 1024 == 0 and time.monotonic() > deadline:
            raise MarkupRefused(f"reading the page's markup took over {limits.seconds} seconds")
        name = tag.group(2).lower()
        if name in _RAW_TEXT:
            close = lower.find(f"</{name}", position)
            close = length if close < 0 else close
            kept.append(markup[position:close])
            position = close
    return "".join(kept)
