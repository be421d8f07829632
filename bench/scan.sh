#!/bin/sh
# scan.sh DBAUDIT - time `dbaudit scan` on a generated monorepo of 2,000
# Knex migrations (TypeScript and JavaScript, 20 services) and on one
# 10,000-statement SQL migration, and squawk on the same SQL file.  No
# database needed.  BENCH_RUNS (default 5) sets the runs per command.
#
# squawk is installed from npm into bench/.cache/squawk (pinned, only for
# this comparison; not a dependency of dbaudit).  The inputs come from
# bench/gen_scan.py (python3 bench/gen_scan.py OUTDIR keeps them).
set -eu
exec python3 "$(dirname "$0")/scan_bench.py" "${1:-build/dbaudit}"
