"""Shared helpers for dbaudit's integration tests.

Every test runs build/dbaudit as a user would, against the private
PostgreSQL that scripts/with-pg.sh starts (PGHOST, PGPORT, PGUSER are set
by it).  Without that server the tests fail: they never skip.

A test module defines functions named test_*; main() runs them in order,
prints one line per test and exits non-zero when one failed.
"""
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import uuid

DBAUDIT = os.environ.get("DBAUDIT", "")
SOURCE = os.environ.get("DBAUDIT_SOURCE", os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
# Shared test material (pagila, northwind, the SARIF schema) sits beside the
# checkout in ../shared; DBAUDIT_SHARED points elsewhere.
SHARED = os.environ.get("DBAUDIT_SHARED", os.path.join(os.path.dirname(SOURCE), "shared"))


def require_server():
    for var in ("PGHOST", "PGPORT", "PGUSER"):
        if not os.environ.get(var):
            raise SystemExit(f"{var} is not set: run the tests with 'make test' (scripts/with-pg.sh starts PostgreSQL)")
    if not os.path.isdir(os.path.join(SHARED, "datasets")):
        raise SystemExit(f"{SHARED}/datasets not found: the shared test material belongs beside the checkout "
                         "(or set DBAUDIT_SHARED)")
    if not DBAUDIT or not os.access(DBAUDIT, os.X_OK):
        raise SystemExit("DBAUDIT does not name the dbaudit executable: run the tests with 'make test'")


def psql(db, sql=None, file=None, check=True, user=None, extra=()):
    """Runs SQL with psql; returns stdout.  Raises on error when check."""
    cmd = ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", db]
    if user:
        cmd += ["-U", user]
    cmd += list(extra)
    if file:
        cmd += ["-f", file]
    p = subprocess.run(cmd, input=sql, capture_output=True, text=True, timeout=300)
    if check and p.returncode != 0:
        raise AssertionError(f"psql failed on {db}: {p.stderr.strip()}")
    return p.stdout


def new_db(sql=None, files=(), prefix="t"):
    """Creates a fresh database, loads the SQL text and files; returns its name."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    psql("postgres", f'CREATE DATABASE "{name}"')
    for f in files:
        psql(name, file=f)
    if sql:
        psql(name, sql)
    return name


def drop_db(name):
    psql("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', check=False)


class TableLock:
    """Another session holding ACCESS EXCLUSIVE locks on tables (names as
    SQL writes them; a str for one) in an open transaction, until release()
    rolls it back.  Returns once every lock is granted."""

    def __init__(self, db, tables):
        tables = [tables] if isinstance(tables, str) else list(tables)
        self.db = db
        self.proc = subprocess.Popen(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True)
        stmts = "".join(f"LOCK TABLE {t} IN ACCESS EXCLUSIVE MODE;\n" for t in tables)
        self.proc.stdin.write("BEGIN;\n" + stmts)
        self.proc.stdin.flush()
        # Wait until every lock is granted, so dbaudit cannot slip in first.
        names = ",".join(f"'{t}'::pg_catalog.regclass" for t in tables)
        query = (f"SELECT count(*) FROM pg_catalog.pg_locks WHERE relation IN ({names})"
                 " AND mode = 'AccessExclusiveLock' AND granted")
        deadline = time.monotonic() + 30
        while True:
            if self.proc.poll() is not None:
                raise AssertionError(f"lock session ended early: {self.proc.stderr.read().strip()}")
            if int(psql(db, query).strip() or 0) >= len(tables):
                return
            if time.monotonic() > deadline:
                self.release()
                raise AssertionError(f"could not lock {tables} within 30s")
            time.sleep(0.05)

    def release(self):
        if self.proc.poll() is None:
            try:
                self.proc.stdin.write("ROLLBACK;\n")
                self.proc.stdin.close()
            except BrokenPipeError:
                pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def free_port():
    """A loopback port nothing listens on (it was free a moment ago)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def run(args, env=None, timeout=120, stdin=None, cwd=None):
    """Runs dbaudit (in cwd when given); returns (exit code, stdout, stderr)."""
    e = dict(os.environ)
    e.pop("NO_COLOR", None)
    if env:
        e.update(env)
    p = subprocess.run([DBAUDIT] + list(args), capture_output=True, text=True, env=e, timeout=timeout, input=stdin,
                       cwd=cwd)
    return p.returncode, p.stdout, p.stderr


def audit(db, *args, env=None):
    """dbaudit db --format json on db; returns (exit code, parsed report, stderr)."""
    rc, out, err = run(["db", "--dsn", f"dbname={db}", "--format", "json", *args], env=env)
    try:
        doc = json.loads(out) if out.strip() else None
    except json.JSONDecodeError as ex:
        raise AssertionError(f"dbaudit printed invalid JSON ({ex}): {out[:500]!r} stderr={err!r}")
    return rc, doc, err


def findings(doc, rule=None):
    return [f for f in doc["findings"] if rule is None or f["rule"] == rule]


def pairs(doc, rule=None):
    """Sorted (rule, object) pairs of a report."""
    return sorted((f["rule"], f["location"].get("object", "")) for f in findings(doc, rule))


def eq(actual, expected, what=""):
    if actual != expected:
        raise AssertionError(f"{what}\n  expected: {expected!r}\n  actual:   {actual!r}")


def read_lines(path):
    """A data file's lines: stripped, without blank lines and # comments."""
    with open(path, encoding="utf-8") as f:
        return [ln.strip() for ln in f if ln.strip() and not ln.lstrip().startswith("#")]


def rule_tests(module_globals, rules, check):
    """Defines test_<ID> calling check(ID) for each rule, or only for the
    rules named on the command line when the module runs as a script."""
    selected = sys.argv[1:] if module_globals.get("__name__") == "__main__" else []
    for rule in rules:
        if selected and rule not in selected:
            continue

        def test(rule=rule):
            check(rule)
        test.__name__ = f"test_{rule}"
        module_globals[test.__name__] = test


def main(module_globals):
    require_server()
    tests = [(n, f) for n, f in module_globals.items() if n.startswith("test_") and callable(f)]
    failed = 0
    for name, fn in tests:
        try:
            fn()
            print(f"ok     {name}", flush=True)
        except Exception:  # noqa: BLE001 - report every failure, keep going
            failed += 1
            print(f"FAILED {name}", flush=True)
            traceback.print_exc()
    print(f"{len(tests) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
