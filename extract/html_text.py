"""The readable text of an HTML page, for articles given as HTML.

A small scanner reads the markup in one pass, in time linear in its length (the standard
library's `HTMLParser` is quadratic on unterminated comments in the Python versions this
project supports, and so a few megabytes of `<!--` would hold a worker for hours). It fetches
nothing and reads no DOCTYPE or DTD: no external entities, no entity expansion beyond HTML's
own character references. Scripts, styles and other non-text elements are dropped; block
elements become paragraph breaks; an unterminated comment or tag ends the text, as in a browser.
"""

from __future__ import annotations

import html
import re

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
        if markup.startswith("<!--", start):
            end = markup.find("-->", start + 4)
            if end < 0:
                break
            position = end + 3
            continue
        if markup.startswith(("<!", "<?"), start):  # doctype, CDATA, processing instruction
            end = markup.find(">", start + 2)
            subset = markup.find("[", start + 2, end)
            if subset >= 0 and lower.startswith("<!doctype", start):
                # An internal DTD subset: skipped unread, up to its "]>".
                close = markup.find("]", subset)
                end = markup.find(">", close) if close >= 0 else -1
            if end < 0:
                break
            position = end + 1
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
