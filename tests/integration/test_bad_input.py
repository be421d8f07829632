"""Bad input and broken environments: a clear one-line error or a finding
saying what could not be checked, the rest still reported, exit 3 when the
audit could not run, never a crash or a hang.

The dropped connection goes through a small TCP proxy (real sockets, a real
server behind it) that cuts both sides in the middle of the catalog read.
Timeouts are provoked with real catalog locks held by another session.
"""
import json
import os
import socket
import subprocess
import threading
import time

from harness import TableLock, audit, drop_db, eq, free_port, main, new_db, psql, run

PORT = os.environ.get("PGPORT", "")


def one_line_error(err, *needles):
    assert err.startswith("dbaudit: "), repr(err)
    eq(err.count("\n"), 1, f"one line: {err!r}")
    for n in needles:
        assert n in err, f"{n!r} not in {err!r}"


def test_unreachable_server():
    t0 = time.monotonic()
    rc, out, err = run(["db", "--dsn", f"host=127.0.0.1 port={free_port()} dbname=x"])
    eq(rc, 3, "exit code")
    one_line_error(err, "cannot connect", "Connection refused")
    assert time.monotonic() - t0 < 10


def test_connect_timeout_never_hangs():
    # A listening socket that never answers: the connection stalls in the
    # startup phase until the connect timeout ends it.
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(1)
    try:
        t0 = time.monotonic()
        rc, out, err = run(["db", "--dsn", f"host=127.0.0.1 port={s.getsockname()[1]} dbname=x",
                            "--connect-timeout", "2s"], timeout=30)
        elapsed = time.monotonic() - t0
        eq(rc, 3, "exit code")
        one_line_error(err, "cannot connect")
        assert elapsed < 15, f"took {elapsed:.1f}s"
    finally:
        s.close()


def test_wrong_password_is_not_printed():
    db = new_db("CREATE TABLE t (id int PRIMARY KEY);")
    try:
        psql("postgres", "DO $$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dbaudit_pw') "
                         "THEN CREATE ROLE dbaudit_pw LOGIN PASSWORD 'right-horse'; END IF; END$$;")
        for dsn in (f"postgresql://dbaudit_pw:Sekr3tPassw0rd@127.0.0.1:{PORT}/{db}?sslmode=disable",
                    f"host=127.0.0.1 port={PORT} dbname={db} user=dbaudit_pw password=Sekr3tPassw0rd"):
            for fmt in ("text", "json"):
                rc, out, err = run(["db", "--dsn", dsn, "--format", fmt])
                eq(rc, 3, "exit code")
                one_line_error(err, "password authentication failed")
                assert "Sekr3t" not in out + err, "the password must never be printed"
                if fmt == "json":
                    doc = json.loads(out)
                    eq(doc["sources"][0]["state"], "failed")
                    eq(doc["findings"], [])
        rc, out, err = run(["db", "--dsn", f"host=127.0.0.1 port={PORT} dbname={db} user=dbaudit_pw password=right-horse"])
        eq(rc, 0, f"the right password works: {err}")
    finally:
        drop_db(db)


def test_missing_database():
    rc, out, err = run(["db", "--dsn", "dbname=no_such_database_here"])
    eq(rc, 3)
    one_line_error(err, "no_such_database_here", "does not exist")


def test_environment_connection():
    db = new_db("CREATE TABLE t (a int);")
    try:
        rc, out, err = run(["db", "--format", "json"], env={"PGDATABASE": db})
        eq(rc, 1, f"PG* variables are used: {err}")
        eq(json.loads(out)["sources"][0]["name"], db)
    finally:
        drop_db(db)


class CuttingProxy:
    """Forwards a connection to the server and cuts it, on both sides, after
    the first bytes of the reply to the first query (a Parse message)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.port = self.sock.getsockname()[1]
        self.cut = False
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", int(PORT)))
            threading.Thread(target=self.pump, args=(client, server), daemon=True).start()

    def pump(self, client, server):
        # Client side framing: an untyped startup packet, then typed messages.
        buf = b""
        started = False
        try:
            client.settimeout(10)
            server.settimeout(10)
            while True:
                data = client.recv(65536)
                if not data:
                    break
                buf += data
                query_sent = False
                while True:
                    if not started:
                        if len(buf) < 4:
                            break
                        n = int.from_bytes(buf[:4], "big")
                        if len(buf) < n:
                            break
                        buf = buf[n:]
                        started = True
                    else:
                        if len(buf) < 5:
                            break
                        n = int.from_bytes(buf[1:5], "big")
                        if len(buf) < n + 1:
                            break
                        query_sent = query_sent or buf[:1] == b"P"
                        buf = buf[n + 1:]
                server.sendall(data)
                if query_sent:
                    reply = server.recv(65536)
                    client.sendall(reply[: max(1, len(reply) // 2)])
                    self.cut = True
                    break
                # Relay the server's answers (startup, auth) until the client speaks again.
                server.settimeout(0.2)
                try:
                    while True:
                        r = server.recv(65536)
                        if not r:
                            break
                        client.sendall(r)
                except socket.timeout:
                    pass
                server.settimeout(10)
        finally:
            client.close()
            server.close()

    def close(self):
        self.sock.close()


def test_connection_dropped_mid_audit():
    db = new_db("CREATE TABLE t (a int); CREATE TABLE u (id int PRIMARY KEY, t_id int);")
    proxy = CuttingProxy()
    try:
        for fmt in ("text", "json"):
            rc, out, err = run(["db", "--dsn", f"host=127.0.0.1 port={proxy.port} dbname={db} sslmode=disable",
                                "--format", fmt], timeout=60)
            assert proxy.cut, "the proxy cut the connection"
            eq(rc, 3, f"exit code ({err})")
            one_line_error(err, "connection lost")
            if fmt == "json":
                eq(json.loads(out)["sources"][0]["state"], "failed")
    finally:
        proxy.close()
        drop_db(db)


TENANT_SCHEMA = """
CREATE TABLE tenants (id uuid PRIMARY KEY);
CREATE TABLE events (id uuid PRIMARY KEY, tenant_id uuid NOT NULL REFERENCES tenants ON DELETE RESTRICT);
CREATE INDEX ON events (tenant_id);
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
CREATE POLICY p ON events USING (true);
"""


def test_lock_timeout_on_optional_part_is_reported_not_passed():
    db = new_db(TENANT_SCHEMA)
    lock = TableLock(db, "pg_catalog.pg_policy")
    try:
        t0 = time.monotonic()
        rc, doc, err = audit(db, "--lock-timeout", "300ms")
        assert time.monotonic() - t0 < 20
        eq(rc, 1, "the incomplete audit fails")
        eq(doc["sources"][0]["state"], "partial")
        a = [f for f in doc["findings"] if f["rule"] == "A001"]
        eq(len(a), 1, "one audit-incomplete finding")
        for s in ("RLS policies", "lock timeout", "S016", "S017", "S018", "S019"):
            assert s in a[0]["message"], f"{s!r} not in {a[0]['message']!r}"
        eq([f["rule"] for f in doc["findings"] if f["rule"] in ("S016", "S017", "S018", "S019")], [],
           "policy rules did not run")
        # Everything else still ran: S015 does not apply (RLS on), the
        # table-level rules did.
        assert "S001" not in {f["rule"] for f in doc["findings"]}
    finally:
        lock.release()
    try:
        rc, doc, err = audit(db)
        eq(doc["sources"][0]["state"], "audited")
        assert "S018" in {f["rule"] for f in doc["findings"]}, "with the lock gone the policy rules run"
    finally:
        drop_db(db)


def test_statement_timeout():
    db = new_db(TENANT_SCHEMA)
    lock = TableLock(db, "pg_catalog.pg_policy")
    try:
        rc, doc, err = audit(db, "--lock-timeout", "0", "--statement-timeout", "400ms")
        a = [f for f in doc["findings"] if f["rule"] == "A001"]
        eq(len(a), 1)
        assert "statement timeout" in a[0]["message"], a[0]["message"]
    finally:
        lock.release()
        drop_db(db)


def test_essential_catalog_unreadable_exits_3():
    db = new_db(TENANT_SCHEMA)
    lock = TableLock(db, "pg_catalog.pg_constraint")
    try:
        rc, out, err = run(["db", "--dsn", f"dbname={db}", "--lock-timeout", "300ms"])
        eq(rc, 3, "exit code")
        one_line_error(err, "cannot read the catalog", "canceling statement due to lock timeout")
        assert "LINE" not in err, "no SQL context in the one-line error"
    finally:
        lock.release()
        drop_db(db)


def test_role_without_table_rights_still_audits_the_catalog():
    db = new_db("""
        CREATE SCHEMA secret;
        CREATE TABLE secret.ledger (id int, account_id int, amount numeric);
        CREATE TABLE public.accounts (id int PRIMARY KEY);
        DO $$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'auditor_norights')
           THEN CREATE ROLE auditor_norights LOGIN; END IF; END$$;
        REVOKE ALL ON SCHEMA secret FROM PUBLIC;
        REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
    """)
    try:
        rc, as_owner, _ = audit(db)
        rc2, as_auditor, err = audit(db, env={"PGUSER": "auditor_norights"})
        eq(rc2, rc, f"same exit code ({err})")
        eq([(f["rule"], f["location"]) for f in as_auditor["findings"]],
           [(f["rule"], f["location"]) for f in as_owner["findings"]], "same findings without table rights")
        assert any(f["location"].get("object") == "secret.ledger" for f in as_auditor["findings"])
    finally:
        drop_db(db)


def test_second_session_refused_reads_with_one():
    # The catalog is read by two sessions sharing a snapshot; a role allowed
    # only one connection gets the same audit from one session, silently.
    db = new_db(TENANT_SCHEMA + """
        CREATE SCHEMA other;
        CREATE TABLE other.accounts (id int PRIMARY KEY);
        CREATE TABLE public.payments (id int PRIMARY KEY, account_id int REFERENCES other.accounts);
        DO $$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'auditor_one_conn')
           THEN CREATE ROLE auditor_one_conn LOGIN CONNECTION LIMIT 1; END IF; END$$;
    """)
    try:
        rc, two, _ = audit(db, "--schema", "public")
        # Both sessions connect at once and either may be the one refused:
        # several runs see both orders.
        for _ in range(6):
            rc2, one, err = audit(db, "--schema", "public", env={"PGUSER": "auditor_one_conn"})
            eq(rc2, rc, f"same exit code ({err})")
            eq(err.strip(), "", "nothing on stderr")
            eq([(f["rule"], f["location"], f["message"]) for f in one["findings"]],
               [(f["rule"], f["location"], f["message"]) for f in two["findings"]], "same findings from one session")
            eq(one["sources"][0]["state"], "audited")
        # The key to a table outside the audited schema is named all the same.
        assert any("other.accounts" in f["message"] for f in one["findings"] if f["rule"] == "S002"), \
            [f["message"] for f in one["findings"]]
    finally:
        drop_db(db)


if __name__ == "__main__":
    main(globals())
