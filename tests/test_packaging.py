"""The wheel: one top-level package, `newsgraph`, with everything it reads at run time inside.

The wheel is built once per module from a copy of the working tree (tracked and untracked files,
not ignored ones, so no stale `build/` leaks in), without build isolation and so without the
network; `.ci/wheel_smoke.sh` installs it with its dependencies in a fresh environment.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path, PurePosixPath

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = "000_4c15246a69764410"
IGNORED = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis",
    ".training", "store",
)  # fmt: skip


def _copy_working_tree(dest: Path) -> None:
    """The files `pip wheel .` would see in a clean checkout of the working tree."""
    try:
        listing = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout.decode()
    except (OSError, subprocess.CalledProcessError):  # not a git checkout
        shutil.copytree(ROOT, dest, symlinks=True, ignore=IGNORED)
        return
    for name in sorted(set(filter(None, listing.split("\0")))):
        source = ROOT / name
        if not os.path.lexists(source):  # deleted in the working tree, not yet committed
            continue
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            target.symlink_to(os.readlink(source))
        else:
            shutil.copy2(source, target)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "src"
    _copy_working_tree(source)
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    done = subprocess.run(
        [*command, "--no-cache-dir", "-q", "-w", str(work / "dist"), str(source)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, (
        "pip wheel failed (the build needs setuptools>=77 here: pip install -e '.[test]'):\n"
        + done.stdout
        + done.stderr
    )
    (built,) = (work / "dist").glob("newsgraph-*.whl")
    return built


@pytest.fixture(scope="module")
def names(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def test_the_only_top_level_entries_are_the_package_and_its_metadata(
    wheel: Path, names: list[str]
) -> None:
    version = wheel.name.split("-")[1]
    top = {PurePosixPath(name).parts[0] for name in names}
    assert top == {"newsgraph", f"newsgraph-{version}.dist-info"}
    assert "newsgraph/__init__.py" in names
    assert "newsgraph/__main__.py" in names


def test_the_package_data_is_inside(names: list[str]) -> None:
    present = set(names)
    for name in [
        "newsgraph/data/model/meta.json",
        "newsgraph/data/model/config.cfg",
        "newsgraph/data/model/MODEL_CARD.md",
        "newsgraph/data/model/ner/model",
        "newsgraph/data/model/parser/model",
        "newsgraph/data/model/vocab/strings.json",
        f"newsgraph/data/articles/{SEED}.txt",
        "newsgraph/graph/ontology.ttl",
        "newsgraph/graph/shapes.ttl",
        "newsgraph/graph/taxonomy.ttl",
        "newsgraph/extract/training/syntax.cfg",
        "newsgraph/api/templates/base.html",
        "newsgraph/api/static/vendor/cytoscape.min.js",
        "newsgraph/api/static/vendor/cytoscape.LICENSE",
    ]:
        assert name in present, name
    assert any(n.startswith("newsgraph/data/lexicons/") and n.endswith(".json") for n in names)
    assert any(n.startswith("newsgraph/data/gazetteer/") and n.endswith(".tsv") for n in names)


def test_every_file_of_the_layers_is_in_the_wheel(names: list[str]) -> None:
    """Whatever sits in data/, api/, graph/ or extract/ ships (the wheel is the tree, less caches)."""
    present = set(names)
    missing = []
    for layer in ("data", "api", "graph", "extract"):
        for path in (ROOT / layer).rglob("*"):
            relative = path.relative_to(ROOT)
            if path.is_dir() or "__pycache__" in relative.parts or path.suffix == ".pyc":
                continue
            if f"newsgraph/{relative.as_posix()}" not in present:
                missing.append(relative.as_posix())
    assert missing == []
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    assert not [n for n in names if n.startswith("newsgraph/tests/")]


def test_the_metadata_names_the_licences_and_the_command(wheel: Path, names: list[str]) -> None:
    version = wheel.name.split("-")[1]
    info = f"newsgraph-{version}.dist-info"
    assert f"{info}/licenses/LICENSE" in names
    assert f"{info}/licenses/THIRD_PARTY_LICENSES.md" in names
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read(f"{info}/METADATA").decode()
        entry_points = archive.read(f"{info}/entry_points.txt").decode()
        licence = archive.read(f"{info}/licenses/LICENSE").decode()
    assert "License-Expression: Apache-2.0" in metadata
    assert "Apache License" in licence and "Version 2.0, January 2004" in licence
    assert "newsgraph = newsgraph.api.cli:main" in entry_points


def test_the_unpacked_wheel_finds_its_data_and_extracts_away_from_the_checkout(
    wheel: Path, tmp_path: Path
) -> None:
    """The wheel's files as an installer lays them out, run from an unrelated working folder
    with the dependencies of this environment: data, model and lexicons come from the package."""
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSGRAPH_")}
    env["PYTHONPATH"] = str(site)
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, newsgraph, newsgraph.api.cli as cli, newsgraph.extract.resources as r;"
            "print(json.dumps({'package': newsgraph.__file__, 'data': str(r.DATA_DIR),"
            " 'model': str(r.MODEL_DIR), 'articles': str(r.ARTICLES_DIR),"
            " 'train_output': str(cli.build_parser().parse_args("
            "['train', '--corpora', '.']).output)}))",
        ],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    where = json.loads(probe.stdout)
    package = site.resolve() / "newsgraph"
    assert Path(where["package"]).resolve() == package / "__init__.py"
    for key in ("data", "model", "articles", "train_output"):
        assert Path(where[key]).resolve().is_relative_to(package / "data"), (key, where)

    seed = package / "data" / "articles" / f"{SEED}.txt"
    done = subprocess.run(
        [sys.executable, "-m", "newsgraph", "extract", str(seed), "--jsonl"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    extraction = json.loads(done.stdout.splitlines()[0])
    names = {entity["name"] for entity in extraction["entities"]}
    assert {"Lebanon", "Iraq"} <= names
    assert extraction["incidents"]
