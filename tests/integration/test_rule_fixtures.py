"""Golden fixtures: tests/rules/<ID>/ for every rule.

For each rule directory:
  bad.sql       loaded into a fresh database; 'dbaudit db --only <ID>' must
                report exactly the findings listed in bad.expected
                ("<RULE> <location.object>" per line, # comments; $DB stands
                for the database name);
  bad.lock      optional: tables (one per line; bare names are pg_catalog's)
                that another session holds in ACCESS EXCLUSIVE mode while
                dbaudit runs with --lock-timeout 300ms;
  bad.args      optional: more dbaudit arguments (a later --only wins);
                data rules (D###, A002) run with --data;
  count=N       after an expected line: the finding's "count" must be N;
  good.sql      loaded into another fresh database: no finding of the rule;
  fix round trip: every finding's fix of the bad database, comments
                stripped, is run with psql (autocommit, ON_ERROR_STOP) and
                must succeed; a re-audit must no longer report any finding
                whose fix held an executable statement (fingerprints).

One test per directory (test_<ID>); each collects every problem of its rule
and reports them together.  Run a subset with: test_rule_fixtures.py S002 S011
"""
import os
import subprocess
import tempfile

from harness import SOURCE, TableLock, audit, drop_db, main, new_db, psql, read_lines, rule_tests

RULES_DIR = os.path.join(SOURCE, "tests", "rules")
LOCK_TIMEOUT = "300ms"



def expected_lines(rule_dir, db):
    """bad.expected as (rule, object, count or None); $DB becomes db."""
    out = []
    for ln in read_lines(os.path.join(rule_dir, "bad.expected")):
        rule, _, obj = ln.strip().partition(" ")
        count = None
        head, sep, tail = obj.rpartition(" count=")
        if sep and tail.isdigit():
            obj, count = head, int(tail)
        out.append((rule, obj.replace("$DB", db), count))
    return out


def expected_pairs(rule_dir, db):
    """bad.expected as sorted (rule, object) pairs."""
    return sorted((r, o) for r, o, _ in expected_lines(rule_dir, db))


def report_pairs(doc):
    return sorted((f["rule"], f["location"].get("object", "")) for f in doc["findings"])


def executable(fix):
    """The fix without comment lines; empty when it is only comments."""
    if not fix:
        return ""
    body = "\n".join(ln for ln in fix.splitlines() if not ln.lstrip().startswith("--"))
    return body if body.strip() else ""


def load(dbs, rule_dir, name, prefix):
    """A fresh database (recorded in dbs, for dropping) with rule_dir/name loaded."""
    db = new_db(prefix=prefix)
    dbs.append(db)
    try:
        psql(db, file=os.path.join(rule_dir, name))
    except AssertionError as ex:
        raise AssertionError(f"{os.path.basename(rule_dir)}/{name} does not load: {ex}") from None
    return db


def extra_args(rule):
    path = os.path.join(RULES_DIR, rule, "bad.args")
    extra = " ".join(read_lines(path)).split() if os.path.exists(path) else []
    data = ["--data"] if rule.startswith("D") or rule == "A002" else []
    return data + extra


def run_audit(db, rule, locks=()):
    args = ["--only", rule, "--fail-on", "none"] + extra_args(rule)
    lock = None
    if locks:
        args += ["--lock-timeout", LOCK_TIMEOUT]
        lock = TableLock(db, [t if "." in t else f"pg_catalog.{t}" for t in locks])
    try:
        rc, doc, err = audit(db, *args)
    finally:
        if lock:
            lock.release()
    if doc is None or rc != 0:
        raise AssertionError(f"dbaudit --only {rule} on {db} exited {rc} with no usable report: {err.strip()}")
    return doc


def check_bad(rule, rule_dir, bad, locks, problems):
    """bad.sql: exactly the findings of bad.expected.  Returns the report."""
    doc = run_audit(bad, rule, locks)
    actual, want = report_pairs(doc), expected_pairs(rule_dir, bad)
    if actual != want:
        missing, extra = list(want), []
        for p in actual:
            if p in missing:
                missing.remove(p)
            else:
                extra.append(p)
        problems.append("bad.sql: findings differ from bad.expected\n"
                        + "".join(f"    missing:    {r} {o}\n" for r, o in missing)
                        + "".join(f"    unexpected: {r} {o}\n" for r, o in extra))
    counts = {}
    for f in doc["findings"]:
        counts.setdefault((f["rule"], f["location"].get("object", "")), []).append(f.get("count"))
    for r, o, n in expected_lines(rule_dir, bad):
        if n is not None and n not in counts.get((r, o), []):
            problems.append(f"bad.sql: {r} {o} should count {n} rows, counted {counts.get((r, o))}")
    return doc


def check_good(rule, good, problems):
    """good.sql: no finding of the rule."""
    found = [f for f in run_audit(good, rule)["findings"] if f["rule"] == rule]
    if found:
        problems.append("good.sql: findings where none are expected\n"
                        + "".join(f"    {f['rule']} {f['location'].get('object', '')}: {f['message']}\n"
                                  for f in found))


def check_fixes(rule, bad, doc, locks, problems):
    """Runs each finding's fix (one psql -f per finding, in report order),
    then re-audits: the findings that had an executable fix must be gone."""
    fixed = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, f in enumerate(doc["findings"]):
            body = executable(f.get("fix"))
            if not body:
                continue
            path = os.path.join(tmp, f"fix{n}.sql")
            with open(path, "w", encoding="utf-8") as out:
                out.write(body + "\n")
            p = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", bad, "-f", path],
                               capture_output=True, text=True, timeout=300)
            if p.returncode != 0:
                problems.append(f"fix for {f['rule']} {f['location'].get('object', '')} failed:\n"
                                + "".join(f"    | {ln}\n" for ln in body.splitlines())
                                + f"    psql: {p.stderr.strip()}\n")
            fixed.append(f)
    if not fixed:
        return
    after = {f["fingerprint"] for f in run_audit(bad, rule, locks)["findings"]}
    for f in fixed:
        if f["fingerprint"] in after:
            problems.append(f"after its fix ran, {f['rule']} {f['location'].get('object', '')} is still "
                            f"reported: {f['message']}")


def check_rule(rule):
    rule_dir = os.path.join(RULES_DIR, rule)
    lock_path = os.path.join(rule_dir, "bad.lock")
    locks = [t.strip() for t in read_lines(lock_path)] if os.path.exists(lock_path) else []
    problems = []
    dbs = []

    def step(what, fn, *args):
        try:
            return fn(*args)
        except Exception as ex:  # noqa: BLE001 - one broken step must not hide the others
            problems.append(f"{what}: {type(ex).__name__}: {ex}")
            return None

    try:
        bad = step("bad.sql", load, dbs, rule_dir, "bad.sql", "rf_bad")
        doc = step("bad.sql", check_bad, rule, rule_dir, bad, locks, problems) if bad else None
        good = step("good.sql", load, dbs, rule_dir, "good.sql", "rf_good")
        if good:
            step("good.sql", check_good, rule, good, problems)
        if doc:
            step("fix round trip", check_fixes, rule, bad, doc, locks, problems)
    finally:
        for db in dbs:
            drop_db(db)
    if problems:
        raise AssertionError(f"{rule}: {len(problems)} problem(s)\n" + "\n".join(problems))


def rule_dirs():
    if not os.path.isdir(RULES_DIR):
        return []
    # Rules of 'dbaudit scan' keep project folders instead (test_scan_fixtures.py).
    return sorted(d for d in os.listdir(RULES_DIR) if os.path.isfile(os.path.join(RULES_DIR, d, "bad.sql")))


rule_tests(globals(), rule_dirs(), check_rule)


if __name__ == "__main__":
    main(globals())
