"""Several databases in one run: --dsn repeated or --dsn-file with names,
audited concurrently; every finding names its database; one unreachable
database is reported while the others are audited."""
import json
import os
import tempfile
import time

from harness import TableLock, drop_db, eq, free_port, main, new_db, run

PORT = os.environ.get("PGPORT", "")


def test_fleet_with_one_database_down():
    a = new_db("CREATE TABLE a_log (msg text);")
    b = new_db("CREATE TABLE parent (id int PRIMARY KEY); CREATE TABLE child (id int PRIMARY KEY, parent_id int);"
               "INSERT INTO child VALUES (1, 9);")
    try:
        with tempfile.NamedTemporaryFile("w", suffix=".dsn", delete=False) as f:
            f.write("# three services\n")
            f.write(f"ticketing: dbname={a}\n")
            f.write(f"\npayments: postgresql://127.0.0.1:{PORT}/{b}?sslmode=disable\n")
            f.write(f"nft: host=127.0.0.1 port={free_port()} dbname=x connect_timeout=2\n")
        rc, out, err = run(["db", "--dsn-file", f.name, "--data", "--format", "json", "--jobs", "2"], timeout=60)
        os.unlink(f.name)
        eq(rc, 3, "one database could not be audited")
        assert err.startswith("dbaudit: nft: cannot connect"), err
        doc = json.loads(out)
        eq([(s["name"], s["state"]) for s in doc["sources"]],
           [("ticketing", "audited"), ("payments", "audited"), ("nft", "failed")], "each database's state")
        got = sorted((f["location"]["database"], f["rule"], f["location"]["object"]) for f in doc["findings"])
        eq(got, [("payments", "D001", "public.child.parent_id"),
                 ("payments", "S003", "public.child.parent_id"),
                 ("ticketing", "S001", "public.a_log")],
           "findings name their database")
        rc, text, err = run(["db", "--dsn", f"dbname={a}", "--dsn", f"dbname={b}", "--fail-on", "none"])
        eq(rc, 0, err)
        assert f"== database {a} ==" in text and f"== database {b} ==" in text, text
        assert "in database " in text.splitlines()[-1] and ";" in text.splitlines()[-1], text.splitlines()[-1]
    finally:
        drop_db(a)
        drop_db(b)


def test_fleet_is_concurrent_and_bounded():
    # Four databases whose data check waits 1.5 s on a lock: with --jobs 2
    # two run at a time (never more), so the run takes two waits, not four.
    import subprocess
    import threading
    from harness import DBAUDIT, psql
    dbs = [new_db("CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int PRIMARY KEY, p_id int);"
                  "ALTER TABLE c ADD FOREIGN KEY (p_id) REFERENCES p NOT VALID; CREATE INDEX ON c (p_id);")
           for _ in range(4)]
    locks = [TableLock(d, "c") for d in dbs]
    try:
        args = [DBAUDIT, "db", "--data", "--format", "json", "--fail-on", "none", "--jobs", "2",
                "--lock-timeout", "1500ms"]
        for d in dbs:
            args += ["--dsn", f"dbname={d}"]
        peak = peak_sessions = 0
        done = threading.Event()

        def watch():
            # Databases being audited at once, and sessions (each database's
            # catalog is read by two).
            nonlocal peak, peak_sessions
            while not done.is_set():
                names = ",".join(f"'{d}'" for d in dbs)  # other tests run dbaudit too
                row = psql("postgres", "SELECT count(DISTINCT datname) || ' ' || count(*) FROM pg_stat_activity"
                                       f" WHERE application_name = 'dbaudit' AND datname IN ({names})").split()
                peak = max(peak, int(row[0]))
                peak_sessions = max(peak_sessions, int(row[1]))
                time.sleep(0.05)
        w = threading.Thread(target=watch)
        w.start()
        t0 = time.monotonic()
        p = subprocess.run(args, capture_output=True, text=True, timeout=120)
        elapsed = time.monotonic() - t0
        done.set()
        w.join()
        doc = json.loads(p.stdout)
        eq(sorted(s["state"] for s in doc["sources"]), ["audited"] * 4, p.stderr)
        eq(len([f for f in doc["findings"] if f["rule"] == "A002"]), 4, "each lock-bound check reported")
        eq(peak, 2, "two databases at a time, never more")
        assert peak_sessions <= 4, f"at most two sessions per database: {peak_sessions}"
        assert elapsed < 5.5, f"two rounds of 1.5 s, not four: {elapsed:.1f}s"
    finally:
        for l in locks:
            l.release()
        for d in dbs:
            drop_db(d)


def test_bad_dsn_file():
    with tempfile.NamedTemporaryFile("w", suffix=".dsn", delete=False) as f:
        f.write("orphan-name: \n")
    rc, out, err = run(["db", "--dsn-file", f.name])
    os.unlink(f.name)
    eq(rc, 2)
    assert "a name without a connection string" in err, err
    rc, out, err = run(["db", "--dsn-file", "/nonexistent/file"])
    eq(rc, 2)
    rc, out, err = run(["db", "--dsn", "dbname=a", "--dsn", "dbname=b", "--emit-sql"])
    eq(rc, 2)


if __name__ == "__main__":
    main(globals())
