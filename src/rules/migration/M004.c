/* M004 parallel-ddl: schema changes started together (Promise.all over
 * schema builder calls or knex.raw statements) inside one migration, in up
 * or down.  The Knex reader records one EV_PARALLEL_DDL event per
 * Promise.all that starts two or more schema changes; every one is
 * reported, at the Promise.all call.
 *
 * Knex runs a migration on one connection (its transaction's): the
 * statements queue on it in an order nobody chose, and without a
 * transaction a failure leaves the others applied. */
#include "rules/migration/common.h"

static void report_direction(RuleCtx *c, const Migration *m, const MigEventVec *v, const char *dir)
{
    int nth = 0;
    for (int i = 0; i < v->n; i++) {
        const MigEvent *e = &v->v[i];
        if (e->kind != EV_PARALLEL_DDL)
            continue;
        nth++;
        Finding *f = mig_finding(
            c, m, &e->origin, NULL, arena_printf(c->a, "%s:%s:parallel:%d", m->name, dir, nth),
            "%s of %s runs %s concurrently (Promise.all): they share the migration's one connection and run in an "
            "order nobody chose%s",
            dir, m->name, e->detail ? e->detail : "schema changes",
            m->no_transaction ? ", and with transaction: false a failure leaves the others applied" : "");
        rule_fix(c, f,
                 "// one after the other, in the order they must run:\n"
                 "await knex.schema.alterTable('a', (t) => { /* ... */ });\n"
                 "await knex.schema.alterTable('b', (t) => { /* ... */ });\n"
                 "// or, over a list:\n"
                 "for (const statement of statements) {\n"
                 "  await knex.raw(statement);\n"
                 "}");
    }
}

void rule_M004(RuleCtx *c)
{
    if (!c->project)
        return;
    for (int i = 0; i < c->project->migrations.n; i++) {
        const Migration *m = c->project->migrations.v[i];
        if (!mig_judged(m))
            continue;
        report_direction(c, m, &m->up, "up");
        report_direction(c, m, &m->down, "down");
    }
}
