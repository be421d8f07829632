"""Inputs of the static scan benchmark (bench/scan_bench.py), deterministic.

gen_monorepo(root): a monorepo of 20 services x 100 Knex migrations, each
service with its knexfile (TypeScript or JavaScript, pool settings,
migrations.directory).  Services are written in TypeScript, in JavaScript, or
in JavaScript first and TypeScript from their 41st migration on.  About three
migrations in four create one or two tables (8 to 20 columns: increments or
uuid keys, strings, integers, decimals, booleans, jsonb, enums, timestamps;
foreign keys to earlier tables of the service with an ON DELETE action,
indexes, unique keys); the others alter earlier tables (add, drop, rename and
retype columns, indexes, unique keys, backfills).  Tenant tables get RLS and a
tenant policy through knex.raw, soft-deleted ones a partial unique index.
Every migration has a down that undoes its up.  JavaScript comes in three
styles (async functions, promise chains, module.exports = { up, down }),
TypeScript in two (export async function, exported arrow functions).

gen_sql(path): one .sql migration of 10,000 statements (tables with keys,
foreign keys and checks, indexes, added columns, foreign keys added NOT VALID
then validated, RLS and policies, batched backfills).

Run alone to keep the inputs for a closer look:
    python3 bench/gen_scan.py OUTDIR    (OUTDIR/mono and OUTDIR/bigsql)
"""
import os
import random
import sys

SERVICES = ["accounts", "billing", "catalog", "checkout", "compliance", "crm", "events", "fulfilment",
            "identity", "inventory", "ledger", "loyalty", "messaging", "payments", "pricing", "reporting",
            "scheduling", "search", "shipping", "support"]

NOUNS = ["account", "address", "adjustment", "allocation", "approval", "asset", "attachment", "audit_entry",
         "batch", "booking", "budget", "campaign", "carrier", "category", "charge", "claim", "contact",
         "contract", "coupon", "credit_note", "customer", "delivery", "device", "discount", "dispute",
         "document", "employee", "entitlement", "export_job", "fee", "invoice", "invoice_line", "job",
         "journal", "label", "location", "membership", "merchant", "message", "note", "notification",
         "order", "order_item", "organisation", "package", "partner", "payout", "plan", "policy_rule",
         "price", "product", "promotion", "quote", "rate", "receipt", "refund", "region", "reminder",
         "report", "reservation", "return", "review", "route", "schedule", "segment", "session",
         "settlement", "shift", "shipment", "sku", "slot", "subscription", "supplier", "survey", "tag",
         "task", "tax_rate", "template", "ticket", "transfer", "trip", "usage_record", "vehicle",
         "voucher", "warehouse", "webhook", "workflow"]

STRINGS = ["code", "name", "title", "reference", "email", "phone", "currency", "country_code", "slug",
           "external_ref", "channel", "source", "locale", "timezone", "sku_code", "label"]
TEXTS = ["description", "notes", "summary", "body", "instructions", "reason"]
INTS = ["quantity", "position", "attempts", "priority", "version", "seats", "duration_minutes", "retry_count"]
BIGINTS = ["sequence_no", "external_id_num", "bytes_used", "counter"]
DECIMALS = ["amount", "total_amount", "tax_amount", "unit_price", "balance", "discount_amount", "rate_value"]
BOOLS = ["is_active", "is_default", "archived", "verified", "is_primary", "requires_review"]
JSONS = ["metadata", "settings", "payload", "attributes", "snapshot", "context"]
DATES = ["due_on", "valid_from", "valid_until", "effective_on", "service_date"]
TIMES = ["started_at", "completed_at", "expires_at", "processed_at", "cancelled_at", "last_seen_at"]
ENUMS = {"status": ["pending", "active", "suspended", "closed"],
         "kind": ["standard", "express", "internal"],
         "state": ["draft", "submitted", "approved", "rejected"],
         "visibility": ["private", "team", "public"]}
ON_DELETE = ["CASCADE", "CASCADE", "RESTRICT", "SET NULL", "NO ACTION"]
MIG_DIRS = ["./src/migrations", "./migrations", "./db/migrations", "./src/db/migrations"]

HEADER_LINES = [
    "Keeps the records the {svc} service needs for {what}.",
    "Queried by tenant first, then by creation time: see the composite index.",
    "Rows are never hard-deleted by the application; deleted_at marks them.",
    "Backfilled in batches by the worker, not here: this migration stays fast.",
    "Reviewed with the data team; the column names follow the public API.",
    "Amounts are stored in the currency's minor precision (two decimals).",
    "Foreign keys cascade only where the child has no meaning without its parent.",
    "The API reads this table on every request of the {svc} dashboard; keep it narrow.",
    "Retention: rows older than two years are archived by the nightly job.",
    "Every row belongs to exactly one tenant; RLS enforces it on the database side.",
    "Deployed together with the matching release of the {svc} service, not before.",
    "See the runbook of the {svc} service before rolling this back in production.",
    "The down migration restores the previous shape; data in new columns is lost.",
]


def plural(noun):
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


class Table:
    def __init__(self, name, pk, tenant, soft_delete, singular=None):
        self.name = name
        self.singular = singular or name
        self.pk = pk                # 'increments' | 'bigIncrements' | 'uuid'
        self.tenant = tenant
        self.soft_delete = soft_delete
        self.plain = {}             # column -> definition (no index, no key): may be dropped or renamed
        self.strings = []           # nullable string columns without default: may be retyped
        self.rls = False
        self.native_enum = None
        self.indexed = set()       # index names
        self.cols = set()          # every column the table has now


def column_def(kind, name, rnd, notnull_ok=True):
    """A builder call for a column of this kind, and whether it may be retyped."""
    nn = notnull_ok and rnd.random() < 0.45
    if kind == "string":
        length = rnd.choice([32, 64, 120, 255])
        d = f"table.string('{name}', {length})"
        if nn:
            return d + ".notNullable()", False
        return d, length
    if kind == "text":
        return f"table.text('{name}')" + (".notNullable().defaultTo('')" if nn else ""), False
    if kind == "integer":
        return f"table.integer('{name}')" + (".notNullable().defaultTo(0)" if nn else ""), False
    if kind == "bigInteger":
        return f"table.bigInteger('{name}')" + (".notNullable()" if nn else ""), False
    if kind == "decimal":
        return f"table.decimal('{name}', 12, 2)" + (".notNullable().defaultTo(0)" if nn else ""), False
    if kind == "boolean":
        return f"table.boolean('{name}').notNullable().defaultTo({rnd.choice(['true', 'false'])})", False
    if kind == "jsonb":
        return f"table.jsonb('{name}')" + (".notNullable().defaultTo('{}')" if nn else ""), False
    if kind == "date":
        return f"table.date('{name}')", False
    if kind == "timestamp":
        return f"table.timestamp('{name}', {{ useTz: true }})", False
    if kind == "tags":
        return f"table.specificType('{name}', 'text[]').notNullable().defaultTo('{{}}')", False
    raise ValueError(kind)


POOLS = {"string": STRINGS, "text": TEXTS, "integer": INTS, "bigInteger": BIGINTS, "decimal": DECIMALS,
         "boolean": BOOLS, "jsonb": JSONS, "date": DATES, "timestamp": TIMES, "tags": ["tags", "labels"]}


class Service:
    def __init__(self, index, rnd):
        self.index = index
        self.rnd = rnd
        self.name = SERVICES[index]
        self.kind = ["ts", "js", "mixed", "ts"][index % 4]
        self.dir = MIG_DIRS[index % len(MIG_DIRS)]
        # One JavaScript knexfile in two names its folder with path.join.
        self.path_join = self.kind == "js" and index % 8 == 1
        if self.path_join:
            self.dir = "migrations"
        self.tables = []
        self.used = set()
        self.enum_types = 0
        self.clock = 20230105090000 + index * 37

    def ts_at(self, m):
        return self.kind == "ts" or (self.kind == "mixed" and m >= 40)

    def table_name(self):
        """(plural table name, singular for the columns that reference it)."""
        rnd = self.rnd
        for _ in range(50):
            one = rnd.choice(NOUNS)
            if plural(one) not in self.used:
                break
            one = rnd.choice(["archived_", "pending_", "external_", "daily_", "partner_"]) + one
            if plural(one) not in self.used:
                break
        else:
            one = f"{rnd.choice(NOUNS)}_{len(self.used)}"
        self.used.add(plural(one))
        return plural(one), one


# Operations: each one is a Knex expression (awaited, or chained with .then),
# rendered against the callback parameter style of the file.

def create_table_op(svc, rnd, table, cb):
    t = table.name
    lines = ["// Keys and ownership."]
    if table.pk == "uuid":
        lines.append(rnd.choice([f"table.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));",
                                 f"table.uuid('id').primary().defaultTo(knex.fn.uuid());"]))
    else:
        lines.append(f"table.{table.pk}('id');")
    if table.tenant:
        lines.append("table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE');")
        table.indexed.add("tenant_id")
    used = {"id", "tenant_id"}
    # Foreign keys to earlier tables of the service.
    fks = []
    parents = [p for p in svc.tables if p.name != "tenants"]
    for parent in rnd.sample(parents, min(len(parents), rnd.choice([0, 1, 1, 1, 2, 2, 3]))):
        col = parent.singular + "_id"
        if col in used:
            continue
        used.add(col)
        action = rnd.choice(ON_DELETE)
        typ = "uuid" if parent.pk == "uuid" else ("bigInteger" if parent.pk == "bigIncrements" else "integer")
        unsigned = ".unsigned()" if typ != "uuid" else ""
        nn = "" if action == "SET NULL" or rnd.random() < 0.3 else ".notNullable()"
        if rnd.random() < 0.75:
            lines.append(f"table.{typ}('{col}'){unsigned}{nn}.references('id').inTable('{parent.name}')"
                         f".onDelete('{action}');")
        else:
            lines.append(f"table.{typ}('{col}'){unsigned}{nn};")
            fks.append(f"table.foreign('{col}').references('{parent.name}.id').onDelete('{action}');")
        if rnd.random() < 0.85:
            fks.append(f"table.index(['{col}']);")
        table.indexed.add(col)
    target = rnd.randint(8, 20)
    have = len(lines) + 2 + (1 if table.soft_delete else 0)
    kinds = ["string"] * 5 + ["text", "integer", "integer", "bigInteger", "decimal", "decimal", "boolean",
                              "jsonb", "date", "timestamp", "tags"]
    enum_added = False
    lines.append("")
    lines.append(rnd.choice(["// Attributes.", "// What the service stores about each row.",
                             "// Business fields, as named in the public API."]))
    while have < target:
        if not enum_added and rnd.random() < 0.5:
            enum_added = True
            ename = rnd.choice(list(ENUMS))
            if ename in used:
                continue
            used.add(ename)
            vals = ", ".join(f"'{v}'" for v in ENUMS[ename])
            if rnd.random() < 0.15:
                svc.enum_types += 1
                lines.append(f"table.enu('{ename}', [{vals}], {{ useNative: true, enumName: '{t}_{ename}' }})"
                             f".notNullable().defaultTo('{ENUMS[ename][0]}');")
                table.native_enum = f"{t}_{ename}"
            else:
                lines.append(f"table.enu('{ename}', [{vals}]).notNullable().defaultTo('{ENUMS[ename][0]}');")
            have += 1
            continue
        kind = rnd.choice(kinds)
        name = rnd.choice(POOLS[kind])
        if name in used:
            continue
        used.add(name)
        d, retypable = column_def(kind, name, rnd)
        if rnd.random() < 0.25:
            d += f".comment('{name.replace('_', ' ')} as shown to the customer')"
        lines.append(d + ";")
        table.plain[name] = d
        if retypable:
            table.strings.append((name, retypable))
        have += 1
    lines.append("")
    lines.append("// Bookkeeping.")
    if table.soft_delete:
        lines.append("table.timestamp('deleted_at', { useTz: true });")
    if rnd.random() < 0.7:
        lines.append("table.timestamps(true, true);")
    else:
        lines.append("table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());")
        lines.append("table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());")
    if fks:
        lines.append("")
        lines.append("// References and the indexes their lookups need.")
    lines.extend(fks)
    table.cols = used | {"created_at", "updated_at"} | ({"deleted_at"} if table.soft_delete else set())
    if table.tenant:
        lines.append(f"table.index(['tenant_id', 'created_at'], '{t}_tenant_created_idx');")
        if "code" in table.plain and rnd.random() < 0.6 and not table.soft_delete:
            lines.append("table.unique(['tenant_id', 'code']);")
            del table.plain["code"]
            table.strings = [s for s in table.strings if s[0] != "code"]
    for s in list(table.plain):
        if s in ("status", "email", "reference") and rnd.random() < 0.5:
            lines.append(f"table.index('{s}');")
            del table.plain[s]
            table.strings = [x for x in table.strings if x[0] != s]
    body = "\n".join("    " + x if x else "" for x in lines)
    return f"knex.schema.createTable('{t}', {callback(cb, 'Create')}{{\n{body}\n  }})"


def callback(cb, builder):
    """The table callback's head: (table) =>, typed, or function (table)."""
    if cb == "typed":
        return f"(table: Knex.{builder}TableBuilder) => "
    if cb == "function":
        return "function (table) "
    return "(table) => "


def rls_sql(table, const):
    t = "${" + const + "}" if const else table.name
    return (f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY;\n"
            f"    ALTER TABLE {t} FORCE ROW LEVEL SECURITY;\n"
            f"    CREATE POLICY {t}_tenant_isolation ON {t}\n"
            f"      USING (tenant_id = nullif(current_setting('app.current_tenant_id', true), '')::uuid)\n"
            f"      WITH CHECK (tenant_id = nullif(current_setting('app.current_tenant_id', true), '')::uuid);")


def rls_down_sql(table, const):
    t = "${" + const + "}" if const else table.name
    return (f"DROP POLICY IF EXISTS {t}_tenant_isolation ON {t};\n"
            f"    ALTER TABLE {t} NO FORCE ROW LEVEL SECURITY;\n"
            f"    ALTER TABLE {t} DISABLE ROW LEVEL SECURITY;")


def raw(sql):
    return f"knex.raw(`\n    {sql}\n  `)"


def keyable(definition):
    return definition.split("(")[0] in ("table.string", "table.integer", "table.bigInteger", "table.date")


def alter_ops(svc, rnd, cb):
    """Alterations of one earlier table: (up ops, down ops in up order, name)."""
    cands = [t for t in svc.tables if t.name != "tenants"]
    table = rnd.choice(cands)
    t = table.name
    up, down = [], []
    n = rnd.randint(2, 5)
    title = []
    # Knex runs the column changes of one alterTable in its own order (adds
    # first): each column is touched once per migration.
    touched = set()
    for _ in range(n):
        free = sorted(c for c in table.plain if c not in touched)
        what = rnd.choice(["add", "add", "add", "drop", "rename", "index", "unique", "retype", "nullable"])
        if what == "add":
            kind = rnd.choice(["string", "integer", "decimal", "jsonb", "boolean", "timestamp", "text"])
            name = f"{rnd.choice(POOLS[kind])}_v{svc.clock % 97}"
            if name in table.cols:
                continue
            table.cols.add(name)
            touched.add(name)
            d, _ = column_def(kind, name, rnd, notnull_ok=False)
            up.append(("alter", d + ";"))
            down.append(("alter", f"table.dropColumn('{name}');"))
            table.plain[name] = d
            title.append(f"add_{name}")
        elif what == "drop" and free:
            name = rnd.choice(free)
            touched.add(name)
            d = table.plain.pop(name)
            table.cols.discard(name)
            table.strings = [s for s in table.strings if s[0] != name]
            up.append(("alter", f"table.dropColumn('{name}');"))
            down.append(("alter", d + ";"))
            title.append(f"drop_{name}")
        elif what == "rename" and free:
            name = rnd.choice(free)
            new = name + "_old" if not name.endswith("_old") else name[:-4] + "_legacy"
            if new in table.cols:
                continue
            touched.update((name, new))
            table.cols.discard(name)
            table.cols.add(new)
            d = table.plain.pop(name)
            table.plain[new] = d.replace(f"'{name}'", f"'{new}'", 1)
            table.strings = [(new if s == name else s, ln) for s, ln in table.strings]
            up.append(("alter", f"table.renameColumn('{name}', '{new}');"))
            down.append(("alter", f"table.renameColumn('{new}', '{name}');"))
            title.append(f"rename_{name}")
        elif what in ("index", "unique") and any(keyable(table.plain[c]) for c in free):
            name = rnd.choice([c for c in free if keyable(table.plain[c])])
            cols = ["tenant_id", name] if table.tenant and what == "unique" else [name]
            iname = f"{t}_{'_'.join(cols)}_{'key' if what == 'unique' else 'idx'}"
            if iname in table.indexed or len(iname) > 63:
                continue
            table.indexed.add(iname)
            touched.add(name)
            del table.plain[name]
            table.strings = [s for s in table.strings if s[0] != name]
            colist = ", ".join(f"'{c}'" for c in cols)
            if what == "unique":
                up.append(("alter", f"table.unique([{colist}], {{ indexName: '{iname}' }});"))
                down.append(("alter", f"table.dropUnique([{colist}], '{iname}');"))
            else:
                up.append(("alter", f"table.index([{colist}], '{iname}');"))
                down.append(("alter", f"table.dropIndex([{colist}], '{iname}');"))
            title.append(f"{what}_{name}")
        elif what == "retype" and any(c not in touched for c, _ in table.strings):
            name, length = rnd.choice([x for x in table.strings if x[0] not in touched])
            table.strings.remove((name, length))
            touched.add(name)
            up.append(("alter", f"table.string('{name}', {length * 2}).alter();"))
            down.append(("alter", f"table.string('{name}', {length}).alter();"))
            table.plain[name] = f"table.string('{name}', {length * 2})"
            title.append(f"widen_{name}")
        elif what == "nullable":
            # A new column, backfilled, then made required.
            name = f"region_v{svc.clock % 89}"
            if name in table.cols:
                continue
            table.cols.add(name)
            touched.add(name)
            up.append(("alter", f"table.string('{name}', 16);"))
            up.append(("expr", f"knex('{t}').update({{ {name}: 'eu-west' }}).whereNull('{name}')"))
            up.append(("alter2", f"table.dropNullable('{name}');"))
            down.append(("alter", f"table.dropColumn('{name}');"))
            table.plain[name] = f"table.string('{name}', 16).notNullable()"
            title.append(f"backfill_{name}")
    if not up:
        name = f"remark_v{svc.clock}"
        table.cols.add(name)
        d, _ = column_def("text", name, rnd, notnull_ok=False)
        table.plain[name] = d
        up.append(("alter", d + ";"))
        down.append(("alter", f"table.dropColumn('{name}');"))
        title.append("add_remark")
    return table, group(t, up, cb), group(t, list(reversed(down)), cb), "_".join([t] + title[:2])


def group(t, ops, cb):
    """Consecutive alter lines into alterTable calls; expressions as they are."""
    out, cur = [], []

    def flush():
        if cur:
            out.append(f"knex.schema.alterTable('{t}', {callback(cb, 'Alter')}{{\n" + "\n".join("    " + x for x in cur) + "\n  })")
            cur.clear()
    for kind, text in ops:
        if kind == "expr":
            flush()
            out.append(text)
        elif kind == "alter2":
            flush()
            cur.append(text)
        else:
            cur.append(text)
    flush()
    return out


def render(svc, rnd, m, ups, downs, doc, ts, no_tx, consts):
    """One migration file in one of the house styles of its language."""
    def awaited(exprs):
        return "".join(f"  await {e};\n" for e in exprs)

    def chained(exprs):
        if not exprs:
            return "  return Promise.resolve();\n"
        s = f"  return {exprs[0]}"
        for e in exprs[1:]:
            e = e.replace("\n", "\n  ")
            s += f"\n    .then(() => {e})"
        return s + ";\n"
    head = "/**\n" + "".join(f" * {line}\n" for line in doc) + " */\n"
    cdecl = "".join(f"const {k} = '{v}';\n" for k, v in consts)
    if cdecl:
        cdecl += "\n"
    if ts:
        imp = rnd.choice(["import { Knex } from 'knex';\n", "import type { Knex } from 'knex';\n"])
        cfg = "export const config = { transaction: false };\n\n" if no_tx else ""
        if rnd.random() < 0.8:
            return (f"{imp}\n{head}{cdecl}{cfg}export async function up(knex: Knex): Promise<void> {{\n{awaited(ups)}}}\n\n"
                    f"export async function down(knex: Knex): Promise<void> {{\n{awaited(downs)}}}\n")
        return (f"{imp}\n{head}{cdecl}{cfg}export const up = async (knex: Knex): Promise<void> => {{\n{awaited(ups)}}};\n\n"
                f"export const down = async (knex: Knex): Promise<void> => {{\n{awaited(downs)}}};\n")
    style = rnd.random()
    ann = "/**\n * @param { import(\"knex\").Knex } knex\n * @returns { Promise<void> }\n */\n"
    cfg = "exports.config = { transaction: false };\n\n" if no_tx else ""
    if style < 0.45:
        return (f"{head}{cdecl}{cfg}{ann}exports.up = async function (knex) {{\n{awaited(ups)}}};\n\n"
                f"{ann}exports.down = async function (knex) {{\n{awaited(downs)}}};\n")
    if style < 0.8:
        return (f"{head}{cdecl}{cfg}{ann}exports.up = function (knex) {{\n{chained(ups)}}};\n\n"
                f"{ann}exports.down = function (knex) {{\n{chained(downs)}}};\n")
    cfg = "const config = { transaction: false };\n\n" if no_tx else ""
    exp = "module.exports = { up, down, config };\n" if no_tx else "module.exports = { up, down };\n"
    return (f"{head}{cdecl}{cfg}async function up(knex) {{\n{awaited(ups)}}}\n\n"
            f"async function down(knex) {{\n{awaited(downs)}}}\n\n{exp}")


def knexfile(svc, rnd):
    s = svc.name
    pool_max = rnd.choice([5, 8, 10, 20])
    if svc.kind == "js":
        mig = "path.join(__dirname, 'migrations')" if svc.path_join else f"'{svc.dir}'"
        req = "const path = require('path');\n\n" if svc.path_join else "\n"
        return ("knexfile.js",
                f"// Knex configuration of the {s} service.\n{req}"
                "module.exports = {\n  client: 'pg',\n  connection: {\n"
                "    host: process.env.PGHOST || 'localhost',\n    port: Number(process.env.PGPORT || 5432),\n"
                f"    user: process.env.PGUSER || '{s}_app',\n    database: process.env.PGDATABASE || '{s}',\n  }},\n"
                f"  pool: {{\n    min: 0,\n    max: {pool_max},\n    acquireTimeoutMillis: 10000,\n"
                "    idleTimeoutMillis: 30000,\n    afterCreate: (conn, done) => {\n"
                "      conn.query('SET statement_timeout = 30000', (err) => done(err, conn));\n    },\n  },\n"
                f"  migrations: {{\n    directory: {mig},\n    tableName: 'knex_migrations',\n  }},\n}};\n")
    ext = "ts"
    loads = "['.ts']" if svc.kind == "ts" else "['.js', '.ts']"

    def env(pmin, pmax, conn):
        return (f"  {{\n    client: 'pg',\n    connection: {conn},\n"
                f"    pool: {{\n      min: {pmin},\n      max: {pmax},\n      acquireTimeoutMillis: 10000,\n"
                "      afterCreate(conn: any, done: (err: Error | null, conn: any) => void) {\n"
                "        conn.query('SET statement_timeout = 30000', (err: Error | null) => done(err, conn));\n"
                "      },\n    },\n"
                f"    migrations: {{\n      directory: '{svc.dir}',\n      tableName: 'knex_migrations_{s}',\n"
                f"      extension: '{ext}',\n      loadExtensions: {loads},\n    }},\n  }}")
    return ("knexfile.ts",
            f"// Knex configuration of the {s} service.\nimport type {{ Knex }} from 'knex';\n\n"
            "const config: { [env: string]: Knex.Config } = {\n"
            f"  development:{env(0, pool_max, 'process.env.DATABASE_URL')[1:]},\n"
            f"  production:{env(2, pool_max * 2, '{ connectionString: process.env.DATABASE_URL, ssl: true }')[1:]},\n"
            "};\n\nexport default config;\n")


def gen_service(root, index, rnd):
    svc = Service(index, rnd)
    sdir = os.path.join(root, "services", svc.name)
    mdir = os.path.join(sdir, svc.dir)
    os.makedirs(mdir)
    name, text = knexfile(svc, rnd)
    with open(os.path.join(sdir, name), "w") as f:
        f.write(text)
    stats = {"ts": 0, "js": 0, "sizes": [], "dir": sdir, "kind": svc.kind}
    for m in range(100):
        svc.clock += rnd.randint(1, 40) * 10000 + rnd.randint(0, 5959)
        ts = svc.ts_at(m)
        cb = "typed" if ts and rnd.random() < 0.3 else "arrow"
        if not ts and rnd.random() < 0.2:
            cb = "function"
        ups, downs, consts, no_tx = [], [], [], False
        if m == 0:
            tenants = Table("tenants", "uuid", False, False)
            ups.append("knex.schema.createTable('tenants', (table) => {\n"
                       "    table.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));\n"
                       "    table.string('name', 200).notNullable();\n"
                       "    table.string('slug', 64).notNullable().unique();\n"
                       "    table.jsonb('settings').notNullable().defaultTo('{}');\n"
                       "    table.timestamps(true, true);\n  })")
            downs.append("knex.schema.dropTable('tenants')")
            svc.tables.append(tenants)
            title = "create_tenants"
            what = "its tenants"
        elif m < 8 or rnd.random() < 0.72:
            count = 2 if rnd.random() < 0.15 else 1
            created = []
            for _ in range(count):
                tname, one = svc.table_name()
                table = Table(tname, rnd.choice(["uuid", "uuid", "increments", "bigIncrements"]),
                              rnd.random() < 0.85, rnd.random() < 0.3, one)
                ups.append(create_table_op(svc, rnd, table, cb))
                svc.tables.append(table)
                created.append(table)
            for table in created:
                const = None
                if table.tenant and rnd.random() < 0.4:
                    table.rls = True
                    if rnd.random() < 0.25 and not consts:
                        const = "TABLE"
                        consts = [("TABLE", table.name)]
                    ups.append(raw(rls_sql(table, const)))
                if table.soft_delete and "code" in table.plain and rnd.random() < 0.7:
                    del table.plain["code"]
                    table.strings = [s for s in table.strings if s[0] != "code"]
                    ix = f"{table.name}_code_live_key"
                    ups.append(raw(f"CREATE UNIQUE INDEX {ix} ON {table.name} (tenant_id, lower(code))"
                                   f" WHERE deleted_at IS NULL;" if table.tenant else
                                   f"CREATE UNIQUE INDEX {ix} ON {table.name} (lower(code)) WHERE deleted_at IS NULL;"))
            for table in reversed(created):
                downs.append(f"knex.schema.dropTable('{table.name}')")
                if table.native_enum:
                    downs.append(f"knex.raw('DROP TYPE IF EXISTS {table.native_enum}')")
            title = "create_" + "_and_".join(t.name for t in created)
            what = " and ".join(t.name.replace("_", " ") for t in created)
        elif rnd.random() < 0.15:
            # Concurrent index and RLS on an existing table, outside a transaction.
            cands = [t for t in svc.tables if t.name != "tenants" and t.tenant and not t.rls]
            table = rnd.choice(cands) if cands else rnd.choice(svc.tables[1:])
            col = "created_at"
            ix = f"{table.name}_tenant_recent_idx"
            if ix in table.indexed:
                ix = f"{table.name}_tenant_recent_{m}_idx"
            table.indexed.add(ix)
            no_tx = True
            cols = f"tenant_id, {col} DESC" if table.tenant else f"{col} DESC"
            ups.append(raw(f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {ix} ON {table.name} ({cols})"))
            downs.append(raw(f"DROP INDEX CONCURRENTLY IF EXISTS {ix}"))
            if table.tenant and not table.rls:
                table.rls = True
                ups.append(raw(rls_sql(table, None)))
                downs.insert(0, raw(rls_down_sql(table, None)))
            title = f"index_{table.name}_recent"
            what = f"recent {table.name.replace('_', ' ')} per tenant"
        else:
            table, ups, downs, title = alter_ops(svc, rnd, cb)
            what = f"changes to {table.name.replace('_', ' ')}"
        doc = [f"Migration {m + 1:03d} of the {svc.name} service: {what}."]
        doc += [line.format(svc=svc.name, what=what) for line in rnd.sample(HEADER_LINES, rnd.randint(1, 6))]
        src = render(svc, rnd, m, ups, downs, doc, ts, no_tx, consts)
        fname = f"{svc.clock}_{title[:60]}.{'ts' if ts else 'js'}"
        with open(os.path.join(mdir, fname), "w") as f:
            f.write(src)
        size = len(src.encode())
        stats["ts" if ts else "js"] += size
        stats["sizes"].append(size)
    return stats


def gen_monorepo(root, services=20):
    """Writes the monorepo; returns {'ts': bytes, 'js': bytes, 'sizes': [bytes per file], 'files': n,
    'services': [{'dir', 'kind' (ts, js or mixed), 'ts', 'js', 'sizes'}]} (migrations only, not knexfiles)."""
    rnd = random.Random(2026)
    total = {"ts": 0, "js": 0, "sizes": [], "services": []}
    for s in range(services):
        st = gen_service(root, s, rnd)
        total["services"].append(st)
        total["ts"] += st["ts"]
        total["js"] += st["js"]
        total["sizes"] += st["sizes"]
    total["files"] = len(total["sizes"])
    return total


def gen_sql(path, statements=10000):
    """Writes one SQL migration of `statements` statements; returns (count, bytes)."""
    rnd = random.Random(7)
    out = ["CREATE TABLE tenants (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text NOT NULL, "
           "created_at timestamptz NOT NULL DEFAULT now());"]
    tables = []
    i = 0
    while len(out) < statements:
        t = f"{rnd.choice(NOUNS)}s_{i:04d}"
        types = ["text", "integer", "bigint", "jsonb", "timestamptz", "numeric(12,2)", "boolean DEFAULT false",
                 "varchar(120)", "date"]
        cols = ",\n  ".join(f"c{c}_{rnd.choice(STRINGS + INTS)} {rnd.choice(types)}"
                            for c in range(rnd.randint(3, 12)))
        out.append(f"CREATE TABLE {t} (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
                   f"  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,\n"
                   f"  code varchar(64) NOT NULL,\n"
                   f"  amount numeric(12,2) NOT NULL DEFAULT 0 CHECK (amount >= 0),\n  {cols},\n"
                   f"  created_at timestamptz NOT NULL DEFAULT now(),\n"
                   f"  CONSTRAINT {t}_code_key UNIQUE (tenant_id, code)\n);")
        out.append(f"CREATE INDEX {t}_tenant_created_idx ON {t} (tenant_id, created_at DESC);")
        out.append(f"ALTER TABLE {t} ADD COLUMN note text;")
        if tables:
            p = rnd.choice(tables)
            out.append(f"ALTER TABLE {t} ADD COLUMN {p}_id bigint;")
            out.append(f"ALTER TABLE {t} ADD CONSTRAINT {t}_{p}_fk FOREIGN KEY ({p}_id) REFERENCES {p} (id) "
                       f"ON DELETE {rnd.choice(['CASCADE', 'SET NULL', 'RESTRICT'])} NOT VALID;")
            out.append(f"ALTER TABLE {t} VALIDATE CONSTRAINT {t}_{p}_fk;")
            out.append(f"CREATE INDEX {t}_{p}_idx ON {t} ({p}_id) WHERE {p}_id IS NOT NULL;")
        out.append(f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY;")
        out.append(f"CREATE POLICY {t}_tenant ON {t} USING "
                   f"(tenant_id = nullif(current_setting('app.current_tenant_id', true), '')::uuid);")
        out.append(f"UPDATE {t} SET note = 'n/a' WHERE id IN (SELECT id FROM {t} WHERE note IS NULL LIMIT 1000);")
        tables.append(t)
        i += 1
    out = out[:statements]
    with open(path, "w") as f:
        f.write("-- One long migration: tables, keys, indexes, policies and backfills.\n")
        f.write("\n".join(out) + "\n")
    return len(out), os.path.getsize(path)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gen_scan.py OUTDIR")
    out = sys.argv[1]
    st = gen_monorepo(os.path.join(out, "mono"))
    sizes = sorted(st["sizes"])
    print(f"{out}/mono: {st['files']} migrations, TypeScript {st['ts'] / 1e6:.2f} MB, "
          f"JavaScript {st['js'] / 1e6:.2f} MB; file sizes min {sizes[0]} B, median {sizes[len(sizes) // 2]} B, "
          f"90th {sizes[len(sizes) * 9 // 10]} B, max {sizes[-1]} B")
    d = os.path.join(out, "bigsql", "migrations")
    os.makedirs(d)
    n, b = gen_sql(os.path.join(d, "0001_big.sql"))
    print(f"{d}/0001_big.sql: {n} statements, {b / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
