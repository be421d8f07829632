/* nodetree.c - read pg_node_tree text into SqlExpr and SQL; see nodetree.h.
 *
 * The text is what PostgreSQL's outfuncs.c writes:
 *   {OPEXPR :opno 98 :opfuncid 67 ... :args ({VAR :varno 1 :varattno 3 ...}
 *    {CONST :consttype 25 ... :constisnull false ... :constvalue 5 [ 20 0 0 0 97 ]})}
 * A node is {NAME :field value ...}; a value is a node, a list (...), <> for
 * NULL, a datum "N [ bytes ]", or a bare token.  parse_value() reads that
 * grammar into a generic NtNode tree; convert() then knows the dozen
 * expression nodes policies use.  Constants are datums: booleans and
 * integers are pass-by-value (8 little-endian bytes), text is a varlena
 * whose 4-byte header holds the length; the header is checked against the
 * printed length, so a big-endian server is detected, not misread.
 */
#include "catalog/nodetree.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"

/* ---- names -------------------------------------------------------------- */

typedef struct NameSlot {
    unsigned long key; /* oid * 4 + kind index; 0 = empty */
    const char *name;
} NameSlot;

struct NodeNames {
    Arena *a;
    NameSlot *slots;
    size_t cap, n;
};

static unsigned long name_key(char kind, unsigned long oid)
{
    return oid * 4 + (kind == 'o' ? 1 : kind == 'f' ? 2 : 3);
}

NodeNames *nodenames_new(Arena *a)
{
    NodeNames *n = arena_alloc(a, sizeof *n);
    n->a = a;
    n->cap = 1024;
    n->slots = arena_alloc(a, sizeof(NameSlot) * n->cap);
    return n;
}

static void put_slot(NameSlot *slots, size_t cap, unsigned long key, const char *name)
{
    size_t i = (size_t)(key * 0x9E3779B97F4A7C15ULL >> 20) & (cap - 1);
    while (slots[i].key && slots[i].key != key)
        i = (i + 1) & (cap - 1);
    slots[i].key = key;
    slots[i].name = name;
}

void nodenames_add(NodeNames *n, char kind, unsigned long oid, const char *name)
{
    if ((n->n + 1) * 2 > n->cap) {
        size_t cap = n->cap * 2;
        NameSlot *s = arena_alloc(n->a, sizeof(NameSlot) * cap);
        for (size_t i = 0; i < n->cap; i++)
            if (n->slots[i].key)
                put_slot(s, cap, n->slots[i].key, n->slots[i].name);
        n->slots = s;
        n->cap = cap;
    }
    put_slot(n->slots, n->cap, name_key(kind, oid), arena_strdup(n->a, name));
    n->n++;
}

static const char *name_of(const NodeNames *n, char kind, unsigned long oid)
{
    unsigned long key = name_key(kind, oid);
    size_t i = (size_t)(key * 0x9E3779B97F4A7C15ULL >> 20) & (n->cap - 1);
    while (n->slots[i].key) {
        if (n->slots[i].key == key)
            return n->slots[i].name;
        i = (i + 1) & (n->cap - 1);
    }
    return NULL;
}

/* ---- generic reader ----------------------------------------------------- */

typedef struct NtNode NtNode;

typedef struct NtVal {
    char kind; /* 'n' node, 'l' list, 't' token, '0' NULL, 'd' datum */
    const char *tok;
    NtNode *node;
    struct NtVal *items;
    int nitems;
    unsigned char *bytes;
    int nbytes;
} NtVal;

struct NtNode {
    const char *name;
    int n;
    const char **keys;
    NtVal *vals;
};

typedef struct Reader {
    Arena *a;
    const char *p;
    bool bad;
} Reader;

static void skip_ws(Reader *r)
{
    while (*r->p && isspace((unsigned char)*r->p))
        r->p++;
}

/* A bare token: up to whitespace or a bracket; backslash escapes one char.
 * Tokens without escapes (nearly all) are copied in one go. */
static const char *read_token(Reader *r)
{
    skip_ws(r);
    if (*r->p != '"') {
        const char *start = r->p;
        while (*r->p && !isspace((unsigned char)*r->p) && *r->p != '(' && *r->p != ')' && *r->p != '{' &&
               *r->p != '}' && *r->p != '\\')
            r->p++;
        if (*r->p != '\\')
            return arena_strndup(r->a, start, (size_t)(r->p - start));
        r->p = start;
    }
    StrBuf b = STRBUF_INIT;
    if (*r->p == '"') { /* a String node in a list: "..." */
        r->p++;
        while (*r->p && *r->p != '"') {
            if (*r->p == '\\' && r->p[1])
                r->p++;
            sb_putc(&b, *r->p++);
        }
        if (*r->p == '"')
            r->p++;
    } else {
        while (*r->p && !isspace((unsigned char)*r->p) && !strchr("(){}", *r->p)) {
            if (*r->p == '\\' && r->p[1])
                r->p++;
            sb_putc(&b, *r->p++);
        }
    }
    const char *s = arena_strdup(r->a, sb_str(&b));
    sb_fini(&b);
    return s;
}

static NtNode *parse_node(Reader *r);

/* Skips white space; true (and consumes it) at the closing bracket of a
 * list or node, false before the next item.  Text that ends first is bad
 * and counts as closed. */
static bool at_close(Reader *r, char close)
{
    skip_ws(r);
    if (!*r->p) {
        r->bad = true;
        return true;
    }
    if (*r->p != close)
        return false;
    r->p++;
    return true;
}

static NtVal parse_value(Reader *r)
{
    NtVal v = {0};
    skip_ws(r);
    if (*r->p == '{') {
        v.kind = 'n';
        v.node = parse_node(r);
    } else if (*r->p == '(') {
        r->p++;
        v.kind = 'l';
        VEC(NtVal) items = {0};
        while (!at_close(r, ')')) {
            NtVal item = parse_value(r);
            if (r->bad)
                break;
            vec_push(r->a, &items, item);
        }
        v.items = items.v;
        v.nitems = items.n;
    } else if (strncmp(r->p, "<>", 2) == 0) {
        r->p += 2;
        v.kind = '0';
    } else {
        v.kind = 't';
        v.tok = read_token(r);
    }
    return v;
}

/* "N [ b0 b1 ... ]" after :constvalue (or <>): N is the datum's length;
 * pass-by-value datums print all sizeof(Datum) bytes whatever N says. */
static NtVal parse_datum(Reader *r)
{
    NtVal v = {0};
    skip_ws(r);
    if (strncmp(r->p, "<>", 2) == 0) {
        r->p += 2;
        v.kind = '0';
        return v;
    }
    char *end;
    long n = strtol(r->p, &end, 10);
    if (end == r->p || n < 0 || n > 1 << 20) {
        r->bad = true;
        return v;
    }
    r->p = end;
    skip_ws(r);
    if (*r->p != '[') {
        r->bad = true;
        return v;
    }
    r->p++;
    v.kind = 'd';
    v.tok = arena_printf(r->a, "%ld", n);
    v.bytes = arena_alloc(r->a, (size_t)n + 9);
    for (;;) {
        skip_ws(r);
        if (*r->p == ']') {
            r->p++;
            break;
        }
        long b = strtol(r->p, &end, 10);
        if (end == r->p || v.nbytes > n + 8) {
            r->bad = true;
            return v;
        }
        r->p = end;
        v.bytes[v.nbytes++] = (unsigned char)(b & 0xFF);
    }
    return v;
}

static NtNode *parse_node(Reader *r)
{
    skip_ws(r);
    if (*r->p != '{') {
        r->bad = true;
        return NULL;
    }
    r->p++;
    NtNode *node = arena_alloc(r->a, sizeof *node);
    node->name = read_token(r);
    VEC(const char *) keys = {0};
    VEC(NtVal) vals = {0};
    while (!at_close(r, '}')) {
        if (*r->p != ':') {
            r->bad = true;
            break;
        }
        const char *key = read_token(r) + 1;
        NtVal v = strcmp(key, "constvalue") == 0 ? parse_datum(r) : parse_value(r);
        if (r->bad)
            break;
        vec_push(r->a, &keys, key);
        vec_push(r->a, &vals, v);
    }
    node->n = keys.n;
    node->keys = keys.v;
    node->vals = vals.v;
    return node;
}

static const NtVal *field(const NtNode *n, const char *key)
{
    for (int i = 0; n && i < n->n; i++)
        if (strcmp(n->keys[i], key) == 0)
            return &n->vals[i];
    return NULL;
}

static long field_long(const NtNode *n, const char *key, long dflt)
{
    const NtVal *v = field(n, key);
    return v && v->kind == 't' ? strtol(v->tok, NULL, 10) : dflt;
}

static bool field_bool(const NtNode *n, const char *key)
{
    const NtVal *v = field(n, key);
    return v && v->kind == 't' && strcmp(v->tok, "true") == 0;
}

/* ---- conversion --------------------------------------------------------- */

typedef struct Conv {
    Arena *a;
    const NodeNames *names;
    NodeColumnFn column;
    void *ctx;
    bool bad;
} Conv;

typedef struct Out {
    SqlExpr *e;
    const char *sql;
} Out;

static Out fail(Conv *c)
{
    c->bad = true;
    return (Out){NULL, NULL};
}

static SqlExpr *mk(Conv *c, SqlExprKind kind, const char *name, int nargs)
{
    SqlExpr *e = arena_alloc(c->a, sizeof *e);
    e->kind = kind;
    e->name = name;
    e->nargs = nargs;
    e->args = nargs ? arena_alloc(c->a, sizeof(SqlExpr *) * (size_t)nargs) : NULL;
    return e;
}

static Out convert(Conv *c, const NtVal *v);

/* The :args list, converted. */
static int convert_args(Conv *c, const NtNode *n, const char *key, Out *out, int max)
{
    const NtVal *l = field(n, key);
    if (l && l->kind == '0')
        return 0; /* <>: an empty list */
    if (!l || l->kind != 'l' || l->nitems > max) {
        c->bad = true;
        return 0;
    }
    for (int i = 0; i < l->nitems; i++)
        out[i] = convert(c, &l->items[i]);
    return l->nitems;
}

static const char *type_name(Conv *c, const NtNode *n, const char *key)
{
    const char *t = name_of(c->names, 't', (unsigned long)field_long(n, key, 0));
    if (!t)
        c->bad = true;
    return t ? t : "?";
}

/* Length of a varlena datum's payload, checking the header against the
 * printed size; -1 when the header does not fit either byte order. */
static int varlena_payload(const NtVal *d, int *offset)
{
    if (strtol(d->tok, NULL, 10) != d->nbytes)
        return -1;
    if (d->nbytes >= 4) {
        uint32_t le = (uint32_t)d->bytes[0] | (uint32_t)d->bytes[1] << 8 | (uint32_t)d->bytes[2] << 16 |
                      (uint32_t)d->bytes[3] << 24;
        uint32_t be = (uint32_t)d->bytes[3] | (uint32_t)d->bytes[2] << 8 | (uint32_t)d->bytes[1] << 16 |
                      (uint32_t)d->bytes[0] << 24;
        if ((le & 3) == 0 && (le >> 2) == (uint32_t)d->nbytes) {
            *offset = 4;
            return d->nbytes - 4;
        }
        if ((be & 0xC0000000u) == 0 && (be & 0x3FFFFFFFu) == (uint32_t)d->nbytes) {
            *offset = 4;
            return d->nbytes - 4;
        }
    }
    if (d->nbytes >= 1 && (d->bytes[0] & 1) && (d->bytes[0] >> 1) == d->nbytes) {
        *offset = 1; /* short header, little-endian */
        return d->nbytes - 1;
    }
    return -1;
}

static Out convert_const(Conv *c, const NtNode *n)
{
    long type = field_long(n, "consttype", 0);
    if (field_bool(n, "constisnull")) {
        SqlExpr *e = mk(c, SX_CONST, "NULL", 0);
        e->const_type = 'n';
        return (Out){e, "NULL"};
    }
    const NtVal *d = field(n, "constvalue");
    if (!d || d->kind != 'd')
        return fail(c);
    SqlExpr *e = mk(c, SX_CONST, NULL, 0);
    if (type == 16) { /* bool */
        bool t = d->nbytes > 0 && (d->bytes[0] || (d->nbytes >= 8 && d->bytes[7]));
        e->name = t ? "true" : "false";
        e->const_type = 'b';
        return (Out){e, e->name};
    }
    if (type == 20 || type == 21 || type == 23) { /* int8, int2, int4: 8-byte datum */
        if (d->nbytes != 8)
            return fail(c);
        uint64_t u = 0;
        for (int i = 7; i >= 0; i--)
            u = u << 8 | d->bytes[i];
        int64_t v = (int64_t)u;
        if (type == 21)
            v = (int16_t)(u & 0xFFFF);
        else if (type == 23)
            v = (int32_t)(u & 0xFFFFFFFFu);
        e->name = arena_printf(c->a, "%lld", (long long)v);
        e->const_type = 'i';
        const char *cast = type == 20 ? "::bigint" : type == 21 ? "::smallint" : "";
        return (Out){e, v < 0 ? arena_printf(c->a, "'%lld'%s", (long long)v, type == 23 ? "::integer" : cast)
                              : arena_printf(c->a, "%lld%s", (long long)v, cast)};
    }
    /* text, varchar, bpchar: varlena; name: 64 bytes, NUL-padded */
    const char *s;
    if (type == 19) {
        s = arena_strndup(c->a, (const char *)d->bytes, strnlen((const char *)d->bytes, (size_t)d->nbytes));
    } else {
        int off = 0, len = varlena_payload(d, &off);
        if (len < 0)
            return fail(c);
        s = arena_strndup(c->a, (const char *)d->bytes + off, (size_t)len);
    }
    e->name = s;
    e->const_type = 's';
    const char *tn = type == 25 ? "text" : type == 1043 ? "character varying" : type == 1042 ? "bpchar" : "name";
    return (Out){e, arena_printf(c->a, "%s::%s", sql_literal(c->a, s), tn)};
}

/* Explicit cast (format 1), implicit (2), or a call (0). */
static Out convert_cast(Conv *c, const NtNode *n, const NtVal *arg, const char *format_key, const char *type_key)
{
    Out in = convert(c, arg);
    long fmt = field_long(n, format_key, 1);
    if (fmt == 2 || c->bad)
        return in;
    const char *t = type_name(c, n, type_key);
    SqlExpr *e = mk(c, SX_CAST, t, 1);
    e->args[0] = in.e;
    return (Out){e, arena_printf(c->a, "(%s)::%s", in.sql, t)};
}

static Out convert_node(Conv *c, const NtNode *n)
{
    Out args[64];
    const char *nm = n->name;
    if (strcmp(nm, "CONST") == 0)
        return convert_const(c, n);
    if (strcmp(nm, "VAR") == 0) {
        if (field_long(n, "varno", 0) != 1 || field_long(n, "varlevelsup", 0) != 0)
            return fail(c);
        const char *col = c->column(c->ctx, (int)field_long(n, "varattno", 0));
        if (!col)
            return fail(c);
        SqlExpr *e = mk(c, SX_COLUMN, col, 0);
        return (Out){e, sql_ident(c->a, col)};
    }
    if (strcmp(nm, "BOOLEXPR") == 0) {
        const NtVal *op = field(n, "boolop");
        int k = convert_args(c, n, "args", args, 64);
        if (c->bad || !op || op->kind != 't')
            return fail(c);
        bool is_not = strcmp(op->tok, "not") == 0, is_and = strcmp(op->tok, "and") == 0;
        SqlExpr *e = mk(c, is_not ? SX_NOT : is_and ? SX_AND : SX_OR, NULL, k);
        StrBuf b = STRBUF_INIT;
        sb_puts(&b, is_not ? "(NOT " : "(");
        for (int i = 0; i < k; i++) {
            e->args[i] = args[i].e;
            sb_printf(&b, "%s%s", i ? (is_and ? " AND " : " OR ") : "", args[i].sql);
        }
        sb_putc(&b, ')');
        Out o = {e, arena_strdup(c->a, sb_str(&b))};
        sb_fini(&b);
        return o;
    }
    if (strcmp(nm, "OPEXPR") == 0 || strcmp(nm, "SCALARARRAYOPEXPR") == 0) {
        const char *op = name_of(c->names, 'o', (unsigned long)field_long(n, "opno", 0));
        int k = convert_args(c, n, "args", args, 2);
        if (c->bad || !op)
            return fail(c);
        bool array = nm[0] == 'S';
        const char *quant = array ? (field_bool(n, "useOr") ? " ANY" : " ALL") : "";
        SqlExpr *e = mk(c, SX_OP, array ? arena_printf(c->a, "%s%s", op, quant) : op, k);
        for (int i = 0; i < k; i++)
            e->args[i] = args[i].e;
        const char *sql = k == 2 ? (array ? arena_printf(c->a, "(%s %s%s (%s))", args[0].sql, op, quant, args[1].sql)
                                          : arena_printf(c->a, "(%s %s %s)", args[0].sql, op, args[1].sql))
                                 : arena_printf(c->a, "(%s %s)", op, k ? args[0].sql : "");
        return (Out){e, sql};
    }
    if (strcmp(nm, "FUNCEXPR") == 0) {
        long fmt = field_long(n, "funcformat", 0);
        const NtVal *l = field(n, "args");
        if (fmt == 1 || fmt == 2) { /* a cast implemented by a function */
            if (!l || l->kind != 'l' || l->nitems != 1)
                return fail(c); /* length coercions carry a type modifier */
            return convert_cast(c, n, &l->items[0], "funcformat", "funcresulttype");
        }
        const char *fn = name_of(c->names, 'f', (unsigned long)field_long(n, "funcid", 0));
        int k = convert_args(c, n, "args", args, 64);
        if (c->bad || !fn || fmt != 0 || field_bool(n, "funcvariadic"))
            return fail(c);
        const char *dot = strrchr(fn, '.');
        SqlExpr *e = mk(c, SX_FUNC, dot ? dot + 1 : fn, k);
        StrBuf b = STRBUF_INIT;
        sb_printf(&b, "%s(", fn);
        for (int i = 0; i < k; i++) {
            e->args[i] = args[i].e;
            sb_printf(&b, "%s%s", i ? ", " : "", args[i].sql);
        }
        sb_putc(&b, ')');
        Out o = {e, arena_strdup(c->a, sb_str(&b))};
        sb_fini(&b);
        return o;
    }
    if (strcmp(nm, "COERCEVIAIO") == 0 || strcmp(nm, "RELABELTYPE") == 0) {
        const NtVal *arg = field(n, "arg");
        if (!arg)
            return fail(c);
        return convert_cast(c, n, arg, nm[0] == 'C' ? "coerceformat" : "relabelformat", "resulttype");
    }
    if (strcmp(nm, "NULLTEST") == 0) {
        const NtVal *arg = field(n, "arg");
        Out in = arg ? convert(c, arg) : fail(c);
        if (c->bad)
            return fail(c);
        bool isnull = field_long(n, "nulltesttype", 0) == 0;
        SqlExpr *e = mk(c, SX_NULLTEST, isnull ? "IS NULL" : "IS NOT NULL", 1);
        e->args[0] = in.e;
        return (Out){e, arena_printf(c->a, "(%s %s)", in.sql, e->name)};
    }
    if (strcmp(nm, "NULLIFEXPR") == 0) {
        int k = convert_args(c, n, "args", args, 2);
        if (c->bad || k != 2)
            return fail(c);
        SqlExpr *e = mk(c, SX_FUNC, "nullif", 2);
        e->args[0] = args[0].e;
        e->args[1] = args[1].e;
        return (Out){e, arena_printf(c->a, "NULLIF(%s, %s)", args[0].sql, args[1].sql)};
    }
    if (strcmp(nm, "ARRAYEXPR") == 0) {
        if (field_bool(n, "multidims"))
            return fail(c);
        int k = convert_args(c, n, "elements", args, 64);
        if (c->bad)
            return fail(c);
        SqlExpr *e = mk(c, SX_OTHER, "ARRAY", k);
        StrBuf b = STRBUF_INIT;
        sb_puts(&b, "ARRAY[");
        for (int i = 0; i < k; i++) {
            e->args[i] = args[i].e;
            sb_printf(&b, "%s%s", i ? ", " : "", args[i].sql);
        }
        sb_putc(&b, ']');
        Out o = {e, arena_strdup(c->a, sb_str(&b))};
        sb_fini(&b);
        return o;
    }
    return fail(c);
}

static Out convert(Conv *c, const NtVal *v)
{
    if (c->bad || !v || v->kind != 'n' || !v->node)
        return fail(c);
    Out o = convert_node(c, v->node);
    if (!o.e || !o.sql)
        c->bad = true;
    return o;
}

bool nodetree_read(Arena *a, Arena *scratch, const char *text, const NodeNames *names, NodeColumnFn column,
                   void *ctx, SqlExpr **expr, const char **sql)
{
    arena_reset(scratch);
    Reader r = {scratch, text, false};
    NtVal v = parse_value(&r);
    skip_ws(&r);
    if (r.bad || *r.p || v.kind != 'n')
        return false;
    Conv c = {a, names, column, ctx, false};
    Out o = convert(&c, &v);
    if (c.bad)
        return false;
    /* pg_get_expr() drops the outermost parentheses; so do we. */
    const char *s = o.sql;
    size_t len = strlen(s);
    if (len >= 2 && s[0] == '(' && s[len - 1] == ')') {
        int depth = 0;
        bool outer = true;
        for (size_t i = 0; i < len && outer; i++) {
            if (s[i] == '\'') { /* skip literals */
                for (i++; i < len && !(s[i] == '\'' && (i + 1 >= len || s[i + 1] != '\'')); i += s[i] == '\'' ? 2 : 1)
                    ;
                continue;
            }
            if (s[i] == '(')
                depth++;
            else if (s[i] == ')' && --depth == 0 && i != len - 1)
                outer = false;
        }
        if (outer)
            s = arena_strndup(a, s + 1, len - 2);
    }
    *expr = o.e;
    *sql = s;
    return true;
}
