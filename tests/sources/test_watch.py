"""The watcher against a local news site: feeds read, each article ingested once, 304s
honoured, slow, oversized and disallowed pages logged and survived, duplicates kept out,
updates replacing graphs; `ingest URL…`/`--feed`; and a SIGKILL mid-run, then a restart."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from spacy.language import Language

from newsgraph.api.cli import main as cli_main
from newsgraph.api.settings import Settings
from newsgraph.api.sources.fetch import FetchPolicy
from newsgraph.api.sources.watch import (
    SourceOptions,
    Sources,
    is_url,
    open_sources,
    url_text,
)
from newsgraph.graph.store import GraphStore, OxigraphStore
from newsgraph.graph.vocab import IRIs, sparql_prologue
from tests.servers import ROOT
from tests.sources.newspages import STORIES
from tests.sources.site import Route, Site, atom, rss, serve

POLICY = FetchPolicy(
    allowed_networks=("127.0.0.1/32",),
    per_host_seconds=0.0,
    retries=0,
    read_timeout=0.5,
    connect_timeout=1.0,
    total_seconds=5.0,
    max_bytes=200_000,
)
DATE = "Tue, 05 Mar 2024 10:00:00 GMT"


@dataclass
class NewsSite:
    site: Site
    base: str

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture
def news() -> Iterator[NewsSite]:
    site = Site()
    with serve(site) as base:
        site.add("/robots.txt", Route(b"User-agent: *\nDisallow: /private/\n", "text/plain"))
        site.story("/world/tripoli", STORIES[0], "modern")
        site.story("/world/port", STORIES[1], "blog")
        site.story("/world/assam", STORIES[2], "live")
        site.add("/go/assam", Route(status=301, location="/world/assam"))
        site.story("/private/cyber", STORIES[3], "modern")
        site.story("/world/slow", STORIES[4], "modern")
        site.routes["/world/slow"].delay = 2.0
        site.add(
            "/world/huge", Route(b"<html><body>" + b"<p>word</p>" * 30_000 + b"</body></html>")
        )
        # The same page under a tracking URL (same canonical URL), and a mirror of another
        # story under its own URL: the first is one article, the second a duplicate text.
        site.story("/world/tripoli?utm_source=atom", STORIES[0], "modern", base + "/world/tripoli")
        site.story("/mirror/port", STORIES[1], "blog")
        site.story("/world/mine", STORIES[5], "table")
        site.add(
            "/feeds/world.rss",
            Route(
                rss(
                    "World",
                    [
                        ("Tripoli", base + "/world/tripoli", DATE),
                        ("Port", "/world/port", DATE),  # relative: resolved against the feed
                        ("Assam", base + "/go/assam", DATE),
                        ("Cyber", base + "/private/cyber", DATE),
                        ("Slow", base + "/world/slow", DATE),
                        ("Huge", base + "/world/huge", DATE),
                        ("Metadata", "http://169.254.169.254/latest/meta-data/", DATE),
                    ],
                ),
                "application/rss+xml",
            ),
        )
        site.add(
            "/feeds/top.atom",
            Route(
                atom(
                    "Top",
                    [
                        (
                            "Tripoli",
                            base + "/world/tripoli?utm_source=atom",
                            "2024-03-05T10:00:00Z",
                        ),
                        ("Port", base + "/mirror/port", "2024-03-05T10:00:00Z"),
                        ("Mine", base + "/world/mine", "2024-03-05T10:00:00Z"),
                    ],
                ),
                "application/atom+xml",
            ),
        )
        yield NewsSite(site, base)


def _sources(
    tmp_path: Path, store: GraphStore, nlp: Language, events: list[tuple[str, str]]
) -> Sources:
    settings = Settings(store=tmp_path / "store")
    options = SourceOptions(policy=POLICY, record_path=tmp_path / "record.sqlite", max_attempts=2)
    return open_sources(settings, store, options, lambda: nlp, lambda e, d: events.append((e, d)))


def _articles(store: GraphStore) -> dict[str, dict[str, str]]:
    rows = store.query(
        sparql_prologue()
        + """SELECT ?id ?headline ?author ?outlet WHERE { ?a a schema:NewsArticle ;
             schema:identifier ?id . OPTIONAL { ?a schema:headline ?headline }
             OPTIONAL { ?a schema:author/schema:name ?author }
             OPTIONAL { ?a schema:publisher/schema:name ?outlet } }"""
    )
    found: dict[str, dict[str, str]] = {}
    for row in rows:  # type: ignore[union-attr]
        values = [None if v is None else v.value for v in row]
        found[values[0]] = {"headline": values[1], "author": values[2], "outlet": values[3]}
    return found


def test_the_watcher_reads_feeds_and_ingests_each_article_once(
    tmp_path: Path, disk_store: OxigraphStore, nlp: Language, news: NewsSite
) -> None:
    events: list[tuple[str, str]] = []
    feeds = [news.url("/feeds/world.rss"), news.url("/feeds/top.atom")]
    sources = _sources(tmp_path, disk_store, nlp, events)
    try:
        first = sources.watcher.poll(feeds)
        stored = _articles(disk_store)
        expected = {
            news.url(p) for p in ("/world/tripoli", "/world/port", "/world/assam", "/world/mine")
        }
        assert set(stored) == expected, events
        assert first["added"] == 4 and first["unchanged"] == 1 and first["duplicate"] == 1
        # Refused by robots.txt, too slow, too large, a link-local address: logged, survived.
        errors = [detail for event, detail in events if event == "error"]
        assert len(errors) == first["error"] == 4, errors
        assert any("robots.txt" in e and "/private/cyber" in e for e in errors)
        assert any("/world/slow" in e and "Timeout" in e for e in errors)
        assert any("/world/huge" in e and "over 200,000" in e for e in errors)
        assert any("169.254.169.254" in e and "link-local" in e for e in errors)
        assert "/private/cyber" not in news.site.paths()
        # The page's metadata is in the graph.
        tripoli = stored[news.url("/world/tripoli")]
        assert tripoli == {
            "headline": STORIES[0].headline,
            "author": "Jane Doe",
            "outlet": "The Daily Example",
        }

        # Read again: the feeds answer 304, nothing is fetched or ingested anew, but the
        # failed items are tried once more (max_attempts=2), then given up on.
        events.clear()
        second = sources.watcher.poll(feeds)
        assert news.site.answered("/feeds/world.rss") == [200, 304]
        assert news.site.answered("/feeds/top.atom") == [200, 304]
        assert second["added"] == second["replaced"] == second["unchanged"] == 0
        assert second["feed-not-modified"] == 2 and second["error"] == 4
        assert news.site.answered("/world/tripoli") == [200]
        third = sources.watcher.poll(feeds)
        assert third["error"] == 0 and sum(third.values()) == 2

        # A new item, and an updated one (its page changed, its date moved): the new one
        # is added, the changed one replaces its graph, nothing else is read.
        site = news.site
        site.story("/world/election", STORIES[4], "live")
        changed = STORIES[0].__class__(
            STORIES[0].slug,
            STORIES[0].headline,
            STORIES[0].byline,
            STORIES[0].published,
            (*STORIES[0].paragraphs, "The army said on Wednesday that calm had returned."),
        )
        site.story("/world/tripoli", changed, "modern")
        later = "Wed, 06 Mar 2024 10:00:00 GMT"
        site.add(
            "/feeds/world.rss",
            Route(
                rss(
                    "World",
                    [
                        ("Tripoli", news.url("/world/tripoli"), later),
                        ("Election", news.url("/world/election"), DATE),
                    ],
                ),
                "application/rss+xml",
            ),
        )
        events.clear()
        fourth = sources.watcher.poll(feeds)
        assert (fourth["added"], fourth["replaced"], fourth["error"]) == (1, 1, 0)
        assert [d for e, d in events if e == "added"] == [news.url("/world/election")]
        text_query = (
            sparql_prologue()
            + f"SELECT ?t WHERE {{ <{IRIs().article(news.url('/world/tripoli'))}> "
            "ng:text/nif:isString ?t }"
        )
        (row,) = list(disk_store.query(text_query))  # type: ignore[arg-type]
        assert "calm had returned" in row[0].value
        assert len(_articles(disk_store)) == 5
        states = sources.record.counts()
        assert states == {"done": 7, "failed": 4}
    finally:
        sources.close()


def _ingest(*argv: str) -> int:
    """`newsgraph ingest ARGV...`, through the command's own parser and dispatch."""
    return cli_main(["ingest", *argv])


def test_ingest_urls_and_feeds_from_the_command_line(
    tmp_path: Path,
    news: NewsSite,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = tmp_path / "store"
    common = [
        "--store",
        str(store),
        "--per-host-seconds",
        "0",
        "--fetch-timeout",
        "0.5",
        "--retries",
        "0",
    ]
    # Without the flag, the local server is out of reach.
    refused = _ingest(news.url("/world/port"), *common)
    assert refused == 1
    assert "loopback" in capsys.readouterr().err
    assert news.site.paths() == []

    args = [
        news.url("/world/port"), "--feed", news.url("/feeds/top.atom"), *common,
        "--allow-private-addresses",
    ]  # fmt: skip
    assert _ingest(*args) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1].startswith("3 added, 0 replaced, 0 unchanged, 1 duplicate")
    assert _ingest(*args) == 0
    again = capsys.readouterr().out.splitlines()[-1]
    # The URL is read again (given by hand); the feed's items are known and not re-read.
    assert again.startswith("0 added, 0 replaced, 1 unchanged, 0 duplicate")
    assert (tmp_path / "store.fetch.sqlite").exists()
    opened = OxigraphStore(store)
    try:
        assert len(_articles(opened)) == 3
    finally:
        opened.close()


def _stat(pid: int) -> tuple[str, int] | None:
    """A process's state and parent, from /proc; None once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return fields[0], int(fields[1])


def _descendants(pid: int) -> set[int]:
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))) is not None:
            parents[int(entry.name)] = stat[1]
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    stat = _stat(pid)
    return stat is not None and stat[0] != "Z"


def _reader(stream: object, lines: queue.Queue[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        lines.put(line.rstrip("\n"))
    lines.put("")


def _watch(tmp_path: Path, feeds_file: Path, *extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [
            sys.executable, "-m", "newsgraph.api.sources.watch", str(feeds_file),
            "--store", str(tmp_path / "store"), "--interval", "0.5",
            "--allow-private-addresses", "--per-host-seconds", "0",
            "--fetch-timeout", "3", "--retries", "0", *extra,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )  # fmt: skip


def test_a_killed_watcher_restarts_without_reading_twice_or_missing(tmp_path: Path) -> None:
    site = Site()
    with serve(site) as base:
        site.add("/robots.txt", Route(b"User-agent: *\nAllow: /\n", "text/plain"))
        links = [site.story(f"/news/{n}", story, "modern") for n, story in enumerate(STORIES)]
        site.add(
            "/feed.rss",
            Route(
                rss("All", [(f"s{n}", link, DATE) for n, link in enumerate(links)]),
                "application/rss+xml",
            ),
        )
        # Slow pages: the kill lands while an item is on its way.
        site.page_delay = 0.4
        feeds_file = tmp_path / "feeds.txt"
        feeds_file.write_text(f"# the test site\n{base}/feed.rss\n", encoding="utf-8")

        first = _watch(tmp_path, feeds_file)
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=_reader, args=(first.stdout, lines), daemon=True).start()
        seen_first: list[str] = []
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            line = lines.get(timeout=180)
            seen_first.append(line)
            if sum(x.startswith("added ") for x in seen_first) == 2 or not line:
                break
        children = _descendants(first.pid)  # the page reader's child among them
        assert children
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
        assert first.returncode == -signal.SIGKILL
        # Nothing of the killed watcher lives on.
        gone_by = time.monotonic() + 15
        while any(_alive(pid) for pid in children) and time.monotonic() < gone_by:
            time.sleep(0.2)
        assert not any(_alive(pid) for pid in children)
        added_first = [x.split(" ", 1)[1] for x in seen_first if x.startswith("added ")]
        assert len(added_first) == 2, seen_first

        second = _watch(tmp_path, feeds_file, "--once")
        out, _ = second.communicate(timeout=300)
        assert second.returncode == 0, out
        added_second = [x.split(" ", 1)[1] for x in out.splitlines() if x.startswith("added ")]

    # Every article once: none of the first run's again, all of the rest now.
    assert Counter(added_first + added_second) == Counter(links)
    store = OxigraphStore(tmp_path / "store")
    try:
        assert set(_articles(store)) == set(links)
    finally:
        store.close()


def test_urls_are_told_from_paths_even_as_path_objects() -> None:
    assert url_text(Path("https://news.example/a?id=1")) == "https://news.example/a?id=1"
    assert url_text("http://news.example/a") == "http://news.example/a"
    assert is_url(Path("https://news.example/a")) and not is_url(Path("data/articles"))
    assert not is_url("file:///etc/passwd")
