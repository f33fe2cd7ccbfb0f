"""All runtime settings in one object, read from arguments and `NEWSGRAPH_*` variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from platformdirs import user_data_dir

from newsgraph.graph.ingest import IngestOptions
from newsgraph.graph.store import GraphStore, OxigraphStore, StoreError
from newsgraph.graph.vocab import DEFAULT_BASE_IRI, IRIs


class SettingsError(ValueError):
    """A setting with a value it cannot take; the message names it."""


def _int_env(name: str, default: int, minimum: int = 1) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a whole number") from None
    if value < minimum:
        raise SettingsError(f"{name}={value} is below the least allowed, {minimum}")
    return value


def default_store_path() -> Path:
    return Path(user_data_dir("newsgraph", appauthor=False)) / "store"


@dataclass(frozen=True)
class Settings:
    store: Path
    base_iri: str = DEFAULT_BASE_IRI
    model: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    batch_size: int = 16
    max_article_bytes: int = 10 * 1024 * 1024
    # Request limits: a body carries at most a few articles; URLs carry queries.
    max_body_bytes: int = 32 * 1024 * 1024
    max_url_length: int = 8 * 1024
    # The HTTP parser reads request heads (request line and headers) up to this size, so that
    # a URL over `max_url_length` is read whole and answered 414 rather than cut off with the
    # connection; a head over it gets the parser's 400 and a closed connection.
    max_head_bytes: int = 1024 * 1024
    max_dataset_graphs: int = 64
    # SPARQL results over this many rows (or triples) are refused whole, never cut.
    max_rows: int = 100_000
    # Answers to repeated reads kept in memory per worker until the store changes, at most
    # this many bytes (0: none). Off for a remote SPARQL server, which others may write.
    cache_bytes: int = 64 * 1024 * 1024
    # Origins allowed to call the service from a browser page; none by default (no CORS).
    cors_origins: tuple[str, ...] = ()
    # A remote SPARQL 1.1 server instead of the embedded store, when both URLs are set.
    sparql_query_url: str | None = None
    sparql_update_url: str | None = None
    sparql_user: str | None = None
    sparql_password: str | None = None

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Settings from the environment, then explicit overrides (None means not given)."""
        env = os.environ
        token = env.get("NEWSGRAPH_TOKEN")
        token_file = env.get("NEWSGRAPH_TOKEN_FILE")
        if not token and token_file:
            try:
                token = Path(token_file).read_text(encoding="utf-8").strip() or None
            except (OSError, UnicodeDecodeError) as error:
                raise SettingsError(
                    f"NEWSGRAPH_TOKEN_FILE: cannot read {token_file}: {error}"
                ) from None
        settings = cls(
            store=Path(env["NEWSGRAPH_STORE"])
            if env.get("NEWSGRAPH_STORE")
            else default_store_path(),
            base_iri=env.get("NEWSGRAPH_BASE_IRI", DEFAULT_BASE_IRI),
            model=env.get("NEWSGRAPH_MODEL") or None,
            host=env.get("NEWSGRAPH_HOST", "127.0.0.1"),
            port=_int_env("NEWSGRAPH_PORT", 8000, minimum=0),
            token=token,
            batch_size=_int_env("NEWSGRAPH_BATCH_SIZE", 16),
            max_rows=_int_env("NEWSGRAPH_MAX_ROWS", 100_000),
            cache_bytes=_int_env("NEWSGRAPH_CACHE_BYTES", 64 * 1024 * 1024, minimum=0),
            cors_origins=tuple(
                origin.strip()
                for origin in env.get("NEWSGRAPH_CORS_ORIGINS", "").split(",")
                if origin.strip()
            ),
            sparql_query_url=env.get("NEWSGRAPH_SPARQL_QUERY_URL") or None,
            sparql_update_url=env.get("NEWSGRAPH_SPARQL_UPDATE_URL") or None,
            sparql_user=env.get("NEWSGRAPH_SPARQL_USER") or None,
            sparql_password=env.get("NEWSGRAPH_SPARQL_PASSWORD") or None,
        )
        given = {key: value for key, value in overrides.items() if value is not None}
        if "store" in given:
            given["store"] = Path(str(given["store"]))
        return replace(settings, **given)  # type: ignore[arg-type]

    @property
    def remote(self) -> bool:
        """Whether the store is a remote SPARQL server (which other clients may write)."""
        return bool(self.sparql_query_url or self.sparql_update_url)

    def ingest_options(self, *, workers: int = 1, dask: str | None = None) -> IngestOptions:
        """What ingest takes of these settings, with where extraction runs."""
        return IngestOptions(
            base_iri=self.base_iri,
            model=self.model,
            batch_size=self.batch_size,
            workers=workers,
            dask=dask,
        )


def open_store(settings: Settings, *, read_only: bool = False) -> GraphStore:
    """The configured store: a remote SPARQL server when its URLs are set, else embedded Oxigraph."""
    if settings.remote:
        if not (settings.sparql_query_url and settings.sparql_update_url):
            raise StoreError(
                "a remote store needs both NEWSGRAPH_SPARQL_QUERY_URL and NEWSGRAPH_SPARQL_UPDATE_URL"
            )
        import httpx

        from newsgraph.graph.remote import RemoteSparqlStore

        auth = (
            httpx.DigestAuth(settings.sparql_user, settings.sparql_password or "")
            if settings.sparql_user
            else None
        )
        return RemoteSparqlStore(
            settings.sparql_query_url,
            settings.sparql_update_url,
            auth=auth,
            graph_prefix=IRIs(settings.base_iri).graph(""),
        )
    if read_only and not (settings.store / "CURRENT").exists():
        # A read-only open of a store that was never written would fail; make it first.
        OxigraphStore(settings.store).close()
    return OxigraphStore(settings.store, read_only=read_only)
