/* facts.c - what the rules derive from names and keys, computed once.
 *
 * Inferred references.  A column with no foreign key is taken for a
 * reference when its name says so and a table with a usable key matches:
 *   <stem>_id / <stem>Id   -> table <stem> or its plural     (high)
 *   <words>_<stem>_id      -> table <stem>, e.g. original_ticket_id (medium)
 *   parent_id              -> the table itself              (high)
 *   *_by, owner_id, buyer_id... -> the users table           (medium)
 * and never when the column is the table's own key, matches the external-id
 * globs (stripe_*, external_*...), is half of a polymorphic pair
 * (<x>_type + <x>_id), or its type cannot hold the target key (uuid vs
 * integer).  Evidence and confidence go into the finding.
 *
 * Tenant scope.  A table is tenant-scoped when it has the tenant column, or
 * references (declared or high-confidence inferred) the tenants table or a
 * tenant-scoped table; computed as a fixpoint over the reference graph.
 */
#include <ctype.h>
#include <string.h>

#include "core/strmap.h"
#include "rules/rule.h"

/* Table name -> Table, for names unique across schemas; AMBIGUOUS when not. */
static char ambiguous_marker;
#define AMBIGUOUS ((void *)&ambiguous_marker)

typedef struct Ctx {
    const Schema *s;
    const AuditConfig *cfg;
    Arena *a;
    StrMap by_name;
} Ctx;

static const Table *lookup(const Ctx *x, const char *schema, const char *name)
{
    const Table *t = schema_table(x->s, schema, name);
    if (t)
        return t;
    t = strmap_get(&x->by_name, name);
    return t == AMBIGUOUS ? NULL : t;
}

static bool ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcmp(s + n - m, suf) == 0;
}

/* The table named stem or one of its plurals. */
static const Table *find_stem(const Ctx *x, const char *schema, const char *stem)
{
    char buf[300];
    size_t n = strlen(stem);
    if (n == 0 || n > 250)
        return NULL;
    const Table *t;
    snprintf(buf, sizeof buf, "%ss", stem);
    if ((t = lookup(x, schema, buf)))
        return t;
    if ((t = lookup(x, schema, stem)))
        return t;
    snprintf(buf, sizeof buf, "%ses", stem);
    if ((t = lookup(x, schema, buf)))
        return t;
    if (stem[n - 1] == 'y') {
        snprintf(buf, sizeof buf, "%.*sies", (int)(n - 1), stem);
        if ((t = lookup(x, schema, buf)))
            return t;
    }
    static const char *const irregular[][2] = {{"person", "people"}, {"child", "children"}, {"man", "men"}};
    for (unsigned i = 0; i < sizeof irregular / sizeof irregular[0]; i++)
        if (strcmp(stem, irregular[i][0]) == 0 && (t = lookup(x, schema, irregular[i][1])))
            return t;
    return NULL;
}

/* Single-column primary key, or single-column NOT NULL unique key. */
static int key_column(const Table *t)
{
    int uniq = -1;
    for (int i = 0; i < t->constraints.n; i++) {
        const Constraint *k = &t->constraints.v[i];
        if (k->ncols != 1 || k->cols[0] < 0)
            continue;
        if (k->kind == CON_PRIMARY)
            return k->cols[0];
        if (k->kind == CON_UNIQUE && uniq < 0 && t->columns.v[k->cols[0]].not_null)
            uniq = k->cols[0];
    }
    return uniq;
}

/* Coarse type family: two columns of one family can reference each other. */
static const char *type_family(const char *type)
{
    if (strncmp(type, "integer", 7) == 0 || strncmp(type, "bigint", 6) == 0 || strncmp(type, "smallint", 8) == 0)
        return "integer";
    if (type_is_text(type))
        return "text";
    if (strncmp(type, "uuid", 4) == 0)
        return "uuid";
    return type;
}

static bool polymorphic(const Table *t, const char *col)
{
    size_t n = strlen(col);
    if (n < 4 || strcmp(col + n - 3, "_id") != 0)
        return false;
    char buf[300];
    snprintf(buf, sizeof buf, "%.*s_type", (int)(n - 3), col);
    return table_column(t, buf) != NULL;
}

static void add_ref(Ctx *x, TableFacts *tf, const Table *t, int col, const Table *target, Confidence conf,
                    const char *how, const char *note)
{
    int kc = key_column(target);
    if (kc < 0)
        return;
    const Column *c = &t->columns.v[col], *k = &target->columns.v[kc];
    if (strcmp(type_family(column_base_type(c)), type_family(column_base_type(k))) != 0)
        return;
    InferredRef r = {col, target, k->name, conf,
                     arena_printf(x->a, "%s %s.%s; types match (%s -> %s %s)", how, target->schema, target->name,
                                  c->type, k->name, k->type),
                     note};
    vec_push(x->a, &tf->inferred, r);
}

static bool in_any_fk(const Table *t, int col)
{
    return fk_on_column(t, col) != NULL;
}

static bool is_own_key(const Table *t, int col)
{
    const Constraint *pk = table_primary_key(t);
    return pk && pk->ncols == 1 && pk->cols[0] == col;
}

/* For a partitioned table: how many partitions have a foreign key on a
 * column of this name (they may each declare their own). */
static int partitions_with_fk(const TableFacts *tf, const char *name)
{
    int n = 0;
    for (int i = 0; i < tf->partitions.n; i++) {
        const Table *p = tf->partitions.v[i];
        int col = table_column_index(p, name);
        n += col >= 0 && fk_on_column(p, col) != NULL;
    }
    return n;
}

static void infer_column(Ctx *x, TableFacts *tf, const Table *t, int col)
{
    const Column *c = &t->columns.v[col];
    char name[256];
    size_t n = strlen(c->name);
    if (n >= sizeof name || c->is_array)
        return;
    for (size_t i = 0; i <= n; i++)
        name[i] = (char)tolower((unsigned char)c->name[i]);
    if (in_any_fk(t, col) || is_own_key(t, col) || name_matches(name, &x->cfg->external_id_columns) ||
        polymorphic(t, c->name))
        return;
    const char *note = NULL;
    if (tf->partitions.n) {
        int have = partitions_with_fk(tf, c->name);
        if (have == tf->partitions.n)
            return; /* every partition enforces it */
        if (have)
            note = arena_printf(x->a, "%d of its %d partitions have one", have, tf->partitions.n);
    }

    /* Stem: "event_id" -> "event", "eventId" -> "event". */
    char stem[256] = "";
    if (ends_with(name, "_id") && n > 3)
        snprintf(stem, sizeof stem, "%.*s", (int)(n - 3), name);
    else if (n > 2 && ends_with(c->name, "Id"))
        snprintf(stem, sizeof stem, "%.*s", (int)(n - 2), name);

    if (strcmp(stem, "parent") == 0) {
        add_ref(x, tf, t, col, t, CONF_HIGH, "parent_id in", note);
        return;
    }
    if (stem[0]) {
        const Table *target = find_stem(x, t->schema, stem);
        if (target && target != t) {
            add_ref(x, tf, t, col, target, CONF_HIGH, "name matches table", note);
            return;
        }
        /* Drop leading words: original_ticket -> ticket. */
        for (const char *p = strchr(stem, '_'); p; p = strchr(p + 1, '_')) {
            target = find_stem(x, t->schema, p + 1);
            if (target) {
                add_ref(x, tf, t, col, target, CONF_MEDIUM, "last words of the name match table", note);
                return;
            }
        }
    }
    bool by = ends_with(name, "_by") && n > 3;
    if (by || name_matches(name, &x->cfg->user_role_columns)) {
        for (int i = 0; i < x->cfg->user_tables.n; i++) {
            const Table *u = lookup(x, t->schema, x->cfg->user_tables.v[i]);
            if (u) {
                add_ref(x, tf, t, col, u, CONF_MEDIUM, by ? "*_by column names a user in" : "user role column refers to", note);
                return;
            }
        }
    }
}

static bool is_financial(const Ctx *x, const char *table)
{
    /* Word by word ("refund requests", "payment_items"), so "catalog" is
     * not taken for a log. */
    char word[256];
    const char *p = table;
    while (*p) {
        size_t k = 0;
        while (*p && isalnum((unsigned char)*p) && k + 1 < sizeof word)
            word[k++] = (char)tolower((unsigned char)*p++);
        word[k] = '\0';
        while (*p && !isalnum((unsigned char)*p))
            p++;
        if (k && name_matches(word, &x->cfg->financial_words))
            return true;
    }
    return false;
}

/* "schema.name" in the arena, without printf (called for every index and
 * constraint of the model). */
static const char *qualify(Arena *a, const char *schema, const char *name)
{
    size_t ls = strlen(schema), ln = strlen(name);
    char *p = arena_alloc(a, ls + ln + 2);
    memcpy(p, schema, ls);
    p[ls] = '.';
    memcpy(p + ls + 1, name, ln + 1);
    return p;
}

void facts_build(Facts *f, const Schema *s, const AuditConfig *cfg, Arena *a)
{
    const char *has_tenant = arena_printf(a, "it has %s", cfg->tenant_column);
    Ctx x = {s, cfg, a, {0}};
    strmap_init(&x.by_name, a);
    strmap_reserve(&x.by_name, (size_t)s->tables.n);
    for (int i = 0; i < s->tables.n; i++) {
        const Table *t = s->tables.v[i];
        void *prev = strmap_get(&x.by_name, t->name);
        strmap_put(&x.by_name, t->name, prev ? AMBIGUOUS : (void *)t);
    }

    f->t = arena_alloc(a, sizeof(TableFacts) * (size_t)(s->tables.n + 1));
    strmap_init(&f->names, a);
    size_t nnames = 0;
    for (int i = 0; i < s->tables.n; i++)
        nnames += 1 + (size_t)s->tables.v[i]->indexes.n + (size_t)s->tables.v[i]->constraints.n;
    strmap_reserve(&f->names, nnames);
    for (int i = 0; i < s->tables.n; i++) {
        const Table *t = s->tables.v[i];
        strmap_put(&f->names, t->qname, (void *)t);
        for (int k = 0; k < t->indexes.n; k++)
            strmap_put(&f->names, qualify(a, t->schema, t->indexes.v[k].name), (void *)t);
        for (int k = 0; k < t->constraints.n; k++)
            strmap_put(&f->names, qualify(a, t->schema, t->constraints.v[k].name), (void *)t);
    }
    for (int i = 0; i < s->tables.n; i++) {
        const Table *t = s->tables.v[i];
        const Table *p = t->is_partition && t->parent ? schema_table_q(s, t->parent) : NULL;
        if (p)
            vec_push(a, &f->t[p->id].partitions, t);
    }
    for (int i = 0; i < s->tables.n; i++) {
        const Table *t = s->tables.v[i];
        TableFacts *tf = &f->t[i];
        tf->tenant_col = table_column_index(t, cfg->tenant_column);
        tf->soft_delete_col = -1;
        for (int k = 0; k < t->columns.n && tf->soft_delete_col < 0; k++)
            if (name_matches(t->columns.v[k].name, &cfg->soft_delete_columns))
                tf->soft_delete_col = k;
        tf->is_tenants_table = name_matches(t->name, &cfg->tenant_tables);
        tf->financial = is_financial(&x, t->name);
        if (rule_audited_table(t))
            for (int k = 0; k < t->columns.n; k++)
                infer_column(&x, tf, t, k);
        if (tf->tenant_col >= 0 && !tf->is_tenants_table) {
            tf->tenant_scoped = true;
            tf->scope_reason = has_tenant;
        }
    }

    /* A direct reference to the tenants table under another name makes that
     * column the tenant column. */
    for (int i = 0; i < s->tables.n; i++) {
        const Table *t = s->tables.v[i];
        TableFacts *tf = &f->t[i];
        if (tf->tenant_col >= 0 || tf->is_tenants_table)
            continue;
        for (int k = 0; k < t->constraints.n; k++) {
            const Constraint *c = &t->constraints.v[k];
            const Table *p = constraint_ref(s, c);
            if (p && f->t[p->id].is_tenants_table && c->ncols == 1 && c->cols[0] >= 0) {
                tf->tenant_col = c->cols[0];
                tf->tenant_scoped = true;
                tf->scope_reason = arena_printf(a, "%s references %s.%s", t->columns.v[c->cols[0]].name,
                                                p->schema, p->name);
                break;
            }
        }
    }

    /* Fixpoint: children of tenant-scoped tables are tenant-scoped. */
    for (bool changed = true; changed;) {
        changed = false;
        for (int i = 0; i < s->tables.n; i++) {
            const Table *t = s->tables.v[i];
            TableFacts *tf = &f->t[i];
            if (tf->tenant_scoped || tf->is_tenants_table || !rule_audited_table(t))
                continue;
            for (int k = 0; k < t->constraints.n && !tf->tenant_scoped; k++) {
                const Constraint *c = &t->constraints.v[k];
                const Table *p = constraint_ref(s, c);
                if (!p || p == t || !(f->t[p->id].tenant_scoped || f->t[p->id].is_tenants_table))
                    continue;
                tf->tenant_scoped = true;
                tf->scope_parent = p;
                tf->scope_fk = c;
                tf->scope_reason = arena_printf(a, "its foreign key %s references %s.%s, which is tenant-scoped",
                                                c->name, p->schema, p->name);
                changed = true;
            }
            for (int k = 0; k < tf->inferred.n && !tf->tenant_scoped; k++) {
                const InferredRef *r = &tf->inferred.v[k];
                const Table *p = r->target;
                if (r->confidence != CONF_HIGH || p == t ||
                    !(f->t[p->id].tenant_scoped || f->t[p->id].is_tenants_table))
                    continue;
                tf->tenant_scoped = true;
                tf->scope_parent = p;
                tf->scope_ref = r;
                tf->scope_reason = arena_printf(a, "its column %s refers to %s.%s, which is tenant-scoped",
                                                t->columns.v[r->col].name, p->schema, p->name);
                changed = true;
            }
        }
    }
}
