/* knexfile.c - reading a knexfile without running it; see knexfile.h.
 *
 * The exported value is evaluated over a tiny model of JavaScript values:
 * literals, object and array literals, functions, identifiers bound at top
 * level, spreads (`{ ...base, pool: {...} }`, the later key wins), and two
 * markers for what cannot be known: DYNAMIC (computed at run time, such as
 * `Number(process.env.DB_POOL_MAX) || 10`: a value is there) and UNKNOWN
 * (`require('./base')`, `makeConfig()`: anything could be there).  An
 * object that received an UNKNOWN spread is "open": its missing keys may be
 * set after all, and the rules stay silent about them.
 *
 * pool.afterCreate is analysed for its done callback (rule K005) by walking
 * its body's control flow: each path carries how many times done was
 * called (0, 1, or 2 for "more than once"), and paths with the same count
 * are merged, so the state stays three flags however many branches the
 * function has.
 */
#include "source/knexfile.h"

#include "core/file.h"
#include "core/utf8.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/strbuf.h"
#include "source/ts.h"

#define MAX_KNEXFILE_BYTES (32u << 20)
#define MAX_EVAL_DEPTH 24

/* ---- values ---------------------------------------------------------- */

typedef enum VKind { V_UNKNOWN, V_DYNAMIC, V_UNDEFINED, V_NULL, V_STRING, V_NUMBER, V_BOOL, V_OBJECT, V_ARRAY, V_FUNCTION } VKind;

typedef struct Val Val;
typedef struct Prop {
    const char *key;
    Val *val;
    TSNode keynode;
} Prop;

struct Val {
    VKind k;
    TSNode node; /* the expression; for functions the function node */
    const char *s;
    double num;
    bool b;
    VEC(Prop) props; /* objects, in source order */
    bool open;       /* objects: an unreadable spread */
    VEC(Val *) items; /* arrays */
};

typedef struct Binding {
    const char *name;
    TSNode value; /* expression, or a function_declaration */
} Binding;

typedef struct Reader {
    Arena *a;
    const TsDoc *d;
    const char *path;
    VEC(Binding) binds;
    int depth;
} Reader;

static Val unknown_val = {.k = V_UNKNOWN};

static Val *val_new(Reader *rd, VKind k, TSNode n)
{
    Val *v = arena_alloc(rd->a, sizeof *v);
    v->k = k;
    v->node = n;
    return v;
}

static Origin origin_of(const Reader *rd, TSNode n)
{
    Origin o = {rd->path, 1, 1};
    if (!ts_node_is_null(n))
        ts_position(rd->d, n, &o.line, &o.col);
    return o;
}

static Prop *obj_get(const Val *o, const char *key)
{
    if (!o || o->k != V_OBJECT)
        return NULL;
    for (int i = o->props.n - 1; i >= 0; i--)
        if (strcmp(o->props.v[i].key, key) == 0)
            return &o->props.v[i];
    return NULL;
}

static void obj_set(Reader *rd, Val *o, const char *key, Val *v, TSNode keynode)
{
    for (int i = 0; i < o->props.n; i++)
        if (strcmp(o->props.v[i].key, key) == 0) {
            o->props.v[i].val = v;
            o->props.v[i].keynode = keynode;
            return;
        }
    Prop p = {key, v, keynode};
    vec_push(rd->a, &o->props, p);
}

static const Binding *binding(const Reader *rd, const char *name)
{
    for (int i = rd->binds.n - 1; i >= 0; i--)
        if (strcmp(rd->binds.v[i].name, name) == 0)
            return &rd->binds.v[i];
    return NULL;
}

static bool is_function_node(TSNode n)
{
    return ts_is(n, "arrow_function") || ts_is(n, "function_expression") || ts_is(n, "function") ||
           ts_is(n, "function_declaration") || ts_is(n, "method_definition") || ts_is(n, "generator_function");
}

/* A property key as text: `pool`, 'pool', "pool", 10; NULL when computed. */
static const char *key_text(Reader *rd, TSNode k)
{
    if (ts_is(k, "property_identifier") || ts_is(k, "identifier") || ts_is(k, "number"))
        return ts_text(rd->a, rd->d, k);
    return ts_string_value(rd->a, rd->d, k);
}

static Val *eval(Reader *rd, TSNode n);

static Val *eval_object(Reader *rd, TSNode n)
{
    Val *o = val_new(rd, V_OBJECT, n);
    for (unsigned i = 0; i < ts_nchildren(n); i++) {
        TSNode c = ts_child(n, i);
        if (ts_is(c, "pair")) {
            TSNode k = ts_field(c, "key");
            const char *key = key_text(rd, k);
            if (!key) {
                o->open = true; /* [computed]: could be any key */
                continue;
            }
            obj_set(rd, o, key, eval(rd, ts_field(c, "value")), k);
        } else if (ts_is(c, "shorthand_property_identifier")) {
            const char *key = ts_text(rd->a, rd->d, c);
            const Binding *b = binding(rd, key);
            obj_set(rd, o, key, b ? eval(rd, b->value) : &unknown_val, c);
        } else if (ts_is(c, "method_definition")) {
            TSNode k = ts_field(c, "name");
            const char *key = key_text(rd, k);
            if (key)
                obj_set(rd, o, key, val_new(rd, V_FUNCTION, c), k);
            else
                o->open = true;
        } else if (ts_is(c, "spread_element")) {
            Val *s = eval(rd, ts_child(c, 0));
            if (s->k == V_OBJECT) {
                for (int j = 0; j < s->props.n; j++)
                    obj_set(rd, o, s->props.v[j].key, s->props.v[j].val, s->props.v[j].keynode);
                o->open |= s->open;
            } else if (s->k != V_UNDEFINED && s->k != V_NULL) {
                o->open = true;
            }
        } else {
            o->open = true;
        }
    }
    return o;
}

static bool text_starts(const Reader *rd, TSNode n, const char *prefix)
{
    size_t k = strlen(prefix), len = ts_node_end_byte(n) - ts_node_start_byte(n);
    return len >= k && memcmp(rd->d->src + ts_node_start_byte(n), prefix, k) == 0;
}

/* Structured values (objects, arrays, functions) and unknowns cannot be
 * merged into a DYNAMIC scalar: which one is chosen is decided at run time. */
static bool structured(const Val *v)
{
    return v->k == V_UNKNOWN || v->k == V_OBJECT || v->k == V_ARRAY || v->k == V_FUNCTION;
}

static Val *dynamic(Reader *rd, TSNode n)
{
    Val *v = val_new(rd, V_DYNAMIC, n);
    v->s = ts_text(rd->a, rd->d, n);
    return v;
}

static Val *string_val(Reader *rd, TSNode n, const char *s)
{
    Val *v = val_new(rd, V_STRING, n);
    v->s = arena_strdup(rd->a, s);
    return v;
}

/* A template literal whose substitutions are all known strings. */
static char *template_value(Reader *rd, TSNode n)
{
    if (!ts_is(n, "template_string"))
        return NULL;
    StrBuf b = STRBUF_INIT;
    sb_putn(&b, "", 0);
    bool ok = true;
    uint32_t k = ts_node_child_count(n);
    for (uint32_t i = 0; i < k && ok; i++) {
        TSNode c = ts_node_child(n, i);
        if (ts_is(c, "string_fragment")) {
            sb_putn(&b, rd->d->src + ts_node_start_byte(c), ts_node_end_byte(c) - ts_node_start_byte(c));
        } else if (ts_is(c, "escape_sequence")) {
            ok = false; /* rare in paths; not worth decoding twice */
        } else if (ts_is(c, "template_substitution")) {
            Val *v = eval(rd, ts_child(c, 0));
            ok = v->k == V_STRING;
            if (ok)
                sb_puts(&b, v->s);
        }
    }
    char *r = ok ? arena_strdup(rd->a, sb_str(&b)) : NULL;
    sb_fini(&b);
    return r;
}

static Val *eval_inner(Reader *rd, TSNode n)
{
    n = ts_unwrap(n);
    if (ts_node_is_null(n))
        return &unknown_val;
    const char *t = ts_node_type(n);
    if (strcmp(t, "object") == 0)
        return eval_object(rd, n);
    if (strcmp(t, "string") == 0 || strcmp(t, "template_string") == 0) {
        char *s = ts_string_value(rd->a, rd->d, n);
        if (!s)
            s = template_value(rd, n);
        if (!s)
            return dynamic(rd, n);
        Val *v = val_new(rd, V_STRING, n);
        v->s = s;
        return v;
    }
    double num;
    if (ts_number_value(rd->d, n, &num)) {
        Val *v = val_new(rd, V_NUMBER, n);
        v->num = num;
        return v;
    }
    if (strcmp(t, "true") == 0 || strcmp(t, "false") == 0) {
        Val *v = val_new(rd, V_BOOL, n);
        v->b = t[0] == 't';
        return v;
    }
    if (strcmp(t, "null") == 0)
        return val_new(rd, V_NULL, n);
    if (strcmp(t, "undefined") == 0)
        return val_new(rd, V_UNDEFINED, n);
    if (strcmp(t, "array") == 0) {
        Val *v = val_new(rd, V_ARRAY, n);
        for (unsigned i = 0; i < ts_nchildren(n); i++)
            vec_push(rd->a, &v->items, eval(rd, ts_child(n, i)));
        return v;
    }
    if (is_function_node(n))
        return val_new(rd, V_FUNCTION, n);
    if (strcmp(t, "identifier") == 0) {
        if (ts_text_is(rd->d, n, "undefined"))
            return val_new(rd, V_UNDEFINED, n);
        if (ts_text_is(rd->d, n, "__dirname"))
            return string_val(rd, n, ".");
        const Binding *b = binding(rd, ts_text(rd->a, rd->d, n));
        return b ? eval(rd, b->value) : &unknown_val;
    }
    if (strcmp(t, "member_expression") == 0 || strcmp(t, "subscript_expression") == 0) {
        TSNode obj = ts_field(n, "object");
        if (ts_text_is(rd->d, obj, "process.env") || text_starts(rd, n, "process.env."))
            return dynamic(rd, n);
        Val *o = eval(rd, obj);
        TSNode prop = strcmp(t, "member_expression") == 0 ? ts_field(n, "property") : ts_field(n, "index");
        const char *key = strcmp(t, "member_expression") == 0 ? ts_text(rd->a, rd->d, prop) : key_text(rd, prop);
        if (o->k != V_OBJECT || !key)
            return &unknown_val;
        Prop *p = obj_get(o, key);
        if (p)
            return p->val;
        return o->open ? &unknown_val : val_new(rd, V_UNDEFINED, n);
    }
    if (strcmp(t, "binary_expression") == 0) {
        Val *l = eval(rd, ts_field(n, "left")), *r = eval(rd, ts_field(n, "right"));
        const char *op = ts_text(rd->a, rd->d, ts_field(n, "operator"));
        if (strcmp(op, "+") == 0 && l->k == V_STRING && r->k == V_STRING)
            return string_val(rd, n, arena_printf(rd->a, "%s%s", l->s, r->s));
        if ((strcmp(op, "||") == 0 || strcmp(op, "??") == 0) &&
            (l->k == V_OBJECT || l->k == V_FUNCTION || l->k == V_ARRAY))
            return l; /* always truthy, never nullish */
        if (structured(l) || structured(r))
            return &unknown_val;
        return dynamic(rd, n);
    }
    if (strcmp(t, "ternary_expression") == 0) {
        Val *l = eval(rd, ts_field(n, "consequence")), *r = eval(rd, ts_field(n, "alternative"));
        if (structured(l) || structured(r))
            return &unknown_val;
        return dynamic(rd, n);
    }
    if (strcmp(t, "call_expression") == 0) {
        TSNode f = ts_field(n, "function");
        static const char *const scalar[] = {"Number", "parseInt", "parseFloat", "String", "Boolean",
                                             "Number.parseInt", "Number.parseFloat"};
        for (size_t i = 0; i < sizeof scalar / sizeof *scalar; i++)
            if (ts_text_is(rd->d, f, scalar[i]))
                return dynamic(rd, n);
        /* The Knex CLI runs from the knexfile's folder, which __dirname and
         * process.cwd() both read as ".": path.join(__dirname, 'db',
         * 'migrations') is "db/migrations". */
        if (ts_text_is(rd->d, f, "process.cwd"))
            return string_val(rd, n, ".");
        if (ts_text_is(rd->d, f, "path.join") || ts_text_is(rd->d, f, "path.resolve") || ts_text_is(rd->d, f, "join") ||
            ts_text_is(rd->d, f, "resolve")) {
            TSNode args = ts_field(n, "arguments");
            StrBuf b = STRBUF_INIT;
            bool ok = ts_nchildren(args) > 0;
            for (unsigned i = 0; i < ts_nchildren(args) && ok; i++) {
                Val *a = eval(rd, ts_child(args, i));
                ok = a->k == V_STRING;
                if (ok && a->s[0] == '/')
                    sb_reset(&b); /* an absolute part starts over, as in path.resolve */
                if (ok)
                    sb_printf(&b, "%s%s", b.len ? "/" : "", a->s);
            }
            Val *v = ok ? string_val(rd, n, sb_str(&b)) : dynamic(rd, n);
            sb_fini(&b);
            return v;
        }
        return &unknown_val;
    }
    if (strcmp(t, "unary_expression") == 0 || strcmp(t, "template_string") == 0)
        return dynamic(rd, n);
    return &unknown_val;
}

static Val *eval(Reader *rd, TSNode n)
{
    if (rd->depth >= MAX_EVAL_DEPTH) /* a = b, b = a; or absurd nesting */
        return &unknown_val;
    rd->depth++;
    Val *v = eval_inner(rd, n);
    rd->depth--;
    return v;
}

/* Marks the bindings assigned anywhere under n (outside functions) as unknown. */
static void reassigned(Reader *rd, TSNode n)
{
    if (ts_node_is_null(n) || is_function_node(n))
        return;
    if (ts_is(n, "assignment_expression") || ts_is(n, "augmented_assignment_expression")) {
        TSNode l = ts_unwrap(ts_field(n, "left"));
        if (ts_is(l, "identifier")) {
            Binding b = {.name = ts_text(rd->a, rd->d, l)};
            vec_push(rd->a, &rd->binds, b); /* the latest binding wins: a null value is unknown */
        }
    }
    uint32_t k = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < k; i++)
        reassigned(rd, ts_node_named_child(n, i));
}

/* Top-level bindings: const/let/var declarators and function declarations,
 * also inside `export`. */
static void collect_bindings(Reader *rd, TSNode program)
{
    for (unsigned i = 0; i < ts_nchildren(program); i++) {
        TSNode s = ts_child(program, i);
        if (ts_is(s, "export_statement") && !ts_node_is_null(ts_field(s, "declaration")))
            s = ts_field(s, "declaration");
        if (ts_is(s, "lexical_declaration") || ts_is(s, "variable_declaration")) {
            for (unsigned j = 0; j < ts_nchildren(s); j++) {
                TSNode d = ts_child(s, j);
                TSNode name = ts_field(d, "name");
                if (!ts_is(d, "variable_declarator") || !ts_is(name, "identifier"))
                    continue;
                Binding b = {ts_text(rd->a, rd->d, name), ts_field(d, "value")};
                vec_push(rd->a, &rd->binds, b);
            }
        } else if (ts_is(s, "function_declaration")) {
            Binding b = {ts_text(rd->a, rd->d, ts_field(s, "name")), s};
            vec_push(rd->a, &rd->binds, b);
        }
    }
    /* A variable assigned again at top level (`let connection; if (...)
     * connection = ...`) holds whichever value ran last: unknown. */
    for (unsigned i = 0; i < ts_nchildren(program); i++) {
        TSNode s = ts_child(program, i);
        reassigned(rd, s);
    }
}

/* ---- afterCreate: the done callback -------------------------------------- */

/* The set of paths reaching a point, by how often done was called on them
 * (0, 1, 2 = more than once), with the first description of such a path. */
typedef struct Paths {
    bool has[3];
    const char *label[3];
} Paths;

typedef struct Flow {
    Paths normal, ret, thrown;
} Flow;

typedef struct DoneCx {
    Reader *rd;
    const char *done;    /* the parameter's name */
    const char *errname; /* the error parameter of the query callback being walked */
    bool unknown;
    bool twice_seen;
    TSNode twice_at;
} DoneCx;

static bool paths_empty(const Paths *p)
{
    return !p->has[0] && !p->has[1] && !p->has[2];
}

static void paths_union(Paths *into, const Paths *p)
{
    for (int i = 0; i < 3; i++)
        if (p->has[i] && !into->has[i]) {
            into->has[i] = true;
            into->label[i] = p->label[i];
        }
}

static Paths paths_label(DoneCx *x, const Paths *p, const char *label)
{
    Paths r = *p;
    for (int i = 0; i < 3; i++)
        if (r.has[i] && label)
            r.label[i] = r.label[i] ? arena_printf(x->rd->a, "%s and %s", r.label[i], label) : label;
    return r;
}

static Paths paths_called(DoneCx *x, const Paths *p, TSNode at)
{
    Paths r = {{0}, {0}};
    for (int i = 0; i < 3; i++)
        if (p->has[i]) {
            int j = i < 2 ? i + 1 : 2;
            if (j == 2 && !x->twice_seen) {
                x->twice_seen = true;
                x->twice_at = at;
            }
            if (!r.has[j]) {
                r.has[j] = true;
                r.label[j] = p->label[i];
            }
        }
    return r;
}

static Flow flow_normal(const Paths *p)
{
    Flow f = {0};
    f.normal = *p;
    return f;
}

static void flow_merge(Flow *into, const Flow *f)
{
    paths_union(&into->normal, &f->normal);
    paths_union(&into->ret, &f->ret);
    paths_union(&into->thrown, &f->thrown);
}

static bool is_done(DoneCx *x, TSNode n)
{
    n = ts_unwrap(n);
    return ts_is(n, "identifier") && ts_text_is(x->rd->d, n, x->done);
}

/* True when done is mentioned anywhere under n. */
static bool mentions_done(DoneCx *x, TSNode n)
{
    if (ts_node_is_null(n))
        return false;
    if (ts_is(n, "identifier") || ts_is(n, "shorthand_property_identifier"))
        return ts_text_is(x->rd->d, n, x->done);
    uint32_t k = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < k; i++)
        if (mentions_done(x, ts_node_named_child(n, i)))
            return true;
    return false;
}

static char *excerpt(Reader *rd, TSNode n)
{
    char *s = ts_text(rd->a, rd->d, n);
    for (char *p = s; *p; p++)
        if (*p == '\n' || *p == '\t')
            *p = ' ';
    if (strlen(s) > 40)
        strcpy(s + 37, "...");
    return s;
}

/* A call that runs SQL: something.query(...), .raw(...), .run(...). */
static bool is_query_call(Reader *rd, TSNode n)
{
    n = ts_unwrap(n);
    if (!ts_is(n, "call_expression"))
        return false;
    TSNode f = ts_field(n, "function");
    if (!ts_is(f, "member_expression"))
        return false;
    TSNode p = ts_field(f, "property");
    /* pg and mysql: query; sqlite3: run, exec; knex: raw */
    return ts_text_is(rd->d, p, "query") || ts_text_is(rd->d, p, "raw") || ts_text_is(rd->d, p, "execute") ||
           ts_text_is(rd->d, p, "run") || ts_text_is(rd->d, p, "exec");
}

static const char *fails_label(DoneCx *x, TSNode n)
{
    if (is_query_call(x->rd, n))
        return "when the query fails";
    return arena_printf(x->rd->a, "when %s throws", excerpt(x->rd, n));
}

/* "when the query fails" for the error parameter of a query callback,
 * "when <condition>" otherwise; neg: the else branch. */
static const char *cond_label(DoneCx *x, TSNode cond, bool neg)
{
    cond = ts_unwrap(cond);
    if (ts_is(cond, "unary_expression") && ts_text_is(x->rd->d, ts_field(cond, "operator"), "!")) {
        cond = ts_unwrap(ts_field(cond, "argument"));
        neg = !neg;
    }
    TSNode subject = cond;
    if (ts_is(cond, "binary_expression")) {
        const char *op = ts_text(x->rd->a, x->rd->d, ts_field(cond, "operator"));
        TSNode r = ts_field(cond, "right");
        if ((strcmp(op, "!=") == 0 || strcmp(op, "!==") == 0 || strcmp(op, "==") == 0 || strcmp(op, "===") == 0) &&
            (ts_is(r, "null") || ts_is(r, "undefined") || ts_text_is(x->rd->d, r, "undefined"))) {
            subject = ts_field(cond, "left");
            if (op[0] == '=')
                neg = !neg;
        }
    }
    if (x->errname && ts_is(subject, "identifier") && ts_text_is(x->rd->d, subject, x->errname))
        return neg ? "when the query succeeds" : "when the query fails";
    return arena_printf(x->rd->a, neg ? "when %s is false" : "when %s", excerpt(x->rd, cond));
}

static Flow walk_stmt(DoneCx *x, TSNode s, const Paths *in);
static Flow walk_expr(DoneCx *x, TSNode e, const Paths *in, bool awaited);

static int param_count(DoneCx *x, TSNode fn, const char **names, int max);

/* A callback's body run as the continuation of the current paths: returns
 * from it end the callback, not the enclosing function. */
static Flow walk_callback(DoneCx *x, TSNode fn, const Paths *in, bool error_first)
{
    const char *saved = x->errname;
    const char *names[2] = {NULL, NULL};
    int np = param_count(x, fn, names, 2);
    if (np < 0) {
        x->unknown = true;
        return flow_normal(in);
    }
    if (error_first)
        x->errname = names[0];
    for (int i = 0; i < np && i < 2; i++)
        if (names[i] && strcmp(names[i], x->done) == 0)
            x->unknown = true; /* shadows done */
    TSNode body = ts_field(fn, "body");
    Flow f;
    if (ts_is(body, "statement_block")) {
        f = walk_stmt(x, body, in);
    } else {
        f = walk_expr(x, body, in, false);
    }
    x->errname = saved;
    paths_union(&f.normal, &f.ret);
    memset(&f.ret, 0, sizeof f.ret);
    return f;
}

/* A handler given to .then/.catch/.finally or as a query callback. */
static Paths walk_handler(DoneCx *x, TSNode h, const Paths *in, bool error_first, Paths *thrown)
{
    h = ts_unwrap(h);
    if (is_done(x, h))
        return paths_called(x, in, h);
    if (ts_is(h, "arrow_function") || ts_is(h, "function_expression") || ts_is(h, "function")) {
        Flow f = walk_callback(x, h, in, error_first);
        paths_union(thrown, &f.thrown);
        return f.normal;
    }
    if (mentions_done(x, h))
        x->unknown = true;
    return *in;
}

/* A promise chain: what reaches its end resolved (s) and rejected (f). */
static void walk_chain(DoneCx *x, TSNode e, const Paths *in, Paths *s, Paths *f)
{
    e = ts_unwrap(e);
    if (ts_is(e, "call_expression")) {
        TSNode fn = ts_field(e, "function");
        TSNode prop = ts_field(fn, "property");
        TSNode args = ts_field(e, "arguments");
        bool then = ts_text_is(x->rd->d, prop, "then"), katch = ts_text_is(x->rd->d, prop, "catch"),
             fin = ts_text_is(x->rd->d, prop, "finally");
        if (ts_is(fn, "member_expression") && (then || katch || fin)) {
            Paths s0 = {{0}, {0}}, f0 = {{0}, {0}};
            walk_chain(x, ts_field(fn, "object"), in, &s0, &f0);
            TSNode a0 = ts_child(args, 0), a1 = ts_child(args, 1);
            Paths thrown = {{0}, {0}};
            if (then) {
                *s = ts_node_is_null(a0) ? s0 : walk_handler(x, a0, &s0, false, &thrown);
                if (!ts_node_is_null(a1)) {
                    Paths h = walk_handler(x, a1, &f0, false, &thrown);
                    paths_union(s, &h);
                    memset(f, 0, sizeof *f);
                } else {
                    *f = f0;
                }
            } else if (katch) {
                *s = s0;
                Paths h = ts_node_is_null(a0) ? f0 : walk_handler(x, a0, &f0, false, &thrown);
                paths_union(s, &h);
                memset(f, 0, sizeof *f);
            } else {
                *s = ts_node_is_null(a0) ? s0 : walk_handler(x, a0, &s0, false, &thrown);
                *f = ts_node_is_null(a0) ? f0 : walk_handler(x, a0, &f0, false, &thrown);
            }
            paths_union(f, &thrown);
            return;
        }
    }
    /* The promise the chain starts from. */
    Flow base = walk_expr(x, e, in, false);
    *s = base.normal;
    *f = paths_label(x, &base.normal, fails_label(x, e));
}

static bool is_chain(DoneCx *x, TSNode e)
{
    e = ts_unwrap(e);
    if (!ts_is(e, "call_expression"))
        return false;
    TSNode fn = ts_field(e, "function");
    TSNode p = ts_field(fn, "property");
    return ts_is(fn, "member_expression") &&
           (ts_text_is(x->rd->d, p, "then") || ts_text_is(x->rd->d, p, "catch") || ts_text_is(x->rd->d, p, "finally"));
}

static Flow walk_expr(DoneCx *x, TSNode e, const Paths *in, bool awaited)
{
    if (ts_node_is_null(e))
        return flow_normal(in);
    while (ts_is(e, "parenthesized_expression") || ts_is(e, "as_expression") || ts_is(e, "non_null_expression"))
        e = ts_child(e, 0);
    const char *t = ts_node_type(e);
    if (strcmp(t, "await_expression") == 0) {
        TSNode inner = ts_child(e, 0);
        Flow f = walk_expr(x, inner, in, true);
        /* An awaited call may reject (a query that fails); awaiting a
         * plain value or `new Promise(...)` is taken not to. */
        if (!is_chain(x, inner) && ts_is(ts_unwrap(inner), "call_expression")) {
            Paths fail = paths_label(x, &f.normal, fails_label(x, inner));
            paths_union(&f.thrown, &fail);
        }
        return f;
    }
    if (is_chain(x, e)) {
        Paths s = {{0}, {0}}, f = {{0}, {0}};
        walk_chain(x, e, in, &s, &f);
        Flow r = {0};
        r.normal = s;
        /* An awaited rejection throws; one nobody awaits just ends there. */
        if (awaited)
            r.thrown = f;
        else
            r.ret = f;
        return r;
    }
    if (strcmp(t, "call_expression") == 0) {
        TSNode fn = ts_field(e, "function");
        TSNode args = ts_field(e, "arguments");
        if (is_done(x, fn)) {
            if (mentions_done(x, args))
                x->unknown = true;
            Paths called = paths_called(x, in, e);
            return flow_normal(&called);
        }
        unsigned na = ts_nchildren(args);
        TSNode last = na ? ts_unwrap(ts_child(args, na - 1)) : (TSNode){0};
        if (is_query_call(x->rd, e) && na >= 2 &&
            (is_done(x, last) || ts_is(last, "arrow_function") || ts_is(last, "function_expression"))) {
            for (unsigned i = 0; i + 1 < na; i++)
                if (mentions_done(x, ts_child(args, i)))
                    x->unknown = true;
            Flow r = {0};
            r.normal = walk_handler(x, last, in, true, &r.thrown);
            return r;
        }
        if (mentions_done(x, e))
            x->unknown = true;
        return flow_normal(in);
    }
    if (strcmp(t, "ternary_expression") == 0) {
        TSNode c = ts_field(e, "condition");
        if (mentions_done(x, c))
            x->unknown = true;
        Paths a = paths_label(x, in, cond_label(x, c, false)), b = paths_label(x, in, cond_label(x, c, true));
        Flow f = walk_expr(x, ts_field(e, "consequence"), &a, awaited);
        Flow g = walk_expr(x, ts_field(e, "alternative"), &b, awaited);
        flow_merge(&f, &g);
        return f;
    }
    if (strcmp(t, "binary_expression") == 0) {
        TSNode op = ts_field(e, "operator");
        bool and = ts_text_is(x->rd->d, op, "&&"), or = ts_text_is(x->rd->d, op, "||");
        TSNode l = ts_field(e, "left"), r = ts_field(e, "right");
        if ((and || or) && !mentions_done(x, l)) {
            Paths a = paths_label(x, in, cond_label(x, l, or)), b = paths_label(x, in, cond_label(x, l, and));
            Flow f = walk_expr(x, r, &a, awaited);
            paths_union(&f.normal, &b);
            return f;
        }
    }
    if (strcmp(t, "assignment_expression") == 0 && !mentions_done(x, ts_field(e, "left")))
        return walk_expr(x, ts_field(e, "right"), in, awaited);
    if (mentions_done(x, e))
        x->unknown = true;
    return flow_normal(in);
}

static Flow walk_block(DoneCx *x, TSNode b, const Paths *in)
{
    Flow out = {0};
    Paths cur = *in;
    for (unsigned i = 0; i < ts_nchildren(b) && !paths_empty(&cur); i++) {
        Flow f = walk_stmt(x, ts_child(b, i), &cur);
        paths_union(&out.ret, &f.ret);
        paths_union(&out.thrown, &f.thrown);
        cur = f.normal;
    }
    out.normal = cur;
    return out;
}

static Flow walk_stmt(DoneCx *x, TSNode s, const Paths *in)
{
    const char *t = ts_node_type(s);
    if (strcmp(t, "statement_block") == 0)
        return walk_block(x, s, in);
    if (strcmp(t, "expression_statement") == 0)
        return walk_expr(x, ts_child(s, 0), in, false);
    if (strcmp(t, "lexical_declaration") == 0 || strcmp(t, "variable_declaration") == 0) {
        Flow out = {0};
        Paths cur = *in;
        for (unsigned i = 0; i < ts_nchildren(s); i++) {
            TSNode d = ts_child(s, i);
            if (mentions_done(x, ts_field(d, "name")))
                x->unknown = true;
            Flow f = walk_expr(x, ts_field(d, "value"), &cur, false);
            paths_union(&out.ret, &f.ret);
            paths_union(&out.thrown, &f.thrown);
            cur = f.normal;
        }
        out.normal = cur;
        return out;
    }
    if (strcmp(t, "return_statement") == 0 || strcmp(t, "throw_statement") == 0) {
        Flow f = walk_expr(x, ts_child(s, 0), in, false);
        if (t[0] == 'r')
            paths_union(&f.ret, &f.normal);
        else
            paths_union(&f.thrown, &f.normal);
        memset(&f.normal, 0, sizeof f.normal);
        return f;
    }
    if (strcmp(t, "if_statement") == 0) {
        TSNode c = ts_field(s, "condition");
        Flow f0 = walk_expr(x, c, in, false); /* (await x) in a condition */
        Paths a = paths_label(x, &f0.normal, cond_label(x, c, false));
        Paths b = paths_label(x, &f0.normal, cond_label(x, c, true));
        Flow f = walk_stmt(x, ts_field(s, "consequence"), &a);
        TSNode alt = ts_field(s, "alternative");
        Flow g = ts_node_is_null(alt) ? flow_normal(&b) : walk_stmt(x, ts_child(alt, 0), &b);
        flow_merge(&f, &g);
        paths_union(&f.thrown, &f0.thrown);
        paths_union(&f.ret, &f0.ret);
        return f;
    }
    if (strcmp(t, "try_statement") == 0) {
        Flow f = walk_stmt(x, ts_field(s, "body"), in);
        TSNode h = ts_field(s, "handler");
        if (!ts_node_is_null(h)) {
            TSNode p = ts_field(h, "parameter");
            if (mentions_done(x, p))
                x->unknown = true;
            Paths caught = f.thrown;
            memset(&f.thrown, 0, sizeof f.thrown);
            Flow g = walk_stmt(x, ts_field(h, "body"), &caught);
            flow_merge(&f, &g);
        }
        TSNode fin = ts_field(s, "finalizer");
        if (!ts_node_is_null(fin)) {
            TSNode body = ts_field(fin, "body");
            if (ts_node_is_null(body))
                body = ts_child(fin, 0);
            Flow n = walk_stmt(x, body, &f.normal), r = walk_stmt(x, body, &f.ret), th = walk_stmt(x, body, &f.thrown);
            Flow out = {0};
            out.normal = n.normal;
            paths_union(&out.ret, &n.ret);
            paths_union(&out.ret, &r.normal);
            paths_union(&out.ret, &r.ret);
            paths_union(&out.thrown, &n.thrown);
            paths_union(&out.thrown, &r.thrown);
            paths_union(&out.thrown, &th.normal);
            paths_union(&out.thrown, &th.thrown);
            paths_union(&out.ret, &th.ret);
            return out;
        }
        return f;
    }
    if (strcmp(t, "empty_statement") == 0 || strcmp(t, "comment") == 0)
        return flow_normal(in);
    /* Loops, switch, labels, nested functions: followed only when they
     * cannot touch done. */
    if (mentions_done(x, s))
        x->unknown = true;
    return flow_normal(in);
}

/* Parameter names (NULL for patterns); -1 for a rest parameter. */
static int param_count(DoneCx *x, TSNode fn, const char **names, int max)
{
    TSNode one = ts_field(fn, "parameter");
    if (!ts_node_is_null(one)) {
        if (max > 0)
            names[0] = ts_text(x->rd->a, x->rd->d, one);
        return 1;
    }
    TSNode ps = ts_field(fn, "parameters");
    int n = 0;
    for (unsigned i = 0; i < ts_nchildren(ps); i++) {
        TSNode p = ts_child(ps, i);
        if (ts_is(p, "required_parameter") || ts_is(p, "optional_parameter")) {
            if (ts_is(ts_field(p, "pattern"), "rest_pattern"))
                return -1;
            p = ts_field(p, "pattern");
        }
        if (ts_is(p, "rest_pattern"))
            return -1;
        if (ts_is(p, "assignment_pattern"))
            p = ts_field(p, "left");
        if (n < max)
            names[n] = ts_is(p, "identifier") ? ts_text(x->rd->a, x->rd->d, p) : NULL;
        n++;
    }
    return n;
}

static void analyse_done(Reader *rd, KnexHook *h, TSNode fn)
{
    DoneCx x = {.rd = rd};
    const char *names[2] = {NULL, NULL};
    int np = param_count(&x, fn, names, 2);
    h->done_origin = origin_of(rd, fn);
    if (np < 0 || (np >= 2 && !names[1])) {
        h->done = DONE_UNKNOWN;
        return;
    }
    if (np < 2) {
        h->done = DONE_NO_PARAM;
        return;
    }
    x.done = names[1];
    h->done_name = names[1];
    Paths in = {{true, false, false}, {NULL, NULL, NULL}};
    TSNode body = ts_field(fn, "body");
    Flow f = ts_is(body, "statement_block") ? walk_stmt(&x, body, &in) : walk_expr(&x, body, &in, false);
    paths_union(&f.normal, &f.ret);
    paths_union(&f.normal, &f.thrown);
    if (x.unknown) {
        h->done = DONE_UNKNOWN;
    } else if (f.normal.has[0] && !f.normal.has[1] && !f.normal.has[2]) {
        h->done = DONE_NEVER;
    } else if (f.normal.has[0]) {
        h->done = DONE_SOME_PATHS;
        h->path = f.normal.label[0] ? f.normal.label[0] : "on some path";
    } else if (f.normal.has[2]) {
        h->done = DONE_TWICE;
        h->path = f.normal.label[2] ? f.normal.label[2] : "on some path";
        if (x.twice_seen)
            h->done_origin = origin_of(rd, x.twice_at);
    } else {
        h->done = DONE_OK;
    }
}

/* ---- SQL texts -------------------------------------------------------------- */

/* A string or template literal's text, substitutions read as "?". */
static char *literal_text(Reader *rd, TSNode n)
{
    if (ts_is(n, "string"))
        return ts_string_value(rd->a, rd->d, n);
    StrBuf b = STRBUF_INIT;
    uint32_t k = ts_node_child_count(n);
    for (uint32_t i = 0; i < k; i++) {
        TSNode c = ts_node_child(n, i);
        if (ts_is(c, "string_fragment") || ts_is(c, "escape_sequence"))
            sb_putn(&b, rd->d->src + ts_node_start_byte(c), ts_node_end_byte(c) - ts_node_start_byte(c));
        else if (ts_is(c, "template_substitution"))
            sb_puts(&b, "?");
    }
    char *s = arena_strdup(rd->a, sb_str(&b));
    sb_fini(&b);
    return s;
}

static void add_sql(Reader *rd, void *vec, const char *text, TSNode at)
{
    VEC(KnexSql) *v = vec;
    KnexSql q = {text, origin_of(rd, at)};
    vec_push(rd->a, v, q);
}

/* Every string in a function body, and those of the top-level constants
 * and functions it names. */
static void collect_sql(Reader *rd, TSNode n, KnexHook *h)
{
    if (ts_is(n, "string") || ts_is(n, "template_string")) {
        char *s = literal_text(rd, n);
        if (s && *s)
            add_sql(rd, &h->sql, s, n);
        return;
    }
    if (ts_is(n, "identifier")) {
        /* A constant, a list of statements or a helper function of the same
         * file: its strings run too.  The depth bound stops recursion. */
        const Binding *b = binding(rd, ts_text(rd->a, rd->d, n));
        if (!b || rd->depth >= 8)
            return;
        TSNode v = ts_unwrap(b->value);
        if (ts_is(v, "string") || ts_is(v, "template_string") || ts_is(v, "array") || is_function_node(v)) {
            rd->depth++;
            collect_sql(rd, is_function_node(v) ? ts_field(v, "body") : v, h);
            rd->depth--;
        }
        return;
    }
    uint32_t k = ts_node_named_child_count(n);
    for (uint32_t i = 0; i < k; i++)
        collect_sql(rd, ts_node_named_child(n, i), h);
}

static bool contains_ci(const char *s, const char *needle)
{
    size_t k = strlen(needle);
    for (; s && *s; s++)
        if (strncasecmp(s, needle, k) == 0)
            return true;
    return false;
}

/* ---- configs -------------------------------------------------------------- */

static bool is_config_object(const Val *v)
{
    static const char *const keys[] = {"client", "connection", "pool", "migrations", "seeds"};
    if (v->k != V_OBJECT)
        return false;
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (obj_get(v, keys[i]))
            return true;
    return false;
}

/* The setting under key in object o (o's origin when absent). */
static KnexSetting setting(Reader *rd, const Val *o, const char *key)
{
    KnexSetting s = {0};
    s.origin = origin_of(rd, o->node);
    Prop *p = obj_get(o, key);
    if (!p) {
        s.state = o->open ? KNEX_UNKNOWN : KNEX_ABSENT;
        return s;
    }
    s.origin = origin_of(rd, p->keynode);
    switch (p->val->k) {
    case V_UNDEFINED:
        s.state = o->open ? KNEX_UNKNOWN : KNEX_ABSENT;
        break;
    case V_NUMBER:
        s.state = KNEX_LITERAL;
        s.num = p->val->num;
        break;
    case V_STRING:
        s.state = KNEX_LITERAL;
        s.str = p->val->s;
        break;
    case V_OBJECT:
    case V_ARRAY:
    case V_BOOL:
    case V_NULL:
    case V_FUNCTION:
        s.state = KNEX_LITERAL;
        break;
    case V_DYNAMIC:
        s.state = KNEX_DYNAMIC;
        s.str = p->val->s;
        break;
    default:
        s.state = KNEX_UNKNOWN;
    }
    return s;
}

static void read_hook(Reader *rd, KnexConfig *c, const Val *holder, const char *where)
{
    Prop *p = obj_get(holder, "afterCreate");
    if (!p || p->val->k == V_UNDEFINED || p->val->k == V_NULL)
        return;
    KnexHook h = {0};
    h.origin = origin_of(rd, p->keynode);
    h.where = where;
    h.done = DONE_UNKNOWN;
    if (p->val->k == V_FUNCTION) {
        TSNode fn = p->val->node;
        h.readable = true;
        analyse_done(rd, &h, fn);
        collect_sql(rd, ts_field(fn, "body"), &h);
    }
    vec_push(rd->a, &c->hooks, h);
}

static const char **string_list(Reader *rd, const Val *v, bool *known)
{
    VEC(const char *) out = {0};
    if (v->k == V_STRING) {
        vec_push(rd->a, &out, v->s);
    } else if (v->k == V_ARRAY) {
        for (int i = 0; i < v->items.n; i++) {
            if (v->items.v[i]->k == V_STRING)
                vec_push(rd->a, &out, v->items.v[i]->s);
            else
                *known = false;
        }
    } else {
        *known = false;
        return NULL;
    }
    vec_push(rd->a, &out, (const char *)NULL);
    return out.v;
}

static void read_migrations(Reader *rd, KnexConfig *c, const Val *cfg)
{
    c->migrations_known = true;
    Prop *p = obj_get(cfg, "migrations");
    if (!p) {
        c->migrations_known = !cfg->open;
        return;
    }
    const Val *m = p->val;
    if (m->k != V_OBJECT) {
        c->migrations_known = m->k == V_UNDEFINED;
        return;
    }
    Prop *d = obj_get(m, "directory");
    if (d && d->val->k != V_UNDEFINED) {
        c->migration_dirs = string_list(rd, d->val, &c->migrations_known);
        c->migration_dirs_origin = origin_of(rd, d->keynode);
    }
    else if (m->open)
        c->migrations_known = false;
    Prop *t = obj_get(m, "tableName");
    if (t && t->val->k == V_STRING)
        c->migration_table = t->val->s;
    Prop *e = obj_get(m, "loadExtensions");
    if (e && e->val->k != V_UNDEFINED) {
        bool ok = true;
        c->load_extensions = string_list(rd, e->val, &ok);
        if (!ok)
            c->migrations_known = false;
    }
    Prop *s = obj_get(m, "sortDirsSeparately");
    if (s && s->val->k == V_BOOL)
        c->sort_dirs_separately = s->val->b;
}

/* searchPath: 'app' or ['app', 'public']: where unqualified names go. */
static void read_search_path(Reader *rd, KnexConfig *c, const Val *cfg)
{
    Prop *p = obj_get(cfg, "searchPath");
    if (!p || p->val->k == V_UNDEFINED)
        return;
    bool ok = true;
    const char **v = string_list(rd, p->val, &ok);
    if (ok && v && v[0])
        c->search_path = v[0];
}

/* Where statement_timeout is set, if anywhere: the pool's afterCreate SQL,
 * or the connection settings (a statement_timeout key, an options string
 * "-c statement_timeout=...", a connection string's ?options=). */
static void find_statement_timeout(Reader *rd, KnexConfig *c, const Val *cfg)
{
    KnexSetting *st = &c->statement_timeout;
    bool unknown = false;
    for (int i = 0; i < c->hooks.n; i++) {
        const KnexHook *h = &c->hooks.v[i];
        if (strcmp(h->where, "pool") != 0)
            continue; /* a misplaced hook never runs */
        if (!h->readable || h->done == DONE_UNKNOWN)
            unknown = true;
        for (int j = 0; j < h->sql.n; j++)
            if (contains_ci(h->sql.v[j].text, "statement_timeout")) {
                st->state = KNEX_LITERAL;
                st->origin = h->sql.v[j].origin;
                return;
            }
    }
    for (int i = 0; i < c->connection_sql.n; i++)
        if (contains_ci(c->connection_sql.v[i].text, "statement_timeout")) {
            st->state = KNEX_LITERAL;
            st->origin = c->connection_sql.v[i].origin;
            return;
        }
    Prop *conn = obj_get(cfg, "connection");
    if (conn && conn->val->k == V_OBJECT) {
        KnexSetting k = setting(rd, conn->val, "statement_timeout");
        if (k.state == KNEX_LITERAL || k.state == KNEX_DYNAMIC) {
            st->state = KNEX_LITERAL;
            st->origin = k.origin;
            return;
        }
        KnexSetting o = setting(rd, conn->val, "options");
        unknown |= conn->val->open || o.state == KNEX_DYNAMIC || o.state == KNEX_UNKNOWN;
    } else if (conn) {
        /* A connection string from the environment is judged without its
         * options (see docs/rules/K003.md); a function or import is not. */
        unknown |= conn->val->k != V_STRING && conn->val->k != V_DYNAMIC;
    } else {
        unknown |= cfg->open;
    }
    unknown |= c->pool.state == KNEX_UNKNOWN || c->pool.state == KNEX_DYNAMIC || c->pool_open;
    st->state = unknown ? KNEX_UNKNOWN : KNEX_ABSENT;
    st->origin = c->pool.state == KNEX_LITERAL ? c->pool.origin : c->origin;
}

/* A string, or a template literal whose substitutions read as "?". */
static void add_literal(Reader *rd, void *vec, const Val *v)
{
    if (v->k == V_STRING)
        add_sql(rd, vec, v->s, v->node);
    else if (v->k == V_DYNAMIC && ts_is(ts_unwrap(v->node), "template_string"))
        add_sql(rd, vec, literal_text(rd, ts_unwrap(v->node)), v->node);
}

static void read_config(Reader *rd, Knexfile *kf, const char *env, const Val *cfg)
{
    KnexConfig c = {0};
    c.env = env;
    c.origin = origin_of(rd, cfg->node);
    c.open = cfg->open;
    c.client = setting(rd, cfg, "client");
    c.connection = setting(rd, cfg, "connection");
    c.pool = setting(rd, cfg, "pool");
    c.acquire_connection_timeout = setting(rd, cfg, "acquireConnectionTimeout");
    Prop *pool = obj_get(cfg, "pool");
    if (c.pool.state == KNEX_LITERAL && pool->val->k != V_OBJECT)
        c.pool.state = KNEX_UNKNOWN;
    if (c.pool.state == KNEX_LITERAL) {
        c.pool_open = pool->val->open;
        c.pool_min = setting(rd, pool->val, "min");
        c.pool_max = setting(rd, pool->val, "max");
        c.acquire_timeout = setting(rd, pool->val, "acquireTimeoutMillis");
        read_hook(rd, &c, pool->val, "pool");
    }
    read_hook(rd, &c, cfg, "config");
    Prop *conn = obj_get(cfg, "connection");
    if (conn && conn->val->k == V_OBJECT) {
        read_hook(rd, &c, conn->val, "connection");
        static const char *const keys[] = {"options", "connectionString"};
        for (int i = 0; i < 2; i++) {
            Prop *o = obj_get(conn->val, keys[i]);
            if (o)
                add_literal(rd, &c.connection_sql, o->val);
        }
    } else if (conn) {
        add_literal(rd, &c.connection_sql, conn->val);
    }
    read_migrations(rd, &c, cfg);
    read_search_path(rd, &c, cfg);
    find_statement_timeout(rd, &c, cfg);
    vec_push(rd->a, &kf->configs, c);
}

/* The configs of the exported value: the value itself when it is a config,
 * else each property that is one (an environment). */
static void read_exports(Reader *rd, Knexfile *kf, const Val *e)
{
    if (is_config_object(e)) {
        read_config(rd, kf, NULL, e);
        return;
    }
    if (e->k != V_OBJECT) {
        kf->complete = false;
        return;
    }
    if (e->open)
        kf->complete = false;
    for (int i = 0; i < e->props.n; i++) {
        const Val *v = e->props.v[i].val;
        if (is_config_object(v))
            read_config(rd, kf, e->props.v[i].key, v);
        else if (v->k == V_UNKNOWN || (v->k == V_OBJECT && v->open))
            kf->complete = false;
    }
}

/* A knexfile may export a function that returns the configuration (Knex
 * calls it): the object its body returns when that is a literal, read
 * like any other (what depends on its parameters or locals is unknown). */
static Val *returned_object(Reader *rd, TSNode fn)
{
    TSNode body = ts_field(fn, "body");
    if (!ts_is(body, "statement_block"))
        return eval(rd, body);
    Val *found = &unknown_val;
    int returns = 0;
    for (unsigned i = 0; i < ts_nchildren(body); i++) {
        TSNode st = ts_child(body, i);
        if (ts_is(st, "return_statement")) {
            returns++;
            found = eval(rd, ts_child(st, 0));
        } else if (!ts_is(st, "expression_statement")) {
            return &unknown_val; /* branches, locals: not followed */
        }
    }
    return returns == 1 ? found : &unknown_val;
}

/* module.exports = X; module.exports.env = X; exports.env = X;
 * export default X; export const env = X. */
static Val *exported_value(Reader *rd, TSNode program)
{
    Val *whole = NULL;
    Val *named = val_new(rd, V_OBJECT, program);
    for (unsigned i = 0; i < ts_nchildren(program); i++) {
        TSNode s = ts_child(program, i);
        if (ts_is(s, "expression_statement")) {
            TSNode e = ts_unwrap(ts_child(s, 0));
            if (!ts_is(e, "assignment_expression"))
                continue;
            TSNode l = ts_field(e, "left");
            if (ts_text_is(rd->d, l, "module.exports")) {
                whole = eval(rd, ts_field(e, "right"));
            } else if (ts_is(l, "member_expression")) {
                TSNode o = ts_field(l, "object");
                if (ts_text_is(rd->d, o, "module.exports") || ts_text_is(rd->d, o, "exports")) {
                    const char *key = ts_text(rd->a, rd->d, ts_field(l, "property"));
                    if (strcmp(key, "default") == 0)
                        whole = eval(rd, ts_field(e, "right"));
                    else
                        obj_set(rd, named, key, eval(rd, ts_field(e, "right")), ts_field(l, "property"));
                }
            }
        } else if (ts_is(s, "export_statement")) {
            TSNode v = ts_field(s, "value");
            TSNode d = ts_field(s, "declaration");
            if (ts_node_is_null(v) && ts_node_is_null(d) && ts_nchildren(s) == 1 &&
                !ts_is(ts_child(s, 0), "export_clause"))
                v = ts_child(s, 0); /* TypeScript's `export = config` */
            if (!ts_node_is_null(v)) {
                whole = eval(rd, v);
            } else if (ts_is(d, "lexical_declaration") || ts_is(d, "variable_declaration")) {
                for (unsigned j = 0; j < ts_nchildren(d); j++) {
                    TSNode vd = ts_child(d, j);
                    TSNode name = ts_field(vd, "name");
                    if (ts_is(name, "identifier"))
                        obj_set(rd, named, ts_text(rd->a, rd->d, name), eval(rd, ts_field(vd, "value")), name);
                }
            }
        }
    }
    if (whole && whole->k == V_FUNCTION)
        whole = returned_object(rd, whole->node);
    if (whole && whole->k == V_OBJECT && named->props.n) {
        for (int i = 0; i < named->props.n; i++)
            obj_set(rd, whole, named->props.v[i].key, named->props.v[i].val, named->props.v[i].keynode);
        return whole;
    }
    if (whole)
        return whole;
    return named->props.n ? named : &unknown_val;
}

/* ---- entry points ----------------------------------------------------------- */

static Finding *not_understood(Report *r, const char *path, int line, int col, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static Finding *not_understood(Report *r, const char *path, int line, int col, const char *key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = arena_vprintf(&r->arena, fmt, ap);
    va_end(ap);
    Finding *f = report_add(r, RULE_A003, "%s", msg);
    f->file = path;
    f->line = line;
    f->col = col;
    f->group = path;
    f->key = key;
    return f;
}

static bool valid_utf8(const unsigned char *s, size_t n, size_t *bad)
{
    *bad = utf8_invalid_at((const char *)s, n);
    return *bad == UTF8_VALID;
}

Knexfile *knexfile_read_text(const char *path, const char *src, size_t len, Arena *a, Report *r)
{
    Knexfile *kf = arena_alloc(a, sizeof *kf);
    kf->path = arena_strdup(a, path);
    kf->text = src;
    kf->len = len;
    kf->complete = true;
    size_t bad;
    if (!valid_utf8((const unsigned char *)src, len, &bad)) {
        int line = 1;
        for (size_t i = 0; i < bad; i++)
            line += src[i] == '\n';
        not_understood(r, kf->path, line, 1, "knexfile",
                       "knexfile is not valid UTF-8 (byte %zu); its settings were not read", bad);
        kf->complete = false;
        return kf;
    }
    TsDoc doc;
    const char *err;
    if (!ts_parse(&doc, ts_lang_for_path(path), kf->path, src, len, &err)) {
        not_understood(r, kf->path, 1, 1, "knexfile", "knexfile could not be parsed: %s", err);
        kf->complete = false;
        return kf;
    }
    kf->parsed = true;
    Reader rd = {a, &doc, kf->path, {0}, 0};
    TSNode e = ts_first_error(doc.root);
    if (!ts_node_is_null(e)) {
        int line, col;
        ts_position(&doc, e, &line, &col);
        not_understood(r, kf->path, line, col, "knexfile",
                       "syntax error in knexfile: %s; the settings around it were not read",
                       ts_node_is_missing(e) ? arena_printf(&r->arena, "missing %s", ts_node_type(e))
                                             : arena_printf(&r->arena, "unexpected '%s'", excerpt(&rd, e)));
        kf->complete = false;
    }
    collect_bindings(&rd, doc.root);
    read_exports(&rd, kf, exported_value(&rd, doc.root));
    ts_doc_free(&doc);
    return kf;
}

Knexfile *knexfile_read(const char *path, Arena *a, Report *r)
{
    size_t len;
    const char *why = NULL;
    char *buf = file_read_all(a, path, MAX_KNEXFILE_BYTES, &len, &why);
    if (!buf) {
        Knexfile *kf = arena_alloc(a, sizeof *kf);
        kf->path = arena_strdup(a, path);
        not_understood(r, kf->path, 1, 1, "read", "cannot read knexfile %s: %s", path, why);
        return kf;
    }
    return knexfile_read_text(path, buf, len, a, r);
}

Finding *knexfile_finding(Report *r, RuleId rule, const char *database, const Origin *o, const char *key,
                          const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = arena_vprintf(&r->arena, fmt, ap);
    va_end(ap);
    Finding *f = report_add(r, rule, "%s", msg);
    f->file = o->file;
    f->line = o->line;
    f->col = o->col;
    f->group = o->file;
    f->database = database;
    f->key = arena_strdup(&r->arena, key);
    return f;
}

const char *knexfile_env_name(const KnexConfig *c)
{
    return c->env ? c->env : "config";
}

static bool same_origin(const Origin *a, const Origin *b)
{
    return a && b && a->line == b->line && a->col == b->col && a->file && b->file && strcmp(a->file, b->file) == 0;
}

bool knexfile_envs_at(Arena *a, const Knexfile *kf, int i, const Origin *(*pick)(const KnexConfig *, void *),
                      void *arg, const char **envs)
{
    const Origin *o = pick(&kf->configs.v[i], arg);
    for (int j = 0; j < i; j++)
        if (same_origin(pick(&kf->configs.v[j], arg), o))
            return false;
    StrBuf b = STRBUF_INIT;
    sb_puts(&b, knexfile_env_name(&kf->configs.v[i]));
    for (int j = i + 1; j < kf->configs.n; j++)
        if (same_origin(pick(&kf->configs.v[j], arg), o))
            sb_printf(&b, ", %s", knexfile_env_name(&kf->configs.v[j]));
    *envs = arena_strdup(a, sb_str(&b));
    sb_fini(&b);
    return true;
}

bool knexfile_client_is_pg(const KnexConfig *c)
{
    if (c->client.state == KNEX_ABSENT)
        return true;
    if (c->client.state != KNEX_LITERAL || !c->client.str)
        return false;
    static const char *const pg[] = {"pg", "postgres", "postgresql", "pgnative", "pg-native"};
    for (size_t i = 0; i < sizeof pg / sizeof *pg; i++)
        if (strcasecmp(c->client.str, pg[i]) == 0)
            return true;
    return false;
}
