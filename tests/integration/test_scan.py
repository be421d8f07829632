"""dbaudit scan as a user runs it: the example project, the output
contract, and bad input (malformed files, invalid UTF-8, huge files,
symlink loops, empty folders) that must give a finding or a clear note,
never a crash or a hang.

The example's expected findings are examples/tickettoken/expected-scan.txt:
"RULE path:line" per line (paths relative to examples/tickettoken), every
planted flaw of services/README.md and the schema flaws the migrations
carry, and nothing on the correct parts.
"""
import json
import os
import shutil
import tempfile

import jsonschema

from harness import read_lines, SHARED, SOURCE, eq, main, run

EXAMPLE = os.path.join(SOURCE, "examples", "tickettoken")


def scan_json(path, *args, cwd=None):
    rc, out, err = run(["scan", "--format", "json", *args, path], cwd=cwd)
    assert rc in (0, 1), f"dbaudit scan {path} exited {rc}: {err.strip()}"
    try:
        return rc, json.loads(out), err
    except ValueError as e:
        raise AssertionError(f"no JSON report ({e}): {out[:300]!r} {err!r}")


def read_expected(path):
    return sorted(read_lines(path))


def test_example_project_findings():
    rc, doc, _ = scan_json("services", "--fail-on", "none", cwd=EXAMPLE)
    actual = sorted(f"{f['rule']} {f['location']['file']}:{f['location']['line']}" for f in doc["findings"])
    expected = sorted(read_expected(os.path.join(EXAMPLE, "expected-scan.txt"))
                      + read_expected(os.path.join(EXAMPLE, "expected-code.txt")))
    missing = [e for e in expected if e not in actual]
    unexpected = [a for a in actual if a not in expected]
    assert not missing and not unexpected, (
        "dbaudit scan services differs from expected-scan.txt + expected-code.txt\n"
        + "".join(f"  missing:    {m}\n" for m in missing)
        + "".join(f"  unexpected: {u}\n" for u in unexpected))
    names = sorted(s["name"] for s in doc["sources"])
    eq(names, ["gate", "marketplace", "payments", "platform"], "one project per service")
    for f in doc["findings"]:
        loc = f["location"]
        assert loc["line"] >= 1 and loc["column"] >= 1, f
        assert f["message"] and f["fingerprint"] and f["severity"] in ("error", "warning", "info"), f


def test_model_snapshot_of_the_constructs_project():
    """tests/scan/constructs.model is what --print-model printed when the
    project was checked against Knex itself (test_knex_equivalence.py): a
    change in the reader shows here line by line."""
    rc, out, err = run(["scan", "--print-model", "constructs"], cwd=os.path.join(SOURCE, "tests", "scan"))
    eq(rc, 0, f"scan --print-model: {err}")
    with open(os.path.join(SOURCE, "tests", "scan", "constructs.model"), encoding="utf-8") as f:
        golden = f.read()
    if out != golden:
        import difflib
        diff = "".join(difflib.unified_diff(golden.splitlines(True), out.splitlines(True), "constructs.model", "now"))
        raise AssertionError("the model differs from tests/scan/constructs.model:\n" + diff)


def test_sql_interpolation_fixes_are_ones_that_work():
    """C013's parameterised form is offered only where bindings can replace
    every part: a SET becomes set_config() with a binding, ORDER BY parts get
    no suggested call, a value inside a larger quoted literal gets none."""
    rc, doc, _ = scan_json("services", "--only", "C013", "--fail-on", "none", cwd=EXAMPLE)
    fixes = {f["location"]["file"].split("/src/")[-1] + ":" + str(f["location"]["line"]): f.get("fix")
             for f in doc["findings"] if f["rule"] == "C013"}
    eq(fixes.get("tenancy/tenant-context.ts:33"),
       "db.raw(\"SELECT set_config('app.current_tenant_id', ?, true)\", [request.tenantId])", "SET")
    eq(fixes.get("royalties/payout-worker.ts:91", "absent"), None, "orderByRaw: no parameterised call")
    eq(fixes.get("events/event-repository.ts:62", "absent"), None, "a value inside '%...%': no parameterised call")


def test_code_model_snapshot():
    """tests/scan/code.model is what --print-code prints for tests/scan/code:
    every construct of the data-access model (queries, transactions, loops,
    tries, outside calls, raw SQL) and what is not Knex.  A change in the
    code reader shows here line by line."""
    rc, out, err = run(["scan", "--print-code", "code"], cwd=os.path.join(SOURCE, "tests", "scan"))
    eq(rc, 0, f"scan --print-code: {err}")
    with open(os.path.join(SOURCE, "tests", "scan", "code.model"), encoding="utf-8") as f:
        golden = f.read()
    if out != golden:
        import difflib
        diff = "".join(difflib.unified_diff(golden.splitlines(True), out.splitlines(True), "code.model", "now"))
        raise AssertionError("the code model differs from tests/scan/code.model:\n" + diff)


def test_example_schema_findings_equal_the_live_audit():
    """The services migrate one database: the schema rules on their shared
    model must find what the live audit finds (expected.txt), object for
    object."""
    rc, doc, _ = scan_json("services", "--fail-on", "none", cwd=EXAMPLE)
    scan = sorted(f"{f['rule']} {f['location']['object']}" for f in doc["findings"] if f["rule"].startswith("S"))
    live = read_expected(os.path.join(EXAMPLE, "expected.txt"))
    eq(scan, live, "schema findings of dbaudit scan vs expected.txt of dbaudit db")


def test_fingerprints_survive_unrelated_edits():
    tmp = tempfile.mkdtemp(prefix="dbaudit-scan-")
    try:
        shutil.copytree(os.path.join(EXAMPLE, "services"), os.path.join(tmp, "services"))
        _, before, _ = scan_json("services", "--fail-on", "none", cwd=tmp)
        # Lines added above every finding of one migration move them, nothing more.
        path = os.path.join(tmp, "services", "payments", "db", "migrations",
                            "20240112104000_create_payments.js")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        with open(path, "w", encoding="utf-8") as f:
            f.write("// A comment added by a later edit.\n\n" + text)
        _, after, _ = scan_json("services", "--fail-on", "none", cwd=tmp)
        fp = lambda d: sorted((f["rule"], f["fingerprint"]) for f in d["findings"])  # noqa: E731
        eq(fp(after), fp(before), "fingerprints after an unrelated edit")
        moved = [f for f in after["findings"] if f["location"]["file"].endswith("create_payments.js")]
        assert moved, "the edited migration has findings"
    finally:
        shutil.rmtree(tmp)


def test_sarif_and_text_formats():
    rc, out, err = run(["scan", "--format", "sarif", "--fail-on", "none", "services"], cwd=EXAMPLE)
    eq(rc, 0, f"scan --format sarif: {err}")
    sarif = json.loads(out)
    with open(os.path.join(SHARED, "datasets", "sarif-schema-2.1.0.json"), encoding="utf-8") as f:
        jsonschema.Draft4Validator(json.load(f)).validate(sarif)
    results = sarif["runs"][0]["results"]
    assert results, "findings in SARIF"
    for res in results:
        pl = res["locations"][0]["physicalLocation"]
        assert pl["artifactLocation"]["uri"] and pl["region"]["startLine"] >= 1, res
    rc, out, err = run(["scan", "services"], cwd=EXAMPLE, env={"NO_COLOR": "1"})
    eq(rc, 1, "errors in the example make exit code 1")
    assert "== project payments ==" in out and "services/payments/knexfile.js:48:" in out, out[:2000]
    assert "\x1b[" not in out, "no colour with NO_COLOR or off a terminal"


def test_usage_and_empty_folders():
    rc, out, err = run(["scan", "--help"])
    eq(rc, 0, "scan --help")
    assert "dbaudit-ignore-next-line" in out and "Exit codes" in out, out
    rc, out, err = run(["scan", "/nonexistent/dbaudit-path"])
    eq(rc, 2, "a path that does not exist is a usage error")
    assert "No such file" in err, err
    rc, out, err = run(["scan", "--bogus"])
    eq(rc, 2, "unknown option")
    tmp = tempfile.mkdtemp(prefix="dbaudit-empty-")
    try:
        rc, out, err = run(["scan", tmp])
        eq(rc, 0, "an empty folder is not an error")
        assert "no knexfile, migrations folder or migration file found" in err, err
        os.mkdir(os.path.join(tmp, "migrations"))
        rc, out, err = run(["scan", "--format", "json", tmp])
        eq(rc, 0, f"an empty migrations folder: {err}")
    finally:
        shutil.rmtree(tmp)


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def test_search_path_places_unqualified_names():
    tmp = tempfile.mkdtemp(prefix="dbaudit-sp-")
    try:
        write(os.path.join(tmp, "knexfile.js"),
              b"module.exports = { client: 'pg', searchPath: ['app', 'public'], migrations: { directory: './m' } };\n")
        write(os.path.join(tmp, "m", "001_things.js"),
              b"exports.up = async (knex) => {\n"
              b"  await knex.schema.createTable('things', (t) => { t.increments('id'); });\n"
              b"  await knex.raw('ALTER TABLE app.things ADD COLUMN label text');\n};\n"
              b"exports.down = (knex) => knex.schema.dropTable('things');\n")
        rc, out, err = run(["scan", "--print-model", tmp])
        eq(rc, 0, f"scan --print-model: {err}")
        assert "table app.things" in out and "column label text" in out, out
        rc, doc, err = scan_json(tmp, "--fail-on", "none")
        eq([f["message"] for f in doc["findings"] if f["rule"] == "A003"], [], "nothing misread")
        # The search path set where dbaudit cannot read it (a knexfile that
        # computes its config): a qualified name into a schema that holds no
        # table is the table created unqualified.
        write(os.path.join(tmp, "knexfile.js"),
              b"module.exports = require('./dist/config.js');\n")
        os.rename(os.path.join(tmp, "m"), os.path.join(tmp, "migrations"))  # Knex's default folder
        rc, out, err = run(["scan", "--print-model", tmp])
        assert "table public.things" in out and "column label text" in out, out
    finally:
        shutil.rmtree(tmp)


def test_unknown_condition_is_said_when_it_decides_a_change():
    tmp = tempfile.mkdtemp(prefix="dbaudit-cond-")
    try:
        write(os.path.join(tmp, "migrations", "001_t.js"),
              b"exports.up = async (knex) => {\n"
              b"  await knex.schema.createTable('t', (table) => {\n"
              b"    table.increments('id');\n"
              b"    if (process.env.WITH_NOTES) {\n"
              b"      table.text('notes');\n"
              b"    }\n"
              b"  });\n"
              b"  if (process.env.VERBOSE) console.log('done');\n"
              b"};\n"
              b"exports.down = (knex) => knex.schema.dropTable('t');\n")
        rc, doc, err = scan_json(tmp, "--fail-on", "none")
        notes = [(f["location"]["line"], f["message"]) for f in doc["findings"] if f["rule"] == "A003"]
        eq([n[0] for n in notes], [4], "one note, on the condition that decided a column (not on the log line)")
        assert "assumed it true" in notes[0][1], notes
    finally:
        shutil.rmtree(tmp)


def test_suppression_in_a_knexfile():
    tmp = tempfile.mkdtemp(prefix="dbaudit-ksup-")
    try:
        write(os.path.join(tmp, "knexfile.js"),
              b"module.exports = {\n  client: 'pg',\n"
              b"  // dbaudit-ignore-next-line K002 -- the platform's proxy times acquisitions out\n"
              b"  pool: { min: 0, max: 4, afterCreate(c, done) { c.query('SET statement_timeout = 1000', (e) => done(e, c)); } },\n"
              b"};\n")
        write(os.path.join(tmp, "migrations", "001_t.js"),
              b"exports.up = (knex) => knex.schema.createTable('t', (t) => { t.increments('id'); });\n"
              b"exports.down = (knex) => knex.schema.dropTable('t');\n")
        rc, doc, err = scan_json(tmp, "--fail-on", "none")
        eq(sorted(f["rule"] for f in doc["findings"] if f["rule"] in ("K002", "A004")), [], "K002 suppressed, and used")
    finally:
        shutil.rmtree(tmp)


def test_code_findings_suppressions_and_a_code_only_project():
    """Code with no migrations is a project of its own; a suppression in a
    code file hides its finding and an unused one is reported (A004); a
    syntax error is a note (A003) and the rest of the file is still read."""
    tmp = tempfile.mkdtemp(prefix="dbaudit-code-")
    try:
        write(os.path.join(tmp, "src", "audit.ts"),
              b"import { Knex } from 'knex';\n"
              b"export async function log(db: Knex, id: string) {\n"
              b"  db('audit_log').insert({ id });\n"
              b"  // dbaudit-ignore-next-line C017 -- fire and forget, failures are logged by the pool\n"
              b"  db('audit_log').insert({ id, again: true });\n"
              b"  // dbaudit-ignore-next-line C001 -- nothing here\n"
              b"  return 1;\n"
              b"}\n")
        write(os.path.join(tmp, "src", "broken.ts"),
              b"export async function f(db) {\n  await db('t').where({ id: 1 }).update({ x: 1 }));\n"
              b"  db('t').insert({ y: 2 });\n}\n")
        rc, doc, err = scan_json(tmp, "--fail-on", "none")
        got = sorted(f"{f['rule']} {os.path.relpath(f['location']['file'], tmp)}:{f['location']['line']}"
                     for f in doc["findings"])
        eq(got, ["A003 src/broken.ts:2", "A004 src/audit.ts:6", "C004 src/audit.ts:5", "C004 src/broken.ts:3",
                 "C017 src/audit.ts:3", "C017 src/broken.ts:3"],
           "code findings")
        eq([s["name"] for s in doc["sources"]], [os.path.basename(tmp)], "a code-only project")
    finally:
        shutil.rmtree(tmp)


def test_a_migrations_folder_named_otherwise():
    """Migrations configured in code (db/knex_migrations): the folder given
    on the command line is read as the migrations folder."""
    tmp = tempfile.mkdtemp(prefix="dbaudit-kmig-")
    try:
        d = os.path.join(tmp, "db", "knex_migrations")
        write(os.path.join(d, "2023-08-16-0000-create-monitor.js"),
              b"exports.up = (knex) => knex.schema.createTable('monitor', (t) => { t.increments('id'); });\n"
              b"exports.down = (knex) => knex.schema.dropTable('monitor');\n")
        rc, doc, err = scan_json(d, "--fail-on", "none")
        eq([(s["name"], s["tables"]) for s in doc["sources"]], [("knex_migrations", 1)], "the folder is the project")
    finally:
        shutil.rmtree(tmp)


def test_bad_input_never_crashes():
    tmp = tempfile.mkdtemp(prefix="dbaudit-bad-")
    try:
        m = os.path.join(tmp, "proj", "migrations")
        write(os.path.join(tmp, "proj", "knexfile.js"),
              b"module.exports = { client: 'pg', pool: { min: 0, max: 4, acquireTimeoutMillis: 1000, "
              b"afterCreate: (c, done) => c.query('SET statement_timeout = 1000', (e) => done(e, c)) } };\n")
        write(os.path.join(m, "001_tenants.js"),
              b"exports.up = (knex) => knex.schema.createTable('tenants', (t) => { t.increments('id'); });\n"
              b"exports.down = (knex) => knex.schema.dropTable('tenants');\n")
        write(os.path.join(m, "002_garbage.ts"), os.urandom(4096))
        write(os.path.join(m, "003_latin1.js"), "exports.up = (k) => k.raw('SELECT \u00e9');\n".encode("latin-1"))
        write(os.path.join(m, "004_unclosed.ts"), b"export async function up(knex) { await knex.schema.createTable('x', (t) => {\n")
        write(os.path.join(m, "005_deep.js"), b"exports.up = (k) => " + b"(" * 5000 + b"1" + b")" * 5000 + b";\n")
        with open(os.path.join(m, "006_huge.js"), "wb") as f:  # sparse: 40 MB of nothing
            f.truncate(40 << 20)
        write(os.path.join(m, "007_sql_nul.sql"), b"CREATE TABLE y (id int PRIMARY KEY);\x00\x00 garbage")
        os.symlink(os.path.join(tmp, "proj"), os.path.join(tmp, "proj", "loop"))
        os.symlink(os.path.join(tmp, "nowhere"), os.path.join(m, "dangling.js"))
        rc, doc, err = scan_json(os.path.join(tmp, "proj"), "--fail-on", "none")
        eq(rc, 0, f"exit code: {err}")
        files = {os.path.basename(f["location"].get("file", "")): f for f in doc["findings"] if f["rule"] == "A003"}
        for name in ("002_garbage.ts", "003_latin1.js", "004_unclosed.ts", "006_huge.js"):
            assert name in files, f"{name}: an A003 finding is expected, got {sorted(files)}"
        tables = [s["tables"] for s in doc["sources"]]
        eq(tables, [1], "the good migration still counts")
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main(globals())
