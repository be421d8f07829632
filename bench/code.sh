#!/bin/sh
# code.sh DBAUDIT - time `dbaudit scan` on 25 MB of generated TypeScript
# data-access code (bench/gen_code.py) against tree-sitter parsing alone
# of the same files (bench/parse_only.c, the same grammars, compiled here
# against the build's library) on the same number of threads.  No database
# needed.  BENCH_RUNS (default 5) sets the runs per command, BENCH_MB the
# size (default 25).
set -eu
exec python3 "$(dirname "$0")/code_bench.py" "${1:-build/dbaudit}"
