/* S009 unique-without-tenant: on a tenant-scoped table, a unique key (not
 * the primary key) that does not include the tenant column is global across
 * tenants.  Left alone: keys that include a column scoped to one tenant
 * already (a foreign key to a tenant-scoped table: unique (event_id, seat)
 * is per event, hence per tenant) and keys on generated values (identity,
 * serial, random uuid), unique by construction.  The fix keeps the old
 * index's WHERE clause, and on a soft-delete table adds the soft-delete
 * condition, so it also satisfies S011. */
#include "rules/rule.h"

void rule_S009(RuleCtx *c)
{
    for (int i = 0; i < c->s->tables.n; i++) {
        const Table *t = c->s->tables.v[i];
        const TableFacts *tf = facts_of(c, t);
        if (!rule_audited_table(t) || !tf->tenant_scoped || tf->tenant_col < 0)
            continue;
        const char *tenant = t->columns.v[tf->tenant_col].name;
        for (int k = 0; k < t->indexes.n; k++) {
            const Index *x = &t->indexes.v[k];
            if (!x->unique || x->primary || !x->valid || x->nkeys == 0 || index_has_key(x, tenant))
                continue;
            bool scoped = false, surrogate = true, unknown = false;
            for (int j = 0; j < x->nkeys; j++) {
                scoped = scoped || col_scopes_tenant(c, t, x->cols[j]);
                surrogate = surrogate && col_is_surrogate(t, x->cols[j]);
                unknown = unknown || !x->key_names[j];
            }
            if (scoped || surrogate || unknown)
                continue;
            const char *keys[33];
            int cols[33], n = 0;
            keys[n] = q_ident(c, tenant);
            cols[n++] = tf->tenant_col;
            for (int j = 0; j < x->nkeys && n < 33; j++) {
                keys[n] = index_key_sql(c, t, x, j);
                cols[n++] = x->cols[j];
            }
            const char *pred = unique_replacement_pred(c, t, x);
            Finding *f = rule_at_origin(c, t, &x->origin, index_focus_col(c, t, x), x->name,
                                        "unique %s %s on (%s) does not include %s: the value is unique across all "
                                        "tenants",
                                        x->backs_constraint ? "constraint" : "index", d_ident(c, x->name),
                                        index_keys_text(c, t, x), d_ident(c, tenant));
            fix_unique_index(c, f, t, cols, keys, n, pred, drop_unique(c, t, x));
        }
    }
}
