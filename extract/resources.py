"""Where the data shipped with newsgraph lives: the model, the lexicons, the bundled articles."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

# The data folder sits beside the packages in a checkout (and in an editable install);
# NEWSGRAPH_DATA points elsewhere for installs that keep it apart.
DATA_DIR = Path(os.environ.get("NEWSGRAPH_DATA") or Path(__file__).resolve().parent.parent / "data")
ARTICLES_DIR = DATA_DIR / "articles"
MODEL_DIR = DATA_DIR / "model"
LEXICON_DIR = DATA_DIR / "lexicons"


@cache
def load_lexicon(name: str) -> dict[str, Any]:
    """A JSON table from `data/lexicons/`, without its `_comment` keys."""
    path = LEXICON_DIR / f"{name}.json"
    with path.open(encoding="utf-8") as handle:
        table = json.load(handle)
    if not isinstance(table, dict):
        raise ValueError(f"{path}: expected a JSON object")
    return {key: value for key, value in table.items() if not key.startswith("_")}
