"""Hostile identifiers: quotes, spaces, unicode, reserved words, mixed case,
dots, in schemas, tables, columns, constraints and indexes.  Locations
must name them unambiguously, and every fix must run as printed."""
import os
import re
import subprocess
import tempfile

from harness import audit, drop_db, eq, main, new_db

SCHEMA = r'''
CREATE SCHEMA "Sales Dept";
CREATE TABLE "Sales Dept"."user" (id bigint PRIMARY KEY, "E-mail" text);
CREATE TABLE "Sales Dept"."Order Items" (
    "order" int,
    "user_id" bigint,
    "Price" numeric,
    "we""ird_id" int,
    "ünïcödé_id" int,
    "select" text
);
CREATE TABLE "Sales Dept"."we""ird" (id int PRIMARY KEY);
CREATE TABLE "Sales Dept"."ünïcödé" (id int PRIMARY KEY);
CREATE TABLE "Sales Dept"."user_a.b" (id int PRIMARY KEY, "user_id" bigint
    CONSTRAINT "Fk ""quoted""" REFERENCES "Sales Dept"."user" ON DELETE CASCADE);
CREATE INDEX "Idx One" ON "Sales Dept"."user_a.b" ("user_id", id);
CREATE INDEX "idx two" ON "Sales Dept"."user_a.b" ("user_id");
'''


def apply(db, fix):
    sql = "\n".join(l for l in fix.splitlines() if not l.lstrip().startswith("--")).strip()
    if not sql:
        return False
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False, encoding="utf-8") as f:
        f.write(sql + "\n")
    try:
        p = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db, "-f", f.name],
                           capture_output=True, text=True)
        assert p.returncode == 0, f"fix failed: {p.stderr}\n{sql}"
    finally:
        os.unlink(f.name)
    return True


def test_locations_and_fixes():
    db = new_db(SCHEMA)
    try:
        rc, doc, err = audit(db, "--fail-on", "none")
        eq(rc, 0, err)
        got = sorted((f["rule"], f["location"]["object"]) for f in doc["findings"])
        eq(got, sorted([
            ("S001", '"Sales Dept"."Order Items"'),
            ("S003", '"Sales Dept"."Order Items".user_id'),
            ("S003", '"Sales Dept"."Order Items"."we""ird_id"'),
            ("S003", '"Sales Dept"."Order Items"."ünïcödé_id"'),
            ("S012", '"Sales Dept"."Order Items"."Price"'),
            ("S006", '"Sales Dept"."user_a.b".user_id'),  # named after its parent "user", yet nullable
            ("S020", '"Sales Dept"."user_a.b".user_id'),  # "idx two" is a prefix of "Idx One"
        ]), "findings on hostile names")
        fixed = set()
        for f in doc["findings"]:
            if "fix" in f and apply(db, f["fix"]):
                fixed.add(f["fingerprint"])
        eq(len(fixed), len(doc["findings"]), "every finding here has a runnable fix")
        rc, after, _ = audit(db, "--fail-on", "none")
        left = [(f["rule"], f["location"]["object"]) for f in after["findings"] if f["fingerprint"] in fixed]
        eq(left, [], "findings left after their fixes ran")
    finally:
        drop_db(db)


def test_text_output_names_them():
    db = new_db(SCHEMA)
    try:
        from harness import run
        rc, out, err = run(["db", "--dsn", f"dbname={db}", "--fail-on", "none"])
        eq(rc, 0)
        assert '"Sales Dept"."Order Items"' in out
        assert 'ALTER TABLE "Sales Dept"."Order Items" ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY' in out, out
    finally:
        drop_db(db)


if __name__ == "__main__":
    main(globals())
