"""Peak memory of `backtui export` at 100,000 sets, in each format (json, csv, backup).

Each export runs in its own process; its peak resident size (ru_maxrss) is printed with
two floors measured in the same run: the interpreter with backtui's command line
imported (what any command costs), and the JSON export built whole in memory, the
way it was written before exports were streamed. Target: under 100 MB. A benchmark,
not a test: nothing is asserted.

    python bench/bench_export_memory.py [SETS]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build_history_db import build  # noqa: E402

SETS = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
TARGET_MB = 100

_EXPORT = """
import resource, sys
from backtui.cli import main
try:
    main(["export", "--format", sys.argv[1], "-o", sys.argv[2], "--db", sys.argv[3], "--profile", "default"])
except SystemExit as done:
    if done.code:
        raise
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
_FLOOR = """
import resource
import backtui.cli, backtui.storage.exports, backtui.domain.exporting, backtui.storage.backup_json
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
_WHOLE = """
import json, resource, sys
from backtui.domain.catalog import load_catalog
from backtui.domain.exporting import json_record
from backtui.storage.db import open_database
from backtui.storage.exports import export_rows
from backtui.storage.store import Store
store = Store(open_database(sys.argv[1]), load_catalog())
text = json.dumps([json_record(r) for r in export_rows(store)], indent=2)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_mb(script: str, *args: str) -> tuple[float, float]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True)
    return int(done.stdout.strip().splitlines()[-1]) / 1024, time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "history.db"
        made = build(db, SETS, 10, 1)
        print(f"{'sets in the database':40s} {made['sets']:>10,}")
        floor, _ = peak_mb(_FLOOR)
        print(f"{'floor: python + backtui command line':40s} {floor:8.1f} MB")
        whole, whole_s = peak_mb(_WHOLE, str(db))
        print(f"{'floor: JSON built whole (before)':40s} {whole:8.1f} MB  {whole_s:6.2f} s")
        for fmt in ("json", "csv", "backup"):
            out = folder / f"export.{fmt}"
            peak, seconds = peak_mb(_EXPORT, fmt, str(out), str(db))
            size = out.stat().st_size / 2**20
            met = "met" if peak < TARGET_MB else "MISSED"
            print(f"{'backtui export --format ' + fmt:40s} {peak:8.1f} MB  {seconds:6.2f} s  {size:7.1f} MB file"
                  f"   (< {TARGET_MB} MB: {met})")


if __name__ == "__main__":
    main()
