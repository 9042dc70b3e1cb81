"""The layers of pyproject.toml's import contracts (cli > app > screens > widgets >
core | storage > domain): kept by the code, and broken by each kind of import they
exist to stop, so a contract that silently matches nothing cannot pass."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

CONTRACTS = {
    "layers": "Layers: launch > cli > starting > app > screens > widgets > core | storage > domain",
    "headless": "domain, storage and the core run without Textual, Rich or click",
    "no-sql": "domain and the core hold no database connection",
    "acyclic": "no import cycles between the modules of a package",
}


def lint_imports(package_parent: Path) -> subprocess.CompletedProcess[str]:
    """Run the contracts of this repository's pyproject.toml on the backtui package found
    in `package_parent` (no cache: xdist workers run this side by side)."""
    env = {**os.environ, "PYTHONPATH": str(package_parent), "COLUMNS": "400"}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=package_parent, env=env, capture_output=True, text=True, timeout=120,
    )


def verdicts(output: str) -> dict[str, str]:
    """Contract key -> KEPT or BROKEN, read from lint-imports' summary lines."""
    text = " ".join(output.split())  # the summary wraps long names over lines
    found = {}
    for key, name in CONTRACTS.items():
        verdict = re.search(re.escape(name) + r".*?\b(KEPT|BROKEN)\b", text)
        assert verdict is not None, f"contract {key!r} is not in the report:\n{output}"
        found[key] = verdict.group(1)
    return found


def copy_package(tmp_path: Path) -> Path:
    target = tmp_path / "backtui"
    shutil.copytree(ROOT / "backtui", target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def add_import(module: Path, line: str) -> None:
    module.write_text(module.read_text() + f"\n{line}\n")


def test_the_code_keeps_every_contract() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert set(verdicts(result.stdout).values()) == {"KEPT"}


def test_each_contract_breaks_on_the_import_it_forbids(tmp_path: Path) -> None:
    package = copy_package(tmp_path)
    (package / "core" / "stray.py").write_text("import textual\nimport sqlite3\nimport backtui.storage.store\n")
    add_import(package / "domain" / "units.py", "import backtui.storage.store")  # upwards
    add_import(package / "storage" / "version.py", "import backtui.core.stray")  # core and storage are independent
    (package / "helpers.py").write_text("")  # a top-level module in no layer
    add_import(package / "domain" / "plates.py", "import rich.text")
    (package / "domain" / "cycle_a.py").write_text("import backtui.domain.cycle_b\n")
    (package / "domain" / "cycle_b.py").write_text("import backtui.domain.cycle_a\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert verdicts(result.stdout) == dict.fromkeys(CONTRACTS, "BROKEN"), result.stdout
    report = " ".join(result.stdout.split())
    for expected in (
        "backtui.domain is not allowed to import backtui.storage",
        "backtui.core is not allowed to import backtui.storage",
        "backtui.storage is not allowed to import backtui.core",
        "not listed as layers: - backtui.helpers",  # the contract is exhaustive
        "backtui.domain.plates -> rich",
        "backtui.core.stray -> textual",
        "backtui.core.stray -> sqlite3",
        "No cycles are allowed in backtui.domain.",
    ):
        assert expected in report, f"{expected!r} not in:\n{report}"
