/* S007 not-valid-constraint: a CHECK or FOREIGN KEY constraint was added
 * NOT VALID and never validated.  The fix shows how to find the rows that
 * would fail, then validates (SHARE UPDATE EXCLUSIVE: writes continue). */
#include "rules/rule.h"

#include "core/strbuf.h"

/* "CHECK ((price > 0)) NOT VALID" -> "(price > 0)". */
static const char *check_condition(RuleCtx *c, const char *def)
{
    if (!def || strncmp(def, "CHECK ", 6) != 0)
        return NULL;
    const char *s = def + 6;
    size_t n = strlen(s);
    const char *nv = " NOT VALID";
    if (n > strlen(nv) && strcmp(s + n - strlen(nv), nv) == 0)
        n -= strlen(nv);
    return arena_strndup(c->a, s, n);
}

void rule_S007(RuleCtx *c)
{
    for (int i = 0; i < c->s->tables.n; i++) {
        const Table *t = c->s->tables.v[i];
                for (int k = 0; k < t->constraints.n; k++) {
            const Constraint *k2 = &t->constraints.v[k];
            if (!rule_audited_constraint(t, k2))
                continue;
            if (k2->validated || (k2->kind != CON_FOREIGN && k2->kind != CON_CHECK))
                continue;
            int col = k2->ncols > 0 ? k2->cols[0] : -1;
            Finding *f;
            if (k2->kind == CON_FOREIGN) {
                f = rule_at_origin(c, t, &k2->origin, col, k2->name,
                                   "foreign key %s (%s) -> %s (ON DELETE %s) is NOT VALID: existing rows may "
                                   "reference missing parents",
                                   d_ident(c, k2->name), cols_text(c, t, k2->cols, k2->ncols),
                                   d_qname(c, k2->ref_schema, k2->ref_table), fk_action_sql(k2->on_delete));
                StrBuf join = STRBUF_INIT, nn = STRBUF_INIT;
                for (int j = 0; j < k2->ncols && j < k2->nref; j++) {
                    const char *cn = q_ident(c, t->columns.v[k2->cols[j]].name);
                    sb_printf(&join, "%sp.%s = c.%s", j ? " AND " : "", q_ident(c, k2->ref_cols[j]), cn);
                    sb_printf(&nn, "%sc.%s IS NOT NULL", j ? " AND " : "", cn);
                }
                rule_fix(c, f,
                         "-- rows that would fail:\n"
                         "-- SELECT count(*) FROM %s c WHERE %s AND NOT EXISTS (SELECT 1 FROM %s.%s p WHERE %s);\n"
                         "ALTER TABLE %s VALIDATE CONSTRAINT %s;",
                         q_table(c, t), sb_str(&nn), q_ident(c, k2->ref_schema), q_ident(c, k2->ref_table),
                         sb_str(&join), q_table(c, t), q_ident(c, k2->name));
                sb_fini(&join);
                sb_fini(&nn);
            } else {
                const char *cond = check_condition(c, k2->expr);
                f = rule_at_origin(c, t, &k2->origin, k2->ncols == 1 ? col : -1, k2->name,
                                   "check constraint %s %s is NOT VALID: existing rows may break it",
                                   d_ident(c, k2->name), cond ? cond : "");
                if (cond)
                    rule_fix(c, f,
                             "-- rows that would fail:\n"
                             "-- SELECT count(*) FROM %s WHERE NOT %s;\n"
                             "ALTER TABLE %s VALIDATE CONSTRAINT %s;",
                             q_table(c, t), cond, q_table(c, t), q_ident(c, k2->name));
                else
                    rule_fix(c, f, "ALTER TABLE %s VALIDATE CONSTRAINT %s;", q_table(c, t), q_ident(c, k2->name));
            }
        }
    }
}
