"""Two shells logging to one database at once: N `backtui log` processes each, interleaved.

    python bench/stress_concurrent_log.py [N]        (default 500: the issue's 2 x 500)

Checks what the test suite checks on 2 x 60 (tests/test_faults_concurrency.py): every
set stored once, set numbers without gaps, one workout for the day, no process failed
and none printed "database is locked". Prints the counts, how often the writer switched
between the shells (interleaving), and the processes' wall time. Exit status 1 on any loss.
"""

from __future__ import annotations

import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    per_shell = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    from backtui.storage.db import open_database

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "backtui.db"
        open_database(path).close()
        runs: dict[str, list[tuple[float, int, str]]] = {"a": [], "b": []}

        def shell(name: str) -> None:
            for i in range(per_shell):
                began = time.perf_counter()
                done = subprocess.run(
                    [sys.executable, "-m", "backtui", "log", "barbell-row", "60x8", f"# {name}{i:04d}",
                     "--at", "2026-11-18T18:30:00", "--db", str(path)],
                    capture_output=True, text=True, stdin=subprocess.DEVNULL, cwd=ROOT,
                )
                runs[name].append((time.perf_counter() - began, done.returncode, done.stdout + done.stderr))

        began = time.perf_counter()
        threads = [threading.Thread(target=shell, args=(name,)) for name in runs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - began

        conn = sqlite3.connect(path)
        rows = conn.execute("SELECT workout_id, set_number, note FROM sets ORDER BY id").fetchall()
        conn.close()

    notes = [note for _, _, note in rows]
    expected = {f"{name}{i:04d}" for name in runs for i in range(per_shell)}
    failed = [out for name in runs for _, code, out in runs[name] if code != 0]
    locked = [out for name in runs for _, _, out in runs[name] if "locked" in out.lower()]
    missing = expected - set(notes)
    duplicated = len(notes) - len(set(notes))
    gaps = [n for n, (_, number, _) in enumerate(rows, 1) if number != n]
    workouts = {w for w, _, _ in rows}
    switches = sum(a[0] != b[0] for a, b in zip(notes, notes[1:]))
    times = [t for name in runs for t, _, _ in runs[name]]

    print(f"{'processes (2 shells)':34s} {2 * per_shell:>8,}")
    print(f"{'sets stored':34s} {len(rows):>8,}   (expected {len(expected):,})")
    print(f"{'missing / duplicated':34s} {len(missing):>8,} / {duplicated:,}")
    print(f"{'failed / said locked':34s} {len(failed):>8,} / {len(locked):,}")
    print(f"{'set-number gaps, workouts':34s} {len(gaps):>8,} / {len(workouts):,}")
    print(f"{'writer switches (interleaving)':34s} {switches:>8,}")
    print(f"{'one `backtui log` process':34s} {statistics.median(times) * 1000:8.0f} ms median, "
          f"{max(times) * 1000:.0f} ms max")
    print(f"{'wall time':34s} {wall:8.1f} s")
    ok = not (missing or duplicated or failed or locked or gaps) and len(workouts) == 1
    print("result: every set stored once" if ok else "result: LOST OR DOUBLED SETS")
    if failed:
        print("first failure:", failed[0][:300])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
