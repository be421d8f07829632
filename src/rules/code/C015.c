/* C015 queue-pick-without-skip-locked: a worker picks the next job or
 * item (first() or limit(1) on a pending/available/queued status) with forUpdate but
 * without skipLocked: every worker queues behind the first one's lock and
 * they run one at a time.  With no lock at all, followed by an update of
 * the picked row, two workers pick the same row and do the work twice. */
#include <strings.h>

#include "rules/code/common.h"

static const char *const waiting[] = {"pending", "available", "queued", "ready", "new", "waiting", "scheduled",
                                      "unprocessed", "open", NULL};

/* The status condition of a pick: a literal waiting state, or NULL. */
static const CodeCond *pick_cond(const CodeQuery *q)
{
    for (int i = 0; i < q->conds.n; i++) {
        const CodeCond *k = &q->conds.v[i];
        if (!k->column || !k->value || (strcasecmp(k->column, "status") != 0 && strcasecmp(k->column, "state") != 0))
            continue;
        const char *v = k->value;
        size_t n = strlen(v);
        if (n < 3 || (v[0] != '\'' && v[0] != '"' && v[0] != '`'))
            continue;
        for (int j = 0; waiting[j]; j++)
            if (n - 2 == strlen(waiting[j]) && strncasecmp(v + 1, waiting[j], n - 2) == 0)
                return k;
    }
    return NULL;
}

void rule_C015(RuleCtx *c)
{
    QueryIter it = code_queries(c);
    while (code_next_query(&it)) {
        const CodeUnit *u = it.u;
        const CodeQuery *q = it.q;
        const CodeCond *k;
        if ((q->op != QOP_FIRST && !(q->op == QOP_SELECT && q->limit1)) || !q->table || !(k = pick_cond(q)) ||
            q->skip_locked)
            continue;
        if (code_cond_on(q, "id") || code_cond_on(q, "uuid"))
            continue; /* one given row, not the next of a queue: skipping it would be wrong */
        if (q->lock == LOCK_NONE) {
            /* only a pick: an update of the row it found follows */
            const char *names[] = {q->result, NULL};
            bool claimed = false;
            for (int j = it.i + 1; j < u->queries.n && !claimed && q->result; j++) {
                const CodeQuery *w = &u->queries.v[j];
                for (int m = 0; m < w->conds.n && !claimed; m++)
                    claimed = w->op == QOP_UPDATE && w->table && strcmp(w->table, q->table) == 0 &&
                              code_names_meet(w->conds.v[m].idents, names) &&
                              !code_cond_on(w, k->column);
            }
            if (!claimed)
                continue;
            Finding *f = code_finding(c, u, q->at, arena_printf(c->a, "%s:pick", q->table),
                                      "%s picks a row with %s = %s and claims it without a lock: two workers pick "
                                      "the same row and both process it",
                                      code_query_text(c, q), k->column, k->value);
            rule_fix(c, f, "const %s = await trx('%s').where({ %s: %s }).forUpdate().skipLocked().first();",
                     q->result, q->table, k->column, k->value);
            continue;
        }
        Finding *f = code_finding(c, u, q->at, arena_printf(c->a, "%s:pick", q->table),
                                  "%s picks a row with %s = %s and locks it without skipLocked: every other "
                                  "worker waits on that row instead of taking the next one",
                                  code_query_text(c, q), k->column, k->value);
        rule_fix(c, f, "%s('%s').where({ %s: %s }).forUpdate().skipLocked().first()", q->executor, q->table,
                 k->column, k->value);
    }
}
