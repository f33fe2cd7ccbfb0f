"""Articles in WARC files (web crawls, news archives such as Common Crawl News), read with warcio.

Each HTML response (status 200) or resource record becomes the article of its page, read by
`newsgraph.extract.page` behind the same guard as any page; its id is the page's canonical URL,
else the record's target URI. A page met again (the same id, or the same text under another
URL, as a crawl's revisits and syndicated copies are) is read once: the first copy is kept.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsgraph.extract.article import Article, ArticleError, article_from_page
from newsgraph.extract.html_text import DEFAULT_LIMITS, MarkupLimits, MarkupRefused
from newsgraph.extract.page import decode_page, read_page

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def load_warc(
    path: Path,
    on_error: Callable[[ArticleError], None],
    limits: MarkupLimits = DEFAULT_LIMITS,
) -> Iterator[Article]:
    """The articles of the HTML pages in a WARC file (plain or gzipped), in record order."""
    seen_ids: set[str] = set()
    seen_texts: set[str] = set()
    _check_opening(path)
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type not in ("response", "resource"):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                where = f"{path}: {uri or record.rec_headers.get_header('WARC-Record-ID')}"
                if record.rec_type == "response":
                    if record.http_headers is None:
                        continue
                    status = record.http_headers.get_statuscode()
                    if status != "200":
                        continue
                    content_type = record.http_headers.get_header("Content-Type") or ""
                else:
                    content_type = record.rec_headers.get_header("Content-Type") or ""
                if not content_type.split(";")[0].strip().lower().startswith(_HTML_TYPES):
                    continue
                body = record.content_stream().read(limits.max_chars * 4 + 1)
                try:
                    if len(body) > limits.max_chars * 4:
                        raise ArticleError(
                            f"{where}: the page is over {limits.max_chars * 4:,} bytes"
                        )
                    page = read_page(decode_page(body, content_type), uri or None, limits)
                    article = article_from_page(page, where, fetched_url=uri)
                except MarkupRefused as error:
                    on_error(ArticleError(f"{where}: {error}"))
                    continue
                except ArticleError as error:
                    on_error(error)
                    continue
                text_hash = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
                if article.id in seen_ids or text_hash in seen_texts:
                    continue
                seen_ids.add(article.id)
                seen_texts.add(text_hash)
                yield article
    except (ArchiveLoadFailed, OSError, EOFError) as error:
        raise ArticleError(f"{path}: not a readable WARC file ({error})") from error


def _check_opening(path: Path) -> None:
    # warcio reads on through most garbage with warnings; a WARC opens with its version line.
    try:
        with path.open("rb") as raw:
            opening = raw.read(2)
        with gzip.open(path) if opening == b"\x1f\x8b" else path.open("rb") as stream:
            first = stream.read(5)
    except (OSError, EOFError) as error:
        raise ArticleError(f"{path}: not a readable WARC file ({error})") from error
    if first != b"WARC/":
        raise ArticleError(f"{path}: not a WARC file (it does not open with a 'WARC/' line)")
