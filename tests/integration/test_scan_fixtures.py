"""Golden fixtures of the rules of 'dbaudit scan': tests/rules/<ID>/ with
project folders instead of SQL files.

For each rule directory that has a bad/ folder:
  bad*/         every folder whose name starts with "bad" is scanned in one
                run ('dbaudit scan --only <ID> bad bad-sql ...', from the
                rule directory); the findings of the rule must be exactly
                those of bad.expected;
  bad.expected  "<RULE> <path>:<line>" per line, # comments; the path is
                relative to the rule directory, or to bad/ when it does not
                start with a bad* folder name;
  bad.args      optional: more dbaudit arguments;
  good*/        every folder whose name starts with "good": no finding of
                the rule.
Other rules' findings are ignored: a fixture shows one rule.  A crash, a
usage error or an unreadable report fails the test.

One test per directory (test_<ID>).  Run a subset with:
test_scan_fixtures.py M001 K004
"""
import json
import os

from harness import SOURCE, main, read_lines, rule_tests, run

RULES_DIR = os.path.join(SOURCE, "tests", "rules")



def folders(rule_dir, prefix):
    return sorted(d for d in os.listdir(rule_dir)
                  if d.startswith(prefix) and os.path.isdir(os.path.join(rule_dir, d)))


def scan(rule_dir, rule, paths, extra=()):
    rc, out, err = run(["scan", "--only", rule, "--format", "json", "--fail-on", "none", *extra, *paths],
                       cwd=rule_dir)
    if rc != 0:
        raise AssertionError(f"dbaudit scan {' '.join(paths)} exited {rc}: {err.strip()}")
    try:
        return json.loads(out)
    except ValueError as e:
        raise AssertionError(f"dbaudit scan printed no JSON report ({e}): {out[:300]}")


def norm(path):
    while path.startswith("./"):
        path = path[2:]
    return path


def located(doc, rule):
    out = []
    for f in doc["findings"]:
        if f["rule"] != rule:
            continue
        loc = f["location"]
        out.append(f"{norm(loc.get('file', '?'))}:{loc.get('line', '?')}")
    return sorted(out)


def check_rule(rule):
    rule_dir = os.path.join(RULES_DIR, rule)
    bads = folders(rule_dir, "bad")
    goods = folders(rule_dir, "good")
    extra = []
    args = os.path.join(rule_dir, "bad.args")
    if os.path.isfile(args):
        extra = " ".join(read_lines(args)).split()
    problems = []
    expected = []
    for ln in read_lines(os.path.join(rule_dir, "bad.expected")):
        r, _, where = ln.partition(" ")
        where = norm(where.strip())
        if not any(where.startswith(b + "/") for b in bads):
            where = "bad/" + where
        if r != rule:
            problems.append(f"bad.expected: '{ln}' is not a {rule} finding")
        expected.append(where)
    expected.sort()
    doc = scan(rule_dir, rule, bads, extra)
    actual = located(doc, rule)
    if actual != expected:
        missing = [e for e in expected if e not in actual]
        unexpected = [a for a in actual if a not in expected]
        problems.append("bad: findings differ from bad.expected\n"
                        + "".join(f"    missing:    {m}\n" for m in missing)
                        + "".join(f"    unexpected: {u}\n" for u in unexpected))
    for f in doc["findings"]:
        if f["rule"] == rule and not f.get("message"):
            problems.append(f"bad: a finding has no message: {f}")
    if goods:
        gdoc = scan(rule_dir, rule, goods, extra)
        for where in located(gdoc, rule):
            problems.append(f"good: unexpected {rule} finding at {where}")
    else:
        problems.append("no good* folder")
    if problems:
        raise AssertionError(f"{rule}: {len(problems)} problem(s)\n" + "\n".join(problems))


def rule_dirs():
    if not os.path.isdir(RULES_DIR):
        return []
    return sorted(d for d in os.listdir(RULES_DIR) if os.path.isdir(os.path.join(RULES_DIR, d, "bad")))


rule_tests(globals(), rule_dirs(), check_rule)


if __name__ == "__main__":
    main(globals())
