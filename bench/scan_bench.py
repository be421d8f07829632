"""Static scan benchmark.

1. A generated monorepo: 20 services x 100 migrations = 2,000 files, half
   TypeScript (export async function up) and half JavaScript (exports.up),
   each service with its knexfile.  A migration creates a table of 10 to 20
   columns (increments, uuid, string, integer, decimal, jsonb, enu,
   timestamps) with a foreign key to an earlier table of the service and
   indexes; every fifth alters an earlier table (add, rename and drop
   columns, an index); every seventh carries knex.raw SQL (a partial unique
   index, RLS and a policy).  Throughput is counted on the TypeScript and
   JavaScript bytes, per CPU second (user + system): MB/s per core.
2. One .sql migration of 10,000 statements (tables with constraints,
   indexes, columns and foreign keys added NOT VALID then validated,
   policies, backfills): statements per second for dbaudit, and for squawk
   (npm squawk-cli, pinned below) on the very same file.

Prints min / median wall seconds over BENCH_RUNS runs (default 5), CPU
seconds, peak resident memory, and the floors to compare with.
"""
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

DBAUDIT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/dbaudit")
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
SQUAWK_VERSION = "2.66.0"
HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.path.join(HERE, ".cache")


def gen_monorepo(root, services=20, per_service=100):
    rnd = random.Random(2026)
    code_bytes = 0
    for s in range(services):
        svc = os.path.join(root, "services", f"svc{s:02d}")
        mig = os.path.join(svc, "src", "migrations")
        os.makedirs(mig)
        with open(os.path.join(svc, "knexfile.ts"), "w") as f:
            f.write("import type { Knex } from 'knex';\n\nconst config: Knex.Config = {\n  client: 'pg',\n"
                    "  connection: process.env.DATABASE_URL,\n  pool: { min: 0, max: 8, acquireTimeoutMillis: 10000,\n"
                    "    afterCreate(conn: any, done: (err: Error | null, conn: any) => void) {\n"
                    "      conn.query('SET statement_timeout = 30000', (err: Error | null) => done(err, conn));\n"
                    "    } },\n  migrations: { directory: './src/migrations', tableName: 'knex_migrations_svc" + str(s) +
                    "' },\n};\n\nexport default config;\n")
        tables, renamed = [], set()
        for m in range(per_service):
            ts = m % 2 == 0
            name = f"{20240101000000 + m * 1000 + s}_step_{m:03d}.{'ts' if ts else 'js'}"
            body = []
            t = f"s{s:02d}_table_{m:03d}"
            if m % 5 == 4 and len(renamed) < len(tables):
                old = rnd.choice([x for x in tables if x not in renamed])
                renamed.add(old)
                body.append(f"  await knex.schema.alterTable('{old}', (table) => {{\n"
                            f"    table.string('extra_{m}', 64);\n"
                            f"    table.renameColumn('note', 'note_{m}');\n"
                            f"    table.index(['created_at'], '{old}_created_{m}_idx');\n"
                            f"  }});\n")
                down = f"  await knex.schema.alterTable('{old}', (table) => {{\n    table.dropColumn('extra_{m}');\n" \
                       f"    table.renameColumn('note_{m}', 'note');\n    table.dropIndex([], '{old}_created_{m}_idx');\n  }});\n"
            else:
                cols = ["    table.increments('id');",
                        "    table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('RESTRICT');",
                        "    table.string('name', 200).notNullable();",
                        "    table.text('note');",
                        "    table.enu('status', ['draft', 'active', 'archived']).notNullable().defaultTo('draft');",
                        "    table.decimal('amount', 12, 2).notNullable().defaultTo(0).checkPositive();"]
                for c in range(rnd.randint(4, 14)):
                    kind = rnd.choice(["string", "integer", "jsonb", "boolean", "bigInteger", "date"])
                    mod = ".notNullable()" if rnd.random() < 0.4 else ""
                    cols.append(f"    table.{kind}('c{c}_{kind.lower()}'){mod};")
                if tables:
                    parent = rnd.choice(tables)
                    cols.append(f"    table.integer('{parent}_id').references('id').inTable('{parent}').onDelete('CASCADE');")
                    cols.append(f"    table.index(['{parent}_id']);")
                cols.append("    table.timestamps(true, true);")
                cols.append("    table.unique(['tenant_id', 'name']);")
                body.append(f"  // Table {m} of service {s}: the records the service keeps for it.\n"
                            f"  await knex.schema.createTable('{t}', (table) => {{\n" + "\n".join(cols) + "\n  });\n")
                if m % 7 == 3:
                    body.append(f"  await knex.raw(`\n    ALTER TABLE {t} ENABLE ROW LEVEL SECURITY;\n"
                                f"    ALTER TABLE {t} FORCE ROW LEVEL SECURITY;\n"
                                f"    CREATE POLICY {t}_tenant ON {t}\n"
                                f"      USING (tenant_id = nullif(current_setting('app.current_tenant_id', true), '')::uuid);\n"
                                f"    CREATE UNIQUE INDEX {t}_name_live ON {t} (tenant_id, lower(name)) WHERE status <> 'archived';\n"
                                f"  `);\n")
                down = f"  await knex.schema.dropTable('{t}');\n"
                tables.append(t)
            if ts:
                src = ("import type { Knex } from 'knex';\n\n"
                       f"export async function up(knex: Knex): Promise<void> {{\n{''.join(body)}}}\n\n"
                       f"export async function down(knex: Knex): Promise<void> {{\n{down}}}\n")
            else:
                src = ("/**\n * @param { import('knex').Knex } knex\n */\n"
                       f"exports.up = async function (knex) {{\n{''.join(body)}}};\n\n"
                       f"exports.down = async function (knex) {{\n{down}}};\n")
            with open(os.path.join(mig, name), "w") as f:
                f.write(src)
            code_bytes += len(src.encode())
        if s == 0:
            first = os.path.join(mig, sorted(os.listdir(mig))[0])
            with open(first) as f:
                text = f.read()
            # The tenants table every service references, in the first service.
            with open(first, "w") as f:
                f.write(text.replace("export async function up(knex: Knex): Promise<void> {\n",
                                     "export async function up(knex: Knex): Promise<void> {\n"
                                     "  await knex.schema.createTable('tenants', (table) => {\n"
                                     "    table.uuid('id').primary();\n    table.string('name').notNullable();\n  });\n", 1))
    return code_bytes


def gen_sql(path, statements=10000):
    rnd = random.Random(7)
    out = ["CREATE TABLE tenants (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text NOT NULL);"]
    tables = []
    i = 0
    while len(out) < statements:
        t = f"big_{i:05d}"
        cols = ",\n  ".join([f"c{c} {rnd.choice(['text', 'integer', 'bigint', 'jsonb', 'timestamptz'])}"
                             for c in range(rnd.randint(3, 10))])
        out.append(f"CREATE TABLE {t} (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
                   f"  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,\n"
                   f"  amount numeric(12,2) NOT NULL CHECK (amount >= 0),\n  {cols}\n);")
        out.append(f"CREATE INDEX {t}_tenant_idx ON {t} (tenant_id);")
        out.append(f"ALTER TABLE {t} ADD COLUMN note text;")
        if tables:
            p = rnd.choice(tables)
            out.append(f"ALTER TABLE {t} ADD COLUMN {p}_id bigint;")
            out.append(f"ALTER TABLE {t} ADD CONSTRAINT {t}_{p}_fk FOREIGN KEY ({p}_id) REFERENCES {p} (id) "
                       f"ON DELETE CASCADE NOT VALID;")
            out.append(f"ALTER TABLE {t} VALIDATE CONSTRAINT {t}_{p}_fk;")
            out.append(f"CREATE INDEX CONCURRENTLY {t}_{p}_idx ON {t} ({p}_id);")
        out.append(f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY;")
        out.append(f"CREATE POLICY {t}_tenant ON {t} USING (tenant_id = current_setting('app.current_tenant_id', true)::uuid);")
        out.append(f"UPDATE {t} SET note = 'n/a' WHERE id IN (SELECT id FROM {t} WHERE note IS NULL LIMIT 1000);")
        tables.append(t)
        i += 1
    out = out[:statements]
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")
    return len(out), os.path.getsize(path)


def timed(cmd, ok=(0, 1)):
    """Runs cmd RUNS times: (min wall, median wall, min cpu, peak RSS KiB)."""
    walls, cpus, rss = [], [], 0
    for _ in range(RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        walls.append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
        rss = max(rss, after.ru_maxrss)
        if p.returncode not in ok:
            sys.exit(f"{' '.join(cmd)} exited {p.returncode}: {p.stderr.decode()[:500]}")
    return min(walls), statistics.median(walls), min(cpus), rss


def squawk_binary():
    prefix = os.path.join(CACHE, "squawk")
    found = None
    for dirpath, _, files in os.walk(prefix):
        if "squawk" in files and dirpath.endswith(os.path.join("linux-x64", "bin")):
            found = os.path.join(dirpath, "squawk")
    if found:
        return found
    npm = shutil.which("npm")
    if not npm:
        return None
    os.makedirs(prefix, exist_ok=True)
    # The package ships its Linux binary as an optional dependency
    # (@squawk-cli/linux-x64): no install script, nothing downloaded from
    # elsewhere than the npm registry.
    r = subprocess.run([npm, "install", "--no-save", "--ignore-scripts", "--no-audit", "--no-fund", "--prefix", prefix,
                        f"squawk-cli@{SQUAWK_VERSION}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if r.returncode != 0:
        print(f"squawk: npm install failed: {r.stderr.decode()[:300]}")
        return None
    return squawk_binary() if os.path.isdir(prefix) and any("linux-x64" in d for d, _, _ in os.walk(prefix)) else None


def main():
    tmp = tempfile.mkdtemp(prefix="dbaudit-scan-bench-")
    try:
        repo = os.path.join(tmp, "mono")
        code = gen_monorepo(repo)
        sqldir = os.path.join(tmp, "bigsql", "migrations")
        os.makedirs(sqldir)
        sqlfile = os.path.join(sqldir, "0001_big.sql")
        nstmt, sqlbytes = gen_sql(sqlfile)
        print(f"dbaudit scan benchmark ({RUNS} runs each; {os.cpu_count()} cores)")
        print(f"monorepo: 20 services, 2,000 migrations, {code / 1e6:.2f} MB of TypeScript/JavaScript")
        w, med, cpu, rss = timed([DBAUDIT, "scan", "--format", "json", "--fail-on", "none", repo])
        print(f"  dbaudit scan      wall min {w:.3f} s  median {med:.3f} s  cpu {cpu:.3f} s  "
              f"peak RSS {rss / 1024:.0f} MiB")
        print(f"  -> {2000 / w:,.0f} migration files/s; {code / 1e6 / cpu:.2f} MB/s of TS/JS per core "
              f"(floor: 10 MB/s per core)")
        print(f"SQL: one migration of {nstmt:,} statements, {sqlbytes / 1e6:.2f} MB")
        w, med, cpu, rss = timed([DBAUDIT, "scan", "--format", "json", "--fail-on", "none", sqlfile])
        ours = nstmt / w
        print(f"  dbaudit scan      wall min {w:.3f} s  median {med:.3f} s  cpu {cpu:.3f} s  "
              f"peak RSS {rss / 1024:.0f} MiB  -> {ours:,.0f} statements/s")
        sq = squawk_binary()
        if not sq:
            print("  squawk            not available (npm could not install squawk-cli); no comparison")
            return
        w, med, cpu, rss = timed([sq, sqlfile], ok=(0, 1))
        theirs = nstmt / w
        print(f"  squawk {SQUAWK_VERSION}     wall min {w:.3f} s  median {med:.3f} s  cpu {cpu:.3f} s  "
              f"peak RSS {rss / 1024:.0f} MiB  -> {theirs:,.0f} statements/s")
        print(f"  -> dbaudit reads {ours / theirs:.1f}x squawk's statements per second (floor: 5x)")
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
