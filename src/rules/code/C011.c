/* C011 missing-tenant-filter: a select, update or delete on a tenant-
 * scoped table (the migrations give it the tenant column) with no
 * condition on that column.  One request can then read or change another
 * tenant's rows (guide 1.7, 2.6): a lookup by id alone is enough, ids leak.
 *
 * Silent when the function sets the tenant for its transaction
 * (set_config('app.current_tenant_id', ?, true) or SET LOCAL) and the
 * table has row level security: then the policy filters.  For a table no
 * migration creates, the code's own convention decides: when most of the
 * project's queries on it (four in five, two at least) filter the tenant column, the
 * others should too; the finding says so. */
#include "rules/code/common.h"

void rule_C011(RuleCtx *c)
{
    QueryIter it = code_queries(c);
    while (code_next_query(&it)) {
        const CodeUnit *u = it.u;
        const CodeQuery *q = it.q;
        const char *tenant = c->cfg->tenant_column;
        if (!(qop_reads(q->op) || q->op == QOP_UPDATE || q->op == QOP_DELETE || q->op == QOP_INCREMENT))
            continue;
        const Table *t = code_table(c, q);
        const char *why = "", *shown;
        if (t) {const TableFacts *tf = facts_of(c, t);
            if (tf->tenant_col < 0 || tf->is_tenants_table)
                continue;
            tenant = t->columns.v[tf->tenant_col].name; /* the table's own: org_id, tenant_id... */
            if (code_cond_on(q, tenant))
                continue;
            if (u->sets_tenant_local && t->rls_enabled)
                continue;
            shown = d_table(c, t);
        } else if (q->table) {
            /* no migration creates it: the code's own convention */
            static const char *one_name;
            static StrList one;
            one_name = tenant;
            one = (StrList){&one_name, 1}; /* stable address: code_usage() keys its counts by it */
            CodeUsage use = code_usage(c, q->table, &one);
            if (use.filtered < 2 || use.filtered * 5 < use.queries * 4 || code_cond_on(q, tenant) ||
                u->sets_tenant_local)
                continue;
            shown = q->table;
            why = arena_printf(c->a, " (no migration creates %s; %d of the %d queries on it filter %s)",
                               q->table, use.filtered, use.queries, tenant);
        } else {
            continue;
        }
        const char *verb = qop_reads(q->op) ? "reads" : q->op == QOP_DELETE ? "deletes" : "updates";
        Finding *f = code_finding(c, u, q->at, arena_printf(c->a, "%s:%s", q->table, verb),
                                  "%s %s %s, a tenant-scoped table, with no %s condition: one tenant's request "
                                  "can %s another tenant's rows%s%s",
                                  code_query_text(c, q), verb, shown, tenant,
                                  qop_reads(q->op) ? "read" : "change",
                                  t && t->rls_enabled ? " (row level security is on, but this function does not "
                                                        "set the tenant for its transaction)"
                                                      : "",
                                  why);
        rule_fix(c, f, "await %s('%s').where({ %s: tenantId, /* ... */ })",
                 q->executor, q->table, tenant);
    }
}
