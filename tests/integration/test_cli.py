"""The command line: help, version, rules, explain, exit codes, output files."""
import json
import os
import tempfile

from harness import SOURCE, audit, drop_db, eq, main, new_db, run


def test_version_and_help():
    rc, out, _ = run(["--version"])
    eq(rc, 0)
    assert out.startswith("dbaudit "), out
    for cmd in (["--help"], ["db", "--help"], ["rules", "--help"], ["explain", "--help"]):
        rc, out, _ = run(cmd)
        eq(rc, 0, f"{cmd} exit code")
        assert "Usage: dbaudit" in out, out
    rc, out, _ = run(["db", "--help"])
    for code in ("0  no finding", "1  findings", "2  usage", "3  could not audit"):
        assert code in out, f"exit code {code!r} missing from db --help"


def test_usage_errors_exit_2():
    for args in (["frobnicate"], ["db", "--bogus"], ["db", "--format", "xml"], ["db", "--fail-on", "fatal"],
                 ["db", "--skip", "S999"], ["db", "--statement-timeout", "soon"], ["explain"],
                 ["explain", "S999"], ["db", "--dsn", "host=localhost port"], ["db", "--dsn", "postgresql://h/d?bogus=1"], ["db", "--dsn"], []):
        rc, out, err = run(args)
        eq(rc, 2, f"exit code for {args}")
        if args:
            assert err.startswith("dbaudit: ") and err.count("\n") == 1, f"one-line error for {args}: {err!r}"


def test_rules_json_matches_docs():
    rc, out, _ = run(["rules", "--format", "json"])
    eq(rc, 0)
    rules = json.loads(out)
    assert len(rules) >= 21
    for r in rules:
        eq(sorted(r), ["family", "guide", "id", "severity", "slug", "summary"], "rule keys")
        assert r["severity"] in ("error", "warning", "info")
        rc, doc, _ = run(["explain", r["id"]])
        eq(rc, 0, f"explain {r['id']}")
        with open(os.path.join(SOURCE, "docs", "rules", r["id"] + ".md"), encoding="utf-8") as f:
            eq(doc, f.read(), f"explain {r['id']} prints docs/rules/{r['id']}.md")
        rc, by_slug, _ = run(["explain", r["slug"]])
        eq(by_slug, doc, "explain by slug")


def test_fail_on_and_output_file():
    db = new_db("CREATE TABLE t (a int); CREATE TABLE u (id int PRIMARY KEY, price numeric);")
    try:
        rc, doc, _ = audit(db)
        eq(rc, 1, "an error finding (S001) fails by default")
        rc, doc, _ = audit(db, "--skip", "S001")
        eq(rc, 0, "only a warning left: passes at --fail-on error")
        rc, doc, _ = audit(db, "--skip", "S001", "--fail-on", "warning")
        eq(rc, 1, "the warning fails at --fail-on warning")
        rc, doc, _ = audit(db, "--fail-on", "none")
        eq(rc, 0, "--fail-on none never fails")
        rc, doc, _ = audit(db, "--only", "unchecked-value-column")
        eq([f["rule"] for f in doc["findings"]], ["S012"], "--only by slug")
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "report.sarif")
            rc, out, _ = run(["db", "--dsn", f"dbname={db}", "--format", "sarif", "--output", path])
            eq(rc, 1)
            eq(out, "", "nothing on stdout with --output")
            with open(path, encoding="utf-8") as f:
                eq(json.load(f)["version"], "2.1.0")
            rc, _, err = run(["db", "--dsn", f"dbname={db}", "--output", os.path.join(d, "missing", "x")])
            eq(rc, 3, "unwritable output is an I/O failure")
            assert "cannot write" in err, err
    finally:
        drop_db(db)


def test_text_output_colour():
    db = new_db("CREATE TABLE t (a int);")
    try:
        rc, out, _ = run(["db", "--dsn", f"dbname={db}"])
        assert "\033[" not in out, "no colour when stdout is not a terminal"
        assert "public.t" in out and "S001" in out and "fix: " in out and "why: " in out, out
        assert "1 error, 0 warnings, 0 info in database" in out, out
        rc, out, _ = run(["db", "--dsn", f"dbname={db}", "--quiet"])
        eq(out.count("\n"), 1, "--quiet prints the summary only")
    finally:
        drop_db(db)


def test_schema_filters():
    db = new_db("""
        CREATE SCHEMA app; CREATE SCHEMA app_archive; CREATE SCHEMA "Odd*Name";
        CREATE TABLE public.a (x int); CREATE TABLE app.b (x int);
        CREATE TABLE app_archive.c (x int); CREATE TABLE "Odd*Name".d (x int);
    """)
    try:
        def objects(*args):
            rc, doc, err = audit(db, "--only", "S001", "--fail-on", "none", *args)
            eq(rc, 0, err)
            return sorted(f["location"]["object"] for f in doc["findings"])
        eq(objects(), ['"Odd*Name".d', "app.b", "app_archive.c", "public.a"], "every schema by default")
        eq(objects("--schema", "app"), ["app.b"], "--schema is exact without wildcards")
        eq(objects("--schema", "app*"), ["app.b", "app_archive.c"], "--schema glob")
        eq(objects("--exclude-schema", "app*", "--exclude-schema", "public"), ['"Odd*Name".d'], "--exclude-schema")
        eq(objects("--schema", "Odd*Name"), ['"Odd*Name".d'], "glob characters in a name")
        eq(objects("--schema", "nothing_here"), [], "no match: nothing audited, not an error")
    finally:
        drop_db(db)


if __name__ == "__main__":
    main(globals())
