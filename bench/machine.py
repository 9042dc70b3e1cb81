"""The machine a benchmark ran on, read at run time (printed by run_all.py first)."""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gb() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
    except OSError:
        pass
    return "unknown"


def describe() -> list[str]:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    return [
        f"date      {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"cpu       {_cpu()}, {os.cpu_count()} cores",
        f"ram       {_ram_gb()}",
        f"os        {platform.system()} {platform.release()}",
        f"python    {sys.version.split()[0]}",
        f"sqlite    {sqlite3.sqlite_version}",
        f"textual   {version('textual')}, sqlite-utils {version('sqlite-utils')}, pendulum {version('pendulum')}",
        f"load avg  {load} (1, 5, 15 min) at the start",
    ]


if __name__ == "__main__":
    print("\n".join(describe()))
