/* test_ddl.c - SQL migrations replayed into the schema model (src/sql/ddl.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "schema/edit.h"
#include "sql/ddl.h"

/* ---- fixture ------------------------------------------------------------ */

typedef struct Fx {
    Schema *s;
    Report r;
    Migration m;
    MigSink k;
    const char *sql; /* the text being applied, for positions */
} Fx;

static Origin line_pos(void *arg, size_t off)
{
    const Fx *f = arg;
    Origin o = {"m.sql", 1, 1};
    for (size_t i = 0; i < off && f->sql[i]; i++) {
        if (f->sql[i] == '\n') {
            o.line++;
            o.col = 1;
        } else
            o.col++;
    }
    return o;
}

static Fx *fx_new(void)
{
    Fx *f = test_calloc(1, sizeof *f);
    f->s = schema_new("t");
    report_init(&f->r, "scan");
    f->m.path = "m.sql";
    f->m.understood = true;
    f->k.schema = f->s;
    f->k.mig = &f->m;
    f->k.report = &f->r;
    f->k.database = "t";
    f->k.default_schema = "public";
    return f;
}

static void fx_free(Fx *f)
{
    report_fini(&f->r);
    schema_free(f->s);
    test_free(f);
}

static void apply(Fx *f, const char *sql)
{
    f->sql = sql;
    sql_ddl_apply(&f->k, sql, line_pos, f);
}

static void apply_down(Fx *f, const char *sql)
{
    f->k.down = true;
    apply(f, sql);
    f->k.down = false;
}

static int a003(const Fx *f)
{
    int n = 0;
    for (int i = 0; i < f->r.findings.n; i++)
        n += f->r.findings.v[i].rule == RULE_A003;
    return n;
}

/* Fails the test with the findings when some were reported. */
static void assert_understood(const Fx *f)
{
    for (int i = 0; i < f->r.findings.n; i++)
        print_error("unexpected finding at %d:%d: %s\n", f->r.findings.v[i].line, f->r.findings.v[i].col,
                    f->r.findings.v[i].message);
    assert_int_equal(f->r.findings.n, 0);
    assert_true(f->m.understood);
}

static Table *table(const Fx *f, const char *name)
{
    Table *t = schema_table(f->s, "public", name);
    assert_non_null(t);
    return t;
}

static const Column *column(const Table *t, const char *name)
{
    const Column *c = table_column(t, name);
    assert_non_null(c);
    return c;
}

static Constraint *con(Table *t, const char *name)
{
    Constraint *c = edit_find_constraint(t, name);
    if (!c)
        print_error("no constraint %s on %s\n", name, t->qname);
    assert_non_null(c);
    return c;
}

static const Index *index_named(const Table *t, const char *name)
{
    for (int i = 0; i < t->indexes.n; i++)
        if (strcmp(t->indexes.v[i].name, name) == 0)
            return &t->indexes.v[i];
    print_error("no index %s on %s\n", name, t->qname);
    fail();
    return NULL;
}

static const MigEvent *find_event(const MigEventVec *v, MigEventKind kind, const char *name)
{
    for (int i = 0; i < v->n; i++)
        if (v->v[i].kind == kind && (!name || (v->v[i].name && strcmp(v->v[i].name, name) == 0)))
            return &v->v[i];
    return NULL;
}

/* ---- text helpers ------------------------------------------------------- */

static void test_placeholders(void **state)
{
    Arena a;
    arena_init(&a);
    assert_string_equal(sql_rewrite_placeholders(&a, "select * from t where a = ? and b = ?"),
                        "select * from t where a = $1 and b = $2");
    assert_string_equal(sql_rewrite_placeholders(&a, "update ?? set x = :val where id = :id"),
                        "update \"knex_binding_1\" set x = $2 where id = $3");
    assert_string_equal(sql_rewrite_placeholders(&a, "select :col: from t where x::text = :v"),
                        "select \"knex_binding_1\" from t where x::text = $2");
    /* literals, quoted names, comments and dollar quotes stay */
    assert_string_equal(sql_rewrite_placeholders(&a, "select '?', \"a?\", e'\\'?' -- ?\n, ? /* ? */"),
                        "select '?', \"a?\", e'\\'?' -- ?\n, $1 /* ? */");
    assert_string_equal(sql_rewrite_placeholders(&a, "do $x$ begin perform ?; end $x$; select ?"),
                        "do $x$ begin perform ?; end $x$; select $1");
    /* JSONB operators, and Knex's escaped ? */
    assert_string_equal(sql_rewrite_placeholders(&a, "select d ?| array['a'], d ?& array['b'], d \\? 'k', ?"),
                        "select d ?| array['a'], d ?& array['b'], d ? 'k', $1");
    assert_string_equal(sql_rewrite_placeholders(&a, "select $1, a$b from t"), "select $1, a$b from t");
    arena_fini(&a);
}

static void test_format_type(void **state)
{
    Arena a;
    arena_init(&a);
    static const char *const cases[][2] = {
        {"varchar(10)", "character varying(10)"},
        {"varchar", "character varying"},
        {"character varying(255)", "character varying(255)"},
        {"int4", "integer"},
        {"int", "integer"},
        {"integer", "integer"},
        {"int8", "bigint"},
        {"smallint", "smallint"},
        {"bool", "boolean"},
        {"float8", "double precision"},
        {"double precision", "double precision"},
        {"real", "real"},
        {"timestamptz", "timestamp with time zone"},
        {"timestamp", "timestamp without time zone"},
        {"timestamp(3) with time zone", "timestamp(3) with time zone"},
        {"time", "time without time zone"},
        {"numeric(10, 2)", "numeric(10,2)"},
        {"numeric(10, 2)[]", "numeric(10,2)[]"},
        {"decimal", "numeric"},
        {"text[]", "text[]"},
        {"char(3)", "character(3)"},
        {"char", "character(1)"},
        {"uuid", "uuid"},
        {"jsonb", "jsonb"},
        {"public.ticket_status", "ticket_status"},
        {"billing.ticket_status", "billing.ticket_status"},
        {"\"Weird Type\"", "\"Weird Type\""},
        {"serial", "integer"},
        {"bigserial", "bigint"},
        {"bit(3)", "bit(3)"},
        {"varbit(5)", "bit varying(5)"},
        {"interval", "interval"},
        {"bpchar", "bpchar"},
        {"time(2) with time zone", "time(2) with time zone"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = sql_format_type(&a, cases[i][0]);
        if (!got || strcmp(got, cases[i][1]) != 0)
            print_error("%s -> %s (want %s)\n", cases[i][0], got ? got : "NULL", cases[i][1]);
        assert_non_null(got);
        assert_string_equal(got, cases[i][1]);
    }
    assert_null(sql_format_type(&a, "int); drop table x; --"));
    assert_null(sql_format_type(&a, "not a type at all"));
    assert_null(sql_format_type(&a, "\xff"));
    arena_fini(&a);
}

static void test_column_spec(void **state)
{
    Schema *s = schema_new("t");
    Column c;
    assert_true(sql_column_spec(s, "public", "ledger", "id", "bigint GENERATED ALWAYS AS IDENTITY", &c));
    assert_string_equal(c.name, "id");
    assert_string_equal(c.type, "bigint");
    assert_int_equal(c.identity, 'a');
    assert_true(c.not_null);
    assert_true(sql_column_spec(s, "public", "ledger", "n", "serial", &c));
    assert_string_equal(c.type, "integer");
    assert_string_equal(c.default_expr, "nextval('ledger_n_seq'::regclass)");
    assert_true(sql_column_spec(s, "public", "ledger", "at", "timestamptz NOT NULL DEFAULT now()", &c));
    assert_string_equal(c.type, "timestamp with time zone");
    assert_string_equal(c.default_expr, "now()");
    assert_true(c.not_null);
    assert_false(sql_column_spec(s, "public", "ledger", "x", "int PRIMARY KEY", &c));
    assert_false(sql_column_spec(s, "public", "ledger", "x", "int) ; DROP TABLE y; --", &c));
    assert_false(sql_column_spec(s, "public", "ledger", "x", "", &c));
    schema_free(s);
}

/* ---- CREATE TABLE ------------------------------------------------------- */

static void test_create_table_columns(void **state)
{
    Fx *f = fx_new();
    apply(f, "CREATE TABLE tickets (\n"
             "  id serial PRIMARY KEY,\n"
             "  big bigserial,\n"
             "  code varchar(10) NOT NULL DEFAULT 'x',\n"
             "  price numeric(10,2),\n"
             "  tags text[],\n"
             "  made timestamptz DEFAULT now(),\n"
             "  uid uuid DEFAULT gen_random_uuid(),\n"
             "  n int GENERATED ALWAYS AS IDENTITY,\n"
             "  m int8 GENERATED BY DEFAULT AS IDENTITY,\n"
             "  twice int GENERATED ALWAYS AS (n * 2) STORED\n"
             ");");
    assert_understood(f);
    Table *t = table(f, "tickets");
    assert_int_equal(t->kind, 'r');
    assert_int_equal(t->origin.line, 1);
    assert_int_equal(t->columns.n, 10);
    const Column *id = column(t, "id");
    assert_string_equal(id->type, "integer");
    assert_string_equal(id->default_expr, "nextval('tickets_id_seq'::regclass)");
    assert_true(id->not_null);
    assert_int_equal(id->origin.line, 2);
    assert_int_equal(id->origin.col, 3);
    assert_string_equal(column(t, "big")->type, "bigint");
    assert_string_equal(column(t, "big")->default_expr, "nextval('tickets_big_seq'::regclass)");
    assert_string_equal(column(t, "code")->type, "character varying(10)");
    assert_true(column(t, "code")->not_null);
    assert_string_equal(column(t, "code")->default_expr, "'x'");
    assert_string_equal(column(t, "price")->type, "numeric(10,2)");
    assert_false(column(t, "price")->not_null);
    assert_string_equal(column(t, "tags")->type, "text[]");
    assert_true(column(t, "tags")->is_array);
    assert_string_equal(column(t, "made")->type, "timestamp with time zone");
    assert_string_equal(column(t, "made")->default_expr, "now()");
    assert_non_null(strstr(column(t, "uid")->default_expr, "gen_random_uuid("));
    assert_int_equal(column(t, "n")->identity, 'a');
    assert_true(column(t, "n")->not_null);
    assert_int_equal(column(t, "m")->identity, 'd');
    assert_string_equal(column(t, "m")->type, "bigint");
    assert_true(column(t, "twice")->generated);
    assert_string_equal(column(t, "twice")->default_expr, "n * 2");

    const MigEvent *e = find_event(&f->m.up, EV_CREATE_TABLE, NULL);
    assert_non_null(e);
    assert_string_equal(e->schema, "public");
    assert_string_equal(e->table, "tickets");
    assert_true(e->from_sql);
    e = find_event(&f->m.up, EV_ADD_CONSTRAINT, "tickets_pkey");
    assert_non_null(e);
    assert_int_equal(e->con_kind, 'p');
    assert_string_equal(e->cols[0], "id");
    assert_null(e->cols[1]);
    fx_free(f);
}

static void test_default_names(void **state)
{
    Fx *f = fx_new();
    apply(f, "CREATE TABLE p (id int PRIMARY KEY);\n"
             "CREATE TABLE t (\n"
             "  id int PRIMARY KEY,\n"
             "  email text UNIQUE,\n"
             "  p_id int REFERENCES p,\n"
             "  qty int CHECK (qty > 0),\n"
             "  a int, b int,\n"
             "  CHECK (a < b),\n"
             "  UNIQUE (a, b)\n"
             ");\n"
             "ALTER TABLE t ADD UNIQUE (email);\n"
             "CREATE INDEX ON t (email);\n"
             "CREATE INDEX ON t (email);\n"
             "CREATE INDEX ON t (lower(email));\n"
             "CREATE TABLE \"Order\" (id serial PRIMARY KEY);\n");
    assert_understood(f);
    Table *t = table(f, "t");
    assert_int_equal(con(t, "t_pkey")->kind, CON_PRIMARY);
    assert_int_equal(con(t, "t_email_key")->kind, CON_UNIQUE);
    assert_int_equal(con(t, "t_email_key1")->kind, CON_UNIQUE);
    assert_int_equal(con(t, "t_a_b_key")->kind, CON_UNIQUE);
    assert_int_equal(con(t, "t_p_id_fkey")->kind, CON_FOREIGN);
    Constraint *ck = con(t, "t_qty_check");
    assert_int_equal(ck->kind, CON_CHECK);
    assert_string_equal(ck->expr, "CHECK (qty > 0)");
    assert_int_equal(ck->ncols, 1);
    assert_int_equal(ck->cols[0], table_column_index(t, "qty"));
    Constraint *ck2 = con(t, "t_check");
    assert_int_equal(ck2->ncols, 2);
    assert_true(ck2->validated);
    index_named(t, "t_email_idx");
    index_named(t, "t_email_idx1");
    const Index *lx = index_named(t, "t_lower_idx");
    assert_int_equal(lx->cols[0], -1);
    assert_string_equal(lx->exprs[0], "lower(email)");
    const Index *pk = index_named(t, "t_pkey");
    assert_true(pk->primary && pk->unique && pk->backs_constraint && pk->valid);
    Table *o = table(f, "Order");
    assert_string_equal(column(o, "id")->default_expr, "nextval('\"Order_id_seq\"'::regclass)");
    con(o, "Order_pkey");
    fx_free(f);
}

static void test_duplicate_unique_in_create(void **state)
{
    Fx *f = fx_new();
    apply(f, "CREATE TABLE t (id int PRIMARY KEY UNIQUE, a int UNIQUE, UNIQUE (a));");
    assert_understood(f);
    Table *t = table(f, "t");
    assert_int_equal(t->constraints.n, 2); /* t_pkey, t_a_key: PostgreSQL drops the repeats */
    con(t, "t_pkey");
    con(t, "t_a_key");
    assert_int_equal(t->indexes.n, 2);
    fx_free(f);
}

static void test_foreign_keys(void **state)
{
    Fx *f = fx_new();
    apply(f, "CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, code text UNIQUE);\n"
             "CREATE TABLE tickets (\n"
             "  id int PRIMARY KEY,\n"
             "  event_id bigint NOT NULL REFERENCES events ON DELETE CASCADE,\n"
             "  code text,\n"
             "  parent int REFERENCES tickets (id) DEFERRABLE INITIALLY DEFERRED,\n"
             "  CONSTRAINT by_code FOREIGN KEY (code) REFERENCES events (code) MATCH FULL ON UPDATE SET NULL\n"
             ");\n"
             "ALTER TABLE tickets ADD CONSTRAINT again FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE RESTRICT;\n");
    assert_understood(f);
    Table *t = table(f, "tickets");
    Constraint *fk = con(t, "tickets_event_id_fkey");
    assert_int_equal(fk->on_delete, FK_CASCADE);
    assert_int_equal(fk->on_update, FK_NO_ACTION);
    assert_string_equal(fk->ref_schema, "public");
    assert_string_equal(fk->ref_table, "events");
    assert_int_equal(fk->nref, 1);
    assert_string_equal(fk->ref_cols[0], "id");
    assert_int_equal(fk->match_type, 's');
    assert_true(fk->validated);
    assert_int_equal(fk->origin.line, 4);
    Constraint *self = con(t, "tickets_parent_fkey");
    assert_true(self->deferrable);
    assert_true(self->deferred);
    assert_int_equal(self->on_delete, FK_NO_ACTION);
    Constraint *bc = con(t, "by_code");
    assert_int_equal(bc->match_type, 'f');
    assert_int_equal(bc->on_update, FK_SET_NULL);
    assert_int_equal(con(t, "again")->on_delete, FK_RESTRICT);

    const MigEvent *e = find_event(&f->m.up, EV_ADD_CONSTRAINT, "tickets_event_id_fkey");
    assert_non_null(e);
    assert_int_equal(e->con_kind, 'f');
    assert_true(e->explicit_on_delete);
    assert_string_equal(e->cols[0], "event_id");
    assert_false(find_event(&f->m.up, EV_ADD_CONSTRAINT, "tickets_parent_fkey")->explicit_on_delete);
    assert_false(find_event(&f->m.up, EV_ADD_CONSTRAINT, "by_code")->explicit_on_delete);
    assert_true(find_event(&f->m.up, EV_ADD_CONSTRAINT, "again")->explicit_on_delete);
    fx_free(f);
}

static void test_not_valid_then_validate(void **state)
{
    Fx *f = fx_new();
    apply(f, "CREATE TABLE p (id int PRIMARY KEY);\n"
             "CREATE TABLE c (id int PRIMARY KEY, p_id int, qty int);\n"
             "ALTER TABLE c ADD CONSTRAINT c_p_fk FOREIGN KEY (p_id) REFERENCES p (id) NOT VALID;\n"
             "ALTER TABLE c ADD CONSTRAINT qty_pos CHECK (qty > 0) NOT VALID;\n");
    assert_understood(f);
    Table *c = table(f, "c");
    assert_false(con(c, "c_p_fk")->validated);
    assert_false(con(c, "qty_pos")->validated);
    assert_string_equal(con(c, "qty_pos")->expr, "CHECK (qty > 0) NOT VALID");
    assert_int_equal(con(c, "c_p_fk")->origin.line, 3);
    apply(f, "ALTER TABLE c VALIDATE CONSTRAINT c_p_fk;\nALTER TABLE c VALIDATE CONSTRAINT qty_pos;");
    assert_understood(f);
    assert_true(con(c, "c_p_fk")->validated);
    assert_true(con(c, "qty_pos")->validated);
    assert_string_equal(con(c, "qty_pos")->expr, "CHECK (qty > 0)");
    fx_free(f);
}

/* ---- indexes ------------------------------------------------------------ */

static void test_indexes(void **state)
{
    Fx *f = fx_new();
    apply(f, "CREATE TABLE t (id int PRIMARY KEY, tenant_id int, email text, deleted_at timestamptz, doc jsonb);\n"
             "CREATE UNIQUE INDEX CONCURRENTLY t_email_live ON t (tenant_id, email) WHERE deleted_at IS NULL;\n"
             "CREATE INDEX IF NOT EXISTS t_email_live ON t (email);\n"
             "CREATE INDEX t_doc ON t USING gin (doc);\n"
             "CREATE INDEX t_cover ON t (tenant_id) INCLUDE (email);\n"
             "CREATE UNIQUE INDEX t_nnd ON t (email) NULLS NOT DISTINCT;\n"
             "CREATE INDEX t_desc ON t (tenant_id DESC);\n");
    assert_understood(f);
    Table *t = table(f, "t");
    const Index *x = index_named(t, "t_email_live");
    assert_true(x->unique);
    assert_true(x->valid);
    assert_false(x->backs_constraint);
    assert_string_equal(x->method, "btree");
    assert_int_equal(x->nkeys, 2);
    assert_int_equal(x->cols[0], 1);
    assert_int_equal(x->cols[1], 2);
    assert_string_equal(x->predicate, "deleted_at IS NULL");
    assert_int_equal(x->origin.line, 2);
    assert_null(x->opclasses);
    assert_string_equal(index_named(t, "t_doc")->method, "gin");
    assert_true(index_named(t, "t_cover")->has_include);
    assert_int_equal(index_named(t, "t_cover")->nkeys, 1);
    assert_true(index_named(t, "t_nnd")->nulls_not_distinct);
    assert_string_equal(index_named(t, "t_desc")->opclasses, "0/0/3");
    assert_int_equal(t->indexes.n, 6);
    const MigEvent *e = find_event(&f->m.up, EV_ADD_INDEX, "t_email_live");
    assert_non_null(e);
    assert_string_equal(e->cols[0], "tenant_id");
    assert_string_equal(e->cols[1], "email");
    assert_null(e->cols[2]);

    apply(f, "DROP INDEX CONCURRENTLY IF EXISTS t_doc;\nDROP INDEX IF EXISTS nothing_here;\n"
             "ALTER INDEX t_cover RENAME TO t_cover2;");
    assert_understood(f);
    assert_int_equal(t->indexes.n, 5);
    index_named(t, "t_cover2");
    assert_non_null(find_event(&f->m.up, EV_DROP_INDEX, "t_doc"));
    fx_free(f);
}

static void test_exclusion_and_using_index(void **state)
{
    Fx *f = fx_new();
    apply(f, "CREATE TABLE r (id int, room int, during tsrange, EXCLUDE USING gist (room WITH =, during WITH &&));\n"
             "CREATE UNIQUE INDEX CONCURRENTLY r_id_idx ON r (id);\n"
             "ALTER TABLE r ADD CONSTRAINT r_pkey PRIMARY KEY USING INDEX r_id_idx;\n");
    assert_understood(f);
    Table *r = table(f, "r");
    Constraint *x = con(r, "r_room_during_excl");
    assert_int_equal(x->kind, CON_EXCLUDE);
    assert_string_equal(x->expr, "EXCLUDE USING gist (room WITH =, during WITH &&)");
    assert_string_equal(x->index_name, "r_room_during_excl");
    const Index *xi = index_named(r, "r_room_during_excl");
    assert_string_equal(xi->method, "gist");
    assert_true(xi->backs_constraint);
    Constraint *pk = con(r, "r_pkey");
    assert_int_equal(pk->kind, CON_PRIMARY);
    assert_true(column(r, "id")->not_null);
    assert_true(index_named(r, "r_pkey")->primary);
    assert_int_equal(r->indexes.n, 2);
    fx_free(f);
}

/* ---- ALTER TABLE -------------------------------------------------------- */

static void test_alter_columns(void **state)
{
    Fx *f = fx_new();
    apply(f, "CREATE TABLE t (id int PRIMARY KEY, a int);\n"
             "ALTER TABLE t ADD COLUMN b varchar(20) NOT NULL DEFAULT '',\n"
             "  ADD COLUMN IF NOT EXISTS a int;\n"
             "ALTER TABLE ONLY t ALTER COLUMN a SET NOT NULL;\n"
             "ALTER TABLE IF EXISTS t ALTER COLUMN a TYPE bigint USING a::bigint;\n"
             "ALTER TABLE t ALTER COLUMN b DROP DEFAULT, ALTER COLUMN b DROP NOT NULL;\n"
             "ALTER TABLE t ALTER COLUMN a SET DEFAULT 7;\n"
             "ALTER TABLE t ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;\n"
             "ALTER TABLE t RENAME COLUMN b TO c;\n"
             "ALTER TABLE IF EXISTS missing ADD COLUMN x int;\n"
             "ALTER TABLE t SET (fillfactor = 70), ALTER COLUMN a SET STATISTICS 500;\n");
    assert_understood(f);
    Table *t = table(f, "t");
    const Column *a = column(t, "a");
    assert_true(a->not_null);
    assert_string_equal(a->type, "bigint");
    assert_string_equal(a->default_expr, "7");
    assert_int_equal(a->origin.line, 7);
    const Column *c = column(t, "c");
    assert_string_equal(c->type, "character varying(20)");
    assert_false(c->not_null);
    assert_null(c->default_expr);
    assert_int_equal(column(t, "id")->identity, 'a');
    assert_non_null(find_event(&f->m.up, EV_ADD_COLUMN, "b"));
    assert_non_null(find_event(&f->m.up, EV_ALTER_COLUMN, "a"));
    fx_free(f);
}

static void test_drop_column_and_table(void **state)
{
    Fx *f = fx_new();
    apply(f, "CREATE TABLE p (id int PRIMARY KEY, code text UNIQUE);\n"
             "CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p, code text REFERENCES p (code), n int CHECK (n > 0));\n"
             "CREATE INDEX c_p ON c (p_id);\n"
             "CREATE INDEX c_pn ON c (n, p_id);\n"
             "ALTER TABLE c DROP COLUMN p_id;\n");
    assert_understood(f);
    Table *c = table(f, "c");
    assert_int_equal(c->columns.n, 3);
    assert_null(edit_find_constraint(c, "c_p_id_fkey"));
    con(c, "c_code_fkey");
    con(c, "c_n_check");
    assert_int_equal(c->indexes.n, 1); /* c_pkey */
    /* constraint columns renumbered */
    assert_int_equal(con(c, "c_n_check")->cols[0], table_column_index(c, "n"));
    assert_non_null(find_event(&f->m.up, EV_DROP_COLUMN, "p_id"));

    apply(f, "ALTER TABLE p DROP COLUMN code CASCADE;\nALTER TABLE c DROP CONSTRAINT IF EXISTS nope;\n"
             "ALTER TABLE c DROP CONSTRAINT c_n_check;");
    assert_understood(f);
    assert_null(edit_find_constraint(c, "c_code_fkey"));
    assert_null(edit_find_constraint(c, "c_n_check"));
    const MigEvent *e = find_event(&f->m.up, EV_DROP_CONSTRAINT, "c_n_check");
    assert_non_null(e);
    assert_int_equal(e->con_kind, 'c');

    apply(f, "CREATE TABLE x (id int REFERENCES c);\nDROP TABLE IF EXISTS c, gone CASCADE;\nDROP TABLE p;");
    assert_understood(f);
    assert_null(schema_table(f->s, "public", "c"));
    assert_null(schema_table(f->s, "public", "p"));
    assert_int_equal(table(f, "x")->constraints.n, 0);
    assert_non_null(find_event(&f->m.up, EV_DROP_TABLE, NULL));
    fx_free(f);
}

static void test_rename_table_keeps_fks(void **state)
{
    Fx *f = fx_new();
    apply(f, "CREATE TABLE orgs (id int PRIMARY KEY);\n"
             "CREATE TABLE users (id int PRIMARY KEY, org_id int REFERENCES orgs);\n"
             "ALTER TABLE orgs RENAME TO organisations;\n"
             "ALTER TABLE organisations RENAME COLUMN id TO org_pk;\n"
             "ALTER TABLE users RENAME CONSTRAINT users_org_id_fkey TO users_org_fk;\n"
             "ALTER TABLE organisations RENAME CONSTRAINT orgs_pkey TO organisations_pkey;\n");
    assert_understood(f);
    assert_null(schema_table(f->s, "public", "orgs"));
    Table *o = table(f, "organisations");
    Table *u = table(f, "users");
    Constraint *fk = con(u, "users_org_fk");
    assert_string_equal(fk->ref_table, "organisations");
    assert_string_equal(fk->ref_cols[0], "org_pk");
    con(o, "organisations_pkey");
    index_named(o, "organisations_pkey");
    const MigEvent *e = find_event(&f->m.up, EV_RENAME_TABLE, "organisations");
    assert_non_null(e);
    assert_string_equal(e->table, "orgs");
    fx_free(f);
}

static void test_disable_trigger_all(void **state)
{
    Fx *f = fx_new();
    apply(f, "CREATE TABLE p (id int PRIMARY KEY);\n"
             "CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p, parent int REFERENCES c);\n"
             "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n"
             "CREATE TRIGGER c_touch BEFORE UPDATE ON c FOR EACH ROW EXECUTE FUNCTION touch();\n"
             "ALTER TABLE c DISABLE TRIGGER ALL;\n");
    assert_understood(f);
    Table *c = table(f, "c");
    assert_int_equal(con(c, "c_p_id_fkey")->disabled_triggers, 2);
    assert_int_equal(con(c, "c_p_id_fkey")->disabled_ref_triggers, 0);
    assert_int_equal(con(c, "c_parent_fkey")->disabled_triggers, 4);
    assert_int_equal(c->triggers.n, 1);
    assert_int_equal(c->triggers.v[0].enabled, 'D');
    assert_false(c->triggers.v[0].internal);
    apply(f, "ALTER TABLE p DISABLE TRIGGER ALL;");
    assert_int_equal(con(c, "c_p_id_fkey")->disabled_ref_triggers, 2);
    apply(f, "ALTER TABLE c ENABLE TRIGGER ALL; ALTER TABLE c DISABLE TRIGGER c_touch;");
    assert_understood(f);
    assert_int_equal(con(c, "c_p_id_fkey")->disabled_triggers, 0);
    assert_int_equal(con(c, "c_p_id_fkey")->disabled_ref_triggers, 2);
    assert_int_equal(c->triggers.v[0].enabled, 'D');
    apply(f, "DROP TRIGGER c_touch ON c;");
    assert_int_equal(c->triggers.n, 0);
    assert_understood(f);
    fx_free(f);
}

/* ---- types, policies ---------------------------------------------------- */

static void test_enum_and_domain(void **state)
{
    Fx *f = fx_new();
    apply(f, "CREATE TYPE ticket_status AS ENUM ('new', 'paid');\n"
             "ALTER TYPE ticket_status ADD VALUE 'refunded';\n"
             "ALTER TYPE ticket_status ADD VALUE IF NOT EXISTS 'held' BEFORE 'paid';\n"
             "ALTER TYPE ticket_status ADD VALUE IF NOT EXISTS 'new';\n"
             "CREATE DOMAIN money_cents AS bigint CHECK (VALUE >= 0);\n"
             "CREATE DOMAIN label AS text;\n"
             "CREATE TABLE t (s ticket_status NOT NULL, ss public.ticket_status[], m money_cents, l label);\n"
             "ALTER DOMAIN label ADD CONSTRAINT label_len CHECK (length(VALUE) < 10);\n");
    assert_understood(f);
    const TypeDef *td = schema_type(f->s, "public", "ticket_status");
    assert_non_null(td);
    assert_int_equal(td->kind, TYPE_ENUM);
    assert_string_equal(td->labels[0], "new");
    assert_string_equal(td->labels[1], "held");
    assert_string_equal(td->labels[2], "paid");
    assert_string_equal(td->labels[3], "refunded");
    assert_null(td->labels[4]);
    const TypeDef *dm = schema_type(f->s, "public", "money_cents");
    assert_int_equal(dm->kind, TYPE_DOMAIN);
    assert_true(dm->has_check);
    Table *t = table(f, "t");
    assert_string_equal(column(t, "s")->type, "ticket_status");
    assert_int_equal(column(t, "s")->type_kind, TYPE_ENUM);
    assert_string_equal(column(t, "ss")->type, "ticket_status[]");
    assert_true(column(t, "ss")->is_array);
    assert_int_equal(column(t, "ss")->type_kind, TYPE_ENUM);
    assert_int_equal(column(t, "m")->type_kind, TYPE_DOMAIN);
    assert_true(column(t, "m")->domain_checked);
    assert_true(column(t, "l")->domain_checked); /* the check came later */
    const MigEvent *e = find_event(&f->m.up, EV_CREATE_TYPE, "ticket_status");
    assert_non_null(e);
    assert_string_equal(e->schema, "public");
    apply(f, "DROP TABLE t; DROP TYPE ticket_status; DROP TYPE IF EXISTS nothing;");
    assert_null(schema_type(f->s, "public", "ticket_status"));
    assert_non_null(schema_type(f->s, "public", "money_cents"));
    assert_non_null(find_event(&f->m.up, EV_DROP_TYPE, "ticket_status"));
    fx_free(f);
}

static void test_policies_and_rls(void **state)
{
    Fx *f = fx_new();
    apply(f, "CREATE TABLE t (id int PRIMARY KEY, tenant_id uuid NOT NULL);\n"
             "ALTER TABLE t ENABLE ROW LEVEL SECURITY;\n"
             "ALTER TABLE t FORCE ROW LEVEL SECURITY;\n"
             "CREATE POLICY iso ON t USING (tenant_id = current_setting('app.tenant_id')::uuid);\n"
             "CREATE POLICY ins ON t AS RESTRICTIVE FOR INSERT TO worker, admin "
             "WITH CHECK (tenant_id = current_setting('app.tenant_id')::uuid);\n"
             "CREATE POLICY sel ON t FOR SELECT TO PUBLIC USING (true);\n");
    assert_understood(f);
    Table *t = table(f, "t");
    assert_true(t->rls_enabled);
    assert_true(t->rls_forced);
    assert_int_equal(t->policies.n, 3);
    const Policy *p = &t->policies.v[0];
    assert_string_equal(p->name, "iso");
    assert_int_equal(p->cmd, POL_ALL);
    assert_true(p->permissive);
    assert_string_equal(p->roles, "public");
    assert_string_equal(p->using_expr, "tenant_id = current_setting('app.tenant_id')::uuid");
    assert_null(p->check_expr);
    assert_int_equal(p->origin.line, 4);
    const Policy *q = &t->policies.v[1];
    assert_int_equal(q->cmd, POL_INSERT);
    assert_false(q->permissive);
    assert_string_equal(q->roles, "admin, worker");
    assert_null(q->using_expr);
    assert_non_null(q->check_expr);
    assert_int_equal(t->policies.v[2].cmd, POL_SELECT);
    assert_string_equal(t->policies.v[2].roles, "public");
    const MigEvent *e = find_event(&f->m.up, EV_RLS, NULL);
    assert_non_null(e);
    assert_string_equal(e->detail, "ENABLE ROW LEVEL SECURITY");
    assert_non_null(find_event(&f->m.up, EV_CREATE_POLICY, "iso"));

    apply(f, "ALTER POLICY iso ON t TO app USING (tenant_id IS NOT NULL);\n"
             "DROP POLICY sel ON t;\nDROP POLICY IF EXISTS none ON t;\n"
             "ALTER TABLE t NO FORCE ROW LEVEL SECURITY;\nALTER TABLE t DISABLE ROW LEVEL SECURITY;");
    assert_understood(f);
    assert_int_equal(t->policies.n, 2);
    assert_string_equal(t->policies.v[0].roles, "app");
    assert_string_equal(t->policies.v[0].using_expr, "tenant_id IS NOT NULL");
    assert_false(t->rls_enabled);
    assert_false(t->rls_forced);
    assert_non_null(find_event(&f->m.up, EV_DROP_POLICY, "sel"));
    fx_free(f);
}

static void test_partitioned_table(void **state)
{
    Fx *f = fx_new();
    apply(f, "CREATE TABLE m (id int, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);\n");
    assert_understood(f);
    Table *m = table(f, "m");
    assert_int_equal(m->kind, 'p');
    assert_int_equal(m->npartkey, 1);
    assert_int_equal(m->partkey[0], 1);
    apply(f, "CREATE INDEX m_at_idx ON m (at);\n"
             "CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');");
    assert_understood(f);
    /* The partition: the parent's columns, its own copy of the key and of
     * the index, named as PostgreSQL names them, marked inherited. */
    Table *p = table(f, "m_2024");
    assert_true(p->is_partition);
    assert_string_equal(p->parent, "public.m");
    assert_int_equal(p->columns.n, 2);
    assert_string_equal(p->columns.v[1].name, "at");
    assert_int_equal(p->constraints.n, 1);
    assert_int_equal(p->constraints.v[0].kind, CON_PRIMARY);
    assert_string_equal(p->constraints.v[0].name, "m_2024_pkey");
    assert_true(p->constraints.v[0].inherited);
    assert_int_equal(p->indexes.n, 2);
    bool idx = false;
    for (int i = 0; i < p->indexes.n; i++)
        if (strcmp(p->indexes.v[i].name, "m_2024_at_idx") == 0)
            idx = p->indexes.v[i].inherited;
    assert_true(idx);
    apply(f, "CREATE TABLE orphan_part PARTITION OF nowhere FOR VALUES IN (1);");
    assert_int_equal(a003(f), 1);
    fx_free(f);
}

/* ---- data statements ---------------------------------------------------- */

static void test_backfills(void **state)
{
    Fx *f = fx_new();
    apply(f, "CREATE TABLE old (uid int PRIMARY KEY, status text, n int);");
    f->m.up.n = 0; /* an earlier migration created it */
    static const struct {
        const char *sql;
        bool bounded;
    } cases[] = {
        {"UPDATE old SET n = 0", false},
        {"UPDATE old SET n = 0 WHERE status = 'x'", false},
        {"UPDATE old SET n = 0 WHERE n IS NULL", false},
        {"UPDATE old SET n = 0 WHERE uid < 1000", true},
        {"UPDATE old SET n = 0 WHERE uid BETWEEN $1 AND $2 AND n IS NULL", true},
        {"UPDATE old SET n = 0 WHERE id IN (1, 2, 3)", true},
        {"UPDATE old SET n = 0 WHERE uid IN (SELECT uid FROM old WHERE n IS NULL LIMIT 1000)", true},
        {"UPDATE old SET n = 0 WHERE uid IN (SELECT uid FROM old WHERE n IS NULL)", false},
        {"UPDATE old SET n = 0 WHERE uid < 10 OR status = 'x'", false},
        {"DELETE FROM old WHERE uid = 5", true},
        {"DELETE FROM old WHERE status = 'gone'", false},
        {"UPDATE old SET n = 0 WHERE 1000 > uid", true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int before = f->m.up.n;
        apply(f, cases[i].sql);
        assert_int_equal(f->m.up.n, before + 1);
        const MigEvent *e = &f->m.up.v[before];
        assert_int_equal(e->kind, EV_BACKFILL);
        if (e->bounded != cases[i].bounded)
            print_error("%s: bounded %d\n", cases[i].sql, e->bounded);
        assert_int_equal(e->bounded, cases[i].bounded);
        assert_true(e->existing_table);
        assert_string_equal(e->table, "old");
        assert_int_equal(strncmp(e->detail, cases[i].sql, 80), 0); /* shortened past 80 bytes */
    }
    apply(f, "CREATE TABLE fresh (id int);\nUPDATE fresh SET id = 1;\nUPDATE nowhere SET a = 1;");
    assert_false(f->m.up.v[f->m.up.n - 2].existing_table);
    assert_false(f->m.up.v[f->m.up.n - 1].existing_table);
    assert_understood(f);
    fx_free(f);
}

/* ---- what is not understood --------------------------------------------- */

static void test_other_statements(void **state)
{
    Fx *f = fx_new();
    apply(f, "BEGIN;\nCREATE SCHEMA IF NOT EXISTS app;\nCREATE EXTENSION IF NOT EXISTS pgcrypto;\n"
             "SET lock_timeout = '5s';\nCREATE ROLE app_user;\nGRANT SELECT ON ALL TABLES IN SCHEMA public TO app_user;\n"
             "COMMENT ON SCHEMA app IS 'x';\nCREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS 'select 1';\n"
             "DO $$ BEGIN RAISE NOTICE 'hi'; END $$;\nSELECT 1;\nCREATE SEQUENCE s;\nANALYZE;\nVACUUM;\n"
             "CREATE VIEW v AS SELECT 1 AS one;\nCOMMIT;\n");
    assert_understood(f);
    assert_int_equal(f->m.up.n, 15);
    for (int i = 0; i < f->m.up.n; i++)
        assert_int_equal(f->m.up.v[i].kind, EV_OTHER);
    fx_free(f);
}

static void test_not_modelled(void **state)
{
    Fx *f = fx_new();
    apply(f, "CREATE TABLE t (id int);\n"
             "ALTER TABLE t SET TABLESPACE fast;\n"
             "ALTER TABLE t SET SCHEMA other;\n"
             "CREATE TABLE t2 AS SELECT 1 AS x;\n"
             "ALTER TABLE nowhere ADD COLUMN x int;\n"
             "ALTER TABLE t ADD COLUMN y int;\n");
    assert_int_equal(a003(f), 4);
    assert_false(f->m.understood);
    assert_string_equal(f->r.findings.v[0].message, "ALTER TABLE ... SET TABLESPACE is not modelled");
    assert_int_equal(f->r.findings.v[0].line, 2);
    assert_int_equal(f->r.findings.v[0].col, 1);
    assert_string_equal(f->r.findings.v[0].file, "m.sql");
    assert_string_equal(f->r.findings.v[0].group, "m.sql");
    assert_string_equal(f->r.findings.v[0].database, "t");
    assert_non_null(f->r.findings.v[0].key);
    assert_int_equal(f->r.findings.v[1].line, 3);
    assert_int_equal(f->r.findings.v[3].line, 5);
    assert_non_null(table_column(table(f, "t"), "y")); /* the next statement still counts */
    fx_free(f);
}

static void test_parse_error_in_the_middle(void **state)
{
    Fx *f = fx_new();
    apply(f, "CREATE TABLE a (id int PRIMARY KEY);\n"
             "\n"
             "CREATE TABLE b (id int PRIMARY KEY,, x int);\n"
             "CREATE TABLE c (id int PRIMARY KEY);\n");
    assert_int_equal(a003(f), 1);
    assert_false(f->m.understood);
    const Finding *e = &f->r.findings.v[0];
    assert_int_equal(e->line, 3);
    assert_int_equal(e->col, 36);
    assert_non_null(strstr(e->message, "syntax error"));
    assert_non_null(schema_table(f->s, "public", "a"));
    assert_null(schema_table(f->s, "public", "b"));
    assert_non_null(schema_table(f->s, "public", "c"));

    /* PostgreSQL 16 syntax, alone */
    Fx *g = fx_new();
    apply(g, "SELECT JSON_OBJECT('a' : 1);");
    assert_int_equal(a003(g), 1);
    fx_free(g);
    fx_free(f);
}

static void test_invalid_utf8(void **state)
{
    Fx *f = fx_new();
    apply(f, "CREATE TABLE a (id int);\nCOMMENT ON TABLE a IS 'caf\xe9';\n");
    assert_int_equal(a003(f), 1);
    assert_int_equal(f->r.findings.v[0].line, 2);
    assert_non_null(strstr(f->r.findings.v[0].message, "UTF-8"));
    assert_null(schema_table(f->s, "public", "a"));
    apply(f, "CREATE TABLE \xc3\xa9t\xc3\xa9 (id int);"); /* valid UTF-8 is fine */
    assert_int_equal(a003(f), 1);
    table(f, "\xc3\xa9t\xc3\xa9");
    fx_free(f);
}

static void test_down_mode(void **state)
{
    Fx *f = fx_new();
    apply(f, "CREATE TABLE t (id int PRIMARY KEY, a int);");
    int tables = f->s->tables.n, cols = table(f, "t")->columns.n;
    apply_down(f, "DROP TABLE t;\nCREATE TABLE t2 (id int REFERENCES t ON DELETE CASCADE);\n"
                  "ALTER TABLE t DROP COLUMN a, ADD CONSTRAINT x UNIQUE (a);\nCREATE INDEX ON t (a);\n"
                  "UPDATE t SET a = 1;");
    assert_understood(f);
    assert_int_equal(f->s->tables.n, tables);
    assert_int_equal(table(f, "t")->columns.n, cols);
    assert_int_equal(table(f, "t")->constraints.n, 1);
    assert_int_equal(table(f, "t")->indexes.n, 1);
    assert_null(schema_table(f->s, "public", "t2"));
    assert_int_equal(f->m.up.n, 2); /* create table, primary key */
    assert_non_null(find_event(&f->m.down, EV_DROP_TABLE, NULL));
    assert_non_null(find_event(&f->m.down, EV_CREATE_TABLE, NULL));
    const MigEvent *fk = find_event(&f->m.down, EV_ADD_CONSTRAINT, NULL);
    assert_non_null(fk);
    assert_int_equal(fk->con_kind, 'f');
    assert_true(fk->explicit_on_delete);
    assert_string_equal(fk->cols[0], "id");
    assert_string_equal(fk->table, "t2");
    assert_non_null(find_event(&f->m.down, EV_DROP_COLUMN, "a"));
    assert_non_null(find_event(&f->m.down, EV_ADD_INDEX, NULL));
    assert_non_null(find_event(&f->m.down, EV_BACKFILL, NULL));
    fx_free(f);
}

static void test_long_names(void **state)
{
    Fx *f = fx_new();
    apply(f, "CREATE TABLE a_very_long_table_name_that_goes_on_and_on_past_the_limit_of_names (\n"
             "  a_very_long_column_name_that_also_goes_on_and_on int UNIQUE);");
    assert_understood(f);
    assert_int_equal(f->s->tables.n, 1);
    Table *t = f->s->tables.v[0];
    assert_int_equal(strlen(t->name), 63);
    assert_int_equal(t->constraints.n, 1);
    assert_true(strlen(t->constraints.v[0].name) <= 63);
    assert_string_equal(t->constraints.v[0].name + strlen(t->constraints.v[0].name) - 4, "_key");
    fx_free(f);
}

static void test_odd_texts(void **state)
{
    static const char *const texts[] = {
        "", "-- nothing\n", ";;;", "/* open comment", "select 'unterminated", "do $$ begin", "CREATE TABLE",
        "ALTER TABLE t ADD COLUMN", "\xef\xbb\xbf" "CREATE TABLE bom (id int);", "CREATE TABLE t (id int); garbage here",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        Fx *f = fx_new();
        apply(f, texts[i]);
        apply_down(f, texts[i]);
        fx_free(f);
    }
    Fx *f = fx_new();
    apply(f, "select 'unterminated");
    assert_int_equal(a003(f), 1);
    fx_free(f);
    f = fx_new(); /* a byte order mark is not a statement */
    apply(f, "\xef\xbb\xbf" "CREATE TABLE bom (id int);\nCREATE TABLE x (id int,,);");
    assert_int_equal(a003(f), 1);
    assert_int_equal(f->r.findings.v[0].line, 2);
    table(f, "bom");
    fx_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_placeholders),
        cmocka_unit_test(test_format_type),
        cmocka_unit_test(test_column_spec),
        cmocka_unit_test(test_create_table_columns),
        cmocka_unit_test(test_default_names),
        cmocka_unit_test(test_duplicate_unique_in_create),
        cmocka_unit_test(test_foreign_keys),
        cmocka_unit_test(test_not_valid_then_validate),
        cmocka_unit_test(test_indexes),
        cmocka_unit_test(test_exclusion_and_using_index),
        cmocka_unit_test(test_alter_columns),
        cmocka_unit_test(test_drop_column_and_table),
        cmocka_unit_test(test_rename_table_keeps_fks),
        cmocka_unit_test(test_disable_trigger_all),
        cmocka_unit_test(test_enum_and_domain),
        cmocka_unit_test(test_policies_and_rls),
        cmocka_unit_test(test_partitioned_table),
        cmocka_unit_test(test_backfills),
        cmocka_unit_test(test_other_statements),
        cmocka_unit_test(test_not_modelled),
        cmocka_unit_test(test_parse_error_in_the_middle),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_down_mode),
        cmocka_unit_test(test_long_names),
        cmocka_unit_test(test_odd_texts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
