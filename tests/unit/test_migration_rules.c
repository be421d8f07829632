/* test_migration_rules.c - the migration rules M001-M005 on hand-built
 * histories: migrations and their events are written out here as the
 * readers would record them; the final model, which M001 and M005 consult,
 * is loaded from SQL.  Each test runs one rule through rules_run_project()
 * and compares "file:line" of its findings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "migrate/project.h"
#include "rules/rules.h"
#include "sql/ddl.h"

/* ---- fixture ------------------------------------------------------------ */

typedef struct Fx {
    ScanProject p;
    Report r;
} Fx;

static Fx *fx_new(void)
{
    Fx *f = test_calloc(1, sizeof *f);
    f->p.schema = schema_new("svc");
    f->p.schema->have = SCHEMA_HAS_ALL;
    f->p.name = "svc";
    f->p.root = "svc";
    report_init(&f->r, "scan");
    return f;
}

static void fx_free(Fx *f)
{
    report_fini(&f->r);
    schema_free(f->p.schema);
    test_free(f);
}

/* The final model: what every migration's up left, as SQL. */
static void model(Fx *f, const char *sql)
{
    MigSink k = {f->p.schema, NULL, false, NULL, "svc", "public"};
    sql_ddl_apply(&k, sql, NULL, NULL);
}

/* A migration with an up at line 3 and a down at line 10. */
static Migration *mig(Fx *f, const char *name)
{
    Arena *a = &f->p.schema->arena;
    Migration *m = arena_alloc(a, sizeof *m);
    m->name = name;
    m->path = arena_printf(a, "migrations/%s", name);
    m->has_up = m->has_down = true;
    m->understood = true;
    m->up_origin = (Origin){m->path, 3, 1};
    m->down_origin = (Origin){m->path, 10, 1};
    vec_push(a, &f->p.migrations, m);
    return m;
}

static const char **cols(Fx *f, const char *a, const char *b)
{
    const char **v = arena_alloc(&f->p.schema->arena, sizeof *v * 3);
    v[0] = a;
    v[1] = b;
    return v;
}

/* Records e in m's up (down false) or down, at line. */
static void ev(Migration *m, Fx *f, bool down, int line, MigEvent e)
{
    e.origin = (Origin){m->path, line, 5};
    if (!e.schema && e.table)
        e.schema = "public";
    vec_push(&f->p.schema->arena, down ? &m->down : &m->up, e);
}

static void up(Migration *m, Fx *f, int line, MigEvent e)
{
    ev(m, f, false, line, e);
}

static void down(Migration *m, Fx *f, int line, MigEvent e)
{
    ev(m, f, true, line, e);
}

/* Runs one rule; returns its findings as "file:line" lines, sorted. */
static const char *run(Fx *f, RuleId rule)
{
    schema_derive(f->p.schema);
    RuleSelection sel;
    for (int i = 0; i < RULE_COUNT; i++)
        sel.off[i] = i != (int)rule;
    rules_run_project(&f->p, f->p.schema, config_default(), &sel, &f->r);
    report_finish(&f->r);
    static char buf[4096];
    buf[0] = 0;
    for (int i = 0; i < f->r.findings.n; i++) {
        const Finding *x = &f->r.findings.v[i];
        assert_int_equal(x->rule, rule);
        assert_non_null(x->message);
        assert_non_null(x->key);
        assert_string_equal(x->database, "svc");
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s:%d", buf[0] ? "\n" : "", x->file, x->line);
    }
    return buf;
}

static const Finding *finding(Fx *f, int i)
{
    assert_true(i < f->r.findings.n);
    return &f->r.findings.v[i];
}

#define ADD_FK(t, n, c1, od) \
    (MigEvent){.kind = EV_ADD_CONSTRAINT, .table = (t), .name = (n), .con_kind = 'f', .cols = (c1), .explicit_on_delete = (od)}

/* ---- M001 ---------------------------------------------------------------- */

static const char *const m001_model =
    "CREATE TABLE events (id uuid PRIMARY KEY);\n"
    "CREATE TABLE tickets (id uuid PRIMARY KEY, event_id uuid NOT NULL,\n"
    "  CONSTRAINT tickets_event_id_foreign FOREIGN KEY (event_id) REFERENCES events (id));\n"
    "CREATE TABLE scans (id uuid PRIMARY KEY, ticket_id uuid,\n"
    "  CONSTRAINT scans_ticket_id_foreign FOREIGN KEY (ticket_id) REFERENCES tickets (id) ON DELETE CASCADE);\n";

static void test_m001_builder_fk_without_on_delete(void **state)
{
    (void)state;
    Fx *f = fx_new();
    model(f, m001_model);
    Migration *m = mig(f, "20240101_tickets.js");
    up(m, f, 4, (MigEvent){.kind = EV_CREATE_TABLE, .table = "tickets"});
    up(m, f, 6, ADD_FK("tickets", "tickets_event_id_foreign", cols(f, "event_id", NULL), false));
    assert_string_equal(run(f, RULE_M001), "migrations/20240101_tickets.js:6");
    const Finding *x = finding(f, 0);
    assert_string_equal(x->message, "public.tickets.event_id references public.events without an explicit ON DELETE "
                                    "(defaults to NO ACTION: deleting a public.events row fails while rows reference it)");
    assert_string_equal(x->object, "public.tickets");
    assert_string_equal(x->group, "migrations/20240101_tickets.js");
    assert_string_equal(x->key, "20240101_tickets.js:tickets:tickets_event_id_foreign");
    assert_non_null(strstr(x->fix, ".onDelete('RESTRICT')"));
    assert_non_null(strstr(x->fix, "t.foreign('event_id').references('id').inTable('events')"));
    assert_non_null(strstr(x->fix, "CASCADE for data the parent owns"));
    fx_free(f);
}

static void test_m001_sql_fk_and_nullable_hint(void **state)
{
    (void)state;
    Fx *f = fx_new();
    model(f, "CREATE TABLE tickets (id uuid PRIMARY KEY);\n"
             "CREATE TABLE scans (id uuid PRIMARY KEY, ticket_id uuid REFERENCES tickets (id));\n");
    Migration *m = mig(f, "20240102_scans.sql");
    MigEvent e = ADD_FK("scans", "scans_ticket_id_fkey", cols(f, "ticket_id", NULL), false);
    e.from_sql = true;
    up(m, f, 2, e);
    assert_string_equal(run(f, RULE_M001), "migrations/20240102_scans.sql:2");
    const Finding *x = finding(f, 0);
    assert_non_null(strstr(x->fix, "FOREIGN KEY (ticket_id) REFERENCES public.tickets (id) ON DELETE RESTRICT"));
    assert_non_null(strstr(x->fix, "ticket_id allows NULL: SET NULL fits"));
    assert_null(strstr(x->fix, "onDelete"));
    fx_free(f);
}

static void test_m001_silent(void **state)
{
    (void)state;
    Fx *f = fx_new();
    model(f, m001_model);
    Migration *m = mig(f, "20240101_scans.js");
    /* explicit ON DELETE; not a foreign key; a foreign key in down */
    up(m, f, 4, ADD_FK("scans", "scans_ticket_id_foreign", cols(f, "ticket_id", NULL), true));
    up(m, f, 5, (MigEvent){.kind = EV_ADD_CONSTRAINT, .table = "scans", .name = "scans_pkey", .con_kind = 'p'});
    down(m, f, 12, ADD_FK("scans", "scans_ticket_id_foreign", cols(f, "ticket_id", NULL), false));
    /* a key without ON DELETE that a later migration replaces by one with it */
    Migration *m1 = mig(f, "20240102_tickets.js");
    up(m1, f, 4, ADD_FK("tickets", "tickets_event_id_foreign", cols(f, "event_id", NULL), false));
    Migration *m2 = mig(f, "20240103_tickets_cascade.js");
    up(m2, f, 4, (MigEvent){.kind = EV_DROP_CONSTRAINT, .table = "tickets", .name = "tickets_event_id_foreign", .con_kind = 'f'});
    up(m2, f, 5, ADD_FK("tickets", "tickets_event_id_foreign", cols(f, "event_id", NULL), true));
    /* a key dropped with its column, and one dropped with its table */
    Migration *m3 = mig(f, "20240104_tmp.js");
    up(m3, f, 4, (MigEvent){.kind = EV_CREATE_TABLE, .table = "tmp"});
    up(m3, f, 5, ADD_FK("tmp", "tmp_event_id_foreign", cols(f, "event_id", NULL), false));
    up(m3, f, 6, ADD_FK("tmp", "tmp_ticket_id_foreign", cols(f, "ticket_id", NULL), false));
    Migration *m4 = mig(f, "20240105_tmp_drop.js");
    up(m4, f, 4, (MigEvent){.kind = EV_DROP_COLUMN, .table = "tmp", .name = "ticket_id"});
    up(m4, f, 5, (MigEvent){.kind = EV_RENAME_TABLE, .table = "tmp", .name = "tmp_old"});
    up(m4, f, 6, (MigEvent){.kind = EV_DROP_TABLE, .table = "tmp_old"});
    /* a file that is not a migration */
    Migration *n = mig(f, "helpers.js");
    n->not_migration = true;
    up(n, f, 4, ADD_FK("tickets", "x", cols(f, "event_id", NULL), false));
    assert_string_equal(run(f, RULE_M001), "");
    fx_free(f);
}

/* ---- M002 ---------------------------------------------------------------- */

static void test_m002_missing_down(void **state)
{
    (void)state;
    Fx *f = fx_new();
    Migration *m = mig(f, "20240101_venues.js");
    m->has_down = false;
    up(m, f, 4, (MigEvent){.kind = EV_CREATE_TABLE, .table = "venues"});
    Migration *d = mig(f, "20240102_backfill.js");
    d->has_down = false;
    up(d, f, 4, (MigEvent){.kind = EV_BACKFILL, .table = "venues", .existing_table = true, .bounded = true});
    Migration *u = mig(f, "20240103_slug.up.sql"); /* an .up.sql without its .down.sql */
    u->is_sql = true;
    u->has_down = false;
    u->up_origin = (Origin){u->path, 1, 1};
    up(u, f, 1, (MigEvent){.kind = EV_ADD_COLUMN, .table = "venues", .name = "slug", .from_sql = true});
    Migration *l = mig(f, "20240104_lone.sql"); /* a lone .sql file: its format has no down */
    l->is_sql = true;
    l->has_down = false;
    l->down_optional = true;
    up(l, f, 1, (MigEvent){.kind = EV_ADD_COLUMN, .table = "venues", .name = "city", .from_sql = true});
    assert_string_equal(run(f, RULE_M002), "migrations/20240101_venues.js:3\n"
                                           "migrations/20240102_backfill.js:3\n"
                                           "migrations/20240103_slug.up.sql:1");
    assert_non_null(strstr(finding(f, 1)->message, "data migration"));
    assert_null(strstr(finding(f, 0)->message, "data migration"));
    assert_non_null(strstr(finding(f, 2)->fix, "20240103_slug.down.sql"));
    fx_free(f);
}

static void test_m002_empty_down(void **state)
{
    (void)state;
    Fx *f = fx_new();
    Migration *m = mig(f, "20240101_policy.ts");
    up(m, f, 4, (MigEvent){.kind = EV_DROP_POLICY, .table = "payouts", .name = "tenant_isolation", .from_sql = true});
    /* a data migration with an empty down: a deliberate no-op */
    Migration *d = mig(f, "20240102_normalise.ts");
    up(d, f, 4, (MigEvent){.kind = EV_BACKFILL, .table = "tickets", .existing_table = true});
    up(d, f, 5, (MigEvent){.kind = EV_OTHER, .detail = "INSERT INTO ticket_types (name) VALUES ('vip')", .from_sql = true});
    /* VALIDATE CONSTRAINT has nothing to undo */
    Migration *v = mig(f, "20240103_validate.ts");
    up(v, f, 4, (MigEvent){.kind = EV_OTHER, .table = "tickets", .name = "tickets_price_check",
                           .detail = "ALTER TABLE tickets VALIDATE CONSTRAINT tickets_price_check", .from_sql = true});
    /* a table with an empty down, in a migration dbaudit did not fully read */
    Migration *n = mig(f, "20240104_unread.ts");
    n->understood = false;
    up(n, f, 4, (MigEvent){.kind = EV_CREATE_TABLE, .table = "x"});
    /* a trigger switched off: a schema change known only by its text */
    Migration *t = mig(f, "20240105_triggers.js");
    up(t, f, 4, (MigEvent){.kind = EV_OTHER, .table = "scans", .detail = "ALTER TABLE scans DISABLE TRIGGER ALL",
                           .from_sql = true});
    assert_string_equal(run(f, RULE_M002), "migrations/20240101_policy.ts:10\nmigrations/20240105_triggers.js:10");
    assert_non_null(strstr(finding(f, 0)->message, "dropped policy tenant_isolation on public.payouts"));
    assert_non_null(strstr(finding(f, 1)->message, "ALTER TABLE scans DISABLE TRIGGER ALL"));
    fx_free(f);
}

static void test_m002_incomplete_down(void **state)
{
    (void)state;
    Fx *f = fx_new();
    Migration *m = mig(f, "20240101_order_items.js");
    up(m, f, 4, (MigEvent){.kind = EV_CREATE_TABLE, .table = "order_items"});
    up(m, f, 5, (MigEvent){.kind = EV_ADD_INDEX, .table = "order_items", .name = "order_items_ticket_id_index"});
    up(m, f, 6, (MigEvent){.kind = EV_ADD_INDEX, .table = "orders", .name = "orders_user_id_index", .cols = cols(f, "user_id", NULL)});
    up(m, f, 7, (MigEvent){.kind = EV_ADD_COLUMN, .table = "orders", .name = "note"});
    up(m, f, 8, (MigEvent){.kind = EV_CREATE_TABLE, .table = "refunds"});
    down(m, f, 11, (MigEvent){.kind = EV_DROP_TABLE, .table = "order_items"});
    assert_string_equal(run(f, RULE_M002), "migrations/20240101_order_items.js:10");
    const Finding *x = finding(f, 0);
    assert_non_null(strstr(x->message, "index orders_user_id_index on public.orders, column public.orders.note, "
                                       "table public.refunds"));
    assert_null(x->object); /* two tables */
    assert_string_equal(x->key, "20240101_order_items.js:incomplete-down");
    assert_non_null(strstr(x->fix, "await knex.schema.dropTable('refunds');"));
    assert_non_null(strstr(x->fix, "t.dropIndex(['user_id'], 'orders_user_id_index')"));
    fx_free(f);
}

static void test_m002_complete_down(void **state)
{
    (void)state;
    Fx *f = fx_new();
    Migration *m = mig(f, "20240101_all.js");
    up(m, f, 4, (MigEvent){.kind = EV_CREATE_TABLE, .table = "order_items"});
    up(m, f, 5, (MigEvent){.kind = EV_ADD_CONSTRAINT, .table = "order_items", .name = "order_items_pkey", .con_kind = 'p'});
    up(m, f, 6, (MigEvent){.kind = EV_ADD_INDEX, .table = "orders", .name = "orders_user_id_index", .cols = cols(f, "user_id", NULL)});
    up(m, f, 7, (MigEvent){.kind = EV_ADD_COLUMN, .table = "orders", .name = "venue_id"});
    up(m, f, 7, ADD_FK("orders", "orders_venue_id_foreign", cols(f, "venue_id", NULL), true));
    up(m, f, 8, (MigEvent){.kind = EV_ADD_CONSTRAINT, .table = "orders", .name = "orders_total_check", .con_kind = 'c'});
    up(m, f, 9, (MigEvent){.kind = EV_CREATE_TABLE, .table = "tmp"});
    up(m, f, 9, (MigEvent){.kind = EV_RENAME_TABLE, .table = "tmp", .name = "refunds"});
    down(m, f, 11, (MigEvent){.kind = EV_DROP_TABLE, .table = "refunds"});
    down(m, f, 12, (MigEvent){.kind = EV_DROP_CONSTRAINT, .table = "orders", .name = "orders_total_check"});
    down(m, f, 13, (MigEvent){.kind = EV_DROP_COLUMN, .table = "orders", .name = "venue_id"}); /* takes its key */
    down(m, f, 14, (MigEvent){.kind = EV_DROP_INDEX, .name = "orders_user_id_index"}); /* DROP INDEX: no table */
    down(m, f, 15, (MigEvent){.kind = EV_DROP_TABLE, .table = "order_items"});
    /* renamed back */
    Migration *r = mig(f, "20240102_rename.js");
    up(r, f, 4, (MigEvent){.kind = EV_CREATE_TABLE, .table = "tickets_v2"});
    down(r, f, 11, (MigEvent){.kind = EV_RENAME_TABLE, .table = "tickets_v2", .name = "tickets_old"});
    /* DROP TABLE ... CASCADE also drops a key that references it */
    Migration *c = mig(f, "20240103_cascade.sql");
    up(c, f, 4, (MigEvent){.kind = EV_CREATE_TABLE, .table = "venues", .from_sql = true});
    up(c, f, 5, ADD_FK("events", "events_venue_id_fkey", cols(f, "venue_id", NULL), true));
    down(c, f, 11, (MigEvent){.kind = EV_DROP_TABLE, .table = "venues", .from_sql = true,
                              .detail = "DROP TABLE venues CASCADE"});
    /* not fully understood: (c) is not judged */
    Migration *n = mig(f, "20240104_unread.js");
    n->understood = false;
    up(n, f, 4, (MigEvent){.kind = EV_CREATE_TABLE, .table = "x"});
    down(n, f, 11, (MigEvent){.kind = EV_OTHER, .detail = "dropView"});
    assert_string_equal(run(f, RULE_M002), "");
    fx_free(f);
}

/* ---- M003 ---------------------------------------------------------------- */

static void test_m003(void **state)
{
    (void)state;
    Fx *f = fx_new();
    Migration *m = mig(f, "20240101_serials.ts");
    up(m, f, 5, (MigEvent){.kind = EV_BACKFILL, .table = "tickets", .existing_table = true,
                           .detail = "knex('tickets').update({ serial: knex.raw('upper(serial)') })"});
    up(m, f, 6, (MigEvent){.kind = EV_BACKFILL, .table = "tickets", .existing_table = true, .bounded = true,
                           .detail = "UPDATE tickets SET x = 1 WHERE id IN (SELECT id FROM tickets LIMIT 1000)"});
    up(m, f, 7, (MigEvent){.kind = EV_BACKFILL, .table = "fresh", .existing_table = false});
    down(m, f, 12, (MigEvent){.kind = EV_BACKFILL, .table = "tickets", .existing_table = true});
    Migration *s = mig(f, "20240102_purge.up.sql");
    s->is_sql = true;
    up(s, f, 2, (MigEvent){.kind = EV_BACKFILL, .table = "scans", .existing_table = true, .from_sql = true,
                           .detail = "DELETE FROM scans WHERE created_at < now() - interval '1 year'"});
    Migration *n = mig(f, "20240103_batched.js");
    n->no_transaction = true;
    up(n, f, 8, (MigEvent){.kind = EV_BACKFILL, .table = "events", .existing_table = true,
                           .detail = "knex('events').update({ x: 1 })"});
    assert_string_equal(run(f, RULE_M003), "migrations/20240101_serials.ts:5\n"
                                           "migrations/20240102_purge.up.sql:2\n"
                                           "migrations/20240103_batched.js:8");
    assert_non_null(strstr(finding(f, 0)->message, "`knex('tickets').update({ serial: knex.raw('upper(serial)') })`"));
    assert_string_equal(finding(f, 0)->object, "public.tickets");
    assert_non_null(strstr(finding(f, 0)->fix, "while (result.rowCount > 0)"));
    assert_non_null(strstr(finding(f, 0)->fix, "transaction: false"));
    assert_non_null(strstr(finding(f, 1)->message, "unbatched delete"));
    assert_non_null(strstr(finding(f, 1)->fix, "DELETE FROM scans WHERE id IN (SELECT id FROM scans"));
    assert_null(strstr(finding(f, 2)->fix, "transaction: false"));
    fx_free(f);
}

/* ---- M004 ---------------------------------------------------------------- */

static void test_m004(void **state)
{
    (void)state;
    Fx *f = fx_new();
    Migration *m = mig(f, "20240101_columns.js");
    up(m, f, 4, (MigEvent){.kind = EV_PARALLEL_DDL, .detail = "2 schema changes"});
    up(m, f, 5, (MigEvent){.kind = EV_ADD_COLUMN, .table = "payments", .name = "captured_at"});
    up(m, f, 8, (MigEvent){.kind = EV_ADD_COLUMN, .table = "refunds", .name = "processed_at"});
    down(m, f, 12, (MigEvent){.kind = EV_PARALLEL_DDL, .detail = "2 schema changes"});
    /* one after the other: nothing recorded, nothing reported */
    Migration *s = mig(f, "20240102_sequential.js");
    up(s, f, 4, (MigEvent){.kind = EV_ADD_COLUMN, .table = "payments", .name = "x"});
    up(s, f, 5, (MigEvent){.kind = EV_ADD_COLUMN, .table = "refunds", .name = "y"});
    assert_string_equal(run(f, RULE_M004), "migrations/20240101_columns.js:4\nmigrations/20240101_columns.js:12");
    assert_non_null(strstr(finding(f, 0)->message, "runs 2 schema changes concurrently"));
    assert_string_equal(finding(f, 0)->key, "20240101_columns.js:up:parallel:1");
    assert_string_equal(finding(f, 1)->key, "20240101_columns.js:down:parallel:1");
    fx_free(f);
}

/* ---- M005 ---------------------------------------------------------------- */

/* payments.order_id has no foreign key in the end (S003), tickets has no
 * primary key (S001), price_cents no check (S012). */
static const char *const m005_model =
    "CREATE TABLE tenants (id uuid PRIMARY KEY);\n"
    "CREATE TABLE orders (id uuid PRIMARY KEY, tenant_id uuid NOT NULL REFERENCES tenants (id));\n"
    "CREATE INDEX ON orders (tenant_id);\n"
    "CREATE TABLE payments (id uuid PRIMARY KEY, tenant_id uuid NOT NULL REFERENCES tenants (id),\n"
    "  order_id uuid NOT NULL, amount_cents bigint NOT NULL CHECK (amount_cents > 0));\n"
    "CREATE INDEX ON payments (tenant_id);\n"
    "CREATE TABLE tickets (id uuid NOT NULL, tenant_id uuid NOT NULL REFERENCES tenants (id),\n"
    "  price_cents bigint NOT NULL);\n"
    "CREATE INDEX ON tickets (tenant_id);\n";

static void test_m005_drops(void **state)
{
    (void)state;
    Fx *f = fx_new();
    model(f, m005_model);
    Migration *c = mig(f, "20240101_create.js");
    up(c, f, 4, (MigEvent){.kind = EV_CREATE_TABLE, .table = "payments"});
    up(c, f, 5, ADD_FK("payments", "payments_order_id_foreign", cols(f, "order_id", NULL), true));
    up(c, f, 6, (MigEvent){.kind = EV_CREATE_TABLE, .table = "tickets"});
    up(c, f, 7, (MigEvent){.kind = EV_ADD_CONSTRAINT, .table = "tickets", .name = "tickets_pkey", .con_kind = 'p',
                           .cols = cols(f, "id", NULL)});
    up(c, f, 8, (MigEvent){.kind = EV_ADD_CONSTRAINT, .table = "tickets", .name = "tickets_price_cents_check",
                           .con_kind = 'c', .cols = cols(f, "price_cents", NULL)});
    Migration *d = mig(f, "20240201_drop.js");
    up(d, f, 4, (MigEvent){.kind = EV_DROP_CONSTRAINT, .table = "payments", .name = "payments_order_id_foreign", .con_kind = 'f',
                           .cols = cols(f, "order_id", NULL)});
    Migration *s = mig(f, "20240202_drop.sql");
    s->is_sql = true;
    up(s, f, 1, (MigEvent){.kind = EV_DROP_CONSTRAINT, .table = "tickets", .name = "tickets_pkey", .from_sql = true});
    up(s, f, 2, (MigEvent){.kind = EV_DROP_CONSTRAINT, .table = "tickets", .name = "tickets_price_cents_check", .from_sql = true});
    assert_string_equal(run(f, RULE_M005), "migrations/20240201_drop.js:4\n"
                                           "migrations/20240202_drop.sql:1\n"
                                           "migrations/20240202_drop.sql:2");
    const Finding *x = finding(f, 0);
    assert_string_equal(x->message, "drops foreign key payments_order_id_foreign on public.payments (created in "
                                    "20240101_create.js), and S003 now reports public.payments.order_id");
    assert_string_equal(x->object, "public.payments");
    assert_string_equal(x->key, "20240201_drop.js:payments:payments_order_id_foreign");
    assert_non_null(strstr(x->fix, "t.foreign('order_id', 'payments_order_id_foreign').references('id').inTable('orders')"));
    assert_non_null(strstr(finding(f, 1)->message, "S001 now reports public.tickets"));
    assert_non_null(strstr(finding(f, 1)->fix, "ALTER TABLE public.tickets ADD CONSTRAINT tickets_pkey PRIMARY KEY (id);"));
    assert_non_null(strstr(finding(f, 2)->message, "S012 now reports public.tickets.price_cents"));
    fx_free(f);
}

static void test_m005_silent(void **state)
{
    (void)state;
    Fx *f = fx_new();
    model(f, m005_model);
    Migration *c = mig(f, "20240101_create.js");
    up(c, f, 5, ADD_FK("payments", "payments_order_id_foreign", cols(f, "order_id", NULL), true));
    up(c, f, 6, ADD_FK("payments", "payments_tenant_id_foreign", cols(f, "tenant_id", NULL), true));
    up(c, f, 7, (MigEvent){.kind = EV_ADD_INDEX, .table = "payments", .name = "payments_tenant_id_index",
                           .cols = cols(f, "tenant_id", NULL)});
    up(c, f, 8, (MigEvent){.kind = EV_ADD_CONSTRAINT, .table = "payments", .name = "payments_amount_cents_check",
                           .con_kind = 'c', .cols = cols(f, "amount_cents", NULL)});
    /* dropped, then created again by a later migration (under another name) */
    Migration *d = mig(f, "20240201_drop_fk.js");
    up(d, f, 4, (MigEvent){.kind = EV_DROP_CONSTRAINT, .table = "payments", .name = "payments_order_id_foreign", .con_kind = 'f'});
    Migration *r = mig(f, "20240202_recreate_fk.js");
    up(r, f, 4, ADD_FK("payments", "payments_order_fk", cols(f, "order_id", NULL), true));
    /* dropped with nothing the schema rules now report: tenant_id still has
     * a key in the final model, a plain index is no constraint, and the
     * check is replaced in the same migration */
    Migration *o = mig(f, "20240203_others.js");
    up(o, f, 4, (MigEvent){.kind = EV_DROP_CONSTRAINT, .table = "payments", .name = "payments_tenant_id_foreign"});
    up(o, f, 5, (MigEvent){.kind = EV_DROP_INDEX, .table = "payments", .name = "payments_tenant_id_index"});
    up(o, f, 6, (MigEvent){.kind = EV_DROP_CONSTRAINT, .table = "payments", .name = "payments_amount_cents_check"});
    up(o, f, 7, (MigEvent){.kind = EV_ADD_CONSTRAINT, .table = "payments", .name = "payments_amount_positive",
                           .con_kind = 'c', .cols = cols(f, "amount_cents", NULL)});
    /* a drop of something no migration created */
    up(o, f, 8, (MigEvent){.kind = EV_DROP_CONSTRAINT, .table = "tickets", .name = "tickets_pkey", .con_kind = 'p'});
    assert_string_equal(run(f, RULE_M005), "");
    fx_free(f);
}

static void test_m005_reads_final_model_not_selection(void **state)
{
    (void)state;
    /* run() switches every schema rule off: M005 still sees S003. */
    Fx *f = fx_new();
    model(f, m005_model);
    Migration *c = mig(f, "20240101_create.js");
    up(c, f, 5, ADD_FK("payments", "payments_order_id_foreign", cols(f, "order_id", NULL), true));
    Migration *d = mig(f, "20240201_rename_then_drop.js");
    up(d, f, 3, (MigEvent){.kind = EV_RENAME_TABLE, .table = "payments", .name = "payments_old"});
    up(d, f, 4, (MigEvent){.kind = EV_RENAME_TABLE, .table = "payments_old", .name = "payments"});
    up(d, f, 5, (MigEvent){.kind = EV_DROP_CONSTRAINT, .table = "payments", .name = "payments_order_id_foreign"});
    assert_string_equal(run(f, RULE_M005), "migrations/20240201_rename_then_drop.js:5");
    fx_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_m001_builder_fk_without_on_delete),
        cmocka_unit_test(test_m001_sql_fk_and_nullable_hint),
        cmocka_unit_test(test_m001_silent),
        cmocka_unit_test(test_m002_missing_down),
        cmocka_unit_test(test_m002_empty_down),
        cmocka_unit_test(test_m002_incomplete_down),
        cmocka_unit_test(test_m002_complete_down),
        cmocka_unit_test(test_m003),
        cmocka_unit_test(test_m004),
        cmocka_unit_test(test_m005_drops),
        cmocka_unit_test(test_m005_silent),
        cmocka_unit_test(test_m005_reads_final_model_not_selection),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
