/* ddl_text.c - the text side of the SQL DDL reader: a small lexer that
 * knows where literals, quoted names, comments and dollar-quoted bodies
 * start and end (enough to rewrite Knex placeholders and to look inside a
 * clause libpg_query does not keep, such as whether ON DELETE was written);
 * expression text by deparsing the expression's own subtree; type names as
 * format_type() prints them.
 */
#include "sql/ddl_internal.h"

#include "core/utf8.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "sql/sql.h"

/* ---- lexing --------------------------------------------------------------- */

static bool ident_char(int c)
{
    return isalnum(c) || c == '_' || c == '$' || c >= 0x80;
}

/* Length of the dollar-quote tag at s ("$$", "$body$"), or 0 when s does
 * not open one. */
static size_t dollar_tag(const char *s)
{
    if (s[0] != '$')
        return 0;
    size_t i = 1;
    if (isdigit((unsigned char)s[i]))
        return 0; /* $1: a parameter */
    while (isalnum((unsigned char)s[i]) || s[i] == '_' || (unsigned char)s[i] >= 0x80)
        i++;
    return s[i] == '$' ? i + 1 : 0;
}

/* When sql[i] opens a literal, quoted name, comment or dollar-quoted body,
 * the offset just past it (the end of the text when unterminated); else i. */
static size_t skip_quoted(const char *sql, size_t i)
{
    const char *s = sql + i;
    if (s[0] == '\'') {
        bool esc = i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') && (i < 2 || !ident_char((unsigned char)sql[i - 2]));
        size_t j = i + 1;
        for (; sql[j]; j++) {
            if (esc && sql[j] == '\\' && sql[j + 1]) {
                j++;
                continue;
            }
            if (sql[j] == '\'') {
                if (sql[j + 1] == '\'') {
                    j++;
                    continue;
                }
                return j + 1;
            }
        }
        return j;
    }
    if (s[0] == '"') {
        size_t j = i + 1;
        for (; sql[j]; j++)
            if (sql[j] == '"') {
                if (sql[j + 1] == '"') {
                    j++;
                    continue;
                }
                return j + 1;
            }
        return j;
    }
    if (s[0] == '-' && s[1] == '-') {
        size_t j = i + 2;
        while (sql[j] && sql[j] != '\n')
            j++;
        return j;
    }
    if (s[0] == '/' && s[1] == '*') {
        size_t j = i + 2;
        int depth = 1;
        while (sql[j] && depth) {
            if (sql[j] == '/' && sql[j + 1] == '*') {
                depth++;
                j += 2;
            } else if (sql[j] == '*' && sql[j + 1] == '/') {
                depth--;
                j += 2;
            } else
                j++;
        }
        return j;
    }
    if (s[0] == '$' && (i == 0 || !ident_char((unsigned char)sql[i - 1]))) {
        size_t n = dollar_tag(s);
        if (!n)
            return i;
        for (size_t j = i + n; sql[j]; j++)
            if (sql[j] == '$' && strncmp(sql + j, s, n) == 0)
                return j + n;
        return strlen(sql);
    }
    return i;
}

size_t ddl_skip_space(const char *sql, size_t off)
{
    for (;;) {
        while (sql[off] && isspace((unsigned char)sql[off]))
            off++;
        if ((sql[off] == '-' && sql[off + 1] == '-') || (sql[off] == '/' && sql[off + 1] == '*'))
            off = skip_quoted(sql, off);
        else
            return off;
    }
}

size_t ddl_element_end(const char *sql, size_t off)
{
    int depth = 0;
    size_t i = off;
    while (sql[i]) {
        size_t j = skip_quoted(sql, i);
        if (j != i) {
            i = j;
            continue;
        }
        char c = sql[i];
        if (c == '(' || c == '[')
            depth++;
        else if (c == ')' || c == ']') {
            if (depth == 0)
                return i;
            depth--;
        } else if ((c == ',' || c == ';') && depth == 0)
            return i;
        i++;
    }
    return i;
}

bool ddl_has_words(const char *sql, size_t from, size_t to, const char *words)
{
    /* words: "on delete" -> match word by word, case-insensitively. */
    size_t i = from;
    const char *w = words;
    while (i < to && sql[i]) {
        size_t j = skip_quoted(sql, i);
        if (j != i) {
            i = j;
            w = words;
            continue;
        }
        if (!isalpha((unsigned char)sql[i]) && sql[i] != '_') {
            i++;
            continue;
        }
        size_t start = i;
        while (i < to && ident_char((unsigned char)sql[i]))
            i++;
        size_t wl = strcspn(w, " ");
        if (i - start == wl && strncasecmp(sql + start, w, wl) == 0) {
            w += wl;
            if (!*w)
                return true;
            w++;
        } else {
            w = words;
            size_t fl = strcspn(w, " ");
            if (i - start == fl && strncasecmp(sql + start, w, fl) == 0) {
                w += fl;
                if (!*w)
                    return true;
                w++;
            }
        }
    }
    return false;
}

const char *ddl_excerpt(Arena *a, const char *sql, size_t from, size_t to, size_t max)
{
    StrBuf b = STRBUF_INIT;
    bool space = false;
    for (size_t i = from; i < to && sql[i]; i++) {
        unsigned char c = (unsigned char)sql[i];
        if (isspace(c)) {
            space = b.len > 0;
            continue;
        }
        if (b.len >= max) {
            /* cut at a character boundary */
            while (b.len > 0 && ((unsigned char)b.s[b.len - 1] & 0xc0) == 0x80)
                b.len--;
            if (b.len > 0 && (unsigned char)b.s[b.len - 1] >= 0xc0)
                b.len--;
            b.s[b.len] = '\0';
            sb_puts(&b, "...");
            break;
        }
        if (space)
            sb_putc(&b, ' ');
        space = false;
        sb_putc(&b, (char)c);
    }
    const char *r = arena_strdup(a, b.s ? b.s : "");
    sb_fini(&b);
    return r;
}

size_t ddl_char_offset(const char *s, int pos)
{
    size_t i = 0;
    for (int n = 1; n < pos && s[i]; n++) {
        i++;
        while (((unsigned char)s[i] & 0xc0) == 0x80)
            i++;
    }
    return i;
}

size_t ddl_invalid_utf8(const char *str)
{
    return utf8_invalid_at(str, strlen(str));
}

/* ---- placeholders -------------------------------------------------------- */

const char *sql_rewrite_placeholders(Arena *a, const char *sql)
{
    StrBuf b = STRBUF_INIT;
    int n = 0;
    size_t i = 0;
    while (sql[i]) {
        size_t j = skip_quoted(sql, i);
        if (j != i) {
            sb_putn(&b, sql + i, j - i);
            i = j;
            continue;
        }
        char c = sql[i];
        if (c == '\\' && sql[i + 1] == '?') {
            sb_putc(&b, '?'); /* Knex's escape for the ? operator */
            i += 2;
            continue;
        }
        if (c == '?') {
            if (sql[i + 1] == '|' || sql[i + 1] == '&') {
                sb_putn(&b, sql + i, 2);
                i += 2;
            } else if (sql[i + 1] == '?') {
                sb_printf(&b, "\"knex_binding_%d\"", ++n);
                i += 2;
            } else {
                sb_printf(&b, "$%d", ++n);
                i++;
            }
            continue;
        }
        if (c == ':' && sql[i + 1] == ':') {
            sb_puts(&b, "::");
            i += 2;
            continue;
        }
        if (c == ':' && (isalpha((unsigned char)sql[i + 1]) || sql[i + 1] == '_') &&
            (i == 0 || !ident_char((unsigned char)sql[i - 1]) || sql[i - 1] == ' ')) {
            size_t k = i + 1;
            while (isalnum((unsigned char)sql[k]) || sql[k] == '_')
                k++;
            if (sql[k] == ':' && sql[k + 1] != ':') {
                sb_printf(&b, "\"knex_binding_%d\"", ++n);
                i = k + 1;
            } else {
                sb_printf(&b, "$%d", ++n);
                i = k;
            }
            continue;
        }
        if (ident_char((unsigned char)c)) {
            /* a whole word, so that "a$b" or "x:y" inside names stay */
            size_t k = i;
            while (sql[k] && ident_char((unsigned char)sql[k]) && sql[k] != '$')
                k++;
            if (k == i)
                k++;
            sb_putn(&b, sql + i, k - i);
            i = k;
            continue;
        }
        sb_putc(&b, c);
        i++;
    }
    const char *r = arena_strdup(a, b.s ? b.s : "");
    sb_fini(&b);
    return r;
}

/* ---- expression text ----------------------------------------------------- */

const char *ddl_str(const PgQuery__Node *n)
{
    return n && n->node_case == PG_QUERY__NODE__NODE_STRING && n->string ? n->string->sval : NULL;
}

/* The expression, wrapped in SELECT and deparsed by libpg_query. */
const char *ddl_expr_text(Ddl *d, const PgQuery__Node *expr)
{
    if (!expr)
        return NULL;
    PgQuery__ResTarget rt = PG_QUERY__RES_TARGET__INIT;
    rt.val = (PgQuery__Node *)expr;
    PgQuery__Node rtn = PG_QUERY__NODE__INIT;
    rtn.node_case = PG_QUERY__NODE__NODE_RES_TARGET;
    rtn.res_target = &rt;
    PgQuery__Node *tl[1] = {&rtn};
    PgQuery__SelectStmt ss = PG_QUERY__SELECT_STMT__INIT;
    ss.n_target_list = 1;
    ss.target_list = tl;
    ss.limit_option = PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_DEFAULT;
    ss.op = PG_QUERY__SET_OPERATION__SETOP_NONE;
    PgQuery__Node sn = PG_QUERY__NODE__INIT;
    sn.node_case = PG_QUERY__NODE__NODE_SELECT_STMT;
    sn.select_stmt = &ss;
    PgQuery__RawStmt raw = PG_QUERY__RAW_STMT__INIT;
    raw.stmt = &sn;
    PgQuery__RawStmt *rs[1] = {&raw};
    PgQuery__ParseResult out = PG_QUERY__PARSE_RESULT__INIT;
    out.version = d->version;
    out.n_stmts = 1;
    out.stmts = rs;
    size_t len = pg_query__parse_result__get_packed_size(&out);
    uint8_t *buf = xmalloc(len ? len : 1);
    pg_query__parse_result__pack(&out, buf);
    PgQueryProtobuf pb = {len, (char *)buf};
    PgQueryDeparseResult r = pg_query_deparse_protobuf(pb);
    const char *text = NULL;
    if (!r.error && r.query && strncmp(r.query, "SELECT ", 7) == 0)
        text = arena_strdup(d->a, r.query + 7);
    pg_query_free_deparse_result(r);
    free(buf);
    return text;
}

/* ---- type names ---------------------------------------------------------- */

typedef struct Builtin {
    const char *name;   /* pg_type.typname */
    const char *shown;  /* format_type() */
    char mods;          /* 'n': (n) or (p,s); 't': time precision; 0: none shown */
} Builtin;

static const Builtin builtins[] = {
    {"int2", "smallint", 0},
    {"int4", "integer", 0},
    {"int8", "bigint", 0},
    {"float4", "real", 0},
    {"float8", "double precision", 0},
    {"bool", "boolean", 0},
    {"varchar", "character varying", 'n'},
    {"bpchar", "character", 'n'},
    {"numeric", "numeric", 'n'},
    {"decimal", "numeric", 'n'},
    {"bit", "bit", 'n'},
    {"varbit", "bit varying", 'n'},
    {"timestamp", "timestamp without time zone", 't'},
    {"timestamptz", "timestamp with time zone", 't'},
    {"time", "time without time zone", 't'},
    {"timetz", "time with time zone", 't'},
    {"interval", "interval", 0},
    {"char", "\"char\"", 0},
};

static const Builtin *builtin(const char *name)
{
    for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
        if (strcmp(builtins[i].name, name) == 0)
            return &builtins[i];
    return NULL;
}

/* Type modifiers as written: "10", "10,2", "Point,4326". */
static const char *typmods_text(Arena *a, const PgQuery__TypeName *tn)
{
    if (!tn->n_typmods)
        return NULL;
    StrBuf b = STRBUF_INIT;
    for (size_t i = 0; i < tn->n_typmods; i++) {
        const PgQuery__Node *m = tn->typmods[i];
        if (i)
            sb_putc(&b, ',');
        if (m->node_case == PG_QUERY__NODE__NODE_A_CONST && m->a_const) {
            const PgQuery__AConst *c = m->a_const;
            if (c->val_case == PG_QUERY__A__CONST__VAL_IVAL)
                sb_printf(&b, "%d", c->ival ? c->ival->ival : 0);
            else if (c->val_case == PG_QUERY__A__CONST__VAL_FVAL && c->fval)
                sb_puts(&b, c->fval->fval);
            else if (c->val_case == PG_QUERY__A__CONST__VAL_SVAL && c->sval)
                sb_puts(&b, c->sval->sval);
            else
                sb_puts(&b, "0");
        } else if (m->node_case == PG_QUERY__NODE__NODE_COLUMN_REF && m->column_ref && m->column_ref->n_fields) {
            const char *s = ddl_str(m->column_ref->fields[m->column_ref->n_fields - 1]);
            sb_puts(&b, s ? s : "?");
        } else
            sb_puts(&b, "?");
    }
    const char *r = arena_strdup(a, b.s ? b.s : "");
    sb_fini(&b);
    return r;
}

static const char *serial_base(const char *name)
{
    if (strcmp(name, "serial") == 0 || strcmp(name, "serial4") == 0)
        return "integer";
    if (strcmp(name, "bigserial") == 0 || strcmp(name, "serial8") == 0)
        return "bigint";
    if (strcmp(name, "smallserial") == 0 || strcmp(name, "serial2") == 0)
        return "smallint";
    return NULL;
}

bool ddl_type(Arena *a, const Schema *s, const char *default_schema, const PgQuery__TypeName *tn, DdlType *out)
{
    memset(out, 0, sizeof *out);
    if (!tn || !tn->n_names || tn->pct_type || tn->setof)
        return false;
    const char *name = ddl_str(tn->names[tn->n_names - 1]);
    const char *schema = tn->n_names >= 2 ? ddl_str(tn->names[tn->n_names - 2]) : NULL;
    if (!name)
        return false;
    name = arena_strdup(a, name); /* sql_ident() may return it as is */
    schema = arena_strdup(a, schema);
    out->is_array = tn->n_array_bounds > 0;
    const char *mods = typmods_text(a, tn);
    const char *text = NULL;
    bool catalog = schema && strcmp(schema, "pg_catalog") == 0;
    const TypeDef *td = NULL;
    if (!catalog && s)
        td = schema_type(s, schema ? schema : default_schema, name);
    if (!td && !schema && !out->is_array && (out->serial = serial_base(name)) != NULL) {
        out->text = out->serial;
        return true;
    }
    const Builtin *bi = td ? NULL : (!schema || catalog) ? builtin(name) : NULL;
    if (bi) {
        if (bi->mods == 't' && mods) {
            /* "timestamp(3) with time zone" */
            const char *sp = strchr(bi->shown, ' ');
            text = sp ? arena_printf(a, "%.*s(%s)%s", (int)(sp - bi->shown), bi->shown, mods, sp)
                      : arena_printf(a, "%s(%s)", bi->shown, mods);
        } else if (bi->mods == 'n' && mods)
            text = arena_printf(a, "%s(%s)", bi->shown, mods);
        else if (strcmp(bi->name, "bpchar") == 0 && !mods)
            text = "bpchar"; /* bpchar without a length is not character(1) */
        else
            text = bi->shown;
    } else if (catalog || (!schema && !td)) {
        text = mods ? arena_printf(a, "%s(%s)", sql_ident(a, name), mods) : sql_ident(a, name);
    } else {
        const char *sch = td ? td->schema : schema;
        text = strcmp(sch, "public") == 0 ? sql_ident(a, name) : sql_qname(a, sch, name);
        if (mods)
            text = arena_printf(a, "%s(%s)", text, mods);
    }
    if (td) {
        out->kind = td->kind;
        out->domain_checked = td->kind == TYPE_DOMAIN && td->has_check;
    }
    out->text = out->is_array ? arena_printf(a, "%s[]", text) : text;
    return true;
}

const char *sql_format_type(Arena *a, const char *type_text)
{
    if (!type_text || ddl_invalid_utf8(type_text) != (size_t)-1)
        return NULL;
    char *q = arena_printf(a, "CREATE TABLE t (c %s)", type_text);
    PgQueryProtobufParseResult r = pg_query_parse_protobuf(q);
    const char *text = NULL;
    if (!r.error) {
        PgQuery__ParseResult *pr =
            pg_query__parse_result__unpack(NULL, r.parse_tree.len, (const uint8_t *)r.parse_tree.data);
        if (pr && pr->n_stmts == 1 && pr->stmts[0]->stmt &&
            pr->stmts[0]->stmt->node_case == PG_QUERY__NODE__NODE_CREATE_STMT) {
            const PgQuery__CreateStmt *cs = pr->stmts[0]->stmt->create_stmt;
            if (cs->n_table_elts == 1 && cs->table_elts[0]->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF) {
                const PgQuery__ColumnDef *cd = cs->table_elts[0]->column_def;
                DdlType ty;
                if (!cd->n_constraints && !cd->coll_clause && ddl_type(a, NULL, "public", cd->type_name, &ty))
                    text = ty.text;
            }
        }
        if (pr)
            pg_query__parse_result__free_unpacked(pr, NULL);
    }
    pg_query_free_protobuf_parse_result(r);
    return text;
}
