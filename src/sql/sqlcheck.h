/* sqlcheck.h - does a text parse as SQL?  For readers that must decide
 * whether SQL with run-time values still has a known shape. */
#ifndef DBAUDIT_SQLCHECK_H
#define DBAUDIT_SQLCHECK_H

#include <stdbool.h>

/* True when PostgreSQL's parser accepts the whole text. */
bool sql_parses(const char *sql);

#endif
