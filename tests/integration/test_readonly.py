"""The audit session cannot write, and does not try.

1. Every statement dbaudit sends is logged by the server (log_statement=all
   for the audited database only) and must be one of the read-only shapes
   of src/catalog/pgconn.c: SELECT/WITH queries, set_config() of the
   session limits, BEGIN ... READ ONLY, SAVEPOINT / ROLLBACK TO, COMMIT.
2. The transaction is READ ONLY and default_transaction_read_only is on:
   the logged BEGIN says READ ONLY, and set_config sets the default, so
   even a statement smuggled into the batch could not write.
3. The catalog read is pipelined: the number of statements does not grow
   with the number of tables.
4. It is spread over two sessions that share one snapshot: the first
   exports it (pg_export_snapshot) and the second imports it (SET
   TRANSACTION SNAPSHOT) before its first query.
"""
import os
import re

from harness import audit, drop_db, eq, main, new_db, psql

ALLOWED = [
    r"SELECT pg_catalog\.set_config\('default_transaction_read_only', 'on', false\), "
    r"pg_catalog\.set_config\('statement_timeout', \$1, false\), pg_catalog\.set_config\('lock_timeout', \$2, false\), "
    r"pg_catalog\.set_config\('work_mem', COALESCE\(\$3, \(SELECT s\.reset_val \|\| COALESCE\(s\.unit, ''\) "
    r"FROM pg_catalog\.pg_settings s WHERE s\.name = 'work_mem'\)\), false\), pg_catalog\.set_config\('jit', 'off', false\), "
    r"pg_catalog\.set_config\('max_parallel_workers_per_gather', '0', false\)",
    r"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    r"SET TRANSACTION SNAPSHOT '[0-9A-F]+-[0-9A-F]+-[0-9]+'",
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
    # "2026-... UTC [4242] LOG:  execute <unnamed>: SAVEPOINT dbaudit_q"
    # (extended protocol), in the order the server ran them; returns them
    # all, and by session (the backend's process id).
    out, by_pid = [], {}
    for line in text.splitlines():
        m = re.search(r"\[(\d+)\] LOG:\s+(?:execute [^:]*|statement): (.*)$", line)
        if m:
            out.append(m.group(2))
            by_pid.setdefault(m.group(1), []).append(m.group(2))
    return out, list(by_pid.values())


def run_logged(tables, *args):
    ddl = "".join(f"CREATE TABLE t{i} (id int PRIMARY KEY, parent_id int);" for i in range(tables))
    db = new_db(ddl)
    try:
        psql("postgres", f'ALTER DATABASE "{db}" SET log_statement = \'all\'')
        before = len(server_log())
        rc, doc, err = audit(db, *args)
        eq(rc, 0, f"exit code ({err})")
        return statements_for(db, server_log()[before:])
    finally:
        drop_db(db)


def test_only_read_only_statements():
    stmts, sessions = run_logged(3)
    assert stmts, "the server logged the audit's statements"
    for s in stmts:
        assert any(re.fullmatch(a, s) for a in ALLOWED), f"unexpected statement: {s[:200]}"
        if s.startswith(("WITH", "SELECT")):
            assert not WRITE_WORDS.search(re.sub(r"'[^']*'", "''", s)), f"write keyword in: {s[:200]}"
    eq(len(sessions), 2, "sessions")
    for ss in sessions:
        assert ss[0].startswith("SELECT pg_catalog.set_config('default_transaction_read_only', 'on'"), ss[0]
        eq(ss[1], "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        eq(ss[-1], "COMMIT")
    first, second = sorted(sessions, key=lambda ss: ss[2].startswith("SET TRANSACTION SNAPSHOT"))
    eq(first[2], "SELECT pg_catalog.pg_export_snapshot()", "the first session exports its snapshot")
    assert second[2].startswith("SET TRANSACTION SNAPSHOT"), "the second imports it before any query"
    assert not any(s.startswith("SET TRANSACTION") for s in first)


def test_data_checks_only_read():
    # parent_id references its own table (an inferred reference), so --data
    # runs an orphan check for every table.
    stmts, _ = run_logged(3, "--data")
    checks = [s for s in stmts if s.startswith("SELECT o.n, ")]
    eq(len(checks), 3, "one orphan check per table")
    for s in stmts:
        assert any(re.fullmatch(a, s) for a in ALLOWED), f"unexpected statement: {s[:200]}"
        if s.startswith(("WITH", "SELECT")):
            assert not WRITE_WORDS.search(re.sub(r"'[^']*'", "''", s)), f"write keyword in: {s[:200]}"
    eq(sum(s.startswith("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") for s in stmts), 2 + len(checks),
       "the catalog (two sessions), then each data check, in a read-only transaction")


def test_constant_statement_count():
    few, _ = run_logged(2)
    many, _ = run_logged(200)
    eq(len(many), len(few), "statements for 200 tables vs 2 tables")


if __name__ == "__main__":
    main(globals())
