/* datarun.c - data checks on the server, findings here; see datarun.h.
 *
 * Each check returns one row (count, samples); see datacheck.c for the
 * shape.  Results are turned into findings as they arrive, so the report
 * keeps what was counted even when a later check times out.
 */
#include "catalog/datarun.h"

#include <stdlib.h>
#include <string.h>

typedef struct Run {
    const DataPlan *plan;
    PgQuery *q;
    RuleCtx ctx;
} Run;

static void on_result(PgQuery *q, void *arg)
{
    Run *run = arg;
    const DataCheck *d = &run->plan->checks.v[q - run->q];
    RuleCtx *c = &run->ctx;
    if (!q->rows || q->rows->nrows != 1) {
        c->rule = RULE_A002;
        rule_at_column(c, d->t, d->col, d->key, "check %s did not complete (rows whose %s): %s",
                       rule_table[d->rule].id, d->subject, q->error ? q->error : "no result");
        return;
    }
    long long n = strtoll(pgrows_get(q->rows, 0, 0) ? pgrows_get(q->rows, 0, 0) : "0", NULL, 10);
    if (n > 0) {
        c->rule = d->rule;
        const char *what;
        if (d->groups) {
            long long g = q->rows->ncols > 2 && pgrows_get(q->rows, 0, 2) ? strtoll(pgrows_get(q->rows, 0, 2), NULL, 10)
                                                                           : 0;
            what = arena_printf(c->a, "%lld duplicate row%s in %lld group%s", n, n == 1 ? "" : "s", g,
                                g == 1 ? "" : "s");
        } else
            what = arena_printf(c->a, "%lld row%s", n, n == 1 ? "" : "s");
        Finding *f = rule_at_column(c, d->t, d->col, d->key, "%s of %s: %s%s%s%s", what, d_table(c, d->t),
                                    d->subject, d->why ? " (" : "", d->why ? d->why : "", d->why ? ")" : "");
        f->count = n;
        f->samples = pgconn_text_array(c->a, pgrows_get(q->rows, 0, 1), &f->nsamples);
        if (d->fix)
            f->fix = d->fix;
    }
    pgquery_clear(q);
}

int datarun(PgConn *c, const Schema *s, const AuditConfig *cfg, const DataPlan *plan, Report *r, char *err,
            size_t errlen)
{
    int n = plan->checks.n;
    if (n == 0)
        return 0;
    PgQuery *q = calloc((size_t)n, sizeof *q);
    if (!q)
        die_oom();
    Run run = {plan, q, {s, cfg, NULL, r, 0, &r->arena, NULL}};
    for (int i = 0; i < n; i++) {
        q[i].what = "data check";
        q[i].sql = plan->checks.v[i].sql;
        q[i].done = on_result;
        q[i].ctx = &run;
    }
    pgconn_set_work_mem(c, NULL);
    int rc = pgconn_run(c, q, n, err, errlen);
    for (int i = 0; i < n; i++)
        pgquery_clear(&q[i]);
    free(q);
    return rc;
}
