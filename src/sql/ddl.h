/* ddl.h - SQL migrations replayed into the schema model.
 *
 * `dbaudit scan` rebuilds a project's schema from its migrations.  This is
 * the SQL half: the text of a .sql migration, or of a knex.raw() call, is
 * parsed by the real PostgreSQL grammar (libpg_query, behind the wall of
 * src/sql/) and every statement is replayed through src/schema/edit.h, so
 * the model ends up as the live catalog reader (src/catalog/catalog.c)
 * would read the same DDL back from a server: types as format_type()
 * prints them, PostgreSQL's default names, serial defaults, backing
 * indexes.  What each statement did is recorded as events in the migration
 * (src/migrate/history.h); what cannot be modelled is reported once, as an
 * A003 finding at its position, and the next statement is read.
 */
#ifndef DBAUDIT_DDL_H
#define DBAUDIT_DDL_H

#include <stddef.h>

#include "core/arena.h"
#include "migrate/history.h"

/* Maps a byte offset in the SQL text to a file position (the SQL may sit
 * inside a JS template literal). */
typedef Origin (*SqlPosFn)(void *arg, size_t offset);

/* Reads every statement of sql into k->schema and records events in
 * k->mig.  With k->down set only events are recorded: the model is never
 * changed.  Never fails: text that does not parse, is not UTF-8, or holds
 * statements dbaudit does not model becomes A003 findings (through
 * mig_not_understood()), and every other statement still counts. */
void sql_ddl_apply(MigSink *k, const char *sql, SqlPosFn pos, void *arg);

/* Knex placeholders rewritten so libpg_query can parse the text: `?` and
 * `:name` become $1..$n, `??` and `:name:` become a quoted identifier
 * "knex_binding_N" (N counts every binding, as Knex numbers them).  String
 * literals, quoted identifiers, comments, dollar-quoted bodies, `::` casts
 * and the JSONB operators `?|` `?&` are left alone; Knex's escaped `\?`
 * becomes the `?` operator it sends to the server.  Returns a copy in a. */
const char *sql_rewrite_placeholders(Arena *a, const char *sql);

/* A type as written in SQL ("varchar(10)", "int4", "timestamptz",
 * "numeric(10, 2)[]", "public.ticket_status") as PostgreSQL's format_type()
 * prints it ("character varying(10)", "integer", "timestamp with time
 * zone", "numeric(10,2)[]"); user types keep their schema only when it is
 * not "public" (format_type with search_path=public).  serial types give
 * their integer type.  NULL when the text is not one type name. */
const char *sql_format_type(Arena *a, const char *type_text);

/* A column as "name spec" in CREATE TABLE would make it, for Knex's
 * specificType() and the like: spec "bigint GENERATED ALWAYS AS IDENTITY",
 * "serial", "text NOT NULL DEFAULT 'x'" fills out's type (format_type()),
 * type_kind, not_null, default_expr (serial: nextval('<table>_<name>_seq'
 * ::regclass)), identity and generated, with strings in s's arena.  False
 * when spec is not one column definition, or carries more than NOT NULL,
 * NULL, DEFAULT, identity and GENERATED (keys belong to the caller). */
bool sql_column_spec(Schema *s, const char *default_schema, const char *table, const char *name, const char *spec,
                     Column *out);

#endif
