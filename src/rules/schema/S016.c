/* S016 rls-without-policy: row level security is enabled and the table has
 * no policy, so ordinary roles see no rows and cannot write any, while the
 * owner (and BYPASSRLS roles) see everything: almost always a policy that
 * a migration forgot, or dropped. */
#include "rules/rls.h"

void rule_S016(RuleCtx *c)
{
    for (int i = 0; i < c->s->tables.n; i++) {
        const Table *t = c->s->tables.v[i];
        if (!rule_audited_table(t) || !t->rls_enabled || t->policies.n > 0)
            continue;
        Finding *f = rule_at_table(c, t, "rls-policy",
                                   "row level security is enabled on %s but it has no policy: %s",
                                   d_table(c, t),
                                   t->rls_forced ? "RLS is forced, so every role except superusers and BYPASSRLS "
                                                   "roles, the owner included, sees no rows"
                                                 : "every role except the owner sees no rows, and the owner "
                                                   "sees all");
        const char *policy = facts_of(c, t)->tenant_scoped ? rls_create_policy(c, t) : NULL;
        if (policy)
            rule_fix(c, f, "%s", policy);
    }
}
