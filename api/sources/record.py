"""The persistent record of what was fetched: the feeds watched, their validators and last
reading, and every item with its outcome, in one SQLite file beside the store.

An item is recorded as found before its page is fetched and as done only after its graph is
in the store, so a process killed in between finds it again on restart and reads it then
(the store's content hash makes a second write of the same article a no-op): nothing is
lost, and nothing enters twice.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    added TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    last_checked TEXT,
    last_status TEXT,
    last_error TEXT,
    items INTEGER NOT NULL DEFAULT 0,
    ingested INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS items (
    link TEXT PRIMARY KEY,
    feed TEXT,
    updated TEXT,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    outcome TEXT,
    article_id TEXT,
    content_hash TEXT,
    text_hash TEXT,
    etag TEXT,
    last_modified TEXT,
    error TEXT,
    first_seen TEXT NOT NULL,
    last_tried TEXT
);
CREATE INDEX IF NOT EXISTS items_state ON items (state);
CREATE INDEX IF NOT EXISTS items_text_hash ON items (text_hash);
"""

# Item states: found and not yet in the store, in the store (or judged a duplicate), or
# given up on after too many failed attempts.
PENDING, DONE, FAILED = "pending", "done", "failed"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class FeedState:
    url: str
    added: str
    etag: str | None
    last_modified: str | None
    last_checked: str | None
    last_status: str | None
    last_error: str | None
    items: int
    ingested: int

    def to_json(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "added": self.added,
            "last_checked": self.last_checked,
            "last_status": self.last_status,
            "last_error": self.last_error,
            "items": self.items,
            "ingested": self.ingested,
        }


@dataclass(frozen=True)
class Item:
    link: str
    feed: str | None
    updated: str | None
    state: str
    attempts: int
    outcome: str | None
    article_id: str | None
    etag: str | None
    last_modified: str | None


class FetchRecord:
    """The record in one SQLite file; usable from several threads (one connection, locked)
    and by one process at a time, as the store is."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        # Each commit reaches the disk before the next step: what is recorded survives a kill.
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(_SCHEMA)
        self._lock = threading.RLock()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    # Feeds

    def add_feed(self, url: str) -> bool:
        """Watch `url`; False when it was watched already."""
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT OR IGNORE INTO feeds (url, added) VALUES (?, ?)", (url, now())
            )
            return cursor.rowcount > 0

    def remove_feed(self, url: str) -> bool:
        with self._transaction() as db:
            return db.execute("DELETE FROM feeds WHERE url = ?", (url,)).rowcount > 0

    def feeds(self) -> list[FeedState]:
        with self._lock:
            rows = self._db.execute("SELECT * FROM feeds ORDER BY added, url").fetchall()
        return [FeedState(**dict(row)) for row in rows]

    def feed(self, url: str) -> FeedState | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM feeds WHERE url = ?", (url,)).fetchone()
        return FeedState(**dict(row)) if row else None

    def feed_read(
        self,
        url: str,
        status: str,
        *,
        error: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> None:
        """Note a reading of the feed; validators are kept unless new ones are given."""
        with self._transaction() as db:
            db.execute(
                "UPDATE feeds SET last_checked = ?, last_status = ?, last_error = ?,"
                " etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified)"
                " WHERE url = ?",
                (now(), status, error, etag, last_modified, url),
            )

    # Items

    def found(self, items: list[tuple[str, str | None, str | None]]) -> int:
        """Record (link, feed, updated) items seen in a feed: new ones, and known ones whose
        `updated` changed, become pending. Returns how many became pending."""
        pending = 0
        with self._transaction() as db:
            for link, feed, updated in items:
                row = db.execute("SELECT updated FROM items WHERE link = ?", (link,)).fetchone()
                if row is None:
                    db.execute(
                        "INSERT INTO items (link, feed, updated, state, first_seen)"
                        " VALUES (?, ?, ?, ?, ?)",
                        (link, feed, updated, PENDING, now()),
                    )
                    if feed is not None:
                        db.execute("UPDATE feeds SET items = items + 1 WHERE url = ?", (feed,))
                    pending += 1
                elif updated and row["updated"] != updated:
                    db.execute(
                        "UPDATE items SET updated = ?, state = ?, attempts = 0 WHERE link = ?",
                        (updated, PENDING, link),
                    )
                    pending += 1
        return pending

    def pending(self, feed: str | None = None, max_attempts: int = 3) -> list[Item]:
        query = "SELECT * FROM items WHERE state = ? AND attempts < ?"
        params: list[Any] = [PENDING, max_attempts]
        if feed is not None:
            query += " AND feed = ?"
            params.append(feed)
        with self._lock:
            rows = self._db.execute(query + " ORDER BY rowid", params).fetchall()
        return [_item(row) for row in rows]

    def item(self, link: str) -> Item | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM items WHERE link = ?", (link,)).fetchone()
        return _item(row) if row else None

    def duplicate_of(self, text_hash: str, article_id: str) -> str | None:
        """The id of another article already done with the same text, if any."""
        with self._lock:
            row = self._db.execute(
                "SELECT article_id FROM items WHERE text_hash = ? AND state = ?"
                " AND article_id IS NOT NULL AND article_id != ? LIMIT 1",
                (text_hash, DONE, article_id),
            ).fetchone()
        return str(row["article_id"]) if row else None

    def done(
        self,
        link: str,
        outcome: str,
        *,
        article_id: str | None = None,
        content_hash: str | None = None,
        text_hash: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO items (link, state, first_seen) VALUES (?, ?, ?)",
                (link, PENDING, now()),
            )
            db.execute(
                "UPDATE items SET state = ?, outcome = ?, error = NULL, last_tried = ?,"
                " attempts = attempts + 1,"
                " article_id = COALESCE(?, article_id), content_hash = COALESCE(?, content_hash),"
                " text_hash = COALESCE(?, text_hash), etag = COALESCE(?, etag),"
                " last_modified = COALESCE(?, last_modified) WHERE link = ?",
                (DONE, outcome, now(), article_id, content_hash, text_hash, etag,
                 last_modified, link),
            )  # fmt: skip
            if outcome in ("added", "replaced"):
                db.execute(
                    "UPDATE feeds SET ingested = ingested + 1"
                    " WHERE url = (SELECT feed FROM items WHERE link = ?)",
                    (link,),
                )

    def failed(self, link: str, error: str, max_attempts: int = 3) -> None:
        """Note a failed attempt; past `max_attempts` the item is given up on."""
        with self._transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO items (link, state, first_seen) VALUES (?, ?, ?)",
                (link, PENDING, now()),
            )
            db.execute(
                "UPDATE items SET attempts = attempts + 1, error = ?, last_tried = ?,"
                " state = CASE WHEN attempts + 1 >= ? THEN ? ELSE state END WHERE link = ?",
                (error, now(), max_attempts, FAILED, link),
            )

    def counts(self) -> dict[str, int]:
        with self._lock:
            rows = self._db.execute("SELECT state, COUNT(*) AS n FROM items GROUP BY state")
            return {str(row["state"]): int(row["n"]) for row in rows}


def _item(row: sqlite3.Row) -> Item:
    return Item(
        link=row["link"],
        feed=row["feed"],
        updated=row["updated"],
        state=row["state"],
        attempts=row["attempts"],
        outcome=row["outcome"],
        article_id=row["article_id"],
        etag=row["etag"],
        last_modified=row["last_modified"],
    )
