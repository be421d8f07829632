#!/bin/sh
# compare.sh DB_A DB_B - do two databases hold the same schema?
#
# Compares, on the server named by the PG* environment variables:
#   1. their `pg_dump --schema-only --no-owner`, split into statements and
#      sorted (so only the order of statements may differ), without the
#      Knex bookkeeping tables knex_migrations* and their sequences, and
#      without comments and session settings;
#   2. the (rule, location.object) pairs that `dbaudit db --format json`
#      reports on each.
# Prints the differences; exits 0 when there are none, 1 when there are,
# 2 on a usage or tool error.  dbaudit is $DBAUDIT, else build/dbaudit of
# this source tree.
#
#   scripts/with-pg.sh sh -c 'createdb a && createdb b && ... && tests/knex/compare.sh a b'
set -eu

if [ $# -ne 2 ]; then
    echo "usage: compare.sh DB_A DB_B" >&2
    exit 2
fi
a=$1
b=$2
here=$(cd "$(dirname "$0")" && pwd)
dbaudit=${DBAUDIT:-$here/../../build/dbaudit}
if [ ! -x "$dbaudit" ]; then
    echo "compare.sh: $dbaudit is not built (set DBAUDIT)" >&2
    exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# One statement per line (its lines joined), sorted.
statements() {
    pg_dump --schema-only --no-owner --exclude-table='knex_migrations*' -d "$1" >"$tmp/raw" || exit 2
    python3 - "$tmp/raw" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
out, cur, dollar = [], [], False
for line in text.splitlines():
    if not cur and (not line.strip() or line.startswith("--")):
        continue
    if not dollar and line.startswith("\\"):      # \restrict and other psql meta-commands
        continue
    cur.append(line.rstrip())
    if line.count("$$") % 2:
        dollar = not dollar
    if not dollar and line.rstrip().endswith(";"):
        stmt = " ".join(s.strip() for s in cur)
        cur = []
        if re.match(r"(SET|SELECT pg_catalog\.set_config)\b", stmt):
            continue
        out.append(stmt)
for s in sorted(out):
    print(s)
PY
}

# "RULE object" per finding, sorted.
findings() {
    "$dbaudit" db --dsn "dbname=$1" --format json --fail-on none >"$tmp/json" || {
        echo "compare.sh: dbaudit db failed on $1" >&2
        exit 2
    }
    python3 -c '
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
for f in sorted((f["rule"], f["location"].get("object", "")) for f in doc["findings"]):
    print(*f)
' "$tmp/json"
}

status=0
statements "$a" >"$tmp/schema.a"
statements "$b" >"$tmp/schema.b"
if ! diff -u --label "$a (schema)" --label "$b (schema)" "$tmp/schema.a" "$tmp/schema.b" >"$tmp/schema.diff"; then
    echo "schema differs:"
    cat "$tmp/schema.diff"
    status=1
fi
findings "$a" >"$tmp/findings.a"
findings "$b" >"$tmp/findings.b"
if ! diff -u --label "$a (findings)" --label "$b (findings)" "$tmp/findings.a" "$tmp/findings.b" >"$tmp/findings.diff"; then
    echo "dbaudit findings differ:"
    cat "$tmp/findings.diff"
    status=1
fi
if [ $status -eq 0 ]; then
    echo "same schema ($(wc -l <"$tmp/schema.a") statements) and same findings ($(wc -l <"$tmp/findings.a")) in $a and $b"
fi
exit $status
