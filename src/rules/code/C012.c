/* C012 soft-delete-filter-missing: a read of a table with a soft-delete
 * column (deleted_at, archived_at... per the migrations) that never
 * mentions the column.  Deleted rows come back: a cancelled event is
 * listed, a deleted user logs in (guide 2.5, soft-delete traps).  A
 * condition on the column in any form (whereNull, whereNotNull for an
 * archive view, where({ deleted_at: null })) is taken as deliberate. */
#include "rules/code/common.h"

void rule_C012(RuleCtx *c)
{
    CodeIter it = code_iter(c);
    while (code_next(&it)) {
        const CodeUnit *u = it.u;
        for (int i = 0; i < u->queries.n; i++) {
            const CodeQuery *q = &u->queries.v[i];
            if (!qop_reads(q->op))
                continue;
            const Table *t = code_table(c, q->table);
            if (!t)
                continue;
            int col = facts_of(c, t)->soft_delete_col;
            if (col < 0)
                continue;
            const char *name = t->columns.v[col].name;
            if (code_cond_on(q, name))
                continue;
            Finding *f = code_finding(c, u, q->at, arena_printf(c->a, "%s:%s", q->table, name),
                                      "%s reads %s without a condition on %s: soft-deleted rows are returned as if "
                                      "they were live",
                                      code_query_text(c, q), d_table(c, t), name);
            rule_fix(c, f, "await %s('%s').whereNull('%s')/* ... */", q->executor, q->table, name);
        }
    }
}
