"""`backtui serve` starts and answers on loopback."""

from __future__ import annotations

import os
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from serving import free_port, served_url, serving

from backtui.cli import main
from backtui.cli.serve_cmd import serve_command


@pytest.mark.slow
def test_serve_answers_on_loopback(tmp_path: Path):
    port = free_port()
    db = tmp_path / "serve.db"
    with serving(db, port, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                 env={**os.environ, "NO_COLOR": "1"}) as process:
        url = served_url(process)
        assert url.startswith(f"http://127.0.0.1:{port}/")
        deadline = time.monotonic() + 30
        body = None
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"backtui serve exited early: {process.stdout.read().decode(errors='replace')}")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    assert response.status == 200
                    body = response.read().decode("utf-8", "replace")
                    break
            except OSError:
                time.sleep(0.2)
        assert body is not None, "no answer on 127.0.0.1 within 30 s"
        assert "backtui" in body and "ws://127.0.0.1" in body


def test_serve_runs_the_same_app_on_the_same_database(tmp_path: Path):
    command = serve_command(tmp_path / "my log.db")
    assert command.endswith("-m backtui --db '" + str(tmp_path / "my log.db") + "'")


def test_serve_refuses_a_bad_database_in_one_line(tmp_path: Path):
    bad = tmp_path / "bad.db"
    bad.write_text("not a database")
    result = CliRunner().invoke(main, ["serve", "--db", str(bad)])
    assert result.exit_code == 1 and "not a backtui database" in result.output
