/* catalog.h - a live PostgreSQL catalog into the schema model.
 *
 * Reads pg_catalog (never information_schema, which hides objects the
 * current role does not own and is slow) with a fixed number of pipelined
 * queries, whatever the number of tables, over one or two sessions that see
 * the same snapshot.  System, temporary and
 * extension-owned objects are left out; schema filters are globs.
 */
#ifndef DBAUDIT_CATALOG_H
#define DBAUDIT_CATALOG_H

#include "catalog/pgconn.h"
#include "schema/schema.h"

typedef struct CatalogFilter {
    const char *const *schemas; /* globs; NULL or empty: every schema */
    int nschemas;
    const char *const *exclude; /* globs */
    int nexclude;
} CatalogFilter;

/* What could not be read, for the audit-incomplete finding. */
typedef struct CatalogGap {
    const char *what;  /* "RLS policies" */
    char *error;       /* one line, malloc'd */
} CatalogGap;

typedef struct CatalogResult {
    Schema *schema;    /* NULL when nothing could be read */
    CatalogGap gaps[8];
    int ngaps;
    char error[512];   /* when schema is NULL or the connection was lost */
    bool lost;         /* the connection dropped */
} CatalogResult;

/* Reads the catalog.  second: another session to the same database
 * (pgconn_open_pair()), which takes half of the queries in c's snapshot, or
 * NULL; catalog_read() closes it.  Returns 0 with res->schema set (possibly
 * with gaps), or -1 with res->error set. */
int catalog_read(PgConn *c, PgConn *second, const CatalogFilter *f, CatalogResult *res);
void catalog_result_fini(CatalogResult *res);

/* Converts a glob (*, ?) into an anchored POSIX regular expression. */
char *catalog_glob_regex(const char *glob);

#endif
