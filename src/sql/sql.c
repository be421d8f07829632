/* sql.c - identifier quoting and expression trees, over libpg_query.
 *
 * Expressions are parsed as "SELECT <expr>" with pg_query_parse(), whose
 * JSON output is decoded with cJSON and converted at once into SqlExpr
 * nodes in the caller's arena; nothing of libpg_query outlives the call.
 * Keywords come from pg_query_scan(), so quoting follows the grammar of the
 * PostgreSQL version libpg_query was built from.
 */
#include "sql/sql.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"

/* ---- quoting ------------------------------------------------------------ */

static bool plain_chars(const char *s)
{
    if (!*s || !(islower((unsigned char)*s) || *s == '_'))
        return false;
    for (; *s; s++)
        if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '_' || *s == '$'))
            return false;
    return true;
}

/* True when the scanner sees s as one keyword that quote_ident() quotes:
 * every kind except unreserved keywords.  Scanning costs microseconds and
 * fixes quote the same few names thousands of times, so answers are kept
 * in a small per-thread cache (a miss only costs a scan). */
static bool scan_keyword_quote(const char *s);

enum { KW_CACHE = 1024, KW_MAXLEN = 64 };
static _Thread_local struct {
    char name[KW_MAXLEN];
    bool quote;
} kw_cache[KW_CACHE];

static bool needs_keyword_quote(const char *s)
{
    /* PostgreSQL's keywords are letters and underscores only: a name with a
     * digit or a dollar sign (t00042, payments_2024) is none. */
    size_t n = strcspn(s, "0123456789$");
    if (s[n])
        return false;
    if (n >= KW_MAXLEN)
        return scan_keyword_quote(s);
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
    unsigned slot = (unsigned)(h % KW_CACHE);
    if (strcmp(kw_cache[slot].name, s) == 0)
        return kw_cache[slot].quote;
    bool q = scan_keyword_quote(s);
    memcpy(kw_cache[slot].name, s, n + 1);
    kw_cache[slot].quote = q;
    return q;
}

static bool scan_keyword_quote(const char *s)
{
    PgQueryScanResult r = pg_query_scan(s);
    bool quote = false;
    if (!r.error) {
        PgQuery__ScanResult *sr =
            pg_query__scan_result__unpack(NULL, r.pbuf.len, (const uint8_t *)r.pbuf.data);
        if (sr) {
            quote = sr->n_tokens == 1 && sr->tokens[0]->keyword_kind != PG_QUERY__KEYWORD_KIND__NO_KEYWORD &&
                    sr->tokens[0]->keyword_kind != PG_QUERY__KEYWORD_KIND__UNRESERVED_KEYWORD;
            pg_query__scan_result__free_unpacked(sr, NULL);
        }
    }
    pg_query_free_scan_result(r);
    return quote;
}

static const char *quoted(Arena *a, const char *name)
{
    StrBuf b = STRBUF_INIT;
    sb_putc(&b, '"');
    for (const char *p = name; *p; p++) {
        if (*p == '"')
            sb_putc(&b, '"');
        sb_putc(&b, *p);
    }
    sb_putc(&b, '"');
    const char *s = arena_strdup(a, sb_str(&b));
    sb_fini(&b);
    return s;
}

const char *sql_ident(Arena *a, const char *name)
{
    if (plain_chars(name) && !needs_keyword_quote(name))
        return name;
    return quoted(a, name);
}

const char *sql_display_ident(Arena *a, const char *name)
{
    if (plain_chars(name))
        return name;
    return quoted(a, name);
}

const char *sql_qname(Arena *a, const char *schema, const char *name)
{
    return arena_printf(a, "%s.%s", sql_ident(a, schema), sql_ident(a, name));
}

const char *sql_ident_list(Arena *a, const char *const *names, int n)
{
    StrBuf b = STRBUF_INIT;
    for (int i = 0; i < n; i++) {
        if (i)
            sb_puts(&b, ", ");
        sb_puts(&b, sql_ident(a, names[i]));
    }
    const char *s = arena_strdup(a, sb_str(&b));
    sb_fini(&b);
    return s;
}

const char *sql_literal(Arena *a, const char *s)
{
    StrBuf b = STRBUF_INIT;
    bool backslash = strchr(s, '\\') != NULL;
    if (backslash)
        sb_putc(&b, 'E');
    sb_putc(&b, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '\'' || (backslash && *p == '\\'))
            sb_putc(&b, *p);
        sb_putc(&b, *p);
    }
    sb_putc(&b, '\'');
    const char *r = arena_strdup(a, sb_str(&b));
    sb_fini(&b);
    return r;
}

/* ---- expressions -------------------------------------------------------- */

static SqlExpr *convert(Arena *a, const cJSON *node);

static SqlExpr *mk(Arena *a, SqlExprKind kind, const char *name)
{
    SqlExpr *e = arena_alloc(a, sizeof *e);
    e->kind = kind;
    e->name = name ? arena_strdup(a, name) : NULL;
    return e;
}

static void add_arg(Arena *a, SqlExpr *e, SqlExpr *arg)
{
    if (!arg)
        return;
    SqlExpr **args = arena_alloc(a, sizeof *args * (size_t)(e->nargs + 1));
    if (e->nargs)
        memcpy(args, e->args, sizeof *args * (size_t)e->nargs);
    args[e->nargs++] = arg;
    e->args = args;
}

/* The single key of a node object: {"A_Expr": {...}} -> "A_Expr". */
static const cJSON *node_body(const cJSON *node, const char **type)
{
    if (!cJSON_IsObject(node) || !node->child)
        return NULL;
    *type = node->child->string;
    return node->child;
}

/* Last String of a list of {"String": {"sval": ...}} nodes. */
static const char *last_string(const cJSON *list, const char **before)
{
    const char *last = NULL, *prev = NULL;
    const cJSON *it;
    cJSON_ArrayForEach(it, list)
    {
        const cJSON *s = cJSON_GetObjectItemCaseSensitive(it, "String");
        const cJSON *sv = s ? cJSON_GetObjectItemCaseSensitive(s, "sval") : NULL;
        prev = last;
        last = cJSON_IsString(sv) ? sv->valuestring : (cJSON_GetObjectItemCaseSensitive(it, "A_Star") ? "*" : NULL);
    }
    if (before)
        *before = prev;
    return last;
}

static void convert_list(Arena *a, SqlExpr *e, const cJSON *list)
{
    const cJSON *it;
    cJSON_ArrayForEach(it, list) add_arg(a, e, convert(a, it));
}

static SqlExpr *convert_const(Arena *a, const cJSON *body)
{
    static const struct { const char *key, *sub; char t; } kinds[] = {
        {"sval", "sval", 's'}, {"ival", "ival", 'i'}, {"fval", "fval", 'f'},
        {"boolval", "boolval", 'b'}, {"bsval", "bsval", 's'}};
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(body, "isnull"))) {
        SqlExpr *e = mk(a, SX_CONST, "NULL");
        e->const_type = 'n';
        return e;
    }
    for (unsigned i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        const cJSON *k = cJSON_GetObjectItemCaseSensitive(body, kinds[i].key);
        if (!k)
            continue;
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(k, kinds[i].sub);
        char buf[64];
        const char *text;
        if (cJSON_IsString(v))
            text = v->valuestring;
        else if (cJSON_IsNumber(v)) {
            snprintf(buf, sizeof buf, "%d", v->valueint);
            text = buf;
        } else if (cJSON_IsBool(v))
            text = cJSON_IsTrue(v) ? "true" : "false";
        else /* protobuf JSON leaves out zero values: 0, false, "" */
            text = kinds[i].t == 'b' ? "false" : kinds[i].t == 's' ? "" : "0";
        SqlExpr *e = mk(a, SX_CONST, text);
        e->const_type = kinds[i].t;
        return e;
    }
    SqlExpr *e = mk(a, SX_CONST, "NULL");
    e->const_type = 'n';
    return e;
}

static SqlExpr *convert(Arena *a, const cJSON *node)
{
    const char *type = NULL;
    const cJSON *b = node_body(node, &type);
    if (!b)
        return NULL;

    if (strcmp(type, "BoolExpr") == 0) {
        const cJSON *op = cJSON_GetObjectItemCaseSensitive(b, "boolop");
        const char *o = cJSON_IsString(op) ? op->valuestring : "";
        SqlExpr *e = mk(a, strcmp(o, "AND_EXPR") == 0 ? SX_AND : strcmp(o, "OR_EXPR") == 0 ? SX_OR : SX_NOT, NULL);
        convert_list(a, e, cJSON_GetObjectItemCaseSensitive(b, "args"));
        return e;
    }
    if (strcmp(type, "A_Expr") == 0) {
        const cJSON *k = cJSON_GetObjectItemCaseSensitive(b, "kind");
        const char *kind = cJSON_IsString(k) ? k->valuestring : "AEXPR_OP";
        const char *op = last_string(cJSON_GetObjectItemCaseSensitive(b, "name"), NULL);
        const char *name = op ? op : "?";
        if (strcmp(kind, "AEXPR_IN") == 0)
            name = strcmp(name, "=") == 0 ? "IN" : "NOT IN";
        else if (strcmp(kind, "AEXPR_OP_ANY") == 0)
            name = arena_printf(a, "%s ANY", name);
        else if (strcmp(kind, "AEXPR_OP_ALL") == 0)
            name = arena_printf(a, "%s ALL", name);
        else if (strcmp(kind, "AEXPR_DISTINCT") == 0)
            name = "IS DISTINCT FROM";
        else if (strcmp(kind, "AEXPR_NOT_DISTINCT") == 0)
            name = "IS NOT DISTINCT FROM";
        else if (strncmp(kind, "AEXPR_BETWEEN", 13) == 0 || strncmp(kind, "AEXPR_NOT_BETWEEN", 17) == 0)
            name = "BETWEEN";
        else if (strcmp(kind, "AEXPR_LIKE") == 0 || strcmp(kind, "AEXPR_ILIKE") == 0)
            name = op ? op : "~~";
        SqlExpr *e = mk(a, SX_OP, name);
        add_arg(a, e, convert(a, cJSON_GetObjectItemCaseSensitive(b, "lexpr")));
        const cJSON *r = cJSON_GetObjectItemCaseSensitive(b, "rexpr");
        const cJSON *list = cJSON_GetObjectItemCaseSensitive(r, "List");
        if (list)
            convert_list(a, e, cJSON_GetObjectItemCaseSensitive(list, "items"));
        else
            add_arg(a, e, convert(a, r));
        return e;
    }
    if (strcmp(type, "ColumnRef") == 0) {
        const char *qual = NULL;
        SqlExpr *e = mk(a, SX_COLUMN, last_string(cJSON_GetObjectItemCaseSensitive(b, "fields"), &qual));
        e->qualifier = qual ? arena_strdup(a, qual) : NULL;
        if (!e->name)
            e->name = "?";
        return e;
    }
    if (strcmp(type, "FuncCall") == 0) {
        const char *fn = last_string(cJSON_GetObjectItemCaseSensitive(b, "funcname"), NULL);
        SqlExpr *e = mk(a, SX_FUNC, fn ? fn : "?");
        convert_list(a, e, cJSON_GetObjectItemCaseSensitive(b, "args"));
        return e;
    }
    if (strcmp(type, "A_Const") == 0)
        return convert_const(a, b);
    if (strcmp(type, "TypeCast") == 0) {
        const cJSON *tn = cJSON_GetObjectItemCaseSensitive(b, "typeName");
        const char *t = last_string(cJSON_GetObjectItemCaseSensitive(tn, "names"), NULL);
        SqlExpr *e = mk(a, SX_CAST, t ? t : "?");
        add_arg(a, e, convert(a, cJSON_GetObjectItemCaseSensitive(b, "arg")));
        return e;
    }
    if (strcmp(type, "SubLink") == 0) {
        const cJSON *k = cJSON_GetObjectItemCaseSensitive(b, "subLinkType");
        const char *kind = cJSON_IsString(k) ? k->valuestring : "EXPR_SUBLINK";
        char buf[32];
        size_t n = strcspn(kind, "_");
        snprintf(buf, sizeof buf, "%.*s", (int)(n < 31 ? n : 31), kind);
        SqlExpr *e = mk(a, SX_SUBLINK, buf);
        add_arg(a, e, convert(a, cJSON_GetObjectItemCaseSensitive(b, "testexpr")));
        const cJSON *sel = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(b, "subselect"),
                                                            "SelectStmt");
        if (sel) {
            e->sub = mk(a, SX_OTHER, "SelectStmt");
            const cJSON *tl;
            cJSON_ArrayForEach(tl, cJSON_GetObjectItemCaseSensitive(sel, "targetList"))
            {
                const cJSON *rt = cJSON_GetObjectItemCaseSensitive(tl, "ResTarget");
                add_arg(a, e->sub, convert(a, cJSON_GetObjectItemCaseSensitive(rt, "val")));
            }
            add_arg(a, e->sub, convert(a, cJSON_GetObjectItemCaseSensitive(sel, "whereClause")));
        }
        return e;
    }
    if (strcmp(type, "CaseExpr") == 0 && !cJSON_GetObjectItemCaseSensitive(b, "arg")) {
        SqlExpr *e = mk(a, SX_CASE, "CASE");
        const cJSON *w;
        cJSON_ArrayForEach(w, cJSON_GetObjectItemCaseSensitive(b, "args"))
        {
            const cJSON *cw = cJSON_GetObjectItemCaseSensitive(w, "CaseWhen");
            SqlExpr *cond = convert(a, cJSON_GetObjectItemCaseSensitive(cw, "expr"));
            SqlExpr *res = convert(a, cJSON_GetObjectItemCaseSensitive(cw, "result"));
            if (!cond || !res)
                return mk(a, SX_OTHER, "CaseExpr");
            add_arg(a, e, cond);
            add_arg(a, e, res);
        }
        SqlExpr *dflt = convert(a, cJSON_GetObjectItemCaseSensitive(b, "defresult"));
        if (!dflt) {
            dflt = mk(a, SX_CONST, "NULL");
            dflt->const_type = 'n';
        }
        add_arg(a, e, dflt);
        return e;
    }
    if (strcmp(type, "NullTest") == 0) {
        const cJSON *k = cJSON_GetObjectItemCaseSensitive(b, "nulltesttype");
        bool isnull = cJSON_IsString(k) && strcmp(k->valuestring, "IS_NULL") == 0;
        SqlExpr *e = mk(a, SX_NULLTEST, isnull ? "IS NULL" : "IS NOT NULL");
        add_arg(a, e, convert(a, cJSON_GetObjectItemCaseSensitive(b, "arg")));
        return e;
    }
    /* Anything else: keep the type name and the expressions found inside,
     * so walks still see the columns and functions it mentions. */
    SqlExpr *e = mk(a, SX_OTHER, type);
    const cJSON *field;
    cJSON_ArrayForEach(field, b)
    {
        if (cJSON_IsArray(field))
            convert_list(a, e, field);
        else if (cJSON_IsObject(field) && field->child && field->child->string &&
                 isupper((unsigned char)field->child->string[0]))
            add_arg(a, e, convert(a, field));
    }
    return e;
}

static bool valid_utf8(const unsigned char *s)
{
    while (*s) {
        int n = *s < 0x80 ? 0 : (*s & 0xE0) == 0xC0 ? 1 : (*s & 0xF0) == 0xE0 ? 2 : (*s & 0xF8) == 0xF0 ? 3 : -1;
        if (n < 0)
            return false;
        s++;
        for (int i = 0; i < n; i++, s++)
            if ((*s & 0xC0) != 0x80)
                return false;
    }
    return true;
}

SqlExpr *sql_expr_parse(Arena *a, const char *expr, const char **err)
{
    *err = NULL;
    if (!valid_utf8((const unsigned char *)expr)) {
        *err = "expression is not valid UTF-8";
        return NULL;
    }
    size_t n = strlen(expr) + 8;
    char *q = xmalloc(n);
    snprintf(q, n, "SELECT %s", expr);
    PgQueryParseResult r = pg_query_parse(q);
    free(q);
    SqlExpr *e = NULL;
    if (r.error) {
        *err = arena_strdup(a, r.error->message);
    } else {
        cJSON *root = cJSON_Parse(r.parse_tree);
        const cJSON *stmts = cJSON_GetObjectItemCaseSensitive(root, "stmts");
        const cJSON *st = cJSON_GetArrayItem(stmts, 0);
        const cJSON *sel = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(st, "stmt"), "SelectStmt");
        const cJSON *tl = cJSON_GetObjectItemCaseSensitive(sel, "targetList");
        const cJSON *rt = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(tl, 0), "ResTarget");
        if (cJSON_GetArraySize(stmts) == 1 && cJSON_GetArraySize(tl) == 1 && rt)
            e = convert(a, cJSON_GetObjectItemCaseSensitive(rt, "val"));
        if (!e)
            *err = "not a single expression";
        cJSON_Delete(root);
    }
    pg_query_free_parse_result(r);
    return e;
}

static bool walk(const SqlExpr *e, bool (*fn)(const SqlExpr *, void *), void *arg, bool deep)
{
    if (!e)
        return true;
    if (!fn(e, arg))
        return false;
    for (int i = 0; i < e->nargs; i++)
        if (!walk(e->args[i], fn, arg, deep))
            return false;
    return !deep || walk(e->sub, fn, arg, deep);
}

bool sql_expr_walk(const SqlExpr *e, bool (*fn)(const SqlExpr *, void *), void *arg)
{
    return walk(e, fn, arg, false);
}

bool sql_expr_walk_deep(const SqlExpr *e, bool (*fn)(const SqlExpr *, void *), void *arg)
{
    return walk(e, fn, arg, true);
}

typedef struct ColAcc {
    Arena *a;
    VEC(const char *) names;
} ColAcc;

static bool collect_col(const SqlExpr *e, void *arg)
{
    ColAcc *acc = arg;
    if (e->kind != SX_COLUMN)
        return true;
    for (int i = 0; i < acc->names.n; i++)
        if (strcmp(acc->names.v[i], e->name) == 0)
            return true;
    vec_push(acc->a, &acc->names, e->name);
    return true;
}

const char **sql_expr_columns(Arena *a, const SqlExpr *e)
{
    ColAcc acc = {a, {0}};
    sql_expr_walk(e, collect_col, &acc);
    vec_push(a, &acc.names, (const char *)NULL);
    return acc.names.v;
}

const SqlExpr *sql_expr_strip_casts(const SqlExpr *e)
{
    while (e && e->kind == SX_CAST && e->nargs == 1)
        e = e->args[0];
    return e;
}
