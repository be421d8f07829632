/* C012 soft-delete-filter-missing: a read of a table with a soft-delete
 * column (deleted_at, archived_at... per the migrations) that never
 * mentions the column.  Deleted rows come back: a cancelled event is
 * listed, a deleted user logs in (guide 2.5, soft-delete traps).  A
 * condition on the column in any form (whereNull, whereNotNull for an
 * archive view, where({ deleted_at: null })) is taken as deliberate.
 * For a table no migration creates, the code's own convention decides:
 * when most of the project's queries on it (two at least) filter a
 * soft-delete column (four in five, two at least), the others should too;
 * the finding says so.  A function that also updates or deletes the table
 * is left alone: it works on every row, deleted ones included (a purge, a
 * re-encryption). */
#include <string.h>

#include "rules/code/common.h"

/* A function that also updates or deletes the table works on all its rows,
 * deleted ones included (a purge, a re-encryption, a migration of data). */
static bool maintains(const CodeUnit *u, const char *table)
{
    for (int i = 0; i < u->queries.n && table; i++) {
        const CodeQuery *w = &u->queries.v[i];
        if ((w->op == QOP_UPDATE || w->op == QOP_DELETE) && w->table && strcmp(w->table, table) == 0)
            return true;
    }
    return false;
}

void rule_C012(RuleCtx *c)
{
    QueryIter it = code_queries(c);
    while (code_next_query(&it)) {
        const CodeUnit *u = it.u;
        const CodeQuery *q = it.q;
        if (!qop_reads(q->op))
            continue;
        if (maintains(u, q->table))
            continue;
        const Table *t = code_table(c, q);
        const char *name = NULL, *why = "";
        if (t) {
            int col = facts_of(c, t)->soft_delete_col;
            if (col < 0)
                continue;
            name = t->columns.v[col].name;
        } else if (q->table) {
            /* no migration creates it: the code's own convention */
            CodeUsage use = code_usage(c, q->table, &c->cfg->soft_delete_columns);
            if (use.filtered < 2 || use.filtered * 5 < use.queries * 4)
                continue;
            name = use.column;
            why = arena_printf(c->a, " (no migration creates %s; %d of the %d queries on it filter %s)",
                               q->table, use.filtered, use.queries, name);
        } else {
            continue;
        }
        if (code_cond_on(q, name))
            continue;
        Finding *f = code_finding(c, u, q->at, arena_printf(c->a, "%s:%s", q->table, name),
                                  "%s reads %s without a condition on %s: soft-deleted rows are returned as if "
                                  "they were live%s",
                                  code_query_text(c, q), t ? d_table(c, t) : q->table, name, why);
        bool flag = false; /* deleted boolean, is_deleted: a flag, not a timestamp */
        for (int k = 0; t && k < t->columns.n; k++)
            if (strcmp(t->columns.v[k].name, name) == 0)
                flag = strstr(t->columns.v[k].type, "bool") != NULL;
        if (flag)
            rule_fix(c, f, "await %s('%s').where('%s', false)/* ... */", q->executor, q->table, name);
        else
            rule_fix(c, f, "await %s('%s').whereNull('%s')/* ... */", q->executor, q->table, name);
    }
}
