/* project.h - one scanned project: a service with its knexfile(s) and its
 * migrations, and the schema model its migrations produce.
 *
 * `dbaudit scan` finds projects (src/source/discover.c), reads each one's
 * knexfiles (src/source/knexfile.c) and replays its migrations in order
 * (src/migrate/knex.c for Knex files, src/sql/ddl.c for SQL), then runs the
 * schema rules on the model and the migration and knexfile rules on what
 * was recorded here.
 */
#ifndef DBAUDIT_PROJECT_H
#define DBAUDIT_PROJECT_H

#include "migrate/history.h"
#include "source/knexfile.h"
#include "schema/schema.h"

typedef struct ScanProject {
    const char *name;      /* reported name: the project folder, relative to the scan root */
    const char *root;      /* its folder as given on the command line */
    Schema *schema;        /* the model the migrations produce; owns all memory below */
    VEC(Migration *) migrations; /* in the order Knex runs them */
    VEC(Knexfile *) knexfiles;
    struct CodeBase *code; /* its data-access code (src/code/code.h), or NULL */
} ScanProject;

#endif
