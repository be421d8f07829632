#!/bin/sh
# setup.sh - install what dbaudit needs to build and test, and nothing more.
#
# Idempotent: every Debian package is checked first and only the missing
# ones are installed; the pinned npm packages are installed only when
# their lock file changed.  Runs as root or through sudo.  PostgreSQL 15 is
# installed without its default cluster, so nothing listens on port 5432:
# tests start their own private server (scripts/pg.sh).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)

SUDO=
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO=sudo
    else
        echo "setup: not root and sudo is missing; install the packages listed in scripts/setup.sh by hand" >&2
        exit 2
    fi
fi

# Build tools, libraries and the test server.  One package per line.
PACKAGES="
build-essential
cmake
ninja-build
pkg-config
libpq-dev
libpg-query-dev
libprotobuf-c-dev
libcjson-dev
libyaml-dev
libcmocka-dev
libtree-sitter-dev
postgresql-15
postgresql-client-15
python3
python3-jsonschema
chromium
graphviz
"

missing=
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $p"
    fi
done

# Node.js and npm only fetch grammar sources; any install on PATH will do.
if ! command -v npm >/dev/null 2>&1; then
    missing="$missing nodejs npm"
fi

if [ -n "$missing" ]; then
    # Keep postgresql-common from creating and starting a cluster on 5432.
    $SUDO mkdir -p /etc/postgresql-common/createcluster.d
    echo "create_main_cluster = false" |
        $SUDO tee /etc/postgresql-common/createcluster.d/dbaudit.conf >/dev/null
    echo "setup: installing$missing"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
    # shellcheck disable=SC2086
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        --no-install-recommends $missing
fi

# npm packages, pinned by their lock files and installed only when a lock
# file changed, with scripts off:
#   third_party/grammars  tree-sitter grammar sources (generated parser.c)
#                         compiled into dbaudit
#   tests/knex            Knex, pg and TypeScript, used only by the test that
#                         applies the example migrations for real
for d in third_party/grammars tests/knex; do
    g="$top/$d"
    [ -f "$g/package-lock.json" ] || continue
    stamp="$g/node_modules/.dbaudit-lock"
    if ! cmp -s "$g/package-lock.json" "$stamp" 2>/dev/null; then
        echo "setup: installing the pinned npm packages of $d"
        (cd "$g" && npm ci --ignore-scripts --legacy-peer-deps --no-audit --no-fund --loglevel=error)
        cp "$g/package-lock.json" "$stamp"
    fi
done

echo "setup: ok"
