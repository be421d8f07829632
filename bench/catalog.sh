#!/bin/sh
# catalog.sh DBAUDIT - time `dbaudit db` (the catalog pass) on generated
# schemas of 2,000 and 10,000 tables.  Run it through scripts/with-pg.sh
# (make bench does), which provides a private PostgreSQL.
set -eu
exec python3 "$(dirname "$0")/catalog_bench.py" "${1:-build/dbaudit}" "$@"
