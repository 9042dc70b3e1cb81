"""Which `ssh host COMMAND` requests `backtui ssh-serve` runs, and as what argv.

No shell ever sees the command. It is split with shlex (quotes as in sh) and run
as `backtui --db FILE --profile=LIFTER --lock-profile SUBCOMMAND ARGS...`, and
only when every word is allowed here:

- logging for the lifter (`log`), and reading their own data: `history`,
  `export` (to the connection, never to a file), `exercises`, `routines`,
  `suggest`, `plates`, `config get`, `config list`;
- not `import` or `routines import|export` (they read or write files on the
  server), `config set`, `profile` (other lifters), `check` (reads the whole
  file, everybody's), `serve`, `ssh-serve`, `ssh-keys`, `demo-db`;
- no `--db` (another file), `--profile` (the key chose the lifter), `-o` or
  `--output` (a file on the server): an option is allowed only when listed for
  its subcommand below, so one added later stays out until somebody decides.

Text a shell would act on (`;`, `|`, `&`, `>`, `<`, `$`, a backtick, a newline
outside quotes) is refused with a reason rather than passed on as a word: the
lifter who typed `history --json | head` meant a pipe, and should hear that
there is none here.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field

MAX_COMMAND = 4096


class Refused(ValueError):
    """A command that does not run, with a one-line reason for the lifter."""


@dataclass(frozen=True)
class Rule:
    # Each allowed option, and whether it takes a value (`--since 30d`).
    options: dict[str, bool] = field(default_factory=dict)
    most_words: int | None = 0     # positional words allowed (None: any number)
    negative_words: bool = False   # `log`: '-20x8' is an assisted set, not an option


_HELP = {"-h": False, "--help": False}
_JSON = {"--json": False}

RULES: dict[tuple[str, ...], Rule] = {
    ("log",): Rule({"--at": True, "--routine": True, **_HELP}, most_words=None, negative_words=True),
    ("history",): Rule({"--since": True, "--until": True, "--routine": True, "--exercise": True, **_JSON, **_HELP}),
    ("export",): Rule({"--format": True, **_HELP}),
    ("exercises",): Rule({**_JSON, **_HELP}),
    ("routines",): Rule({**_JSON, **_HELP}),
    ("suggest",): Rule({**_JSON, **_HELP}, most_words=1),
    ("plates",): Rule({"--unit": True, **_JSON, **_HELP}, most_words=1),
    ("config", "get"): Rule({**_JSON, **_HELP}, most_words=1),
    ("config", "list"): Rule({**_JSON, **_HELP}),
}

ALLOWED_NAMES = ", ".join(" ".join(name) for name in RULES)


def command_argv(command: str) -> list[str]:
    """The backtui words to run for `command` (after `backtui --db ... --lock-profile`),
    or Refused with the reason."""
    if not command.strip():
        raise Refused(f"no command given: connect without one for the app, or run one of: {ALLOWED_NAMES}")
    if len(command) > MAX_COMMAND:
        raise Refused(f"the command is longer than {MAX_COMMAND} characters")
    if "\x00" in command:
        raise Refused("the command holds a NUL character")
    shell = shell_syntax(command)
    if shell is not None:
        raise Refused(f"no shell runs here, so {shell!r} means nothing: run the pipe or redirection on your side "
                      "(ssh HOST 'history --json' | less)")
    try:
        words = shlex.split(command)
    except ValueError as exc:
        raise Refused(f"cannot read the command: {exc}") from None
    name = next((name for name in sorted(RULES, key=len, reverse=True) if tuple(words[:len(name)]) == name), None)
    if name is None:
        raise Refused(f"{words[0]!r} does not run over SSH; these do: {ALLOWED_NAMES}")
    _check_words(" ".join(name), RULES[name], words[len(name):])
    return words


def _check_words(name: str, rule: Rule, words: list[str]) -> None:
    positional = 0
    index = 0
    only_words = False
    while index < len(words):
        word = words[index]
        index += 1
        if only_words or word == "-" or not word.startswith("-") or (rule.negative_words and _negative(word)):
            positional += 1
            continue
        if word == "--":
            only_words = True
            continue
        option, equals, _ = word.partition("=") if word.startswith("--") else (word, "", "")
        if option not in rule.options:
            raise Refused(f"{option!r} is not available with {name} over SSH")
        if rule.options[option] and not equals:
            if index >= len(words):
                raise Refused(f"{option} needs a value")
            index += 1  # its value, whatever it looks like (click reads it so too)
    if rule.most_words is not None and positional > rule.most_words:
        raise Refused(f"{name} takes {_words(rule.most_words)} over SSH")


def _negative(word: str) -> bool:
    return len(word) > 1 and (word[1].isdigit() or word[1] == ".")


def _words(count: int) -> str:
    return {0: "no arguments", 1: "one argument"}.get(count, f"{count} arguments")


_ALWAYS = set(";&|<>()\n")
_UNLESS_SINGLE_QUOTED = set("$`")


def shell_syntax(command: str) -> str | None:
    """The first character a POSIX shell would act on (outside the quotes that make
    it plain text), or None. Quoted, `;` and `|` are just text (a note may hold
    them); `$` and backticks stay active inside double quotes, as in sh."""
    quote = ""
    escaped = False
    for char in command:
        if escaped:
            escaped = False
        elif quote == "'":
            if char == "'":
                quote = ""
        elif char == "\\":
            escaped = True
        elif quote == '"':
            if char == '"':
                quote = ""
            elif char in _UNLESS_SINGLE_QUOTED:
                return char
        elif char in "'\"":
            quote = char
        elif char in _ALWAYS or char in _UNLESS_SINGLE_QUOTED:
            return char
    return None
