"""`python -m backtui.ssh_tty ARGS`: the app, on the pseudo-terminal the SSH
server gave it as standard input, made its controlling terminal first.

The server starts it as a session leader (start_new_session) without a controlling
terminal; taking this one here rather than in a preexec_fn keeps the server's own
fork free of Python code (unsafe beside threads). With it, a window change reaches
the app as SIGWINCH and a dropped terminal as SIGHUP, as under sshd.
"""

from __future__ import annotations

import fcntl
import sys
import termios


def main() -> None:
    try:
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    except OSError as exc:
        print(f"backtui: cannot take the terminal: {exc.strerror or exc}", file=sys.stderr)
        sys.exit(1)
    from backtui.launch import main as launch

    sys.argv = ["backtui", *sys.argv[1:]]
    launch()


if __name__ == "__main__":
    main()
