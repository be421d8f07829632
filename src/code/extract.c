/* extract.c - from a tree-sitter tree to the database work of each function
 * (code.h).
 *
 * One pass over the syntax tree.  Functions start units, except callbacks
 * of loop helpers (map, forEach...), of promise methods and of
 * transaction(): those run inside the function around them, in a loop or a
 * transaction.  At each call the walker asks, in this order:
 *
 *   - is it a Knex query?  A chain of Knex methods whose base is a Knex
 *     instance: knex('t').where(...), trx.raw(...), this.db.select()...
 *     Every method of the chain must be one Knex has unless the base is a
 *     call knex('t') (only Knex is called that way), so Drizzle's
 *     db.select().from(users) or a Mongo db.collection() are not taken for
 *     Knex.  Arguments of a query are values, not queries (a knex.raw in an
 *     update, a subquery in whereIn).
 *   - is it a transaction?  x.transaction(handler[, config]) or
 *     x.transaction([config]) awaited into a variable.
 *   - is it a call to an outside service (HTTP, payment, mail, queue,
 *     blockchain), by the name of the client it is called on?
 *
 * Knex instances are known by name (knex, db, trx, tx; this.knex, this.db,
 * app.knex...), by a Knex type annotation on a parameter or field, and
 * transactions by being a transaction callback's parameter, a variable
 * holding an awaited transaction(), or a parameter named trx/tx or typed
 * Knex.Transaction.
 */
#define _GNU_SOURCE /* strcasestr */
#include <assert.h>
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <fnmatch.h>
#include <string.h>
#include <strings.h>

#include "code/code.h"
#include "core/strbuf.h"
#include "source/ts.h"

#define MAX_CHAIN 64
#define MAX_NAMES 64

typedef struct Names {
    const char *v[MAX_NAMES];
    int n;
} Names;

static void names_add(Names *s, const char *name)
{
    for (int i = 0; i < s->n; i++)
        if (strcmp(s->v[i], name) == 0)
            return;
    if (s->n < MAX_NAMES)
        s->v[s->n++] = name;
}

static bool names_has(const Names *s, const char *name)
{
    for (int i = 0; i < s->n; i++)
        if (strcmp(s->v[i], name) == 0)
            return true;
    return false;
}

/* A local variable holding SQL text, for knex.raw(sql) a few lines later. */
typedef struct SqlVar {
    const char *name;
    TSNode value;
} SqlVar;

/* Field ids, looked up once per file (ts_field() looks the name up on
 * every call). */
enum { F_FUNCTION, F_BODY, F_OBJECT, F_ARGUMENTS, F_VALUE, F_NAME, F_PROPERTY, F_PATTERN, F_LEFT, F_CONDITION, F_PARAMETERS, F_PARAMETER, F_OPERATOR, F_KEY, F_RIGHT, F_INITIALIZER, F_CONSEQUENCE, F_ALTERNATIVE, F_TYPE, F_HANDLER, F_FINALIZER, F_COUNT };
static const char *const field_names[F_COUNT] = {"function", "body", "object", "arguments", "value", "name", "property", "pattern", "left", "condition", "parameters", "parameter", "operator", "key", "right", "initializer", "consequence", "alternative", "type", "handler", "finalizer"};

/* What the walker does with a node, by its symbol: a table per file
 * instead of comparing type names at every node. */
typedef enum NodeClass {
    NC_UNKNOWN = 0, /* not looked up yet */
    NC_OTHER,
    NC_CALL,
    NC_FUNCTION,
    NC_CLASS,
    NC_IF,
    NC_TERNARY,
    NC_ARM, /* switch_case, switch_default, catch_clause */
    NC_FOR,
    NC_FOR_IN,
    NC_WHILE,
    NC_TRY,
    NC_DECLARATOR,
    NC_TYPE_ANNOTATION,
    NC_LEXICAL,
    NC_ENUM,
    NC_PARAM, /* required_parameter, optional_parameter */
    NC_FIELD, /* public_field_definition, property_signature */
    NC_SKIP,  /* types, imports, strings, comments: nothing the walk looks for */
    NC_ASSIGN /* x = ..., x += ... */
} NodeClass;

#define CURSORS 256 /* one per nesting level of the walk, reused */

typedef struct Walker {
    Arena *a;              /* the model's: what the rules read */
    Arena *tmp;            /* this file's: names looked at and dropped */
    TsDoc *d;
    CodeFile *file;
    CodeUnit *unit;
    int loop, txn, try_;
    int in_query;          /* inside the arguments of a query */
    unsigned long long branch; /* hash of the arms the walk is in */
    const char *cb_method; /* the method whose arguments the walk is in ("map") */
    int cb_depth;          /* ... at this cursor depth (-1: none) */
    bool sql_values;       /* sql_text met a run-time part that is not a name */
    bool in_retry;         /* the function being entered is a retry helper's callback */
    bool sql_fix_unsafe;   /* ... or one inside a larger quoted literal or name */
    const char *resolving; /* the variable whose assignments sql_text is reading */
    Names knex_names;      /* file: typed Knex (instances) */
    Names trx_typed;       /* file: typed Knex.Transaction */
    Names consts;          /* file: const bound to literals, and enums */
    Names trx_names;       /* unit: names that hold a transaction */
    Names numeric;         /* unit: parameters typed number, boolean or Date */
    int trx_txn[MAX_NAMES]; /* ... and their CodeTxn */
    VEC(SqlVar) sqlvars;   /* unit */
    const char *class_name;
    TSFieldId fid[F_COUNT];
    const unsigned char *ncls; /* NodeClass per symbol */
    uint32_t nsym;
    struct Cursors *cursors; /* shared by the file's nested units */
    const AuditConfig *cfg;
} Walker;

typedef struct Cursors {
    TSTreeCursor cur[CURSORS];
    int n, depth;
} Cursors;

static TSNode fld(Walker *w, TSNode n, int f)
{
    return ts_node_is_null(n) || !w->fid[f] ? (TSNode){0} : ts_node_child_by_field_id(n, w->fid[f]);
}

static NodeClass classify(const char *t)
{
    static const struct {
        const char *type;
        NodeClass c;
    } map[] = {{"call_expression", NC_CALL}, {"arrow_function", NC_FUNCTION}, {"function_expression", NC_FUNCTION},
               {"function", NC_FUNCTION}, {"function_declaration", NC_FUNCTION},
               {"generator_function_declaration", NC_FUNCTION}, {"generator_function", NC_FUNCTION},
               {"method_definition", NC_FUNCTION}, {"class_declaration", NC_CLASS}, {"class", NC_CLASS},
               {"abstract_class_declaration", NC_CLASS}, {"if_statement", NC_IF},
               {"ternary_expression", NC_TERNARY}, {"switch_case", NC_ARM}, {"switch_default", NC_ARM},
               {"catch_clause", NC_ARM}, {"for_statement", NC_FOR}, {"for_in_statement", NC_FOR_IN},
               {"while_statement", NC_WHILE}, {"do_statement", NC_WHILE}, {"try_statement", NC_TRY},
               {"variable_declarator", NC_DECLARATOR}, {"type_annotation", NC_TYPE_ANNOTATION},
               {"lexical_declaration", NC_LEXICAL}, {"enum_declaration", NC_ENUM},
               {"required_parameter", NC_PARAM}, {"optional_parameter", NC_PARAM},
               {"public_field_definition", NC_FIELD}, {"property_signature", NC_FIELD},
               {"interface_declaration", NC_SKIP}, {"type_alias_declaration", NC_SKIP},
               {"type_arguments", NC_SKIP}, {"type_parameters", NC_SKIP},
               {"import_statement", NC_SKIP}, {"string", NC_SKIP}, {"comment", NC_SKIP}, {"regex", NC_SKIP},
               {"ambient_declaration", NC_SKIP}, {"abstract_method_signature", NC_SKIP},
               {"implements_clause", NC_SKIP}, {"predefined_type", NC_SKIP}, {"jsx_text", NC_SKIP},
               {"assignment_expression", NC_ASSIGN}, {"augmented_assignment_expression", NC_ASSIGN}};
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (strcmp(t, map[i].type) == 0)
            return map[i].c;
    return NC_OTHER;
}

static NodeClass node_class(Walker *w, TSNode n)
{
    TSSymbol sym = ts_node_symbol(n);
    return sym < w->nsym ? (NodeClass)w->ncls[sym] : classify(ts_node_type(n));
}

/* Field ids and node classes of a grammar, computed once per grammar
 * (three of them) for every file and thread. */
typedef struct LangTables {
    const TSLanguage *lang;
    TSFieldId fid[F_COUNT];
    uint32_t nsym;
    unsigned char *ncls;
} LangTables;

static LangTables lang_table[8];
static pthread_mutex_t lang_lock = PTHREAD_MUTEX_INITIALIZER;

static const LangTables *lang_tables(const TSLanguage *lang)
{
    pthread_mutex_lock(&lang_lock);
    LangTables *t = NULL;
    for (int i = 0; i < 8 && !t; i++)
        if (lang_table[i].lang == lang || !lang_table[i].lang)
            t = &lang_table[i];
    if (t && !t->lang) {
        for (int i = 0; i < F_COUNT; i++)
            t->fid[i] = ts_language_field_id_for_name(lang, field_names[i], (uint32_t)strlen(field_names[i]));
        t->nsym = ts_language_symbol_count(lang);
        t->ncls = xmalloc(t->nsym + 1); /* kept for the process's life, like the grammar */
        for (uint32_t sym = 0; sym < t->nsym; sym++) {
            const char *name = ts_language_symbol_name(lang, (TSSymbol)sym);
            bool named = ts_language_symbol_type(lang, (TSSymbol)sym) == TSSymbolTypeRegular;
            t->ncls[sym] = (unsigned char)(name && named ? classify(name) : NC_OTHER);
        }
        t->lang = lang;
    }
    pthread_mutex_unlock(&lang_lock);
    assert(t); /* three grammars */
    return t ? t : &lang_table[0];
}

static bool is_function(Walker *w, TSNode n)
{
    return !ts_node_is_null(n) && node_class(w, n) == NC_FUNCTION;
}

/* Calls fn(w, child) for each named child, through a cursor kept per
 * nesting level (ts_node_named_child(n, i) walks from the first child). */
static void each_child(Walker *w, TSNode n, void (*fn)(Walker *, TSNode))
{
    Cursors *cs = w->cursors;
    int d = cs->depth;
    if (d >= CURSORS) {
        uint32_t k = ts_node_named_child_count(n);
        for (uint32_t i = 0; i < k; i++)
            fn(w, ts_node_named_child(n, i));
        return;
    }
    if (d >= cs->n) {
        cs->cur[d] = ts_tree_cursor_new(n);
        cs->n = d + 1;
    } else {
        ts_tree_cursor_reset(&cs->cur[d], n);
    }
    TSTreeCursor *c = &cs->cur[d];
    if (!ts_tree_cursor_goto_first_child(c))
        return;
    cs->depth++;
    do {
        TSNode x = ts_tree_cursor_current_node(c);
        if (ts_node_is_named(x))
            fn(w, x);
    } while (ts_tree_cursor_goto_next_sibling(c));
    cs->depth--;
}

static const char *const loop_methods[] = {"map", "forEach", "flatMap", "filter", "reduce", "some", "every",
                                           "find", "findIndex", NULL};
static const char *const promise_methods[] = {"then", "catch", "finally", NULL};

/* Knex methods that may start a query on an instance, and those of a
 * query builder (knex 3.x). */
static const char *const start_methods[] = {
    "select", "from", "table", "into", "insert", "update", "del", "delete", "raw", "with", "withRecursive",
    "withSchema", "first", "count", "countDistinct", "min", "max", "sum", "avg", "pluck", "queryBuilder",
    "column", "columns", "distinct", "distinctOn", "upsert", "increment", "decrement", "truncate", "where", NULL};
static const char *const builder_methods[] = {
    "select", "as", "column", "columns", "from", "fromRaw", "into", "table", "with", "withRecursive",
    "withMaterialized", "withSchema", "where", "andWhere", "orWhere", "whereNot", "andWhereNot", "orWhereNot",
    "whereIn", "whereNotIn", "orWhereIn", "orWhereNotIn", "andWhereIn", "andWhereNotIn", "whereNull",
    "whereNotNull", "orWhereNull", "orWhereNotNull", "andWhereNull", "andWhereNotNull", "whereExists",
    "whereNotExists", "orWhereExists", "orWhereNotExists", "whereBetween", "whereNotBetween", "orWhereBetween",
    "orWhereNotBetween", "andWhereBetween", "andWhereNotBetween", "whereRaw", "orWhereRaw", "andWhereRaw",
    "whereLike", "whereILike", "orWhereLike", "orWhereILike", "andWhereLike", "andWhereILike",
    "whereJsonObject", "whereJsonPath", "whereJsonSupersetOf", "whereJsonSubsetOf", "whereColumn",
    "join", "innerJoin", "leftJoin", "leftOuterJoin", "rightJoin", "rightOuterJoin", "fullOuterJoin",
    "crossJoin", "joinRaw", "groupBy", "groupByRaw", "orderBy", "orderByRaw", "having", "havingRaw",
    "orHaving", "orHavingRaw", "havingIn", "havingNotIn", "havingNull", "havingNotNull", "havingBetween",
    "offset", "limit", "union", "unionAll", "intersect", "except", "insert", "returning", "update", "del",
    "delete", "truncate", "first", "pluck", "count", "countDistinct", "min", "max", "sum", "sumDistinct",
    "avg", "avgDistinct", "increment", "decrement", "distinct", "distinctOn", "forUpdate", "forShare",
    "forNoKeyUpdate", "forKeyShare", "skipLocked", "noWait", "onConflict", "ignore", "merge", "upsert",
    "transacting", "timeout", "connection", "options", "debug", "modify", "clone", "clearSelect",
    "clearWhere", "clearOrder", "clearGroup", "clearHaving", "clearCounters", "queryContext", "hintComment",
    "comment", "denseRank", "rank", "rowNumber", "jsonExtract", "jsonSet", "jsonInsert", "jsonRemove",
    "selectRaw", "updateFrom", "using", NULL};
/* Builder methods whose first argument is SQL text. */
static const char *const raw_methods[] = {"raw", "whereRaw", "orWhereRaw", "andWhereRaw", "havingRaw",
                                          "orHavingRaw", "orderByRaw", "groupByRaw", "joinRaw", "fromRaw",
                                          "selectRaw", NULL};
static const char *const conventional_knex[] = {"knex", "db", "trx", "tx", "knexInstance", "knexClient", NULL};
static const char *const conventional_trx[] = {"trx", "tx", NULL};

/* Child access that tolerates null nodes (a missing field). */
static unsigned nkids(TSNode n)
{
    return ts_node_is_null(n) ? 0 : ts_node_named_child_count(n);
}

static TSNode kid(TSNode n, unsigned i)
{
    return ts_node_is_null(n) ? n : ts_node_named_child(n, i);
}

/* The builder methods, sorted once, for bsearch: a chain is checked
 * method by method and the list is long. */
static const char *sorted_builder[256];
static size_t nsorted_builder;
static pthread_once_t sorted_once = PTHREAD_ONCE_INIT;

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void sort_builder(void)
{
    for (const char *const *m = builder_methods; *m && nsorted_builder < 256; m++)
        sorted_builder[nsorted_builder++] = *m;
    qsort(sorted_builder, nsorted_builder, sizeof *sorted_builder, cmp_cstr);
}

static bool builder_method(const char *name)
{
    pthread_once(&sorted_once, sort_builder);
    return bsearch(&name, sorted_builder, nsorted_builder, sizeof *sorted_builder, cmp_cstr) != NULL;
}

static bool in_list(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(s, *list) == 0)
            return true;
    return false;
}

static Pos pos_of(const Walker *w, TSNode n)
{
    Pos p;
    ts_position(w->d, n, &p.line, &p.col);
    p.offset = ts_node_start_byte(n);
    return p;
}

static const char *text(Walker *w, TSNode n)
{
    return ts_text(w->a, w->d, n);
}

/* s without white space: "this\n  .db" as "this.db". */
static const char *squeeze(Walker *w, const char *s)
{
    (void)w;
    char *d = (char *)s, *o = d;
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            *o++ = *s;
    *o = 0;
    return d;
}

/* A node's text for a comparison: gone with the file. */
static const char *ttext(Walker *w, TSNode n)
{
    return ts_text(w->tmp, w->d, n);
}


/* The property name of a member expression, or NULL. */
static const char *member_prop(Walker *w, TSNode n)
{
    if (!ts_is(n, "member_expression"))
        return NULL;
    return ttext(w, fld(w, n, F_PROPERTY));
}

/* ---- Knex instances and transactions ---------------------------------- */

static int trx_index(const Walker *w, const char *name)
{
    for (int i = 0; i < w->trx_names.n; i++)
        if (strcmp(w->trx_names.v[i], name) == 0)
            return i;
    return -1;
}

/* Whether n denotes a Knex instance or transaction; *trx says which. */
static bool is_executor(Walker *w, TSNode n, bool *trx)
{
    n = ts_unwrap(n);
    *trx = false;
    const char *name = NULL;
    if (ts_is(n, "identifier")) {
        name = ttext(w, n);
        if (trx_index(w, name) >= 0) {
            *trx = true;
            return true;
        }
        if (names_has(&w->trx_typed, name)) {
            *trx = true;
            return true;
        }
        if (in_list(name, conventional_knex) || names_has(&w->knex_names, name)) {
            *trx = in_list(name, conventional_trx);
            return true;
        }
        return false;
    }
    if (ts_is(n, "member_expression")) {
        TSNode prop = fld(w, n, F_PROPERTY);
        if (!ts_is(prop, "property_identifier"))
            return false;
        name = ttext(w, prop);
        TSNode obj = ts_unwrap(fld(w, n, F_OBJECT));
        /* this.x / this.db.knex / app.knex / req.db */
        if (names_has(&w->trx_typed, name) || in_list(name, conventional_trx)) {
            *trx = true;
            return true;
        }
        if (in_list(name, conventional_knex) || names_has(&w->knex_names, name))
            return ts_is(obj, "this") || ts_is(obj, "identifier") || ts_is(obj, "member_expression");
        /* knex.schema: only its raw() reaches the query rules */
        bool inner;
        if (strcmp(name, "schema") == 0 && is_executor(w, obj, &inner))
            return true;
    }
    return false;
}

/* ---- values ----------------------------------------------------------- */

/* Identifiers a value reads: plain names and the roots of member
 * expressions (row in row.balance); functions inside are left out. */
static void idents_of(Walker *w, TSNode n, Names *out)
{
    if (ts_node_is_null(n) || is_function(w, n))
        return;
    const char *t = ts_node_type(n);
    if (strcmp(t, "identifier") == 0 || strcmp(t, "shorthand_property_identifier") == 0) {
        names_add(out, text(w, n));
        return;
    }
    if (strcmp(t, "member_expression") == 0) {
        idents_of(w, fld(w, n, F_OBJECT), out);
        return;
    }
    if (strcmp(t, "pair") == 0) {
        idents_of(w, fld(w, n, F_VALUE), out);
        return;
    }
    unsigned k = nkids(n);
    for (unsigned i = 0; i < k; i++)
        idents_of(w, kid(n, i), out);
}

static const char **names_dup(Walker *w, const Names *s)
{
    const char **v = arena_alloc(w->a, sizeof *v * (size_t)(s->n + 1));
    for (int i = 0; i < s->n; i++)
        v[i] = s->v[i];
    v[s->n] = NULL;
    return v;
}

/* "tickets.tenant_id" -> "tenant_id"; "public.tickets as t" -> "tickets". */
static const char *bare_name(Walker *w, const char *s, bool table)
{
    if (!s)
        return NULL;
    const char *end = s + strlen(s);
    if (table) {
        const char *sp = strpbrk(s, " \t");
        if (sp)
            end = sp;
    }
    const char *start = s;
    for (const char *p = s; p < end; p++)
        if (*p == '.')
            start = p + 1;
    /* as written: Knex quotes names, so "pagesVector" is not pagesvector */
    return arena_strndup(w->a, start, (size_t)(end - start));
}

/* An SQL expression as a value: knex.raw(...), knex.fn.now(), knex.ref(). */
/* "v1.session" -> "v1"; else keep. */
static const char *schema_of(Walker *w, const char *name, const char *keep)
{
    const char *dot = name ? strchr(name, '.') : NULL;
    const char *sp = name ? strpbrk(name, " \t") : NULL;
    if (!dot || (sp && sp < dot))
        return keep;
    return arena_strndup(w->a, name, (size_t)(dot - name));
}

static bool is_raw_call(Walker *w, TSNode n)
{
    n = ts_unwrap(n);
    if (!ts_is(n, "call_expression"))
        return false;
    TSNode fn = fld(w, n, F_FUNCTION);
    const char *p = member_prop(w, fn);
    bool trx;
    if (!p)
        return false;
    TSNode obj = ts_unwrap(fld(w, fn, F_OBJECT));
    if (strcmp(p, "raw") == 0 || strcmp(p, "ref") == 0)
        return is_executor(w, obj, &trx);
    /* knex.fn.now() */
    return ts_is(obj, "member_expression") && ts_text_is(w->d, fld(w, obj, F_PROPERTY), "fn") &&
           is_executor(w, fld(w, obj, F_OBJECT), &trx);
}

/* String literals made only of placeholders: '?', '(?, ?::uuid)', ', '. */
static bool placeholder_literal(Walker *w, TSNode n)
{
    const char *v = ts_string_value(w->tmp, w->d, n);
    if (!v)
        return false;
    for (const char *p = v; *p; p++) {
        if (*p == ':' && p[1] == ':') { /* a cast: ?::uuid */
            p += 2;
            while (isalnum((unsigned char)*p) || *p == '_' || *p == '[' || *p == ']')
                p++;
            p--;
            continue;
        }
        if (!strchr("?,() ", *p))
            return false;
    }
    return true;
}

/* items.map(() => '?').join(','): builds only placeholders; the values are
 * bound.  Every string literal inside is placeholders, and there is one. */
static bool placeholder_builder(Walker *w, TSNode n, int *literals, int depth)
{
    if (ts_node_is_null(n) || depth > 40)
        return true;
    if (ts_is(n, "string") || ts_is(n, "template_string")) {
        if (!placeholder_literal(w, n))
            return false;
        (*literals)++;
        return true;
    }
    unsigned k = ts_node_named_child_count(n);
    for (unsigned i = 0; i < k; i++)
        if (!placeholder_builder(w, ts_node_named_child(n, i), literals, depth + 1))
            return false;
    return true;
}

/* A name from the code rather than a value: table, schema, column... */
static bool name_like(Walker *w, TSNode n)
{
    n = ts_unwrap(n);
    if (ts_is(n, "call_expression") && nkids(fld(w, n, F_ARGUMENTS)) == 0)
        n = ts_unwrap(fld(w, n, F_FUNCTION));
    const char *name = NULL;
    if (ts_is(n, "identifier"))
        name = ttext(w, n);
    else if (ts_is(n, "member_expression")) {
        /* req.body.name is input, whatever its last name says */
        TSNode root = n;
        while (ts_is(root, "member_expression") || ts_is(root, "subscript_expression"))
            root = ts_unwrap(fld(w, root, F_OBJECT));
        static const char *const inputs[] = {"req", "request", "ctx", "body", "params", "query", "headers", "input",
                                             "args", "event", NULL};
        if (ts_is(root, "identifier") && in_list(ttext(w, root), inputs))
            return false;
        name = ttext(w, fld(w, n, F_PROPERTY));
    }
    if (!name)
        return false;
    static const char *const words[] = {"table", "schema", "column", "name", "suffix", "partition", "placeholder",
                                        "alias", NULL};
    for (int i = 0; words[i]; i++)
        if (strcasestr(name, words[i]))
            return true;
    return false;
}

/* Whether a template substitution or a concatenated operand is a constant. */
static bool is_constant(Walker *w, TSNode n)
{
    n = ts_unwrap(n);
    int literals = 0;
    if ((ts_is(n, "call_expression") || ts_is(n, "member_expression")) && placeholder_builder(w, n, &literals, 0) &&
        literals > 0)
        return true;
    if (ts_is(n, "call_expression")) {
        /* values that cannot carry SQL: uuidgen(), d.toISOString(),
         * dayjs(d).format('YYYYMMDD'), n.toFixed(2) */
        TSNode fn = ts_unwrap(fld(w, n, F_FUNCTION)), args = fld(w, n, F_ARGUMENTS);
        const char *m = member_prop(w, fn);
        static const char *const safe[] = {"toISOString", "toFixed", "getTime", "valueOf", "toUTCString",
                                           "toJSON", NULL};
        if (m && in_list(m, safe))
            return true;
        if (m && strcmp(m, "format") == 0 && nkids(args) == 1 && ts_is(ts_unwrap(kid(args, 0)), "string"))
            return true;
        if (ts_is(fn, "identifier") && nkids(args) == 0)
            return true; /* uuidgen(), randomUUID(), nanoid() */
    }
    if (ts_is(n, "identifier") && strcasestr(ttext(w, n), "placeholder"))
        return true; /* built the same way a few lines up */
    if (ts_is(n, "string") || ts_is(n, "number") || ts_is(n, "true") || ts_is(n, "false"))
        return true;
    if (ts_is(n, "template_string"))
        return ts_string_value(w->tmp, w->d, n) != NULL;
    if (ts_is(n, "identifier")) {
        const char *s = ttext(w, n);
        if (names_has(&w->consts, s) || names_has(&w->numeric, s))
            return true;
        bool upper = true, letter = false;
        for (const char *p = s; *p; p++) {
            if (islower((unsigned char)*p))
                upper = false;
            if (isalpha((unsigned char)*p))
                letter = true;
        }
        return upper && letter; /* SCREAMING_CASE: a constant by convention */
    }
    if (ts_is(n, "member_expression") || ts_is(n, "subscript_expression")) {
        /* a member of a constant object: FORMATS.hour, FORMATS[precision] */
        TSNode obj = ts_unwrap(fld(w, n, F_OBJECT));
        return ts_is(obj, "identifier") && is_constant(w, obj);
    }
    if (ts_is(n, "binary_expression") || ts_is(n, "ternary_expression")) {
        unsigned k = nkids(n);
        for (unsigned i = 0; i < k; i++) {
            TSNode c = kid(n, i);
            if (ts_is(n, "ternary_expression") && i == 0)
                continue; /* the condition picks between constants */
            if (!is_constant(w, c))
                return false;
        }
        return true;
    }
    return false;
}

static bool sql_text(Walker *w, TSNode n, StrBuf *sql, StrBuf *param, Names *binds, bool *dynamic, int depth);

/* A local variable of SQL text whose every assignment is constant SQL
 * (itself aside: qry = `${qry} AND x = ?`). */
static bool var_constant(Walker *w, TSNode n, int depth)
{
    n = ts_unwrap(n);
    if (!ts_is(n, "identifier") || depth > 4)
        return false;
    const char *name = ttext(w, n);
    if (w->resolving && strcmp(w->resolving, name) == 0)
        return true;
    const char *saved = w->resolving;
    w->resolving = name;
    bool any = false, ok = true;
    for (int i = 0; i < w->sqlvars.n && ok; i++) {
        if (strcmp(w->sqlvars.v[i].name, name) != 0 || w->sqlvars.v[i].value.id == n.id)
            continue;
        any = true;
        if (is_constant(w, w->sqlvars.v[i].value))
            continue;
        StrBuf a = STRBUF_INIT, b = STRBUF_INIT;
        Names nb = {0};
        bool dyn = false;
        bool saved_values = w->sql_values, saved_unsafe = w->sql_fix_unsafe;
        ok = sql_text(w, w->sqlvars.v[i].value, &a, &b, &nb, &dyn, depth + 1) && !dyn;
        w->sql_values = saved_values;
        w->sql_fix_unsafe = saved_unsafe;
        any = true;
        sb_fini(&a);
        sb_fini(&b);
    }
    w->resolving = saved;
    return ok && any;
}

/* SQL text of a raw argument: literal parts as written, run-time parts as
 * ${...}; *dynamic when a run-time part is not a constant.  The
 * parameterised form goes to param (a ? or ?? per run-time part) and the
 * values to binds.  False when the argument is not SQL text we can see. */
static bool sql_text(Walker *w, TSNode n, StrBuf *sql, StrBuf *param, Names *binds, bool *dynamic, int depth)
{
    n = ts_unwrap(n);
    if (depth > 4)
        return false;
    if (ts_is(n, "string")) {
        const char *v = ts_string_value(w->a, w->d, n);
        sb_puts(sql, v);
        sb_puts(param, v);
        return true;
    }
    if (ts_is(n, "template_string")) {
        uint32_t k = ts_node_child_count(n);
        for (uint32_t i = 0; i < k; i++) {
            TSNode c = ts_node_child(n, i);
            const char *t = ts_node_type(c);
            if (strcmp(t, "string_fragment") == 0 || strcmp(t, "escape_sequence") == 0) {
                const char *s = text(w, c);
                sb_puts(sql, s);
                sb_puts(param, s);
            } else if (strcmp(t, "template_substitution") == 0) {
                TSNode e = kid(c, 0);
                sb_printf(sql, "${%s}", text(w, e));
                if (is_constant(w, e) || (w->resolving && ts_is(ts_unwrap(e), "identifier") &&
                                          ts_text_is(w->d, ts_unwrap(e), w->resolving)) ||
                    var_constant(w, e, depth)) {
                    sb_printf(param, "${%s}", text(w, e));
                    continue;
                }
                *dynamic = true;
                /* where the part sits: inside a quoted literal, in double
                 * quotes (a name), after a word that takes a name */
                const char *p = param->s ? param->s : "";
                size_t len = param->len;
                bool sq = false, dq = false;
                for (size_t q = 0; q < len; q++) {
                    if (p[q] == '\'' && !dq)
                        sq = !sq;
                    else if (p[q] == '"' && !sq)
                        dq = !dq;
                }
                const char *next = i + 1 < k ? ts_node_type(ts_node_child(n, i + 1)) : "";
                const char *ntext = strcmp(next, "string_fragment") == 0 ? ttext(w, ts_node_child(n, i + 1)) : "";
                bool squote = sq && len && p[len - 1] == '\'' && *ntext == '\'';
                bool dquote = dq && len && p[len - 1] == '"' && *ntext == '"';
                if ((sq && !squote) || (dq && !dquote))
                    w->sql_fix_unsafe = true; /* part of a larger literal or name: no binding replaces it */
                if (squote || dquote)
                    param->s[--param->len] = 0;
                bool ident = dq;
                size_t e2 = param->len;
                while (e2 && isspace((unsigned char)param->s[e2 - 1]))
                    e2--;
                size_t b2 = e2;
                while (b2 && isalpha((unsigned char)param->s[b2 - 1]))
                    b2--;
                static const char *const before_names[] = {"from", "join", "into", "update", "table", "schema",
                                                           "savepoint", "release", "to", "as", "exists", "index",
                                                           "view", "sequence", "function", "trigger", "by", NULL};
                char word[16] = {0};
                if (e2 - b2 < sizeof word) {
                    for (size_t q = b2; q < e2; q++)
                        word[q - b2] = (char)tolower((unsigned char)param->s[q]);
                    ident = ident || in_list(word, before_names);
                }
                if (!ident && !name_like(w, e))
                    w->sql_values = true;
                sb_puts(param, ident ? "??" : "?");
                names_add(binds, text(w, e));
                if (squote || dquote) {
                    /* drop the closing quote from the next fragment */
                    TSNode nx = ts_node_child(n, i + 1);
                    const char *s = text(w, nx);
                    sb_puts(sql, s);
                    sb_puts(param, s + 1);
                    i++;
                }
            }
        }
        return true;
    }
    if (ts_is(n, "binary_expression") && ts_text_is(w->d, fld(w, n, F_OPERATOR), "+")) {
        TSNode l = fld(w, n, F_LEFT), r = fld(w, n, F_RIGHT);
        bool ls = ts_is(ts_unwrap(l), "string") || ts_is(ts_unwrap(l), "template_string") ||
                  ts_is(ts_unwrap(l), "binary_expression");
        bool rs = ts_is(ts_unwrap(r), "string") || ts_is(ts_unwrap(r), "template_string") ||
                  ts_is(ts_unwrap(r), "binary_expression");
        if (!ls && !rs)
            return false;
        TSNode parts[2] = {l, r};
        for (int i = 0; i < 2; i++) {
            TSNode x = ts_unwrap(parts[i]);
            if (ts_is(x, "string") || ts_is(x, "template_string") || ts_is(x, "binary_expression")) {
                if (!sql_text(w, x, sql, param, binds, dynamic, depth + 1))
                    return false;
            } else if (is_constant(w, x) || var_constant(w, x, depth)) {
                sb_printf(sql, "${%s}", text(w, x));
                sb_printf(param, "${%s}", text(w, x));
            } else {
                *dynamic = true;
                if (!name_like(w, x))
                    w->sql_values = true;
                sb_printf(sql, "${%s}", text(w, x));
                sb_puts(param, "?");
                names_add(binds, text(w, x));
            }
        }
        return true;
    }
    if (ts_is(n, "identifier")) {
        const char *name = ttext(w, n);
        int ndefs = 0, last = -1;
        for (int i = 0; i < w->sqlvars.n; i++)
            if (strcmp(w->sqlvars.v[i].name, name) == 0 && w->sqlvars.v[i].value.id != n.id)
                ndefs++, last = i;
        if (ndefs == 1)
            return sql_text(w, w->sqlvars.v[last].value, sql, param, binds, dynamic, depth + 1);
        if (ndefs > 1) {
            /* built up over several assignments (qry = `${qry} AND x = ?`):
             * constant when every one is, the variable itself aside */
            const char *saved = w->resolving;
            w->resolving = name;
            bool any = false, known = true;
            for (int i = 0; i < w->sqlvars.n && known; i++) {
                if (strcmp(w->sqlvars.v[i].name, name) != 0 || w->sqlvars.v[i].value.id == n.id)
                    continue;
                StrBuf a = STRBUF_INIT, b = STRBUF_INIT;
                Names nb = {0};
                bool dyn = false;
                known = sql_text(w, w->sqlvars.v[i].value, &a, &b, &nb, &dyn, depth + 1);
                any = any || dyn;
                sb_fini(&a);
                sb_fini(&b);
            }
            w->resolving = saved;
            if (!known || any)
                return false; /* unknown, or dynamic in a way one form cannot show */
            sb_printf(sql, "${%s}", name);
            sb_printf(param, "${%s}", name);
            return true;
        }
    }
    return false;
}

/* Raw entry points for names and keywords (ORDER BY col DESC, a join):
 * what is spliced there is rarely a value, and no binding form fits all. */
static const char *const name_methods[] = {"orderByRaw", "groupByRaw", "joinRaw", "fromRaw", NULL};

/* "SET [SESSION|LOCAL] name = ..." -> name, else NULL. */
static const char *set_setting(Walker *w, const char *sql)
{
    while (isspace((unsigned char)*sql))
        sql++;
    if (strncasecmp(sql, "set", 3) != 0 || !isspace((unsigned char)sql[3]))
        return NULL;
    sql += 3;
    while (isspace((unsigned char)*sql))
        sql++;
    if (strncasecmp(sql, "session ", 8) == 0)
        sql += 8;
    else if (strncasecmp(sql, "local ", 6) == 0)
        sql += 6;
    while (isspace((unsigned char)*sql))
        sql++;
    size_t n = strcspn(sql, " \t\n=");
    return n ? arena_strndup(w->a, sql, n) : NULL;
}

/* DDL and utility statements take no bindings (SET aside: it has
 * set_config()). */
static bool sql_utility(const char *sql)
{
    while (isspace((unsigned char)*sql))
        sql++;
    static const char *const words[] = {"create", "alter", "drop", "savepoint", "release", "rollback", "grant",
                                        "revoke", "truncate", "comment", "vacuum", "analyze", "lock", "reset",
                                        "listen", "notify", NULL};
    for (int i = 0; words[i]; i++) {
        size_t n = strlen(words[i]);
        if (strncasecmp(sql, words[i], n) == 0 && !isalnum((unsigned char)sql[n]) && sql[n] != '_')
            return true;
    }
    return false;
}

/* Fills q's SQL fields from a raw entry point's SQL argument. */
static void raw_sql(Walker *w, CodeQuery *q, TSNode arg, const char *method, TSNode call_args)
{
    StrBuf sql = STRBUF_INIT, param = STRBUF_INIT;
    Names binds = {0};
    bool dynamic = false;
    sb_putn(&sql, "", 0);
    sb_putn(&param, "", 0);
    w->sql_values = false;
    w->sql_fix_unsafe = false;
    if (sql_text(w, arg, &sql, &param, &binds, &dynamic, 0) && (!q->sql || dynamic)) {
        CodeSql one = {0};
        one.sql = arena_strdup(w->a, sql.s);
        one.ddl = dynamic && sql_utility(sql.s);
        one.names_only = dynamic && !w->sql_values;
        one.at = pos_of(w, ts_unwrap(arg));
        const char *set_name = dynamic ? set_setting(w, sql.s) : NULL;
        if (set_name && binds.n == 1) {
            /* SET takes no binding; set_config() does, and ends with the transaction */
            one.param = arena_printf(w->a, "raw(\"SELECT set_config('%s', ?, true)\", [%s])", set_name, binds.v[0]);
        } else if (dynamic && !w->sql_fix_unsafe && !one.ddl && !set_name && !in_list(method, name_methods)) {
            StrBuf fix = STRBUF_INIT;
            sb_printf(&fix, "%s(`%s`, [", method, param.s);
            /* bindings already passed come first: keep them */
            TSNode old = kid(call_args, 1);
            int nb = 0;
            if (!ts_node_is_null(old) && ts_is(ts_unwrap(old), "array")) {
                TSNode arr = ts_unwrap(old);
                unsigned k = nkids(arr);
                for (unsigned i = 0; i < k; i++, nb++)
                    sb_printf(&fix, "%s%s", nb ? ", " : "", text(w, kid(arr, i)));
            }
            for (int i = 0; i < binds.n; i++, nb++)
                sb_printf(&fix, "%s%s", nb ? ", " : "", binds.v[i]);
            sb_puts(&fix, "])");
            one.param = arena_strdup(w->a, fix.s);
            sb_fini(&fix);
        }
        if (dynamic && q->sql_dynamic) {
            vec_push(w->tmp, &q->more_sql, one); /* the first stays in q's own fields */
        } else {
            q->sql = one.sql;
            q->sql_dynamic = dynamic;
            q->sql_ddl = one.ddl;
            q->sql_names_only = one.names_only;
            q->sql_at = one.at;
            q->sql_param = one.param;
        }
    }
    sb_fini(&sql);
    sb_fini(&param);
}

/* ---- query chains ----------------------------------------------------- */

typedef struct Seg {
    const char *name;
    TSNode args, call;
} Seg;

static void add_cond(Walker *w, CodeQuery *q, const char *column, TSNode value, bool null_test)
{
    CodeCond c = {0};
    c.column = bare_name(w, column, false);
    c.null_test = null_test;
    if (!ts_node_is_null(value)) {
        TSNode v = ts_unwrap(value);
        c.value = text(w, v);
        if (ts_is(v, "null") || ts_is(v, "undefined"))
            c.null_test = true;
        Names ids = {0};
        idents_of(w, v, &ids);
        c.idents = names_dup(w, &ids);
    }
    vec_push(w->tmp, &q->conds, c);
}

static void conds_of_object(Walker *w, CodeQuery *q, TSNode obj)
{
    unsigned k = nkids(obj);
    for (unsigned i = 0; i < k; i++) {
        TSNode p = kid(obj, i);
        if (ts_is(p, "pair")) {
            TSNode key = fld(w, p, F_KEY);
            const char *name = ts_string_value(w->a, w->d, key);
            if (!name)
                name = text(w, key);
            add_cond(w, q, name, fld(w, p, F_VALUE), false);
        } else if (ts_is(p, "shorthand_property_identifier")) {
            add_cond(w, q, text(w, p), p, false);
        }
    }
}

static void conds_of_call(Walker *w, CodeQuery *q, const char *m, TSNode args);

/* where(function () { this.where(...) }) / where((qb) => qb.where(...)) */
static void conds_of_callback(Walker *w, CodeQuery *q, TSNode n, int depth)
{
    if (ts_node_is_null(n) || depth > 40)
        return;
    if (ts_is(n, "call_expression")) {
        TSNode fn = fld(w, n, F_FUNCTION);
        const char *m = member_prop(w, fn);
        if (m && (strncmp(m, "where", 5) == 0 || strncmp(m, "andWhere", 8) == 0 || strncmp(m, "orWhere", 7) == 0))
            conds_of_call(w, q, m, fld(w, n, F_ARGUMENTS));
    }
    unsigned k = nkids(n);
    for (unsigned i = 0; i < k; i++)
        conds_of_callback(w, q, kid(n, i), depth + 1);
}

static void conds_of_call(Walker *w, CodeQuery *q, const char *m, TSNode args)
{
    TSNode a0 = ts_unwrap(kid(args, 0));
    unsigned na = nkids(args);
    if (strstr(m, "Raw")) {
        CodeCond c = {0};
        c.raw = ts_string_value(w->a, w->d, a0);
        if (!c.raw)
            c.raw = text(w, a0);
        vec_push(w->tmp, &q->conds, c);
        return;
    }
    bool null_test = strstr(m, "Null") != NULL;
    if (ts_is(a0, "object")) {
        conds_of_object(w, q, a0);
        return;
    }
    if (is_function(w, a0)) {
        conds_of_callback(w, q, fld(w, a0, F_BODY), 0);
        return;
    }
    const char *col = ts_string_value(w->a, w->d, a0);
    if (!col)
        return;
    TSNode value = na >= 2 ? kid(args, na - 1) : (TSNode){0};
    add_cond(w, q, col, value, null_test);
}

/* Columns and the identifiers of the values an insert or update writes. */
static void set_values(Walker *w, CodeQuery *q, TSNode args, bool update)
{
    TSNode a0 = ts_unwrap(kid(args, 0));
    Names cols = {0}, ids = {0};
    if (update && ts_is(a0, "string")) {
        names_add(&cols, ts_string_value(w->a, w->d, a0));
        TSNode v = kid(args, 1);
        if (is_raw_call(w, v))
            q->set_atomic = true;
        else
            idents_of(w, v, &ids);
    } else {
        TSNode obj = a0;
        if (ts_is(obj, "array"))
            obj = ts_unwrap(kid(obj, 0));
        if (ts_is(obj, "object")) {
            unsigned k = nkids(obj);
            for (unsigned i = 0; i < k; i++) {
                TSNode p = kid(obj, i);
                if (ts_is(p, "pair")) {
                    TSNode key = fld(w, p, F_KEY);
                    const char *name = ts_string_value(w->a, w->d, key);
                    names_add(&cols, name ? name : text(w, key));
                    TSNode v = fld(w, p, F_VALUE);
                    if (is_raw_call(w, v))
                        q->set_atomic = true;
                    else
                        idents_of(w, v, &ids);
                } else if (ts_is(p, "shorthand_property_identifier")) {
                    names_add(&cols, text(w, p));
                    names_add(&ids, text(w, p));
                } else if (ts_is(p, "spread_element")) {
                    idents_of(w, p, &ids);
                }
            }
        } else {
            idents_of(w, a0, &ids);
        }
    }
    q->set_cols = names_dup(w, &cols);
    q->set_idents = names_dup(w, &ids);
}

static QueryOp verb_op(const char *m, QueryOp cur)
{
    if (strcmp(m, "insert") == 0)
        return cur == QOP_UPSERT ? QOP_UPSERT : QOP_INSERT;
    if (strcmp(m, "upsert") == 0 || strcmp(m, "merge") == 0)
        return QOP_UPSERT;
    if (strcmp(m, "update") == 0)
        return QOP_UPDATE;
    if (strcmp(m, "del") == 0 || strcmp(m, "delete") == 0 || strcmp(m, "truncate") == 0)
        return QOP_DELETE;
    if (strcmp(m, "increment") == 0 || strcmp(m, "decrement") == 0)
        return QOP_INCREMENT;
    if (strcmp(m, "first") == 0)
        return QOP_FIRST;
    if (strcmp(m, "count") == 0 || strcmp(m, "countDistinct") == 0 || strcmp(m, "min") == 0 ||
        strcmp(m, "max") == 0 || strcmp(m, "sum") == 0 || strcmp(m, "avg") == 0)
        return QOP_COUNT;
    return cur;
}

/* Splits a call chain into its base and method segments (base first).
 * Returns false when it is not a Knex query.  *base_call is set when the
 * base is knex('table'). */
static int chain_segments(Walker *w, TSNode call, Seg *segs, TSNode *base, bool *base_call, bool *inner_await)
{
    int n = 0;
    TSNode node = call;
    *base_call = false;
    *inner_await = false;
    for (;;) {
        /* TypeScript reads `await q.from<T>(x).where()` as a call on
         * (await q.from)<T>: the await sits inside the chain */
        for (TSNode x = node; !ts_node_is_null(x) && !ts_is(x, "call_expression") && !ts_is(x, "member_expression") &&
                              !ts_is(x, "identifier");
             x = ts_node_named_child_count(x) ? ts_node_named_child(x, 0) : (TSNode){0})
            if (ts_is(x, "await_expression"))
                *inner_await = true;
        node = ts_unwrap(node);
        if (ts_is(node, "call_expression")) {
            TSNode rawfn = fld(w, node, F_FUNCTION);
            if (ts_is(rawfn, "await_expression"))
                *inner_await = true;
            TSNode fn = ts_unwrap(rawfn);
            bool trx;
            if (is_executor(w, fn, &trx)) {
                *base = node;
                *base_call = true;
                break;
            }
            if (!ts_is(fn, "member_expression") || n == MAX_CHAIN)
                return -1;
            TSNode prop = fld(w, fn, F_PROPERTY);
            if (!ts_is(prop, "property_identifier"))
                return -1;
            segs[n++] = (Seg){text(w, prop), fld(w, node, F_ARGUMENTS), node};
            node = fld(w, fn, F_OBJECT);
            continue;
        }
        bool trx;
        if (is_executor(w, node, &trx)) {
            *base = node;
            break;
        }
        return -1;
    }
    /* base first */
    for (int i = 0; i < n / 2; i++) {
        Seg t = segs[i];
        segs[i] = segs[n - 1 - i];
        segs[n - 1 - i] = t;
    }
    return n;
}

static void record_query(Walker *w, TSNode call, TSNode base, bool base_call, Seg *segs, int n);


/* Returns true when call was a Knex query (recorded). */
static bool try_query(Walker *w, TSNode call)
{
    Seg segs[MAX_CHAIN];
    TSNode base;
    bool base_call, inner_await;
    int n = chain_segments(w, call, segs, &base, &base_call, &inner_await);
    if (n < 0)
        return false;
    if (!base_call && n == 0)
        return false;
    /* knex(config) makes an instance; knex.transaction is a transaction */
    if (base_call) {
        TSNode a0 = ts_unwrap(kid(fld(w, base, F_ARGUMENTS), 0));
        if (ts_is(a0, "object"))
            return false;
    }
    int qn = n;
    for (int i = 0; i < n; i++)
        if (in_list(segs[i].name, promise_methods)) {
            qn = i;
            break;
        }
    if (qn == 0)
        return false;
    if (!base_call) {
        if (!in_list(segs[0].name, start_methods))
            return false;
    }
    for (int i = base_call ? 0 : 1; i < qn; i++)
        if (!builder_method(segs[i].name))
            return false;
    /* a Knex query names its table, or is raw SQL: tx.delete(id) of another
     * library is neither */
    bool table = base_call, raw = false;
    for (int i = 0; i < qn; i++) {
        raw = raw || in_list(segs[i].name, raw_methods);
        table = table || strcmp(segs[i].name, "from") == 0 || strcmp(segs[i].name, "table") == 0 ||
                strcmp(segs[i].name, "into") == 0 || strcmp(segs[i].name, "fromRaw") == 0 ||
                strcmp(segs[i].name, "updateFrom") == 0;
    }
    if (!table && !raw)
        return false;
    record_query(w, call, base, base_call, segs, n);
    if (inner_await) {
        CodeQuery *q = &w->unit->queries.v[w->unit->queries.n - 1];
        q->awaited = true;
        q->discarded = false;
    }
    return true;
}

/* How the value of expression n is used: awaited, returned, bound to a
 * name, or dropped. */
static void usage_of(Walker *w, TSNode n, CodeQuery *q)
{
    TSNode p = ts_node_parent(n);
    while (ts_is(p, "parenthesized_expression") || ts_is(p, "as_expression") || ts_is(p, "non_null_expression") ||
           ts_is(p, "satisfies_expression")) {
        n = p;
        p = ts_node_parent(p);
    }
    if (ts_is(p, "await_expression") || ts_is(p, "yield_expression")) {
        q->awaited = true;
        n = p;
        p = ts_node_parent(p);
        while (ts_is(p, "parenthesized_expression") || ts_is(p, "as_expression") ||
               ts_is(p, "non_null_expression")) {
            n = p;
            p = ts_node_parent(p);
        }
    }
    if (ts_is(p, "return_statement") || ts_is(p, "arrow_function")) {
        q->awaited = true;
        return;
    }
    if (ts_is(p, "expression_statement")) {
        q->discarded = !q->awaited;
        return;
    }
    if (ts_is(p, "unary_expression") && ts_text_is(w->d, fld(w, p, F_OPERATOR), "void")) {
        q->discarded = !q->awaited; /* void knex(...): dropped on purpose, and never run */
        return;
    }
    if (ts_is(p, "variable_declarator") || ts_is(p, "assignment_expression")) {
        TSNode name = ts_field(p, ts_is(p, "variable_declarator") ? "name" : "left");
        Names ns = {0};
        if (ts_is(name, "identifier")) {
            q->result = text(w, name);
            names_add(&ns, q->result);
        } else {
            idents_of(w, name, &ns);
            /* { a, b } and [row]: every name declared */
            if (ts_is(name, "array_pattern") && ns.n)
                q->result = ns.v[0];
        }
        q->result_names = names_dup(w, &ns);
        if (!q->awaited)
            q->awaited = true; /* a promise kept in a variable: awaited later, or not our business */
        return;
    }
    /* an argument (Promise.all([...]), a pair value, an array element) */
    q->awaited = true;
}

static void record_query(Walker *w, TSNode call, TSNode base, bool base_call, Seg *segs, int n)
{
    CodeUnit *u = w->unit;
    CodeQuery q = {0};
    q.loop = w->loop;
    q.txn = w->txn;
    q.in_try = w->try_;
    q.branch = w->branch;
    q.op = QOP_SELECT;
    TSNode exec = base_call ? fld(w, base, F_FUNCTION) : base;
    q.at = pos_of(w, ts_unwrap(exec));
    q.executor = squeeze(w, text(w, ts_unwrap(exec)));
    is_executor(w, exec, &q.exec_trx);
    if (base_call) {
        TSNode args = fld(w, base, F_ARGUMENTS);
        const char *t = ts_string_value(w->a, w->d, kid(args, 0));
        q.table = bare_name(w, t, true);
        q.schema = schema_of(w, t, NULL);
    }
    for (int i = 0; i < n; i++) {
        const char *m = segs[i].name;
        TSNode args = segs[i].args;
        TSNode a0 = kid(args, 0);
        if (in_list(m, promise_methods)) {
            if (strcmp(m, "catch") == 0)
                q.caught = true;
            continue;
        }
        if (strcmp(m, "from") == 0 || strcmp(m, "table") == 0 || strcmp(m, "into") == 0 ||
            strcmp(m, "updateFrom") == 0) {
            const char *t = ts_string_value(w->a, w->d, a0);
            if (t) {
                q.table = bare_name(w, t, true);
                q.schema = schema_of(w, t, q.schema);
            }
        } else if (strcmp(m, "withSchema") == 0) {
            const char *sc = ts_string_value(w->a, w->d, a0);
            q.schema = sc ? sc : "?"; /* a schema named at run time: not the model's */
        } else if (strncmp(m, "where", 5) == 0 || strncmp(m, "andWhere", 8) == 0 ||
                   strncmp(m, "orWhere", 7) == 0) {
            conds_of_call(w, &q, m, args);
        } else if (strcmp(m, "insert") == 0 || strcmp(m, "upsert") == 0) {
            set_values(w, &q, args, false);
        } else if (strcmp(m, "update") == 0) {
            set_values(w, &q, args, true);
        } else if (strcmp(m, "forUpdate") == 0) {
            q.lock = LOCK_UPDATE;
        } else if (strcmp(m, "forNoKeyUpdate") == 0) {
            q.lock = LOCK_NO_KEY_UPDATE;
        } else if (strcmp(m, "forShare") == 0) {
            q.lock = LOCK_SHARE;
        } else if (strcmp(m, "forKeyShare") == 0) {
            q.lock = LOCK_KEY_SHARE;
        } else if (strcmp(m, "limit") == 0) {
            double one;
            q.limit1 = ts_number_value(w->d, a0, &one) && one == 1;
        } else if (strcmp(m, "skipLocked") == 0) {
            q.skip_locked = true;
        } else if (strcmp(m, "noWait") == 0) {
            q.no_wait = true;
        } else if (strcmp(m, "onConflict") == 0) {
            q.on_conflict = true;
        } else if (strcmp(m, "transacting") == 0) {
            q.transacting = true;
            q.exec_trx = true;
            const char *x = text(w, ts_unwrap(a0));
            q.executor = x;
            int ti = trx_index(w, x);
            if (ti >= 0)
                q.txn = w->trx_txn[ti];
        }
        if (in_list(m, raw_methods)) {
            raw_sql(w, &q, a0, m, args);
            if (strcmp(m, "raw") == 0 && i == 0 && !base_call)
                q.op = QOP_RAW;
        }
        q.op = verb_op(m, q.op);
    }
    if (q.op == QOP_RAW && q.sql) {
        /* FOR UPDATE in raw SQL is a lock */
        const char *s = q.sql;
        for (const char *p = s; *p; p++)
            if (strncasecmp(p, "for update", 10) == 0)
                q.lock = LOCK_UPDATE;
            else if (strncasecmp(p, "for no key update", 17) == 0)
                q.lock = LOCK_NO_KEY_UPDATE;
            else if (strncasecmp(p, "skip locked", 11) == 0)
                q.skip_locked = true;
    }
    /* the executor's transaction: a variable or parameter holding one */
    if (!q.transacting) {
        int ti = trx_index(w, q.executor);
        if (ti >= 0)
            q.txn = w->trx_txn[ti];
    }
    if (w->txn >= 0) {
        const CodeTxn *t = &u->txns.v[w->txn];
        if (t->kind == TXN_CALLBACK && (!q.exec_trx || (t->var && strcmp(q.executor, t->var) != 0 &&
                                                          trx_index(w, q.executor) < 0)))
            q.outer_in_txn = !q.transacting;
        if (q.outer_in_txn)
            q.txn = w->txn; /* it runs while the transaction is open, but outside it */
    }
    usage_of(w, call, &q);
    if (w->loop >= 0 && u->loops.v[w->loop].async_foreach)
        q.discarded = q.discarded || q.awaited; /* nobody waits for the callback */
    vec_push(w->tmp, &u->queries, q);
    if (w->try_ >= 0 && qop_writes(q.op))
        u->tries.v[w->try_].has_write = true;
}

/* ---- outside services ------------------------------------------------- */

typedef struct ClientGlob {
    const char *glob; /* lower case, against the client's name */
    CallKind kind;
} ClientGlob;

static const ClientGlob client_globs[] = {
    {"axios", CALL_HTTP}, {"fetch", CALL_HTTP}, {"externalapi", CALL_HTTP}, {"got", CALL_HTTP}, {"superagent", CALL_HTTP},
    {"undici", CALL_HTTP}, {"httpclient", CALL_HTTP}, {"http", CALL_HTTP}, {"https", CALL_HTTP},
    {"*apiclient", CALL_HTTP}, {"stripe*", CALL_PAYMENT}, {"paypal", CALL_PAYMENT}, {"braintree", CALL_PAYMENT},
    {"adyen", CALL_PAYMENT}, {"*paymentgateway", CALL_PAYMENT}, {"*paymentprovider", CALL_PAYMENT},
    {"*paymentclient", CALL_PAYMENT}, {"*paymentprocessor", CALL_PAYMENT}, {"sendgrid", CALL_MAIL},
    {"sgmail", CALL_MAIL}, {"*mailer", CALL_MAIL}, {"mailgun", CALL_MAIL}, {"postmark", CALL_MAIL},
    {"transporter", CALL_MAIL}, {"*mailclient", CALL_MAIL}, {"*emailclient", CALL_MAIL}, {"ses", CALL_MAIL},
    {"*emailservice", CALL_MAIL}, {"*mailservice", CALL_MAIL}, {"producer", CALL_QUEUE},
    {"*producer", CALL_QUEUE}, {"publisher", CALL_QUEUE}, {"*publisher", CALL_QUEUE}, {"channel", CALL_QUEUE},
    {"sqs", CALL_QUEUE}, {"sns", CALL_QUEUE}, {"kafka", CALL_QUEUE}, {"*queue", CALL_QUEUE},
    {"amqp*", CALL_QUEUE}, {"rabbit*", CALL_QUEUE}, {"eventbus", CALL_QUEUE}, {"pubsub", CALL_QUEUE},
    {"nats", CALL_QUEUE}, {"*broker", CALL_QUEUE}, {"web3", CALL_CHAIN}, {"ethers", CALL_CHAIN},
    {"*contract", CALL_CHAIN}, {"nft*", CALL_CHAIN}, {"*nftservice", CALL_CHAIN}, {"blockchain*", CALL_CHAIN},
    {"minter", CALL_CHAIN}, {"solana*", CALL_CHAIN}, {"mint*", CALL_CHAIN}, {NULL, 0}};

/* Methods of a client that only set it up, and never reach the service. */
static const char *const local_methods[] = {"on", "once", "off", "connect", "disconnect", "close",
                                            "assertQueue", "assertExchange", "bindQueue", "prefetch",
                                            "isReady", "getConfig", "constructor", NULL};

/* The name a call is made on: fetch in fetch(url), stripe in
 * this.stripe.charges.create(), mintTicket in mintTicket(). */
static bool client_of(Walker *w, TSNode fn, const char **name, const char **method)
{
    fn = ts_unwrap(fn);
    *method = NULL;
    if (ts_is(fn, "identifier")) {
        *name = ttext(w, fn);
        return true;
    }
    if (!ts_is(fn, "member_expression"))
        return false;
    *method = member_prop(w, fn);
    TSNode n = fn;
    while (ts_is(n, "member_expression")) {
        TSNode obj = ts_unwrap(fld(w, n, F_OBJECT));
        if (ts_is(obj, "this") || (ts_is(obj, "identifier") && (ts_text_is(w->d, obj, "ctx") || ts_text_is(w->d, obj, "deps") ||
                                                                   ts_text_is(w->d, obj, "services")))) {
            *name = ttext(w, fld(w, n, F_PROPERTY));
            return true;
        }
        if (ts_is(obj, "identifier")) {
            *name = ttext(w, obj);
            return true;
        }
        if (!ts_is(obj, "member_expression"))
            return false;
        n = obj;
    }
    return false;
}

/* The callee as the configuration's globs see it: lower case, without
 * this. ("stripe.paymentintents.create"). */
static const char *callee_key(Walker *w, TSNode fn)
{
    const char *t = ttext(w, fn);
    if (strncmp(t, "this.", 5) == 0)
        t += 5;
    char *k = arena_strdup(w->tmp, t);
    size_t n = 0;
    for (char *p = k; *p; p++)
        if (!isspace((unsigned char)*p))
            k[n++] = (char)tolower((unsigned char)*p);
    k[n] = 0;
    return k;
}

static void add_call(Walker *w, TSNode call, CallKind kind)
{
    CodeCall c = {0};
    c.at = pos_of(w, call);
    c.kind = kind;
    c.callee = squeeze(w, text(w, ts_unwrap(fld(w, call, F_FUNCTION))));
    CodeQuery use = {0};
    usage_of(w, call, &use);
    c.awaited = use.awaited && !use.discarded;
    c.loop = w->loop;
    c.txn = w->txn;
    c.in_try = w->try_;
    c.branch = w->branch;
    vec_push(w->tmp, &w->unit->calls, c);
}

/* The built-in client names: the kind of service a call reaches, or -1. */
static int builtin_kind(Walker *w, TSNode fn_node)
{
    const char *name, *method;
    if (!client_of(w, fn_node, &name, &method))
        return -1;
    if (method && in_list(method, local_methods))
        return -1;
    char low[64];
    size_t k = 0;
    for (; name[k] && k + 1 < sizeof low; k++)
        low[k] = (char)tolower((unsigned char)name[k]);
    low[k] = 0;
    for (const ClientGlob *g = client_globs; g->glob; g++) {
        if (fnmatch(g->glob, low, 0) != 0)
            continue;
        /* a plain function named mint... or fetch...: only mint* itself is
         * a chain call; fetchX() is a local helper */
        if (!method && g->kind != CALL_CHAIN && strcmp(g->glob, "fetch") != 0 && strcmp(g->glob, "got") != 0 &&
            strcmp(g->glob, "axios") != 0)
            continue;
        return (int)g->kind;
    }
    return -1;
}

static bool try_external(Walker *w, TSNode call)
{
    TSNode fn = ts_unwrap(fld(w, call, F_FUNCTION));
    int kind = builtin_kind(w, fld(w, call, F_FUNCTION));
    if (ts_is(fn, "member_expression") || ts_is(fn, "identifier")) {
        const char *key = callee_key(w, fn);
        if (name_matches(key, &w->cfg->queue_publishers))
            kind = CALL_QUEUE;
        else if (kind < 0 && name_matches(key, &w->cfg->external_clients))
            kind = CALL_SERVICE;
    }
    if (kind < 0)
        return false;
    add_call(w, call, (CallKind)kind);
    return true;
}

/* ---- transactions ----------------------------------------------------- */

static const char *first_param(Walker *w, TSNode fn)
{
    TSNode params = fld(w, fn, F_PARAMETERS);
    TSNode p = ts_node_is_null(params) ? fld(w, fn, F_PARAMETER) : kid(params, 0);
    if (ts_is(p, "required_parameter") || ts_is(p, "optional_parameter"))
        p = fld(w, p, F_PATTERN);
    return ts_is(p, "identifier") ? text(w, p) : NULL;
}

static bool mentions(Walker *w, TSNode n, const char *name, int depth)
{
    if (ts_node_is_null(n) || depth > 200)
        return false;
    if ((ts_is(n, "identifier") || ts_is(n, "shorthand_property_identifier")) && ts_text_is(w->d, n, name))
        return true;
    unsigned k = nkids(n);
    for (unsigned i = 0; i < k; i++)
        if (mentions(w, kid(n, i), name, depth + 1))
            return true;
    return false;
}

static void config_of(Walker *w, CodeTxn *t, TSNode obj)
{
    unsigned k = nkids(obj);
    for (unsigned i = 0; i < k; i++) {
        TSNode p = kid(obj, i);
        if (!ts_is(p, "pair") || !ts_text_is(w->d, fld(w, p, F_KEY), "isolationLevel"))
            continue;
        const char *v = ts_string_value(w->a, w->d, fld(w, p, F_VALUE));
        t->isolation = v ? v : text(w, fld(w, p, F_VALUE));
        t->isolation_dynamic = v == NULL;
    }
}

static void walk(Walker *w, TSNode n);
static void typed_name(Walker *w, TSNode owner);
static void walk_args(Walker *w, TSNode call);

static void push_trx_name(Walker *w, const char *name, int txn)
{
    if (!name || w->trx_names.n >= MAX_NAMES)
        return;
    w->trx_txn[w->trx_names.n] = txn;
    w->trx_names.v[w->trx_names.n++] = name;
}

/* x.transaction(...).  Returns false when call is not one. */
/* Records t and walks its callback's body inside it, then the call's other
 * arguments (a config object) outside it. */
static void walk_txn_callback(Walker *w, const CodeTxn *t, TSNode handler, TSNode args)
{
    CodeUnit *u = w->unit;
    vec_push(w->tmp, &u->txns, *t);
    int idx = u->txns.n - 1;
    int saved_txn = w->txn, saved_names = w->trx_names.n, saved_try = w->try_;
    w->txn = idx;
    w->try_ = -1; /* a try around the transaction call does not catch inside the callback's own work first */
    push_trx_name(w, t->var, idx);
    walk(w, fld(w, handler, F_BODY));
    w->txn = saved_txn;
    w->try_ = saved_try;
    w->trx_names.n = saved_names;
    unsigned k = nkids(args);
    for (unsigned i = 0; i < k; i++)
        if (kid(args, i).id != handler.id)
            walk(w, kid(args, i));
}

/* withTransaction(async () => ...), this.inTransaction(fn), transaction(knex,
 * async (trx) => ...): a helper whose name says it runs its callback in a
 * transaction.  The callback is walked as one; the helper may hand it the
 * transaction under any name (or swap this.db), so nothing in it counts as
 * outside. */
static bool try_wrapper(Walker *w, TSNode call)
{
    TSNode fn = ts_unwrap(fld(w, call, F_FUNCTION));
    const char *name = ts_is(fn, "identifier") ? ttext(w, fn) : member_prop(w, fn);
    if (!name || !strcasestr(name, "transaction"))
        return false;
    TSNode args = fld(w, call, F_ARGUMENTS), handler = {0};
    unsigned k = nkids(args);
    for (unsigned i = 0; i < k && ts_node_is_null(handler); i++)
        if (is_function(w, ts_unwrap(kid(args, i))))
            handler = ts_unwrap(kid(args, i));
    if (ts_node_is_null(handler))
        return false;
    CodeTxn t = {0};
    t.at = pos_of(w, fn);
    t.kind = TXN_WRAPPER;
    t.outer = text(w, fn);
    t.parent = w->txn;
    t.has_callback = true;
    t.uses_var = true;
    t.var = first_param(w, handler);
    t.start = ts_node_start_byte(handler);
    t.end = ts_node_end_byte(handler);
    walk_txn_callback(w, &t, handler, args);
    return true;
}

static bool try_transaction(Walker *w, TSNode call)
{
    TSNode fn = ts_unwrap(fld(w, call, F_FUNCTION));
    const char *m = member_prop(w, fn);
    bool trx;
    if (!m || strcmp(m, "transaction") != 0 || !is_executor(w, fld(w, fn, F_OBJECT), &trx))
        return try_wrapper(w, call);
    CodeUnit *u = w->unit;
    TSNode args = fld(w, call, F_ARGUMENTS);
    TSNode a0 = ts_unwrap(kid(args, 0)), a1 = ts_unwrap(kid(args, 1));
    CodeTxn t = {0};
    t.at = pos_of(w, ts_unwrap(fld(w, fn, F_OBJECT)));
    t.outer = text(w, ts_unwrap(fld(w, fn, F_OBJECT)));
    t.parent = w->txn;
    TSNode handler = {0};
    if (!ts_node_is_null(a0) && is_function(w, a0)) {
        handler = a0;
        if (ts_is(a1, "object"))
            config_of(w, &t, a1);
    } else if (ts_is(a0, "object")) {
        config_of(w, &t, a0);
        if (!ts_node_is_null(a1) && is_function(w, a1)) {
            handler = a1;
            t.config_first = true;
        }
    }
    if (ts_node_is_null(handler) && !ts_node_is_null(a0) && !ts_is(a0, "object") && !ts_is(a0, "null") &&
        !ts_is(a0, "undefined")) {
        /* knex.transaction(work): a handler written elsewhere, not followed */
        walk_args(w, call);
        return true;
    }
    if (ts_node_is_null(handler)) {
        /* const trx = await knex.transaction(): open until commit/rollback */
        CodeQuery use = {0};
        usage_of(w, call, &use);
        t.kind = TXN_EXPLICIT;
        t.var = use.result;
        t.start = ts_node_start_byte(call);
        t.end = (size_t)-1;
        vec_push(w->tmp, &u->txns, t);
        push_trx_name(w, t.var, u->txns.n - 1);
        walk(w, args);
        return true;
    }
    t.kind = TXN_CALLBACK;
    t.has_callback = true;
    t.var = first_param(w, handler);
    t.uses_var = t.var && mentions(w, fld(w, handler, F_BODY), t.var, 0);
    t.start = ts_node_start_byte(handler);
    t.end = ts_node_end_byte(handler);
    walk_txn_callback(w, &t, handler, args);
    return true;
}

/* ---- loops, tries, units ---------------------------------------------- */

/* Names declared in n (not in nested functions). */
static void declared_names(Walker *w, TSNode n, Names *out, int depth)
{
    if (ts_node_is_null(n) || depth > 100 || is_function(w, n))
        return;
    if (ts_is(n, "variable_declarator")) {
        idents_of(w, fld(w, n, F_NAME), out);
    }
    unsigned k = nkids(n);
    for (unsigned i = 0; i < k; i++)
        declared_names(w, kid(n, i), out, depth + 1);
}

static bool exits_early(Walker *w, TSNode n, int depth)
{
    if (ts_node_is_null(n) || depth > 100 || is_function(w, n))
        return false;
    if (ts_is(n, "return_statement") || ts_is(n, "break_statement"))
        return true;
    unsigned k = nkids(n);
    for (unsigned i = 0; i < k; i++)
        if (exits_early(w, kid(n, i), depth + 1))
            return true;
    return false;
}

static void params_of(Walker *w, TSNode fn, Names *out)
{
    TSNode params = fld(w, fn, F_PARAMETERS);
    if (ts_node_is_null(params)) {
        TSNode p = fld(w, fn, F_PARAMETER);
        idents_of(w, p, out);
        return;
    }
    unsigned k = nkids(params);
    for (unsigned i = 0; i < k; i++) {
        TSNode p = kid(params, i);
        if (ts_is(p, "required_parameter") || ts_is(p, "optional_parameter"))
            p = fld(w, p, F_PATTERN);
        if (ts_is(p, "assignment_pattern"))
            p = fld(w, p, F_LEFT);
        idents_of(w, p, out);
    }
}

static void walk_loop(Walker *w, TSNode n, LoopKind kind, const char *method, TSNode vars_from, TSNode body,
                      bool async_cb)
{
    CodeUnit *u = w->unit;
    CodeLoop l = {0};
    l.at = pos_of(w, n);
    l.kind = kind;
    l.method = method ? arena_strdup(w->a, method) : NULL;
    l.async_foreach = async_cb && method && strcmp(method, "forEach") == 0;
    l.parent = w->loop;
    Names vars = {0};
    if (kind == LOOP_CALLBACK)
        params_of(w, vars_from, &vars);
    else if (!ts_node_is_null(vars_from))
        idents_of(w, vars_from, &vars), declared_names(w, vars_from, &vars, 0);
    declared_names(w, body, &vars, 0);
    l.vars = names_dup(w, &vars);
    l.exits_early = kind != LOOP_CALLBACK ? exits_early(w, body, 0)
                                          : (method && (strcmp(method, "find") == 0 || strcmp(method, "some") == 0 ||
                                                        strcmp(method, "every") == 0 || strcmp(method, "findIndex") == 0));
    l.start = ts_node_start_byte(body);
    l.end = ts_node_end_byte(body);
    vec_push(w->tmp, &u->loops, l);
    int saved = w->loop;
    w->loop = u->loops.n - 1;
    walk(w, body);
    w->loop = saved;
}

static bool rethrows(Walker *w, TSNode n, int depth)
{
    if (ts_node_is_null(n) || depth > 100 || is_function(w, n))
        return false;
    if (ts_is(n, "throw_statement"))
        return true;
    if (ts_is(n, "call_expression")) {
        TSNode fn = ts_unwrap(fld(w, n, F_FUNCTION));
        const char *m = member_prop(w, fn);
        if ((m && strcmp(m, "rollback") == 0) || (ts_is(fn, "identifier") && ts_text_is(w->d, fn, "reject")))
            return true;
    }
    unsigned k = nkids(n);
    for (unsigned i = 0; i < k; i++)
        if (rethrows(w, kid(n, i), depth + 1))
            return true;
    return false;
}

static void walk_try(Walker *w, TSNode n)
{
    CodeUnit *u = w->unit;
    CodeTry t = {0};
    t.at = pos_of(w, n);
    t.txn = w->txn;
    TSNode body = fld(w, n, F_BODY), handler = fld(w, n, F_HANDLER), fin = fld(w, n, F_FINALIZER);
    t.start = ts_node_start_byte(body);
    t.end = ts_node_end_byte(body);
    if (!ts_node_is_null(handler)) {
        t.has_catch = true;
        t.catch_at = pos_of(w, handler);
        t.rethrows = rethrows(w, fld(w, handler, F_BODY), 0);
    }
    vec_push(w->tmp, &u->tries, t);
    int saved = w->try_;
    w->try_ = u->tries.n - 1;
    walk(w, body);
    w->try_ = saved;
    walk(w, handler);
    walk(w, fin);
}

static bool is_async(TSNode fn)
{
    uint32_t k = ts_node_child_count(fn);
    for (uint32_t i = 0; i < k; i++)
        if (ts_is(ts_node_child(fn, i), "async"))
            return true;
    return false;
}

static const char *unit_name(Walker *w, TSNode fn)
{
    TSNode name = fld(w, fn, F_NAME);
    if (ts_is(fn, "method_definition"))
        return w->class_name ? arena_printf(w->a, "%s.%s", w->class_name, text(w, name)) : text(w, name);
    if (!ts_node_is_null(name))
        return text(w, name);
    TSNode p = ts_node_parent(fn);
    if (ts_is(p, "variable_declarator") || ts_is(p, "pair") || ts_is(p, "public_field_definition") ||
        ts_is(p, "assignment_expression")) {
        TSNode k = ts_field(p, ts_is(p, "variable_declarator")   ? "name"
                               : ts_is(p, "pair")                 ? "key"
                               : ts_is(p, "assignment_expression") ? "left"
                                                                  : "name");
        if (ts_is(p, "public_field_definition") && w->class_name)
            return arena_printf(w->a, "%s.%s", w->class_name, text(w, k));
        return text(w, k);
    }
    if (ts_is(p, "arguments")) {
        /* fastify.post('/purchases', async (req) => ...) */
        TSNode call = ts_node_parent(p);
        TSNode a0 = kid(fld(w, call, F_ARGUMENTS), 0);
        const char *route = ts_string_value(w->a, w->d, a0);
        const char *m = member_prop(w, ts_unwrap(fld(w, call, F_FUNCTION)));
        if (route && m)
            return arena_printf(w->a, "%s %s", m, route);
    }
    return "<anonymous>";
}

static bool mentions_text(const TsDoc *d, TSNode n, const char *needle)
{
    uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
    return e > s && memmem(d->src + s, e - s, needle, strlen(needle)) != NULL;
}

/* Whether fn's code (not its comments) holds needle: in a string or number
 * (literal: '23505') or in a name (a UniqueViolationError, withRetry()). */
static bool mentions_code(Walker *w, TSNode fn, const char *needle, bool literal)
{
    uint32_t s = ts_node_start_byte(fn), e = ts_node_end_byte(fn);
    size_t k = strlen(needle);
    const char *p = w->d->src + s, *end = w->d->src + e;
    while (p < end) {
        const char *hit = memmem(p, (size_t)(end - p), needle, k);
        if (!hit)
            return false;
        uint32_t off = (uint32_t)(hit - w->d->src);
        TSNode at = ts_node_descendant_for_byte_range(fn, off, off + (uint32_t)k);
        const char *t = ts_node_type(at);
        bool ok = literal ? (strcmp(t, "string_fragment") == 0 || strcmp(t, "string") == 0 ||
                             strcmp(t, "number") == 0 || strcmp(t, "template_string") == 0)
                          : (strcmp(t, "identifier") == 0 || strcmp(t, "property_identifier") == 0 ||
                             strcmp(t, "type_identifier") == 0 || strcmp(t, "shorthand_property_identifier") == 0);
        if (ok)
            return true;
        p = hit + 1;
    }
    return false;
}

/* The unit's lists grew in the file's scratch arena; the model keeps
 * exact-size copies (most functions hold a query or two). */
#define KEEP(w, vec)                                                                                                \
    do {                                                                                                           \
        (vec).v = arena_memdup((w)->a, (vec).v, (size_t)(vec).n, sizeof *(vec).v);                                 \
        (vec).cap = (vec).n;                                                                                       \
    } while (0)

static void unit_keep(Walker *w, CodeUnit *u)
{
    for (int i = 0; i < u->queries.n; i++) {
        KEEP(w, u->queries.v[i].conds);
        KEEP(w, u->queries.v[i].more_sql);
    }
    KEEP(w, u->queries);
    KEEP(w, u->loops);
    KEEP(w, u->txns);
    KEEP(w, u->calls);
    KEEP(w, u->tries);
    KEEP(w, u->defs);
}

/* Whether name is tested after offset: if (!name), name === 0,
 * name.length > 0, name ? a : b... */
static bool tested(Walker *w, TSNode n, const char *name, size_t after, int depth)
{
    if (ts_node_is_null(n) || depth > 300 || ts_node_end_byte(n) <= after)
        return false;
    if (ts_is(n, "identifier") && ts_node_start_byte(n) > after && ts_text_is(w->d, n, name)) {
        TSNode p = ts_node_parent(n);
        for (int up = 0; up < 4 && !ts_node_is_null(p); up++) {
            if (ts_is(p, "unary_expression") && ts_text_is(w->d, fld(w, p, F_OPERATOR), "!"))
                return true;
            if (ts_is(p, "binary_expression")) {
                const char *op = text(w, fld(w, p, F_OPERATOR));
                if (strchr("<>=!", op[0]))
                    return true;
                if (strcmp(op, "&&") != 0 && strcmp(op, "||") != 0)
                    return false;
            }
            if (ts_is(p, "parenthesized_expression") &&
                (ts_is(ts_node_parent(p), "if_statement") || ts_is(ts_node_parent(p), "while_statement")))
                return true;
            if (ts_is(p, "ternary_expression") && fld(w, p, F_CONDITION).id == n.id)
                return true;
            if (!ts_is(p, "member_expression") && !ts_is(p, "parenthesized_expression") &&
                !ts_is(p, "binary_expression"))
                return false;
            n = p;
            p = ts_node_parent(p);
        }
        return false;
    }
    unsigned k = nkids(n);
    for (unsigned i = 0; i < k; i++)
        if (tested(w, kid(n, i), name, after, depth + 1))
            return true;
    return false;
}

static void walk_unit(Walker *w, TSNode fn)
{
    CodeUnit *u = arena_alloc(w->a, sizeof *u);
    memset(u, 0, sizeof *u);
    u->file = w->file->path;
    u->name = unit_name(w, fn);
    u->at = pos_of(w, fn);
    Walker saved = *w;
    w->unit = u;
    w->loop = w->txn = w->try_ = -1;
    /* a callback inside a query's arguments (where(fn), union(fn)) builds a
     * subquery: nothing in it runs on its own; w->in_query stays as it is */
    w->branch = 0;
    w->cb_depth = -1;
    w->trx_names.n = 0;
    memset(&w->sqlvars, 0, sizeof w->sqlvars);
    /* parameters typed as Knex or a transaction, and those that are transactions */
    w->numeric.n = 0;
    {
        TSNode ps = fld(w, fn, F_PARAMETERS);
        unsigned np = nkids(ps);
        for (unsigned i = 0; i < np; i++) {
            TSNode p = kid(ps, i);
            typed_name(w, p);
            /* (ms: number): a number cannot carry SQL */
            TSNode type = fld(w, p, F_TYPE), pat = fld(w, p, F_PATTERN);
            if (!ts_node_is_null(type) && ts_is(pat, "identifier")) {
                const char *ty = ttext(w, type);
                if (strcmp(ty, ": number") == 0 || strcmp(ty, ": boolean") == 0 || strcmp(ty, ": bigint") == 0 ||
                    strcmp(ty, ": Date") == 0)
                    names_add(&w->numeric, ttext(w, pat));
            }
        }
    }
    TSNode params = fld(w, fn, F_PARAMETERS);
    TSNode single = fld(w, fn, F_PARAMETER); /* x => ... */
    unsigned k = ts_node_is_null(params) ? !ts_node_is_null(single) : nkids(params);
    for (unsigned i = 0; i < k; i++) {
        TSNode p = ts_node_is_null(params) ? single : kid(params, i);
        TSNode pat = ts_is(p, "required_parameter") || ts_is(p, "optional_parameter") ? fld(w, p, F_PATTERN) : p;
        if (ts_is(pat, "assignment_pattern"))
            pat = fld(w, pat, F_LEFT);
        if (!ts_is(pat, "identifier"))
            continue;
        const char *name = text(w, pat);
        TSNode type = fld(w, p, F_TYPE);
        bool typed_trx = !ts_node_is_null(type) && mentions_text(w->d, type, "Transaction");
        if (typed_trx || in_list(name, conventional_trx) || strcmp(name, "transaction") == 0) {
            CodeTxn t = {0};
            t.at = pos_of(w, pat);
            t.kind = TXN_PARAM;
            t.var = name;
            t.required = typed_trx && ts_is(p, "required_parameter") && ts_is(fld(w, p, F_PATTERN), "identifier");
            t.parent = -1;
            t.start = ts_node_start_byte(fn);
            t.end = ts_node_end_byte(fn);
            vec_push(w->tmp, &u->txns, t);
            push_trx_name(w, name, u->txns.n - 1);
        }
    }
    u->handles_unique = mentions_code(w, fn, "23505", true) || mentions_code(w, fn, "nique_violation", false) ||
                        mentions_code(w, fn, "NIQUE_VIOLATION", false) ||
                        mentions_code(w, fn, "niqueViolation", false) || mentions_code(w, fn, "ER_DUP_ENTRY", true);
    u->handles_serialization = mentions_code(w, fn, "40001", true) ||
                               mentions_code(w, fn, "erialization_failure", true) ||
                               mentions_code(w, fn, "erializationFailure", false) ||
                               mentions_code(w, fn, "retry", false) || mentions_code(w, fn, "Retry", false);
    if (w->in_retry)
        u->handles_serialization = true;
    w->in_retry = false;
    walk(w, fld(w, fn, F_BODY));
    /* explicit transactions end at their last commit or rollback; what
     * runs in between runs while they are open */
    for (int i = 0; i < u->txns.n; i++) {
        CodeTxn *t = &u->txns.v[i];
        if (t->kind != TXN_EXPLICIT)
            continue;
        if (t->end == (size_t)-1)
            t->end = ts_node_end_byte(fn);
        for (int j = 0; j < u->queries.n; j++) {
            CodeQuery *q = &u->queries.v[j];
            if (q->txn < 0 && q->at.offset > t->start && q->at.offset < t->end) {
                q->txn = i;
                q->outer_in_txn = true; /* open, but not on it: on it, txn was already set */
            }
        }
        for (int j = 0; j < u->calls.n; j++)
            if (u->calls.v[j].txn < 0 && u->calls.v[j].at.offset > t->start && u->calls.v[j].at.offset < t->end)
                u->calls.v[j].txn = i;
    }
    for (int j = 0; j < u->queries.n; j++) {
        CodeQuery *q = &u->queries.v[j];
        if (q->result)
            q->result_checked = tested(w, fld(w, fn, F_BODY), q->result, q->at.offset, 0);
    }
    /* a parameter named like a transaction is one only when queries run on it */
    for (int j = 0; j < u->queries.n; j++) {
        const CodeQuery *q = &u->queries.v[j];
        if (q->txn >= 0 && q->exec_trx && !q->outer_in_txn && u->txns.v[q->txn].kind == TXN_PARAM)
            u->txns.v[q->txn].uses_var = true;
    }
    if (u->queries.n || u->calls.n || u->txns.n) {
        unit_keep(w, u);
        vec_push(w->a, &w->file->units, u);
    }
    /* what the unit learnt about the file's names stays */
    Names keep_consts = w->consts, keep_knex = w->knex_names, keep_trx = w->trx_typed;
    *w = saved;
    w->consts = keep_consts;
    w->knex_names = keep_knex;
    w->trx_typed = keep_trx;
}

/* A tenant set for the transaction only: set_config(..., true) / SET LOCAL. */
static void note_local_tenant(Walker *w, const CodeQuery *q)
{
    if (!q->sql || (q->txn < 0 && !q->exec_trx))
        return; /* on the pool, a transaction-local setting ends with its own statement */
    const char *s = strcasestr(q->sql, "set_config");
    if (s && strstr(s, "true"))
        w->unit->sets_tenant_local = true;
    if (strcasestr(q->sql, "set local"))
        w->unit->sets_tenant_local = true;
}

/* Walks a call's arguments, telling the functions among them whose
 * callbacks they are (items.map(fn): fn is a loop body). */
static void walk_args(Walker *w, TSNode call)
{
    TSNode fn = ts_unwrap(fld(w, call, F_FUNCTION));
    const char *saved_m = w->cb_method;
    int saved_d = w->cb_depth;
    w->cb_method = ts_is(fn, "identifier") ? ttext(w, fn) : member_prop(w, fn);
    w->cb_depth = w->cursors->depth + 1;
    each_child(w, fld(w, call, F_ARGUMENTS), walk);
    w->cb_method = saved_m;
    w->cb_depth = saved_d;
}

static void walk_call(Walker *w, TSNode n, bool top)
{
    TSNode fn = ts_unwrap(fld(w, n, F_FUNCTION));
    const char *m = member_prop(w, fn);
    if (w->unit && m && (strcmp(m, "commit") == 0 || strcmp(m, "rollback") == 0)) {
        TSNode obj = ts_unwrap(fld(w, fn, F_OBJECT));
        int ti = ts_is(obj, "identifier") ? trx_index(w, text(w, obj)) : -1;
        if (ti >= 0) {
            CodeTxn *t = &w->unit->txns.v[w->trx_txn[ti]];
            if (t->kind == TXN_EXPLICIT && (t->end == (size_t)-1 || t->end < ts_node_end_byte(n) ||
                                            t->end == ts_node_end_byte(n)))
                t->end = ts_node_end_byte(n);
        }
    }
    if (w->in_query == 0 && top) {
        if (try_transaction(w, n))
            return;
        int before = w->unit ? w->unit->queries.n : 0;
        if (w->unit && try_query(w, n)) {
            if (w->unit->queries.n > before)
                note_local_tenant(w, &w->unit->queries.v[w->unit->queries.n - 1]);
            /* arguments are values; callbacks of then/catch run later */
            w->in_query++;
            walk_args(w, n);
            TSNode x = fn;
            while (ts_is(x, "member_expression")) {
                TSNode obj = ts_unwrap(fld(w, x, F_OBJECT));
                if (ts_is(obj, "call_expression")) {
                    walk_args(w, obj);
                    x = ts_unwrap(fld(w, obj, F_FUNCTION));
                } else {
                    break;
                }
            }
            w->in_query--;
            return;
        }
        if (w->unit && try_external(w, n)) {
            walk_args(w, n);
            walk(w, fn);
            return;
        }
    }
    /* the inner calls of a chain a.b().c() are not chains of their own */
    TSNode obj = ts_is(fn, "member_expression") ? ts_unwrap(fld(w, fn, F_OBJECT)) : (TSNode){0};
    if (ts_is(obj, "call_expression"))
        walk_call(w, obj, false);
    else
        walk(w, fn);
    walk_args(w, n);
}

static void walk_function(Walker *w, TSNode n)
{
    const char *m = w->cursors->depth == w->cb_depth ? w->cb_method : NULL;
    w->in_retry = m && (strcasestr(m, "retry") != NULL); /* withRetry(() => knex.transaction(...)) */
    if (w->unit && m && in_list(m, loop_methods)) {
        walk_loop(w, n, LOOP_CALLBACK, m, n, fld(w, n, F_BODY), is_async(n));
        return;
    }
    if (w->unit && m && in_list(m, promise_methods)) {
        walk(w, fld(w, n, F_BODY));
        return;
    }
    walk_unit(w, n);
}

/* ---- names the file declares: Knex-typed, constants ------------------ */

/* A parameter, field or variable annotated with a Knex type. */
static void typed_name(Walker *w, TSNode owner)
{
    TSNode type = fld(w, owner, F_TYPE);
    if (ts_node_is_null(type))
        return;
    uint32_t b = ts_node_start_byte(type), e = ts_node_end_byte(type);
    if (!memmem(w->d->src + b, e - b, "Knex", 4) && !memmem(w->d->src + b, e - b, "Transaction", 11))
        return;
    TSNode name = fld(w, owner, F_PATTERN);
    if (ts_node_is_null(name))
        name = fld(w, owner, F_NAME);
    if (!ts_is(name, "identifier") && !ts_is(name, "property_identifier"))
        return;
    const char *ty = ttext(w, type);
    if (strstr(ty, "QueryBuilder") || strstr(ty, "Raw"))
        return; /* a builder handed to a callback: a subquery, not a connection */
    if (strstr(ty, "Knex.Transaction") || strstr(ty, "Transaction<") || strcmp(ty, ": Transaction") == 0)
        names_add(&w->trx_typed, ttext(w, name));
    else if (strstr(ty, "Knex"))
        names_add(&w->knex_names, ttext(w, name));
}

/* const X = 'literal' / { A: 'a', ... }: constants for the SQL rule, at any
 * level (a shadowing name is rare). */
static void const_names(Walker *w, TSNode n)
{
    TSNode kw = ts_node_child(n, 0);
    if (!ts_text_is(w->d, kw, "const"))
        return;
    unsigned k = nkids(n);
    for (unsigned i = 0; i < k; i++) {
        TSNode dcl = kid(n, i);
        TSNode name = fld(w, dcl, F_NAME), value = ts_unwrap(fld(w, dcl, F_VALUE));
        if (!ts_is(name, "identifier") || ts_node_is_null(value))
            continue;
        bool lit = is_constant(w, value);
        if (ts_is(value, "object")) {
            lit = true;
            unsigned m = nkids(value);
            for (unsigned j = 0; j < m && lit; j++) {
                TSNode p = kid(value, j);
                lit = ts_is(p, "pair") && is_constant(w, fld(w, p, F_VALUE));
            }
        }
        if (lit)
            names_add(&w->consts, ttext(w, name));
    }
}

static unsigned long long arm_hash(unsigned long long h, TSNode at, int arm)
{
    h ^= (unsigned long long)ts_node_start_byte(at) * 1099511628211ull + (unsigned long long)arm;
    return h * 1099511628211ull + 0x9e3779b97f4a7c15ull;
}

static void walk_arm(Walker *w, TSNode at, int arm, TSNode body)
{
    unsigned long long saved = w->branch;
    w->branch = arm_hash(saved, at, arm);
    walk(w, body);
    w->branch = saved;
}

static void walk(Walker *w, TSNode n)
{
    if (ts_node_is_null(n))
        return;
    switch (node_class(w, n)) {
    case NC_IF:
    case NC_TERNARY:
        walk(w, fld(w, n, F_CONDITION));
        walk_arm(w, n, 1, fld(w, n, F_CONSEQUENCE));
        walk_arm(w, n, 2, fld(w, n, F_ALTERNATIVE));
        return;
    case NC_ARM: {
        unsigned long long saved = w->branch;
        w->branch = arm_hash(saved, n, 3);
        each_child(w, n, walk);
        w->branch = saved;
        return;
    }
    case NC_FUNCTION: walk_function(w, n); return;
    case NC_CLASS: {
        const char *saved = w->class_name;
        TSNode name = fld(w, n, F_NAME);
        w->class_name = ts_node_is_null(name) ? NULL : text(w, name);
        walk(w, fld(w, n, F_BODY));
        w->class_name = saved;
        return;
    }
    case NC_CALL: walk_call(w, n, true); return;
    case NC_FOR:
        if (!w->unit)
            break;
        walk(w, fld(w, n, F_INITIALIZER));
        walk_loop(w, n, LOOP_FOR, NULL, fld(w, n, F_INITIALIZER), fld(w, n, F_BODY), false);
        return;
    case NC_FOR_IN:
        if (!w->unit)
            break;
        walk(w, fld(w, n, F_RIGHT));
        walk_loop(w, n, LOOP_FOR_OF, NULL, fld(w, n, F_LEFT), fld(w, n, F_BODY), false);
        return;
    case NC_WHILE:
        if (!w->unit)
            break;
        walk(w, fld(w, n, F_CONDITION));
        walk_loop(w, n, LOOP_WHILE, NULL, (TSNode){0}, fld(w, n, F_BODY), false);
        return;
    case NC_TRY:
        if (!w->unit)
            break;
        walk_try(w, n);
        return;
    case NC_SKIP: return;
    case NC_ASSIGN: {
        TSNode name = fld(w, n, F_LEFT), value = ts_unwrap(fld(w, n, F_RIGHT));
        if (w->unit && ts_is(name, "identifier") &&
            (ts_is(value, "template_string") || ts_is(value, "string") || ts_is(value, "binary_expression"))) {
            SqlVar v = {text(w, name), value};
            vec_push(w->tmp, &w->sqlvars, v);
        }
        break;
    }
    case NC_PARAM:
    case NC_FIELD: typed_name(w, n); break;
    case NC_LEXICAL: const_names(w, n); break;
    case NC_ENUM: names_add(&w->consts, ttext(w, fld(w, n, F_NAME))); return;
    case NC_DECLARATOR: {
        typed_name(w, n);
        if (!w->unit)
            break;
        TSNode name = fld(w, n, F_NAME), value = ts_unwrap(fld(w, n, F_VALUE));
        if (ts_is(name, "identifier") && !ts_node_is_null(value) && !is_function(w, value) &&
            node_class(w, value) != NC_CALL) {
            Names reads = {0};
            idents_of(w, value, &reads);
            if (reads.n) {
                CodeDef def = {text(w, name), names_dup(w, &reads)};
                vec_push(w->tmp, &w->unit->defs, def);
            }
        }
        if (ts_is(name, "identifier") &&
            (ts_is(value, "template_string") || ts_is(value, "string") || ts_is(value, "binary_expression") ||
             ts_is(value, "call_expression"))) {
            SqlVar v = {text(w, name), value};
            vec_push(w->tmp, &w->sqlvars, v);
        }
        break;
    }
    default: break;
    }
    each_child(w, n, walk);
}

/* Whether name occurs in text as a whole word (not inside an identifier). */
static bool has_word(const char *text, size_t len, const char *name)
{
    size_t k = strlen(name);
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *hit = memmem(p, (size_t)(end - p), name, k);
        if (!hit)
            return false;
        bool before = hit > text && (isalnum((unsigned char)hit[-1]) || hit[-1] == '_' || hit[-1] == '$');
        bool after = hit + k < end && (isalnum((unsigned char)hit[k]) || hit[k] == '_' || hit[k] == '$');
        if (!before && !after)
            return true;
        p = hit + 1;
    }
    return false;
}

bool code_may_use_knex(const char *text, size_t len)
{
    static const char *const words[] = {"knex", "db", "trx", "tx", "knexInstance", "knexClient", NULL};
    if (memmem(text, len, "Knex", 4) || memmem(text, len, "ransaction", 10))
        return true;
    for (int i = 0; words[i]; i++)
        if (has_word(text, len, words[i]))
            return true;
    return false;
}

void codebase_init(CodeBase *cb)
{
    memset(cb, 0, sizeof *cb);
    arena_init(&cb->arena);
    for (int i = 0; i < CODE_WORKERS; i++)
        arena_init(&cb->worker[i]);
}

void codebase_fini(CodeBase *cb)
{
    arena_fini(&cb->arena);
    for (int i = 0; i < CODE_WORKERS; i++)
        arena_fini(&cb->worker[i]);
}

CodeFile *code_read(Arena *a, const AuditConfig *cfg, const char *path, const char *src, size_t len)
{
    TsDoc d;
    const char *err;
    if (!ts_parse(&d, ts_lang_for_path(path), path, src, len, &err))
        return NULL;
    CodeFile *f = arena_alloc(a, sizeof *f);
    memset(f, 0, sizeof *f);
    f->path = arena_strdup(a, path);
    TSNode e = ts_first_error(d.root);
    if (!ts_node_is_null(e)) {
        f->parse_error = true;
        ts_position(&d, e, &f->error_line, &f->error_col);
    }
    Arena tmp;
    arena_init(&tmp);
    Cursors *cursors = arena_alloc(&tmp, sizeof *cursors);
    Walker w = {0};
    w.cb_depth = -1;
    w.a = a;
    w.tmp = &tmp;
    w.cursors = cursors;
    w.cfg = cfg ? cfg : config_default();
    w.d = &d;
    const LangTables *lt = lang_tables(ts_tree_language(d.tree));
    memcpy(w.fid, lt->fid, sizeof w.fid);
    w.nsym = lt->nsym;
    w.ncls = lt->ncls;
    w.file = f;
    w.loop = w.txn = w.try_ = -1;
    /* top-level statements: a script's own unit */
    CodeUnit *top = arena_alloc(a, sizeof *top);
    memset(top, 0, sizeof *top);
    top->file = f->path;
    top->name = "<module>";
    w.unit = top;
    walk(&w, d.root);
    if (top->queries.n || top->calls.n || top->txns.n) {
        unit_keep(&w, top);
        vec_push(a, &f->units, top);
    }
    for (int i = 0; i < cursors->n; i++)
        ts_tree_cursor_delete(&cursors->cur[i]);
    arena_fini(&tmp);
    ts_doc_free(&d);
    return f;
}
