/* C004 writes-outside-transaction: a function writes twice or more on a
 * plain connection, outside any transaction.  Each statement commits on
 * its own: a failure (or a crash) between them leaves the first applied
 * and the second not (guide 1.1, atomicity).
 *
 * Writes in different arms of an if, a switch or a catch are not counted
 * together (only one of them runs); the finding is at the second write. */
#include "rules/code/common.h"

void rule_C004(RuleCtx *c)
{
    CodeIter it = code_iter(c);
    while (code_next(&it)) {
        const CodeUnit *u = it.u;
        bool *done = arena_alloc(c->a, (size_t)u->queries.n + 1);
        for (int i = 0; i < u->queries.n; i++) {
            const CodeQuery *a = &u->queries.v[i];
            if (!qop_writes(a->op) || a->txn >= 0 || a->exec_trx)
                continue;
            for (int j = i + 1; j < u->queries.n; j++) {
                const CodeQuery *b = &u->queries.v[j];
                if (done[j] || !qop_writes(b->op) || b->txn >= 0 || b->exec_trx || b->branch != a->branch)
                    continue;
                done[j] = true;
                Finding *f = code_finding(
                    c, u, b->at, arena_printf(c->a, "%s:%s", a->table ? a->table : "?", b->table ? b->table : "?"),
                    "%s writes after %s (line %d) in %s, each committed on its own: a failure between them leaves "
                    "the first write without the second",
                    code_query_text(c, b), code_query_text(c, a), a->at.line, u->name);
                rule_fix(c, f,
                         "await %s.transaction(async (trx) => {\n"
                         "  await trx('%s')/* ...first write... */;\n"
                         "  await trx('%s')/* ...second write... */;\n"
                         "});",
                         a->executor, a->table ? a->table : "a", b->table ? b->table : "b");
                break;
            }
        }
    }
}
