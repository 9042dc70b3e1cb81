"""SQL is parameterised: statically, SQL text is built only from constants, SQL helpers
and ? marks (a line may vouch for spliced identifiers with `# sql: why`); at run time,
no value a lifter types or imports ever appears in the text SQLite is given.
"""

from __future__ import annotations

import ast
import re
import sqlite3
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from backtui.cli import main

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "backtui"


# -- SQL: statically, what may be spliced into SQL text -------------------------

SQL_METHODS = {"execute", "executemany", "executescript", "query"}
# Functions whose SQL text is not their first argument: backtui.storage.rows' readers
# and sqlite-utils' where-clause methods (argument index of the SQL).
SQL_ARGUMENT = {"read_rows": 2, "read_row": 2, "read_columns": 3, "read_sets": 1, "read_value": 1, "read_int": 1, "read_float": 1, "read_text": 1,
                "rows_where": 0, "delete_where": 0, "count_where": 0}
CONSTANT = re.compile(r"^_?[A-Z][A-Z0-9_]*$")
# A line may vouch for what it splices, in words: `# sql: <why these are identifiers>`.
VOUCHED = re.compile(r"#\s*sql:\s*\S")


class SqlSplices:
    """Finds SQL text built from anything but constants, SQL helper calls and '?' marks.

    Safe pieces: string/number constants; UPPER_CASE module constants; calls to SQL helpers
    (functions of backtui/storage that return SQL text, or named *_sql, which build
    fragments from column names); "sep".join of '?' marks; local variables whose every assignment is made
    of safe pieces. Anything else (a parameter, an attribute of one, %-formatting,
    str.format) is a splice, unless its line says why with `# sql: ...`.
    """

    def __init__(self, path: Path, helpers: set[str], root: Path = ROOT):
        self.path, self.root = path, root
        self.lines = path.read_text().splitlines()
        self.tree = ast.parse("\n".join(self.lines))
        self.helpers = helpers
        self.module_names = {t.id: node.value for node in self.tree.body if isinstance(node, ast.Assign)
                             for t in node.targets if isinstance(t, ast.Name)}

    def vouched(self, node: ast.AST) -> bool:
        return any(VOUCHED.search(self.lines[n - 1]) for n in range(node.lineno, (node.end_lineno or node.lineno) + 1))

    def problems(self) -> list[str]:
        found = []
        for func in [n for n in ast.walk(self.tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]:
            for call in ast.walk(func):
                if not isinstance(call, ast.Call):
                    continue
                name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", None)
                index = 0 if isinstance(call.func, ast.Attribute) and name in SQL_METHODS else SQL_ARGUMENT.get(name)
                if index is not None and len(call.args) > index:
                    sql = call.args[index]
                    if not self.safe(sql, func, set()) and not self.vouched(call):
                        found.append(f"{self.path.relative_to(self.root)}:{call.lineno}: {ast.unparse(sql)[:90]}")
        return found

    def assignments(self, func: ast.AST, name: str) -> list[ast.AST] | None:
        """What a local name is assigned in `func` (None when it is a parameter)."""
        params = {a.arg for a in func.args.args + func.args.kwonlyargs + func.args.posonlyargs}
        if name in params:
            return None
        values = []
        for node in ast.walk(func):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name) and target.id == name:
                        values.append(node if self.vouched(node) else node.value)
                    elif isinstance(target, ast.Tuple) and any(isinstance(e, ast.Name) and e.id == name
                                                               for e in target.elts):
                        values.append(node if self.vouched(node) else node.value)  # unpacked from a call
            elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id == name:
                values.append(node if self.vouched(node) else node.value)
            elif isinstance(node, (ast.For, ast.comprehension)) and isinstance(node.target, ast.Name) \
                    and node.target.id == name:
                values.append(node if self.vouched(node) else node.iter)
        return values

    def safe(self, node: ast.AST, func: ast.AST, seen: set[str]) -> bool:
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.For)):  # a vouched line
            return True
        if isinstance(node, ast.Constant):
            return True
        if isinstance(node, ast.JoinedStr):
            return all(self.safe(v.value, func, seen) for v in node.values if isinstance(v, ast.FormattedValue))
        if isinstance(node, ast.BinOp):
            if isinstance(node.op, ast.Mod):
                return False  # printf-style formatting of SQL
            if isinstance(node.op, ast.Mult):  # "?" * n
                return isinstance(node.left, ast.Constant) or isinstance(node.right, ast.Constant)
            return self.safe(node.left, func, seen) and self.safe(node.right, func, seen)
        if isinstance(node, ast.IfExp):
            return self.safe(node.body, func, seen) and self.safe(node.orelse, func, seen)
        if isinstance(node, ast.Name):
            if CONSTANT.match(node.id):
                return True
            if node.id in seen:
                return True
            values = self.assignments(func, node.id)
            if values is None:
                return False  # a parameter: data from the caller
            if not values and node.id in self.module_names:
                values = [self.module_names[node.id]]
            return bool(values) and all(self.safe(v, func, seen | {node.id}) for v in values)
        if isinstance(node, ast.Call):
            target = node.func
            if isinstance(target, ast.Attribute) and target.attr == "format":
                return False
            if isinstance(target, ast.Attribute) and target.attr == "join" and isinstance(target.value, ast.Constant):
                return all(self.safe(a, func, seen) for a in node.args)
            name = target.id if isinstance(target, ast.Name) else None
            return name is not None and (name in self.helpers or name.endswith("_sql"))
        if isinstance(node, (ast.GeneratorExp, ast.ListComp)):
            return self.safe(node.elt, func, seen | {g.target.id for g in node.generators
                                                        if isinstance(g.target, ast.Name)
                                                        and self.safe(g.iter, func, seen)})
        if isinstance(node, ast.Tuple):
            return all(self.safe(e, func, seen) for e in node.elts)
        return False


def sql_helpers() -> set[str]:
    names = set()
    for path in (PACKAGE / "storage").glob("*.py"):
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.FunctionDef) and node.returns is not None \
                    and ast.unparse(node.returns) in ("str", "tuple[str, list]", "tuple[str, list[object]]"):
                names.add(node.name)
    return names


def test_sql_text_never_carries_a_value():
    helpers = sql_helpers()
    assert {"_volume", "_week", "_range", "_session_range"} <= helpers
    problems = [p for path in sorted(PACKAGE.rglob("*.py")) for p in SqlSplices(path, helpers).problems()]
    assert problems == [], "SQL built from a value (bind it with ? instead):\n" + "\n".join(problems)


def test_the_sql_check_catches_a_spliced_value(tmp_path: Path):
    bad = tmp_path / "bad.py"
    bad.write_text(textwrap.dedent('''
        def find(conn, note, limit):
            conn.execute(f"SELECT * FROM sets WHERE note = '{note}'")
            conn.execute("SELECT * FROM sets LIMIT %d" % limit)
            conn.execute("SELECT * FROM sets WHERE note = '{}'".format(note))
            where = "note = " + note
            conn.execute("SELECT * FROM sets WHERE " + where)
            conn.execute("SELECT * FROM sets WHERE note = ?", [note])
            marks = ", ".join("?" * limit)
            conn.execute(f"SELECT * FROM sets WHERE id IN ({marks})", [])
            read_rows(conn, Row, f"SELECT note FROM sets WHERE note = '{note}'")
            read_int(conn, "SELECT count(*) FROM sets WHERE note = ?", [note])
            db.table("sets").rows_where("note = '" + note + "'")
            db.table("sets").delete_where("note = ?", [note])
    '''))
    found = SqlSplices(bad, set(), root=tmp_path).problems()
    assert [line.split(":")[1] for line in found] == ["3", "4", "5", "7", "11", "13"]  # the splices; bound ones pass


# -- SQL: at run time, no value typed by a lifter ever reaches SQL text ------------

CANARY = "Zq7Canary"


def test_values_from_the_lifter_reach_sqlite_only_as_parameters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    statements: list[str] = []

    class Recording(sqlite3.Connection):
        def execute(self, sql, *args):
            statements.append(sql)
            return super().execute(sql, *args)

        def executemany(self, sql, *args):
            statements.append(sql)
            return super().executemany(sql, *args)

        def executescript(self, sql):
            statements.append(sql)
            return super().executescript(sql)

        def cursor(self, factory=None):
            return super().cursor(factory or RecordingCursor)

    class RecordingCursor(sqlite3.Cursor):
        def execute(self, sql, *args):
            statements.append(sql)
            return super().execute(sql, *args)

        def executemany(self, sql, *args):
            statements.append(sql)
            return super().executemany(sql, *args)

    real_connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: real_connect(*a, **{**k, "factory": Recording}))
    payload = f"{CANARY}' OR 1=1; --"
    strong = tmp_path / "strong.csv"
    strong.write_text(
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"
        f'2024-01-01 10:00:00,"{payload} workout",41m,"{payload} Curl",1,20,10,0,0,"{payload}","{payload}",\n'
        f'2024-01-01 10:00:00,"{payload} workout",41m,"Deadlift (Barbell)",1,100,5,0,0,"{payload}",,\n'
    )
    db = tmp_path / "canary.db"
    runner = CliRunner()
    for args in (
        ["log", "barbell-row", "60x8", f"# {payload}"],
        ["log", "deadlift", "100x5", "--at", "2026-11-18T18:30:00", "--routine", "essential-back", f"# {payload}"],
        ["import", str(strong)],
        ["config", "set", "bodyweight", "81.5"],
        ["config", "set", "plates.kg", "25x2", "10x2"],
        ["history", "--json"], ["history", "--exercise", "deadlift", "--since", "30d", "--json"],
        ["history", "--routine", "essential-back"], ["export"], ["export", "--format", "csv"],
        ["suggest", "deadlift", "--json"], ["plates", "90"], ["config", "list", "--json"],
    ):
        result = runner.invoke(main, [*args, "--db", str(db)])
        assert result.exit_code == 0, (args, result.output)
    custom = [slug for (slug,) in real_connect(db).execute("SELECT slug FROM exercises WHERE profile_id = 1")]
    assert custom and CANARY.lower() in custom[0]  # the lifter's own exercise, named by the file
    for args in (["log", custom[0], "12x10", f"# {payload}"], ["history", "--exercise", custom[0], "--json"],
                 ["suggest", custom[0]]):
        result = runner.invoke(main, [*args, "--db", str(db)])
        assert result.exit_code == 0, (args, result.output)
    assert len(statements) > 100
    spliced = [s for s in statements if CANARY.lower() in s.lower()]
    assert spliced == []
    stored = real_connect(db).execute("SELECT count(*) FROM sets WHERE note = ?", [payload]).fetchone()[0]
    assert stored >= 4  # the payload is there, as data
