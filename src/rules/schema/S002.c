/* S002 unindexed-foreign-key: the columns of a foreign key are not the
 * leading columns of a valid, non-partial btree index.  The leading columns
 * must be the key's columns in any order (an index on (a, b) serves a key on
 * (b, a)); a longer index, the primary key or a unique index that starts
 * with them covers the key too.  The guide's query 2 matched column names
 * with LIKE inside the index definition, so "id" was "covered" by any index
 * mentioning "paid_at"; this rule compares column positions.
 *
 * A partial index whose WHERE clause only asks the key's columns to be NOT
 * NULL serves the key too: every lookup PostgreSQL makes for it compares
 * them with a value, which implies they are not NULL.
 *
 * A single-column key on the tenant column of a tenant-scoped table is left
 * to S014, which asks for the same index. */
#include "rules/rule.h"
#include "sql/sql.h"

static bool is_key_col(const Table *t, const Constraint *k, const char *name)
{
    for (int i = 0; i < k->ncols; i++)
        if (k->cols[i] >= 0 && strcmp(t->columns.v[k->cols[i]].name, name) == 0)
            return true;
    return false;
}

/* WHERE a IS NOT NULL [AND b IS NOT NULL ...], on key columns only. */
static bool not_null_of_key(const Table *t, const Constraint *k, const SqlExpr *e)
{
    e = sql_expr_strip_casts(e);
    if (e->kind == SX_AND) {
        for (int i = 0; i < e->nargs; i++)
            if (!not_null_of_key(t, k, e->args[i]))
                return false;
        return e->nargs > 0;
    }
    if (e->kind != SX_NULLTEST || strcmp(e->name, "IS NOT NULL") != 0 || e->nargs != 1)
        return false;
    const SqlExpr *col = sql_expr_strip_casts(e->args[0]);
    return col->kind == SX_COLUMN && is_key_col(t, k, col->name);
}

static bool harmless_predicate(const Table *t, const Constraint *k, const Index *x)
{
    if (!x->predicate)
        return true;
    Arena a;
    arena_init(&a);
    const char *err;
    SqlExpr *e = sql_expr_parse(&a, x->predicate, &err);
    bool ok = e && not_null_of_key(t, k, e);
    arena_fini(&a);
    return ok;
}

static bool covers(const Table *t, const Index *x, const Constraint *k)
{
    if (!x->valid || !harmless_predicate(t, k, x) || x->nkeys < k->ncols || strcmp(x->method, "btree") != 0)
        return false;
    for (int i = 0; i < k->ncols; i++) {
        bool found = false;
        for (int j = 0; j < k->ncols && !found; j++)
            found = x->cols[j] >= 0 && x->cols[j] == k->cols[i];
        if (!found)
            return false;
    }
    return true;
}

/* An index that would cover the key if it were valid and not partial. */
static const Index *near_miss(const Table *t, const Constraint *k)
{
    for (int i = 0; i < t->indexes.n; i++) {
        Index x = t->indexes.v[i];
        x.valid = true;
        x.predicate = NULL;
        if (covers(t, &x, k))
            return &t->indexes.v[i];
    }
    return NULL;
}

void rule_S002(RuleCtx *c)
{
    for (int i = 0; i < c->s->tables.n; i++) {
        const Table *t = c->s->tables.v[i];
                const TableFacts *tf = facts_of(c, t);
        for (int k = 0; k < t->constraints.n; k++) {
            const Constraint *fk = &t->constraints.v[k];
            if (!rule_audited_constraint(t, fk))
                continue;
            if (fk->kind != CON_FOREIGN || fk->ncols == 0)
                continue;
            if (tf->tenant_scoped && fk->ncols == 1 && fk->cols[0] == tf->tenant_col)
                continue; /* S014 */
            bool covered = false;
            for (int x = 0; x < t->indexes.n && !covered; x++)
                covered = covers(t, &t->indexes.v[x], fk);
            if (covered)
                continue;
            const Index *nm = near_miss(t, fk);
            const char *cols = cols_text(c, t, fk->cols, fk->ncols);
            Finding *f = rule_at_origin(
                c, t, &fk->origin, fk->cols[0], fk->name,
                "foreign key %s (%s) -> %s (ON DELETE %s) has no index leading with (%s)%s%s%s",
                d_ident(c, fk->name), cols, d_qname(c, fk->ref_schema, fk->ref_table), fk_action_sql(fk->on_delete), cols,
                nm ? "; index " : "", nm ? d_ident(c, nm->name) : "",
                nm ? (nm->predicate ? " covers it only for rows matching its WHERE clause" : " is not valid") : "");
            rule_fix(c, f, "%sCREATE INDEX %s%s ON %s %s;", partition_lock_note(t), concurrently(t),
                     q_ident(c, new_name(c, t, fk->cols, fk->ncols, "idx")), q_table(c, t),
                     q_cols(c, t, fk->cols, fk->ncols));
        }
    }
}
