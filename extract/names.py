"""Normalized names and resolution keys: how two spellings of one entity come to match."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
# A possessive ending a name; not a quote mark that is all there is ("''"), so a second
# cleaning changes nothing.
_POSSESSIVE = re.compile(r"(?<=[^'])(?:'s|')$", re.IGNORECASE)
_LEADING_ARTICLE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
# Names repeat within an article and across articles: each spelling is worked out once.
_CACHED_NAMES = 1 << 16


@lru_cache(maxsize=_CACHED_NAMES)
def clean_name(text: str) -> str:
    """The surface name with typographic noise removed, case kept: what a reader would write."""
    name = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    name = _SPACES.sub(" ", name).strip()
    name = _POSSESSIVE.sub("", name).strip()
    return _LEADING_ARTICLE.sub("", name)


@lru_cache(maxsize=_CACHED_NAMES)
def normalize_name(text: str) -> str:
    """A case- and accent-insensitive form of a name, for comparing mentions."""
    folded = unicodedata.normalize("NFKD", clean_name(text).casefold())
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def name_slug(text: str) -> str:
    """An ASCII slug of a name, for resolution keys and IRIs."""
    ascii_name = normalize_name(text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")
    return slug or "unnamed"


def resolution_key(entity_type: str, name: str) -> str:
    """Type plus normalized name: never merges a person with a place of the same name."""
    return f"{entity_type}/{name_slug(name)}"
