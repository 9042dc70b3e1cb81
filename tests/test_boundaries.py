"""The workout core, the domain and storage never import Textual (nor the core Rich)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "backtui"


def test_core_modules_do_not_import_textual_at_runtime():
    modules = sorted(
        "backtui." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts)
        for folder in ("core", "domain", "storage")
        for p in (PACKAGE / folder).rglob("*.py")
    )
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name.removesuffix('.__init__'))\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"Textual or Rich was imported by the core: {result.stdout}"


def test_core_sources_have_no_textual_import_line():
    offenders = []
    for folder in ("core", "domain", "storage"):
        for path in (PACKAGE / folder).rglob("*.py"):
            for line in path.read_text().splitlines():
                stripped = line.strip()
                if stripped.startswith(("import textual", "from textual", "import rich", "from rich")):
                    offenders.append(f"{path.name}: {stripped}")
    assert offenders == []
