"""Where the data shipped with newsgraph lives: the model, the lexicons, the bundled articles."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

# The data is package data of `newsgraph`: `newsgraph/data` beside `newsgraph/extract`, wherever
# the package was imported from. Installed from a wheel that is site-packages/newsgraph/data; in
# a checkout (and an editable install) it is the link newsgraph/data -> ../data. The path is
# taken from this module's own location, never from the working directory. NEWSGRAPH_DATA points
# elsewhere for installs that keep the data apart.
_PACKAGE_DATA_DIR = (Path(__file__).absolute().parent.parent / "data").resolve()
DATA_DIR = (
    Path(os.environ["NEWSGRAPH_DATA"]).expanduser().absolute()
    if os.environ.get("NEWSGRAPH_DATA")
    else _PACKAGE_DATA_DIR
)
ARTICLES_DIR = DATA_DIR / "articles"
MODEL_DIR = DATA_DIR / "model"
LEXICON_DIR = DATA_DIR / "lexicons"


@cache
def load_lexicon(name: str) -> dict[str, Any]:
    """A JSON table from `data/lexicons/`, without its `_comment` keys."""
    path = LEXICON_DIR / f"{name}.json"
    try:
        with path.open(encoding="utf-8") as handle:
            table = json.load(handle)
    except FileNotFoundError:
        raise FileNotFoundError(
            f"{path}: no such lexicon; the data folder {DATA_DIR} is incomplete "
            "(set NEWSGRAPH_DATA to a complete copy of newsgraph's data/, or reinstall newsgraph)"
        ) from None
    if not isinstance(table, dict):
        raise ValueError(f"{path}: expected a JSON object")
    return {key: value for key, value in table.items() if not key.startswith("_")}
