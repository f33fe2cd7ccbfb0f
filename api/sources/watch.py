"""Reading feeds and article URLs into the store, once (`newsgraph ingest URL…`, `--feed`) or
kept current (`newsgraph watch`): fetch, read the page's article, skip what is known, ingest.

Every item found in a feed is recorded before its page is fetched and marked done only once
its graph is in the store (`newsgraph.api.sources.record`); a restart reads the pending ones.
Duplicates do not enter twice: one canonical URL is one article id (a changed page replaces
its graph, an unchanged one is skipped before extraction), and a text already stored under
another URL is recorded as a duplicate of it.

    python -m newsgraph.api.sources.watch FEEDS_FILE --store DIR --interval 900
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import os
import re
import signal
import sys
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import FrameType

from spacy.language import Language

from newsgraph.api.settings import Settings, SettingsError, open_store
from newsgraph.api.sources.feeds import FeedError, parse_feed
from newsgraph.api.sources.fetch import Fetcher, FetchError, FetchPolicy
from newsgraph.api.sources.record import FetchRecord, Item
from newsgraph.extract.article import Article, ArticleError, article_from_page
from newsgraph.extract.html_text import MarkupRefused
from newsgraph.extract.page import PageReader, decode_page
from newsgraph.extract.pipeline import load_pipeline
from newsgraph.graph.ingest import IngestOptions, IngestResult, IngestStatus, ingest
from newsgraph.graph.store import GraphStore, StoreError
from newsgraph.graph.vocab import IRIs

log = logging.getLogger("newsgraph.sources")

_HTML_TYPES = ("text/html", "application/xhtml+xml")
Report = Callable[[str, str], None]


@dataclass(frozen=True)
class SourceOptions:
    """How sources are read: the fetch policy, where the record lives, the polling interval."""

    policy: FetchPolicy = field(default_factory=FetchPolicy)
    record_path: Path | None = None
    interval_seconds: float = 900.0
    # Wall-clock limit on reading one page's article (in a child process).
    page_seconds: float = 20.0
    max_attempts: int = 3
    # Feeds the service watches from its start, beside those added by POST /feeds.
    feeds: tuple[str, ...] = ()

    @classmethod
    def from_env(cls, **overrides: object) -> SourceOptions:
        """Options from `NEWSGRAPH_FEEDS` (comma-separated feed URLs), `NEWSGRAPH_FEED_INTERVAL`
        (seconds), `NEWSGRAPH_FETCH_RECORD` (a file) and `NEWSGRAPH_FETCH_ALLOW_PRIVATE` (1 to
        allow loopback and private addresses), then explicit overrides (None: not given)."""
        env = os.environ
        options = cls(
            policy=FetchPolicy(
                allow_private_addresses=env.get("NEWSGRAPH_FETCH_ALLOW_PRIVATE", "") == "1"
            ),
            record_path=Path(env["NEWSGRAPH_FETCH_RECORD"])
            if env.get("NEWSGRAPH_FETCH_RECORD")
            else None,
            interval_seconds=float(env.get("NEWSGRAPH_FEED_INTERVAL", "900")),
            feeds=tuple(
                url.strip() for url in env.get("NEWSGRAPH_FEEDS", "").split(",") if url.strip()
            ),
        )
        given = {key: value for key, value in overrides.items() if value is not None}
        return replace(options, **given)  # type: ignore[arg-type]


def default_record_path(settings: Settings) -> Path:
    """The record beside the store folder: `STORE.fetch.sqlite`."""
    store = settings.store.resolve()
    return store.with_name(store.name + ".fetch.sqlite")


_PATH_MANGLED_URL = re.compile(r"(?i)^(https?):/(?!/)")


def is_url(text: object) -> bool:
    """Whether a command-line input is an http(s) URL (also as `pathlib.Path` mangles one)."""
    return bool(re.match(r"(?i)https?:/", str(text)))


def url_text(given: object) -> str:
    """The URL a command-line input names; `Path("https://a/b")` reads "https:/a/b", and the
    lost slash is put back (pass inputs as strings to keep doubled slashes and a final one)."""
    return _PATH_MANGLED_URL.sub(r"\1://", str(given), count=1)


class StoreWriter:
    """Articles into the store through the ingest use case (`newsgraph.graph.ingest.ingest`),
    one at a time: skipped unextracted when the stored hash is the same."""

    def __init__(self, store: GraphStore, iris: IRIs, nlp_loader: Callable[[], Language]) -> None:
        self.store, self.iris, self.nlp_loader = store, iris, nlp_loader
        self._lock = threading.Lock()

    def write(self, article: Article) -> IngestStatus:
        results: list[IngestResult] = []
        with self._lock:
            report = ingest(
                self.store,
                [article],
                IngestOptions(base_iri=self.iris.base),
                nlp=self.nlp_loader,
                on_result=results.append,
            )
        if report.errors:
            raise ArticleError(report.errors[0].message)
        (result,) = results
        return result.status


class Watcher:
    """Reads feeds and pages into the store through the record; one reading at a time."""

    def __init__(
        self,
        record: FetchRecord,
        fetcher: Fetcher,
        pages: PageReader,
        writer: StoreWriter,
        report: Report | None = None,
        max_attempts: int = 3,
    ) -> None:
        self.record, self.fetcher, self.pages, self.writer = record, fetcher, pages, writer
        self.report = report or (lambda event, detail: log.info("%s %s", event, detail))
        self.max_attempts = max_attempts
        self._reading = threading.Lock()

    def poll(self, feeds: Sequence[str] | None = None) -> Counter[str]:
        """Read each feed (all watched ones by default), then every pending item: the new
        ones, and those a killed run left. Returns the outcomes by name."""
        outcomes: Counter[str] = Counter()
        with self._reading:
            for url in feeds if feeds is not None else [f.url for f in self.record.feeds()]:
                outcomes[self.read_feed(url)] += 1
            for item in self.record.pending(max_attempts=self.max_attempts):
                outcomes[self.read_item(item)] += 1
        return outcomes

    def read_urls(self, urls: Sequence[str]) -> Counter[str]:
        """Read article pages given by URL (recorded as items of no feed)."""
        outcomes: Counter[str] = Counter()
        with self._reading:
            self.record.found([(url, None, None) for url in urls])
            for url in urls:
                item = self.record.item(url)
                if item is not None:
                    outcomes[self.read_item(item, force=True)] += 1
        return outcomes

    def read_feed(self, url: str) -> str:
        """Fetch one feed (conditionally) and record its items; returns the feed's status."""
        self.record.add_feed(url)
        state = self.record.feed(url)
        try:
            fetched = self.fetcher.fetch(
                url,
                etag=state.etag if state else None,
                last_modified=state.last_modified if state else None,
            )
            if fetched.not_modified:
                self.record.feed_read(url, "not-modified")
                self.report("feed-not-modified", url)
                return "feed-not-modified"
            items = parse_feed(fetched.body, fetched.url, fetched.content_type)
        except (FetchError, FeedError) as error:
            self.record.feed_read(url, "error", error=str(error))
            self.report("error", str(error))
            return "feed-error"
        # The items first, the validators after: a kill in between re-reads the whole feed.
        new = self.record.found([(item.link, url, item.updated) for item in items])
        self.record.feed_read(url, "ok", etag=fetched.etag, last_modified=fetched.last_modified)
        self.report("feed", f"{url}: {len(items)} items, {new} new or updated")
        return "feed-read"

    def read_item(self, item: Item, *, force: bool = False) -> str:
        """Fetch, read and ingest one item's page; returns its outcome."""
        try:
            fetched = self.fetcher.fetch(
                item.link,
                etag=None if force else item.etag,
                last_modified=None if force else item.last_modified,
            )
            if fetched.not_modified:
                self.record.done(item.link, "not-modified")
                self.report("not-modified", item.link)
                return "not-modified"
            media = (fetched.content_type or "text/html").split(";")[0].strip().lower()
            if media not in _HTML_TYPES:
                raise FetchError(f"{fetched.url}: not an HTML page ({media})")
            page = self.pages.read(decode_page(fetched.body, fetched.content_type), fetched.url)
            article = article_from_page(page, item.link, fetched_url=fetched.url)
            text_hash = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
            original = self.record.duplicate_of(text_hash, article.id)
            if original is not None:
                self.record.done(item.link, "duplicate", article_id=original, text_hash=text_hash)
                self.report("duplicate", f"{item.link} (the text of {original})")
                return "duplicate"
            status = self.writer.write(article).value
            self.record.done(
                item.link,
                status,
                article_id=article.id,
                content_hash=article.content_hash,
                text_hash=text_hash,
                etag=fetched.etag,
                last_modified=fetched.last_modified,
            )
            self.report(status, article.id)
            return status
        except (FetchError, MarkupRefused, ArticleError, StoreError) as error:
            message = str(error) if str(error).startswith(item.link) else f"{item.link}: {error}"
            self.record.failed(item.link, message, self.max_attempts)
            self.report("error", message)
            return "error"

    def run(
        self,
        interval: float,
        stop: threading.Event,
        feeds: Sequence[str] | None = None,
        wake: threading.Event | None = None,
    ) -> None:
        """Poll until `stop` is set, every `interval` seconds or when `wake` is set."""
        wake = wake or threading.Event()
        while not stop.is_set():
            try:
                self.poll(feeds)
            except Exception:  # one bad reading must not end the watch
                log.exception("reading the feeds failed")
            wake.wait(interval)
            wake.clear()


@dataclass
class Sources:
    """A watcher with everything it holds open; `close` closes them all but the store."""

    watcher: Watcher
    record: FetchRecord
    fetcher: Fetcher
    pages: PageReader

    def close(self) -> None:
        self.pages.close()
        self.fetcher.close()
        self.record.close()


def open_sources(
    settings: Settings,
    store: GraphStore,
    options: SourceOptions,
    nlp_loader: Callable[[], Language],
    report: Report | None = None,
) -> Sources:
    record = FetchRecord(options.record_path or default_record_path(settings))
    fetcher = Fetcher(options.policy)
    pages = PageReader(options.page_seconds)
    writer = StoreWriter(store, IRIs(settings.base_iri), nlp_loader)
    watcher = Watcher(record, fetcher, pages, writer, report, options.max_attempts)
    return Sources(watcher, record, fetcher, pages)


# The command line: `newsgraph ingest URL… --feed FEED_URL…` and `newsgraph watch`.


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text} is not positive")
    return value


def add_fetch_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of fetching, shared by `ingest` (for URLs and feeds) and `watch`."""
    group = parser.add_argument_group("fetching pages and feeds")
    group.add_argument(
        "--allow-private-addresses",
        action="store_true",
        help="let URLs reach loopback, private and link-local addresses (refused by default)",
    )
    group.add_argument(
        "--fetch-record",
        type=Path,
        metavar="FILE",
        help="the record of what was fetched (default: STORE.fetch.sqlite beside the store)",
    )
    group.add_argument(
        "--per-host-seconds",
        type=float,
        default=1.0,
        metavar="SECONDS",
        help="least time between requests to one host (default 1; robots.txt may ask more)",
    )
    group.add_argument(
        "--fetch-timeout",
        type=_positive,
        default=20.0,
        metavar="SECONDS",
        help="time limit on a response's connection and on each read (default 20)",
    )
    group.add_argument(
        "--max-page-bytes",
        type=int,
        default=10 * 1024 * 1024,
        metavar="BYTES",
        help="largest page or feed fetched (default 10 MiB)",
    )
    group.add_argument(
        "--retries", type=int, default=2, help="retries of a failed request (default 2)"
    )


def add_source_arguments(parser: argparse.ArgumentParser) -> None:
    """`ingest`'s options for the web: `--feed` and the fetch options."""
    parser.add_argument(
        "--feed",
        action="append",
        default=[],
        metavar="FEED_URL",
        help="an RSS or Atom feed whose new items are ingested (repeatable)",
    )
    add_fetch_arguments(parser)


def options_from_args(args: argparse.Namespace) -> SourceOptions:
    policy = FetchPolicy(
        allow_private_addresses=args.allow_private_addresses,
        per_host_seconds=max(args.per_host_seconds, 0.0),
        connect_timeout=args.fetch_timeout,
        read_timeout=args.fetch_timeout,
        total_seconds=max(3 * args.fetch_timeout, 1.0),
        max_bytes=args.max_page_bytes,
        retries=max(args.retries, 0),
    )
    return SourceOptions.from_env(
        policy=policy,
        record_path=args.fetch_record,
        interval_seconds=getattr(args, "interval", None),
    )


def _stdout(line: str) -> None:
    print(line, flush=True)


def _stderr(line: str) -> None:
    print(f"newsgraph: {line}", file=sys.stderr, flush=True)


def _reporter() -> Report:
    def report(event: str, detail: str) -> None:
        (_stderr if event == "error" else _stdout)(f"{event} {detail}")

    return report


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(store=getattr(args, "store", None), model=getattr(args, "model", None))


def cmd_ingest_web(args: argparse.Namespace) -> int:
    """`newsgraph ingest URL… [--feed FEED_URL…]`: each page's article, each feed's new
    items; prints a line per item and a summary. Exit status 1 when anything failed."""
    urls = [url_text(p) for p in args.paths if is_url(p)]
    local = [str(p) for p in args.paths if not is_url(p)]
    if local:
        print(
            f"newsgraph: give files and URLs in separate runs (files here: {', '.join(local)})",
            file=sys.stderr,
        )
        return 2
    try:
        settings = _settings(args)
        options = options_from_args(args)
        store = open_store(settings)
    except (SettingsError, StoreError) as error:
        print(f"newsgraph: {error}", file=sys.stderr)
        return 1
    nlp: list[Language] = []

    def nlp_loader() -> Language:
        if not nlp:
            nlp.append(load_pipeline(settings.model))
        return nlp[0]

    sources = open_sources(settings, store, options, nlp_loader, _reporter())
    try:
        outcomes = sources.watcher.read_urls(urls) if urls else Counter[str]()
        if args.feed:
            outcomes += sources.watcher.poll(args.feed)
    finally:
        sources.close()
        store.close()
    print(_summary(outcomes, settings))
    return 1 if outcomes["error"] or outcomes["feed-error"] else 0


def _summary(outcomes: Counter[str], settings: Settings) -> str:
    names = ("added", "replaced", "unchanged", "duplicate", "not-modified", "error")
    parts = [f"{outcomes[name]} {name}" for name in names]
    return ", ".join(parts) + f" (store: {settings.store})"


def add_watch_parser(verbs: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The `watch` verb, on the `newsgraph` command's subparsers."""
    watch = verbs.add_parser(
        "watch",
        help="poll feeds at an interval and ingest their new items",
        description="Poll RSS and Atom feeds and ingest each new item once; what was read is "
        "recorded, so a restart neither reads an item again nor misses one.",
    )
    _watch_arguments(watch)
    watch.set_defaults(run=run_watch)


def _watch_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "feeds_file",
        nargs="?",
        type=Path,
        metavar="FEEDS_FILE",
        help="feed URLs, one a line (# comments); without it, the feeds already recorded",
    )
    parser.add_argument("--store", help="store folder (default: NEWSGRAPH_STORE or per-user)")
    parser.add_argument("--model", help="spaCy pipeline name or path (default: the shipped model)")
    parser.add_argument(
        "--interval",
        type=_positive,
        default=900.0,
        metavar="SECONDS",
        help="seconds between readings of the feeds (default 900)",
    )
    parser.add_argument("--once", action="store_true", help="read the feeds once and stop")
    add_fetch_arguments(parser)


def read_feeds_file(path: Path) -> list[str]:
    feeds = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        if not is_url(text):
            raise ValueError(f"{path}:{number}: not an http(s) URL: {text!r}")
        feeds.append(text)
    return feeds


def run_watch(args: argparse.Namespace) -> int:
    """`newsgraph watch [FEEDS_FILE] --interval SECONDS`: poll until stopped (SIGTERM or
    Ctrl-C end it after the item being read)."""
    try:
        settings = _settings(args)
        options = options_from_args(args)
        feeds = read_feeds_file(args.feeds_file) if args.feeds_file else None
        store = open_store(settings)
    except (OSError, ValueError, SettingsError, StoreError) as error:
        print(f"newsgraph: {error}", file=sys.stderr)
        return 1
    nlp = load_pipeline(settings.model)
    sources = open_sources(settings, store, options, lambda: nlp, _reporter())
    stop = threading.Event()

    def stop_on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()
        wake.set()

    wake = threading.Event()
    previous = signal.signal(signal.SIGTERM, stop_on_signal)
    try:
        if args.once:
            outcomes = sources.watcher.poll(feeds)
            print(_summary(outcomes, settings), flush=True)
        else:
            sources.watcher.run(options.interval_seconds, stop, feeds, wake)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        sources.close()
        store.close()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m newsgraph.api.sources.watch",
        description="Poll feeds at an interval and ingest their new items (newsgraph watch).",
    )
    _watch_arguments(parser)
    return run_watch(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
