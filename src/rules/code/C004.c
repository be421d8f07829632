/* C004 writes-outside-transaction: a function writes twice or more on a
 * plain connection, outside any transaction.  Each statement commits on
 * its own: a failure (or a crash) between them leaves the first applied
 * and the second not (guide 1.1, atomicity).
 *
 * Writes in different arms of an if, a switch or a catch are not counted
 * together (only one of them runs); one finding per function (and arm),
 * at the second write. */
#include "rules/code/common.h"

/* A write outside any transaction, and outside loops (a write per item is
 * C002's; loops that resume a backfill write one row at a time on
 * purpose). */
static bool plain_write(const CodeQuery *q)
{
    return qop_writes(q->op) && q->txn < 0 && !q->exec_trx && q->loop < 0;
}

void rule_C004(RuleCtx *c)
{
    CodeIter it = code_iter(c);
    while (code_next(&it)) {
        const CodeUnit *u = it.u;
        bool *done = arena_alloc(c->a, (size_t)u->queries.n + 1);
        for (int i = 0; i < u->queries.n; i++) {
            const CodeQuery *a = &u->queries.v[i];
            if (done[i] || !plain_write(a))
                continue;
            /* the writes that run together with a (same arms) */
            const CodeQuery *second = NULL;
            int n = 1;
            for (int j = i + 1; j < u->queries.n; j++) {
                const CodeQuery *b = &u->queries.v[j];
                if (done[j] || !plain_write(b) || b->branch != a->branch)
                    continue;
                done[j] = true;
                if (!second)
                    second = b;
                n++;
            }
            if (!second)
                continue;
            Finding *f = code_finding(
                c, u, second->at, arena_printf(c->a, "%s:%s", a->table ? a->table : "?", second->table ? second->table : "?"),
                "%s writes %d times outside a transaction (%s at line %d, then %s...), each committed on its own: a "
                "failure between them leaves the first writes without the rest",
                u->name, n, code_query_text(c, a), a->at.line, code_query_text(c, second));
            rule_fix(c, f,
                     "await %s.transaction(async (trx) => {\n"
                     "  await trx('%s')/* ...first write... */;\n"
                     "  await trx('%s')/* ...the others, on trx... */;\n"
                     "});",
                     a->executor, a->table ? a->table : "a", second->table ? second->table : "b");
        }
    }
}
