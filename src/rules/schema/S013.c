/* S013 missing-tenant-id: a table is tenant-scoped through its parents
 * (see facts.c) but has no tenant column of its own.  The fix adds it,
 * fills it from the parent, and makes it NOT NULL and a foreign key to the
 * tenants table, each step without a long lock. */
#include "rules/rule.h"

#include "core/strbuf.h"

/* The tenants table and its key, when the model has exactly one. */
static const Table *tenants_table(RuleCtx *c, const char **key)
{
    const Table *found = NULL;
    for (int i = 0; i < c->s->tables.n; i++) {
        const Table *t = c->s->tables.v[i];
        if (!facts_of(c, t)->is_tenants_table)
            continue;
        if (found)
            return NULL;
        found = t;
    }
    const Constraint *pk = found ? table_primary_key(found) : NULL;
    if (!pk || pk->ncols != 1 || pk->cols[0] < 0)
        return NULL;
    *key = found->columns.v[pk->cols[0]].name;
    return found;
}

void rule_S013(RuleCtx *c)
{
    const char *tcol = c->cfg->tenant_column;
    for (int i = 0; i < c->s->tables.n; i++) {
        const Table *t = c->s->tables.v[i];
        const TableFacts *tf = facts_of(c, t);
        if (!rule_audited_table(t) || !tf->tenant_scoped || tf->tenant_col >= 0)
            continue;
        Finding *f = rule_at_table(c, t, "tenant", "table %s is tenant-scoped (%s) but has no %s column",
                                   d_table(c, t), tf->scope_reason, d_ident(c, tcol));
        const Table *p = tf->scope_parent;
        const TableFacts *pf = p ? facts_of(c, p) : NULL;
        if (!p || !pf || pf->tenant_col < 0)
            continue; /* the parent needs its tenant column first; its own finding says so */

        /* Join condition from the child to the parent. */
        StrBuf on = STRBUF_INIT;
        if (tf->scope_fk) {
            for (int j = 0; j < tf->scope_fk->ncols && j < tf->scope_fk->nref; j++)
                sb_printf(&on, "%sp.%s = c.%s", j ? " AND " : "", q_ident(c, tf->scope_fk->ref_cols[j]),
                          q_ident(c, t->columns.v[tf->scope_fk->cols[j]].name));
        } else if (tf->scope_ref) {
            sb_printf(&on, "p.%s = c.%s", q_ident(c, tf->scope_ref->target_col),
                      q_ident(c, t->columns.v[tf->scope_ref->col].name));
        }
        const Column *ptc = &p->columns.v[pf->tenant_col];
        const char *tab = q_table(c, t), *qt = q_ident(c, tcol);
        const char *chk = q_ident(c, arena_printf(c->a, "%s_%s_not_null", t->name, tcol));
        StrBuf fix = STRBUF_INIT;
        sb_printf(&fix,
                  "ALTER TABLE %s ADD COLUMN %s %s;\n"
                  "-- on large tables run the backfill in batches\n"
                  "UPDATE %s c SET %s = p.%s FROM %s p WHERE %s AND c.%s IS NULL;\n"
                  "ALTER TABLE %s ADD CONSTRAINT %s CHECK (%s IS NOT NULL) NOT VALID;\n"
                  "ALTER TABLE %s VALIDATE CONSTRAINT %s;\n"
                  "ALTER TABLE %s ALTER COLUMN %s SET NOT NULL;\n"
                  "ALTER TABLE %s DROP CONSTRAINT %s;\n",
                  tab, qt, ptc->type, tab, qt, q_ident(c, ptc->name), q_table(c, p), sb_str(&on), qt, tab, chk, qt,
                  tab, chk, tab, qt, tab, chk);
        const char *tkey = NULL;
        const Table *tenants = tenants_table(c, &tkey);
        if (tenants) {
            const char *def = arena_printf(c->a, "FOREIGN KEY (%s) REFERENCES %s (%s) ON DELETE RESTRICT", qt,
                                           q_table(c, tenants), q_ident(c, tkey));
            sb_printf(&fix, "%s\n", fix_add_fk(c, t, arena_printf(c->a, "%s_%s_fkey", t->name, tcol), def, false));
        }
        sb_printf(&fix, "%sCREATE INDEX %s%s ON %s (%s);", partition_lock_note(t), concurrently(t),
                  q_ident(c, arena_printf(c->a, "%s_%s_idx", t->name, tcol)), tab, qt);
        rule_fix(c, f, "%s", sb_str(&fix));
        sb_fini(&fix);
        sb_fini(&on);
    }
}
