/* scan.h - `dbaudit scan`: projects found, migrations replayed, rules run.
 *
 * For each project discovery finds (src/source/discover.h): its knexfiles
 * are read, its migrations are replayed in Knex's order into a fresh schema
 * model (Knex files by src/migrate/knex.c, .sql files by src/sql/ddl.c),
 * then the schema rules run on the model and the migration and knexfile
 * rules on what was recorded.  Suppression comments of every file read are
 * applied at the end.
 */
#ifndef DBAUDIT_SCAN_H
#define DBAUDIT_SCAN_H

#include <stdbool.h>
#include <stdio.h>

#include "core/config.h"
#include "core/report.h"
#include "rules/rules.h"

typedef struct ScanOptions {
    const char *const *excludes; /* globs */
    int nexcludes;
    FILE *model_out; /* --print-model: print each project's model here instead of auditing */
    FILE *code_out;  /* --print-code: print each project's code model here instead of auditing */
} ScanOptions;

typedef struct ScanRun ScanRun;

/* Scans the paths into r.  Returns the run (free it after the report is
 * written: findings point into it), or NULL with err set when a path does
 * not exist or cannot be read at all. */
ScanRun *scan_run(const char *const *paths, int npaths, const ScanOptions *opt, const AuditConfig *cfg,
                  const RuleSelection *sel, Report *r, char *err, size_t errlen);
void scan_free(ScanRun *run);

#endif
