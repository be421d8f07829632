/* C009 critical-flow-isolation: a money or stock flow (a purchase,
 * transfer, balance, royalty or inventory change: the function's name or
 * the tables it touches) whose transaction reads rows and then writes the
 * same table with neither row locks nor serializable isolation; and a
 * serializable transaction with no retry on serialization failure
 * (40001), which PostgreSQL raises by design under contention (guide 2.2,
 * 2.4).  The names are configurable (critical_flows). */
#include <strings.h>

#include "rules/code/common.h"

/* The function's name or a table it writes matches critical_flows. */
static bool critical_unit(const RuleCtx *c, const CodeUnit *u)
{
    const StrList *flows = &c->cfg->critical_flows;
    if (name_matches(u->name, flows))
        return true;
    for (int i = 0; i < u->queries.n; i++)
        if (u->queries.v[i].table && qop_writes(u->queries.v[i].op) && name_matches(u->queries.v[i].table, flows))
            return true;
    return false;
}

static bool in_txn(const CodeUnit *u, const CodeQuery *q, int txn)
{
    for (int t = q->txn; t >= 0; t = u->txns.v[t].parent)
        if (t == txn)
            return !q->outer_in_txn;
    return false;
}

void rule_C009(RuleCtx *c)
{
    CodeIter it = code_iter(c);
    while (code_next(&it)) {
        const CodeUnit *u = it.u;
        if (!critical_unit(c, u))
            continue;
        for (int t = 0; t < u->txns.n; t++) {
            const CodeTxn *x = &u->txns.v[t];
            if (x->kind == TXN_PARAM || x->kind == TXN_WRAPPER)
                continue; /* the caller's or a helper's: its isolation is not visible here */
            const char *iso = code_txn_isolation(u, t);
            /* repeatable read fails conflicting writers with 40001 too */
            bool writes = false;
            for (int j = 0; j < u->queries.n && !writes; j++)
                writes = qop_writes(u->queries.v[j].op) && in_txn(u, &u->queries.v[j], t);
            bool serializable = iso && (strcasecmp(iso, "serializable") == 0 ||
                                        (strcasecmp(iso, "repeatable read") == 0 && writes));
            if (serializable) {
                if (u->handles_serialization)
                    continue;
                Finding *f = code_finding(c, u, x->at, "no-retry",
                                          "%s runs a %s transaction with no retry on serialization failure "
                                          "(40001): under contention PostgreSQL aborts one of two conflicting "
                                          "transactions by design, and the request fails",
                                          u->name, iso);
                rule_fix(c, f,
                         "for (let attempt = 1; ; attempt++) {\n"
                         "  try {\n"
                         "    return await %s.transaction(async (trx) => { /* ... */ }, { isolationLevel: 'serializable' });\n"
                         "  } catch (err) {\n"
                         "    if (err.code !== '40001' || attempt === 3) throw err;\n"
                         "  }\n"
                         "}",
                         x->outer ? x->outer : "knex");
                continue;
            }
            /* read then write of one table inside it, no lock on the read */
            const CodeQuery *rd = NULL, *wr = NULL;
            for (int j = 0; j < u->queries.n && !wr; j++) {
                const CodeQuery *w = &u->queries.v[j];
                if (!in_txn(u, w, t) || !w->table || !(w->op == QOP_UPDATE || w->op == QOP_DELETE || w->op == QOP_INCREMENT))
                    continue;
                for (int i = 0; i < j && !wr; i++) {
                    const CodeQuery *r = &u->queries.v[i];
                    if (in_txn(u, r, t) && qop_reads(r->op) && r->table && strcmp(r->table, w->table) == 0 &&
                        r->lock == LOCK_NONE && r->result_checked) {
                        rd = r;
                        wr = w;
                    }
                }
            }
            if (!wr)
                continue;
            Finding *f = code_finding(c, u, x->at, arena_printf(c->a, "%s:isolation", wr->table),
                                      "%s is a critical flow: its transaction reads %s (line %d), decides on what it "
                                      "read, and writes it (line %d) at READ COMMITTED with no row lock: a concurrent "
                                      "request can change the rows in between",
                                      u->name, rd->table, rd->at.line, wr->at.line);
            rule_fix(c, f,
                     "// lock what the decision reads:\n"
                     "const row = await trx('%s').where(/* ... */).forUpdate().first();\n"
                     "// or run the transaction serializable and retry on 40001",
                     rd->table);
        }
    }
}
