"""Printing and saving a benchmark's figures the same way for every benchmark."""

from __future__ import annotations

import json
from pathlib import Path


def report(result: dict[str, float], out: Path) -> None:
    """Write the figures as JSON and print them as an aligned table."""
    out.write_text(json.dumps(result, indent=2))
    width = max(len(key) for key in result)
    for key, value in result.items():
        print(f"{key:<{width}}  {value:,.2f}")
