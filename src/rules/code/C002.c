/* C002 write-in-loop: an insert, update, delete or upsert awaited once per
 * item of a loop.  N round trips and N statements where one batch write
 * (insert of an array, update ... from (values ...), whereIn) does it.
 *
 * Only writes that depend on the iteration (their values or conditions
 * read a variable of the loop) count.  Loops that write in batches are
 * left alone: loops that stop early (a batch loop deletes LIMIT rows until
 * none is left, then breaks) and loops over chunks, batches or pages (the
 * name of their variable). */
#define _GNU_SOURCE /* strcasestr */
#include <string.h>
#include <strings.h>

#include "rules/code/common.h"

void rule_C002(RuleCtx *c)
{
    QueryIter it = code_queries(c);
    while (code_next_query(&it)) {
        const CodeUnit *u = it.u;
        const CodeQuery *q = it.q;
        if (q->loop < 0 || !qop_writes(q->op) || code_batch_loop(&u->loops.v[q->loop]))
            continue;
        /* per item: what it writes or where depends on the iteration */
        bool per_item = code_loop_declares(u, q->loop, q->set_idents);
        for (int k = 0; k < q->conds.n && !per_item; k++)
            per_item = code_loop_declares(u, q->loop, q->conds.v[k].idents);
        if (!per_item)
            continue;
        /* a transaction opened per item: the item is the unit of work */
        const CodeLoop *l = &u->loops.v[q->loop];
        if (q->txn >= 0 && u->txns.v[q->txn].start > l->start && u->txns.v[q->txn].start < l->end)
            continue;
        const char *verb = q->op == QOP_INSERT ? "insert" : q->op == QOP_UPSERT ? "upsert"
                           : q->op == QOP_DELETE ? "delete" : "update";
        Finding *f = code_finding(c, u, q->at, arena_printf(c->a, "%s:%s", q->table ? q->table : "?", verb),
                                  "%s: one %s per item of the loop at line %d, one statement and round trip each",
                                  code_query_text(c, q), verb, u->loops.v[q->loop].at.line);
        if (q->op == QOP_INSERT || q->op == QOP_UPSERT)
            rule_fix(c, f,
                     "// build the rows in the loop, write them once after it:\n"
                     "const rows = items.map((item) => ({ /* columns */ }));\n"
                     "await %s('%s').insert(rows);", q->executor, q->table ? q->table : "table");
        else
            rule_fix(c, f,
                     "// one statement for the whole set:\n"
                     "await %s('%s').whereIn('id', items.map((item) => item.id))%s;", q->executor,
                     q->table ? q->table : "table", q->op == QOP_DELETE ? ".del()" : ".update({ /* same values */ })");
    }
}
