/* S015 rls-disabled: a tenant-scoped table without row level security.
 * The guide's query 5 lists every table of "public" without RLS; this rule
 * looks only at tables that hold tenant data (see facts.c), in every
 * schema.  The fix creates the tenant policy before enabling RLS, so there
 * is no moment where the application sees no rows, and forces RLS so the
 * owner role is bound too.  When policies exist already, S018 judges them. */
#include "rules/rls.h"
#include "sql/sql.h"

void rule_S015(RuleCtx *c)
{
    for (int i = 0; i < c->s->tables.n; i++) {
        const Table *t = c->s->tables.v[i];
        const TableFacts *tf = facts_of(c, t);
        if (!rule_audited_table(t) || !tf->tenant_scoped || t->rls_enabled)
            continue;
        Finding *f = rule_at_table(c, t, "rls", "row level security is disabled on tenant-scoped table %s (%s)%s",
                                   d_table(c, t), tf->scope_reason,
                                   t->policies.n ? arena_printf(c->a, "; its %d polic%s ignored", t->policies.n,
                                                                t->policies.n == 1 ? "y is" : "ies are")
                                                 : "");
        bool has_policies = t->policies.n > 0 || !(c->s->have & SCHEMA_HAS_POLICIES);
        const char *policy = has_policies ? NULL : rls_create_policy(c, t);
        if (has_policies || policy)
            rule_fix(c, f, "%s%sALTER TABLE %s ENABLE ROW LEVEL SECURITY;\nALTER TABLE %s FORCE ROW LEVEL SECURITY;",
                     policy ? policy : "", policy ? "\n" : "", q_table(c, t), q_table(c, t));
        else /* enabling RLS without a policy would hide every row */
            rule_fix(c, f,
                     "-- no tenant policy can be written for %s yet: give it a %s column first (S013),\n"
                     "-- then create a policy comparing it with current_setting(%s, true) and enable RLS",
                     d_table(c, t), c->cfg->tenant_column, sql_literal(c->a, c->cfg->tenant_setting));
    }
}
