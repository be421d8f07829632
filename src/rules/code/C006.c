/* C006 external-call-in-transaction: an awaited call to an outside
 * service (HTTP, payment, mail, blockchain) while a transaction is open.
 * The transaction holds its connection and row locks for the whole call
 * (seconds, or the provider's timeout), and the call cannot be rolled
 * back: when the transaction fails after it, the customer is charged or
 * mailed for something that did not happen (guide 2.3).  Queue publishes
 * are C018's. */
#include "rules/code/common.h"

static const char *const kinds[] = {"an HTTP request", "a payment call", "a mail", "a queue publish",
                                    "a blockchain call", "a call to an outside service"};

void rule_C006(RuleCtx *c)
{
    CodeIter it = code_iter(c);
    while (code_next(&it)) {
        const CodeUnit *u = it.u;
        for (int i = 0; i < u->calls.n; i++) {
            const CodeCall *k = &u->calls.v[i];
            if (k->txn < 0 || !k->awaited || k->kind == CALL_QUEUE)
                continue;
            Finding *f = code_finding(c, u, k->at, arena_printf(c->a, "%s:external", k->callee),
                                      "%s (%s) is awaited while %s is open: it holds the connection and its row locks "
                                      "for the whole call, and cannot be undone when the transaction rolls back",
                                      k->callee, kinds[k->kind], code_txn_text(c, u, k->txn));
            rule_fix(c, f,
                     "// commit the database work first, then call out; record the intent in the\n"
                     "// transaction (an outbox row, a 'pending' status) and finish it after the call:\n"
                     "const order = await knex.transaction(async (trx) => { /* reads and writes */ });\n"
                     "const result = await %s(/* ... */);\n"
                     "await knex('...').where({ id: order.id }).update({ status: 'confirmed' });",
                     k->callee);
        }
    }
}
