/* C016 idempotency-outside-transaction: an idempotency key is looked up
 * (a table or column named for it) before, and outside, the transaction
 * that then does the work, and nothing handles a unique violation on the
 * key.  Two deliveries of the same request both find no key and both
 * charge (guide 2.7, idempotency): the key must be claimed (inserted
 * under a unique constraint) in the same transaction as the work. */
#define _GNU_SOURCE /* strcasestr */
#include <string.h>
#include <strings.h>

#include "rules/code/common.h"

static bool idempotency_lookup(const RuleCtx *c, const CodeQuery *q)
{
    if (!qop_reads(q->op) || !q->table)
        return false;
    if (strcasestr(q->table, "idempot"))
        return true;
    for (int i = 0; i < q->conds.n; i++)
        if (q->conds.v[i].column && name_matches(q->conds.v[i].column, &c->cfg->idempotency_columns))
            return true;
    return false;
}

void rule_C016(RuleCtx *c)
{
    CodeIter it = code_iter(c);
    while (code_next(&it)) {
        const CodeUnit *u = it.u;
        if (u->handles_unique)
            continue;
        for (int i = 0; i < u->queries.n; i++) {
            const CodeQuery *q = &u->queries.v[i];
            if (q->txn >= 0 || q->exec_trx || !idempotency_lookup(c, q))
                continue;
            const CodeTxn *later = NULL;
            for (int t = 0; t < u->txns.n && !later; t++)
                if (u->txns.v[t].kind != TXN_PARAM && u->txns.v[t].at.offset > q->at.offset)
                    later = &u->txns.v[t];
            if (!later)
                continue;
            Finding *f = code_finding(c, u, q->at, arena_printf(c->a, "%s:idempotency", q->table),
                                      "%s checks the idempotency key outside the transaction opened at line %d that "
                                      "does the work, and no unique violation is handled: two deliveries of the same "
                                      "request both pass the check",
                                      code_query_text(c, q), later->at.line);
            rule_fix(c, f,
                     "await knex.transaction(async (trx) => {\n"
                     "  // claim the key first; the unique constraint on it makes the second delivery fail here\n"
                     "  const claimed = await trx('%s').insert({ key, /* ... */ }).onConflict('key').ignore().returning('key');\n"
                     "  if (claimed.length === 0) return previousResult(key);\n"
                     "  // ... the work, on trx\n"
                     "});",
                     q->table);
        }
    }
}
