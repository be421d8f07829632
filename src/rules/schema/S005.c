/* S005 nullable-tenant-id: the tenant column of a tenant-scoped table
 * allows NULL. */
#include "rules/rule.h"

void rule_S005(RuleCtx *c)
{
    for (int i = 0; i < c->s->tables.n; i++) {
        const Table *t = c->s->tables.v[i];
        const TableFacts *tf = facts_of(c, t);
        if (!rule_audited_table(t) || !tf->tenant_scoped || tf->tenant_col < 0)
            continue;
        const Column *col = &t->columns.v[tf->tenant_col];
        if (col->not_null)
            continue;
        Finding *f = rule_at_column(c, t, tf->tenant_col, col->name, "%s allows NULL on tenant-scoped table %s",
                                    d_ident(c, col->name), d_table(c, t));
        fix_set_not_null(c, f, t, tf->tenant_col, "rows without a tenant must be assigned or removed first");
    }
}
