/* D002 check-violations: rows that break a CHECK constraint added NOT
 * VALID.  A row violates a CHECK when the condition is false; NULL passes,
 * as in PostgreSQL.  The condition is the server's own text of the
 * constraint (pg_get_constraintdef), run as a predicate. */
#include "rules/datacheck.h"

void rule_D002(RuleCtx *c)
{
    for (int i = 0; i < c->s->tables.n; i++) {
        const Table *t = c->s->tables.v[i];
        for (int k = 0; k < t->constraints.n; k++) {
            const Constraint *ck = &t->constraints.v[k];
            if (ck->kind != CON_CHECK || ck->validated || !rule_audited_constraint(t, ck) || !ck->expr ||
                strncmp(ck->expr, "CHECK ", 6) != 0)
                continue;
            const char *cond = ck->expr + 6;
            size_t n = strlen(cond);
            if (n > 10 && strcmp(cond + n - 10, " NOT VALID") == 0)
                n -= 10;
            DataCheck d = {0};
            d.rule = c->rule;
            d.t = t;
            d.col = ck->ncols == 1 ? ck->cols[0] : -1;
            d.key = arena_printf(c->a, "violations:%s", ck->name);
            datacheck_count(c, &d, arena_printf(c->a, "NOT %.*s", (int)n, cond), NULL, datacheck_key(c, t, NULL, 0));
            d.subject = arena_printf(c->a, "break check constraint %s %.*s", d_ident(c, ck->name), (int)n, cond);
            d.fix = arena_printf(c->a,
                                 "-- the rows: SELECT * FROM %s c WHERE NOT %.*s;\n"
                                 "-- correct or delete them, then:\n"
                                 "-- ALTER TABLE %s VALIDATE CONSTRAINT %s;",
                                 q_table(c, t), (int)n, cond, q_table(c, t), q_ident(c, ck->name));
            vec_push(c->a, &c->plan->checks, d);
        }
    }
}
