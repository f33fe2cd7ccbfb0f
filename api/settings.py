"""All runtime settings in one object, read from arguments and `NEWSGRAPH_*` variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from platformdirs import user_data_dir

from graph.vocab import DEFAULT_BASE_IRI


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

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Settings from the environment, then explicit overrides (None means not given)."""
        env = os.environ
        token = env.get("NEWSGRAPH_TOKEN")
        token_file = env.get("NEWSGRAPH_TOKEN_FILE")
        if not token and token_file:
            token = Path(token_file).read_text(encoding="utf-8").strip() or None
        settings = cls(
            store=Path(env["NEWSGRAPH_STORE"])
            if env.get("NEWSGRAPH_STORE")
            else default_store_path(),
            base_iri=env.get("NEWSGRAPH_BASE_IRI", DEFAULT_BASE_IRI),
            model=env.get("NEWSGRAPH_MODEL") or None,
            host=env.get("NEWSGRAPH_HOST", "127.0.0.1"),
            port=int(env.get("NEWSGRAPH_PORT", "8000")),
            token=token,
        )
        given = {key: value for key, value in overrides.items() if value is not None}
        if "store" in given:
            given["store"] = Path(str(given["store"]))
        return replace(settings, **given)  # type: ignore[arg-type]
