/* knex.c - a Knex migration replayed into the schema model; see knex.h.
 *
 * This is a small abstract interpreter over the JavaScript/TypeScript syntax
 * tree.  Values are what a migration manipulates: the knex object (or a
 * transaction), knex.schema (with its withSchema), a table builder inside a
 * createTable/alterTable callback, a column builder, a query builder
 * (knex('t').update(...)), strings, numbers, literal arrays and objects, and
 * functions of the same file.  Anything else is "unknown".
 *
 * Table builders are collected while their callback runs and applied when it
 * returns, in the order Knex itself emits SQL: the CREATE TABLE (or ADD
 * COLUMN / ALTER COLUMN) with every column, then the other statements
 * (indexes, unique and foreign keys, checks, drops) in call order.  Knex
 * names those objects itself (<table>_<columns>_unique, _index, _foreign,
 * <table>_pkey); inline checks and serial keys get PostgreSQL's names.
 *
 * knex.raw(...) is a value until the statement that holds it ends: used as
 * an argument (defaultTo, predicates) it is an SQL expression; left over at
 * the end of a statement, it was run, and its SQL goes to the SQL reader.
 * Query builders are judged the same way at the end of their statement
 * (update/delete of existing rows: a backfill).
 */
#include "migrate/knex.h"
#include "migrate/knex_internal.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "schema/edit.h"
#include "source/discover.h"
#include "source/ts.h"
#include "sql/ddl.h"
#include "sql/sql.h"

Val kx_unknown_val = {.k = VK_UNKNOWN};

/* ------------------------------------------------------------------ */
/* Values and scopes                                                    */

Val *kx_val_new(Interp *in, ValKind k)
{
    Val *v = arena_alloc(in->a, sizeof *v);
    v->k = k;
    return v;
}

Val *kx_val_str(Interp *in, const char *s)
{
    Val *v = kx_val_new(in, VK_STRING);
    v->s = s;
    return v;
}

static void bind(Interp *in, Scope *s, const char *name, Val *v)
{
    Binding *b = arena_alloc(in->a, sizeof *b);
    b->name = name;
    b->v = v;
    b->next = s->b;
    s->b = b;
}

static Val *lookup(Scope *s, const char *name)
{
    for (; s; s = s->parent)
        for (Binding *b = s->b; b; b = b->next)
            if (strcmp(b->name, name) == 0)
                return b->v;
    return NULL;
}

static Scope *scope_new(Interp *in, Scope *parent)
{
    Scope *s = arena_alloc(in->a, sizeof *s);
    s->parent = parent;
    return s;
}

Origin kx_origin_of(Interp *in, TSNode n)
{
    Origin o = {in->doc->path, 1, 1};
    if (!ts_node_is_null(n))
        ts_position(in->doc, n, &o.line, &o.col);
    return o;
}

char *kx_text(Interp *in, TSNode n)
{
    return ts_text(in->a, in->doc, n);
}

/* A short one-line excerpt of a node for messages. */
const char *kx_excerpt(Interp *in, TSNode n)
{
    char *t = kx_text(in, n);
    StrBuf b = STRBUF_INIT;
    bool space = false;
    for (const char *p = t; *p && b.len < 80; p++) {
        if (isspace((unsigned char)*p)) {
            space = true;
            continue;
        }
        if (space && b.len)
            sb_putc(&b, ' ');
        space = false;
        sb_putc(&b, *p);
    }
    if (strlen(t) > 0 && b.len >= 80)
        sb_puts(&b, "...");
    char *r = arena_strdup(in->a, b.s ? b.s : "");
    sb_fini(&b);
    return r;
}

void kx_not_understood(Interp *in, TSNode n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mig_vnot_understood(in->k, kx_origin_of(in, n), fmt, ap);
    va_end(ap);
}

/* ------------------------------------------------------------------ */
/* Evaluation                                                           */

static void exec_block(Interp *in, Scope *s, TSNode n);

const char *kx_val_string(Val *v)
{
    if (!v)
        return NULL;
    if (v->k == VK_STRING)
        return v->s;
    return NULL;
}

/* A string, or a number printed as JavaScript would. */
const char *kx_val_text(Interp *in, Val *v)
{
    if (!v)
        return NULL;
    if (v->k == VK_STRING)
        return v->s;
    if (v->k == VK_NUMBER) {
        if (v->n == (long long)v->n)
            return arena_printf(in->a, "%lld", (long long)v->n);
        return arena_printf(in->a, "%g", v->n);
    }
    if (v->k == VK_BOOL)
        return v->b ? "true" : "false";
    return NULL;
}

/* Array of strings (or a single string) as a list of names. */
const char **kx_val_names(Interp *in, Val *v, int *n)
{
    *n = 0;
    if (!v)
        return NULL;
    if (v->k == VK_STRING) {
        const char **r = arena_alloc(in->a, sizeof *r * 2);
        r[0] = v->s;
        *n = 1;
        return r;
    }
    if (v->k != VK_ARRAY)
        return NULL;
    const char **r = arena_alloc(in->a, sizeof *r * (size_t)(v->nitems + 1));
    for (int i = 0; i < v->nitems; i++) {
        const char *s = kx_val_string(v->items[i]);
        if (!s)
            return NULL;
        r[i] = s;
    }
    *n = v->nitems;
    return r;
}

/* Property of an object literal value, evaluated; NULL when absent. */
static Val *object_get_in(Interp *in, Val *obj, const char *key);

Val *kx_object_get(Interp *in, Val *obj, const char *key)
{
    if (obj && obj->k == VK_MODULE)
        return kx_module_member(in, obj, key);
    if (!obj || obj->k != VK_OBJECT)
        return NULL;
    TsDoc *saved = in->doc;
    if (obj->doc)
        in->doc = obj->doc;
    Val *v = object_get_in(in, obj, key);
    in->doc = saved;
    return v;
}

static Val *object_get_in(Interp *in, Val *obj, const char *key)
{
    TSNode o = obj->node;
    for (unsigned i = 0; i < ts_nchildren(o); i++) {
        TSNode p = ts_child(o, i);
        if (ts_is(p, "pair")) {
            TSNode k = ts_field(p, "key");
            char *name = ts_is(k, "string") ? ts_string_value(in->a, in->doc, k) : kx_text(in, k);
            if (name && strcmp(name, key) == 0)
                return kx_eval(in, obj->scope, ts_field(p, "value"));
        } else if (ts_is(p, "shorthand_property_identifier")) {
            if (ts_text_is(in->doc, p, key)) {
                Val *v = lookup(obj->scope, key);
                return v ? v : &kx_unknown_val;
            }
        } else if (ts_is(p, "method_definition")) {
            if (ts_text_is(in->doc, ts_field(p, "name"), key)) {
                Val *f = kx_val_new(in, VK_FUNCTION);
                f->node = p;
                f->scope = obj->scope;
                f->doc = in->doc;
                return f;
            }
        } else if (ts_is(p, "spread_element")) {
            Val *base = kx_eval(in, obj->scope, ts_child(p, 0));
            Val *v = kx_object_get(in, base, key);
            if (v)
                return v; /* a later key still wins: keys after are checked below */
        }
    }
    return NULL;
}

bool kx_truthy(Val *v, bool *known)
{
    *known = true;
    switch (v->k) {
    case VK_BOOL: return v->b;
    case VK_NULL:
    case VK_UNDEFINED: return false;
    case VK_NUMBER: return v->n != 0;
    case VK_STRING: return v->s[0] != 0;
    case VK_UNKNOWN:
    case VK_QUERY:
    case VK_RAW: *known = false; return false;
    default: return true;
    }
}

static const char *template_value(Interp *in, Scope *s, TSNode n, int *dynamic)
{
    StrBuf b = STRBUF_INIT;
    sb_putn(&b, "", 0);
    uint32_t k = ts_node_child_count(n);
    bool ok = true;
    for (uint32_t i = 0; i < k && ok; i++) {
        TSNode c = ts_node_child(n, i);
        const char *type = ts_node_type(c);
        if (strcmp(type, "string_fragment") == 0) {
            uint32_t a = ts_node_start_byte(c), e = ts_node_end_byte(c);
            sb_putn(&b, in->doc->src + a, e - a);
        } else if (strcmp(type, "escape_sequence") == 0) {
            /* Rare in SQL; take it through the literal decoder of ts.c by
             * re-reading the whole template when there is no substitution. */
            char *t = kx_text(in, c);
            if (t[0] == '\\' && t[1])
                sb_puts(&b, t + 1);
        } else if (strcmp(type, "template_substitution") == 0) {
            Val *v = kx_eval(in, s, ts_child(c, 0));
            const char *t = kx_val_text(in, v);
            if (!t) {
                /* Known only at run time: as SQL, a parameter, unless it is
                 * glued to a name ("records_p${i}", "\"${table}\""), where no
                 * parameter can stand.  Callers that need a string (table
                 * names) see no value either way. */
                char before = b.len ? b.s[b.len - 1] : ' ';
                uint32_t end = ts_node_end_byte(c);
                char after = end < in->doc->len ? in->doc->src[end] : ' ';
                if (isalnum((unsigned char)before) || before == '_' || before == '"' || before == '$' ||
                    isalnum((unsigned char)after) || after == '_' || after == '"')
                    ok = false;
                (*dynamic)++;
                sb_printf(&b, "$%d", *dynamic);
            } else {
                sb_puts(&b, t);
            }
        }
    }
    char *r = ok ? arena_strndup(in->a, b.s ? b.s : "", b.len) : NULL;
    sb_fini(&b);
    return r;
}

static Val *eval_array(Interp *in, Scope *s, TSNode n)
{
    Val *v = kx_val_new(in, VK_ARRAY);
    unsigned k = ts_nchildren(n);
    v->items = arena_alloc(in->a, sizeof *v->items * (k ? k : 1));
    for (unsigned i = 0; i < k; i++) {
        TSNode c = ts_child(n, i);
        if (ts_is(c, "spread_element")) {
            Val *inner = kx_eval(in, s, ts_child(c, 0));
            if (inner->k != VK_ARRAY)
                return &kx_unknown_val;
            Val **items = arena_alloc(in->a, sizeof *items * (size_t)(v->nitems + inner->nitems + k));
            memcpy(items, v->items, sizeof *items * (size_t)v->nitems);
            memcpy(items + v->nitems, inner->items, sizeof *items * (size_t)inner->nitems);
            v->items = items;
            v->nitems += inner->nitems;
            continue;
        }
        v->items[v->nitems++] = kx_eval(in, s, c);
    }
    return v;
}

static Val **eval_args(Interp *in, Scope *s, TSNode args, int *n)
{
    unsigned k = ts_nchildren(args);
    Val **v = arena_alloc(in->a, sizeof *v * (k ? k : 1));
    for (unsigned i = 0; i < k; i++)
        v[i] = kx_eval(in, s, ts_child(args, i));
    *n = (int)k;
    return v;
}

Val *kx_arg(Val **args, int nargs, int i)
{
    return i < nargs ? args[i] : &kx_unknown_val;
}

/* Marks raw SQL values used as arguments so they are not run as
 * statements. */
void kx_consume(Val *v)
{
    if (v && v->k == VK_RAW)
        v->used = true;
}


/* Sets an existing variable (name bound in s or an enclosing scope). */
static void assign(Interp *in, Scope *s, const char *name, Val *v)
{
    (void)in;
    for (Scope *sc = s; sc; sc = sc->parent)
        for (Binding *b = sc->b; b; b = b->next)
            if (strcmp(b->name, name) == 0) {
                b->v = v;
                return;
            }
}

static Val *eval_member(Interp *in, Scope *s, TSNode n)
{
    Val *obj = kx_eval(in, s, ts_field(n, "object"));
    TSNode prop = ts_field(n, "property");
    char *name = kx_text(in, prop);
    if (obj->k == VK_KNEX) {
        if (strcmp(name, "schema") == 0) {
            Val *v = kx_val_new(in, VK_SCHEMA);
            v->schema = in->k->default_schema;
            return v;
        }
        if (strcmp(name, "fn") == 0)
            return kx_val_new(in, VK_FN);
        if (strcmp(name, "client") == 0)
            return kx_val_new(in, VK_CLIENT);
        return &kx_unknown_val;
    }
    if (obj->k == VK_CLIENT) {
        /* dbaudit audits PostgreSQL projects: the client is pg. */
        if (strcmp(name, "driverName") == 0 || strcmp(name, "client") == 0)
            return kx_val_str(in, "pg");
        if (strcmp(name, "dialect") == 0)
            return kx_val_str(in, "postgresql");
        if (strcmp(name, "config") == 0)
            return obj;
        return &kx_unknown_val;
    }
    if (obj->k == VK_OBJECT || obj->k == VK_MODULE) {
        Val *v = kx_object_get(in, obj, name);
        return v ? v : kx_val_new(in, VK_UNDEFINED);
    }
    if (obj->k == VK_ARRAY && strcmp(name, "length") == 0) {
        Val *v = kx_val_new(in, VK_NUMBER);
        v->n = obj->nitems;
        return v;
    }
    return &kx_unknown_val;
}

static Val *eval_call(Interp *in, Scope *s, TSNode n)
{
    TSNode fn = ts_unwrap(ts_field(n, "function"));
    TSNode args_node = ts_field(n, "arguments");
    if (ts_is(args_node, "template_string")) /* tagged template: sql`...` */
        return &kx_unknown_val;
    if (ts_is(fn, "member_expression")) {
        TSNode objn = ts_field(fn, "object");
        char *method = kx_text(in, ts_field(fn, "property"));
        /* Promise.all([...]) */
        if (ts_is(objn, "identifier") && ts_text_is(in->doc, objn, "Promise") &&
            (strcmp(method, "all") == 0 || strcmp(method, "allSettled") == 0)) {
            int before = in->schema_ops;
            int nargs;
            Val **args = eval_args(in, s, args_node, &nargs);
            (void)args;
            kx_flush_pending(in); /* raw SQL in the array runs now too */
            if (in->schema_ops - before >= 2) {
                MigEvent e = {0};
                e.kind = EV_PARALLEL_DDL;
                e.detail = arena_printf(in->a, "%d schema changes", in->schema_ops - before);
                e.origin = kx_origin_of(in, n);
                mig_event(in->k, &e);
            }
            return &kx_unknown_val;
        }
        Val *recv = kx_eval(in, s, objn);
        if (recv->k == VK_OBJECT || recv->k == VK_MODULE) { /* helpers.createTable(knex) */
            Val *f = kx_object_get(in, recv, method);
            if (f && f->k == VK_FUNCTION) {
                int na;
                Val **a = eval_args(in, s, args_node, &na);
                return kx_call_function(in, f, a, na, n);
            }
        }
        int nargs;
        /* Callbacks are evaluated lazily by the method (they need the
         * builder), so arguments are evaluated here: functions evaluate to
         * themselves. */
        Val **args = eval_args(in, s, args_node, &nargs);
        return kx_call_method(in, recv, method, args, nargs, n, args_node);
    }
    if (ts_is(fn, "identifier") && ts_text_is(in->doc, fn, "require")) {
        char *spec = ts_string_value(in->a, in->doc, ts_child(args_node, 0));
        return kx_require(in, spec, n);
    }
    Val *callee = kx_eval(in, s, fn);
    int nargs;
    Val **args = eval_args(in, s, args_node, &nargs);
    if (callee->k == VK_KNEX) /* knex('table') */
        return kx_new_query(in, kx_val_string(kx_arg(args, nargs, 0)), n);
    if (callee->k == VK_FUNCTION)
        return kx_call_function(in, callee, args, nargs, n);
    return &kx_unknown_val;
}

bool kx_is_pg_client(const char *name)
{
    static const char *const pg[] = {"pg", "postgres", "postgresql", "pg-native", "pgnative", NULL};
    for (int i = 0; pg[i]; i++)
        if (strcmp(name, pg[i]) == 0)
            return true;
    return false;
}

bool kx_is_other_client(const char *name)
{
    static const char *const other[] = {"mysql", "mysql2", "mariadb", "sqlite", "sqlite3", "better-sqlite3",
                                        "mssql", "tedious", "oracle", "oracledb", "cockroachdb", "redshift",
                                        NULL};
    for (int i = 0; other[i]; i++)
        if (strcmp(name, other[i]) == 0)
            return true;
    return false;
}

static Val *eval_binary(Interp *in, Scope *s, TSNode n)
{
    TSNode opn = ts_field(n, "operator");
    char *op = kx_text(in, opn);
    Val *l = kx_eval(in, s, ts_field(n, "left"));
    if (strcmp(op, "&&") == 0 || strcmp(op, "||") == 0 || strcmp(op, "??") == 0) {
        bool known;
        bool t = kx_truthy(l, &known);
        if (strcmp(op, "??") == 0) {
            if (l->k == VK_NULL || l->k == VK_UNDEFINED)
                return kx_eval(in, s, ts_field(n, "right"));
            return l->k == VK_UNKNOWN ? &kx_unknown_val : l;
        }
        if (!known)
            return &kx_unknown_val;
        if ((strcmp(op, "&&") == 0) == t)
            return kx_eval(in, s, ts_field(n, "right"));
        return l;
    }
    Val *r = kx_eval(in, s, ts_field(n, "right"));
    if (strcmp(op, "+") == 0) {
        if (l->k == VK_NUMBER && r->k == VK_NUMBER) {
            Val *v = kx_val_new(in, VK_NUMBER);
            v->n = l->n + r->n;
            return v;
        }
        const char *a = kx_val_text(in, l), *b = kx_val_text(in, r);
        if (a && b && (l->k == VK_STRING || r->k == VK_STRING))
            return kx_val_str(in, arena_printf(in->a, "%s%s", a, b));
        return &kx_unknown_val;
    }
    if (l->k == VK_NUMBER && r->k == VK_NUMBER && op[0] && strchr("<>-*/%", op[0])) {
        Val *v = kx_val_new(in, VK_NUMBER);
        double x = l->n, y = r->n;
        if (strcmp(op, "<") == 0 || strcmp(op, "<=") == 0 || strcmp(op, ">") == 0 || strcmp(op, ">=") == 0) {
            v->k = VK_BOOL;
            v->b = op[0] == '<' ? (op[1] ? x <= y : x < y) : (op[1] ? x >= y : x > y);
        } else if (op[0] == '-') {
            v->n = x - y;
        } else if (op[0] == '*') {
            v->n = x * y;
        } else if (op[0] == '/' && y != 0) {
            v->n = x / y;
        } else if (op[0] == '%' && (long long)y != 0) {
            v->n = (double)((long long)x % (long long)y);
        } else {
            return &kx_unknown_val;
        }
        return v;
    }
    if (strcmp(op, "===") == 0 || strcmp(op, "==") == 0 || strcmp(op, "!==") == 0 || strcmp(op, "!=") == 0) {
        const char *a = kx_val_text(in, l), *b = kx_val_text(in, r);
        if (!a != !b) {
            /* env.DB_CLIENT === "mysql": dbaudit reads the project as it
             * runs on PostgreSQL, so a comparison of an unknown value with a
             * client name has a known answer. */
            const char *name = a ? a : b;
            int pg = kx_is_pg_client(name) ? 1 : kx_is_other_client(name) ? 0 : -1;
            if (pg < 0)
                return &kx_unknown_val;
            Val *v = kx_val_new(in, VK_BOOL);
            v->b = (pg == 1) == (op[0] == '=');
            return v;
        }
        if (!a || !b)
            return &kx_unknown_val;
        Val *v = kx_val_new(in, VK_BOOL);
        v->b = (strcmp(a, b) == 0) == (op[0] == '=');
        return v;
    }
    return &kx_unknown_val;
}

Val *kx_eval(Interp *in, Scope *s, TSNode n)
{
    n = ts_unwrap(n);
    if (ts_node_is_null(n))
        return &kx_unknown_val;
    const char *t = ts_node_type(n);
    if (strcmp(t, "string") == 0) {
        char *v = ts_string_value(in->a, in->doc, n);
        return v ? kx_val_str(in, v) : &kx_unknown_val;
    }
    if (strcmp(t, "template_string") == 0) {
        int dynamic = 0;
        const char *v = template_value(in, s, n, &dynamic);
        if (!v) {
            Val *r = kx_val_new(in, VK_UNKNOWN);
            r->node = n;
            return r;
        }
        Val *r = kx_val_str(in, v);
        r->node = n;
        if (dynamic) {
            /* Not a string anyone can name a table with; raw SQL may still
             * use it when the run-time parts sit where values go. */
            r->k = VK_UNKNOWN;
            r->dynamic_sql = v;
        }
        return r;
    }
    if (strcmp(t, "number") == 0) {
        Val *v = kx_val_new(in, VK_NUMBER);
        if (!ts_number_value(in->doc, n, &v->n))
            return &kx_unknown_val;
        return v;
    }
    if (strcmp(t, "true") == 0 || strcmp(t, "false") == 0) {
        Val *v = kx_val_new(in, VK_BOOL);
        v->b = t[0] == 't';
        return v;
    }
    if (strcmp(t, "null") == 0)
        return kx_val_new(in, VK_NULL);
    if (strcmp(t, "undefined") == 0)
        return kx_val_new(in, VK_UNDEFINED);
    if (strcmp(t, "identifier") == 0) {
        char *name = kx_text(in, n);
        Val *v = lookup(s, name);
        if (v)
            return v;
        if (strcmp(name, "undefined") == 0)
            return kx_val_new(in, VK_UNDEFINED);
        return &kx_unknown_val;
    }
    if (strcmp(t, "array") == 0)
        return eval_array(in, s, n);
    if (strcmp(t, "object") == 0) {
        Val *v = kx_val_new(in, VK_OBJECT);
        v->node = n;
        v->scope = s;
        v->doc = in->doc;
        return v;
    }
    if (strcmp(t, "arrow_function") == 0 || strcmp(t, "function_expression") == 0 ||
        strcmp(t, "function") == 0 || strcmp(t, "function_declaration") == 0 ||
        strcmp(t, "generator_function") == 0) {
        Val *v = kx_val_new(in, VK_FUNCTION);
        v->node = n;
        v->scope = s;
        v->doc = in->doc;
        return v;
    }
    if (strcmp(t, "member_expression") == 0)
        return eval_member(in, s, n);
    if (strcmp(t, "subscript_expression") == 0) {
        Val *obj = kx_eval(in, s, ts_field(n, "object"));
        Val *idx = kx_eval(in, s, ts_field(n, "index"));
        if (obj->k == VK_ARRAY && idx->k == VK_NUMBER && idx->n >= 0 && idx->n < obj->nitems)
            return obj->items[(int)idx->n];
        if (obj->k == VK_OBJECT && idx->k == VK_STRING) {
            Val *v = kx_object_get(in, obj, idx->s);
            return v ? v : kx_val_new(in, VK_UNDEFINED);
        }
        return &kx_unknown_val;
    }
    if (strcmp(t, "call_expression") == 0)
        return eval_call(in, s, n);
    if (strcmp(t, "unary_expression") == 0) {
        char *op = kx_text(in, ts_field(n, "operator"));
        Val *a = kx_eval(in, s, ts_field(n, "argument"));
        if (strcmp(op, "!") == 0) {
            bool known;
            bool b = kx_truthy(a, &known);
            if (!known)
                return &kx_unknown_val;
            Val *v = kx_val_new(in, VK_BOOL);
            v->b = !b;
            return v;
        }
        if (strcmp(op, "-") == 0 && a->k == VK_NUMBER) {
            Val *v = kx_val_new(in, VK_NUMBER);
            v->n = -a->n;
            return v;
        }
        return &kx_unknown_val;
    }
    if (strcmp(t, "binary_expression") == 0)
        return eval_binary(in, s, n);
    if (strcmp(t, "ternary_expression") == 0) {
        bool known;
        bool c = kx_truthy(kx_eval(in, s, ts_field(n, "condition")), &known);
        if (!known)
            return &kx_unknown_val;
        return kx_eval(in, s, ts_field(n, c ? "consequence" : "alternative"));
    }
    if (strcmp(t, "update_expression") == 0 || strcmp(t, "augmented_assignment_expression") == 0) {
        /* i++, ++i, i -= 2: numbers held by variables, for counted loops */
        bool update = t[0] == 'u';
        TSNode target = ts_field(n, update ? "argument" : "left");
        if (!ts_is(target, "identifier"))
            return &kx_unknown_val;
        Val *old = kx_eval(in, s, target);
        const char *op = kx_text(in, ts_field(n, "operator"));
        Val *now = kx_val_new(in, VK_NUMBER);
        if (old->k != VK_NUMBER) {
            now = &kx_unknown_val;
        } else if (update) {
            now->n = old->n + (strcmp(op, "++") == 0 ? 1 : -1);
        } else {
            Val *by = kx_eval(in, s, ts_field(n, "right"));
            if (by->k != VK_NUMBER || (op[0] != '+' && op[0] != '-' && op[0] != '*'))
                now = &kx_unknown_val;
            else
                now->n = op[0] == '+' ? old->n + by->n : op[0] == '-' ? old->n - by->n : old->n * by->n;
        }
        assign(in, s, kx_text(in, target), now);
        bool prefix = update && ts_node_start_byte(ts_field(n, "operator")) < ts_node_start_byte(target);
        return update && !prefix ? old : now;
    }
    if (strcmp(t, "assignment_expression") == 0) {
        TSNode left = ts_field(n, "left");
        Val *v = kx_eval(in, s, ts_field(n, "right"));
        if (ts_is(left, "identifier")) {
            char *name = kx_text(in, left);
            for (Scope *sc = s; sc; sc = sc->parent)
                for (Binding *b = sc->b; b; b = b->next)
                    if (strcmp(b->name, name) == 0) {
                        b->v = v;
                        return v;
                    }
        }
        return v;
    }
    if (strcmp(t, "sequence_expression") == 0) {
        Val *v = &kx_unknown_val;
        for (unsigned i = 0; i < ts_nchildren(n); i++)
            v = kx_eval(in, s, ts_child(n, i));
        return v;
    }
    if (strcmp(t, "new_expression") == 0)
        return &kx_unknown_val;
    return &kx_unknown_val;
}

/* ------------------------------------------------------------------ */
/* Statements                                                           */

static void bind_pattern(Interp *in, Scope *s, TSNode pat, Val *v)
{
    pat = ts_unwrap(pat);
    if (ts_is(pat, "required_parameter") || ts_is(pat, "optional_parameter"))
        pat = ts_field(pat, "pattern");
    if (ts_is(pat, "assignment_pattern")) {
        if (!v || v->k == VK_UNDEFINED)
            v = kx_eval(in, s, ts_field(pat, "right"));
        pat = ts_field(pat, "left");
    }
    if (ts_is(pat, "identifier")) {
        bind(in, s, kx_text(in, pat), v ? v : kx_val_new(in, VK_UNDEFINED));
    } else if (ts_is(pat, "object_pattern")) {
        for (unsigned i = 0; i < ts_nchildren(pat); i++) {
            TSNode p = ts_child(pat, i);
            if (ts_is(p, "shorthand_property_identifier_pattern")) {
                char *name = kx_text(in, p);
                Val *x = kx_object_get(in, v, name);
                bind(in, s, name, x ? x : &kx_unknown_val);
            } else if (ts_is(p, "pair_pattern")) {
                TSNode key = ts_field(p, "key");
                char *name = ts_is(key, "string") ? ts_string_value(in->a, in->doc, key) : kx_text(in, key);
                Val *x = name ? kx_object_get(in, v, name) : NULL;
                bind_pattern(in, s, ts_field(p, "value"), x ? x : &kx_unknown_val);
            } else if (ts_is(p, "object_assignment_pattern")) {
                TSNode left = ts_field(p, "left");
                char *name = kx_text(in, left);
                Val *x = kx_object_get(in, v, name);
                if (!x || x->k == VK_UNDEFINED)
                    x = kx_eval(in, s, ts_field(p, "right"));
                bind(in, s, name, x);
            }
        }
    } else if (ts_is(pat, "array_pattern")) {
        for (unsigned i = 0; i < ts_nchildren(pat); i++) {
            Val *x = v && v->k == VK_ARRAY && (int)i < v->nitems ? v->items[i] : &kx_unknown_val;
            bind_pattern(in, s, ts_child(pat, i), x);
        }
    }
}

void kx_exec_declaration(Interp *in, Scope *s, TSNode n)
{
    for (unsigned i = 0; i < ts_nchildren(n); i++) {
        TSNode d = ts_child(n, i);
        if (!ts_is(d, "variable_declarator"))
            continue;
        TSNode value = ts_field(d, "value");
        Val *v = ts_node_is_null(value) ? kx_val_new(in, VK_UNDEFINED) : kx_eval(in, s, value);
        bind_pattern(in, s, ts_field(d, "name"), v);
    }
}

static bool mentions_knex(Interp *in, TSNode n)
{
    char *t = kx_text(in, n);
    return strstr(t, "schema") || strstr(t, ".raw") || strstr(t, "knex") || strstr(t, "trx");
}

/* Whether code may change the schema: schema builder calls, or SQL text
 * with DDL in it.  Data statements (knex('t').update, UPDATE in raw SQL)
 * do not: a condition that only guards them changes no model. */
static bool changes_schema(Interp *in, TSNode n)
{
    char *t = kx_text(in, n);
    if (strstr(t, "schema.") || strstr(t, "schema\n") || strstr(t, ".schema"))
        return true;
    static const char *const ddl[] = {"create ", "alter ", "drop ", "rename ", NULL};
    for (char *p = t; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    for (int i = 0; ddl[i]; i++)
        if (strstr(t, ddl[i]))
            return true;
    return false;
}

static void exec_stmt(Interp *in, Scope *s, TSNode n);

/* How many schema changes the migration has made so far: recorded events
 * other than data statements, and builder calls.  A difference tells that
 * code changed the schema. */
static long changes(Interp *in)
{
    long n = in->builder_calls;
    const MigEventVec *vs[2] = {&in->k->mig->up, &in->k->mig->down};
    for (int d = 0; d < 2; d++)
        for (int i = 0; i < vs[d]->n; i++)
            n += vs[d]->v[i].kind != EV_BACKFILL && vs[d]->v[i].kind != EV_OTHER; /* data is no schema change */
    return n;
}

/* switch: the case whose label equals the value; for a value known only at
 * run time, the case of a PostgreSQL client name ("pg", "postgres"), since
 * dbaudit reads a project as it runs on PostgreSQL. */
static void exec_switch(Interp *in, Scope *s, TSNode n)
{
    Val *v = kx_eval(in, s, ts_field(n, "value"));
    const char *key = kx_val_text(in, v);
    TSNode body = ts_field(n, "body");
    int start = -1, dflt = -1;
    for (unsigned i = 0; i < ts_nchildren(body) && start < 0; i++) {
        TSNode c = ts_child(body, i);
        if (ts_is(c, "switch_default")) {
            dflt = (int)i;
            continue;
        }
        Val *label = kx_eval(in, s, ts_field(c, "value"));
        const char *lt = kx_val_text(in, label);
        if (!lt)
            continue;
        if (key ? strcmp(lt, key) == 0 : kx_is_pg_client(lt))
            start = (int)i;
    }
    if (start < 0 && key)
        start = dflt;
    if (start < 0) {
        if (!key && changes_schema(in, body))
            kx_not_understood(in, ts_field(n, "value"), "switch on %s cannot be evaluated without running the "
                              "migration; no case was followed", kx_excerpt(in, ts_field(n, "value")));
        return;
    }
    Scope *inner = scope_new(in, s);
    for (unsigned i = (unsigned)start; i < ts_nchildren(body) && !in->returned; i++) {
        TSNode c = ts_child(body, i);
        bool brk = false;
        for (unsigned j = 0; j < ts_nchildren(c); j++) {
            TSNode st = ts_child(c, j);
            if (ts_node_eq(st, ts_field(c, "value")))
                continue;
            if (ts_is(st, "break_statement")) {
                brk = true;
                break;
            }
            exec_stmt(in, inner, st);
        }
        if (brk)
            break;
    }
}

static void exec_for_of(Interp *in, Scope *s, TSNode n)
{
    TSNode op = ts_field(n, "operator");
    Val *list = kx_eval(in, s, ts_field(n, "right"));
    bool of = ts_node_is_null(op) || ts_text_is(in->doc, op, "of");
    if (!of || list->k != VK_ARRAY) {
        /* Rows read at run time: the body runs once with an unknown item,
         * as a batch loop.  A schema change in it that depends on the
         * item is reported where it happens (a table named at run time). */
        Scope *inner = scope_new(in, s);
        bind_pattern(in, inner, ts_field(n, "left"), &kx_unknown_val);
        in->loops++;
        exec_stmt(in, inner, ts_field(n, "body"));
        in->loops--;
        return;
    }
    TSNode left = ts_field(n, "left");
    for (int i = 0; i < list->nitems && i < MAX_UNROLL && !in->returned; i++) {
        Scope *inner = scope_new(in, s);
        bind_pattern(in, inner, left, list->items[i]);
        exec_stmt(in, inner, ts_field(n, "body"));
    }
}

/* for (let i = 0; i < 256; i++): run as many times as the condition says
 * when it can be evaluated (partitions, numbered tables); otherwise the
 * loop runs until rows run out (batching), and its body is read once. */
static void exec_for(Interp *in, Scope *s, TSNode n)
{
    Scope *ls = scope_new(in, s);
    TSNode init = ts_field(n, "initializer");
    if (ts_is(init, "lexical_declaration") || ts_is(init, "variable_declaration"))
        kx_exec_declaration(in, ls, init);
    else if (!ts_node_is_null(init))
        kx_eval(in, ls, ts_is(init, "expression_statement") ? ts_child(init, 0) : init);
    TSNode cond = ts_field(n, "condition");
    if (ts_is(cond, "expression_statement"))
        cond = ts_child(cond, 0);
    for (int iter = 0;; iter++) {
        bool known = true, go = true;
        if (!ts_node_is_null(cond) && !ts_is(cond, "empty_statement"))
            go = kx_truthy(kx_eval(in, ls, cond), &known);
        else
            known = false;
        if (!known) {
            if (iter == 0) {
                in->loops++;
                exec_stmt(in, scope_new(in, ls), ts_field(n, "body"));
                in->loops--;
            }
            return;
        }
        if (!go || in->returned)
            return;
        if (iter == MAX_UNROLL) {
            kx_not_understood(in, n, "loop runs more than %d times; the rest is not followed", MAX_UNROLL);
            return;
        }
        exec_stmt(in, scope_new(in, ls), ts_field(n, "body"));
        kx_flush_pending(in);
        kx_eval(in, ls, ts_field(n, "increment"));
    }
}

static void exec_stmt(Interp *in, Scope *s, TSNode n)
{
    if (in->returned || ts_node_is_null(n))
        return;
    const char *t = ts_node_type(n);
    if (strcmp(t, "statement_block") == 0) {
        exec_block(in, scope_new(in, s), n);
        return;
    }
    if (strcmp(t, "expression_statement") == 0) {
        kx_eval(in, s, ts_child(n, 0));
        kx_flush_pending(in);
        return;
    }
    if (strcmp(t, "return_statement") == 0) {
        Val *v = ts_nchildren(n) ? kx_eval(in, s, ts_child(n, 0)) : kx_val_new(in, VK_UNDEFINED);
        kx_flush_pending(in);
        in->returned = true;
        in->ret = v;
        return;
    }
    if (strcmp(t, "lexical_declaration") == 0 || strcmp(t, "variable_declaration") == 0) {
        kx_exec_declaration(in, s, n);
        kx_flush_pending(in);
        return;
    }
    if (strcmp(t, "function_declaration") == 0) {
        bind(in, s, kx_text(in, ts_field(n, "name")), kx_eval(in, s, n));
        return;
    }
    if (strcmp(t, "if_statement") == 0) {
        TSNode cond = ts_field(n, "condition");
        bool known;
        bool c = kx_truthy(kx_eval(in, s, cond), &known);
        kx_flush_pending(in);
        TSNode alt = ts_field(n, "alternative");
        if (!known) {
            /* Assume it true, and say so when that decided a schema change:
             * the branch run changed the model or a builder, or the branch
             * not run would have. */
            long before = changes(in);
            exec_stmt(in, s, ts_field(n, "consequence"));
            if (changes(in) != before || (!ts_node_is_null(alt) && changes_schema(in, alt)))
                kx_not_understood(in, cond, "condition %s cannot be evaluated without running the migration; "
                               "dbaudit assumed it true", kx_excerpt(in, cond));
            return;
        }
        if (c)
            exec_stmt(in, s, ts_field(n, "consequence"));
        else if (!ts_node_is_null(alt))
            exec_stmt(in, s, ts_child(alt, 0)); /* else_clause */
        return;
    }
    if (strcmp(t, "switch_statement") == 0) {
        exec_switch(in, s, n);
        return;
    }
    if (strcmp(t, "for_in_statement") == 0) {
        exec_for_of(in, s, n);
        return;
    }
    if (strcmp(t, "for_statement") == 0) {
        exec_for(in, s, n);
        return;
    }
    if (strcmp(t, "while_statement") == 0 || strcmp(t, "do_statement") == 0) {
        /* Loops of unknown length: batching loops.  Their body runs once. */
        in->loops++;
        exec_stmt(in, scope_new(in, s), ts_field(n, "body"));
        in->loops--;
        return;
    }
    if (strcmp(t, "try_statement") == 0) {
        exec_stmt(in, s, ts_field(n, "body"));
        TSNode fin = ts_field(n, "finalizer");
        if (!ts_node_is_null(fin))
            exec_stmt(in, s, ts_child(fin, 0));
        return;
    }
    if (strcmp(t, "empty_statement") == 0 || strcmp(t, "comment") == 0 || strcmp(t, "throw_statement") == 0 ||
        strcmp(t, "break_statement") == 0 || strcmp(t, "continue_statement") == 0 ||
        strcmp(t, "import_statement") == 0 || strcmp(t, "type_alias_declaration") == 0 ||
        strcmp(t, "interface_declaration") == 0)
        return;
    if (mentions_knex(in, n))
        kx_not_understood(in, n, "%s statement is not followed by dbaudit", t);
}

static void exec_block(Interp *in, Scope *s, TSNode n)
{
    /* Hoist function declarations. */
    for (unsigned i = 0; i < ts_nchildren(n); i++) {
        TSNode c = ts_child(n, i);
        if (ts_is(c, "function_declaration"))
            bind(in, s, kx_text(in, ts_field(c, "name")), kx_eval(in, s, c));
    }
    for (unsigned i = 0; i < ts_nchildren(n) && !in->returned; i++) {
        TSNode c = ts_child(n, i);
        if (!ts_is(c, "function_declaration"))
            exec_stmt(in, s, c);
    }
}

Val *kx_call_function(Interp *in, Val *fn, Val **args, int nargs, TSNode site)
{
    if (in->depth >= MAX_CALL_DEPTH) {
        kx_not_understood(in, site, "calls nested more than %d deep are not followed", MAX_CALL_DEPTH);
        return &kx_unknown_val;
    }
    TSNode f = fn->node;
    TsDoc *saved_doc = in->doc;
    if (fn->doc)
        in->doc = fn->doc;
    Scope *s = scope_new(in, fn->scope);
    TSNode params = ts_field(f, "parameters");
    if (ts_node_is_null(params)) {
        TSNode p = ts_field(f, "parameter"); /* x => ... */
        if (!ts_node_is_null(p))
            bind_pattern(in, s, p, kx_arg(args, nargs, 0));
    } else {
        for (unsigned i = 0; i < ts_nchildren(params); i++)
            bind_pattern(in, s, ts_child(params, i), i < (unsigned)nargs ? args[i] : kx_val_new(in, VK_UNDEFINED));
    }
    TSNode body = ts_field(f, "body");
    bool saved_ret = in->returned;
    Val *saved_val = in->ret;
    in->returned = false;
    in->ret = NULL;
    in->depth++;
    Val *result;
    if (ts_is(body, "statement_block")) {
        exec_block(in, s, body);
        result = in->ret ? in->ret : kx_val_new(in, VK_UNDEFINED);
    } else {
        result = kx_eval(in, s, body); /* expression body */
    }
    in->depth--;
    in->doc = saved_doc;
    in->returned = saved_ret;
    in->ret = saved_val;
    return result;
}

/* ------------------------------------------------------------------ */
/* The module: finding up, down and config                             */

/* A JavaScript/TypeScript module: the migration itself, or a file it
 * imports with a relative path (constants, helper functions). */
struct Module {
    const char *path;
    TsDoc doc;
    Scope *scope;      /* its top-level bindings */
    Scope *exports;    /* export const / exports.x / export { } */
    Val *module_value; /* module.exports = value, or export default value */
    bool loading;      /* for import cycles */
};

#define MAX_MODULES 64

static Module *load_module(Interp *in, const char *path, TSNode at);

static void export_name(Interp *in, Module *m, const char *name, Val *v)
{
    if (v)
        bind(in, m->exports, name, v);
}

/* The value an importer sees for name (NULL when not exported). */
static Val *module_get(Interp *in, Module *m, const char *name)
{
    Val *v = lookup(m->exports, name);
    if (!v && m->module_value)
        v = kx_object_get(in, m->module_value, name);
    return v;
}

/* A module as a value: module.exports when assigned, else its exports. */
static Val *module_val(Interp *in, Module *m)
{
    if (m->module_value)
        return m->module_value;
    Val *v = kx_val_new(in, VK_MODULE);
    v->mod = m;
    return v;
}

Val *kx_module_member(Interp *in, Val *mod, const char *name)
{
    Val *v = module_get(in, mod->mod, name);
    return v ? v : kx_val_new(in, VK_UNDEFINED);
}

static bool dir_of(const char *path, char *out, size_t n)
{
    const char *slash = strrchr(path, '/');
    int len = slash ? (int)(slash - path) : 1;
    int w = snprintf(out, n, "%.*s", len, slash ? path : ".");
    return w > 0 && (size_t)w < n;
}

/* require('./x') / import ... from './x': the module, or NULL for packages
 * and files that cannot be found. */
static Module *import_relative(Interp *in, const char *spec, TSNode at)
{
    if (!spec || (strncmp(spec, "./", 2) != 0 && strncmp(spec, "../", 3) != 0))
        return NULL;
    char dir[4096];
    if (!dir_of(in->doc->path, dir, sizeof dir))
        return NULL;
    static const char *const suffixes[] = {"", ".ts", ".js", ".cjs", ".mjs", ".cts", ".mts",
                                           "/index.ts", "/index.js", NULL};
    /* A TypeScript import of "./x.js" names x.ts. */
    char base[4096];
    if (snprintf(base, sizeof base, "%.2000s/%.2000s", dir, spec) >= (int)sizeof base)
        return NULL;
    size_t bl = strlen(base);
    if (bl > 3 && strcmp(base + bl - 3, ".js") == 0) {
        char ts[4200];
        snprintf(ts, sizeof ts, "%.*s.ts", (int)(bl - 3), base);
        FILE *f = fopen(ts, "rb");
        if (f) {
            fclose(f);
            return load_module(in, path_normalize(in->a, ts), at);
        }
    }
    for (int i = 0; suffixes[i]; i++) {
        char p[4300];
        snprintf(p, sizeof p, "%s%s", base, suffixes[i]);
        FILE *f = fopen(p, "rb");
        if (!f)
            continue;
        /* directories open too; make sure it reads */
        char c;
        bool ok = fread(&c, 1, 1, f) == 1 || feof(f);
        bool isdir = ferror(f);
        fclose(f);
        if (ok && !isdir)
            return load_module(in, path_normalize(in->a, p), at);
    }
    return NULL;
}

Val *kx_require(Interp *in, const char *spec, TSNode at)
{
    Module *m = import_relative(in, spec, at);
    return m ? module_val(in, m) : &kx_unknown_val;
}

static void bind_import(Interp *in, Scope *g, TSNode stmt)
{
    TSNode src = ts_field(stmt, "source");
    char *spec = ts_string_value(in->a, in->doc, src);
    Module *m = import_relative(in, spec, stmt);
    if (!m)
        return;
    for (unsigned i = 0; i < ts_nchildren(stmt); i++) {
        TSNode cl = ts_child(stmt, i);
        if (!ts_is(cl, "import_clause"))
            continue;
        for (unsigned j = 0; j < ts_nchildren(cl); j++) {
            TSNode c = ts_child(cl, j);
            if (ts_is(c, "identifier")) { /* import x from */
                Val *v = module_get(in, m, "default");
                bind(in, g, kx_text(in, c), v ? v : module_val(in, m));
            } else if (ts_is(c, "namespace_import")) { /* import * as ns */
                TSNode id = ts_child(c, 0);
                bind(in, g, kx_text(in, id), module_val(in, m));
            } else if (ts_is(c, "named_imports")) {
                for (unsigned k = 0; k < ts_nchildren(c); k++) {
                    TSNode sp = ts_child(c, k);
                    if (!ts_is(sp, "import_specifier"))
                        continue;
                    TSNode nm = ts_field(sp, "name"), alias = ts_field(sp, "alias");
                    char *name = kx_text(in, nm);
                    Val *v = module_get(in, m, name);
                    if (v)
                        bind(in, g, ts_node_is_null(alias) ? name : kx_text(in, alias), v);
                }
            }
        }
    }
}

/* Top-level statements of the module in in->doc: bindings and exports.
 * Nothing runs: pending SQL of a module's top level is dropped. */
static void read_module(Interp *in, Module *m)
{
    TSNode root = in->doc->root;
    Scope *g = m->scope;
    /* Function declarations are hoisted; everything else in order. */
    for (unsigned i = 0; i < ts_nchildren(root); i++) {
        TSNode c = ts_child(root, i);
        TSNode d = ts_is(c, "export_statement") ? ts_field(c, "declaration") : c;
        if (ts_is(d, "function_declaration"))
            bind(in, g, kx_text(in, ts_field(d, "name")), kx_eval(in, g, d));
    }
    for (unsigned i = 0; i < ts_nchildren(root); i++) {
        TSNode c = ts_child(root, i);
        if (ts_is(c, "import_statement")) {
            /* The migration's imports, and theirs: constants and helpers
             * live there.  Deeper imports are not followed. */
            if (in->module_depth < 2)
                bind_import(in, g, c);
            continue;
        }
        if (ts_is(c, "lexical_declaration") || ts_is(c, "variable_declaration")) {
            kx_exec_declaration(in, g, c);
            in->pending.n = 0;
            continue;
        }
        if (ts_is(c, "export_statement")) {
            TSNode d = ts_field(c, "declaration");
            if (ts_is(d, "function_declaration")) {
                char *name = kx_text(in, ts_field(d, "name"));
                export_name(in, m, name, lookup(g, name));
            } else if (ts_is(d, "lexical_declaration") || ts_is(d, "variable_declaration")) {
                kx_exec_declaration(in, g, d);
                in->pending.n = 0;
                for (unsigned j = 0; j < ts_nchildren(d); j++) {
                    TSNode nm = ts_field(ts_child(d, j), "name");
                    if (ts_is(nm, "identifier")) {
                        char *name = kx_text(in, nm);
                        export_name(in, m, name, lookup(g, name));
                    }
                }
            } else {
                TSNode v = ts_field(c, "value"); /* export default ... */
                if (!ts_node_is_null(v)) {
                    Val *dv = kx_eval(in, g, v);
                    export_name(in, m, "default", dv);
                    if (dv->k == VK_OBJECT)
                        m->module_value = dv;
                }
                for (unsigned j = 0; j < ts_nchildren(c); j++) { /* export { up, down as x } */
                    TSNode cl = ts_child(c, j);
                    if (!ts_is(cl, "export_clause"))
                        continue;
                    for (unsigned k = 0; k < ts_nchildren(cl); k++) {
                        TSNode sp = ts_child(cl, k);
                        TSNode nm = ts_field(sp, "name"), alias = ts_field(sp, "alias");
                        char *local = kx_text(in, nm);
                        export_name(in, m, ts_node_is_null(alias) ? local : kx_text(in, alias), lookup(g, local));
                    }
                }
            }
            continue;
        }
        if (ts_is(c, "expression_statement")) {
            TSNode e = ts_unwrap(ts_child(c, 0));
            if (!ts_is(e, "assignment_expression"))
                continue;
            char *lt = kx_text(in, ts_field(e, "left"));
            Val *v = kx_eval(in, g, ts_field(e, "right"));
            in->pending.n = 0;
            if (strcmp(lt, "module.exports") == 0)
                m->module_value = v;
            else if (strncmp(lt, "exports.", 8) == 0)
                export_name(in, m, lt + 8, v);
            else if (strncmp(lt, "module.exports.", 15) == 0)
                export_name(in, m, lt + 15, v);
        }
    }
}

static Module *load_module_in(Interp *in, const char *path, TSNode at);

/* Modules outlive the migration that imports them first: their values are
 * made in the project's arena. */
static Module *load_module(Interp *in, const char *path, TSNode at)
{
    Arena *saved = in->a;
    in->a = in->keep;
    Module *m = load_module_in(in, arena_strdup(in->keep, path), at);
    in->a = saved;
    return m;
}

static Module *load_module_in(Interp *in, const char *path, TSNode at)
{
    KnexModules *ms = in->modules;
    for (int i = 0; i < ms->v.n; i++)
        if (strcmp(ms->v.v[i]->path, path) == 0)
            return ms->v.v[i]->loading ? NULL : ms->v.v[i];
    if (ms->v.n >= MAX_MODULES)
        return NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    if (size < 0 || size > (4L << 20)) {
        fclose(f);
        return NULL;
    }
    char *src = arena_alloc(in->a, (size_t)size + 1);
    size_t n = fread(src, 1, (size_t)size, f);
    fclose(f);
    Module *m = arena_alloc(in->a, sizeof *m);
    m->path = path;
    const char *err;
    if (!ts_parse(&m->doc, ts_lang_for_path(path), path, src, n, &err))
        return NULL;
    m->scope = scope_new(in, NULL);
    m->exports = scope_new(in, NULL);
    m->loading = true;
    vec_push(in->a, &ms->v, m);
    TsDoc *saved = in->doc;
    in->doc = &m->doc;
    in->module_depth++;
    read_module(in, m);
    in->module_depth--;
    in->doc = saved;
    m->loading = false;
    (void)at;
    return m;
}

/* Runs up or down: the function gets knex (and, like old Knex, Promise). */
static void run_direction(Interp *in, Val *fn, TSNode at)
{
    Val *knex = kx_val_new(in, VK_KNEX);
    Val *args[2] = {knex, &kx_unknown_val};
    in->returned = false;
    in->ret = NULL;
    Val *r = kx_call_function(in, fn, args, 2, at);
    (void)r;
    kx_flush_pending(in);
}

static TSNode where_defined(Val *v, Module *m)
{
    if (v && v->k == VK_FUNCTION)
        return v->node;
    return m->doc.root;
}

KnexModules *knex_modules_new(Arena *a)
{
    return arena_alloc(a, sizeof(KnexModules));
}

void knex_modules_free(KnexModules *ms)
{
    if (!ms)
        return;
    for (int i = 0; i < ms->v.n; i++)
        ts_doc_free(&ms->v.v[i]->doc);
    arena_fini(&ms->scratch);
}

void knex_read_migration(MigSink *k, KnexModules *modules, const char *path, const char *src, size_t len,
                         bool lenient)
{
    Migration *m = k->mig;
    Interp in = {0};
    in.k = k;
    in.keep = &k->schema->arena;
    arena_reset(&modules->scratch);
    in.a = &modules->scratch;
    Module *main = arena_alloc(in.a, sizeof *main);
    main->path = path;
    const char *err;
    if (!ts_parse(&main->doc, ts_lang_for_path(path), path, src, len, &err)) {
        mig_not_understood(k, (Origin){path, 1, 1}, "%s", err);
        return;
    }
    in.doc = &main->doc;
    main->scope = scope_new(&in, NULL);
    main->exports = scope_new(&in, NULL);
    in.modules = modules;
    TSNode bad = ts_first_error(main->doc.root);
    if (!ts_node_is_null(bad)) {
        Origin o = kx_origin_of(&in, bad);
        mig_not_understood(k, o, "syntax error: %s; Knex could not load this migration",
                           ts_node_is_missing(bad) ? arena_printf(in.a, "missing %s", ts_node_type(bad))
                                                   : arena_printf(in.a, "unexpected '%s'", kx_excerpt(&in, bad)));
    }
    read_module(&in, main);
    Val *up = module_get(&in, main, "up"), *down = module_get(&in, main, "down");
    Val *config = module_get(&in, main, "config");
    if (config) {
        Val *tr = kx_object_get(&in, config, "transaction");
        if (tr && tr->k == VK_BOOL && !tr->b)
            m->no_transaction = true;
    }
    if (up && up->k == VK_FUNCTION) {
        m->has_up = true;
        TsDoc *d = up->doc ? up->doc : in.doc;
        in.doc = d;
        m->up_origin = kx_origin_of(&in, where_defined(up, main));
        in.doc = &main->doc;
        k->down = false;
        run_direction(&in, up, main->doc.root);
    } else if (lenient && !down) {
        m->not_migration = true; /* a folder no knexfile names: not every file is a migration */
    } else {
        mig_not_understood(k, (Origin){path, 1, 1},
                           "no up function found: Knex needs exports.up or an exported function up");
    }
    if (down && down->k != VK_FUNCTION && down->k != VK_UNDEFINED) {
        /* exports.down = helpers.noop from a file dbaudit does not read */
        m->has_down = true;
        m->down_origin = (Origin){path, 1, 1};
        mig_not_understood(k, m->down_origin, "down is not a function dbaudit can read");
    }
    if (down && down->k == VK_FUNCTION) {
        m->has_down = true;
        in.doc = down->doc ? down->doc : &main->doc;
        m->down_origin = kx_origin_of(&in, where_defined(down, main));
        in.doc = &main->doc;
        k->down = true;
        run_direction(&in, down, main->doc.root);
        k->down = false;
    }
    ts_doc_free(&main->doc);
}
