/* S010 missing-unique-key: values the guide (2.7) says must be unique have
 * no unique index behind them:
 *   email   on account tables (users, members...), per tenant
 *   slug    per tenant (or per parent: unique (event_id, slug) is fine)
 *   serial  ticket serial numbers
 *   seat    (event, section, row, seat number) for reserved seating
 *   idempotency keys
 * (which keys are expected, and when an index provides one: src/rules/expect.c). */
#include "rules/expect.h"

void rule_S010(RuleCtx *c)
{
    for (int i = 0; i < c->s->tables.n; i++) {
        const Table *t = c->s->tables.v[i];
        if (!rule_audited_table(t))
            continue;
        const TableFacts *tf = facts_of(c, t);
        UniqueExpect ex[EXPECT_MAX];
        int nex = missing_unique_keys(c, t, ex);
        for (int k = 0; k < nex; k++) {
            const UniqueExpect *e = &ex[k];
            const char *keys[EXPECT_MAX_COLS];
            for (int j = 0; j < e->n; j++)
                keys[j] = q_ident(c, t->columns.v[e->cols[j]].name);
            Finding *f = rule_at_column(c, t, e->principal, e->label,
                                        "no unique key on (%s): the %s is only kept unique by application code, "
                                        "if at all",
                                        cols_text(c, t, e->cols, e->n), e->label);
            const char *pred = tf->soft_delete_col >= 0 ? soft_delete_pred(c, t, tf->soft_delete_col) : NULL;
            fix_unique_index(c, f, t, e->cols, keys, e->n, pred, NULL);
        }
    }
}
