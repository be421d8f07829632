/* datarun.h - running data checks against the live database. */
#ifndef DBAUDIT_DATARUN_H
#define DBAUDIT_DATARUN_H

#include <stddef.h>

#include "catalog/pgconn.h"
#include "rules/datacheck.h"

typedef struct DataRunOptions {
    int statement_timeout_ms; /* per check; 0: none */
    double budget_s;          /* all checks together; 0: none */
    bool progress;            /* a progress line on stderr */
} DataRunOptions;

/* Runs the checks of the plan one by one, each in its own read-only
 * transaction, under the statement timeout and what is left of the budget.
 * Adds a finding for every check that counts offending rows, and an A002
 * finding for every check that could not finish: it failed, the budget ran
 * out, or the run was interrupted (SIGINT cancels the running check on the
 * server).  Returns 0; 1 when interrupted; -1 when the connection was lost
 * (err says why).  Findings so far are kept in every case. */
int datarun(PgConn *c, const Schema *s, const AuditConfig *cfg, const DataPlan *plan, const DataRunOptions *opt,
            Report *r, char *err, size_t errlen);

/* Between these two calls SIGINT cancels the checks running in datarun()
 * (on every connection, from any thread) instead of killing the process. */
void datarun_catch_interrupts(void);
void datarun_release_interrupts(void);

#endif
