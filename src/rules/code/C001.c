/* C001 n-plus-one: a read awaited inside a loop whose condition reads the
 * loop's variable (or a value declared in its body): one round trip per
 * item where one whereIn or join would do.
 *
 * Silent for loops that stop at the first match (return or break in the
 * body; find/some/every callbacks) and for loops whose only query is one
 * batch write after the loop (no query inside at all). */
#include "rules/code/common.h"

void rule_C001(RuleCtx *c)
{
    QueryIter it = code_queries(c);
    while (code_next_query(&it)) {
        const CodeUnit *u = it.u;
        const CodeQuery *q = it.q;
        if (q->loop < 0 || !qop_reads(q->op) || (!q->awaited && !q->discarded))
            continue;
        const CodeLoop *l = &u->loops.v[q->loop];
        if (code_batch_loop(l))
            continue; /* a loop over chunks reads in batches */
        const CodeCond *hit = NULL;
        for (int k = 0; k < q->conds.n && !hit; k++)
            if (q->conds.v[k].column && code_loop_declares(u, q->loop, q->conds.v[k].idents))
                hit = &q->conds.v[k];
        if (!hit)
            continue;
        Finding *f = code_finding(
            c, u, q->at, arena_printf(c->a, "%s:%s", q->table ? q->table : "?", hit->column),
            "%s runs once per item of the loop at line %d (where %s = %s): N+1 queries, one round trip each",
            code_query_text(c, q), l->at.line, hit->column, hit->value ? hit->value : "?");
        rule_fix(c, f,
                 "// one query for the whole list, then look rows up in memory:\n"
                 "const rows = await %s('%s').whereIn('%s', items.map((item) => /* the %s of each item */));\n"
                 "const byKey = new Map(rows.map((row) => [row.%s, row]));",
                 q->executor, q->table ? q->table : "table", hit->column, hit->column, hit->column);
    }
}
