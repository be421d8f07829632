"""gen_code.py OUTDIR [MEGABYTES] - a generated TypeScript monorepo for the
code-scan benchmark: services with a knexfile, a few migrations, and
src/ trees of repositories, services and plain modules (types, utilities,
handlers) until the TypeScript reaches MEGABYTES (default 25).  The code
varies its table names, loops, transactions and flaws so that the scan
does real work; it is deterministic (a fixed seed)."""
import os
import random
import sys

REPO = '''import {{ Knex }} from 'knex';
import {{ logger }} from '../util/logger';

export interface {cls}Row {{
  id: string;
  tenant_id: string;
  name: string;
  amount: number;
  status: 'pending' | 'active' | 'closed';
  created_at: Date;
}}

export class {cls}Repository {{
  constructor(private readonly db: Knex) {{}}

  async findById(tenantId: string, id: string): Promise<{cls}Row | undefined> {{
    return this.db('{table}').where({{ tenant_id: tenantId, id }}).first();
  }}

  async list(tenantId: string, ids: string[]): Promise<{cls}Row[]> {{
{list_body}
  }}

  async transfer(tenantId: string, fromId: string, toId: string, amount: number): Promise<void> {{
    await this.db.transaction(async (trx) => {{
      const from = await trx('{table}').where({{ tenant_id: tenantId, id: fromId }}).forUpdate().first();
      if (!from || from.amount < amount) {{
        throw new Error('insufficient');
      }}
      await trx('{table}').where({{ tenant_id: tenantId, id: fromId }}).decrement('amount', amount);
      await trx('{table}').where({{ tenant_id: tenantId, id: toId }}).increment('amount', amount);
      await trx('{table}_log').insert({{ tenant_id: tenantId, from_id: fromId, to_id: toId, amount }});
    }});
  }}

  async rename(tenantId: string, id: string, name: string): Promise<number> {{
    const row = await this.db('{table}').where({{ tenant_id: tenantId, id }}).first();
    logger.info({{ id, old: row?.name, name }}, 'rename');
    return this.db('{table}').where({{ tenant_id: tenantId, id }}).update({{ name, updated_at: this.db.fn.now() }});
  }}

  async search(tenantId: string, term: string, limit = 50): Promise<{cls}Row[]> {{
    return this.db('{table}')
      .where({{ tenant_id: tenantId }})
      .andWhere('name', 'ilike', `%${{term}}%`)
      .orderBy('created_at', 'desc')
      .limit(limit);
  }}

  async archive(tenantId: string, ids: string[]): Promise<void> {{
{archive_body}
  }}
}}
'''

UTIL = '''export type {cls}Options = {{
  retries: number;
  timeoutMs: number;
  labels: Record<string, string>;
}};

const DEFAULTS: {cls}Options = {{ retries: 3, timeoutMs: 2500, labels: {{}} }};

export function merge{cls}Options(partial: Partial<{cls}Options>): {cls}Options {{
  return {{ ...DEFAULTS, ...partial, labels: {{ ...DEFAULTS.labels, ...(partial.labels ?? {{}}) }} }};
}}

export function chunk{cls}<T>(items: readonly T[], size: number): T[][] {{
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {{
    out.push(items.slice(i, i + size));
  }}
  return out;
}}

export async function with{cls}Retry<T>(fn: () => Promise<T>, opts = DEFAULTS): Promise<T> {{
  let last: unknown;
  for (let attempt = 0; attempt < opts.retries; attempt++) {{
    try {{
      return await fn();
    }} catch (err) {{
      last = err;
      await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 50));
    }}
  }}
  throw last;
}}

export const {lower}Formatters = {{
  money: (cents: number) => (cents / 100).toFixed(2),
  date: (d: Date) => d.toISOString().slice(0, 10),
  label: (s: string) => s.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-'),
}};
'''

MIGRATION = '''exports.up = async (knex) => {{
  await knex.schema.createTable('{table}', (t) => {{
    t.uuid('id').primary();
    t.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('RESTRICT');
    t.string('name').notNullable();
    t.integer('amount').notNullable().defaultTo(0);
    t.string('status').notNullable().defaultTo('pending');
    t.timestamps(true, true);
    t.index(['tenant_id']);
  }});
}};

exports.down = async (knex) => {{
  await knex.schema.dropTable('{table}');
}};
'''


def main():
    out = sys.argv[1]
    target = float(sys.argv[2]) * 1e6 if len(sys.argv) > 2 else 25e6
    rnd = random.Random(42)
    total = 0
    n = 0
    words = ["ticket", "event", "venue", "order", "payment", "refund", "seat", "listing", "royalty",
             "balance", "wallet", "payout", "invite", "session", "scan", "badge", "coupon", "invoice"]
    while total < target:
        svc = f"services/svc{n // 200:03d}"
        if n % 200 == 0:
            os.makedirs(f"{out}/{svc}/migrations", exist_ok=True)
            os.makedirs(f"{out}/{svc}/src/repositories", exist_ok=True)
            os.makedirs(f"{out}/{svc}/src/util", exist_ok=True)
            with open(f"{out}/{svc}/knexfile.js", "w") as f:
                f.write("module.exports = { client: 'pg', connection: process.env.DATABASE_URL,\n"
                        "  pool: { min: 0, max: 10, acquireTimeoutMillis: 10000 },\n"
                        "  migrations: { directory: './migrations' } };\n")
            with open(f"{out}/{svc}/migrations/20240101000000_tenants.js", "w") as f:
                f.write("exports.up = (knex) => knex.schema.createTable('tenants', (t) => { t.uuid('id').primary(); });\n"
                        "exports.down = (knex) => knex.schema.dropTable('tenants');\n")
        w = rnd.choice(words)
        cls = f"{w.capitalize()}{n}"
        table = f"{w}s_{n}"
        if n % 10 == 0:
            with open(f"{out}/{svc}/migrations/2024020100{n % 10000:04d}_{table}.js", "w") as f:
                f.write(MIGRATION.format(table=table))
        flawed = n % 50 == 0  # one repository in 50 has the N+1 and the forEach(async) flaws
        list_body = ("""    const out: {cls}Row[] = [];
    for (const id of ids) {{
      const row = await this.db('{table}').where({{ tenant_id: tenantId, id }}).first();
      if (row) out.push(row);
    }}
    return out;""" if flawed else """    return this.db('{table}').where({{ tenant_id: tenantId }}).whereIn('id', ids);""").format(cls=cls, table=table)
        archive_body = ("""    ids.forEach(async (id) => {{
      await this.db('{table}').where({{ tenant_id: tenantId, id }}).update({{ status: 'closed' }});
    }});""" if flawed else """    await this.db('{table}').where({{ tenant_id: tenantId }}).whereIn('id', ids).update({{ status: 'closed' }});""").format(table=table)
        repo = REPO.format(cls=cls, table=table, list_body=list_body, archive_body=archive_body)
        util = UTIL.format(cls=cls, lower=cls[0].lower() + cls[1:])
        with open(f"{out}/{svc}/src/repositories/{table}.repository.ts", "w") as f:
            f.write(repo)
        with open(f"{out}/{svc}/src/util/{table}.ts", "w") as f:
            f.write(util)
        total += len(repo) + len(util)
        n += 1
    print(f"{n * 2} TypeScript files, {total / 1e6:.1f} MB, in {out}")


main()
