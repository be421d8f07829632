/* datacheck.h - data checks: SQL that data rules plan from the model and
 * `dbaudit db --data` runs against the live database.
 *
 * A data rule (src/rules/data/D###.c) never talks to the database: run by
 * rules_run() with a plan, it
 * appends DataChecks, each one SQL statement that returns exactly one row,
 * (count bigint, samples text[] or NULL): how many rows offend and up to N
 * of their keys.  The runner (src/catalog/datarun.c) sends them all in one
 * read-only pipeline, each under the session's statement_timeout, and
 * turns non-zero counts into findings and failures into A002.  All the
 * work happens on the server; only the samples travel.
 */
#ifndef DBAUDIT_DATACHECK_H
#define DBAUDIT_DATACHECK_H

#include <stdio.h>

#include "rules/rule.h"

typedef struct DataCheck {
    RuleId rule;
    const Table *t;
    int col;             /* column the finding points at, or -1 */
    const char *key;     /* fingerprint key */
    const char *sql;     /* SELECT count, samples */
    const char *subject; /* what the counted rows are: "event_id matches no row of public.events" */
    const char *why;     /* why now: "foreign key x is NOT VALID", or NULL */
    const char *fix;     /* optional */
    bool groups;         /* the SQL returns a third column: duplicate groups */
    double sample_pct;   /* > 0: counted on a TABLESAMPLE of this percentage */
    const char *not_run; /* set: reported by A002 with this reason, not run */
} DataCheck;

typedef enum DataMode { DATA_OFF, DATA_SAMPLE, DATA_FULL } DataMode;

/* In sample mode, tables with more rows than sample_rows (by the planner's
 * estimate) are counted on a sample of about that many rows. */
enum { DATA_SAMPLE_ROWS = 1000000 };

typedef struct DataPlan {
    int samples; /* keys to fetch per check */
    DataMode mode;
    double sample_rows; /* DATA_SAMPLE_ROWS unless set */
    VEC(DataCheck) checks;
} DataPlan;

/* Sets d->sql (and d->sample_pct) for a check counting the rows of d->t
 * (alias c) that match cond, with samples made of the key expression,
 * found with sample_cond (the same condition shaped for a short scan:
 * per-row probes; NULL: cond).  In sample mode a large table is read
 * through TABLESAMPLE SYSTEM and the count becomes an estimate. */
void datacheck_count(RuleCtx *c, DataCheck *d, const char *cond, const char *sample_cond, const char *key_expr);

/* The SQL of a duplicates check: groups of rows of t (alias c, filtered by
 * where) with equal values of the key expressions (keys, comma-separated,
 * aliased k1..kn by the caller), counting extra rows, samples "(k) x3",
 * and groups. */
const char *datacheck_dup_sql(RuleCtx *c, const Table *t, const char *keys, const char *where, int nkeys,
                              int samples);

/* Writes the plan as a SQL script a team can schedule (psql -X -f): a
 * header, then per check a comment and one SELECT returning rule, object,
 * count, samples (and groups).  Returns 0, or -1 when the stream failed. */
int datacheck_write_script(FILE *out, const DataPlan *plan, const char *database);

/* "p.k1 = c.c1 AND p.k2 = c.c2": a child row c matched with its parent p. */
const char *datacheck_match(RuleCtx *c, const Table *t, const int *cols, const char *const *ref_cols, int n);

/* Key expression for samples: ROW(cols)::text, or the primary key, or ctid. */
const char *datacheck_key(RuleCtx *c, const Table *t, const int *cols, int n);

#endif
