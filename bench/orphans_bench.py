"""Orphan check benchmark (rule D001).

A parent table of 1,000,000 rows and a child of ROWS rows (default
10,000,000), 1% of which reference missing parents, through a foreign key
added NOT VALID.  Times, best of RUNS:
  - psql running the hand-written anti-join
      SELECT count(*) FROM child c WHERE c.parent_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM parent p WHERE p.id = c.parent_id)
  - dbaudit db --data --only D001 (catalog pass included)
and prints the ratio.
"""
import json
import os
import subprocess
import sys
import time

DBAUDIT = sys.argv[1] if len(sys.argv) > 1 else "build/dbaudit"
ROWS = int(os.environ.get("BENCH_ROWS", "10000000"))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
DB = "bench_orphans"


def psql(sql, db=DB):
    return subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", db, "-c", sql],
                          check=True, capture_output=True, text=True).stdout


def best(cmd):
    times = []
    for _ in range(RUNS):
        t0 = time.monotonic()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.monotonic() - t0)
    return min(times)


def main():
    subprocess.run(["dropdb", "--if-exists", DB], check=True, stderr=subprocess.DEVNULL)
    subprocess.run(["createdb", DB], check=True)
    t0 = time.monotonic()
    psql("CREATE TABLE parent (id bigint PRIMARY KEY)")
    psql("INSERT INTO parent SELECT g FROM generate_series(1, 1000000) g")
    psql("CREATE TABLE child (id bigint PRIMARY KEY, parent_id bigint)")
    psql(f"INSERT INTO child SELECT g, CASE WHEN g % 100 = 0 THEN 2000000 + g ELSE 1 + g % 1000000 END"
         f" FROM generate_series(1, {ROWS}) g")
    psql("ALTER TABLE child ADD CONSTRAINT child_parent_fkey FOREIGN KEY (parent_id) REFERENCES parent (id)"
         " ON DELETE RESTRICT NOT VALID")
    psql("CREATE INDEX ON child (parent_id)")
    psql("VACUUM ANALYZE")
    built = time.monotonic() - t0
    hand = ("SELECT count(*) FROM child c WHERE c.parent_id IS NOT NULL"
            " AND NOT EXISTS (SELECT 1 FROM parent p WHERE p.id = c.parent_id)")
    expected = int(psql(hand))
    t_hand = best(["psql", "-X", "-q", "-At", "-d", DB, "-c", hand])
    t_tool = best([DBAUDIT, "db", "--dsn", f"dbname={DB}", "--data", "--only", "D001", "--fail-on", "none",
                   "--statement-timeout", "10min", "--format", "json"])
    out = subprocess.run([DBAUDIT, "db", "--dsn", f"dbname={DB}", "--data", "--only", "D001", "--fail-on", "none",
                          "--statement-timeout", "10min", "--format", "json"], capture_output=True, text=True)
    counts = [f["count"] for f in json.loads(out.stdout)["findings"] if f["rule"] == "D001"]
    print(f"{ROWS} child rows, {expected} orphans (dbaudit counted {counts}), data built in {built:.0f} s")
    print(f"hand-written anti-join (psql): {t_hand:.3f} s   dbaudit --data --only D001: {t_tool:.3f} s"
          f"   ratio {t_tool / t_hand:.2f}")
    sample_cmd = [DBAUDIT, "db", "--dsn", f"dbname={DB}", "--data=sample", "--budget", "5s", "--fail-on", "none",
                  "--format", "json"]
    t0 = time.monotonic()
    out = subprocess.run(sample_cmd, capture_output=True, text=True)
    t_sample = time.monotonic() - t0
    found = [(f["rule"], f.get("count"), f.get("estimated", False)) for f in json.loads(out.stdout)["findings"]
             if f["rule"] in ("D001", "A002")]
    print(f"dbaudit --data=sample --budget 5s (every data rule): {t_sample:.3f} s, findings {found}")
    subprocess.run(["dropdb", DB], check=True)


if __name__ == "__main__":
    main()
