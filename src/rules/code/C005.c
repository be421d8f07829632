/* C005 outer-connection-in-transaction: inside a transaction callback
 * (knex.transaction(async (trx) => ...)), a query on another connection
 * (knex, db, this.db) instead of the transaction.  It runs on a second
 * pooled connection: outside the transaction's atomicity (it commits even
 * when the transaction rolls back), blind to its uncommitted rows, and a
 * lock the transaction holds makes it wait forever (the pool can
 * deadlock).  .transacting(trx) puts it back in.  A callback that never
 * uses its transaction at all is said so in the message.  So is a query on
 * the outer connection in a function handed the caller's transaction (a
 * required parameter typed Knex.Transaction): createOrder(data, trx) that
 * inserts with knex(...). */
#include "rules/code/common.h"

/* A required parameter typed Knex.Transaction that the function was
 * handed, when q runs on something else (and not on a variable computed
 * from it: const db = trx ?? knex). */
static const CodeTxn *ignored_param(const CodeUnit *u, const CodeQuery *q)
{
    if (q->txn >= 0 || q->exec_trx)
        return NULL;
    for (int i = 0; i < u->txns.n; i++) {
        const CodeTxn *t = &u->txns.v[i];
        if (t->kind != TXN_PARAM || !t->required)
            continue;
        const char *root[] = {q->executor, NULL}, *var[] = {t->var, NULL};
        if (code_derives(u, root, var))
            continue;
        return t;
    }
    return NULL;
}

void rule_C005(RuleCtx *c)
{
    QueryIter it = code_queries(c);
    while (code_next_query(&it)) {
        const CodeUnit *u = it.u;
        const CodeQuery *q = it.q;
        const CodeTxn *p = ignored_param(u, q);
        if (p) {
            Finding *f = code_finding(
                c, u, q->at, arena_printf(c->a, "%s:%s:param", q->table ? q->table : "?", q->executor),
                "%s runs on %s although %s is handed the caller's transaction %s (line %d): it commits on its own "
                "even when that transaction rolls back, and waits on its locks from a second pooled connection",
                code_query_text(c, q), q->executor, u->name, p->var, p->at.line);
            rule_fix(c, f, "await %s('%s')/* ... */; // the transaction the caller passed, not %s", p->var,
                     q->table ? q->table : "table", q->executor);
            continue;
        }
        if (!q->outer_in_txn || q->txn < 0)
            continue;
        const CodeTxn *t = &u->txns.v[q->txn];
        if (t->kind == TXN_PARAM)
            continue;
        const char *var = t->var ? t->var : "trx";
        Finding *f = code_finding(
            c, u, q->at, arena_printf(c->a, "%s:%s:outer", q->table ? q->table : "?", q->executor),
            "%s runs on %s, not on the transaction %s opened at line %d%s: it commits on its own even when the "
            "transaction rolls back, and waits on the transaction's locks from a second pooled connection",
            code_query_text(c, q), q->executor, var, t->at.line,
            t->kind == TXN_CALLBACK && !t->uses_var ? " (the callback never uses its transaction at all)" : "");
        rule_fix(c, f, "await %s('%s')/* ... */; // the transaction, not %s\n"
                       "// or, when the query must run on the other connection: .transacting(%s)",
                 var, q->table ? q->table : "table", q->executor, var);
    }
}
