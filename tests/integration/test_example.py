"""The bundled example database (examples/tickettoken): every planted flaw is
found, and nothing is reported on the parts that are done right.

expected.txt is the reviewed truth, written from the flaws planted in
schema.sql and the rules' documented behaviour, not from dbaudit's output.
"""
import os

from harness import SOURCE, audit, drop_db, eq, main, new_db, pairs

EXAMPLE = os.path.join(SOURCE, "examples", "tickettoken")
RULES = [f"S{n:03d}" for n in range(1, 21)]


def expected_pairs():
    """Sorted (rule, object) pairs of expected.txt."""
    out = []
    with open(os.path.join(EXAMPLE, "expected.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                rule, obj = line.split(" ", 1)
                out.append((rule, obj))
    return sorted(out)


def load_example():
    return new_db(files=[os.path.join(EXAMPLE, f) for f in ("schema.sql", "seed.sql", "data-flaws.sql")], prefix="tt")


def test_expected_covers_every_rule():
    exp = expected_pairs()
    eq(len(exp), len(set(exp)), "expected.txt has no duplicate lines")
    eq(sorted({rule for rule, _ in exp}), RULES, "expected.txt covers every rule S001-S020")
    with open(os.path.join(EXAMPLE, "schema.sql"), encoding="utf-8") as f:
        schema = f.read()
    for rule in RULES:
        assert f"-- FLAW {rule}:" in schema, f"schema.sql marks no flaw for {rule}"


def test_findings_equal_expected():
    db = load_example()
    try:
        rc, doc, err = audit(db, "--fail-on", "none")
        eq(rc, 0, f"--fail-on none never fails (stderr: {err!r})")
        eq([(s["name"], s["state"]) for s in doc["sources"]], [(db, "audited")], "the whole catalog was read")
        actual = pairs(doc)
        exp = expected_pairs()
        missed = sorted(set(exp) - set(actual))
        extra = sorted(set(actual) - set(exp))
        eq(actual, exp, f"findings differ from expected.txt\n  missed: {missed!r}\n  extra:  {extra!r}")
    finally:
        drop_db(db)


def test_default_fail_on_exits_1():
    db = load_example()
    try:
        rc, doc, err = audit(db)
        eq(rc, 1, f"error-severity findings fail the audit at the default --fail-on error (stderr: {err!r})")
        assert doc["summary"]["error"] > 0, doc["summary"]
    finally:
        drop_db(db)


def test_data_findings_with_exact_counts():
    """--data counts every planted data flaw (data-flaws.sql) exactly, and
    the catalog findings stay those of expected.txt."""
    want = []
    with open(os.path.join(EXAMPLE, "expected-data.txt"), encoding="utf-8") as f:
        for ln in f:
            if ln.strip() and not ln.startswith("#"):
                rule, obj, count = ln.split()
                want.append((rule, obj, int(count.split("=")[1])))
    db = load_example()
    try:
        rc, doc, err = audit(db, "--data", "--fail-on", "none")
        eq(rc, 0, err)
        got = sorted((f["rule"], f["location"]["object"], f["count"]) for f in doc["findings"]
                     if f["rule"].startswith(("D", "A002")))
        eq(got, sorted(want), "data findings and counts")
        for f in doc["findings"]:
            if f["rule"].startswith("D"):
                eq(len(f["samples"]), min(f["count"], 5), f"samples of {f['location']['object']}")
        catalog = sorted((f["rule"], f["location"]["object"]) for f in doc["findings"] if f["rule"][0] in "AS")
        eq(catalog, expected_pairs(), "catalog findings unchanged by --data")
    finally:
        drop_db(db)


if __name__ == "__main__":
    main(globals())
