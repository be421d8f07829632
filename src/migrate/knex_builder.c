/* knex_builder.c - Knex's builders, as the migration reader sees them.
 *
 * Method calls on knex, knex.schema, table and column builders and query
 * builders (see knex.c for the interpreter around them).  Types and names
 * follow Knex's PostgreSQL dialect (Knex 2.x/3.x):
 *   increments()        serial PRIMARY KEY (integer, nextval default)
 *   string(n = 255)     character varying(n)
 *   decimal(p = 8, s = 2) numeric(p,s)
 *   timestamp/datetime  timestamp with time zone ({useTz: false}: without)
 *   enu(values)         text with CHECK (col IN (...)); {useNative: true}:
 *                       a CREATE TYPE ... AS ENUM named enumName
 *   float / double      real / double precision
 * Index and constraint names: "<table>_<cols joined by _>_<unique|index|
 * foreign>", lower-cased with '.' and '-' of the table name turned into
 * '_'; primary keys "<table>_pkey".  Inline column checks (checkPositive,
 * non-native enu) are unnamed, so PostgreSQL names them "<table>_<col>_check".
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/strbuf.h"
#include "migrate/knex_internal.h"
#include "schema/edit.h"
#include "sql/ddl.h"
#include "sql/sql.h"
#include "sql/sqlcheck.h"

/* ------------------------------------------------------------------ */
/* Names and values                                                     */

static const char *knex_name(Interp *in, const char *table, const char *const *cols, int n, const char *type)
{
    StrBuf b = STRBUF_INIT;
    for (const char *p = table; *p; p++)
        sb_putc(&b, *p == '.' || *p == '-' ? '_' : *p);
    for (int i = 0; i < n; i++) {
        sb_putc(&b, '_');
        sb_puts(&b, cols[i]);
    }
    sb_putc(&b, '_');
    sb_puts(&b, type);
    for (size_t i = 0; i < b.len; i++)
        b.s[i] = (char)tolower((unsigned char)b.s[i]);
    char *r = arena_strdup(in->a, sb_str(&b));
    sb_fini(&b);
    return r;
}

/* "schema.table" split; no dot: the default schema. */
static void split_qname(Interp *in, const char *q, const char *dflt, const char **schema, const char **name)
{
    const char *dot = strchr(q, '.');
    if (dot) {
        *schema = arena_strndup(in->a, q, (size_t)(dot - q));
        *name = dot + 1;
    } else {
        *schema = dflt;
        *name = q;
    }
}

static FkAction parse_action(const char *s, bool *ok)
{
    char buf[32];
    size_t n = 0;
    for (; *s && n + 1 < sizeof buf; s++)
        if (*s != ' ' && *s != '_')
            buf[n++] = (char)tolower((unsigned char)*s);
    buf[n] = 0;
    *ok = true;
    if (strcmp(buf, "cascade") == 0)
        return FK_CASCADE;
    if (strcmp(buf, "restrict") == 0)
        return FK_RESTRICT;
    if (strcmp(buf, "setnull") == 0)
        return FK_SET_NULL;
    if (strcmp(buf, "setdefault") == 0)
        return FK_SET_DEFAULT;
    if (strcmp(buf, "noaction") == 0)
        return FK_NO_ACTION;
    *ok = false;
    return FK_NO_ACTION;
}

/* A value as SQL: a default or a check bound. */
static const char *sql_value(Interp *in, Val *v)
{
    switch (v->k) {
    case VK_STRING: return sql_literal(in->a, v->s);
    case VK_NUMBER: return kx_val_text(in, v);
    case VK_BOOL: return v->b ? "true" : "false";
    case VK_NULL: return "NULL";
    case VK_RAW:
        kx_consume(v);
        return v->s;
    default: return NULL;
    }
}

/* Knex binding substitution, as Knex does it for raw SQL and checks:
 * \? stays a literal '?', ?? takes an identifier, ? a value. */
static const char *substitute(Interp *in, const char *sql, Val *bindings, bool *ok)
{
    *ok = true;
    if (!bindings || bindings->k == VK_UNDEFINED)
        return sql;
    if (bindings->k != VK_ARRAY) {
        *ok = false;
        return sql;
    }
    StrBuf b = STRBUF_INIT;
    int next = 0;
    for (const char *p = sql; *p; p++) {
        if (p[0] == '\\' && p[1] == '?') {
            sb_putc(&b, '?');
            p++;
            continue;
        }
        if (*p != '?') {
            sb_putc(&b, *p);
            continue;
        }
        bool ident = p[1] == '?';
        if (ident)
            p++;
        Val *v = next < bindings->nitems ? bindings->items[next++] : NULL;
        const char *t = NULL;
        if (v && ident && v->k == VK_STRING) {
            const char *sch, *nm;
            split_qname(in, v->s, NULL, &sch, &nm);
            t = sch ? sql_qname(in->a, sch, nm) : sql_ident(in->a, nm);
        } else if (v && !ident) {
            t = sql_value(in, v);
        }
        if (!t) {
            *ok = false;
            t = ident ? "\"knex_binding\"" : "NULL";
        }
        sb_puts(&b, t);
    }
    char *r = arena_strdup(in->a, sb_str(&b));
    sb_fini(&b);
    return r;
}

/* ------------------------------------------------------------------ */
/* Raw SQL                                                              */

typedef struct RawPos {
    const TsDoc *doc;
    size_t base; /* byte offset of the SQL text's first character */
    size_t limit;
} RawPos;

static Origin raw_pos(void *arg, size_t offset)
{
    RawPos *p = arg;
    Origin o = {p->doc->path, 1, 1};
    if (offset > p->limit)
        offset = p->limit;
    ts_offset_position(p->doc, p->base + offset, &o.line, &o.col);
    return o;
}

static void run_sql(Interp *in, const char *sql, TSNode literal, TSNode at)
{
    RawPos pos = {in->doc, ts_node_start_byte(at), 0};
    if (!ts_node_is_null(literal)) {
        pos.base = ts_node_start_byte(literal) + 1;
        pos.limit = ts_node_end_byte(literal) - pos.base;
    }
    int first = in->k->down ? in->k->mig->down.n : in->k->mig->up.n;
    sql_ddl_apply(in->k, sql, raw_pos, &pos);
    MigEventVec *v = in->k->down ? &in->k->mig->down : &in->k->mig->up;
    for (int i = first; i < v->n; i++) {
        v->v[i].from_sql = true;
        if (v->v[i].kind == EV_BACKFILL && in->loops > 0)
            v->v[i].bounded = true; /* a batching loop */
    }
    in->schema_ops++;
}

/* A knex.raw(sql, bindings) value run as a statement. */
static void run_raw(Interp *in, Val *raw)
{
    if (!raw->s) {
        kx_not_understood(in, raw->node, "SQL built at run time (%s) cannot be read statically",
                          kx_excerpt(in, raw->node));
        return;
    }
    TSNode args = ts_field(raw->node, "arguments");
    TSNode lit = ts_unwrap(ts_child(args, 0));
    if (!ts_is(lit, "string") && !ts_is(lit, "template_string"))
        lit = (TSNode){0};
    else if (ts_is(lit, "template_string") && ts_nchildren(lit) > 0) {
        for (unsigned i = 0; i < ts_nchildren(lit); i++)
            if (ts_is(ts_child(lit, i), "template_substitution"))
                lit = (TSNode){0};
    }
    run_sql(in, raw->s, lit, raw->node);
}

static Val *make_raw(Interp *in, Val **args, int nargs, TSNode call)
{
    Val *r = kx_val_new(in, VK_RAW);
    r->node = call;
    r->doc = in->doc;
    Val *a0 = kx_arg(args, nargs, 0);
    const char *sql = kx_val_string(a0);
    /* Run-time values where SQL takes values keep the statement's shape:
     * read it with parameters in their place.  In identifier positions
     * the text does not parse, and the statement is reported. */
    if (!sql && a0->dynamic_sql && sql_parses(a0->dynamic_sql))
        sql = a0->dynamic_sql;
    if (sql && nargs > 1) {
        bool ok;
        const char *s = substitute(in, sql, args[1], &ok);
        sql = ok ? s : sql_rewrite_placeholders(in->a, sql);
    }
    r->s = sql;
    vec_push(in->a, &in->pending, r);
    return r;
}

/* ------------------------------------------------------------------ */
/* Query builders                                                       */

Val *kx_new_query(Interp *in, const char *table, TSNode call)
{
    Val *q = kx_val_new(in, VK_QUERY);
    q->q = arena_alloc(in->a, sizeof *q->q);
    q->q->table = table;
    q->q->origin = kx_origin_of(in, call);
    q->q->node = call;
    q->doc = in->doc;
    vec_push(in->a, &in->pending, q);
    return q;
}

static bool key_column(const char *c)
{
    const char *dot = strrchr(c, '.');
    if (dot)
        c = dot + 1;
    return strcmp(c, "id") == 0;
}

static void where_text(Interp *in, QueryB *q, const char *cond)
{
    if (!cond)
        return;
    q->where = q->where ? arena_printf(in->a, "%s AND %s", q->where, cond) : cond;
}

static const char *col_sql(Interp *in, const char *c)
{
    const char *sch, *nm;
    split_qname(in, c, NULL, &sch, &nm);
    return sch ? arena_printf(in->a, "%s.%s", sql_ident(in->a, sch), sql_ident(in->a, nm)) : sql_ident(in->a, nm);
}

static Val *query_method(Interp *in, Val *recv, const char *m, Val **args, int nargs, TSNode call)
{
    QueryB *q = recv->q;
    if (recv->doc == in->doc && ts_node_end_byte(call) > ts_node_end_byte(q->node))
        q->node = call; /* messages quote the whole chain so far */
    const char *col = kx_val_string(kx_arg(args, nargs, 0));
    if (strcmp(m, "update") == 0 || strcmp(m, "increment") == 0 || strcmp(m, "decrement") == 0) {
        q->op = 'u';
        for (int i = 0; i < nargs; i++)
            kx_consume(args[i]);
    } else if (strcmp(m, "del") == 0 || strcmp(m, "delete") == 0) {
        q->op = 'd';
    } else if (strcmp(m, "insert") == 0 || strcmp(m, "upsert") == 0) {
        q->op = 'i';
    } else if (strcmp(m, "limit") == 0 || strcmp(m, "first") == 0) {
        q->bounded = true;
    } else if (strcmp(m, "table") == 0 || strcmp(m, "from") == 0 || strcmp(m, "into") == 0) {
        if (col)
            q->table = col;
    } else if (strcmp(m, "withSchema") == 0) {
        q->schema = col;
    } else if (strcmp(m, "whereNull") == 0 || strcmp(m, "whereNotNull") == 0 || strcmp(m, "andWhereNull") == 0 ||
               strcmp(m, "andWhereNotNull") == 0) {
        if (col)
            where_text(in, q, arena_printf(in->a, "%s IS %sNULL", col_sql(in, col), strstr(m, "Not") ? "NOT " : ""));
    } else if (strcmp(m, "whereIn") == 0 || strcmp(m, "whereBetween") == 0) {
        if (col && key_column(col))
            q->bounded = true;
        Val *a1 = kx_arg(args, nargs, 1);
        if (a1->k == VK_QUERY && a1->q->bounded)
            q->bounded = true;
        if (a1->k == VK_FUNCTION || a1->k == VK_QUERY)
            q->bounded = q->bounded || (a1->k == VK_QUERY && a1->q->bounded);
    } else if (strcmp(m, "where") == 0 || strcmp(m, "andWhere") == 0 || strcmp(m, "whereNot") == 0) {
        Val *a0 = kx_arg(args, nargs, 0);
        if (col && key_column(col))
            q->bounded = true;
        if (col && nargs == 2 && !strstr(m, "Not")) {
            const char *v = sql_value(in, args[1]);
            where_text(in, q, v ? arena_printf(in->a, "%s = %s", col_sql(in, col), v) : NULL);
        } else if (col && nargs == 3) {
            const char *op = kx_val_string(args[1]);
            const char *v = sql_value(in, args[2]);
            if (op && v)
                where_text(in, q, arena_printf(in->a, "%s %s %s", col_sql(in, col), op, v));
        } else if (a0->k == VK_OBJECT) {
            if (kx_object_get(in, a0, "id"))
                q->bounded = true;
        }
    } else if (strcmp(m, "whereRaw") == 0) {
        where_text(in, q, col);
    } else if (strcmp(m, "then") == 0 || strcmp(m, "catch") == 0 || strcmp(m, "finally") == 0) {
        kx_flush_pending(in);
        Val *fn = kx_arg(args, nargs, 0);
        if (fn->k == VK_FUNCTION)
            return kx_call_function(in, fn, NULL, 0, call);
    }
    return recv;
}

/* ------------------------------------------------------------------ */
/* Table and column builders                                           */

static ColB *new_col(Interp *in, TableB *tb, const char *name, const char *type, TSNode call)
{
    ColB *c = arena_alloc(in->a, sizeof *c);
    in->builder_calls++;
    c->name = name;
    c->type = type;
    c->origin = kx_origin_of(in, call);
    vec_push(in->a, &tb->cols, c);
    return c;
}

static Val *col_val(Interp *in, TableB *tb, ColB *c)
{
    Val *v = kx_val_new(in, VK_COLUMN);
    v->tb = tb;
    v->col = c;
    return v;
}

static TableOp *new_op(Interp *in, TableB *tb, TopKind kind, const char **cols, int n, TSNode at)
{
    TableOp *op = arena_alloc(in->a, sizeof *op);
    in->builder_calls++;
    op->kind = kind;
    op->cols = cols;
    op->ncols = n;
    op->origin = kx_origin_of(in, at);
    op->on_delete = op->on_update = FK_NO_ACTION;
    vec_push(in->a, &tb->ops, op);
    return op;
}

static void add_check(Interp *in, ColB *c, const char *expr)
{
    const char **v = arena_alloc(in->a, sizeof *v * (size_t)(c->nchecks + 1));
    if (c->nchecks)
        memcpy(v, c->checks, sizeof *v * (size_t)c->nchecks);
    v[c->nchecks++] = expr;
    c->checks = v;
}

/* "'a', 'b'" for IN lists. */
static const char *in_list(Interp *in, Val *arr)
{
    if (!arr || arr->k != VK_ARRAY)
        return NULL;
    StrBuf b = STRBUF_INIT;
    for (int i = 0; i < arr->nitems; i++) {
        const char *v = sql_value(in, arr->items[i]);
        if (!v) {
            sb_fini(&b);
            return NULL;
        }
        if (i)
            sb_puts(&b, ", ");
        sb_puts(&b, v);
    }
    char *r = arena_strdup(in->a, sb_str(&b));
    sb_fini(&b);
    return r;
}

/* The property node of a call's member expression, for positions. */
static TSNode prop_node(TSNode call)
{
    TSNode f = ts_field(call, "function");
    TSNode p = ts_field(f, "property");
    return ts_node_is_null(p) ? call : p;
}

static const char *opt_name(Interp *in, Val *opt, const char *key)
{
    if (!opt)
        return NULL;
    if (opt->k == VK_STRING)
        return opt->s;
    Val *v = kx_object_get(in, opt, key);
    return v ? kx_val_string(v) : NULL;
}

static const char *predicate_of(Interp *in, Val *opt)
{
    Val *p = opt && opt->k == VK_OBJECT ? kx_object_get(in, opt, "predicate") : NULL;
    if (!p)
        return NULL;
    if (p->k == VK_QUERY)
        return p->q->where;
    if (p->k == VK_RAW) {
        kx_consume(p);
        return p->s;
    }
    return NULL;
}

/* Column types; NULL type when the method is not one. */
static Val *column_type(Interp *in, TableB *tb, const char *m, Val **args, int nargs, TSNode call, bool *handled)
{
    *handled = true;
    const char *name = kx_val_string(kx_arg(args, nargs, 0));
    const char *type = NULL;
    bool serial = false;
    Val *opt1 = kx_arg(args, nargs, 1);
    if (strcmp(m, "increments") == 0 || strcmp(m, "bigIncrements") == 0 || strcmp(m, "bigincrements") == 0) {
        if (!name && nargs == 0)
            name = "id";
        type = m[0] == 'b' ? "bigint" : "integer";
        serial = true;
    } else if (strcmp(m, "integer") == 0 || strcmp(m, "int") == 0 || strcmp(m, "mediumint") == 0) {
        type = "integer";
    } else if (strcmp(m, "bigInteger") == 0 || strcmp(m, "biginteger") == 0 || strcmp(m, "bigint") == 0) {
        type = "bigint";
    } else if (strcmp(m, "tinyint") == 0 || strcmp(m, "smallint") == 0) {
        type = "smallint";
    } else if (strcmp(m, "string") == 0 || strcmp(m, "varchar") == 0) {
        double len = 255;
        if (opt1->k == VK_NUMBER)
            len = opt1->n;
        type = arena_printf(in->a, "character varying(%d)", (int)len);
    } else if (strcmp(m, "text") == 0 || strcmp(m, "mediumtext") == 0 || strcmp(m, "longtext") == 0) {
        type = "text";
    } else if (strcmp(m, "float") == 0 || strcmp(m, "real") == 0) {
        type = "real";
    } else if (strcmp(m, "double") == 0) {
        type = "double precision";
    } else if (strcmp(m, "decimal") == 0 || strcmp(m, "numeric") == 0) {
        Val *p = opt1, *sc = kx_arg(args, nargs, 2);
        if (p->k == VK_NULL)
            type = "numeric";
        else
            type = arena_printf(in->a, "numeric(%d,%d)", p->k == VK_NUMBER ? (int)p->n : 8,
                                sc->k == VK_NUMBER ? (int)sc->n : 2);
    } else if (strcmp(m, "boolean") == 0 || strcmp(m, "bool") == 0) {
        type = "boolean";
    } else if (strcmp(m, "date") == 0) {
        type = "date";
    } else if (strcmp(m, "time") == 0) {
        type = "time without time zone";
    } else if (strcmp(m, "timestamp") == 0 || strcmp(m, "datetime") == 0 || strcmp(m, "dateTime") == 0 ||
               strcmp(m, "timestamptz") == 0) {
        bool tz = true;
        int precision = -1;
        if (opt1->k == VK_BOOL)
            tz = !opt1->b; /* old signature: (name, withoutTz) */
        if (opt1->k == VK_OBJECT) {
            Val *u = kx_object_get(in, opt1, "useTz");
            if (u && u->k == VK_BOOL)
                tz = u->b;
            Val *p = kx_object_get(in, opt1, "precision");
            if (p && p->k == VK_NUMBER)
                precision = (int)p->n;
        }
        if (strcmp(m, "timestamptz") == 0)
            tz = true;
        type = precision >= 0 ? arena_printf(in->a, "timestamp(%d) with%s time zone", precision, tz ? "" : "out")
                              : (tz ? "timestamp with time zone" : "timestamp without time zone");
    } else if (strcmp(m, "binary") == 0) {
        type = "bytea";
    } else if (strcmp(m, "json") == 0) {
        type = "json";
    } else if (strcmp(m, "jsonb") == 0) {
        type = "jsonb";
    } else if (strcmp(m, "uuid") == 0) {
        type = "uuid";
    } else if (strcmp(m, "specificType") == 0) {
        const char *t = kx_val_string(opt1);
        if (!t) {
            kx_not_understood(in, call, "specificType with a type known only at run time");
            return &kx_unknown_val;
        }
        type = sql_format_type(in->a, t);
        if (!type && name) {
            /* "bigint GENERATED ALWAYS AS IDENTITY", "serial", "text NOT NULL":
             * a column definition rather than a type. */
            Column spec = {0};
            if (!sql_column_spec(in->k->schema, tb->schema, tb->name, name, t, &spec)) {
                kx_not_understood(in, call, "specificType(%s, '%s'): the type is not understood", name, t);
                return &kx_unknown_val;
            }
            ColB *c = new_col(in, tb, name, spec.type, call);
            c->type_kind = spec.type_kind;
            c->not_null = spec.not_null;
            c->def = spec.default_expr;
            c->identity = spec.identity;
            c->generated = spec.generated;
            return col_val(in, tb, c);
        }
        if (!type)
            type = t;
    } else if (strcmp(m, "enu") == 0 || strcmp(m, "enum") == 0) {
        Val *opt = kx_arg(args, nargs, 2);
        Val *native = kx_object_get(in, opt, "useNative");
        if (native && native->k == VK_BOOL && native->b) {
            const char *en = opt_name(in, opt, "enumName");
            if (!en || !name) {
                kx_not_understood(in, call, "native enum without a static enumName");
                return &kx_unknown_val;
            }
            const char *sch = opt_name(in, opt, "schemaName");
            ColB *c = new_col(in, tb, name, sch && strcmp(sch, "public") != 0 ? arena_printf(in->a, "%s.%s", sch, en) : en, call);
            c->type_kind = TYPE_ENUM;
            c->enum_name = en;
            c->enum_schema = sch ? sch : in->k->default_schema;
            Val *existing = kx_object_get(in, opt, "existingType");
            if (!(existing && existing->k == VK_BOOL && existing->b)) {
                int n;
                const char **labels = kx_val_names(in, opt1, &n);
                if (!labels) {
                    kx_not_understood(in, call, "enum values known only at run time");
                } else {
                    const char **l = arena_alloc(in->a, sizeof *l * (size_t)(n + 1));
                    memcpy(l, labels, sizeof *l * (size_t)n);
                    c->enum_labels = l;
                }
            }
            return col_val(in, tb, c);
        }
        if (!name)
            return &kx_unknown_val;
        ColB *c = new_col(in, tb, name, "text", call);
        const char *list = in_list(in, opt1);
        if (list)
            add_check(in, c, arena_printf(in->a, "%s IN (%s)", sql_ident(in->a, name), list));
        else
            kx_not_understood(in, call, "enum values known only at run time");
        return col_val(in, tb, c);
    } else if (strcmp(m, "geometry") == 0 || strcmp(m, "geography") == 0 || strcmp(m, "point") == 0) {
        type = m;
    } else {
        *handled = false;
        return NULL;
    }
    if (!name) {
        kx_not_understood(in, call, "column name known only at run time");
        return &kx_unknown_val;
    }
    ColB *c = new_col(in, tb, name, type, call);
    if (serial) {
        c->serial = true;
        c->not_null = true;
        Val *o = kx_arg(args, nargs, 1);
        Val *pk = kx_object_get(in, o, "primaryKey");
        c->serial_pk = !(pk && pk->k == VK_BOOL && !pk->b);
    }
    if (strcmp(m, "uuid") == 0) {
        Val *pk = kx_object_get(in, opt1, "primaryKey");
        if (pk && pk->k == VK_BOOL && pk->b) {
            const char **cols = arena_alloc(in->a, sizeof *cols * 2);
            cols[0] = name;
            new_op(in, tb, TOP_PRIMARY, cols, 1, call);
        }
    }
    return col_val(in, tb, c);
}

static const char **one(Interp *in, const char *name)
{
    const char **v = arena_alloc(in->a, sizeof *v * 2);
    v[0] = name;
    return v;
}

static Val *table_method(Interp *in, Val *recv, const char *m, Val **args, int nargs, TSNode call)
{
    TableB *tb = recv->tb;
    bool handled;
    Val *v = column_type(in, tb, m, args, nargs, call, &handled);
    if (handled)
        return v;
    TSNode at = prop_node(call);
    int n = 0;
    const char **cols = kx_val_names(in, kx_arg(args, nargs, 0), &n);
    if (strcmp(m, "timestamps") == 0 || strcmp(m, "dropTimestamps") == 0) {
        bool camel = false, now = false;
        Val *a1 = kx_arg(args, nargs, 1), *a2 = kx_arg(args, nargs, 2);
        if (m[0] == 'd')
            camel = kx_arg(args, nargs, 0)->k == VK_BOOL && kx_arg(args, nargs, 0)->b;
        else {
            now = a1->k == VK_BOOL && a1->b;
            camel = a2->k == VK_BOOL && a2->b;
        }
        const char *c1 = camel ? "createdAt" : "created_at", *c2 = camel ? "updatedAt" : "updated_at";
        if (m[0] == 'd') {
            const char **v2 = arena_alloc(in->a, sizeof *v2 * 3);
            v2[0] = c1;
            v2[1] = c2;
            new_op(in, tb, TOP_DROP_COLUMN, v2, 2, at);
            return recv;
        }
        for (int i = 0; i < 2; i++) {
            ColB *c = new_col(in, tb, i ? c2 : c1, "timestamp with time zone", call);
            if (now) {
                c->not_null = true;
                c->def = "CURRENT_TIMESTAMP";
            }
        }
        return recv;
    }
    if (strcmp(m, "primary") == 0) {
        if (!cols)
            goto dynamic;
        TableOp *op = new_op(in, tb, TOP_PRIMARY, cols, n, at);
        op->name = opt_name(in, kx_arg(args, nargs, 1), "constraintName");
        return recv;
    }
    if (strcmp(m, "unique") == 0) {
        if (!cols)
            goto dynamic;
        Val *opt = kx_arg(args, nargs, 1);
        TableOp *op = new_op(in, tb, TOP_UNIQUE, cols, n, at);
        op->name = opt_name(in, opt, "indexName");
        op->predicate = predicate_of(in, opt);
        Val *uc = kx_object_get(in, opt, "useConstraint");
        op->as_index = op->predicate || (uc && uc->k == VK_BOOL && !uc->b);
        Val *d = kx_object_get(in, opt, "deferrable");
        if (d && d->k == VK_STRING) {
            op->deferrable = strcmp(d->s, "not deferrable") != 0;
            op->deferred = strcmp(d->s, "deferred") == 0;
        }
        return recv;
    }
    if (strcmp(m, "index") == 0) {
        if (!cols)
            goto dynamic;
        TableOp *op = new_op(in, tb, TOP_INDEX, cols, n, at);
        op->name = kx_val_string(kx_arg(args, nargs, 1));
        Val *opt = kx_arg(args, nargs, 2);
        if (opt->k == VK_STRING)
            op->method = opt->s;
        else if (opt->k == VK_OBJECT) {
            op->method = opt_name(in, opt, "indexType");
            op->predicate = predicate_of(in, opt);
        }
        return recv;
    }
    if (strcmp(m, "foreign") == 0) {
        if (!cols)
            goto dynamic;
        TableOp *op = new_op(in, tb, TOP_FOREIGN, cols, n, at);
        op->name = kx_val_string(kx_arg(args, nargs, 1));
        Val *c = kx_val_new(in, VK_COLUMN);
        c->tb = tb;
        c->fk = op;
        return c;
    }
    if (strcmp(m, "check") == 0) {
        const char *expr = kx_val_string(kx_arg(args, nargs, 0));
        if (!expr)
            goto dynamic;
        bool ok;
        expr = substitute(in, expr, kx_arg(args, nargs, 1), &ok);
        if (!ok)
            goto dynamic;
        TableOp *op = new_op(in, tb, TOP_CHECK, NULL, 0, at);
        op->expr = expr;
        op->name = kx_val_string(kx_arg(args, nargs, 2));
        return recv;
    }
    if (strcmp(m, "dropColumn") == 0 || strcmp(m, "dropColumns") == 0) {
        const char **all = arena_alloc(in->a, sizeof *all * (size_t)(nargs + 1));
        int k = 0;
        for (int i = 0; i < nargs; i++) {
            int cn;
            const char **names = kx_val_names(in, args[i], &cn);
            if (!names)
                goto dynamic;
            for (int j = 0; j < cn; j++) {
                all = k >= nargs ? all : all;
                const char **grow = arena_alloc(in->a, sizeof *grow * (size_t)(k + 2));
                memcpy(grow, all, sizeof *grow * (size_t)k);
                all = grow;
                all[k++] = names[j];
            }
        }
        new_op(in, tb, TOP_DROP_COLUMN, all, k, at);
        return recv;
    }
    if (strcmp(m, "renameColumn") == 0) {
        const char *to = kx_val_string(kx_arg(args, nargs, 1));
        if (!cols || n != 1 || !to)
            goto dynamic;
        TableOp *op = new_op(in, tb, TOP_RENAME_COLUMN, cols, 1, at);
        op->new_name = to;
        return recv;
    }
    if (strcmp(m, "dropForeign") == 0 || strcmp(m, "dropUnique") == 0 || strcmp(m, "dropIndex") == 0) {
        TopKind k = m[4] == 'F' ? TOP_DROP_FOREIGN : m[4] == 'U' ? TOP_DROP_UNIQUE : TOP_DROP_INDEX;
        const char *name = kx_val_string(kx_arg(args, nargs, 1));
        if (!cols && !name)
            goto dynamic;
        TableOp *op = new_op(in, tb, k, cols, n, at);
        op->name = name;
        return recv;
    }
    if (strcmp(m, "dropPrimary") == 0) {
        TableOp *op = new_op(in, tb, TOP_DROP_PRIMARY, NULL, 0, at);
        op->name = kx_val_string(kx_arg(args, nargs, 0));
        return recv;
    }
    if (strcmp(m, "setNullable") == 0 || strcmp(m, "dropNullable") == 0) {
        if (!cols || n != 1)
            goto dynamic;
        new_op(in, tb, m[0] == 's' ? TOP_SET_NULLABLE : TOP_DROP_NULLABLE, cols, 1, at);
        return recv;
    }
    if (strcmp(m, "dropChecks") == 0) {
        if (!cols)
            goto dynamic;
        new_op(in, tb, TOP_DROP_CHECKS, cols, n, at);
        return recv;
    }
    static const char *const ignored[] = {"comment", "engine", "charset", "collate", "inherits",
                                          "queryContext", "increments_opts", NULL};
    for (int i = 0; ignored[i]; i++)
        if (strcmp(m, ignored[i]) == 0)
            return recv;
    kx_not_understood(in, at, "table.%s() is not modelled by dbaudit", m);
    return recv;
dynamic:
    kx_not_understood(in, at, "table.%s() with arguments known only at run time", m);
    return recv;
}

static Val *column_method(Interp *in, Val *recv, const char *m, Val **args, int nargs, TSNode call)
{
    ColB *c = recv->col;
    TableB *tb = recv->tb;
    TSNode at = prop_node(call);
    Val *a0 = kx_arg(args, nargs, 0);
    if (strcmp(m, "references") == 0 || strcmp(m, "inTable") == 0 || strcmp(m, "on") == 0 ||
        strcmp(m, "onDelete") == 0 || strcmp(m, "onUpdate") == 0 || strcmp(m, "withKeyName") == 0 ||
        strcmp(m, "deferrable") == 0) {
        if (!recv->fk) {
            if (!c || strcmp(m, "references") != 0) {
                kx_not_understood(in, at, ".%s() without .references()", m);
                return recv;
            }
            Val *v = kx_val_new(in, VK_COLUMN);
            *v = *recv;
            v->fk = new_op(in, tb, TOP_FOREIGN, one(in, c->name), 1, at);
            recv = v;
        }
        TableOp *fk = recv->fk;
        const char *s = kx_val_string(a0);
        if (strcmp(m, "references") == 0) {
            if (!s && a0->k == VK_ARRAY) {
                int n;
                fk->ref_cols = kx_val_names(in, a0, &n);
                fk->nref = n;
            } else if (s) {
                /* "id", "users.id" or "schema.users.id" */
                const char *last = strrchr(s, '.');
                if (last) {
                    const char *tbl = arena_strndup(in->a, s, (size_t)(last - s));
                    split_qname(in, tbl, in->k->default_schema, &fk->ref_schema, &fk->ref_table);
                    fk->ref_cols = one(in, last + 1);
                } else {
                    fk->ref_cols = one(in, s);
                }
                fk->nref = 1;
            }
            fk->origin = kx_origin_of(in, at);
        } else if (strcmp(m, "inTable") == 0 || strcmp(m, "on") == 0) {
            if (s)
                split_qname(in, s, in->k->default_schema, &fk->ref_schema, &fk->ref_table);
        } else if (strcmp(m, "onDelete") == 0 || strcmp(m, "onUpdate") == 0) {
            bool ok;
            FkAction a = s ? parse_action(s, &ok) : FK_NO_ACTION;
            if (!s || !ok) {
                kx_not_understood(in, at, "ON %s action %s", m[2] == 'D' ? "DELETE" : "UPDATE",
                                  s ? s : "known only at run time");
            } else if (m[2] == 'D') {
                fk->on_delete = a;
                fk->explicit_on_delete = true;
            } else {
                fk->on_update = a;
            }
        } else if (strcmp(m, "withKeyName") == 0) {
            fk->name = s;
        } else if (strcmp(m, "deferrable") == 0 && s) {
            fk->deferrable = strcmp(s, "not deferrable") != 0;
            fk->deferred = strcmp(s, "deferred") == 0;
        }
        return recv;
    }
    if (!c) {
        kx_not_understood(in, at, ".%s() on a foreign key builder is not modelled", m);
        return recv;
    }
    if (strcmp(m, "notNullable") == 0 || strcmp(m, "notNull") == 0) {
        c->not_null = true;
        c->nullable_set = true;
    } else if (strcmp(m, "nullable") == 0) {
        c->not_null = false;
        c->nullable_set = true;
    } else if (strcmp(m, "defaultTo") == 0 || strcmp(m, "default") == 0 || strcmp(m, "defaultsTo") == 0) {
        if (a0->k == VK_NULL)
            c->def = NULL;
        else {
            const char *d = sql_value(in, a0);
            if (!d && (a0->k == VK_OBJECT || a0->k == VK_ARRAY))
                d = sql_literal(in->a, kx_text(in, a0->node.id ? a0->node : call));
            if (!d) {
                kx_not_understood(in, at, "default value known only at run time");
                d = "NULL";
            }
            c->def = d;
        }
    } else if (strcmp(m, "primary") == 0) {
        if (c->serial_pk) /* increments().primary(): Knex makes one key, inline */
            return recv;
        TableOp *op = new_op(in, tb, TOP_PRIMARY, one(in, c->name), 1, at);
        op->name = opt_name(in, a0, "constraintName");
    } else if (strcmp(m, "unique") == 0) {
        TableOp *op = new_op(in, tb, TOP_UNIQUE, one(in, c->name), 1, at);
        op->name = opt_name(in, a0, "indexName");
    } else if (strcmp(m, "index") == 0) {
        TableOp *op = new_op(in, tb, TOP_INDEX, one(in, c->name), 1, at);
        op->name = kx_val_string(a0);
        Val *opt = kx_arg(args, nargs, 1);
        if (opt->k == VK_STRING)
            op->method = opt->s;
        else if (opt->k == VK_OBJECT) {
            op->method = opt_name(in, opt, "indexType");
            op->predicate = predicate_of(in, opt);
        }
    } else if (strcmp(m, "alter") == 0) {
        c->alter = true;
    } else if (strcmp(m, "checkPositive") == 0 || strcmp(m, "checkNegative") == 0) {
        add_check(in, c, arena_printf(in->a, "%s %s 0", sql_ident(in->a, c->name), m[5] == 'P' ? ">" : "<"));
    } else if (strcmp(m, "checkIn") == 0 || strcmp(m, "checkNotIn") == 0) {
        const char *list = in_list(in, a0);
        if (!list)
            kx_not_understood(in, at, "%s() values known only at run time", m);
        else
            add_check(in, c, arena_printf(in->a, "%s %sIN (%s)", sql_ident(in->a, c->name),
                                          m[5] == 'N' ? "NOT " : "", list));
    } else if (strcmp(m, "checkBetween") == 0) {
        if (a0->k == VK_ARRAY && a0->nitems == 2 && sql_value(in, a0->items[0]) && sql_value(in, a0->items[1]))
            add_check(in, c, arena_printf(in->a, "%s BETWEEN %s AND %s", sql_ident(in->a, c->name),
                                          sql_value(in, a0->items[0]), sql_value(in, a0->items[1])));
        else
            kx_not_understood(in, at, "checkBetween() bounds known only at run time");
    } else if (strcmp(m, "checkLength") == 0) {
        const char *op = kx_val_string(a0);
        Val *len = kx_arg(args, nargs, 1);
        if (op && len->k == VK_NUMBER)
            add_check(in, c, arena_printf(in->a, "length(%s) %s %d", sql_ident(in->a, c->name), op, (int)len->n));
    } else if (strcmp(m, "checkRegex") == 0) {
        const char *re = kx_val_string(a0);
        if (re)
            add_check(in, c, arena_printf(in->a, "%s ~ %s", sql_ident(in->a, c->name), sql_literal(in->a, re)));
    } else if (strcmp(m, "unsigned") == 0 || strcmp(m, "comment") == 0 || strcmp(m, "collate") == 0 ||
               strcmp(m, "after") == 0 || strcmp(m, "first") == 0 || strcmp(m, "primaryKey") == 0) {
        /* No effect on PostgreSQL's schema. */
    } else {
        kx_not_understood(in, at, "column modifier .%s() is not modelled by dbaudit", m);
    }
    return recv;
}

/* ------------------------------------------------------------------ */
/* Applying a table builder                                             */

static bool created_here(Interp *in, const char *schema, const char *table)
{
    const MigEventVec *v = &in->k->mig->up;
    for (int i = 0; i < v->n; i++)
        if (v->v[i].kind == EV_CREATE_TABLE && v->v[i].table && strcmp(v->v[i].table, table) == 0 &&
            (!v->v[i].schema || strcmp(v->v[i].schema, schema) == 0))
            return true;
    return false;
}

static const char **null_term(Interp *in, const char **v, int n)
{
    const char **r = arena_alloc(in->a, sizeof *r * (size_t)(n + 1));
    for (int i = 0; i < n; i++)
        r[i] = v[i];
    return r;
}

static MigEvent ev(TableB *tb, MigEventKind kind, const char *name, Origin o)
{
    MigEvent e = {0};
    e.kind = kind;
    e.schema = tb->schema;
    e.table = tb->name;
    e.name = name;
    e.origin = o;
    return e;
}

static int *col_indexes(Interp *in, Table *t, const char **cols, int n, TSNode none, const Origin *o, bool *ok)
{
    int *v = arena_alloc(in->a, sizeof *v * (size_t)(n ? n : 1));
    *ok = true;
    for (int i = 0; i < n; i++) {
        v[i] = table_column_index(t, cols[i]);
        if (v[i] < 0) {
            mig_not_understood(in->k, *o, "column %s is not in table %s as the earlier migrations left it", cols[i],
                               t->qname);
            *ok = false;
        }
    }
    (void)none;
    return v;
}

static void apply_op(Interp *in, TableB *tb, Table *t, TableOp *op)
{
    MigSink *k = in->k;
    Schema *s = k->schema;
    const char *tname = tb->name;
    bool ok = true;
    switch (op->kind) {
    case TOP_PRIMARY:
    case TOP_UNIQUE:
    case TOP_INDEX:
    case TOP_FOREIGN: {
        const char *type = op->kind == TOP_PRIMARY ? "pkey"
                           : op->kind == TOP_UNIQUE ? "unique"
                           : op->kind == TOP_INDEX  ? "index"
                                                    : "foreign";
        const char *name = op->name;
        if (!name)
            name = op->kind == TOP_PRIMARY ? arena_printf(in->a, "%s_pkey", tname)
                                           : knex_name(in, tname, op->cols, op->ncols, type);
        name = edit_identifier(s, name);
        bool index = op->kind == TOP_INDEX || (op->kind == TOP_UNIQUE && op->as_index);
        MigEvent e = ev(tb, index ? EV_ADD_INDEX : EV_ADD_CONSTRAINT, name, op->origin);
        e.cols = null_term(in, op->cols, op->ncols);
        e.con_kind = op->kind == TOP_PRIMARY ? 'p' : op->kind == TOP_FOREIGN ? 'f' : op->kind == TOP_UNIQUE ? 'u' : 0;
        e.explicit_on_delete = op->explicit_on_delete;
        if (op->kind == TOP_FOREIGN) {
            e.ref_schema = op->ref_schema ? op->ref_schema : k->default_schema;
            e.ref_table = op->ref_table;
        }
        mig_event(k, &e);
        if (k->down || !t)
            return;
        int *cols = col_indexes(in, t, op->cols, op->ncols, (TSNode){0}, &op->origin, &ok);
        if (!ok)
            return;
        if (index) {
            Index x = {0};
            x.name = name;
            x.unique = op->kind == TOP_UNIQUE;
            x.valid = true;
            x.method = op->method ? op->method : "btree";
            x.nkeys = op->ncols;
            x.cols = cols;
            x.predicate = op->predicate;
            x.origin = op->origin;
            edit_add_index(s, t, &x);
            return;
        }
        Constraint c = {0};
        c.name = name;
        c.kind = op->kind == TOP_PRIMARY ? CON_PRIMARY : op->kind == TOP_UNIQUE ? CON_UNIQUE : CON_FOREIGN;
        c.validated = true;
        c.deferrable = op->deferrable;
        c.deferred = op->deferred;
        c.ncols = op->ncols;
        c.cols = cols;
        c.origin = op->origin;
        if (op->kind == TOP_FOREIGN) {
            if (!op->ref_table) {
                mig_not_understood(k, op->origin, "foreign key on %s without .inTable(): Knex cannot create it",
                                   op->cols[0]);
                return;
            }
            c.ref_schema = op->ref_schema ? op->ref_schema : k->default_schema;
            c.ref_table = op->ref_table;
            c.on_delete = op->on_delete;
            c.on_update = op->on_update;
            c.ref_cols = op->ref_cols;
            c.nref = op->nref;
        }
        edit_add_constraint(s, t, &c);
        return;
    }
    case TOP_CHECK: {
        MigEvent e = ev(tb, EV_ADD_CONSTRAINT, op->name, op->origin);
        e.con_kind = 'c';
        const char *err = NULL;
        SqlExpr *x = sql_expr_parse(in->a, op->expr, &err);
        const char **names = x ? sql_expr_columns(in->a, x) : NULL;
        int n = 0;
        while (names && names[n])
            n++;
        e.cols = names;
        if (k->down || !t) {
            mig_event(k, &e);
            return;
        }
        if (!x) {
            mig_event(k, &e);
            mig_not_understood(k, op->origin, "check expression does not parse: %s", err ? err : op->expr);
            return;
        }
        Constraint c = {0};
        c.kind = CON_CHECK;
        c.name = op->name;
        c.validated = true;
        c.expr = arena_printf(in->a, "CHECK (%s)", op->expr);
        c.cols = col_indexes(in, t, names, n, (TSNode){0}, &op->origin, &ok);
        c.ncols = ok ? n : 0;
        c.origin = op->origin;
        e.name = edit_add_constraint(s, t, &c)->name; /* PostgreSQL's name when none was given */
        mig_event(k, &e);
        return;
    }
    case TOP_DROP_COLUMN:
        for (int i = 0; i < op->ncols; i++) {
            mig_event(k, &(MigEvent){.kind = EV_DROP_COLUMN, .schema = tb->schema, .table = tname,
                                     .name = op->cols[i], .origin = op->origin});
            if (k->down || !t)
                continue;
            int ci = table_column_index(t, op->cols[i]);
            if (ci < 0)
                mig_not_understood(k, op->origin, "drops column %s, which %s does not have", op->cols[i], t->qname);
            else
                edit_drop_column(s, t, ci);
        }
        return;
    case TOP_RENAME_COLUMN: {
        mig_event(k, &(MigEvent){.kind = EV_ALTER_COLUMN, .schema = tb->schema, .table = tname,
                                 .name = op->new_name, .detail = op->cols[0], .origin = op->origin});
        if (k->down || !t)
            return;
        int ci = table_column_index(t, op->cols[0]);
        if (ci < 0)
            mig_not_understood(k, op->origin, "renames column %s, which %s does not have", op->cols[0], t->qname);
        else {
            edit_rename_column(s, t, ci, op->new_name);
            t->columns.v[ci].origin = op->origin; /* findings point at where it got its name */
        }
        return;
    }
    case TOP_DROP_FOREIGN:
    case TOP_DROP_UNIQUE:
    case TOP_DROP_INDEX:
    case TOP_DROP_PRIMARY: {
        const char *type = op->kind == TOP_DROP_FOREIGN ? "foreign" : op->kind == TOP_DROP_UNIQUE ? "unique" : "index";
        const char *name = op->name;
        if (!name)
            name = op->kind == TOP_DROP_PRIMARY ? arena_printf(in->a, "%s_pkey", tname)
                                                : knex_name(in, tname, op->cols, op->ncols, type);
        name = edit_identifier(s, name);
        bool index = op->kind == TOP_DROP_INDEX;
        MigEvent e = ev(tb, index ? EV_DROP_INDEX : EV_DROP_CONSTRAINT, name, op->origin);
        e.con_kind = op->kind == TOP_DROP_FOREIGN ? 'f' : op->kind == TOP_DROP_UNIQUE ? 'u'
                     : op->kind == TOP_DROP_PRIMARY ? 'p' : 0;
        if (op->cols)
            e.cols = null_term(in, op->cols, op->ncols);
        mig_event(k, &e);
        if (k->down || !t)
            return;
        bool done = index ? edit_drop_index(s, t->schema, name) : edit_drop_constraint(s, t, name);
        if (!done && op->kind == TOP_DROP_UNIQUE) /* a unique index built with a predicate */
            done = edit_drop_index(s, t->schema, name);
        if (!done)
            mig_not_understood(k, op->origin, "drops %s %s, which the earlier migrations did not create on %s",
                               index ? "index" : "constraint", name, t->qname);
        return;
    }
    case TOP_SET_NULLABLE:
    case TOP_DROP_NULLABLE: {
        mig_event(k, &(MigEvent){.kind = EV_ALTER_COLUMN, .schema = tb->schema, .table = tname, .name = op->cols[0],
                                 .origin = op->origin});
        if (k->down || !t)
            return;
        int ci = table_column_index(t, op->cols[0]);
        if (ci < 0) {
            mig_not_understood(k, op->origin, "column %s is not in %s", op->cols[0], t->qname);
            return;
        }
        t->columns.v[ci].not_null = op->kind == TOP_DROP_NULLABLE;
        t->columns.v[ci].origin = op->origin;
        return;
    }
    case TOP_DROP_CHECKS:
        for (int i = 0; i < op->ncols; i++) {
            mig_event(k, &(MigEvent){.kind = EV_DROP_CONSTRAINT, .schema = tb->schema, .table = tname,
                                     .name = op->cols[i], .con_kind = 'c', .origin = op->origin});
            if (!k->down && t && !edit_drop_constraint(s, t, op->cols[i]))
                mig_not_understood(k, op->origin, "drops check %s, which %s does not have", op->cols[i], t->qname);
        }
        return;
    }
}

/* A constraint a column definition carries (inline CHECK, serial PRIMARY
 * KEY): unnamed, so PostgreSQL names it. */
static void column_constraint(Interp *in, TableB *tb, Table *t, ColB *c, int ci, ConKind kind, const char *expr)
{
    Constraint con = {0};
    con.kind = kind;
    con.validated = true;
    con.expr = expr;
    con.ncols = 1;
    con.cols = &ci;
    con.origin = c->origin;
    Constraint *added = edit_add_constraint(in->k->schema, t, &con);
    mig_event(in->k, &(MigEvent){.kind = EV_ADD_CONSTRAINT, .schema = tb->schema, .table = tb->name,
                                 .name = added->name, .con_kind = (char)kind, .cols = null_term(in, &c->name, 1),
                                 .origin = c->origin});
}

static void apply_column(Interp *in, TableB *tb, Table *t, ColB *c)
{
    MigSink *k = in->k;
    Schema *s = k->schema;
    if (c->alter) {
        mig_event(k, &(MigEvent){.kind = EV_ALTER_COLUMN, .schema = tb->schema, .table = tb->name, .name = c->name,
                                 .origin = c->origin});
        if (k->down || !t)
            return;
        int ci = table_column_index(t, c->name);
        if (ci < 0) {
            mig_not_understood(k, c->origin, "alters column %s, which %s does not have", c->name, t->qname);
            return;
        }
        Column *col = &t->columns.v[ci];
        col->type = arena_strdup(&s->arena, c->type);
        col->type_kind = c->type_kind;
        col->not_null = c->not_null; /* Knex's alter() sets nullability as written */
        col->default_expr = arena_strdup(&s->arena, c->def);
        col->origin = c->origin;
        return;
    }
    if (c->enum_labels && c->enum_name) {
        mig_event(k, &(MigEvent){.kind = EV_CREATE_TYPE, .schema = c->enum_schema, .name = c->enum_name,
                                 .origin = c->origin});
        if (!k->down) {
            if (schema_type(s, c->enum_schema, c->enum_name))
                mig_not_understood(k, c->origin, "creates enum type %s, which already exists", c->enum_name);
            else {
                TypeDef *td = schema_add_type(s, c->enum_schema, c->enum_name, TYPE_ENUM);
                int nl = 0;
                while (c->enum_labels[nl])
                    nl++;
                const char **labels = arena_alloc(&s->arena, sizeof *labels * (size_t)(nl + 1));
                for (int i = 0; i < nl; i++)
                    labels[i] = arena_strdup(&s->arena, c->enum_labels[i]);
                td->labels = labels;
                td->origin = c->origin;
            }
        }
    }
    if (!tb->create)
        mig_event(k, &(MigEvent){.kind = EV_ADD_COLUMN, .schema = tb->schema, .table = tb->name, .name = c->name,
                                 .origin = c->origin});
    if (k->down || !t)
        return;
    Column col = {0};
    col.name = c->name;
    col.type = c->type;
    col.type_kind = c->type_kind;
    col.not_null = c->not_null;
    col.default_expr = c->def;
    col.identity = c->identity;
    col.generated = c->generated;
    col.origin = c->origin;
    if (c->serial)
        col.default_expr = arena_printf(in->a, "nextval('%s_%s_seq'::regclass)", t->name, c->name);
    int ci = edit_add_column(s, t, &col);
    if (ci < 0) {
        mig_not_understood(k, c->origin, "adds column %s, which %s already has", c->name, t->qname);
        return;
    }
    for (int i = 0; i < c->nchecks; i++)
        column_constraint(in, tb, t, c, ci, CON_CHECK, arena_printf(in->a, "CHECK (%s)", c->checks[i]));
    if (c->serial_pk)
        column_constraint(in, tb, t, c, ci, CON_PRIMARY, NULL);
}

static void apply_table(Interp *in, TableB *tb)
{
    MigSink *k = in->k;
    Schema *s = k->schema;
    Table *t = schema_table(s, tb->schema, edit_identifier(s, tb->name));
    if (tb->create) {
        if (t && tb->if_not_exists)
            return;
        mig_event(k, &(MigEvent){.kind = EV_CREATE_TABLE, .schema = tb->schema, .table = tb->name,
                                 .origin = tb->origin});
        if (!k->down) {
            if (t) {
                mig_not_understood(k, tb->origin, "creates table %s, which an earlier migration already created", t->qname);
                return;
            }
            t = edit_create_table(s, tb->schema, tb->name, tb->origin);
        }
    } else if (!t && !k->down) {
        mig_not_understood(k, tb->origin, "alters table %s.%s, which the earlier migrations did not create",
                           tb->schema, tb->name);
        return;
    }
    for (int i = 0; i < tb->cols.n; i++)
        apply_column(in, tb, k->down ? NULL : t, tb->cols.v[i]);
    for (int i = 0; i < tb->ops.n; i++)
        apply_op(in, tb, k->down ? NULL : t, tb->ops.v[i]);
}

/* ------------------------------------------------------------------ */
/* knex.schema                                                          */

static Val *schema_method(Interp *in, Val *recv, const char *m, Val **args, int nargs, TSNode call, TSNode args_node)
{
    MigSink *k = in->k;
    Schema *s = k->schema;
    const char *name = kx_val_string(kx_arg(args, nargs, 0));
    TSNode at = ts_child(args_node, 0);
    if (ts_node_is_null(at))
        at = call;
    if (strcmp(m, "withSchema") == 0) {
        Val *v = kx_val_new(in, VK_SCHEMA);
        v->schema = name ? name : recv->schema;
        return v;
    }
    if (strcmp(m, "createTable") == 0 || strcmp(m, "createTableIfNotExists") == 0 ||
        strcmp(m, "alterTable") == 0 || strcmp(m, "table") == 0) {
        if (!name) {
            kx_not_understood(in, at, "knex.schema.%s() on a table named at run time", m);
            return recv;
        }
        TableB *tb = arena_alloc(in->a, sizeof *tb);
        split_qname(in, name, recv->schema, &tb->schema, &tb->name);
        tb->create = m[0] == 'c';
        tb->if_not_exists = strcmp(m, "createTableIfNotExists") == 0;
        tb->origin = kx_origin_of(in, at);
        Val *cb = kx_arg(args, nargs, 1);
        if (cb->k == VK_FUNCTION) {
            Val *tv = kx_val_new(in, VK_TABLE);
            tv->tb = tb;
            Val *cargs[1] = {tv};
            kx_call_function(in, cb, cargs, 1, call);
        }
        apply_table(in, tb);
        in->schema_ops++;
        return recv;
    }
    if (strcmp(m, "dropTable") == 0 || strcmp(m, "dropTableIfExists") == 0) {
        if (!name) {
            kx_not_understood(in, at, "knex.schema.%s() on a table named at run time", m);
            return recv;
        }
        const char *sch, *tn;
        split_qname(in, name, recv->schema, &sch, &tn);
        mig_event(k, &(MigEvent){.kind = EV_DROP_TABLE, .schema = sch, .table = tn, .origin = kx_origin_of(in, at)});
        in->schema_ops++;
        if (k->down)
            return recv;
        Table *t = schema_table(s, sch, edit_identifier(s, tn));
        if (t)
            edit_drop_table(s, t);
        else if (strcmp(m, "dropTable") == 0)
            kx_not_understood(in, at, "drops table %s.%s, which the earlier migrations did not create", sch, tn);
        return recv;
    }
    if (strcmp(m, "renameTable") == 0) {
        const char *to = kx_val_string(kx_arg(args, nargs, 1));
        if (!name || !to) {
            kx_not_understood(in, at, "knex.schema.renameTable() with names known only at run time");
            return recv;
        }
        const char *sch, *tn;
        split_qname(in, name, recv->schema, &sch, &tn);
        mig_event(k, &(MigEvent){.kind = EV_RENAME_TABLE, .schema = sch, .table = tn, .name = to,
                                 .origin = kx_origin_of(in, at)});
        in->schema_ops++;
        if (k->down)
            return recv;
        Table *t = schema_table(s, sch, edit_identifier(s, tn));
        if (!t)
            kx_not_understood(in, at, "renames table %s.%s, which the earlier migrations did not create", sch, tn);
        else
            edit_rename_table(s, t, to);
        return recv;
    }
    if (strcmp(m, "hasTable") == 0 || strcmp(m, "hasColumn") == 0) {
        if (!name)
            return &kx_unknown_val;
        const char *sch, *tn;
        split_qname(in, name, recv->schema, &sch, &tn);
        Table *t = schema_table(s, sch, edit_identifier(s, tn));
        Val *v = kx_val_new(in, VK_BOOL);
        v->b = t != NULL;
        if (m[3] == 'C') {
            const char *col = kx_val_string(kx_arg(args, nargs, 1));
            if (!col)
                return &kx_unknown_val;
            v->b = t && table_column_index(t, col) >= 0;
        }
        return v;
    }
    if (strcmp(m, "raw") == 0) {
        Val *r = make_raw(in, args, nargs, call);
        r->used = true;
        run_raw(in, r);
        return recv;
    }
    if (strcmp(m, "createSchema") == 0 || strcmp(m, "createSchemaIfNotExists") == 0 ||
        strcmp(m, "dropSchema") == 0 || strcmp(m, "dropSchemaIfExists") == 0 ||
        strcmp(m, "createExtension") == 0 || strcmp(m, "createExtensionIfNotExists") == 0 ||
        strcmp(m, "dropExtension") == 0 || strcmp(m, "dropExtensionIfExists") == 0 ||
        strcmp(m, "createView") == 0 || strcmp(m, "createViewOrReplace") == 0 ||
        strcmp(m, "dropView") == 0 || strcmp(m, "dropViewIfExists") == 0 ||
        strcmp(m, "createMaterializedView") == 0 || strcmp(m, "dropMaterializedView") == 0 ||
        strcmp(m, "refreshMaterializedView") == 0) {
        mig_event(k, &(MigEvent){.kind = EV_OTHER, .detail = m, .origin = kx_origin_of(in, at)});
        return recv;
    }
    if (strcmp(m, "then") == 0 || strcmp(m, "catch") == 0 || strcmp(m, "finally") == 0) {
        kx_flush_pending(in);
        Val *fn = kx_arg(args, nargs, 0);
        if (fn->k == VK_FUNCTION && m[0] == 't')
            return kx_call_function(in, fn, NULL, 0, call);
        return recv;
    }
    if (strcmp(m, "toString") == 0 || strcmp(m, "toSQL") == 0 || strcmp(m, "debug") == 0 ||
        strcmp(m, "transacting") == 0)
        return recv;
    kx_not_understood(in, prop_node(call), "knex.schema.%s() is not modelled by dbaudit", m);
    return recv;
}

/* ------------------------------------------------------------------ */
/* Dispatch                                                             */

Val *kx_call_method(Interp *in, Val *recv, const char *m, Val **args, int nargs, TSNode call, TSNode args_node)
{
    switch (recv->k) {
    case VK_KNEX:
        if (strcmp(m, "raw") == 0)
            return make_raw(in, args, nargs, call);
        if (strcmp(m, "transaction") == 0) {
            Val *fn = kx_arg(args, nargs, 0);
            if (fn->k == VK_FUNCTION) {
                Val *trx = kx_val_new(in, VK_KNEX);
                Val *a[1] = {trx};
                return kx_call_function(in, fn, a, 1, call);
            }
            return kx_val_new(in, VK_KNEX);
        }
        if (strcmp(m, "update") == 0 || strcmp(m, "del") == 0 || strcmp(m, "delete") == 0 ||
            strcmp(m, "insert") == 0) {
            Val *q = kx_new_query(in, NULL, call);
            return query_method(in, q, m, args, nargs, call);
        }
        if (strcmp(m, "table") == 0 || strcmp(m, "from") == 0 || strcmp(m, "into") == 0 ||
            strcmp(m, "queryBuilder") == 0 || strcmp(m, "select") == 0 || strcmp(m, "withSchema") == 0 ||
            strncmp(m, "where", 5) == 0) {
            Val *q = kx_new_query(in, strcmp(m, "withSchema") == 0 || strncmp(m, "where", 5) == 0 || strcmp(m, "select") == 0
                                       ? NULL
                                       : kx_val_string(kx_arg(args, nargs, 0)),
                               call);
            if (strncmp(m, "where", 5) == 0 || strcmp(m, "withSchema") == 0)
                return query_method(in, q, m, args, nargs, call);
            return q;
        }
        return &kx_unknown_val; /* commit, rollback, destroy... */
    case VK_FN:
        if (strcmp(m, "now") == 0 || strcmp(m, "uuid") == 0 || strcmp(m, "uuidToBin") == 0) {
            Val *r = kx_val_new(in, VK_RAW);
            r->s = m[0] == 'n' ? "CURRENT_TIMESTAMP" : "gen_random_uuid()";
            r->used = true;
            return r;
        }
        return &kx_unknown_val;
    case VK_SCHEMA:
        return schema_method(in, recv, m, args, nargs, call, args_node);
    case VK_TABLE:
        return table_method(in, recv, m, args, nargs, call);
    case VK_COLUMN:
        return column_method(in, recv, m, args, nargs, call);
    case VK_QUERY:
        return query_method(in, recv, m, args, nargs, call);
    case VK_RAW:
        if (strcmp(m, "then") == 0 || strcmp(m, "catch") == 0) {
            kx_flush_pending(in);
            Val *fn = kx_arg(args, nargs, 0);
            if (fn->k == VK_FUNCTION && m[0] == 't')
                return kx_call_function(in, fn, NULL, 0, call);
        }
        return &kx_unknown_val;
    case VK_ARRAY:
        if (strcmp(m, "forEach") == 0 || strcmp(m, "map") == 0) {
            Val *fn = kx_arg(args, nargs, 0);
            if (fn->k != VK_FUNCTION)
                return &kx_unknown_val;
            Val *out = kx_val_new(in, VK_ARRAY);
            out->items = arena_alloc(in->a, sizeof *out->items * (size_t)(recv->nitems ? recv->nitems : 1));
            for (int i = 0; i < recv->nitems; i++) {
                Val *idx = kx_val_new(in, VK_NUMBER);
                idx->n = i;
                Val *a[3] = {recv->items[i], idx, recv};
                out->items[out->nitems++] = kx_call_function(in, fn, a, 3, call);
            }
            return out;
        }
        if (strcmp(m, "join") == 0) {
            const char *sep = nargs ? kx_val_string(args[0]) : ",";
            StrBuf b = STRBUF_INIT;
            for (int i = 0; i < recv->nitems; i++) {
                const char *t = kx_val_text(in, recv->items[i]);
                if (!t || !sep) {
                    sb_fini(&b);
                    return &kx_unknown_val;
                }
                if (i)
                    sb_puts(&b, sep);
                sb_puts(&b, t);
            }
            Val *v = kx_val_str(in, arena_strdup(in->a, sb_str(&b)));
            sb_fini(&b);
            return v;
        }
        return &kx_unknown_val;
    case VK_STRING:
        if (strcmp(m, "toLowerCase") == 0 || strcmp(m, "toUpperCase") == 0) {
            char *s = arena_strdup(in->a, recv->s);
            for (char *p = s; *p; p++)
                *p = (char)(m[2] == 'L' ? tolower((unsigned char)*p) : toupper((unsigned char)*p));
            return kx_val_str(in, s);
        }
        if (strcmp(m, "trim") == 0)
            return recv;
        return &kx_unknown_val;
    default:
        return &kx_unknown_val;
    }
}

void kx_flush_pending(Interp *in)
{
    /* Copy: running SQL cannot add pending values, but stay safe. */
    int n = in->pending.n;
    Val **v = in->pending.v;
    in->pending.n = 0;
    in->pending.v = NULL;
    in->pending.cap = 0;
    for (int i = 0; i < n; i++) {
        Val *p = v[i];
        TsDoc *saved = in->doc;
        if (p->doc)
            in->doc = p->doc;
        if (p->k == VK_RAW && !p->used) {
            p->used = true;
            run_raw(in, p);
        } else if (p->k == VK_QUERY && !p->q->flushed) {
            QueryB *q = p->q;
            q->flushed = true;
            if ((q->op != 'u' && q->op != 'd') || !q->table) {
                in->doc = saved;
                continue;
            }
            const char *sch, *tn;
            split_qname(in, q->table, q->schema ? q->schema : in->k->default_schema, &sch, &tn);
            MigEvent e = {0};
            e.kind = EV_BACKFILL;
            e.schema = sch;
            e.table = tn;
            e.bounded = q->bounded || in->loops > 0;
            e.existing_table = schema_table(in->k->schema, sch, tn) != NULL && !created_here(in, sch, tn);
            e.detail = kx_excerpt(in, q->node);
            e.origin = q->origin;
            mig_event(in->k, &e);
        }
        in->doc = saved;
    }
}
