"""Catalog audit benchmark: wall time of `dbaudit db` on 2,000 and 10,000
tables.

Each generated table looks like a tenant-scoped service table: uuid primary
key, tenant_id NOT NULL with a foreign key to tenants and an index, a
foreign key to the previous table, a money column with a CHECK, a status
column, RLS enabled and forced with a tenant policy.  Every tenth table
carries flaws (no index on its foreign key, a unique key without tenant_id,
no CHECK, RLS not forced, a USING (true) policy), so the rules have real work.

Prints, per size: tables, findings, then min / median / max wall seconds
over the runs, and the peak resident memory of dbaudit.  Two references
follow, on the same database: dbaudit with a schema filter that matches
nothing (starting the program, connecting both sessions, the fixed queries
and an empty report: what any audit costs before the first table), and
`psql -c 'SELECT 1'` (starting a client and a server backend).
"""
import json
import os
import resource
import statistics
import subprocess
import sys
import time

DBAUDIT = sys.argv[1] if len(sys.argv) > 1 else "build/dbaudit"
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "2000,10000").split(",")]
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
BATCH = 250


def psql(db, sql):
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db], input=sql, text=True, check=True,
                   stdout=subprocess.DEVNULL)


def table_sql(i):
    flawed = i % 10 == 0
    prev = f"REFERENCES t{i - 1:05d} (id) ON DELETE RESTRICT" if i > 0 else ""
    money_check = "" if flawed else "CHECK (amount >= 0)"
    s = [f"""CREATE TABLE t{i:05d} (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
  parent_id uuid {prev},
  slug text NOT NULL,
  amount numeric(12,2) {money_check},
  status text NOT NULL CHECK (status IN ('open', 'closed')),
  created_at timestamptz NOT NULL DEFAULT now());""",
         f"CREATE INDEX ON t{i:05d} (tenant_id);",
         f"CREATE UNIQUE INDEX ON t{i:05d} ({'' if flawed else 'tenant_id, '}slug);",
         f"ALTER TABLE t{i:05d} ENABLE ROW LEVEL SECURITY;",
         f"CREATE POLICY tenant_isolation ON t{i:05d} USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid);"]
    if not flawed:
        s.append(f"CREATE INDEX ON t{i:05d} (parent_id);")
        s.append(f"ALTER TABLE t{i:05d} FORCE ROW LEVEL SECURITY;")
    else:
        s.append(f"CREATE POLICY admin_all ON t{i:05d} USING (true);")
    return "\n".join(s)


def create(n):
    db = f"bench_{n}"
    subprocess.run(["dropdb", "--if-exists", db], check=True, stderr=subprocess.DEVNULL)
    subprocess.run(["createdb", db], check=True)
    psql(db, "CREATE TABLE tenants (id uuid PRIMARY KEY, name text NOT NULL);")
    t0 = time.monotonic()
    for start in range(0, n, BATCH):
        psql(db, "BEGIN;\n" + "\n".join(table_sql(i) for i in range(start, min(n, start + BATCH))) + "\nCOMMIT;\n")
    # A database of that size has been vacuumed before anyone audits it:
    # without this the first runs also set the new catalog rows' hint bits
    # and race autovacuum on the catalogs the DDL just bloated.
    psql(db, "VACUUM ANALYZE;")
    return db, time.monotonic() - t0


def timed(cmd, runs):
    times = []
    for _ in range(runs):
        t0 = time.monotonic()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.monotonic() - t0)
    return times


def spread(times):
    return f"min {min(times):.3f} s  median {statistics.median(times):.3f} s  max {max(times):.3f} s"


def main():
    print(f"dbaudit catalog benchmark: {DBAUDIT}, {RUNS} runs per size, {os.cpu_count()} CPUs")
    for n in SIZES:
        db, built = create(n)
        times = []
        findings = None
        subprocess.run([DBAUDIT, "db", "--dsn", f"dbname={db}", "--format", "json", "--fail-on", "none"],
                       stdout=subprocess.DEVNULL, check=True)  # warm-up, not timed
        for _ in range(RUNS):
            t0 = time.monotonic()
            p = subprocess.run([DBAUDIT, "db", "--dsn", f"dbname={db}", "--format", "json", "--fail-on", "none"],
                               capture_output=True, text=True)
            times.append(time.monotonic() - t0)
            if p.returncode != 0:
                sys.exit(f"dbaudit failed: {p.stderr}")
            findings = len(json.loads(p.stdout)["findings"])
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"{n + 1:6d} tables  {findings:6d} findings  wall min {min(times):.3f} s  "
              f"median {statistics.median(times):.3f} s  max {max(times):.3f} s  "
              f"peak RSS {rss:.0f} MiB  (schema built in {built:.0f} s)", flush=True)
        empty = timed([DBAUDIT, "db", "--dsn", f"dbname={db}", "--schema", "no_such_schema", "--format", "json",
                       "--fail-on", "none"], RUNS)
        print(f"{'':6s}   reference: dbaudit on no table   {spread(empty)}", flush=True)
        bare = timed(["psql", "-X", "-q", "-d", db, "-c", "SELECT 1"], RUNS)
        print(f"{'':6s}   reference: psql -c 'SELECT 1'     {spread(bare)}", flush=True)
        subprocess.run(["dropdb", db], check=True)


if __name__ == "__main__":
    main()
