/* D001 orphaned-rows: rows whose reference matches no parent row.
 * Checked where nothing guarantees it: foreign keys that are NOT VALID,
 * foreign keys whose triggers do not fire (S008), and columns that look
 * like references but have no foreign key at all (S003, facts.c).  A row
 * with a NULL in any key column is not an orphan (MATCH SIMPLE); a key
 * declared MATCH FULL is checked the same way, its half-NULL rows are
 * S007's business. */
#include "core/strbuf.h"
#include "rules/datacheck.h"

static void plan(RuleCtx *c, const Table *t, const int *cols, const char *const *ref_cols, int n, const Table *p,
                 const char *key, const char *why)
{
    StrBuf cond = STRBUF_INIT, probe = STRBUF_INIT;
    for (int i = 0; i < n; i++)
        sb_printf(&cond, "c.%s IS NOT NULL AND ", q_ident(c, t->columns.v[cols[i]].name));
    const char *match = datacheck_match(c, t, cols, ref_cols, n);
    sb_puts(&probe, sb_str(&cond));
    sb_printf(&cond, "NOT EXISTS (SELECT 1 FROM %s p WHERE %s)", q_table(c, p), match);
    /* OFFSET 0: no anti-join, a probe of the parent's key per sampled row */
    sb_printf(&probe, "NOT EXISTS (SELECT 1 FROM %s p WHERE %s OFFSET 0)", q_table(c, p), match);
    DataCheck d = {0};
    d.rule = c->rule;
    d.t = t;
    d.col = cols[0];
    d.key = key;
    datacheck_count(c, &d, sb_str(&cond), sb_str(&probe), datacheck_key(c, t, cols, n));
    d.subject = arena_printf(c->a, "%s matches no row of %s", cols_text(c, t, cols, n), d_table(c, p));
    d.why = why;
    d.fix = arena_printf(c->a,
                         "-- the rows: SELECT * FROM %s c WHERE %s;\n"
                         "-- point them at existing rows, set the reference to NULL if it is optional, or\n"
                         "-- delete them; then add or validate the foreign key (S003, S007, S008)",
                         q_table(c, t), sb_str(&cond));
    vec_push(c->a, &c->plan->checks, d);
    sb_fini(&cond);
    sb_fini(&probe);
}

void rule_D001(RuleCtx *c)
{
    for (int i = 0; i < c->s->tables.n; i++) {
        const Table *t = c->s->tables.v[i];
        for (int k = 0; k < t->constraints.n; k++) {
            const Constraint *fk = &t->constraints.v[k];
            if (fk->kind != CON_FOREIGN || !rule_audited_constraint(t, fk) || fk->ncols != fk->nref ||
                fk->ncols == 0)
                continue;
            bool off = fk->disabled_triggers + fk->disabled_ref_triggers > 0;
            if (fk->validated && !off)
                continue;
            const Table *p = constraint_ref(c->s, fk);
            bool cols_ok = p != NULL;
            for (int j = 0; j < fk->ncols && cols_ok; j++)
                cols_ok = fk->cols[j] >= 0;
            if (!cols_ok)
                continue;
            plan(c, t, fk->cols, fk->ref_cols, fk->ncols, p, arena_printf(c->a, "orphans:%s", fk->name),
                 arena_printf(c->a, "foreign key %s is %s", d_ident(c, fk->name),
                              off ? "not enforced: its triggers are disabled" : "NOT VALID"));
        }
        const TableFacts *tf = facts_of(c, t);
        for (int k = 0; k < tf->inferred.n; k++) {
            const InferredRef *r = &tf->inferred.v[k];
            const char *ref[1] = {r->target_col};
            plan(c, t, &r->col, ref, 1, r->target, arena_printf(c->a, "orphans:%s", t->columns.v[r->col].name),
                 "no foreign key guards it, see S003");
        }
    }
}
