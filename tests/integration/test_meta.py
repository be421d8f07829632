"""Every rule has its documentation page and its golden fixtures.

For each rule of 'dbaudit rules --format json':
  docs/rules/<ID>.md with the headings "## What it detects", "## Why it
  matters", "## Bad", "## Good" and "## Fix";
  tests/rules/<ID>/bad.expected with at least one expected finding, each of
  that rule, and either bad.sql and good.sql (rules of the live audit,
  test_rule_fixtures.py) or bad/ and good/ project folders (rules of
  'dbaudit scan', test_scan_fixtures.py).
And tests/rules/ holds no directory for a rule that does not exist.
Each test lists every problem it finds, not just the first.
"""
import json
import os
import re

from harness import SOURCE, main, run

HEADINGS = ("## What it detects", "## Why it matters", "## Bad", "## Good", "## Fix")
SQL_FIXTURES = ("bad.sql", "good.sql")
PROJECT_FIXTURES = ("bad", "good")
RULES_DIR = os.path.join(SOURCE, "tests", "rules")


def rule_ids():
    rc, out, err = run(["rules", "--format", "json"])
    if rc != 0:
        raise AssertionError(f"dbaudit rules --format json exited {rc}: {err.strip()}")
    ids = [r["id"] for r in json.loads(out)]
    if not ids:
        raise AssertionError("dbaudit rules lists no rule")
    return ids


def fail_if(problems, what):
    if problems:
        raise AssertionError(f"{len(problems)} {what}:\n" + "\n".join(f"  {p}" for p in problems))


def test_every_rule_has_its_doc_page():
    problems = []
    for rule in rule_ids():
        path = os.path.join(SOURCE, "docs", "rules", f"{rule}.md")
        if not os.path.isfile(path):
            problems.append(f"{rule}: docs/rules/{rule}.md is missing")
            continue
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for h in HEADINGS:
            # a heading line of its own, level 2, exactly this title
            if not re.search(r"^" + re.escape(h) + r"[ \t]*$", text, re.MULTILINE):
                problems.append(f"{rule}: docs/rules/{rule}.md has no heading '{h}'")
    fail_if(problems, "documentation problem(s)")


def test_every_rule_has_its_fixtures():
    problems = []
    for rule in rule_ids():
        d = os.path.join(RULES_DIR, rule)
        if not os.path.isdir(d):
            problems.append(f"{rule}: tests/rules/{rule}/ is missing")
            continue
        sql = all(os.path.isfile(os.path.join(d, n)) for n in SQL_FIXTURES)
        proj = all(os.path.isdir(os.path.join(d, n)) for n in PROJECT_FIXTURES)
        if not sql and not proj:
            problems.append(f"{rule}: tests/rules/{rule}/ has neither bad.sql and good.sql nor bad/ and good/")
        if not os.path.isfile(os.path.join(d, "bad.expected")):
            problems.append(f"{rule}: tests/rules/{rule}/bad.expected is missing")
        exp = os.path.join(d, "bad.expected")
        if not os.path.isfile(exp):
            continue
        with open(exp, encoding="utf-8") as f:
            lines = [ln.strip() for ln in f if ln.strip() and not ln.lstrip().startswith("#")]
        if not lines:
            problems.append(f"{rule}: tests/rules/{rule}/bad.expected lists no finding")
        for ln in lines:
            found, _, obj = ln.partition(" ")
            if found != rule or not obj.strip():
                problems.append(f"{rule}: tests/rules/{rule}/bad.expected: '{ln}' is not '{rule} <object>'")
    fail_if(problems, "fixture problem(s)")


def test_no_fixtures_for_unknown_rules():
    known = set(rule_ids())
    entries = sorted(os.listdir(RULES_DIR)) if os.path.isdir(RULES_DIR) else []
    problems = [f"tests/rules/{e}/ is for no rule that 'dbaudit rules' lists" for e in entries
                if os.path.isdir(os.path.join(RULES_DIR, e)) and e not in known]
    fail_if(problems, "unknown rule director(y/ies)")


if __name__ == "__main__":
    main(globals())
