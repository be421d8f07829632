#!/bin/sh
# orphans.sh DBAUDIT - time the D001 orphan check on a 10-million-row child
# table with 1% orphans against the best hand-written anti-join run by psql
# on the same server.  Run through scripts/with-pg.sh (make bench-data).
set -eu
exec python3 "$(dirname "$0")/orphans_bench.py" "${1:-build/dbaudit}"
