#!/bin/sh
# demo.sh DBAUDIT - load the bundled example database into the private
# server started by with-pg.sh and audit it.  The audit's exit code is
# shown, not returned: finding the flaws is the point of the demo.
set -eu
dbaudit=$(cd "$(dirname "${1:-build/dbaudit}")" && pwd)/$(basename "${1:-build/dbaudit}")
top=$(cd "$(dirname "$0")/.." && pwd)
createdb tickettoken
psql -X -q -v ON_ERROR_STOP=1 -d tickettoken -f "$top/examples/tickettoken/schema.sql" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d tickettoken -f "$top/examples/tickettoken/seed.sql" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d tickettoken -f "$top/examples/tickettoken/data-flaws.sql" >/dev/null
echo "== dbaudit db --dsn dbname=tickettoken --data"
echo
status=0
"$dbaudit" db --dsn "dbname=tickettoken" --data || status=$?
echo
echo "(dbaudit exit code: $status; 1 means findings at or above --fail-on)"
echo
echo "== dbaudit scan examples/tickettoken/services"
echo "   (the same schema, read from the services' knexfiles and Knex migrations, without running them)"
echo
status=0
(cd "$top/examples/tickettoken" && "$dbaudit" scan services) || status=$?
echo
echo "(dbaudit exit code: $status)"
