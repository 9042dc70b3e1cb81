"""Public keys read from .pub files, and the server's own host keys.

asyncssh parses the keys (the `ssh` extra): it checks what a home-made parser
would miss (an ed25519 point of the wrong length, an RSA modulus that is not a
number) and computes fingerprints exactly as ssh-keygen -l prints them.
"""

from __future__ import annotations

import base64
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from backtui.domain.inert import visible_line
from backtui.storage.ssh_keys import NewKey

if TYPE_CHECKING:
    from asyncssh import SSHKey

MIN_RSA_BITS = 2048
# Host keys made on first start: ed25519 for every recent client, ECDSA for the
# phone apps and old clients that have no ed25519.
HOST_KEY_ALGORITHMS = ("ssh-ed25519", "ecdsa-sha2-nistp256")


class KeyFileError(ValueError):
    """A key file that cannot be used, in one line for the shell."""


def asyncssh_missing() -> str:
    return "the SSH server needs asyncssh: pip install 'backtui[ssh]' (or asyncssh)"


def public_key_of(key: SSHKey) -> NewKey:
    """What the database keeps of a key: the lifter is chosen later."""
    comment = key.get_comment() or ""
    return NewKey(key.get_algorithm(), base64.b64encode(key.public_data).decode("ascii"),
                  key.get_fingerprint("sha256"), visible_line(comment).strip())


def read_public_keys(text: str, source: str) -> list[NewKey]:
    """Every public key in `text` (a .pub file, or authorized_keys lines without
    options): one per line, blank lines and '#' comments skipped. One line that is
    not a usable public key refuses the whole file, naming that line."""
    import asyncssh

    if "PRIVATE KEY" in text:
        raise KeyFileError(f"{source} holds a private key: give its public half (the .pub file); "
                           "a private key never leaves the phone or laptop it was made on")
    keys: list[NewKey] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            key = asyncssh.import_public_key(line)
        except (asyncssh.KeyImportError, ValueError):
            raise KeyFileError(f"{source}, line {number}: not an OpenSSH public key (expected a line like "
                               "'ssh-ed25519 AAAA... name@phone')") from None
        problem = _weak(key)
        if problem:
            raise KeyFileError(f"{source}, line {number}: {problem}")
        keys.append(public_key_of(key))
    if not keys:
        raise KeyFileError(f"{source} holds no public key")
    return keys


def _weak(key: SSHKey) -> str | None:
    algorithm = key.get_algorithm()
    if algorithm == "ssh-dss":
        return "DSA keys are refused (OpenSSH dropped them as too weak): make an ed25519 key (ssh-keygen -t ed25519)"
    if algorithm == "ssh-rsa":
        bits = int(getattr(key.pyca_key, "key_size", MIN_RSA_BITS))
        if bits < MIN_RSA_BITS:
            return f"a {bits}-bit RSA key is too weak (at least {MIN_RSA_BITS}): make an ed25519 key (ssh-keygen -t ed25519)"
    return None


@dataclass(frozen=True)
class HostKey:
    key: SSHKey
    path: Path
    created: bool

    @property
    def fingerprint(self) -> str:
        return str(self.key.get_fingerprint("sha256"))

    @property
    def algorithm(self) -> str:
        return str(self.key.get_algorithm())


def host_key_path(db_path: Path, algorithm: str) -> Path:
    """Beside the database, named after it: two databases in one folder get a
    server identity each. 'backtui.db' -> 'backtui.ssh_host_ed25519_key'."""
    short = {"ssh-ed25519": "ed25519", "ecdsa-sha2-nistp256": "ecdsa"}[algorithm]
    return db_path.with_name(f"{db_path.stem}.ssh_host_{short}_key")


def host_keys(db_path: Path) -> list[HostKey]:
    """The server's host keys, each made on first start (0600, owner only) and read
    from its file afterwards, so a client's known_hosts stays valid across restarts.
    A key file anyone else can read, or that is not a plain file of ours, is refused."""
    return [_host_key(host_key_path(db_path, algorithm), algorithm) for algorithm in HOST_KEY_ALGORITHMS]


def _host_key(path: Path, algorithm: str) -> HostKey:
    import asyncssh

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return HostKey(_make_host_key(path, algorithm), path, True)
    except OSError as exc:
        raise KeyFileError(f"cannot read the host key {path}: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise KeyFileError(f"the host key {path} is not a regular file")
        if info.st_uid != os.getuid():
            raise KeyFileError(f"the host key {path} belongs to another user: it is refused")
        if info.st_mode & 0o077:
            raise KeyFileError(f"the host key {path} can be read by others (mode {info.st_mode & 0o777:o}): "
                               f"chmod 600 {path}, or delete it to make a new one (clients will then warn once)")
        data = handle.read()
    try:
        key = asyncssh.import_private_key(data)
    except (asyncssh.KeyImportError, ValueError):
        raise KeyFileError(f"the host key {path} is damaged: delete it to make a new one "
                           "(clients will then warn that the server changed)") from None
    return HostKey(key, path, False)


def _make_host_key(path: Path, algorithm: str) -> SSHKey:
    import asyncssh

    key = asyncssh.generate_private_key(algorithm, comment=f"backtui ssh-serve ({path.name})")
    data = key.export_private_key("openssh")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        return _host_key(path, algorithm).key  # another server made it a moment ago
    except OSError as exc:
        raise KeyFileError(f"cannot write the host key {path}: {exc.strerror or exc}") from None
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, data)
        os.fsync(fd)
    except OSError as exc:
        os.close(fd)
        path.unlink(missing_ok=True)
        raise KeyFileError(f"cannot write the host key {path}: {exc.strerror or exc}") from None
    os.close(fd)
    return key
