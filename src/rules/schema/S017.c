/* S017 rls-not-forced: RLS is enabled with policies, but not forced, so the
 * table's owner is exempt.  Services often connect as the role that ran the
 * migrations, which owns the tables: for them the policies do nothing.
 * Tables without policies are S016's. */
#include "rules/rls.h"

void rule_S017(RuleCtx *c)
{
    for (int i = 0; i < c->s->tables.n; i++) {
        const Table *t = c->s->tables.v[i];
        if (!rule_audited_table(t) || !t->rls_enabled || t->rls_forced || t->policies.n == 0)
            continue;
        Finding *f = rule_at_table(c, t, "rls-force",
                                   "row level security on %s is not forced: its owner%s%s bypasses every policy%s",
                                   d_table(c, t), t->owner ? " " : "", t->owner ? d_ident(c, t->owner) : "",
                                   t->owner_bypasses_rls ? " (and, being a superuser or BYPASSRLS role, would "
                                                           "bypass them even if forced)"
                                                         : "");
        rule_fix(c, f, "ALTER TABLE %s FORCE ROW LEVEL SECURITY;%s", q_table(c, t),
                 t->owner_bypasses_rls ? "\n-- and let the services connect as a role without SUPERUSER or BYPASSRLS"
                                       : "");
    }
}
