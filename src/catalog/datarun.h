/* datarun.h - running data checks against the live database. */
#ifndef DBAUDIT_DATARUN_H
#define DBAUDIT_DATARUN_H

#include <stddef.h>

#include "catalog/pgconn.h"
#include "rules/datacheck.h"

/* Runs every check of the plan in one read-only pipeline (each under the
 * session's statement_timeout, each behind its own savepoint).  Adds a
 * finding for every check that counts offending rows, and an A002 finding
 * for every check that could not finish.  Returns 0, or -1 when the
 * connection was lost (err says why; findings so far are kept). */
int datarun(PgConn *c, const Schema *s, const AuditConfig *cfg, const DataPlan *plan, Report *r, char *err,
            size_t errlen);

#endif
