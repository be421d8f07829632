"""The configuration file: where it is found, what each key does, and the
errors a wrong file gives (file, line and key, exit code 2).

Most checks scan a copy of tests/rules/M001/bad (three migrations: M001 on
each of public.events, public.tickets and public.ticket_scans, S015 on the
same three tables); the ones about exit codes and heuristics audit a small
database.
"""
import json
import os
import shutil
import tempfile

from harness import SOURCE, drop_db, eq, main, new_db, run

FIXTURE = os.path.join(SOURCE, "tests", "rules", "M001", "bad")


class Project:
    """A copy of the fixture project in a temporary folder (its own git
    repository top, so no configuration above it is read)."""

    def __init__(self, config=None, name=".dbaudit.yml"):
        self.tmp = tempfile.mkdtemp(prefix="dbaudit-config-")
        os.mkdir(os.path.join(self.tmp, ".git"))
        self.root = os.path.join(self.tmp, "proj")
        shutil.copytree(FIXTURE, self.root)
        if config is not None:
            self.write(name, config)

    def write(self, name, text):
        path = os.path.join(self.root, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def scan(self, *args, path=".", cwd=None):
        rc, out, err = run(["scan", "--format", "json", *args, path], cwd=cwd or self.root)
        doc = json.loads(out) if rc in (0, 1) else None
        return rc, doc, err

    def close(self):
        shutil.rmtree(self.tmp, ignore_errors=True)


def found(doc):
    return sorted((f["rule"], f["location"]["object"]) for f in doc["findings"])


ALL = [("M001", "public.events"), ("M001", "public.ticket_scans"), ("M001", "public.tickets"),
       ("S015", "public.events"), ("S015", "public.ticket_scans"), ("S015", "public.tickets")]
NO_S015 = [f for f in ALL if f[0] != "S015"]


def test_found_by_walking_up():
    p = Project("rules:\n  S015: off\n")
    try:
        rc, doc, err = p.scan()
        eq(found(doc), NO_S015, "the project's own .dbaudit.yml")
        rc, doc, err = p.scan(path="migrations")
        eq(found(doc), NO_S015, "found from a folder below it")
        rc, doc, err = p.scan(path="proj", cwd=p.tmp)
        eq(found(doc), NO_S015, "found from the scanned path, not the current folder")
        rc, doc, err = p.scan("--no-config")
        eq(found(doc), ALL, "--no-config")
        # Above the top of the repository (the folder holding .git) nothing is read.
        os.mkdir(os.path.join(p.root, ".git"))
        os.rename(os.path.join(p.root, ".dbaudit.yml"), os.path.join(p.tmp, ".dbaudit.yml"))
        rc, doc, err = p.scan()
        eq(found(doc), ALL, "the search stops at the repository top")
    finally:
        p.close()


def test_explicit_config_and_missing_file():
    p = Project()
    try:
        other = os.path.join(p.tmp, "ci.yaml")
        with open(other, "w", encoding="utf-8") as f:
            f.write("rules: {unindexed-foreign-key: off, M001: off}\n")
        p.write(".dbaudit.yml", "rules: {S015: off}\n")
        rc, doc, err = p.scan("--config", other)
        eq(found(doc), [f for f in ALL if f[0] != "M001"], "--config replaces the file found")
        for cmd in (["scan", "--config", "nope.yml", "."], ["db", "--config", "nope.yml"],
                    ["config", "--print", "--config", "nope.yml"]):
            rc, out, err = run(cmd, cwd=p.root)
            eq(rc, 2, f"{cmd}: a --config file that does not exist")
            eq(err, "dbaudit: --config nope.yml: No such file or directory\n", "the message")
    finally:
        p.close()


def test_rule_off_and_command_line_wins():
    p = Project("rules:\n  S015: off\n  foreign-key-without-on-delete: off\n")
    try:
        rc, doc, _ = p.scan()
        eq(found(doc), [], "both rules off, by id and by slug")
        eq(rc, 0, "nothing left: exit 0")
        rc, doc, _ = p.scan("--only", "S015")
        eq(found(doc), [f for f in ALL if f[0] == "S015"], "--only turns a rule the file switched off back on")
        p.write(".dbaudit.yml", "rules:\n  S015: warning\n")
        rc, doc, _ = p.scan("--skip", "S015")
        eq(found(doc), NO_S015, "--skip wins over a severity in the file")
    finally:
        p.close()


def test_severity_changes_exit_code():
    p = Project("rules:\n  S015: warning\n")
    try:
        rc, doc, _ = p.scan()
        eq(rc, 0, "S015 (error) made a warning: nothing at --fail-on error")
        eq(sorted({f["severity"] for f in doc["findings"]}), ["warning"], "every format sees the new severity")
        eq(doc["summary"], {"error": 0, "warning": 6, "info": 0}, "the summary counts it")
        rc, _, _ = p.scan("--fail-on", "warning")
        eq(rc, 1, "a warning fails at --fail-on warning")
        p.write(".dbaudit.yml", "rules:\n  M001: error\n  S015: info\n")
        rc, doc, _ = p.scan("--only", "M001")
        eq(rc, 1, "M001 (warning) made an error fails the run")
        eq({f["severity"] for f in doc["findings"]}, {"error"})
        rc, out, _ = run(["scan", "--format", "sarif", "."], cwd=p.root)
        levels = sorted({r["level"] for r in json.loads(out)["runs"][0]["results"]})
        eq(levels, ["error", "note"], "SARIF results carry the configured severities")
    finally:
        p.close()
    # The same on a live database: a table without a primary key is S001, an error.
    tmp = tempfile.mkdtemp(prefix="dbaudit-config-")
    db = new_db("CREATE TABLE t (a int);")
    try:
        rc, _, _ = run(["db", "--dsn", f"dbname={db}", "--quiet"], cwd=tmp)
        eq(rc, 1, "S001 fails by default")
        with open(os.path.join(tmp, ".dbaudit.yml"), "w", encoding="utf-8") as f:
            f.write("rules:\n  table-without-primary-key: warning\n")
        rc, out, _ = run(["db", "--dsn", f"dbname={db}", "--format", "json"], cwd=tmp)
        eq(rc, 0, "db reads the file in the current folder")
        eq([(f["rule"], f["severity"]) for f in json.loads(out)["findings"]], [("S001", "warning")])
    finally:
        drop_db(db)
        shutil.rmtree(tmp)


def test_ignore_globs():
    p = Project("ignore:\n  - public.tickets\n  - 'public.ticket_s*'\n")
    try:
        rc, doc, _ = p.scan()
        eq(found(doc), [("M001", "public.events"), ("S015", "public.events")], "findings on ignored tables dropped")
    finally:
        p.close()
    tmp = tempfile.mkdtemp(prefix="dbaudit-config-")
    db = new_db("CREATE TABLE t (id int PRIMARY KEY, price numeric, status text); "
                "CREATE TABLE u (id int PRIMARY KEY, price numeric);")
    try:
        cfg = os.path.join(tmp, "c.yml")
        with open(cfg, "w", encoding="utf-8") as f:
            f.write("ignore: [public.t.price, 'public.U']\n")
        rc, out, _ = run(["db", "--dsn", f"dbname={db}", "--format", "json", "--config", cfg, "--only", "S012"])
        objects = sorted(f["location"]["object"] for f in json.loads(out)["findings"])
        eq(objects, ["public.t.status"], "a column glob drops that column; a table glob (any case) its columns")
    finally:
        drop_db(db)
        shutil.rmtree(tmp)


def test_exclude():
    p = Project("exclude: ['migrations/20240103*']\n")
    try:
        rc, doc, _ = p.scan()
        eq(found(doc), [f for f in ALL if f[1] != "public.ticket_scans"], "the excluded migration is not read")
        rc, doc, _ = p.scan("--exclude", "*_create_tickets.js")
        eq(found(doc), [("M001", "public.events"), ("S015", "public.events")],
           "the file's globs and --exclude add up")
    finally:
        p.close()


def test_heuristic_list_changes_findings():
    tmp = tempfile.mkdtemp(prefix="dbaudit-config-")
    db = new_db("CREATE TABLE orgs (id uuid PRIMARY KEY); "
                "CREATE TABLE projects (id uuid PRIMARY KEY, org_id uuid NOT NULL REFERENCES orgs (id)); "
                "CREATE INDEX ON projects (org_id);")
    try:
        def s015(*args):
            rc, out, err = run(["db", "--dsn", f"dbname={db}", "--format", "json", "--only", "S015", *args], cwd=tmp)
            assert rc in (0, 1), err
            return [f["location"]["object"] for f in json.loads(out)["findings"]]
        eq(s015(), [], "org_id is no tenant column by default")
        with open(os.path.join(tmp, ".dbaudit.yml"), "w", encoding="utf-8") as f:
            f.write("tenant_column: org_id\ntenant_tables: [orgs]\n")
        eq(s015(), ["public.projects"], "tenant_column: org_id makes projects tenant-scoped")
        # {add, remove} edits a list instead of replacing it.
        p = Project("soft_delete_columns: {add: [gone_at], remove: [deleted_at]}\n")
        try:
            rc, out, _ = run(["config", "--print"], cwd=p.root)
            line = [ln for ln in out.split("soft_delete_columns:")[1].splitlines() if ln.strip()][0]
            eq(line.strip(), '["archived_at", "removed_at", "is_deleted", "deleted", "is_archived", "gone_at"]')
        finally:
            p.close()
    finally:
        drop_db(db)
        shutil.rmtree(tmp)


def test_unknown_key_names_file_and_line():
    p = Project("# dbaudit settings\n"
                "rules:\n"
                "  S015: off\n"
                "\n"
                "ignore:\n"
                "  - public.legacy_*\n"
                "tenant_colum: org_id\n")
    try:
        rc, out, err = run(["scan", "."], cwd=p.root)
        eq(rc, 2, "an unknown key is a usage error")
        eq(err, "dbaudit: .dbaudit.yml:7: unknown key 'tenant_colum' (did you mean 'tenant_column'?)\n")
        eq(out, "", "nothing audited")
        rc, out, err = run(["scan", "proj"], cwd=p.tmp)
        eq(err, "dbaudit: proj/.dbaudit.yml:7: unknown key 'tenant_colum' (did you mean 'tenant_column'?)\n",
           "the path as reachable from the current folder")
        p.write(".dbaudit.yml", "rules:\n  S015: off\n  rls-disable: error\n")
        rc, _, err = run(["scan", "."], cwd=p.root)
        eq((rc, err), (2, "dbaudit: .dbaudit.yml:3: unknown rule 'rls-disable' (did you mean 'rls-disabled'?) "
                          "(see 'dbaudit rules')\n"))
    finally:
        p.close()


def test_wrong_type_names_file_and_line():
    cases = [
        ("rules:\n  S015: off\nsoft_delete_columns: deleted_at\n",
         ".dbaudit.yml:3: 'soft_delete_columns' takes a list (or a map with add and remove), not a single value"),
        ("tenant_tables: [tenants]\ntenant_column:\n  - org_id\n",
         ".dbaudit.yml:3: 'tenant_column' takes a name, not a list"),
        ("rules:\n  S001: off\n  S002: maybe\n",
         ".dbaudit.yml:3: rule S002 takes off, on, error, warning or info, not 'maybe'"),
        ("exclude:\n  - a\n  - {b: c}\n", ".dbaudit.yml:3: the items of 'exclude' are names or globs, not a map"),
        ("rules: [S001]\n", ".dbaudit.yml:1: 'rules' takes a map of rule id or slug to off, on, error, warning or info, not a list"),
        ("ignore:\n", ".dbaudit.yml:1: 'ignore' has no value (write [] for an empty list)"),
        ("- S001\n", ".dbaudit.yml:1: the configuration is a map of keys (rules, exclude, ignore, tenant_column...), not a list"),
        ("rules:\n  S001: off\n  bad: [\n", ".dbaudit.yml:4: did not find expected node content while parsing a flow node"),
    ]
    p = Project()
    try:
        for text, message in cases:
            p.write(".dbaudit.yml", text)
            rc, out, err = run(["scan", "."], cwd=p.root)
            eq((rc, err), (2, f"dbaudit: {message}\n"), f"for {text!r}")
    finally:
        p.close()


def test_json_config():
    p = Project('{\n\t"rules": {"S015": "off", "M001": "error"},\n\t"ignore": ["public.tickets"]\n}\n',
                name=".dbaudit.json")
    try:
        rc, doc, err = p.scan()
        eq(found(doc), [("M001", "public.events"), ("M001", "public.ticket_scans")], "a JSON file is read as YAML")
        eq(rc, 1, "M001 is an error now")
    finally:
        p.close()


def test_print_round_trip():
    p = Project("rules:\n  S015: warning\n  S020: off\n"
                "ignore: [public.tickets]\n"
                "exclude: ['legacy/*']\n"
                "tenant_column: org_id\n"
                "money_columns: {add: ['*_cents_total'], remove: [price]}\n"
                "external_clients: [axios, 'stripe.*', 'say \"hi\"']\n"
                "critical_flows: []\n")
    try:
        rc, first, err = run(["config", "--print"], cwd=p.root)
        eq(rc, 0, err)
        assert "  S015: warning" in first and "  S020: off" in first, first
        assert 'tenant_column: "org_id"' in first and "critical_flows: []" in first, first
        assert '"say \\"hi\\""' in first, first
        printed = os.path.join(p.tmp, "printed.yml")
        with open(printed, "w", encoding="utf-8") as f:
            f.write(first)
        rc, second, err = run(["config", "--print", "--config", printed], cwd=p.root)
        eq(rc, 0, err)
        body = lambda text: [ln for ln in text.splitlines() if not ln.startswith("#")]
        eq(body(second), body(first), "what config --print writes reads back to the same configuration")
        rc, a, _ = p.scan()
        rc, b, _ = p.scan("--config", printed)
        eq(found(b), found(a), "and audits the same")
        rc, defaults, _ = run(["config", "--print", "--no-config"], cwd=p.root)
        assert '"deleted_at"' in defaults and "  S015: error" in defaults, defaults
        rc, out, _ = run(["config", "--print", "migrations"], cwd=p.root)
        eq(body(out), body(first), "PATH: found from that folder up")
    finally:
        p.close()


def test_config_command_usage():
    rc, out, _ = run(["config", "--help"])
    eq(rc, 0)
    assert out.startswith("Usage: dbaudit config --print") and ".dbaudit.yml" in out, out
    for args in (["config"], ["config", "--print", "a", "b"], ["config", "--bogus"],
                 ["config", "--print", "/nonexistent/dbaudit"]):
        rc, _, err = run(args)
        eq(rc, 2, f"{args}")
        assert err.startswith("dbaudit: ") and err.count("\n") == 1, err
    for cmd in (["--help"], ["scan", "--help"], ["db", "--help"]):
        rc, out, _ = run(cmd)
        assert "--config FILE" in out or "config" in out, cmd
    rc, out, _ = run(["scan", "--help"])
    for opt in ("--config FILE", "--no-config", "--baseline FILE", "--write-baseline FILE", "--changed-files",
                "--git-base REV"):
        assert opt in out, f"{opt} missing from scan --help"


if __name__ == "__main__":
    main(globals())
