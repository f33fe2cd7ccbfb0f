"""A news page reduced to its article: headline, body, byline, date, language, canonical URL.

The body is found by trafilatura, which drops what surrounds an article on a news site
(navigation, related stories, cookie banners, comments, footers). Every page passes the
linear-time guard of `newsgraph.extract.html_text` first: a page over its size or element
limits is refused with a message before any parser sees it. `PageReader` adds a wall-clock
limit for pages that come from the network: it reads them in a child process that is ended
when a page takes longer.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from newsgraph.extract.html_text import (
    DEFAULT_LIMITS,
    MarkupLimits,
    MarkupRefused,
    checked_markup,
    html_to_text,
)

__all__ = ["MarkupLimits", "MarkupRefused", "Page", "PageReader", "decode_page", "read_page"]

_HTML_LANG = re.compile(
    r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*", re.I
)
_LINE_BREAKS = re.compile(r"\s*\n\s*")
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})""", re.I)


@dataclass(frozen=True)
class Page:
    """What a page says about its article; `reader` tells which reader found the text."""

    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    byline: str | None = None
    publisher: str | None = None
    language: str | None = None
    reader: str = "trafilatura"


def decode_page(body: bytes, content_type: str | None = None) -> str:
    """A page's bytes as text: the charset its HTTP header names, else its `<meta>` one, else
    UTF-8; undecodable bytes become U+FFFD rather than refusing the page."""
    candidates = []
    if content_type:
        _, _, params = content_type.partition(";")
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.lower() == "charset":
                candidates.append(value.strip("\"' "))
    meta = _CHARSET.search(body[:4096])
    if meta:
        candidates.append(meta.group(1).decode("ascii"))
    for charset in candidates:
        try:
            return body.decode(charset, errors="replace")
        except LookupError:
            continue
    return body.decode("utf-8", errors="replace")


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _paragraphs(text: str) -> str:
    # trafilatura puts one element a line; the project's texts separate paragraphs by a blank
    # line, as the visible-text reader does.
    return "\n\n".join(part for part in _LINE_BREAKS.split(text.strip()) if part)


def read_page(markup: str, url: str | None = None, limits: MarkupLimits = DEFAULT_LIMITS) -> Page:
    """The article in `markup` (fetched from `url`, if known); `MarkupRefused` past `limits`.

    A page where trafilatura finds no article (a short fragment, a bare list of paragraphs)
    is read as its visible text instead.
    """
    import trafilatura

    safe = checked_markup(markup, limits)
    try:
        document = _extract(trafilatura, safe, url)
    except Exception:
        # The extractor failing on odd markup costs the page its boilerplate filter only.
        document = None
    found: dict[str, Any] | None = (
        document if document is None or isinstance(document, dict) else document.as_dict()
    )
    head = safe[:65536]
    lang = _HTML_LANG.search(head)
    language = lang.group(1).lower() if lang else None
    if not isinstance(found, dict) or not (found.get("text") or "").strip():
        text, title = html_to_text(safe)
        return Page(text=text, title=title, url=url, language=language, reader="visible-text")
    found_url = found.get("url")
    canonical = found_url if found_url and _is_http(found_url) else url
    host = urlsplit(canonical).hostname if canonical else None
    return Page(
        text=_paragraphs(found["text"]),
        title=found.get("title") or html_to_text(head)[1],
        url=canonical,
        published=_date(found.get("date")),
        byline=found.get("author") or None,
        publisher=found.get("sitename") or host or None,
        language=language,
    )


def _extract(trafilatura: Any, markup: str, url: str | None) -> Any:
    return trafilatura.bare_extraction(
        markup,
        url=url,
        with_metadata=True,
        include_comments=False,
        # Layout tables would come back as rows of cells joined by "|"; data tables in news
        # articles are rare and read badly as sentences anyway.
        include_tables=False,
        deduplicate=False,
    )


def _is_http(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https")


def _read_in_child(markup: str, url: str | None, limits: MarkupLimits) -> Page:
    return read_page(markup, url, limits)


def _end_with(parent: int) -> None:
    """In the child: end when the process that started it is gone (killed, say), rather than
    wait for pages forever; its queue would not tell it, as the child holds both ends."""

    def watch() -> None:
        while True:
            time.sleep(1.0)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(0)
            except PermissionError:
                continue

    threading.Thread(target=watch, name="page-reader-parent", daemon=True).start()


class PageReader:
    """`read_page` in a child process, ended (and started afresh) when a page takes longer
    than `seconds`: lxml and trafilatura cannot be interrupted inside this process.

    Usable from any thread; one page is read at a time. Close it (or use `with`) to end the
    child.
    """

    def __init__(self, seconds: float = 20.0, limits: MarkupLimits = DEFAULT_LIMITS) -> None:
        self.seconds = seconds
        self.limits = limits
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # forkserver: the child does not inherit this process's threads (a server's, a
            # watcher's) in whatever state they were.
            context = multiprocessing.get_context("forkserver")
            self._pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=context,
                initializer=_end_with,
                initargs=(os.getpid(),),
            )
        return self._pool

    def read(self, markup: str, url: str | None = None) -> Page:
        # The guard's cheap refusals come first, without a round trip to the child.
        checked_markup(markup, self.limits)
        future = self._executor().submit(_read_in_child, markup, url, self.limits)
        try:
            return future.result(timeout=self.seconds)
        except FutureTimeout:
            self._end_child()
            raise MarkupRefused(
                f"reading the page took over {self.seconds:g} seconds; refused"
            ) from None
        except BrokenProcessPool:
            self._end_child()
            raise MarkupRefused("the page reader's process ended while reading the page") from None

    def _end_child(self) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        processes: dict[Any, Any] = getattr(pool, "_processes", None) or {}
        for process in list(processes.values()):
            process.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> PageReader:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
