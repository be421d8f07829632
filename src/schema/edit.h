/* edit.h - changing the schema model the way DDL changes a database.
 *
 * The migration sources (the Knex schema-builder reader and the SQL DDL
 * reader) replay a project's history through these functions.  They keep
 * what the catalog would keep consistent: column positions inside
 * constraints and indexes, the name lookups, foreign keys that follow a
 * renamed table, objects that disappear with a dropped column or table, and
 * PostgreSQL's own names for unnamed constraints and indexes.
 *
 * Every object gets the Origin of the statement that created it; a change
 * (NOT NULL set, default changed...) moves the column's origin to the
 * change.  Strings are copied into the schema arena.
 */
#ifndef DBAUDIT_EDIT_H
#define DBAUDIT_EDIT_H

#include "schema/schema.h"

/* PostgreSQL truncates identifiers to 63 bytes (NAMEDATALEN - 1), at a
 * character boundary. */
const char *edit_identifier(Schema *s, const char *name);

/* A new table, or NULL when one of that name exists. */
Table *edit_create_table(Schema *s, const char *schema, const char *name, Origin o);
/* Drops the table, its indexes, and foreign keys of other tables that
 * reference it (what DROP TABLE ... CASCADE does). */
void edit_drop_table(Schema *s, Table *t);
/* Renames; foreign keys that reference it follow. */
void edit_rename_table(Schema *s, Table *t, const char *new_name);

/* Appends a column (copied; strings included).  Returns its index, or -1
 * when the table already has a column of that name. */
int edit_add_column(Schema *s, Table *t, const Column *c);
/* Drops a column with the constraints and indexes that use it. */
void edit_drop_column(Schema *s, Table *t, int col);
/* Renames a column; foreign keys of other tables that reference it follow. */
void edit_rename_column(Schema *s, Table *t, int col, const char *new_name);

/* Adds a constraint (copied, with cols and ref_cols).  A PRIMARY KEY or
 * UNIQUE constraint also gets its backing index, named after it; a primary
 * key makes its columns NOT NULL.  When k->name is NULL, PostgreSQL's
 * default name is chosen (see edit_choose_name). */
Constraint *edit_add_constraint(Schema *s, Table *t, const Constraint *k);
/* Drops the named constraint (and its backing index).  False when absent. */
bool edit_drop_constraint(Schema *s, Table *t, const char *name);
Constraint *edit_find_constraint(Table *t, const char *name);

/* Adds an index (copied).  x->name NULL: PostgreSQL's default name. */
Index *edit_add_index(Schema *s, Table *t, const Index *x);
/* Drops the index named name in schema (index names are unique per
 * schema).  An index that backs a constraint goes with its constraint.
 * False when absent. */
bool edit_drop_index(Schema *s, const char *schema, const char *name);
/* The table that holds the index, or NULL (scans the schema's tables). */
Table *edit_index_table(Schema *s, const char *schema, const char *name, Index **out);
/* The index of that name on table t, or NULL. */
Index *edit_table_index(Table *t, const char *name);
/* True when a table, index or constraint of the schema has that name (an
 * index lookup, not a scan). */
bool edit_name_in_use(Schema *s, const char *schema, const char *name);

Policy *edit_add_policy(Schema *s, Table *t, const Policy *p);
bool edit_drop_policy(Table *t, const char *name);

/* Call after renaming an index or constraint in place (not through this
 * file): the names edit_choose_name() avoids are read again. */
void edit_forget_names(Schema *s);

/* PostgreSQL's name for an unnamed object, as ChooseConstraintName and
 * ChooseRelationName build it: "<table>_<col>_<col>_<suffix>" truncated to
 * fit 63 bytes, then a number appended to the suffix until no table,
 * index or constraint of the schema has it.  suffix: "pkey", "key",
 * "fkey", "check", "idx", "excl".  cols may be NULL (n = 0); a NULL name
 * among them stands for an expression ("expr"). */
const char *edit_choose_name(Schema *s, const Table *t, const char *const *cols, int n, const char *suffix);

#endif
