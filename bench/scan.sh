#!/bin/sh
# scan.sh DBAUDIT - time `dbaudit scan` on a generated monorepo of 2,000
# Knex migrations (TypeScript and JavaScript) and on one 10,000-statement SQL
# migration, and squawk on the same SQL file.  No database needed.
#
# squawk is installed from npm into bench/.cache/squawk (pinned, only for
# this comparison; not a dependency of dbaudit).
set -eu
exec python3 "$(dirname "$0")/scan_bench.py" "${1:-build/dbaudit}"
