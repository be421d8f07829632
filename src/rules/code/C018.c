/* C018 dual-write: a function writes in a transaction and publishes to a
 * broker or queue directly (producer.send, channel.publish, queue.add,
 * sqs.sendMessage...) instead of writing an outbox row in the same
 * transaction.  The two cannot both happen or both not: a publish after a
 * rollback announces what never happened, a crash after the commit loses
 * the message (guide 1.7, outbox).  Functions that read the outbox (the
 * relay itself) or write it are left alone. */
#define _GNU_SOURCE /* strcasestr */
#include <string.h>

#include "rules/code/common.h"

static const char *const publish_methods[] = {"send", "sendBatch", "publish", "sendToQueue", "sendMessage",
                                              "sendMessageBatch", "add", "addBulk", "emit", "produce", "enqueue",
                                              "dispatch", "push", NULL};

static bool publish(const CodeCall *k)
{
    if (k->kind != CALL_QUEUE)
        return false;
    const char *dot = strrchr(k->callee, '.');
    const char *m = dot ? dot + 1 : k->callee;
    for (int i = 0; publish_methods[i]; i++)
        if (strcmp(m, publish_methods[i]) == 0)
            return true;
    return false;
}

void rule_C018(RuleCtx *c)
{
    CodeIter it = code_iter(c);
    while (code_next(&it)) {
        const CodeUnit *u = it.u;
        const CodeQuery *write = NULL;
        bool outbox = false;
        for (int i = 0; i < u->queries.n; i++) {
            const CodeQuery *q = &u->queries.v[i];
            if (q->table && strcasestr(q->table, "outbox"))
                outbox = true;
            if (!write && qop_writes(q->op) && (q->txn >= 0 || q->exec_trx) && !q->outer_in_txn)
                write = q;
        }
        if (!write || outbox)
            continue;
        for (int i = 0; i < u->calls.n; i++) {
            const CodeCall *k = &u->calls.v[i];
            if (!publish(k))
                continue;
            Finding *f = code_finding(c, u, k->at, arena_printf(c->a, "%s:dual-write", k->callee),
                                      "%s publishes directly while %s commits in a transaction (%s, line %d): a "
                                      "rollback after the publish announces what never happened, a crash after the "
                                      "commit loses the message",
                                      k->callee, u->name, code_query_text(c, write), write->at.line);
            rule_fix(c, f,
                     "// in the same transaction as the business write:\n"
                     "await trx('outbox').insert({ topic: '...', payload: JSON.stringify(event) });\n"
                     "// and a relay publishes outbox rows after commit (SELECT ... FOR UPDATE SKIP LOCKED)");
        }
    }
}
