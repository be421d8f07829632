/* D003 cross-tenant-reference: rows of a tenant-scoped table whose
 * reference (a foreign key, or an inferred reference) points at a row of a
 * tenant-scoped parent with a different tenant.  Keys that include the
 * tenant column cannot cross tenants and are not checked; a missing parent
 * is D001's.  Samples show the child's key, its tenant and the parent's. */
#include "rules/datacheck.h"

static void plan(RuleCtx *c, const Table *t, const int *cols, const char *const *ref_cols, int n, const Table *p,
                 const char *key)
{
    const TableFacts *tf = facts_of(c, t), *pf = facts_of(c, p);
    const char *ct = q_ident(c, t->columns.v[tf->tenant_col].name);
    const char *pt = q_ident(c, p->columns.v[pf->tenant_col].name);
    const char *match = datacheck_match(c, t, cols, ref_cols, n);
    const char *cond = arena_printf(c->a, "EXISTS (SELECT 1 FROM %s p WHERE %s AND p.%s IS DISTINCT FROM c.%s)",
                                    q_table(c, p), match, pt, ct);
    const char *probe = arena_printf(c->a,
                                     "EXISTS (SELECT 1 FROM %s p WHERE %s AND p.%s IS DISTINCT FROM c.%s OFFSET 0)",
                                     q_table(c, p), match, pt, ct);
    const char *sample = arena_printf(c->a,
                                      "pg_catalog.format('%%s: tenant %%s -> %%s', %s, c.%s,"
                                      " (SELECT p.%s FROM %s p WHERE %s LIMIT 1))",
                                      datacheck_key(c, t, NULL, 0), ct, pt, q_table(c, p), match);
    DataCheck d = {0};
    d.rule = c->rule;
    d.t = t;
    d.col = cols[0];
    d.key = key;
    datacheck_count(c, &d, cond, probe, sample);
    d.subject = arena_printf(c->a, "%s points at a row of %s that belongs to another tenant (the child's %s "
                                   "differs from its parent's: one of the two rows is wrong)",
                             cols_text(c, t, cols, n), d_table(c, p), t->columns.v[tf->tenant_col].name);
    d.fix = arena_printf(c->a,
                         "-- the rows: SELECT c.*, p.%s AS parent_tenant FROM %s c JOIN %s p ON %s"
                         " WHERE p.%s IS DISTINCT FROM c.%s;\n"
                         "-- decide per row which tenant is right; then prevent it: reference the parent by\n"
                         "-- (tenant_id, id) with a composite foreign key, so both rows must share the tenant",
                         pt, q_table(c, t), q_table(c, p), match, pt, ct);
    vec_push(c->a, &c->plan->checks, d);
}

static bool scoped_with_column(RuleCtx *c, const Table *t)
{
    const TableFacts *tf = facts_of(c, t);
    return tf->tenant_scoped && tf->tenant_col >= 0;
}

void rule_D003(RuleCtx *c)
{
    for (int i = 0; i < c->s->tables.n; i++) {
        const Table *t = c->s->tables.v[i];
        if (!rule_audited_table(t) || !scoped_with_column(c, t))
            continue;
        int tcol = facts_of(c, t)->tenant_col;
        for (int k = 0; k < t->constraints.n; k++) {
            const Constraint *fk = &t->constraints.v[k];
            const Table *p = constraint_ref(c->s, fk);
            if (fk->kind != CON_FOREIGN || !p || p == t || !scoped_with_column(c, p) || fk->ncols != fk->nref ||
                constraint_has_col(fk, tcol))
                continue;
            bool ok = true;
            for (int j = 0; j < fk->ncols && ok; j++)
                ok = fk->cols[j] >= 0;
            if (ok)
                plan(c, t, fk->cols, fk->ref_cols, fk->ncols, p, arena_printf(c->a, "tenant:%s", fk->name));
        }
        const TableFacts *tf = facts_of(c, t);
        for (int k = 0; k < tf->inferred.n; k++) {
            const InferredRef *r = &tf->inferred.v[k];
            if (r->target == t || !scoped_with_column(c, r->target) || r->col == tcol)
                continue;
            const char *ref[1] = {r->target_col};
            plan(c, t, &r->col, ref, 1, r->target, arena_printf(c->a, "tenant:%s", t->columns.v[r->col].name));
        }
    }
}
