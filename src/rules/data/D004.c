/* D004 soft-deleted-parent: rows that are not soft-deleted themselves (or
 * cannot be) whose foreign key points at a parent row that is.  Parents
 * are soft-delete tables (a column from AuditConfig.soft_delete_columns:
 * deleted_at IS NOT NULL, or a true is_deleted flag). */
#include "rules/datacheck.h"

void rule_D004(RuleCtx *c)
{
    for (int i = 0; i < c->s->tables.n; i++) {
        const Table *t = c->s->tables.v[i];
        if (!rule_audited_table(t))
            continue;
        int own = facts_of(c, t)->soft_delete_col;
        for (int k = 0; k < t->constraints.n; k++) {
            const Constraint *fk = &t->constraints.v[k];
            const Table *p = constraint_ref(c->s, fk);
            if (fk->kind != CON_FOREIGN || !p || p == t || fk->ncols != fk->nref || fk->ncols == 0 ||
                !rule_audited_constraint(t, fk))
                continue;
            int sd = facts_of(c, p)->soft_delete_col;
            bool ok = sd >= 0;
            for (int j = 0; j < fk->ncols && ok; j++)
                ok = fk->cols[j] >= 0;
            if (!ok)
                continue;
            const char *match = datacheck_match(c, t, fk->cols, fk->ref_cols, fk->ncols);
            const char *active = own >= 0 ? arena_printf(c->a, "%s AND ", soft_delete_cond(c, t, own, "c", false)) : "";
            const char *gone = soft_delete_cond(c, p, sd, "p", true);
            const char *cond = arena_printf(c->a, "%sEXISTS (SELECT 1 FROM %s p WHERE %s AND %s)", active,
                                            q_table(c, p), match, gone);
            const char *probe = arena_printf(c->a, "%sEXISTS (SELECT 1 FROM %s p WHERE %s AND %s OFFSET 0)", active,
                                             q_table(c, p), match, gone);
            DataCheck d = {0};
            d.rule = c->rule;
            d.t = t;
            d.col = fk->cols[0];
            d.key = arena_printf(c->a, "softdeleted:%s", fk->name);
            datacheck_count(c, &d, cond, probe, datacheck_key(c, t, NULL, 0));
            d.subject = arena_printf(c->a, "%s points at a soft-deleted row of %s (%s)%s",
                                     cols_text(c, t, fk->cols, fk->ncols), d_table(c, p), soft_delete_cond(c, p, sd, "parent", true),
                                     own >= 0 ? " while the row itself is not deleted" : "");
            d.fix = arena_printf(c->a,
                                 "-- the rows: SELECT c.* FROM %s c WHERE %s;\n"
                                 "-- soft-delete them with their parent, or restore the parent; do both in the\n"
                                 "-- transaction that soft-deletes a parent from now on",
                                 q_table(c, t), cond);
            vec_push(c->a, &c->plan->checks, d);
        }
    }
}
