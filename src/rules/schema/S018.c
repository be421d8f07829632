/* S018 policy-not-tenant-scoped: on a tenant-scoped table, a permissive
 * policy whose USING (rows it lets a role see) or WITH CHECK (rows it lets
 * a role write) is not bound to the current tenant, see rls.c.  Permissive
 * policies are OR-ed, so one such policy opens the table.  A restrictive
 * policy (AS RESTRICTIVE) that is tenant-bound for all commands and all
 * roles (TO public) closes it again, and then nothing is reported.  Policies that cannot be parsed are
 * reported as such rather than guessed. */
#include "rules/rls.h"

static const char *cmd_name(PolicyCmd c)
{
    switch (c) {
    case POL_SELECT: return "SELECT";
    case POL_INSERT: return "INSERT";
    case POL_UPDATE: return "UPDATE";
    case POL_DELETE: return "DELETE";
    default: return "ALL";
    }
}

/* 1 bound, 0 not bound, -1 unreadable. */
static int bound(const SqlExpr *e, bool unparsed, const char *tenant)
{
    if (unparsed)
        return -1;
    return rls_tenant_bound(e, tenant) ? 1 : 0;
}

void rule_S018(RuleCtx *c)
{
    for (int i = 0; i < c->s->tables.n; i++) {
        const Table *t = c->s->tables.v[i];
        const TableFacts *tf = facts_of(c, t);
        if (!rule_audited_table(t) || !tf->tenant_scoped || t->policies.n == 0)
            continue;
        /* A column name to look for: the tenant column, or (scoped through a
         * parent) none, and then only EXISTS-style policies pass. */
        const char *tenant = tf->tenant_col >= 0 ? t->columns.v[tf->tenant_col].name : "\x01";
        bool closed = false;
        for (int k = 0; k < t->policies.n && !closed; k++) {
            const Policy *p = &t->policies.v[k];
            closed = !p->permissive && p->cmd == POL_ALL && strcmp(p->roles, "public") == 0 && p->using_expr &&
                     bound(p->using_tree, p->using_unparsed, tenant) == 1 &&
                     (!p->check_expr || bound(p->check_tree, p->check_unparsed, tenant) == 1);
        }
        if (closed)
            continue;
        const char *expected = rls_tenant_expr(c, t);
        for (int k = 0; k < t->policies.n; k++) {
            const Policy *p = &t->policies.v[k];
            if (!p->permissive)
                continue;
            /* USING applies to SELECT, UPDATE, DELETE; WITH CHECK (or USING
             * when absent) to INSERT and UPDATE. */
            bool reads = p->cmd != POL_INSERT, writes = p->cmd != POL_SELECT && p->cmd != POL_DELETE;
            bool own_check = p->check_expr != NULL;
            const char *use = reads ? p->using_expr : NULL;
            const char *chk = !writes ? NULL : own_check ? p->check_expr : p->using_expr;
            int ub = use ? bound(p->using_tree, p->using_unparsed, tenant) : 1;
            /* An INSERT policy without WITH CHECK admits no row at all. */
            int cb = !writes ? 1
                     : own_check ? bound(p->check_tree, p->check_unparsed, tenant)
                     : chk       ? bound(p->using_tree, p->using_unparsed, tenant)
                                 : 1;
            if (ub == 1 && cb == 1)
                continue;
            const char *what;
            if (ub < 0 || cb < 0)
                what = "could not be parsed, so its tenant scope is unknown";
            else if (ub == 0)
                what = arena_printf(c->a, "lets rows of every tenant through: USING (%s)", use);
            else
                what = arena_printf(c->a, "lets rows of any tenant be written: WITH CHECK (%s)", chk);
            Finding *f = rule_at_table(c, t, arena_printf(c->a, "policy:%s", p->name),
                                       "policy %s on %s (FOR %s TO %s) %s", d_ident(c, p->name), d_table(c, t),
                                       cmd_name(p->cmd), p->roles, what);
            if (!expected)
                continue;
            if (p->cmd == POL_INSERT)
                rule_fix(c, f, "ALTER POLICY %s ON %s WITH CHECK (%s);", q_ident(c, p->name), q_table(c, t), expected);
            else if (p->cmd == POL_SELECT || p->cmd == POL_DELETE)
                rule_fix(c, f, "ALTER POLICY %s ON %s USING (%s);", q_ident(c, p->name), q_table(c, t), expected);
            else
                rule_fix(c, f, "ALTER POLICY %s ON %s USING (%s) WITH CHECK (%s);", q_ident(c, p->name),
                         q_table(c, t), expected, expected);
        }
    }
}
