/* knexfile.h - what a knexfile configures, read statically.
 *
 * src/source/knexfile.c reads knexfile.{js,ts,cjs,mjs} with tree-sitter,
 * without running it: the configuration objects (one per environment, or
 * the single exported one), their migration settings (which the scan uses
 * to find migrations) and the pool and connection settings the knexfile
 * rules (src/rules/config/K###.c) judge.
 */
#ifndef DBAUDIT_KNEXFILE_H
#define DBAUDIT_KNEXFILE_H

#include <stdbool.h>

#include "core/arena.h"
#include "core/report.h"
#include "schema/schema.h"

typedef struct KnexConfig {
    const char *env; /* "production", or NULL for the one exported config */
    Origin origin;   /* the config object */
    /* migrations */
    const char **migration_dirs; /* NULL-terminated, relative to the knexfile's folder */
    const char *migration_table; /* tableName, or NULL */
    const char **load_extensions; /* NULL-terminated, or NULL for Knex's defaults */
} KnexConfig;

typedef struct Knexfile {
    const char *path;
    bool parsed; /* false: could not be read (A003 raised) */
    VEC(KnexConfig) configs;
} Knexfile;

#endif
