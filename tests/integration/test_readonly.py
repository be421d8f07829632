"""The audit session cannot write, and does not try.

1. Every statement dbaudit sends is logged by the server (log_statement=all
   for the audited database only) and must be one of the read-only shapes
   of src/catalog/pgconn.c: SELECT/WITH queries, set_config() of the
   session limits, BEGIN ... READ ONLY, SAVEPOINT / ROLLBACK TO, COMMIT.
2. The transaction is READ ONLY and default_transaction_read_only is on:
   the logged BEGIN says READ ONLY, and set_config sets the default, so
   even a statement smuggled into the batch could not write.
3. The catalog read is one pipelined batch: the number of statements does
   not grow with the number of tables.
"""
import os
import re

from harness import audit, drop_db, eq, main, new_db, psql

ALLOWED = [
    r"SELECT pg_catalog\.set_config\('default_transaction_read_only', 'on', false\), "
    r"pg_catalog\.set_config\('statement_timeout', \$1, false\), pg_catalog\.set_config\('lock_timeout', \$2, false\), "
    r"pg_catalog\.set_config\('work_mem', COALESCE\(\$3, \(SELECT s\.reset_val \|\| COALESCE\(s\.unit, ''\) "
    r"FROM pg_catalog\.pg_settings s WHERE s\.name = 'work_mem'\)\), false\), pg_catalog\.set_config\('jit', 'off', false\)",
    r"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    r"SAVEPOINT dbaudit_q",
    r"ROLLBACK TO SAVEPOINT dbaudit_q",
    r"COMMIT",
    r"(WITH rel AS MATERIALIZED \(|SELECT ).*",
]

WRITE_WORDS = re.compile(r"\b(INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|TRUNCATE|GRANT|REVOKE|COPY|LOCK|VACUUM)\b", re.I)


def server_log():
    path = os.path.join(os.environ["DBAUDIT_PG_SOCKDIR"], "server.log")
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def statements_for(db, text):
    # "LOG:  execute <unnamed>: SAVEPOINT dbaudit_q" (extended protocol);
    # our marker comment identifies this database's run.
    out = []
    for line in text.splitlines():
        m = re.search(r"LOG:\s+(?:execute [^:]*|statement): (.*)$", line)
        if m:
            out.append(m.group(1))
    return out


def run_logged(tables, *args):
    ddl = "".join(f"CREATE TABLE t{i} (id int PRIMARY KEY, parent_id int);" for i in range(tables))
    db = new_db(ddl)
    try:
        psql("postgres", f'ALTER DATABASE "{db}" SET log_statement = \'all\'')
        before = len(server_log())
        rc, doc, err = audit(db, *args)
        eq(rc, 0, f"exit code ({err})")
        return db, statements_for(db, server_log()[before:])
    finally:
        drop_db(db)


def test_only_read_only_statements():
    db, stmts = run_logged(3)
    assert stmts, "the server logged the audit's statements"
    for s in stmts:
        assert any(re.fullmatch(a, s) for a in ALLOWED), f"unexpected statement: {s[:200]}"
        if s.startswith(("WITH", "SELECT")):
            assert not WRITE_WORDS.search(re.sub(r"'[^']*'", "''", s)), f"write keyword in: {s[:200]}"
    assert stmts[0].startswith("SELECT pg_catalog.set_config('default_transaction_read_only', 'on'"), stmts[0]
    eq(stmts[1], "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    eq(stmts[-1], "COMMIT")


def test_data_checks_only_read():
    # parent_id references its own table (an inferred reference), so --data
    # runs an orphan check for every table.
    db, stmts = run_logged(3, "--data")
    checks = [s for s in stmts if s.startswith("SELECT o.n, ")]
    eq(len(checks), 3, "one orphan check per table")
    for s in stmts:
        assert any(re.fullmatch(a, s) for a in ALLOWED), f"unexpected statement: {s[:200]}"
        if s.startswith(("WITH", "SELECT")):
            assert not WRITE_WORDS.search(re.sub(r"'[^']*'", "''", s)), f"write keyword in: {s[:200]}"
    eq(sum(s.startswith("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") for s in stmts), 1 + len(checks),
       "the catalog, then each data check, in a read-only transaction")


def test_constant_statement_count():
    _, few = run_logged(2)
    _, many = run_logged(200)
    eq(len(many), len(few), "statements for 200 tables vs 2 tables")


if __name__ == "__main__":
    main(globals())
