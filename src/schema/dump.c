/* dump.c - the schema model as stable text; see dump.h. */
#include "schema/dump.h"

#include <stdlib.h>
#include <strings.h>

#include "core/strbuf.h"
#include "sql/sql.h"

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* "a,b" from a NULL-terminated list, sorted. */
static const char *sorted_list(Arena *a, const char **v)
{
    int n = 0;
    while (v && v[n])
        n++;
    if (!n)
        return "";
    const char **c = arena_memdup(a, v, (size_t)n, sizeof *v);
    qsort(c, (size_t)n, sizeof *c, cmp_str);
    StrBuf b = STRBUF_INIT;
    for (int i = 0; i < n; i++)
        sb_printf(&b, "%s%s", i ? "," : "", c[i]);
    const char *r = arena_strdup(a, sb_str(&b));
    sb_fini(&b);
    return r;
}

static const char *expr_cols(Arena *a, const char *text)
{
    if (!text)
        return NULL;
    const char *err;
    SqlExpr *e = sql_expr_parse(a, text, &err);
    if (!e)
        return "?";
    return sorted_list(a, sql_expr_columns(a, e));
}

/* What a default is, for comparison: the function it calls, or the
 * constant's value without casts. */
static const char *default_kind(Arena *a, const char *d)
{
    /* CURRENT_TIMESTAMP (what Knex writes) and now() are the same value. */
    if (strcasecmp(d, "CURRENT_TIMESTAMP") == 0)
        return "now()";
    const char *err;
    SqlExpr *e = sql_expr_parse(a, d, &err);
    if (!e)
        return "?";
    const SqlExpr *x = sql_expr_strip_casts(e);
    switch (x->kind) {
    case SX_CONST: return arena_printf(a, "'%s'", x->name ? x->name : "null");
    case SX_FUNC: return arena_printf(a, "%s()", x->name);
    case SX_OTHER: return arena_printf(a, "<%s>", x->name);
    default: return "<expr>";
    }
}

static const char *cols_of(Arena *a, const Table *t, const int *cols, int n)
{
    StrBuf b = STRBUF_INIT;
    for (int i = 0; i < n; i++)
        sb_printf(&b, "%s%s", i ? "," : "", cols[i] >= 0 && cols[i] < t->columns.n ? t->columns.v[cols[i]].name : "<expr>");
    const char *r = arena_strdup(a, sb_str(&b));
    sb_fini(&b);
    return r;
}

typedef struct Line {
    const char *text;
} Line;
typedef VEC(Line) LineVec;

static int cmp_line(const void *a, const void *b)
{
    return strcmp(((const Line *)a)->text, ((const Line *)b)->text);
}

static void print_sorted(FILE *out, LineVec *v)
{
    if (v->n)
        qsort(v->v, (size_t)v->n, sizeof *v->v, cmp_line);
    for (int i = 0; i < v->n; i++)
        fprintf(out, "  %s\n", v->v[i].text);
    v->n = 0;
}

static const char *fk_action(FkAction x)
{
    return fk_action_sql(x);
}

void schema_dump(FILE *out, const Schema *s, const char *const *skip)
{
    Arena a;
    arena_init(&a);
    LineVec lines = {0};
    for (int i = 0; i < s->tables.n; i++) {
        const Table *t = s->tables.v[i];
        bool skipped = false;
        for (int k = 0; skip && skip[k]; k++)
            if (strncmp(t->name, skip[k], strlen(skip[k])) == 0)
                skipped = true;
        if (skipped)
            continue;
        fprintf(out, "table %s%s%s%s%s%s\n", t->qname, t->kind == 'p' ? " partitioned" : "",
                t->is_partition ? " partition-of=" : "", t->is_partition && t->parent ? t->parent : "",
                t->rls_enabled ? " rls" : "", t->rls_forced ? " rls-forced" : "");
        for (int c = 0; c < t->columns.n; c++) {
            const Column *k = &t->columns.v[c];
            fprintf(out, "  column %s %s%s%s%s%s%s\n", k->name, k->type, k->not_null ? " not-null" : "",
                    k->default_expr ? " default=" : "", k->default_expr ? default_kind(&a, k->default_expr) : "",
                    k->identity ? (k->identity == 'a' ? " identity-always" : " identity-by-default") : "",
                    k->generated ? " generated" : "");
        }
        for (int c = 0; c < t->constraints.n; c++) {
            const Constraint *k = &t->constraints.v[c];
            StrBuf b = STRBUF_INIT;
            static const char *const kinds[] = {['p'] = "primary-key", ['u'] = "unique", ['f'] = "foreign-key",
                                                ['c'] = "check", ['x'] = "exclude"};
            sb_printf(&b, "constraint %s %s (%s)", k->name, kinds[k->kind], cols_of(&a, t, k->cols, k->ncols));
            if (k->kind == CON_FOREIGN) {
                StrBuf r = STRBUF_INIT;
                for (int j = 0; j < k->nref; j++)
                    sb_printf(&r, "%s%s", j ? "," : "", k->ref_cols[j]);
                sb_printf(&b, " -> %s.%s(%s) on-delete=%s on-update=%s", k->ref_schema, k->ref_table, sb_str(&r),
                          fk_action(k->on_delete), fk_action(k->on_update));
                if (k->match_type == 'f')
                    sb_puts(&b, " match-full");
                sb_fini(&r);
            }
            if (!k->validated)
                sb_puts(&b, " not-valid");
            if (k->deferrable)
                sb_puts(&b, k->deferred ? " deferrable-deferred" : " deferrable");
            if (k->disabled_triggers || k->disabled_ref_triggers)
                sb_printf(&b, " disabled-triggers=%d/%d", k->disabled_triggers, k->disabled_ref_triggers);
            Line l = {arena_strdup(&a, sb_str(&b))};
            vec_push(&a, &lines, l);
            sb_fini(&b);
        }
        print_sorted(out, &lines);
        for (int c = 0; c < t->indexes.n; c++) {
            const Index *x = &t->indexes.v[c];
            StrBuf b = STRBUF_INIT;
            sb_printf(&b, "index %s%s%s %s (", x->name, x->unique ? " unique" : "", x->primary ? " primary" : "",
                      x->method ? x->method : "btree");
            for (int j = 0; j < x->nkeys; j++) {
                const char *key = x->cols[j] >= 0 && x->cols[j] < t->columns.n ? t->columns.v[x->cols[j]].name
                                  : x->exprs && x->exprs[j]                   ? arena_printf(&a, "expr:%s", expr_cols(&a, x->exprs[j]))
                                                                              : "expr";
                sb_printf(&b, "%s%s", j ? "," : "", key);
            }
            sb_puts(&b, ")");
            if (x->has_include)
                sb_puts(&b, " include");
            if (x->predicate)
                sb_printf(&b, " where=%s", expr_cols(&a, x->predicate));
            if (!x->valid)
                sb_puts(&b, " invalid");
            if (x->nulls_not_distinct)
                sb_puts(&b, " nulls-not-distinct");
            Line l = {arena_strdup(&a, sb_str(&b))};
            vec_push(&a, &lines, l);
            sb_fini(&b);
        }
        print_sorted(out, &lines);
        for (int c = 0; c < t->policies.n; c++) {
            const Policy *p = &t->policies.v[c];
            static const char *const cmds[] = {['*'] = "all", ['r'] = "select", ['a'] = "insert",
                                               ['w'] = "update", ['d'] = "delete"};
            Line l = {arena_printf(&a, "policy %s %s %s to=%s using=%s check=%s", p->name, cmds[p->cmd],
                                   p->permissive ? "permissive" : "restrictive", p->roles ? p->roles : "public",
                                   p->using_expr ? expr_cols(&a, p->using_expr) : "-",
                                   p->check_expr ? expr_cols(&a, p->check_expr) : "-")};
            vec_push(&a, &lines, l);
        }
        print_sorted(out, &lines);
    }
    for (int i = 0; i < s->types.n; i++) {
        const TypeDef *td = &s->types.v[i];
        StrBuf b = STRBUF_INIT;
        sb_printf(&b, "type %s.%s %s", td->schema, td->name,
                  td->kind == TYPE_ENUM ? "enum" : td->kind == TYPE_DOMAIN ? "domain" : "other");
        for (int j = 0; td->labels && td->labels[j]; j++)
            sb_printf(&b, "%s%s", j ? "," : " ", td->labels[j]);
        if (td->has_check)
            sb_puts(&b, " check");
        Line l = {arena_strdup(&a, sb_str(&b))};
        vec_push(&a, &lines, l);
        sb_fini(&b);
    }
    if (lines.n) {
        qsort(lines.v, (size_t)lines.n, sizeof *lines.v, cmp_line);
        for (int i = 0; i < lines.n; i++)
            fprintf(out, "%s\n", lines.v[i].text);
    }
    arena_fini(&a);
}
