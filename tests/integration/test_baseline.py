"""Baselines: --write-baseline records the findings, --baseline reports only
the ones it does not hold.  Identities carry no line numbers (lines
inserted above a finding do not make it new) and are counted (two known,
three now: one is new).
"""
import json
import os
import shutil
import tempfile

from harness import SOURCE, drop_db, eq, main, new_db, psql, run

FIXTURE = os.path.join(SOURCE, "tests", "rules", "M001", "bad")
TICKETS = os.path.join("migrations", "20240102000000_create_tickets.js")

NEW_MIGRATION = """exports.up = async function (knex) {
  await knex.schema.createTable('refunds', (t) => {
    t.uuid('id').primary();
    t.uuid('ticket_id').notNullable().references('id').inTable('tickets');
  });
};

exports.down = async function (knex) {
  await knex.schema.dropTable('refunds');
};
"""


class Project:
    def __init__(self):
        self.tmp = tempfile.mkdtemp(prefix="dbaudit-baseline-")
        os.mkdir(os.path.join(self.tmp, ".git"))  # no configuration above it
        self.root = os.path.join(self.tmp, "proj")
        shutil.copytree(FIXTURE, self.root)
        self.baseline = os.path.join(self.tmp, "baseline.json")

    def path(self, rel):
        return os.path.join(self.root, rel)

    def scan(self, *args):
        rc, out, err = run(["scan", "--format", "json", *args, "."], cwd=self.root)
        assert rc in (0, 1), err
        return rc, json.loads(out), err

    def write_baseline(self):
        rc, out, err = run(["scan", "--write-baseline", self.baseline, "."], cwd=self.root)
        eq(rc, 0, f"--write-baseline exits 0 with findings: {err}")
        eq(out, "", "--write-baseline prints no report")
        with open(self.baseline, encoding="utf-8") as f:
            return f.read()

    def close(self):
        shutil.rmtree(self.tmp, ignore_errors=True)


def prepend(path, text):
    with open(path, encoding="utf-8") as f:
        body = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text + body)


def test_write_then_nothing_new():
    p = Project()
    try:
        rc, before, _ = p.scan()
        eq(rc, 1, "the fixture has errors")
        text = p.write_baseline()
        doc = json.loads(text)
        eq(doc["version"], 1)
        eq(sum(e["count"] for e in doc["findings"]), len(before["findings"]), "every finding recorded")
        for e in doc["findings"]:
            assert set(e) <= {"rule", "source", "object", "file", "key", "count", "message"}, e
        keys = [(e["rule"], e.get("source", ""), e.get("object", e.get("file", "")), e["key"]) for e in doc["findings"]]
        eq(keys, sorted(keys), "entries sorted")
        eq(text.count("\n"), len(doc["findings"]) + 5, "one line per entry")
        eq(p.write_baseline(), text, "written twice: the same bytes")
        rc, after, err = p.scan("--baseline", p.baseline)
        eq((rc, after["findings"]), (0, []), "nothing new: exit 0")
        eq(after["summary"], {"error": 0, "warning": 0, "info": 0})
        assert f"{len(before['findings'])} findings hidden by the baseline" in err, err
    finally:
        p.close()


def test_inserted_lines_are_not_new():
    p = Project()
    try:
        p.write_baseline()
        prepend(p.path(TICKETS), "// a header\n// comment\n\n")
        prepend(p.path("migrations/20240101000000_create_tenants_and_events.ts"), "/* licence\n * text\n */\n")
        rc, doc, _ = p.scan()
        lines = sorted(f["location"]["line"] for f in doc["findings"] if f["location"]["file"].endswith("tickets.js"))
        assert lines and lines[0] > 3, f"the findings moved down: {lines}"
        rc, doc, _ = p.scan("--baseline", p.baseline)
        eq((rc, doc["findings"]), (0, []), "lines inserted above findings do not make them new")
    finally:
        p.close()


def test_new_flaw_is_reported_alone():
    p = Project()
    try:
        p.write_baseline()
        with open(p.path("migrations/20240104000000_create_refunds.js"), "w", encoding="utf-8") as f:
            f.write(NEW_MIGRATION)
        rc, doc, err = p.scan("--baseline", p.baseline, "--only", "M001")
        eq([(f["rule"], f["location"]["file"], f["location"]["line"]) for f in doc["findings"]],
           [("M001", "migrations/20240104000000_create_refunds.js", 4)], "only the new flaw")
        eq(rc, 0, "a new warning passes at --fail-on error")
        rc, doc, err = p.scan("--baseline", p.baseline, "--only", "M001", "--fail-on", "warning")
        eq(rc, 1, "and fails at --fail-on warning")
    finally:
        p.close()


def test_counts_not_lines():
    """Two identical unused suppressions are known; a third is new."""
    p = Project()
    try:
        note = "// dbaudit-ignore-next-line S001 -- kept for the migration tool\n"
        prepend(p.path(TICKETS), note + "\n" + note)
        rc, doc, _ = p.scan("--only", "A004,S001")
        eq(len(doc["findings"]), 2, "two unused suppressions (A004)")
        entry = [e for e in json.loads(p.write_baseline())["findings"] if e["rule"] == "A004"]
        eq([e["count"] for e in entry], [1 + 1], "one entry counted twice")
        rc, doc, _ = p.scan("--baseline", p.baseline, "--only", "A004,S001")
        eq(doc["findings"], [], "both known")
        prepend(p.path(TICKETS), note)
        rc, doc, _ = p.scan("--baseline", p.baseline, "--only", "A004,S001")
        eq(len(doc["findings"]), 1, "three now, two known: one reported")
        eq(doc["findings"][0]["rule"], "A004")
    finally:
        p.close()


def test_bad_baseline_is_a_usage_error():
    p = Project()
    try:
        for text, why in (("{", "not JSON"), ('{"findings": []}', 'no "version"'),
                          ('{"version": 7, "findings": []}', "a version this dbaudit does not read")):
            with open(p.baseline, "w", encoding="utf-8") as f:
                f.write(text)
            rc, out, err = run(["scan", "--baseline", p.baseline, "."], cwd=p.root)
            eq((rc, out), (2, ""), f"baseline {text!r}")
            eq(err, f"dbaudit: {p.baseline} is not a dbaudit baseline: {why}\n")
        rc, out, err = run(["scan", "--baseline", os.path.join(p.tmp, "none.json"), "."], cwd=p.root)
        eq(rc, 2, "a baseline that does not exist")
        assert "cannot read the baseline" in err, err
    finally:
        p.close()


def test_database_baseline():
    db = new_db("CREATE TABLE t (a int);")
    tmp = tempfile.mkdtemp(prefix="dbaudit-baseline-")
    try:
        base = os.path.join(tmp, "db.json")
        rc, out, err = run(["db", "--dsn", f"dbname={db}", "--write-baseline", base], cwd=tmp)
        eq(rc, 0, err)
        psql(db, "CREATE TABLE u (b int);")
        rc, out, err = run(["db", "--dsn", f"dbname={db}", "--format", "json", "--baseline", base], cwd=tmp)
        eq(rc, 1, "the new table fails the run")
        eq([(f["rule"], f["location"]["object"]) for f in json.loads(out)["findings"]], [("S001", "public.u")],
           "only the new table's finding")
    finally:
        drop_db(db)
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main(globals())
