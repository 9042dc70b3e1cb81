"""Run every bench/bench_*.py in turn. Figures are printed, never asserted.

    python bench/run_all.py [NAME...] [--stress]

NAME picks scripts whose file name contains it (startup, keypress, history...).
--stress also runs bench/stress_*.py (2 x 500 `backtui log` processes: ~2 minutes).
The machine comes first; everything printed is also written to bench/last_run.txt.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from machine import describe  # noqa: E402


def main() -> int:
    args = [a for a in sys.argv[1:] if a != "--stress"]
    scripts = sorted(HERE.glob("bench_*.py"))
    if "--stress" in sys.argv[1:]:
        scripts += sorted(HERE.glob("stress_*.py"))
    if args:
        scripts = [s for s in scripts if any(arg in s.name for arg in args)]
    # Start-up figures must not include compiling the package (PYTHONDONTWRITEBYTECODE
    # may be set in the shell): write the bytecode once, first.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "backtui"), str(HERE)], check=False)
    failed = []
    with (HERE / "last_run.txt").open("w", encoding="utf-8") as log:
        def say(text: str) -> None:
            print(text, flush=True)
            log.write(text + "\n")
            log.flush()

        for line in describe():
            say(line)
        for script in scripts:
            say(f"\n== {script.name}")
            done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=HERE.parent)
            for line in (done.stdout + done.stderr).rstrip().splitlines():
                say(line)
            if done.returncode != 0:
                failed.append(script.name)
        if failed:
            say("\nbenchmarks that could not run: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
