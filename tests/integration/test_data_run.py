"""Data checks under pressure: a budget that runs out, Ctrl-C in the middle
of a check, and the report that still comes out.  Checks are held up by a
real lock held in another session, so the timings do not depend on the
machine's speed."""
import json
import os
import signal
import subprocess
import time

from harness import DBAUDIT, TableLock, drop_db, eq, main, new_db, psql, run

SCHEMA = """
CREATE TABLE events (id int PRIMARY KEY);
INSERT INTO events VALUES (1);
CREATE TABLE tickets (id int PRIMARY KEY, event_id int);
INSERT INTO tickets VALUES (1, 1), (2, 7);
ALTER TABLE tickets ADD CONSTRAINT tickets_event_id_fkey FOREIGN KEY (event_id) REFERENCES events NOT VALID;
CREATE INDEX ON tickets (event_id);
CREATE TABLE scans (id int PRIMARY KEY, ticket_id int);
INSERT INTO scans VALUES (1, 99);
ALTER TABLE scans ADD CONSTRAINT scans_ticket_id_fkey FOREIGN KEY (ticket_id) REFERENCES tickets NOT VALID;
CREATE INDEX ON scans (ticket_id);
"""


def a002(doc):
    return sorted((f["location"]["object"], f["message"]) for f in doc["findings"] if f["rule"] == "A002")


def test_budget_runs_out():
    db = new_db(SCHEMA)
    lock = TableLock(db, "scans")
    try:
        t0 = time.monotonic()
        rc, out, err = run(["db", "--dsn", f"dbname={db}", "--data", "--only", "D001", "--format", "json",
                            "--lock-timeout", "60s", "--budget", "1500ms", "--fail-on", "none"], timeout=60)
        elapsed = time.monotonic() - t0
        doc = json.loads(out)
        assert elapsed < 10, f"the budget held: {elapsed:.1f}s"
        # scans is checked first (alphabetical) and waits on the lock until the
        # budget ends; tickets' check gets nothing left.
        got = a002(doc)
        eq([o for o, _ in got], ["public.scans.ticket_id", "public.tickets.event_id"], "incomplete checks")
        assert "statement timeout" in got[0][1], got[0][1]
        assert "budget" in got[1][1], got[1][1]
        eq([f["rule"] for f in doc["findings"] if f["rule"] == "D001"], [], "nothing reported as clean")
    finally:
        lock.release()
        drop_db(db)


def test_ctrl_c_cancels_and_reports():
    db = new_db(SCHEMA)
    lock = TableLock(db, "events")  # tickets' check reads events; scans' does not
    try:
        env = dict(os.environ)
        p = subprocess.Popen([DBAUDIT, "db", "--dsn", f"dbname={db}", "--data", "--only", "D001", "--format",
                              "json", "--lock-timeout", "60s"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=env)
        # wait until the check is waiting on the lock, then interrupt
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            waiting = psql(db, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'dbaudit' AND datname = current_database()"
                               " AND wait_event_type = 'Lock'").strip()
            if waiting == "1":
                break
            time.sleep(0.1)
        eq(waiting, "1", "dbaudit waits on the lock")
        t0 = time.monotonic()
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=30)
        assert time.monotonic() - t0 < 10, "the interrupt is prompt"
        eq(p.returncode, 3, f"exit code ({err})")
        assert "interrupted" in err, err
        doc = json.loads(out)
        eq(doc["sources"][0]["state"], "partial")
        # scans was counted before the interrupt; tickets was cancelled.
        eq([(f["rule"], f["location"]["object"], f.get("count")) for f in doc["findings"] if f["rule"] == "D001"],
           [("D001", "public.scans.ticket_id", 1)], "what was found before the interrupt")
        got = a002(doc)
        eq([o for o, _ in got], ["public.tickets.event_id"], "the cancelled check")
        assert "cancel" in got[0][1], got[0][1]
        # and nothing keeps running on the server (a backend takes a moment to exit)
        left = None
        for _ in range(50):
            left = psql(db, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'dbaudit' AND datname = current_database()").strip()
            if left == "0":
                break
            time.sleep(0.1)
        eq(left, "0", "no dbaudit session left")
    finally:
        lock.release()
        drop_db(db)


def test_sample_versus_full():
    """The same data in both modes: full counts exactly; sample reads the
    large table through TABLESAMPLE, says the count is an estimate, and
    leaves duplicates of large tables to full mode (A002), never clean."""
    db = new_db("""
        CREATE TABLE parent (id int PRIMARY KEY);
        INSERT INTO parent SELECT generate_series(1, 1000);
        CREATE TABLE child (id int PRIMARY KEY, parent_id int, tag text);
        INSERT INTO child SELECT g, CASE WHEN g % 50 = 0 THEN 5000 + g ELSE 1 + g % 1000 END, NULL
        FROM generate_series(1, 200000) g;
        ALTER TABLE child ADD CONSTRAINT child_parent_fkey FOREIGN KEY (parent_id) REFERENCES parent NOT VALID;
        CREATE INDEX ON child (parent_id);
        CREATE TABLE small_log (msg text);
        INSERT INTO small_log VALUES ('a'), ('a');
        CREATE TABLE big_log (msg text);
        INSERT INTO big_log SELECT 'x' FROM generate_series(1, 50000);
        ANALYZE;
    """)
    try:
        def report(mode):
            rc, out, err = run(["db", "--dsn", f"dbname={db}", f"--data={mode}", "--sample-rows", "20000",
                                "--only", "D001,D005", "--format", "json", "--fail-on", "none"])
            eq(rc, 0, err)
            return {(f["rule"], f["location"]["object"]): f for f in json.loads(out)["findings"]}
        full, sample = report("full"), report("sample")
        f = full[("D001", "public.child.parent_id")]
        eq((f["count"], f.get("estimated")), (4000, None), "full mode counts exactly")
        s = sample[("D001", "public.child.parent_id")]
        assert s.get("estimated") is True, s
        assert 2000 <= s["count"] <= 6000, f"an estimate near 4000: {s['count']}"
        assert "estimated from a" in s["message"], s["message"]
        eq(full[("D005", "public.big_log")]["count"], 49999, "full mode counts duplicates of the big table")
        assert sample[("A002", "public.big_log")]["message"].find("--data=full") > 0, "sample mode says why"
        eq(sample[("D005", "public.small_log")]["count"], 1, "small tables are counted in full in sample mode")
    finally:
        drop_db(db)


def test_emit_sql_matches_the_run():
    """--emit-sql prints the checks as a script; run by psql it counts what
    dbaudit --data counts, on the example and on hostile names."""
    from harness import SOURCE
    ex = os.path.join(SOURCE, "examples", "tickettoken")
    s = '"We\'ird ""S"""'
    kids = '"Kids\n--x"'
    hostile = (f"CREATE SCHEMA {s};"
               f"CREATE TABLE {s}.parents (id int PRIMARY KEY, deleted_at timestamptz);"
               f"CREATE TABLE {s}.{kids} (id int PRIMARY KEY, parent_id int, \"select\" text);"
               f"INSERT INTO {s}.parents VALUES (1, now());"
               f"INSERT INTO {s}.{kids} VALUES (1, 1, 'a'), (2, 5, 'b');")
    for db in (new_db(files=[os.path.join(ex, f) for f in ("schema.sql", "seed.sql", "data-flaws.sql")]),
               new_db(hostile)):
        try:
            rc, script, err = run(["db", "--dsn", f"dbname={db}", "--emit-sql"])
            eq(rc, 0, err)
            assert script.count("\nSELECT ") >= 1, script[:300]
            # names may hold newlines: read psql's CSV, which quotes them
            import csv
            import io
            rows = list(csv.reader(io.StringIO(psql(db, script, extra=["--csv"]))))
            emitted = sorted((r[0], r[1], int(r[2])) for r in rows if len(r) >= 3 and int(r[2]) > 0)
            rc, out, err = run(["db", "--dsn", f"dbname={db}", "--data", "--format", "json", "--fail-on", "none"])
            ran = sorted((f["rule"], f["location"]["object"], f["count"]) for f in json.loads(out)["findings"]
                         if f["rule"].startswith("D"))
            eq(emitted, ran, "the script counts what the run counts")
            assert ran, "something to count"
        finally:
            drop_db(db)


if __name__ == "__main__":
    main(globals())
