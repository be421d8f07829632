/* edit.c - DDL-like changes to the schema model; see edit.h. */
#include "schema/edit.h"

#include <stdint.h>
#include <stdio.h>

#include "core/strbuf.h"

#define NAME_MAX_BYTES 63

static const char *clip(Arena *a, const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return arena_strdup(a, s);
    n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
        n--;
    return arena_strndup(a, s, n);
}

const char *edit_identifier(Schema *s, const char *name)
{
    return name ? clip(&s->arena, name, NAME_MAX_BYTES) : NULL;
}

/* The names in use per schema, so choosing a name does not scan every
 * table for every candidate.  Kept up to date by the functions below;
 * changes that touch many objects (drops of tables and columns, renames)
 * just forget it and it is built again when next needed. */
void edit_forget_names(Schema *s)
{
    s->obj_names = NULL;
}

static void name_bump(Schema *s, const char *schema, const char *name, int by)
{
    if (!s->obj_names || !name)
        return;
    char buf[512];
    int n = snprintf(buf, sizeof buf, "%s.%s", schema, name);
    if (n < 0 || (size_t)n >= sizeof buf) {
        s->obj_names = NULL;
        return;
    }
    uintptr_t stored = (uintptr_t)strmap_get(s->obj_names, buf);
    uintptr_t c = stored ? stored - 1 : 0;
    if (by < 0 && c == 0)
        return;
    c = (uintptr_t)((intptr_t)c + by);
    /* An existing key keeps its string; only a new one is copied. */
    strmap_put(s->obj_names, stored ? buf : arena_strdup(&s->arena, buf), (void *)(c + 1));
}

static StrMap *names(Schema *s)
{
    if (s->obj_names)
        return s->obj_names;
    s->obj_names = arena_alloc(&s->arena, sizeof *s->obj_names);
    strmap_init(s->obj_names, &s->arena);
    for (int i = 0; i < s->tables.n; i++) {
        const Table *t = s->tables.v[i];
        name_bump(s, t->schema, t->name, 1);
        for (int j = 0; j < t->indexes.n; j++)
            name_bump(s, t->schema, t->indexes.v[j].name, 1);
        for (int j = 0; j < t->constraints.n; j++)
            name_bump(s, t->schema, t->constraints.v[j].name, 1);
    }
    return s->obj_names;
}

static void reindex_tables(Schema *s)
{
    strmap_init(&s->by_qname, &s->arena);
    for (int i = 0; i < s->tables.n; i++)
        strmap_put(&s->by_qname, s->tables.v[i]->qname, s->tables.v[i]);
}

Table *edit_create_table(Schema *s, const char *schema, const char *name, Origin o)
{
    name = edit_identifier(s, name);
    if (schema_table(s, schema, name))
        return NULL;
    Table *t = schema_add_table(s, schema, name);
    t->origin = o;
    name_bump(s, schema, t->name, 1);
    return t;
}

static bool fk_targets(const Constraint *k, const Table *t)
{
    return k->kind == CON_FOREIGN && k->ref_table && strcmp(k->ref_table, t->name) == 0 &&
           k->ref_schema && strcmp(k->ref_schema, t->schema) == 0;
}

/* Removes element i of a VEC. */
#define vec_remove(vec, i)                                                                         \
    do {                                                                                           \
        memmove(&(vec)->v[i], &(vec)->v[(i) + 1], sizeof(*(vec)->v) * (size_t)((vec)->n - (i) - 1)); \
        (vec)->n--;                                                                                \
    } while (0)

static void remove_index_named(Schema *s, Table *t, const char *name)
{
    for (int i = 0; i < t->indexes.n; i++)
        if (strcmp(t->indexes.v[i].name, name) == 0) {
            name_bump(s, t->schema, name, -1);
            vec_remove(&t->indexes, i);
            return;
        }
}

static void remove_constraint_at(Schema *s, Table *t, int i)
{
    Constraint *k = &t->constraints.v[i];
    if (k->index_name && (k->kind == CON_PRIMARY || k->kind == CON_UNIQUE || k->kind == CON_EXCLUDE))
        remove_index_named(s, t, k->index_name);
    name_bump(s, t->schema, k->name, -1);
    vec_remove(&t->constraints, i);
}

void edit_drop_table(Schema *s, Table *t)
{
    edit_forget_names(s);
    for (int i = 0; i < s->tables.n; i++) {
        Table *o = s->tables.v[i];
        if (o == t)
            continue;
        for (int j = o->constraints.n - 1; j >= 0; j--)
            if (fk_targets(&o->constraints.v[j], t))
                remove_constraint_at(s, o, j);
    }
    for (int i = 0; i < s->tables.n; i++)
        if (s->tables.v[i] == t) {
            vec_remove(&s->tables, i);
            break;
        }
    reindex_tables(s);
}

void edit_rename_table(Schema *s, Table *t, const char *new_name)
{
    edit_forget_names(s);
    new_name = edit_identifier(s, new_name);
    for (int i = 0; i < s->tables.n; i++) {
        Table *o = s->tables.v[i];
        for (int j = 0; j < o->constraints.n; j++)
            if (fk_targets(&o->constraints.v[j], t))
                o->constraints.v[j].ref_table = new_name;
    }
    t->name = new_name;
    t->qname = arena_printf(&s->arena, "%s.%s", t->schema, new_name);
    reindex_tables(s);
}

int edit_add_column(Schema *s, Table *t, const Column *c)
{
    const char *name = edit_identifier(s, c->name);
    if (table_column_index(t, name) >= 0)
        return -1;
    Column k = *c;
    Arena *a = &s->arena;
    k.name = name;
    k.type = arena_strdup(a, c->type ? c->type : "text");
    k.base_type = arena_strdup(a, c->base_type);
    k.default_expr = arena_strdup(a, c->default_expr);
    vec_push(a, &t->columns, k);
    return t->columns.n - 1;
}

static bool ints_have(const int *v, int n, int x)
{
    for (int i = 0; i < n; i++)
        if (v[i] == x)
            return true;
    return false;
}

static int *renumber(Arena *a, const int *v, int n, int dropped)
{
    int *w = arena_alloc(a, sizeof *w * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++)
        w[i] = v[i] > dropped ? v[i] - 1 : v[i];
    return w;
}

static bool strs_have(const char **v, int n, const char *x)
{
    for (int i = 0; i < n; i++)
        if (v[i] && strcmp(v[i], x) == 0)
            return true;
    return false;
}

void edit_drop_column(Schema *s, Table *t, int col)
{
    if (col < 0 || col >= t->columns.n)
        return;
    const char *name = t->columns.v[col].name;
    edit_forget_names(s);
    /* Foreign keys of other tables that reference the column go too. */
    for (int i = 0; i < s->tables.n; i++) {
        Table *o = s->tables.v[i];
        for (int j = o->constraints.n - 1; j >= 0; j--) {
            Constraint *k = &o->constraints.v[j];
            if (fk_targets(k, t) && strs_have(k->ref_cols, k->nref, name))
                remove_constraint_at(s, o, j);
        }
    }
    for (int j = t->constraints.n - 1; j >= 0; j--)
        if (ints_have(t->constraints.v[j].cols, t->constraints.v[j].ncols, col))
            remove_constraint_at(s, t, j);
    for (int j = t->indexes.n - 1; j >= 0; j--)
        if (ints_have(t->indexes.v[j].cols, t->indexes.v[j].nkeys, col))
            vec_remove(&t->indexes, j);
    vec_remove(&t->columns, col);
    for (int j = 0; j < t->constraints.n; j++) {
        Constraint *k = &t->constraints.v[j];
        k->cols = renumber(&s->arena, k->cols, k->ncols, col);
    }
    for (int j = 0; j < t->indexes.n; j++) {
        Index *x = &t->indexes.v[j];
        x->cols = renumber(&s->arena, x->cols, x->nkeys, col);
    }
    if (t->npartkey)
        t->partkey = renumber(&s->arena, t->partkey, t->npartkey, col);
}

void edit_rename_column(Schema *s, Table *t, int col, const char *new_name)
{
    if (col < 0 || col >= t->columns.n)
        return;
    new_name = edit_identifier(s, new_name);
    const char *old = t->columns.v[col].name;
    for (int i = 0; i < s->tables.n; i++) {
        Table *o = s->tables.v[i];
        for (int j = 0; j < o->constraints.n; j++) {
            Constraint *k = &o->constraints.v[j];
            if (!fk_targets(k, t))
                continue;
            const char **rc = arena_memdup(&s->arena, k->ref_cols, (size_t)k->nref, sizeof *rc);
            for (int m = 0; m < k->nref; m++)
                if (rc[m] && strcmp(rc[m], old) == 0)
                    rc[m] = new_name;
            k->ref_cols = rc;
        }
    }
    t->columns.v[col].name = new_name;
}

static bool name_taken(Schema *s, const char *schema, const char *name)
{
    char buf[512];
    int n = snprintf(buf, sizeof buf, "%s.%s", schema, name);
    if (n < 0 || (size_t)n >= sizeof buf)
        return true;
    uintptr_t c = (uintptr_t)strmap_get(names(s), buf);
    return c > 1;
}

const char *edit_choose_name(Schema *s, const Table *t, const char *const *cols, int n, const char *suffix)
{
    StrBuf add = STRBUF_INIT;
    for (int i = 0; i < n; i++) {
        if (add.len)
            sb_putc(&add, '_');
        sb_puts(&add, cols[i] ? cols[i] : "expr");
        if (add.len >= NAME_MAX_BYTES)
            break;
    }
    const char *name2 = add.len ? sb_str(&add) : NULL;
    const char *result = NULL;
    for (int pass = 0; pass < 10000; pass++) {
        char label[32];
        if (pass)
            snprintf(label, sizeof label, "%s%d", suffix, pass);
        else
            snprintf(label, sizeof label, "%s", suffix);
        /* makeObjectName(): shorten the longer of the two parts until
         * "name1_name2_label" fits. */
        size_t overhead = strlen(label) + 1 + (name2 ? 1 : 0);
        size_t avail = NAME_MAX_BYTES - overhead;
        size_t n1 = strlen(t->name), n2 = name2 ? strlen(name2) : 0;
        while (n1 + n2 > avail) {
            if (n1 > n2)
                n1--;
            else
                n2--;
        }
        const char *p1 = clip(&s->arena, t->name, n1);
        const char *p2 = name2 ? clip(&s->arena, name2, n2) : NULL;
        result = p2 ? arena_printf(&s->arena, "%s_%s_%s", p1, p2, label)
                    : arena_printf(&s->arena, "%s_%s", p1, label);
        if (!name_taken(s, t->schema, result))
            break;
    }
    sb_fini(&add);
    return result;
}

static const char **col_names(Arena *a, const Table *t, const int *cols, int n)
{
    const char **v = arena_alloc(a, sizeof *v * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++)
        v[i] = cols[i] >= 0 && cols[i] < t->columns.n ? t->columns.v[cols[i]].name : NULL;
    return v;
}

Constraint *edit_find_constraint(Table *t, const char *name)
{
    for (int i = 0; i < t->constraints.n; i++)
        if (strcmp(t->constraints.v[i].name, name) == 0)
            return &t->constraints.v[i];
    return NULL;
}

Constraint *edit_add_constraint(Schema *s, Table *t, const Constraint *k)
{
    Arena *a = &s->arena;
    Constraint c = *k;
    c.cols = arena_memdup(a, k->cols, (size_t)k->ncols, sizeof *k->cols);
    if (k->nref) {
        const char **rc = arena_alloc(a, sizeof *rc * (size_t)k->nref);
        for (int i = 0; i < k->nref; i++)
            rc[i] = edit_identifier(s, k->ref_cols[i]);
        c.ref_cols = rc;
    }
    c.ref_schema = arena_strdup(a, k->ref_schema);
    c.ref_table = edit_identifier(s, k->ref_table);
    c.expr = arena_strdup(a, k->expr);
    if (!c.on_delete)
        c.on_delete = FK_NO_ACTION;
    if (!c.on_update)
        c.on_update = FK_NO_ACTION;
    if (!c.match_type)
        c.match_type = 's';
    if (k->name) {
        c.name = edit_identifier(s, k->name);
    } else {
        const char *suffix = k->kind == CON_PRIMARY  ? "pkey"
                             : k->kind == CON_UNIQUE  ? "key"
                             : k->kind == CON_FOREIGN ? "fkey"
                             : k->kind == CON_EXCLUDE ? "excl"
                                                      : "check";
        int n = k->kind == CON_PRIMARY ? 0 : k->ncols;
        if (k->kind == CON_CHECK && n != 1)
            n = 0;
        c.name = edit_choose_name(s, t, col_names(a, t, c.cols, n), n, suffix);
    }
    if (c.kind == CON_PRIMARY || c.kind == CON_UNIQUE) {
        Index x = {0};
        x.name = c.name;
        x.unique = true;
        x.primary = c.kind == CON_PRIMARY;
        x.valid = true;
        x.backs_constraint = true;
        x.method = "btree";
        x.nkeys = c.ncols;
        x.cols = c.cols;
        x.origin = c.origin;
        vec_push(a, &t->indexes, x);
        name_bump(s, t->schema, x.name, 1);
        c.index_name = c.name;
        c.validated = true;
        if (c.kind == CON_PRIMARY)
            for (int i = 0; i < c.ncols; i++)
                if (c.cols[i] >= 0 && c.cols[i] < t->columns.n)
                    t->columns.v[c.cols[i]].not_null = true;
    }
    vec_push(a, &t->constraints, c);
    name_bump(s, t->schema, c.name, 1);
    return &t->constraints.v[t->constraints.n - 1];
}

bool edit_drop_constraint(Schema *s, Table *t, const char *name)
{
    name = edit_identifier(s, name);
    for (int i = 0; i < t->constraints.n; i++)
        if (strcmp(t->constraints.v[i].name, name) == 0) {
            remove_constraint_at(s, t, i);
            return true;
        }
    return false;
}

Index *edit_add_index(Schema *s, Table *t, const Index *x)
{
    Arena *a = &s->arena;
    Index y = *x;
    y.cols = arena_memdup(a, x->cols, (size_t)x->nkeys, sizeof *x->cols);
    if (x->exprs) {
        const char **e = arena_alloc(a, sizeof *e * (size_t)x->nkeys);
        for (int i = 0; i < x->nkeys; i++)
            e[i] = arena_strdup(a, x->exprs[i]);
        y.exprs = e;
    }
    y.predicate = arena_strdup(a, x->predicate);
    y.method = x->method ? arena_strdup(a, x->method) : "btree";
    y.opclasses = arena_strdup(a, x->opclasses);
    y.name = x->name ? edit_identifier(s, x->name)
                     : edit_choose_name(s, t, col_names(a, t, y.cols, y.nkeys), y.nkeys, "idx");
    vec_push(a, &t->indexes, y);
    name_bump(s, t->schema, y.name, 1);
    return &t->indexes.v[t->indexes.n - 1];
}

Index *edit_table_index(Table *t, const char *name)
{
    for (int j = 0; j < t->indexes.n; j++)
        if (strcmp(t->indexes.v[j].name, name) == 0)
            return &t->indexes.v[j];
    return NULL;
}

bool edit_name_in_use(Schema *s, const char *schema, const char *name)
{
    return name_taken(s, schema, name);
}

Table *edit_index_table(Schema *s, const char *schema, const char *name, Index **out)
{
    for (int i = 0; i < s->tables.n; i++) {
        Table *t = s->tables.v[i];
        if (strcmp(t->schema, schema) != 0)
            continue;
        for (int j = 0; j < t->indexes.n; j++)
            if (strcmp(t->indexes.v[j].name, name) == 0) {
                if (out)
                    *out = &t->indexes.v[j];
                return t;
            }
    }
    return NULL;
}

bool edit_drop_index(Schema *s, const char *schema, const char *name)
{
    name = edit_identifier(s, name);
    Index *x;
    Table *t = edit_index_table(s, schema, name, &x);
    if (!t)
        return false;
    if (x->backs_constraint) {
        for (int i = 0; i < t->constraints.n; i++)
            if (t->constraints.v[i].index_name && strcmp(t->constraints.v[i].index_name, name) == 0) {
                remove_constraint_at(s, t, i);
                return true;
            }
    }
    remove_index_named(s, t, name);
    return true;
}

Policy *edit_add_policy(Schema *s, Table *t, const Policy *p)
{
    Arena *a = &s->arena;
    Policy q = *p;
    q.name = edit_identifier(s, p->name);
    q.roles = arena_strdup(a, p->roles ? p->roles : "public");
    q.using_expr = arena_strdup(a, p->using_expr);
    q.check_expr = arena_strdup(a, p->check_expr);
    if (!q.cmd)
        q.cmd = POL_ALL;
    vec_push(a, &t->policies, q);
    return &t->policies.v[t->policies.n - 1];
}

bool edit_drop_policy(Table *t, const char *name)
{
    for (int i = 0; i < t->policies.n; i++)
        if (strcmp(t->policies.v[i].name, name) == 0) {
            vec_remove(&t->policies, i);
            return true;
        }
    return false;
}
