/* S003 missing-foreign-key: a column that looks like a reference (see
 * src/rules/facts.c for how references are inferred, and what is left out)
 * has no foreign key.  The fix counts orphans first, then adds the key NOT
 * VALID and validates it, which does not block writes while it checks. */
#include "rules/rule.h"

void rule_S003(RuleCtx *c)
{
    for (int i = 0; i < c->s->tables.n; i++) {
        const Table *t = c->s->tables.v[i];
        const TableFacts *tf = facts_of(c, t);
        for (int k = 0; k < tf->inferred.n; k++) {
            const InferredRef *r = &tf->inferred.v[k];
            const char *col = t->columns.v[r->col].name;
            Finding *f = rule_at_column(c, t, r->col, col,
                                        "%s looks like a reference to %s(%s) but has no foreign key "
                                        "(%s%sconfidence %s: %s)",
                                        d_ident(c, col), d_table(c, r->target), d_ident(c, r->target_col),
                                        r->note ? r->note : "", r->note ? "; " : "",
                                        r->confidence == CONF_HIGH ? "high" : "medium", r->evidence);
            f->target = arena_strdup(c->a, r->target->qname); /* the integrity map draws it */
            const char *name = new_name(c, t, &r->col, 1, "fkey");
            const char *def = arena_printf(c->a, "FOREIGN KEY (%s) REFERENCES %s (%s) ON DELETE RESTRICT",
                                           q_ident(c, col), q_table(c, r->target), q_ident(c, r->target_col));
            rule_fix(c, f,
                     "-- orphans that would block it:\n"
                     "-- SELECT count(*) FROM %s c WHERE c.%s IS NOT NULL AND NOT EXISTS "
                     "(SELECT 1 FROM %s p WHERE p.%s = c.%s);\n"
                     "-- RESTRICT keeps history; CASCADE suits rows owned by the parent, SET NULL optional links\n"
                     "%s",
                     q_table(c, t), q_ident(c, col), q_table(c, r->target), q_ident(c, r->target_col),
                     q_ident(c, col), fix_add_fk(c, t, name, def, false));
        }
    }
}
