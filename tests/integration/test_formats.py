"""Report formats on real input: the JSON contract, SARIF 2.1.0 validated
against the OASIS schema (from ../shared/datasets), the text grouping and
source excerpts, GitHub annotations (escaping, chosen by GITHUB_ACTIONS),
the HTML page opened in headless Chromium (it loads without a console
message, its script runs, the integrity map is drawn) and the DOT map
rendered by Graphviz.  The writers' exact output is held by the golden
files of tests/unit/test_report_formats.c."""
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import tempfile
import zlib

import jsonschema

from harness import SHARED, SOURCE, drop_db, eq, main, new_db, run

EXAMPLE = os.path.join(SOURCE, "examples", "tickettoken")

SCHEMA = """
CREATE TABLE tenants (id uuid PRIMARY KEY);
CREATE TABLE events (id uuid PRIMARY KEY, tenant_id uuid REFERENCES tenants ON DELETE RESTRICT,
                     price numeric, slug text UNIQUE);
CREATE TABLE log (msg text);
"""

# A map with every node state and edge kind: RLS forced, not forced and
# off, the tenants table, a plain table, a NOT VALID key and a reference
# without a key (S003), under names that need quoting and escaping.
MAP_SCHEMA = r'''
CREATE TABLE tenants (id uuid PRIMARY KEY);
CREATE TABLE users (id uuid PRIMARY KEY, tenant_id uuid NOT NULL REFERENCES tenants ON DELETE RESTRICT);
CREATE INDEX ON users (tenant_id);
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant ON users USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid);
CREATE TABLE orders (id uuid PRIMARY KEY, tenant_id uuid NOT NULL REFERENCES tenants ON DELETE RESTRICT,
                     user_id uuid);
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
CREATE TABLE "Line <Items> & ""more""" (id bigint PRIMARY KEY,
                     order_id uuid NOT NULL, product_id uuid);
ALTER TABLE "Line <Items> & ""more""" ADD FOREIGN KEY (order_id) REFERENCES orders NOT VALID;
CREATE TABLE products (id uuid PRIMARY KEY, "naïve → name" text);
'''


def report(db, fmt, *args, env=None):
    rc, out, err = run(["db", "--dsn", f"dbname={db}", "--format", fmt, "--fail-on", "none", *args], env=env)
    eq(rc, 0, err)
    return out


def test_json_contract():
    db = new_db(SCHEMA)
    try:
        doc = json.loads(report(db, "json"))
        eq(sorted(doc), ["command", "findings", "sources", "summary", "tool"], "top-level keys")
        assert doc["findings"], "findings expected"
        for f in doc["findings"]:
            assert {"rule", "severity", "message", "location", "fingerprint"} <= set(f), f
            assert f["severity"] in ("error", "warning", "info")
            assert set(f["location"]) == {"object"}, f["location"]
            assert len(f["fingerprint"]) == 16
        eq(len({f["fingerprint"] for f in doc["findings"]}), len(doc["findings"]), "fingerprints are unique")
        counts = {s: sum(f["severity"] == s for f in doc["findings"]) for s in ("error", "warning", "info")}
        eq(doc["summary"], counts, "summary counts")
    finally:
        drop_db(db)


def sarif_schema():
    with open(os.path.join(SHARED, "datasets", "sarif-schema-2.1.0.json"), encoding="utf-8") as f:
        return json.load(f)


def test_sarif_validates():
    db = new_db(SCHEMA)
    try:
        sarif = json.loads(report(db, "sarif"))
        jsonschema.Draft4Validator(sarif_schema()).validate(sarif)
        run0 = sarif["runs"][0]
        rules = run0["tool"]["driver"]["rules"]
        rc, out, _ = run(["rules", "--format", "json"])
        eq([r["id"] for r in rules], [r["id"] for r in json.loads(out)], "every rule in tool.driver.rules")
        for r in rules:
            eq(r["helpUri"], f"docs/rules/{r['id']}.md", "helpUri is the relative docs path")
            assert r["help"]["text"] and f"docs/rules/{r['id']}.md" in r["help"]["markdown"], r["help"]
            assert r["shortDescription"]["text"], r
            assert r["defaultConfiguration"]["level"] in ("error", "warning", "note"), r
        for res in run0["results"]:
            eq(rules[res["ruleIndex"]]["id"], res["ruleId"], "ruleIndex points at the rule")
            assert res["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
            assert re.fullmatch(r"[0-9a-f]{16}", res["partialFingerprints"]["dbaudit/v1"]), res
    finally:
        drop_db(db)


def test_sarif_of_a_scan_has_relative_file_locations():
    rc, out, err = run(["scan", "--format", "sarif", "--fail-on", "none", "services"], cwd=EXAMPLE)
    eq(rc, 0, err)
    sarif = json.loads(out)
    jsonschema.Draft4Validator(sarif_schema()).validate(sarif)
    eq(sarif["runs"][0]["columnKind"], "unicodeCodePoints", "columns count code points")
    for res in sarif["runs"][0]["results"]:
        loc = res["locations"][0]["physicalLocation"]
        uri = loc["artifactLocation"]["uri"]
        assert not uri.startswith(("/", "./", "file:")) and " " not in uri, uri
        assert os.path.exists(os.path.join(EXAMPLE, uri)), uri
        assert loc["region"]["startLine"] >= 1 and loc["region"]["startColumn"] >= 1, loc


def test_text_groups_by_table():
    db = new_db(SCHEMA)
    try:
        out = report(db, "text")
        lines = out.splitlines()
        headers = [l for l in lines if l and not l.startswith(" ")]
        eq(headers[:2], ["public.events", "public.log"], "one header per table, in order")
        assert lines[-1].startswith(tuple("0123456789")), lines[-1]
        quiet = report(db, "text", "--quiet")
        eq(quiet, lines[-1] + "\n", "--quiet prints the summary alone")
    finally:
        drop_db(db)


def test_text_shows_the_source_line():
    rc, out, err = run(["scan", "services", "--fail-on", "none"], cwd=EXAMPLE)
    eq(rc, 0, err)
    lines = out.splitlines()
    checked = 0
    for i, line in enumerate(lines):
        m = re.match(r"  \S+ +[A-Z]\d{3}  (\S+):(\d+):(\d+)  ", line)
        if not m:
            continue
        path, ln, col = m.group(1), int(m.group(2)), int(m.group(3))
        with open(os.path.join(EXAMPLE, path), encoding="utf-8") as f:
            source = f.read().split("\n")[ln - 1].rstrip("\r")
        excerpt = re.match(r" +(\d+) \| (.*)$", lines[i + 1])
        assert excerpt and int(excerpt.group(1)) == ln, (line, lines[i + 1])
        eq(excerpt.group(2), source, f"{path}:{ln} is quoted")
        caret = re.match(r" +\| (\s*)\^$", lines[i + 2])
        assert caret, lines[i + 2]
        eq(len(caret.group(1)), col - 1, f"the caret of {path}:{ln}:{col}")
        checked += 1
    assert checked >= 10, f"only {checked} file findings with an excerpt"


# ---- GitHub annotations ---------------------------------------------------------------

def test_github_annotations():
    tmp = tempfile.mkdtemp(prefix="dbaudit-gh-")
    try:
        mig = os.path.join(tmp, "migrations")
        os.makedirs(mig)
        name = "20240101000000_a,b:c 100%.js"
        with open(os.path.join(mig, name), "w", encoding="utf-8") as f:
            f.write("exports.up = (knex) => knex.schema.createTable('log', (t) => {\n"
                    "  t.text('msg');\n});\nexports.down = (knex) => knex.schema.dropTable('log');\n")
        rc, out, err = run(["scan", ".", "--fail-on", "none"], cwd=tmp, env={"GITHUB_ACTIONS": "true"})
        eq(rc, 0, err)
        lines = out.splitlines()
        assert lines and all(l.startswith(("::error ", "::warning ", "::notice ")) for l in lines[:-1]), out
        assert lines[-1].startswith("dbaudit: "), lines[-1]
        s001 = [l for l in lines if "title=S001 " in l]
        eq(len(s001), 1, out)
        # ',' ':' '%' escaped in the file property; '%' and line breaks in the message
        assert re.fullmatch(r"::error file=migrations/20240101000000_a%2Cb%3Ac 100%25\.js,line=1,col=\d+,"
                            r"title=S001 table-without-primary-key::table public\.log has no primary key"
                            r"%0AFix: ALTER TABLE public\.log [^\n%]*", s001[0]), s001[0]
        rc, text, err = run(["scan", ".", "--fail-on", "none", "--format", "text"], cwd=tmp,
                            env={"GITHUB_ACTIONS": "true"})
        assert not text.startswith("::") and "S001" in text, "--format text wins over GITHUB_ACTIONS"
        rc, text, err = run(["scan", ".", "--fail-on", "none"], cwd=tmp, env={"GITHUB_ACTIONS": "false"})
        assert not text.startswith("::"), "text when not on GitHub Actions"
    finally:
        shutil.rmtree(tmp)


# ---- HTML in a browser -------------------------------------------------------------------

def chromium(url, *args):
    """Runs headless Chromium on url with a fresh profile; returns (stdout,
    stderr).  Killed (with its helpers) after 60 s."""
    profile = tempfile.mkdtemp(prefix="dbaudit-chromium-")
    cmd = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-extensions", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
           *args, url]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        out, err = p.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        raise AssertionError(f"chromium did not finish within 60 s: {' '.join(cmd)}")
    finally:
        try:
            os.killpg(p.pid, signal.SIGKILL)  # helpers left behind, if any
        except ProcessLookupError:
            pass
        shutil.rmtree(profile, ignore_errors=True)
    return out, err


def png_pixels(path):
    """(width, height, rows of RGB(A) bytes) of an 8-bit RGB or RGBA PNG."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "a PNG file"
    pos, idat, hdr = 8, [], None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            hdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + n
    w, h, depth, ctype, _, _, interlace = hdr
    assert depth == 8 and ctype in (2, 6) and interlace == 0, hdr
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        ft = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if ft == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif ft == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif ft == 3:
            for i in range(stride):
                line[i] = (line[i] + ((line[i - bpp] if i >= bpp else 0) + prev[i]) // 2) & 255
        elif ft == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return w, h, bpp, rows


# Node fills of the map (report_html.c): green, amber, red, blue, grey.
FILLS = {(0xe6, 0xf4, 0xea), (0xff, 0xf4, 0xd6), (0xfd, 0xe8, 0xe8), (0xe3, 0xef, 0xfd), (0xf1, 0xf2, 0xf4)}


def check_page(html_path, min_nodes):
    with open(html_path, encoding="utf-8") as f:
        page = f.read()
    assert not re.search(r"(src|href)=\"(https?:)?//", page), "the page loads nothing from the network"
    assert page.count('class="node ') >= min_nodes, "the map has a node per table"
    url = "file://" + os.path.abspath(html_path)
    dom, err = chromium(url, "--dump-dom")
    console = [l for l in err.splitlines() if ":CONSOLE" in l or "Uncaught" in l]
    eq(console, [], "no console message while the page loads")
    assert 'data-map="ready"' in dom, "the page's script ran"
    shot = os.path.join(os.path.dirname(html_path), "page.png")
    _, err = chromium(url, "--screenshot=" + shot, "--window-size=1400,1000", "--hide-scrollbars")
    assert os.path.exists(shot), err[-2000:]
    w, h, bpp, rows = png_pixels(shot)
    eq((w, h), (1400, 1000), "screenshot size")
    colours, fills, ink = set(), 0, 0
    for row in rows[::2]:
        for x in range(0, w * bpp, 2 * bpp):
            px = (row[x], row[x + 1], row[x + 2])
            colours.add(px)
            fills += px in FILLS
            ink += px != (255, 255, 255)
    assert len(colours) > 50, f"only {len(colours)} colours: a blank page?"
    assert ink > 0.03 * (w * h / 4), f"{ink} non-white pixels of {w * h // 4}"
    assert fills > 300, f"{fills} pixels of table boxes: the map is not on the first screen"


def test_html_of_a_database_in_chromium():
    db = new_db(MAP_SCHEMA)
    tmp = tempfile.mkdtemp(prefix="dbaudit-html-")
    try:
        path = os.path.join(tmp, "report.html")
        report(db, "html", "--output", path)
        with open(path, encoding="utf-8") as f:
            page = f.read()
        for cls in ("st-forced", "st-rlson", "st-norls", "st-tenants", "st-plain"):
            assert f'class="node {cls}"' in page, f"a table drawn as {cls}"
        assert 'class="edge inferred"' in page and 'class="edge unenforced"' in page, "every kind of edge"
        assert '&quot;Line &lt;Items&gt; &amp; &quot;&quot;more&quot;&quot;&quot;' in page, "names are escaped"
        assert "<Items>" not in page
        assert 'href="docs/rules/S003.md"' in page
        check_page(path, 5)
    finally:
        shutil.rmtree(tmp)
        drop_db(db)


def test_html_of_a_scan_in_chromium():
    tmp = tempfile.mkdtemp(prefix="dbaudit-html-")
    try:
        path = os.path.join(tmp, "scan.html")
        rc, out, err = run(["scan", EXAMPLE, "--format", "html", "--output", path, "--fail-on", "none"])
        eq(rc, 0, err)
        with open(path, encoding="utf-8") as f:
            page = f.read()
        # one map for every project: the services reference each other's tables
        eq(page.count('<svg class="map"'), 1, "one map")
        assert 'class="edge inferred"' in page, "the missing foreign key of payments.order_id"
        check_page(path, 15)
    finally:
        shutil.rmtree(tmp)


# ---- DOT -------------------------------------------------------------------------------

def check_dot(text):
    """Balanced braces and quotes; every edge's ends are declared nodes;
    Graphviz renders it."""
    nodes, edges, depth = set(), [], 0
    for m in re.finditer(r'"((?:[^"\\]|\\.)*)"|([{}])', text):
        if m.group(2) == "{":
            depth += 1
        elif m.group(2) == "}":
            depth -= 1
            assert depth >= 0, "unbalanced braces"
    eq(depth, 0, "balanced braces")
    q = r'"((?:[^"\\]|\\.)*)"'
    for line in text.splitlines():
        m = re.match(r"\s*" + q + r" -> " + q + r" \[", line)
        if m:
            edges.append((m.group(1), m.group(2)))
            continue
        m = re.match(r"\s*" + q + r" \[label=", line)
        if m:
            nodes.add(m.group(1))
    assert nodes, "nodes"
    for a, b in edges:
        assert a in nodes and b in nodes, f"edge {a} -> {b} between declared nodes"
    p = subprocess.run(["dot", "-Tsvg"], input=text, capture_output=True, text=True, timeout=120)
    eq(p.returncode, 0, p.stderr)
    assert "<svg" in p.stdout and not p.stderr.strip(), p.stderr
    return nodes, edges


def test_dot_renders():
    db = new_db(MAP_SCHEMA)
    try:
        nodes, edges = check_dot(report(db, "dot"))
        assert 'public.Line <Items> & \\"more\\"' in nodes, nodes
        assert ("public.Line <Items> & \\\"more\\\"", "public.orders") in edges, edges
    finally:
        drop_db(db)
    rc, out, err = run(["scan", "services", "--format", "dot", "--fail-on", "none"], cwd=EXAMPLE)
    eq(rc, 0, err)
    nodes, edges = check_dot(out)
    assert ("public.payments", "public.orders") in edges, "the inferred reference of payments.order_id"


def test_map_follows_the_configuration():
    """The map colours tenant scoping with the project's own names: with
    tenant_column org_id in .dbaudit.yml, projects (org_id) is a tenant-scoped
    table without RLS, not a table without tenant data."""
    tmp = tempfile.mkdtemp(prefix="dbaudit-map-")
    try:
        os.makedirs(os.path.join(tmp, "migrations"))
        with open(os.path.join(tmp, "knexfile.js"), "w") as f:
            f.write("module.exports = { client: 'pg', migrations: { directory: './migrations' } };\n")
        with open(os.path.join(tmp, "migrations", "001_init.js"), "w") as f:
            f.write("exports.up = async (knex) => {\n"
                    "  await knex.schema.createTable('orgs', (t) => { t.uuid('id').primary(); });\n"
                    "  await knex.schema.createTable('projects', (t) => { t.uuid('id').primary(); "
                    "t.uuid('org_id').notNullable().references('id').inTable('orgs').onDelete('RESTRICT'); });\n"
                    "};\nexports.down = async (knex) => { await knex.schema.dropTable('projects'); "
                    "await knex.schema.dropTable('orgs'); };\n")

        def node():
            rc, out, err = run(["scan", tmp, "--format", "dot", "--fail-on", "none"])
            eq(rc, 0, err)
            return next(l for l in out.splitlines() if l.strip().startswith('"public.projects" ['))

        assert "not tenant-scoped" in node(), node()
        with open(os.path.join(tmp, ".dbaudit.yml"), "w") as f:
            f.write("tenant_column: org_id\ntenant_tables: [orgs]\n")
        assert "tenant-scoped, RLS disabled" in node(), node()
    finally:
        shutil.rmtree(tmp)


def test_several_databases_draw_one_map_each():
    a, b = new_db(MAP_SCHEMA), new_db(SCHEMA)
    try:
        rc, out, err = run(["db", "--dsn", f"dbname={a}", "--dsn", f"dbname={b}", "--format", "dot",
                            "--fail-on", "none"])
        eq(rc, 0, err)
        nodes, _ = check_dot(out)
        assert f"{a}:public.tenants" in nodes and f"{b}:public.tenants" in nodes, nodes
        eq(out.count("subgraph"), 2, "a cluster per database")
    finally:
        drop_db(a)
        drop_db(b)


if __name__ == "__main__":
    main(globals())
