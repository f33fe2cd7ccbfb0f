"""Articles as the extractor sees them, and reading them from text, HTML, JSON, JSONL and WARC
files."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from newsgraph.extract.html_text import MarkupRefused, looks_like_html
from newsgraph.extract.page import Page, read_page

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = (".warc", ".warc.gz")
SIDECAR_SUFFIX = ".meta.json"
# Article ids are free text as feeds and data sets write them (URLs, URNs, "AFP:20240305:0123",
# non-ASCII): the graph percent-encodes them into IRIs. They are refused only where they could
# not round trip: empty, longer than MAX_ID_LENGTH, blank at either end, or holding a control
# character, a lone surrogate or a non-character.
MAX_ID_LENGTH = 1000
_ID_REFUSED = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def id_problem(article_id: str) -> str | None:
    """Why `article_id` cannot be an article id, or None when it can."""
    if not article_id:
        return "it is empty"
    if len(article_id) > MAX_ID_LENGTH:
        return f"it has {len(article_id)} characters, more than {MAX_ID_LENGTH}"
    if article_id != article_id.strip():
        return "it begins or ends with white space"
    refused = _ID_REFUSED.search(article_id)
    if refused:
        return f"it holds the control or non-character U+{ord(refused.group()):04X}"
    return None


class ArticleError(ValueError):
    """An input that cannot be read as an article; the message says which file and why, and
    `source` is that file (or URL) where the reader knows it."""

    def __init__(self, message: str, source: str | None = None) -> None:
        super().__init__(message)
        self.source = source


@dataclass(frozen=True)
class Article:
    """One news article: its text and what is known about it."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    language: str = "en"
    source: str | None = None
    # Who wrote it and the outlet that published it, as the page names them.
    byline: str | None = None
    publisher: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        problem = id_problem(self.id) if isinstance(self.id, str) else "it is not a string"
        if problem:
            raise ArticleError(
                f"article id {self.id!r} is not valid: {problem} (an id is 1-{MAX_ID_LENGTH} "
                "characters of any text but control characters, with no space at either end)"
            )
        if not isinstance(self.text, str) or not self.text.strip():
            raise ArticleError(f"article {self.id!r} has no text")
        if _looks_binary(self.text):
            raise ArticleError(
                f"article {self.id!r} looks like binary data, not text: it has NUL bytes or "
                "many control or undecodable characters"
            )

    @property
    def content_hash(self) -> str:
        """A digest of everything extraction depends on: same hash, same graph."""
        digest = hashlib.sha256()
        for part in (self.text, self.title or "", self.url or "", str(self.published or "")):
            digest.update(part.encode("utf-8"))
            digest.update(b"\x00")
        digest.update(self.language.encode("utf-8"))
        # Only when given, so that the hashes of articles without them stay as they were.
        for name, value in (("byline", self.byline), ("publisher", self.publisher)):
            if value:
                digest.update(f"\x00{name}\x00{value}".encode())
        return digest.hexdigest()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
            "content_hash": self.content_hash,
            **{
                name: value
                for name, value in (("byline", self.byline), ("publisher", self.publisher))
                if value
            },
        }


_TEXT_CONTROLS = frozenset("\t\n\r\f\v")


def _looks_binary(text: str) -> bool:
    """NUL anywhere, or over 5% control characters and U+FFFD (what invalid UTF-8 decodes to)
    in the first 64 KiB."""
    if "\x00" in text:
        return True
    sample = text[:65536]
    odd = sum(
        1
        for ch in sample
        if ch == "\ufffd" or (ch < " " and ch not in _TEXT_CONTROLS) or "\x7f" <= ch < "\xa0"
    )
    return odd > 0.05 * len(sample)


def slug_id(name: str) -> str:
    """An article id made from a file name: ASCII, safe for IRIs, stable."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9._~-]+", "-", ascii_name).strip("-._~")
    if not slug:
        slug = hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]
    return slug[:200]


def _parse_date(value: Any, where: str) -> date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ArticleError(f"{where}: 'published' must be an ISO date string, got {value!r}")
    try:
        # Accept full timestamps too: only the calendar date matters for resolving "Friday".
        return date.fromisoformat(value[:10])
    except ValueError as error:
        raise ArticleError(f"{where}: 'published' {value!r} is not an ISO date") from error


def _optional_str(record: dict[str, Any], key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ArticleError(f"{where}: {key!r} must be a string, got {type(value).__name__}")
    return value


def article_from_record(record: Any, where: str, default_id: str | None = None) -> Article:
    """Build an article from a JSON object with `id`, `text` and optional metadata.

    `format` is `text` or `html`; without it, a text that is a whole HTML document (it opens
    with a doctype or `<html>`) is read as HTML: the article is the page's article
    (`newsgraph.extract.page`: no navigation, related links or comments), with the page's
    headline, date, byline, outlet and canonical URL where the record gives none.
    """
    if not isinstance(record, dict):
        raise ArticleError(f"{where}: expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ArticleError(f"{where}: missing or empty 'text'")
    raw_id = record.get("id", default_id)
    if raw_id is None:
        raise ArticleError(f"{where}: missing 'id'")
    if not isinstance(raw_id, str | int) or isinstance(raw_id, bool):
        raise ArticleError(f"{where}: 'id' must be a string, got {type(raw_id).__name__}")
    title = _optional_str(record, "title", where)
    text_format = _optional_str(record, "format", where) or (
        "html" if looks_like_html(text) else "text"
    )
    if text_format not in ("text", "html"):
        raise ArticleError(f"{where}: 'format' must be 'text' or 'html', got {text_format!r}")
    url = _optional_str(record, "url", where)
    page = Page(text=text)
    if text_format == "html":
        try:
            page = read_page(text, url)
        except MarkupRefused as error:
            raise ArticleError(f"{where}: {error}") from error
        if not page.text.strip():
            raise ArticleError(f"{where}: the HTML has no article text")
    known = {
        "id", "text", "title", "url", "published", "language", "format", "byline", "publisher",
    }  # fmt: skip
    return Article(
        id=str(raw_id),
        text=page.text,
        title=title or page.title,
        url=url or page.url,
        published=_parse_date(record.get("published"), where) or page.published,
        language=_optional_str(record, "language", where) or page.language or "en",
        source=where,
        byline=_optional_str(record, "byline", where) or page.byline,
        publisher=_optional_str(record, "publisher", where) or page.publisher,
        extra={k: v for k, v in record.items() if k not in known},
    )


def article_from_page(
    page: Page, where: str, article_id: str | None = None, **extra: Any
) -> Article:
    """The article of a page read from the web or an archive: its id is `article_id`, or the
    page's canonical URL."""
    chosen = article_id or page.url
    if not chosen:
        raise ArticleError(f"{where}: the page has no URL to name it by; give an id")
    if not page.text.strip():
        raise ArticleError(f"{where}: the page has no article text")
    return Article(
        id=chosen,
        text=page.text,
        title=page.title,
        url=page.url,
        published=page.published,
        language=page.language or "en",
        source=where,
        byline=page.byline,
        publisher=page.publisher,
        extra={"reader": page.reader, **extra},
    )


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ArticleError(f"{path}: not UTF-8 text ({error})") from error


def _load_text_file(path: Path) -> Article:
    text = _read_text(path)
    sidecar = path.with_name(path.stem + SIDECAR_SUFFIX)
    record: dict[str, Any] = {"id": slug_id(path.stem)}
    if _suffix(path) in HTML_SUFFIXES:
        record["format"] = "html"
    if sidecar.exists():
        try:
            meta = json.loads(_read_text(sidecar))
        except json.JSONDecodeError as error:
            raise ArticleError(f"{sidecar}: invalid JSON ({error})") from error
        if not isinstance(meta, dict):
            raise ArticleError(f"{sidecar}: expected a JSON object")
        record.update({k: v for k, v in meta.items() if k != "text"})
    record["text"] = text
    return article_from_record(record, str(path))


def _raise(error: ArticleError) -> None:
    raise error


ErrorHandler = Callable[[ArticleError], None]


def _load_json_file(path: Path, on_error: ErrorHandler) -> Iterator[Article]:
    try:
        data = json.loads(_read_text(path))
    except json.JSONDecodeError as error:
        raise ArticleError(f"{path}: invalid JSON ({error})") from error
    if isinstance(data, list):
        for index, record in enumerate(data):
            try:
                yield article_from_record(record, f"{path}[{index}]")
            except ArticleError as error:
                on_error(error)
    else:
        yield article_from_record(data, str(path), default_id=slug_id(path.stem))


def _load_jsonl_file(path: Path, on_error: ErrorHandler) -> Iterator[Article]:
    # One bad line must not cost the good ones around it.
    with path.open(encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as error:
                    raise ArticleError(f"{where}: invalid JSON ({error})") from error
                yield article_from_record(record, where)
            except ArticleError as error:
                on_error(error)


def _is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIX)


def load_path(path: Path, on_error: ErrorHandler = _raise) -> Iterator[Article]:
    """Articles in one file, or in every readable file of a folder, in name order.

    `on_error` gets each unreadable file or record; the default raises, a collector
    lets the rest of the input through. Each error's `source` is the file it was met in.
    """

    def report(error: ArticleError) -> None:
        if error.source is None:
            error.source = str(path)
        on_error(error)

    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and not _is_sidecar(child) and _readable(child):
                try:
                    yield from load_path(child, on_error)
                except ArticleError as error:
                    error.source = error.source or str(child)
                    on_error(error)
        return
    if not path.exists():
        raise ArticleError(f"{path}: no such file or folder")
    suffix = _suffix(path)
    if path.name.lower().endswith(WARC_SUFFIXES):
        from newsgraph.extract.warc import load_warc

        yield from load_warc(path, report)
        return
    if _is_sidecar(path):
        raise ArticleError(f"{path}: a metadata sidecar, not an article; give its .txt file")
    if suffix in TEXT_SUFFIXES or suffix in HTML_SUFFIXES:
        yield _load_text_file(path)
    elif suffix in JSON_SUFFIXES:
        yield from _load_json_file(path, report)
    elif suffix in JSONL_SUFFIXES:
        yield from _load_jsonl_file(path, report)
    else:
        raise ArticleError(
            f"{path}: unknown article format {suffix!r}; expected .txt, .html, .json, .jsonl, "
            ".warc or .warc.gz"
        )


_ALL_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES


def _suffix(path: Path) -> str:
    return path.suffix.lower()


def _readable(path: Path) -> bool:
    return _suffix(path) in _ALL_SUFFIXES or path.name.lower().endswith(WARC_SUFFIXES)


def load_articles(
    paths: Iterable[Path | str], on_error: ErrorHandler = _raise
) -> Iterator[Article]:
    """Every article under the given files and folders; ids must be unique across them."""
    seen: dict[str, str] = {}
    for raw in paths:
        try:
            for article in load_path(Path(raw), on_error):
                if article.id in seen:
                    on_error(
                        ArticleError(
                            f"{article.source}: article id {article.id!r} already used by "
                            f"{seen[article.id]}",
                            source=article.source,
                        )
                    )
                    continue
                seen[article.id] = article.source or ""
                yield article
        except ArticleError as error:
            error.source = error.source or str(raw)
            on_error(error)
