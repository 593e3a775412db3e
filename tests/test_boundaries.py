"""The architecture's import rules, checked by walking every module's imports (not by convention).

Domain code stays free of web, XML, database, HTTP-client and simulation libraries so the SimPy fast mode
and the tests can run the same services with other ports; `bods` is shared by both servers and imports
neither; `mock_dom` is stand-alone and imports nothing from `harness`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
INFRASTRUCTURE = ("flask", "werkzeug", "lxml", "sqlalchemy", "httpx", "simpy", "gunicorn", "xmlschema")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def python_files(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def offenders(package: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in python_files(package):
        for name in imported_modules(path):
            if name.split(".")[0] in forbidden or any(name.startswith(f + ".") for f in forbidden):
                found.append(f"{path.relative_to(ROOT)} imports {name}")
    return found


@pytest.mark.parametrize("package", ["mock_dom/domain", "harness/commerce/domain"])
def test_domain_code_imports_no_infrastructure(package: str) -> None:
    assert python_files(package), f"{package} has no modules: the rule would pass vacuously"
    assert offenders(package, INFRASTRUCTURE) == []


def test_bods_imports_no_server_code() -> None:
    assert offenders("bods", ("flask", "werkzeug", "sqlalchemy", "mock_dom", "harness", "storefront_sim")) == []


def test_mock_dom_imports_nothing_from_harness() -> None:
    assert offenders("mock_dom", ("harness", "storefront_sim")) == []


def test_the_walker_sees_imports(tmp_path: Path) -> None:
    sample = tmp_path / "m.py"
    sample.write_text("import flask\nfrom sqlalchemy.orm import Session\nfrom . import sibling\n")
    assert imported_modules(sample) == {"flask", "sqlalchemy.orm"}
