#!/bin/sh
# with-pg.sh COMMAND [ARGS...] - run COMMAND against a private PostgreSQL.
#
# Creates a throwaway cluster in a temporary folder (initdb -N, fsync off,
# loopback only, its own free port and socket directory), exports PGHOST,
# PGPORT, PGUSER and PGDATABASE for COMMAND, and removes everything when
# COMMAND ends, fails or is interrupted.  Nothing touches port 5432 or the
# system's clusters.  As root, the server runs as the postgres user (initdb
# refuses root).
#
# Role for tests: "postgres" (superuser, trust); "dbaudit_pw" connects over
# TCP with a password only (scram), for the wrong-password tests.
set -eu

PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ ! -x "$PGBIN/initdb" ]; then
    echo "with-pg: PostgreSQL server binaries not found (run scripts/setup.sh)" >&2
    exit 3
fi

dir=$(mktemp -d /tmp/dbaudit-pg.XXXXXX)
run=
if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir"
    run="runuser -u postgres --"
fi

cleanup() {
    status=$?
    if [ -f "$dir/data/postmaster.pid" ]; then
        $run "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

$run "$PGBIN/initdb" -N -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 -A trust >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    exit 3
}
cat >"$dir/data/pg_hba.conf" <<EOF
local all all trust
host all dbaudit_pw 127.0.0.1/32 scram-sha-256
host all all 127.0.0.1/32 trust
EOF
if ! $run "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c fsync=off -c full_page_writes=off -c synchronous_commit=off -c listen_addresses=127.0.0.1 -c port=$port -k $dir -c max_connections=60 -c max_locks_per_transaction=256" \
    start >/dev/null; then
    cat "$dir/server.log" >&2
    exit 3
fi

export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres PGDATABASE=postgres
export DBAUDIT_PG_SOCKDIR="$dir" DBAUDIT_PG_BIN="$PGBIN"
unset PGPASSWORD PGSERVICE PGSERVICEFILE PGSSLMODE PGOPTIONS PGAPPNAME || true

"$@"
