/* schema.c - construction and lookups for the schema model; see schema.h. */
#include "schema/schema.h"

#include <stdio.h>
#include <stdlib.h>

#include "sql/sql.h"

Schema *schema_new(const char *database)
{
    Schema *s = xmalloc(sizeof *s);
    memset(s, 0, sizeof *s);
    arena_init(&s->arena);
    s->database = arena_strdup(&s->arena, database);
    strmap_init(&s->by_qname, &s->arena);
    strmap_init(&s->types_by_qname, &s->arena);
    return s;
}

void schema_free(Schema *s)
{
    if (!s)
        return;
    arena_fini(&s->arena);
    free(s);
}

Table *schema_add_table(Schema *s, const char *schema, const char *name)
{
    Table *t = arena_alloc(&s->arena, sizeof *t);
    t->schema = arena_strdup(&s->arena, schema);
    t->name = arena_strdup(&s->arena, name);
    t->qname = arena_printf(&s->arena, "%s.%s", schema, name);
    t->kind = 'r';
    t->row_estimate = -1;
    vec_push(&s->arena, &s->tables, t);
    strmap_put(&s->by_qname, t->qname, t);
    return t;
}

Table *schema_table_q(const Schema *s, const char *qname)
{
    return strmap_get(&s->by_qname, qname);
}

Table *schema_table(const Schema *s, const char *schema, const char *name)
{
    char buf[512];
    int n = snprintf(buf, sizeof buf, "%s.%s", schema, name);
    if (n < 0 || (size_t)n >= sizeof buf)
        return NULL;
    return schema_table_q(s, buf);
}

TypeDef *schema_add_type(Schema *s, const char *schema, const char *name, TypeKind kind)
{
    TypeDef td = {0};
    td.schema = arena_strdup(&s->arena, schema);
    td.name = arena_strdup(&s->arena, name);
    td.kind = kind;
    vec_push(&s->arena, &s->types, td);
    /* Re-index every type: pushes may have moved the array. */
    for (int i = 0; i < s->types.n; i++) {
        TypeDef *t = &s->types.v[i];
        strmap_put(&s->types_by_qname, arena_printf(&s->arena, "%s.%s", t->schema, t->name), t);
    }
    return &s->types.v[s->types.n - 1];
}

const TypeDef *schema_type(const Schema *s, const char *schema, const char *name)
{
    char buf[512];
    int n = snprintf(buf, sizeof buf, "%s.%s", schema, name);
    if (n < 0 || (size_t)n >= sizeof buf)
        return NULL;
    return strmap_get(&s->types_by_qname, buf);
}

static int cmp_table(const void *a, const void *b)
{
    const Table *x = *(Table *const *)a, *y = *(Table *const *)b;
    int c = strcmp(x->schema, y->schema);
    return c ? c : strcmp(x->name, y->name);
}

void schema_sort(Schema *s)
{
    if (s->tables.n > 1)
        qsort(s->tables.v, (size_t)s->tables.n, sizeof s->tables.v[0], cmp_table);
    for (int i = 0; i < s->tables.n; i++)
        s->tables.v[i]->id = i;
}

/* The only column an expression reads, or NULL. */
static const char *single_column(Arena *a, const char *expr)
{
    const char *err;
    SqlExpr *e = sql_expr_parse(a, expr, &err);
    if (!e)
        return NULL;
    const char **cols = sql_expr_columns(a, e);
    return cols[0] && !cols[1] ? cols[0] : NULL;
}

void schema_derive(Schema *s)
{
    Arena *a = &s->arena;
    for (int i = 0; i < s->tables.n; i++) {
        Table *t = s->tables.v[i];
        for (int k = 0; k < t->indexes.n; k++) {
            Index *x = &t->indexes.v[k];
            x->key_names = arena_alloc(a, sizeof(char *) * (size_t)(x->nkeys + 1));
            for (int j = 0; j < x->nkeys; j++) {
                if (x->cols[j] >= 0)
                    x->key_names[j] = t->columns.v[x->cols[j]].name;
                else if (x->exprs && x->exprs[j])
                    x->key_names[j] = single_column(a, x->exprs[j]);
            }
            if (x->predicate) {
                const char *err;
                SqlExpr *e = sql_expr_parse(a, x->predicate, &err);
                x->pred_cols = e ? sql_expr_columns(a, e) : NULL;
            }
        }
        for (int k = 0; k < t->policies.n; k++) {
            Policy *p = &t->policies.v[k];
            const char *err;
            if (p->using_expr && !p->using_tree && !p->using_unparsed) {
                p->using_tree = sql_expr_parse(a, p->using_expr, &err);
                p->using_unparsed = p->using_tree == NULL;
            }
            if (p->check_expr && !p->check_tree && !p->check_unparsed) {
                p->check_tree = sql_expr_parse(a, p->check_expr, &err);
                p->check_unparsed = p->check_tree == NULL;
            }
        }
    }
    schema_sort(s);
}

int table_column_index(const Table *t, const char *name)
{
    for (int i = 0; i < t->columns.n; i++)
        if (strcmp(t->columns.v[i].name, name) == 0)
            return i;
    return -1;
}

const Column *table_column(const Table *t, const char *name)
{
    int i = table_column_index(t, name);
    return i < 0 ? NULL : &t->columns.v[i];
}

const Constraint *table_primary_key(const Table *t)
{
    for (int i = 0; i < t->constraints.n; i++)
        if (t->constraints.v[i].kind == CON_PRIMARY)
            return &t->constraints.v[i];
    return NULL;
}

Table *constraint_ref(const Schema *s, const Constraint *c)
{
    if (c->kind != CON_FOREIGN || !c->ref_table)
        return NULL;
    return schema_table(s, c->ref_schema, c->ref_table);
}

const char *fk_action_sql(FkAction a)
{
    switch (a) {
    case FK_RESTRICT: return "RESTRICT";
    case FK_CASCADE: return "CASCADE";
    case FK_SET_NULL: return "SET NULL";
    case FK_SET_DEFAULT: return "SET DEFAULT";
    case FK_NO_ACTION:
    default: return "NO ACTION";
    }
}
