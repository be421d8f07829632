/* datarun.c - data checks on the server, findings here; see datarun.h.
 *
 * Each check returns one row (count, samples[, groups]); see datacheck.c
 * for the shape.  Checks run one at a time: each may take minutes on a big
 * table, so one round trip each costs nothing, and it lets the budget, the
 * statement timeout and Ctrl-C act between checks.  Results become
 * findings as they arrive, so the report keeps what was counted even when
 * a later check times out or the run is interrupted.
 */
#include "catalog/datarun.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>

typedef struct Run {
    const DataPlan *plan;
    int current; /* index of the check whose result comes next */
    RuleCtx ctx;
} Run;

static void on_result(PgQuery *q, void *arg)
{
    Run *run = arg;
    const DataCheck *d = &run->plan->checks.v[run->current];
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
        } else if (d->sample_pct > 0) {
            /* scale the sample's count to the table */
            long long est = (long long)((double)n * 100.0 / d->sample_pct + 0.5);
            what = arena_printf(c->a, "about %lld row%s (estimated from a %.3g%% sample: %lld found)", est,
                                est == 1 ? "" : "s", d->sample_pct, n);
            n = est;
        } else
            what = arena_printf(c->a, "%lld row%s", n, n == 1 ? "" : "s");
        Finding *f = rule_at_column(c, d->t, d->col, d->key, "%s of %s: %s%s%s%s", what, d_table(c, d->t),
                                    d->subject, d->why ? " (" : "", d->why ? d->why : "", d->why ? ")" : "");
        f->count = n;
        f->estimated = d->sample_pct > 0;
        f->samples = pgconn_text_array(c->a, pgrows_get(q->rows, 0, 1), &f->nsamples);
        if (d->fix)
            f->fix = d->fix;
    }
    pgquery_clear(q);
}

/* The connections a SIGINT should cancel (several databases may be checked
 * at once), and whether one came.  The handler only reads the slots and
 * calls PQcancel, which is async-signal-safe. */
enum { MAX_RUNNING = 64 };
static PgConn *volatile running[MAX_RUNNING];
static volatile sig_atomic_t interrupted;
static struct sigaction previous;

static void on_sigint(int sig)
{
    (void)sig;
    interrupted = 1;
    for (int i = 0; i < MAX_RUNNING; i++) {
        PgConn *c = running[i];
        if (c)
            pgconn_cancel(c);
    }
}

void datarun_catch_interrupts(void)
{
    struct sigaction sa = {0};
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    interrupted = 0;
    sigaction(SIGINT, &sa, &previous);
}

void datarun_release_interrupts(void)
{
    sigaction(SIGINT, &previous, NULL);
}

static int enlist(PgConn *c)
{
    for (int i = 0; i < MAX_RUNNING; i++) {
        PgConn *expected = NULL;
        if (__atomic_compare_exchange_n(&running[i], &expected, c, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            return i;
    }
    return -1; /* more than MAX_RUNNING at once: this one is not cancelled by Ctrl-C */
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A check that did not run at all. */
static void not_run(Run *run, int i, const char *why)
{
    PgQuery q = {0};
    q.error = (char *)why;
    run->current = i;
    on_result(&q, run);
}

int datarun(PgConn *c, const Schema *s, const AuditConfig *cfg, const DataPlan *plan, const DataRunOptions *opt,
            Report *r, char *err, size_t errlen)
{
    int n = plan->checks.n;
    Run run = {plan, 0, {s, cfg, NULL, r, 0, &r->arena, NULL, NULL}};
    int slot = enlist(c);
    pgconn_set_work_mem(c, NULL);
    double start = now_s();
    int rc = 0;
    for (int i = 0; i < n; i++) {
        if (interrupted || rc != 0) {
            not_run(&run, i, interrupted ? "interrupted before it ran" : "not run: the connection was lost");
            continue;
        }
        if (plan->checks.v[i].not_run) {
            not_run(&run, i, plan->checks.v[i].not_run);
            continue;
        }
        int ms = opt->statement_timeout_ms;
        if (opt->budget_s > 0) {
            double left = opt->budget_s - (now_s() - start);
            if (left <= 0.001) {
                not_run(&run, i, "not run: the --budget was spent");
                continue;
            }
            if (ms == 0 || left * 1000 < ms)
                ms = (int)(left * 1000) + 1;
        }
        if (opt->progress) {
            const DataCheck *d = &plan->checks.v[i];
            fprintf(stderr, "\r\033[Kdbaudit: data check %d/%d %s %s", i + 1, n, rule_table[d->rule].id,
                    d->t->qname);
            fflush(stderr);
        }
        pgconn_set_statement_timeout(c, ms);
        PgQuery q = {0};
        q.what = "data check";
        q.sql = plan->checks.v[i].sql;
        q.done = on_result;
        q.ctx = &run;
        run.current = i;
        if (pgconn_run(c, &q, 1, err, errlen) != 0)
            rc = -1;
        pgquery_clear(&q);
    }
    if (opt->progress && n)
        fputs("\r\033[K", stderr);
    if (slot >= 0)
        __atomic_store_n(&running[slot], NULL, __ATOMIC_SEQ_CST);
    pgconn_set_statement_timeout(c, opt->statement_timeout_ms);
    if (rc == 0 && interrupted)
        rc = 1;
    return rc;
}
