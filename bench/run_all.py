"""Run every bench/bench_*.py in turn. Figures are printed, never asserted.

    python bench/run_all.py [NAME...] [--stress]

NAME picks scripts whose file name contains it (startup, keypress, history...).
--stress also runs bench/stress_*.py (2 x 500 `backtui log` processes: ~2 minutes).
The machine comes first; everything printed is also written to bench/last_run.txt. Every
figure is a ratio to a floor measured by the same script in the same run; the lines that
state a target are gathered at the end (the numbers issue 17 sets), with the load average
before and after, since other programs on a shared machine move absolute times. Nothing
here fails on a timing: a missed target is printed, the exit status only says whether
every script could run.
"""

from __future__ import annotations

import os
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
    targets: list[str] = []
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
                if line.startswith("target"):
                    targets.append(f"{script.stem.removeprefix('bench_'):10s} {line.removeprefix('target').strip()}")
            if done.returncode != 0:
                failed.append(script.name)
        say("\n== summary: targets, each a ratio to its floor from this run")
        for line in targets:
            say(line)
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
        say(f"load avg  {load} (1, 5, 15 min) at the end")
        if failed:
            say("\nbenchmarks that could not run: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
