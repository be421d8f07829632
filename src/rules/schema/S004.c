/* S004 cascade-from-financial-table: a financial or history table
 * (payments, refunds, ledger, royalties, audit, *_history...: the words in
 * AuditConfig.financial_words) has a foreign key with ON DELETE CASCADE, so
 * deleting the parent deletes money records.  A key toward another
 * financial table is left alone: its rows are details of that record
 * (payment_items of a payment), and deleting the record is the problem. */
#include "rules/rule.h"

void rule_S004(RuleCtx *c)
{
    for (int i = 0; i < c->s->tables.n; i++) {
        const Table *t = c->s->tables.v[i];
        if (!facts_of(c, t)->financial)
            continue;
        for (int k = 0; k < t->constraints.n; k++) {
            const Constraint *fk = &t->constraints.v[k];
            if (!rule_audited_constraint(t, fk))
                continue;
            if (fk->kind != CON_FOREIGN || fk->on_delete != FK_CASCADE || fk->ncols == 0)
                continue;
            const Table *p = constraint_ref(c->s, fk);
            if (p && facts_of(c, p)->financial)
                continue;
            const char *cols = cols_text(c, t, fk->cols, fk->ncols);
            Finding *f = rule_at_origin(c, t, &fk->origin, fk->cols[0], fk->name,
                                        "foreign key %s (%s) -> %s is ON DELETE CASCADE: deleting a row of %s "
                                        "deletes the %s rows that reference it",
                                        d_ident(c, fk->name), cols, d_qname(c, fk->ref_schema, fk->ref_table),
                                        d_qname(c, fk->ref_schema, fk->ref_table), d_table(c, t));
            rule_fix(c, f, "%s", fix_add_fk(c, t, fk->name, fk_definition(c, t, fk, FK_RESTRICT), true));
        }
    }
}
