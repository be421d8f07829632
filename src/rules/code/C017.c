/* C017 unawaited-query: a query nobody waits for.  A bare statement with
 * no await (or void) never runs: a Knex builder executes only when awaited
 * or .then() is called.  A query awaited inside forEach(async ...) runs,
 * but forEach does not wait for its callbacks: its error is lost (an
 * unhandled rejection) and it may run after the response was sent or the
 * transaction committed, in no defined order.  A .catch() on the query
 * starts it deliberately and is left alone. */
#include "rules/code/common.h"

void rule_C017(RuleCtx *c)
{
    QueryIter it = code_queries(c);
    while (code_next_query(&it)) {
        const CodeUnit *u = it.u;
        const CodeQuery *q = it.q;
        if (!q->discarded || q->caught)
            continue;
        bool in_foreach = q->loop >= 0 && u->loops.v[q->loop].async_foreach;
        Finding *f = code_finding(
            c, u, q->at, arena_printf(c->a, "%s:unawaited", q->table ? q->table : "?"),
            in_foreach ? "%s is awaited inside forEach(async ...), which does not wait for its callbacks: the "
                         "queries run in no defined order, possibly after the caller moved on, and their errors "
                         "are lost"
                       : "%s is built and never awaited: a Knex query runs only when it is awaited or .then() "
                         "is called, so this one never runs at all",
            code_query_text(c, q));
        rule_fix(c, f, in_foreach ? "for (const item of items) {\n  await %s('%s')/* ... */;\n}\n"
                                    "// or, concurrently: await Promise.all(items.map((item) => %s('%s')/* ... */));"
                                  : "await %s('%s')/* ... */;%s%s",
                 q->executor, q->table ? q->table : "table", in_foreach ? q->executor : "",
                 in_foreach ? (q->table ? q->table : "table") : "");
    }
}
