"""RSS and Atom feeds read by feedparser: the items' links, ids and update times."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import feedparser


class FeedError(ValueError):
    """A document that is not a feed feedparser can read."""


@dataclass(frozen=True)
class FeedItem:
    link: str
    title: str | None
    updated: str | None


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> list[FeedItem]:
    """The items of the feed fetched from `url`, links made absolute against it.

    feedparser is given the bytes, never a URL: it fetches nothing itself. Items without an
    http(s) link are left out.
    """
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=False)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        problem = parsed.get("bozo_exception")
        raise FeedError(f"{url}: not an RSS or Atom feed ({problem or 'no items'})")
    items = []
    for entry in parsed.entries:
        link = entry.get("link") or (entry.get("id") if _is_http(entry.get("id")) else None)
        if not link:
            continue
        link = urljoin(url, link.strip())
        if not _is_http(link):
            continue
        # dict.get: feedparser maps a missing "updated" to "published", with a warning.
        updated = dict.get(entry, "updated") or dict.get(entry, "published")
        items.append(FeedItem(link=link, title=entry.get("title"), updated=updated))
    return items


def _is_http(value: object) -> bool:
    return isinstance(value, str) and urlsplit(value.strip()).scheme in ("http", "https")
