"""`backtui ssh-keys`, the keys table, the server's host keys and its command rules:
everything of `ssh-serve` that needs no server running."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import asyncssh
import pytest
from sqlrows import rows
from sshclient import new_key

from backtui.sshserve.commands import Refused, command_argv, shell_syntax
from backtui.sshserve.keys import KeyFileError, host_key_path, host_keys, read_public_keys
from backtui.sshserve.terminal import TerminalSize, app_argv, session_environment
from backtui.storage.ssh_keys import find_key


def pub_file(tmp_path: Path, key: asyncssh.SSHKey, name: str) -> Path:
    path = tmp_path / f"{name}.pub"
    path.write_bytes(key.export_public_key())
    return path


@pytest.fixture
def lifters(run) -> None:
    for name in ("alice", "bob"):
        assert run("profile", "add", name).exit_code == 0


def test_add_list_and_remove_keys(run, db_path: Path, tmp_path: Path, lifters):
    alice, bob = new_key("alice@phone"), new_key("bob@laptop")
    added = run("ssh-keys", "add", "alice", str(pub_file(tmp_path, alice, "alice")))
    assert added.exit_code == 0
    assert f"{alice.get_fingerprint()} ssh-ed25519 (alice@phone) now logs in as 'alice'" in added.output
    assert run("ssh-keys", "add", "BOB", str(pub_file(tmp_path, bob, "bob"))).exit_code == 0  # names ignore case

    listed = run("ssh-keys", "list", "--json")
    assert [(k["profile"], k["fingerprint"], k["comment"]) for k in json.loads(listed.output)] == [
        ("alice", alice.get_fingerprint(), "alice@phone"), ("bob", bob.get_fingerprint(), "bob@laptop")]
    table = run("ssh-keys", "list").output
    assert "alice" in table and bob.get_fingerprint() in table

    by_fingerprint = run("ssh-keys", "remove", alice.get_fingerprint())
    assert by_fingerprint.exit_code == 0 and "removed" in by_fingerprint.output
    by_comment = run("ssh-keys", "remove", "bob@laptop")
    assert by_comment.exit_code == 0
    assert json.loads(run("ssh-keys", "list", "--json").output) == []
    missing = run("ssh-keys", "remove", "bob@laptop")
    assert missing.exit_code == 2 and "no key with the fingerprint or comment" in missing.output


def test_a_key_from_standard_input(db_path: Path, tmp_path: Path, lifters):
    from click.testing import CliRunner

    from backtui.cli import main

    key = new_key("phone")
    result = CliRunner().invoke(main, ["--db", str(db_path), "ssh-keys", "add", "alice", "-"],
                                input=key.export_public_key().decode())
    assert result.exit_code == 0, result.output
    assert find_key(db_path, key.get_fingerprint()).profile_name == "alice"


def test_one_key_is_one_lifter(run, tmp_path: Path, lifters):
    key = pub_file(tmp_path, new_key("shared"), "shared")
    assert run("ssh-keys", "add", "alice", str(key)).exit_code == 0
    again = run("ssh-keys", "add", "alice", str(key))
    assert again.exit_code == 0  # the same lifter: nothing changes
    other = run("ssh-keys", "add", "bob", str(key))
    assert other.exit_code == 2 and "already lets in the lifter 'alice'" in other.output
    assert len(json.loads(run("ssh-keys", "list", "--json").output)) == 1


def test_a_comment_shared_by_two_lifters_needs_a_choice(run, tmp_path: Path, lifters):
    assert run("ssh-keys", "add", "alice", str(pub_file(tmp_path, new_key("phone"), "a"))).exit_code == 0
    assert run("ssh-keys", "add", "bob", str(pub_file(tmp_path, new_key("phone"), "b"))).exit_code == 0
    both = run("ssh-keys", "remove", "phone")
    assert both.exit_code == 2 and "several lifters" in both.output
    assert run("ssh-keys", "remove", "phone", "--profile", "bob").exit_code == 0
    assert [k["profile"] for k in json.loads(run("ssh-keys", "list", "--json").output)] == ["alice"]


def test_keys_follow_a_renamed_lifter_and_go_with_a_deleted_one(run, db_path: Path, tmp_path: Path, lifters):
    alice = new_key("a")
    assert run("ssh-keys", "add", "alice", str(pub_file(tmp_path, alice, "a"))).exit_code == 0
    assert run("profile", "rename", "alice", "Alicia").exit_code == 0
    assert find_key(db_path, alice.get_fingerprint()).profile_name == "Alicia"
    assert run("profile", "delete", "Alicia", "--yes").exit_code == 0
    assert find_key(db_path, alice.get_fingerprint()) is None
    assert rows(db_path, "SELECT count(*) FROM ssh_keys")[0][0] == 0


def test_unknown_lifters_and_bad_key_files_are_refused_in_one_line(run, tmp_path: Path, lifters):
    good = pub_file(tmp_path, new_key(), "good")
    unknown = run("ssh-keys", "add", "carol", str(good))
    assert unknown.exit_code == 2 and "no profile called 'carol'" in unknown.output
    private = tmp_path / "id_ed25519"
    private.write_bytes(new_key().export_private_key())
    assert "holds a private key" in run("ssh-keys", "add", "alice", str(private)).output
    garbage = tmp_path / "garbage.pub"
    garbage.write_text("ssh-ed25519 AAAAnot-a-key me\n")
    assert "line 1: not an OpenSSH public key" in run("ssh-keys", "add", "alice", str(garbage)).output
    weak = tmp_path / "weak.pub"
    weak.write_bytes(asyncssh.generate_private_key("ssh-rsa", key_size=1024).export_public_key())
    assert "1024-bit RSA key is too weak" in run("ssh-keys", "add", "alice", str(weak)).output
    assert "cannot read" in run("ssh-keys", "add", "alice", str(tmp_path / "nope.pub")).output
    assert json.loads(run("ssh-keys", "list", "--json").output) == []


def test_control_characters_in_a_comment_are_spelled_out(run, tmp_path: Path, lifters):
    key = new_key()
    line = key.export_public_key().decode().strip() + " evil\x1b]0;pwned\x07\n"
    path = tmp_path / "evil.pub"
    path.write_text(line)
    added = run("ssh-keys", "add", "alice", str(path))
    assert added.exit_code == 0 and "\x1b" not in added.output and "\\x1b" in added.output
    assert "\x1b" not in run("ssh-keys", "list").output


def test_confined_sessions_cannot_touch_keys(db_path: Path, tmp_path: Path, lifters):
    from click.testing import CliRunner

    from backtui.cli import main

    key = pub_file(tmp_path, new_key(), "k")
    for args in (["ssh-keys", "add", "bob", str(key)], ["ssh-keys", "list"], ["ssh-serve", "--port", "0"]):
        result = CliRunner().invoke(main, ["--db", str(db_path), "--profile", "alice", "--lock-profile", *args])
        assert result.exit_code == 2 and "confined to the lifter 'alice'" in result.output


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="OpenSSH's ssh-keygen is not installed")
def test_fingerprints_are_the_ones_ssh_keygen_prints(tmp_path: Path):
    for kind in ("ed25519", "ecdsa", "rsa"):
        path = tmp_path / f"id_{kind}"
        subprocess.run(["ssh-keygen", "-q", "-t", kind, "-N", "", "-C", f"me-{kind}", "-f", str(path)], check=True)
        printed = subprocess.run(["ssh-keygen", "-lf", f"{path}.pub"], capture_output=True, text=True, check=True)
        (key,) = read_public_keys(Path(f"{path}.pub").read_text(), "key")
        assert printed.stdout.split()[1] == key.fingerprint and key.comment == f"me-{kind}"


def test_host_keys_are_made_once_private_and_kept(db_path: Path):
    made = host_keys(db_path)
    assert [k.created for k in made] == [True, True]
    for key in made:
        assert key.path.parent == db_path.parent and key.path.stat().st_mode & 0o777 == 0o600
    again = host_keys(db_path)
    assert [k.created for k in again] == [False, False]
    assert [k.fingerprint for k in again] == [k.fingerprint for k in made]


def test_a_host_key_others_can_read_or_a_link_is_refused(db_path: Path, tmp_path: Path):
    host_keys(db_path)
    path = host_key_path(db_path, "ssh-ed25519")
    os.chmod(path, 0o644)
    with pytest.raises(KeyFileError, match="can be read by others"):
        host_keys(db_path)
    path.unlink()
    target = tmp_path / "elsewhere"
    target.write_bytes(b"")
    path.symlink_to(target)
    with pytest.raises(KeyFileError, match="cannot read the host key"):
        host_keys(db_path)


@pytest.mark.parametrize("command, words", [
    ("history --json", ["history", "--json"]),
    ("log deadlift 100x5 '# felt; strong'", ["log", "deadlift", "100x5", "# felt; strong"]),
    ("log assisted-pull-up -20x8", ["log", "assisted-pull-up", "-20x8"]),  # an assisted set, not an option
    ("history --since=30d --exercise deadlift", ["history", "--since=30d", "--exercise", "deadlift"]),
    ("log deadlift -- --db", ["log", "deadlift", "--", "--db"]),  # after --, words (click reads them so)
    ('log deadlift 100x5 "# a \\"quoted\\" note"', ["log", "deadlift", "100x5", '# a "quoted" note']),
    ("config get unit", ["config", "get", "unit"]),
])
def test_commands_that_run(command: str, words: list[str]):
    assert command_argv(command) == words


@pytest.mark.parametrize("command", [
    "log deadlift -o x", "history -h -o", "export -ofile", "history --since", "plates 100 200", "config", "routines import x",
    "suggest a b", "log deadlift 100x5 \"$HOME\"", "log deadlift x" * 1000,
])
def test_commands_that_do_not(command: str):
    with pytest.raises(Refused):
        command_argv(command)


def test_shell_syntax_only_counts_outside_quotes():
    assert shell_syntax("log a '; | & > $(x)'") is None
    assert shell_syntax('log a "; | &"') is None
    assert shell_syntax('log a "$(x)"') == "$"
    assert shell_syntax("log a \\;") is None
    assert shell_syntax("log a;") == ";"


def test_the_app_is_confined_and_its_environment_is_the_clients_terminal(db_path: Path, monkeypatch):
    monkeypatch.setenv("BACKTUI_PROFILE", "bob")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("SSH_AUTH_SOCK", "/tmp/agent")
    argv = app_argv(db_path, "-alice")
    assert argv[-2:] == ["--profile=-alice", "--lock-profile"]
    env = session_environment("xterm-kitty", {"COLORTERM": "truecolor", "LD_PRELOAD": "/tmp/x.so"})
    assert env["TERM"] == "xterm-kitty" and env["COLORTERM"] == "truecolor"
    assert not {"BACKTUI_PROFILE", "COLUMNS", "SSH_AUTH_SOCK"} & env.keys()
    assert env.get("LD_PRELOAD") != "/tmp/x.so"  # only COLORTERM comes from the client
    assert session_environment("xterm\x1b]0;x", {})["TERM"] == "xterm-256color"
    assert "COLORTERM" not in session_environment("xterm", {"COLORTERM": "yes please"})


def test_client_sizes_are_kept_sane():
    assert TerminalSize.from_client(0, 0) == TerminalSize(80, 24)
    assert TerminalSize.from_client(100000, 100000) == TerminalSize(1000, 500)
