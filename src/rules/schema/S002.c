/* S002 unindexed-foreign-key: the columns of a foreign key are not the
 * leading columns of a valid, non-partial btree index.  The leading columns
 * must be the key's columns in any order (an index on (a, b) serves a key on
 * (b, a)); a longer index, the primary key or a unique index that starts
 * with them covers the key too.  The guide's query 2 matched column names
 * with LIKE inside the index definition, so "id" was "covered" by any index
 * mentioning "paid_at"; this rule compares column positions.
 *
 * A single-column key on the tenant column of a tenant-scoped table is left
 * to S014, which asks for the same index. */
#include "rules/rule.h"

static bool covers(const Index *x, const Constraint *k)
{
    if (!x->valid || x->predicate || x->nkeys < k->ncols || strcmp(x->method, "btree") != 0)
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
        if (covers(&x, k))
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
                covered = covers(&t->indexes.v[x], fk);
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
