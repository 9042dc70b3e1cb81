"""Security: private files, no network but `backtui serve` on loopback, CSV cells that
cannot run as formulas, and imported files that are read as data, never run. (SQL that
never carries a value in its text: test_sql_safety.py.)
"""

from __future__ import annotations

import ast
import csv
import io
import json
import os
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st
from serving import free_port, serving

from backtui.cli import main
from backtui.domain.exporting import CSV_HEADER, to_strong_csv
from backtui.domain.importers import parse_import

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "backtui"


# -- private files -------------------------------------------------------------

def test_the_default_database_and_its_folder_are_private_even_with_an_open_umask(tmp_path: Path):
    data_home = tmp_path / "xdg"
    script = "import os, sys; os.umask(0); from backtui.cli import main; main(sys.argv[1:])"
    done = subprocess.run(
        [sys.executable, "-c", script, "log", "deadlift", "100x5"],
        env={**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(data_home)},
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    folder = data_home / "backtui"
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    assert oct((folder / "backtui.db").stat().st_mode & 0o777) == "0o600"
    # Written by SQLite alongside the file: same mode as the database, never wider.
    for extra in folder.glob("backtui.db-*"):
        assert extra.stat().st_mode & 0o077 == 0, extra


def test_an_export_file_is_readable_by_its_owner_only(tmp_path: Path, db_path: Path):
    runner = CliRunner()
    runner.invoke(main, ["log", "deadlift", "100x5", "--db", str(db_path)])
    out = tmp_path / "export.csv"
    old = os.umask(0)
    try:
        assert runner.invoke(main, ["export", "--format", "csv", "-o", str(out), "--db", str(db_path)]).exit_code == 0
    finally:
        os.umask(old)
    assert oct(out.stat().st_mode & 0o777) == "0o600"


# -- no network --------------------------------------------------------------------

NO_NETWORK = textwrap.dedent('''
    import asyncio, importlib, pkgutil, socket, sys

    real_init = socket.socket.__init__

    def guarded(self, family=-1, type=-1, proto=-1, fileno=None):
        real_init(self, family, type, proto, fileno)
        if fileno is None and self.family != socket.AF_UNIX:
            raise SystemExit(f"NETWORK: a {self.family!r} socket was opened")

    def no_lookup(*args, **kwargs):
        raise SystemExit(f"NETWORK: a name lookup for {args[:2]!r}")

    socket.socket.__init__ = guarded
    socket.getaddrinfo = no_lookup
    socket.create_connection = no_lookup

    import backtui
    for module in pkgutil.walk_packages(backtui.__path__, "backtui."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)

    from click.testing import CliRunner
    from backtui.cli import main
    db, strong = sys.argv[1], sys.argv[2]
    for args in (["log", "deadlift", "100x5"], ["export"], ["export", "--format", "csv"], ["history"],
                 ["import", strong], ["suggest", "deadlift"], ["plates", "100"], ["config", "list"]):
        result = CliRunner().invoke(main, [*args, "--db", db])
        assert result.exit_code == 0, (args, result.output)
    for args in (["exercises"], ["routines", "--json"], ["--version"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, (args, result.output)

    from backtui.app import make_app
    from backtui.screens.history import HistoryScreen

    async def use_the_app():
        app = make_app(db, routine="essential-back")
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(50):
                await pilot.pause()
                if type(app.screen).__name__ == "TrackerScreen":
                    break
            await pilot.press("1", "2", "enter")
            app.push_screen(HistoryScreen())
            await pilot.pause()

    asyncio.run(use_the_app())
    print("ALL CLEAR")
''')


@pytest.mark.slow
def test_commands_and_the_app_open_no_network_socket(tmp_path: Path):
    script = tmp_path / "no_network.py"
    script.write_text(NO_NETWORK)
    strong = tmp_path / "strong.csv"
    strong.write_text("Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
                      "Workout Notes,RPE\n2024-01-01 10:00:00,Pull,41m,Deadlift (Barbell),1,100,5,0,0,,,\n")
    done = subprocess.run([sys.executable, str(script), str(tmp_path / "net.db"), str(strong)],
                          capture_output=True, text=True, timeout=120)
    assert "NETWORK" not in done.stdout + done.stderr
    assert done.returncode == 0 and "ALL CLEAR" in done.stdout, done.stderr[-2000:]


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a socket LISTENing on `port` (Linux /proc/net/tcp*)."""
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, port_hex = local.split(":")
            if state == "0A" and int(port_hex, 16) == port:
                raw = bytes.fromhex(address)
                if width == 8:
                    found.add(socket.inet_ntop(socket.AF_INET, raw[::-1]))
                else:
                    words = b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))
                    found.add(socket.inet_ntop(socket.AF_INET6, words))
    return found


@pytest.mark.slow
def test_serve_listens_on_loopback_only_by_default(tmp_path: Path):
    if not Path("/proc/net/tcp").exists():
        pytest.skip("needs Linux /proc/net/tcp")
    port = free_port()
    with serving(tmp_path / "s.db", port, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as process:
        deadline = time.monotonic() + 30
        while not (addresses := listening_addresses(port)) and time.monotonic() < deadline:
            assert process.poll() is None, "backtui serve exited"
            time.sleep(0.1)
        assert addresses, "backtui serve never listened"
        time.sleep(0.3)  # anything else it would open comes with the first
        assert listening_addresses(port) <= {"127.0.0.1", "::1"}


# -- CSV cells are never formulas -----------------------------------------------

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


# NUL never gets in: the entry line, argv and the importers all refuse it.
_cell_text = st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=300, deadline=None)
@given(note=_cell_text, name=_cell_text.filter(str.strip), routine=st.one_of(st.none(), _cell_text))
@example(note="\x0c'", name="\x0c'", routine=None)  # a quote behind a form feed (found by this test)
def test_no_exported_cell_starts_like_a_formula_and_import_gives_back_the_text(note: str, name: str,
                                                                               routine: str | None):
    row = {
        "workout_started_at": "2026-11-18T18:30:00.000000+00:00", "workout_ended_at": None,
        "routine_name": routine, "routine": None, "workout_note": note, "exercise_name": name,
        "kind": "working", "set_number": 1, "weight_kg": 60.0, "reps": 8, "seconds": None, "rpe": None,
        "straps": False, "unit": "kg", "form_broke": False, "note": note,
        "logged_at": "2026-11-18T18:31:00.000000+00:00", "last_set_at": "2026-11-18T18:31:00.000000+00:00",
    }
    text = to_strong_csv([row])
    cells = list(csv.reader(io.StringIO(text)))[1]
    for cell in cells:
        assert not cell.startswith(_FORMULA), cell
    parsed = parse_import(text.encode())
    (workout,) = parsed.workouts
    assert workout.sets[0].note == note.strip() or workout.sets[0].note == note
    assert len(cells) == len(CSV_HEADER)


# -- an imported file is data -----------------------------------------------------

PAYLOADS = [
    "__import__('os').system('touch {mark}1')",
    "=cmd|' /C touch {mark}2'!A0",
    "$(touch {mark}3)",
    "`touch {mark}4`",
    "{{{{7*7}}}} ${{7*7}} #{{7*7}}",
    "!!python/object/apply:os.system ['touch {mark}5']",
]


def test_nothing_in_an_imported_file_is_run(tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    mark = tmp_path / "PWNED"
    payloads = [p.format(mark=mark) for p in PAYLOADS]
    lines = ["Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE"]
    for i, payload in enumerate(payloads):
        quoted = payload.replace('"', '""')
        lines.append(f'2024-01-0{i + 1} 10:00:00,"{quoted}",41m,"{quoted}",1,20,10,0,0,"{quoted}","{quoted}",')
    source = tmp_path / "evil.csv"
    source.write_text("\n".join(lines) + "\n")
    result = CliRunner().invoke(main, ["import", str(source), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert not list(tmp_path.glob("PWNED*"))
    exported = json.loads(CliRunner().invoke(main, ["export", "--db", str(db_path)]).output)
    assert sorted(s["note"] for s in exported) == sorted(payloads)  # kept as text, to the byte


IMPORT_CODE = [PACKAGE / "domain" / "importers", PACKAGE / "storage" / "importing.py", PACKAGE / "cli" / "import_cmd.py"]
RUNS_CODE = {"eval", "exec", "compile", "__import__", "system", "popen", "run", "Popen", "call", "check_output",
             "loads", "load", "import_module", "literal_eval"}


def test_the_import_code_has_no_way_to_run_what_it_reads():
    paths = [p for base in IMPORT_CODE for p in ([base] if base.is_file() else sorted(base.rglob("*.py")))]
    found = []
    for path in paths:
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] + ([node.module] if isinstance(node, ast.ImportFrom) else [])
                if any(n and n.split(".")[0] in {"pickle", "marshal", "yaml", "subprocess", "shelve", "importlib"}
                       for n in names):
                    found.append(f"{path.name}:{node.lineno}: imports {names}")
            if isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                owner = ast.unparse(node.func.value) if isinstance(node.func, ast.Attribute) else ""
                if name in RUNS_CODE and owner not in ("json", "csv", "self", "re", "datetime"):
                    found.append(f"{path.name}:{node.lineno}: {ast.unparse(node.func)}()")
    assert paths and found == []
