"""Report formats on one database with findings of several kinds: the JSON
contract, SARIF 2.1.0 validated against the OASIS schema (from
../shared/datasets), and the text grouping."""
import json
import os

import jsonschema

from harness import SHARED, drop_db, eq, main, new_db, run

SCHEMA = """
CREATE TABLE tenants (id uuid PRIMARY KEY);
CREATE TABLE events (id uuid PRIMARY KEY, tenant_id uuid REFERENCES tenants ON DELETE RESTRICT,
                     price numeric, slug text UNIQUE);
CREATE TABLE log (msg text);
"""


def report(db, fmt):
    rc, out, err = run(["db", "--dsn", f"dbname={db}", "--format", fmt, "--fail-on", "none"])
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


def test_sarif_validates():
    db = new_db(SCHEMA)
    try:
        sarif = json.loads(report(db, "sarif"))
        with open(os.path.join(SHARED, "datasets", "sarif-schema-2.1.0.json"), encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft4Validator(schema).validate(sarif)
        run0 = sarif["runs"][0]
        rules = run0["tool"]["driver"]["rules"]
        rc, out, _ = run(["rules", "--format", "json"])
        eq([r["id"] for r in rules], [r["id"] for r in json.loads(out)], "every rule in tool.driver.rules")
        for res in run0["results"]:
            eq(rules[res["ruleIndex"]]["id"], res["ruleId"], "ruleIndex points at the rule")
            assert res["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
            assert res["partialFingerprints"]["dbaudit/v1"]
    finally:
        drop_db(db)


def test_text_groups_by_table():
    db = new_db(SCHEMA)
    try:
        out = report(db, "text")
        lines = out.splitlines()
        headers = [l for l in lines if l and not l.startswith(" ")]
        eq(headers[:2], ["public.events", "public.log"], "one header per table, in order")
        assert lines[-1].startswith(tuple("0123456789")), lines[-1]
    finally:
        drop_db(db)


if __name__ == "__main__":
    main(globals())
