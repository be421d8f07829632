/* dump.h - the schema model as stable text.
 *
 * `dbaudit db --print-model` and `dbaudit scan --print-model` print the
 * model they built, one object per line, sorted, so that the two sources
 * can be compared line by line (the migration equivalence test does) and
 * fixture projects can keep golden snapshots.  Expressions are printed by
 * what rules use from them (the columns a CHECK, an index predicate or a
 * policy reads; the kind of a default), not by their text: PostgreSQL's
 * deparsed text and the text a migration wrote differ in casts and
 * parentheses, never in those facts.
 */
#ifndef DBAUDIT_DUMP_H
#define DBAUDIT_DUMP_H

#include <stdio.h>

#include "schema/schema.h"

/* Prints every table (except tables whose name starts with one of the
 * NULL-terminated prefixes in skip, which may be NULL) and type. */
void schema_dump(FILE *out, const Schema *s, const char *const *skip);

#endif
