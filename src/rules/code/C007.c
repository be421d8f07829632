/* C007 swallowed-error-in-transaction: inside a transaction, a try/catch
 * around writes whose catch neither rethrows nor rolls back.  The callback
 * then returns normally and the caller believes it worked: when a statement
 * failed, PostgreSQL has aborted the transaction and Knex's COMMIT silently
 * rolls it all back; when the code threw between writes, the writes that
 * did succeed are committed without the rest. */
#include "rules/code/common.h"

void rule_C007(RuleCtx *c)
{
    CodeIter it = code_iter(c);
    while (code_next(&it)) {
        const CodeUnit *u = it.u;
        for (int i = 0; i < u->tries.n; i++) {
            const CodeTry *t = &u->tries.v[i];
            if (t->txn < 0 || !t->has_catch || t->rethrows || !t->has_write)
                continue;
            const CodeTxn *x = &u->txns.v[t->txn];
            if (x->kind == TXN_PARAM)
                continue; /* the caller's transaction: the caller may look at what it returns */
            Finding *f = code_finding(c, u, t->catch_at, "swallow",
                                      "this catch handles a failed write inside %s and neither rethrows nor rolls "
                                      "back, so the caller is told it succeeded: after a failed statement PostgreSQL "
                                      "has aborted the transaction and Knex's COMMIT silently rolls everything back; "
                                      "after an error thrown between writes, the writes that succeeded commit "
                                      "without the rest",
                                      code_txn_text(c, u, t->txn));
            rule_fix(c, f, "} catch (err) {\n"
                           "  logger.error({ err }, 'write failed');\n"
                           "  throw err; // Knex rolls the whole transaction back\n"
                           "}");
        }
    }
}
