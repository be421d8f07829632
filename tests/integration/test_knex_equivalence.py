"""The static reading of migrations equals what Knex really builds.

The example project's migrations (examples/tickettoken/services) are
applied for real to a fresh database by Knex itself (tests/knex/migrate.js,
Knex, pg and TypeScript pinned in tests/knex/package-lock.json and installed
by scripts/setup.sh), then:

  dbaudit db --print-model     the model read back from the catalog
  dbaudit scan --print-model   the model dbaudit built without running them

must print the same tables (columns with types, NOT NULL and the kind of
default; constraints with columns, targets, actions and validity; indexes
with keys, uniqueness and predicate columns; policies; RLS flags) and the
same enum types.  Each service is a project of its own for the scan; the
database holds them all, so the scan's projects are merged before the
comparison.

The same comparison runs on the database built from schema.sql (the one
'make demo' audits): the migrations are the history of that schema; and on
tests/scan/constructs, a project that uses every builder construct dbaudit
reads (types, modifiers, renames, drops, guards, loops, imported helpers).
"""
import os
import shutil
import subprocess

from harness import SOURCE, drop_db, main, new_db, run

SERVICES = os.path.join(SOURCE, "examples", "tickettoken", "services")
RUNNER = os.path.join(SOURCE, "tests", "knex", "migrate.js")
ORDER_FILE = os.path.join(SERVICES, "ORDER")


def services():
    """Service folders in the order their migrations must run."""
    with open(ORDER_FILE, encoding="utf-8") as f:
        names = [ln.strip() for ln in f if ln.strip() and not ln.startswith("#")]
    if not names:
        raise AssertionError(f"{ORDER_FILE} lists no service")
    return [os.path.join(SERVICES, n) for n in names]


def parse_model(text):
    """{'table public.x': [lines...], 'type public.t ...': []} from a model dump
    (project headers '# name' skipped; several projects merged)."""
    out = {}
    current = None
    for ln in text.splitlines():
        if not ln.strip() or ln.startswith("#"):
            continue
        if ln.startswith("  "):
            if current is None:
                raise AssertionError(f"model line outside a table: {ln!r}")
            out[current].append(ln.strip())
            continue
        if ln.startswith("table "):
            # "table public.x rls rls-forced": the key is the name
            current = " ".join(ln.split()[:2])
            if current in out:
                raise AssertionError(f"{current} appears in two projects")
            out[current] = [ln]
        else:
            current = None
            out[ln] = []
    return out


def compare(live, static, what):
    problems = []
    for key in sorted(set(live) | set(static)):
        a, b = live.get(key), static.get(key)
        if a is None:
            problems.append(f"{key}: only in the static model")
            continue
        if b is None:
            problems.append(f"{key}: only in the database")
            continue
        if a != b:
            only_live = [x for x in a if x not in b]
            only_static = [x for x in b if x not in a]
            problems.append(f"{key}:\n" + "".join(f"      database: {x}\n" for x in only_live)
                            + "".join(f"      static:   {x}\n" for x in only_static))
    if problems:
        raise AssertionError(f"{what}: {len(problems)} difference(s)\n  " + "\n  ".join(problems))


CONSTRUCTS = os.path.join(SOURCE, "tests", "scan", "constructs")


def static_model(path=SERVICES):
    rc, out, err = run(["scan", "--print-model", path])
    if rc != 0:
        raise AssertionError(f"dbaudit scan --print-model exited {rc}: {err.strip()}")
    return parse_model(out)


def live_model(db):
    rc, out, err = run(["db", "--dsn", f"dbname={db}", "--print-model"])
    if rc != 0:
        raise AssertionError(f"dbaudit db --print-model exited {rc}: {err.strip()}")
    return parse_model(out)


def migrate(db, dirs=None):
    node = shutil.which("node")
    if not node:
        raise AssertionError("node is not installed: run scripts/setup.sh")
    if not os.path.isdir(os.path.join(SOURCE, "tests", "knex", "node_modules", "knex")):
        raise AssertionError("tests/knex/node_modules is missing: run scripts/setup.sh")
    env = dict(os.environ, PGDATABASE=db)
    p = subprocess.run([node, RUNNER, *(dirs or services())], capture_output=True, text=True, env=env,
                       timeout=300)
    if p.returncode != 0:
        raise AssertionError(f"applying the migrations with Knex failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")


def test_static_model_equals_knex_applied_model():
    db = new_db(prefix="eqk")
    try:
        migrate(db)
        compare(live_model(db), static_model(), "migrations applied by Knex vs read by dbaudit scan")
    finally:
        drop_db(db)


def test_migrations_rebuild_the_example_schema():
    db = new_db(files=[os.path.join(SOURCE, "examples", "tickettoken", "schema.sql")], prefix="eqs")
    try:
        compare(live_model(db), static_model(), "schema.sql vs the migrations read by dbaudit scan")
    finally:
        drop_db(db)


def test_every_construct_read_as_knex_runs_it():
    db = new_db(prefix="eqc")
    try:
        migrate(db, [CONSTRUCTS])
        compare(live_model(db), static_model(CONSTRUCTS), "tests/scan/constructs applied by Knex vs read by dbaudit scan")
    finally:
        drop_db(db)


if __name__ == "__main__":
    main(globals())
