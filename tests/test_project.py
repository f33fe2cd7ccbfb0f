"""Project rules that code review alone would miss: import direction, README and CI in step."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# What each layer may import of the project's own packages.
ALLOWED = {
    "extract": {"extract"},
    "graph": {"graph", "extract"},
    "api": {"api", "graph", "extract"},
}


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _imported_packages(path: Path) -> set[str]:
    """Top-level packages, with the project's layers named by their folder ("graph")."""
    names = set()
    for module in _imported_modules(path):
        parts = module.split(".")
        if parts[0] == "newsgraph" and len(parts) > 1:
            names.add(parts[1])
        else:
            names.add(parts[0])
    return names


def test_everything_imports_the_one_namespace() -> None:
    """No module imports a layer by its folder name: installed, only `newsgraph` exists."""
    offenders = [
        f"{path.relative_to(ROOT)} imports {module}"
        for folder in (*ALLOWED, "tests")
        for path in (ROOT / folder).rglob("*.py")
        for module in _imported_modules(path)
        if module.split(".")[0] in ALLOWED
    ]
    assert offenders == []


def test_data_flows_one_way() -> None:
    violations = []
    for layer, allowed in ALLOWED.items():
        for path in (ROOT / layer).rglob("*.py"):
            for package in _imported_packages(path) & set(ALLOWED):
                if package not in allowed:
                    violations.append(f"{path.relative_to(ROOT)} imports {package}")
    assert violations == []


def test_extract_knows_no_rdf() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "extract").rglob("*.py")
        if _imported_packages(path) & {"rdflib", "pyoxigraph", "oxrdflib", "networkx", "fastapi"}
    ]
    assert offenders == []


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", readme, flags=re.S)
    test_command = next(b.strip() for b in blocks if "pytest" in b)
    ci_lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert test_command in ci_lines
