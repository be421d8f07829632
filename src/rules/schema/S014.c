/* S014 tenant-id-not-indexed: on a tenant-scoped table no valid,
 * non-partial index starts with the tenant column.  Every tenant-filtered
 * query, every RLS check and every delete of a tenant then scans the table.
 * A partial index does not count: it serves only queries that repeat its
 * WHERE clause (so S020 never calls the plain index redundant because of
 * one). */
#include "rules/rule.h"

void rule_S014(RuleCtx *c)
{
    for (int i = 0; i < c->s->tables.n; i++) {
        const Table *t = c->s->tables.v[i];
        const TableFacts *tf = facts_of(c, t);
        if (!rule_audited_table(t) || !tf->tenant_scoped || tf->tenant_col < 0)
            continue;
        const Index *partial = NULL;
        bool ok = false;
        for (int k = 0; k < t->indexes.n && !ok; k++) {
            const Index *x = &t->indexes.v[k];
            if (x->nkeys == 0 || x->cols[0] != tf->tenant_col || !x->valid || strcmp(x->method, "btree") != 0)
                continue;
            if (x->predicate)
                partial = x;
            else
                ok = true;
        }
        if (ok)
            continue;
        const char *col = t->columns.v[tf->tenant_col].name;
        const Constraint *fk = fk_on_column(t, tf->tenant_col);
        Finding *f = rule_at_column(c, t, tf->tenant_col, col, "%s does not lead any index of %s%s%s%s%s",
                                    d_ident(c, col), d_table(c, t),
                                    partial ? " (only the partial index " : "",
                                    partial ? d_ident(c, partial->name) : "", partial ? " does)" : "",
                                    fk ? arena_printf(c->a, "; its foreign key %s (ON DELETE %s) is unindexed too",
                                                      d_ident(c, fk->name), fk_action_sql(fk->on_delete))
                                       : "");
        int cols[1] = {tf->tenant_col};
        rule_fix(c, f, "%sCREATE INDEX %s%s ON %s (%s);", partition_lock_note(t), concurrently(t),
                 q_ident(c, new_name(c, t, cols, 1, "idx")), q_table(c, t), q_ident(c, col));
    }
}
