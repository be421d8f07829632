/* knex.h - reading a Knex migration file (JavaScript or TypeScript).
 *
 * The file is parsed with tree-sitter and its `up` function is replayed
 * into the project's schema model, statement by statement, the way Knex
 * would run it against PostgreSQL: schema builder calls become model edits
 * with Knex's own names and PostgreSQL's types, `knex.raw` SQL goes to the
 * SQL reader, `hasTable`/`hasColumn` guards are answered from the model as
 * it stands, helper functions of the same file are followed, and loops over
 * literal arrays are unrolled.  `down` is read the same way but only
 * recorded.  Whatever cannot be followed statically (SQL built at run time,
 * a condition on the environment, an unknown builder method) becomes an
 * A003 "not understood" finding at its position, never a silent guess.
 */
#ifndef DBAUDIT_KNEX_H
#define DBAUDIT_KNEX_H

#include <stdbool.h>
#include <stddef.h>

#include "migrate/history.h"

typedef struct KnexModules KnexModules;

/* Reads the migration in src (len bytes, path for positions) into k->mig and
 * k->schema.  k->down is managed here.  lenient: the file sits in a folder
 * no knexfile names, so a file without up and down is not a migration
 * (k->mig->not_migration) rather than a broken one. */
void knex_read_migration(MigSink *k, KnexModules *modules, const char *path, const char *src, size_t len,
                         bool lenient);

/* The files migrations import (constants, helpers), parsed and evaluated
 * once per project: in a's memory; knex_modules_free() releases their
 * syntax trees when the project is done. */
KnexModules *knex_modules_new(Arena *a);
void knex_modules_free(KnexModules *ms);

#endif
