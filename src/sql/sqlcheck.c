/* sqlcheck.c - see sqlcheck.h. */
#include "sql/sqlcheck.h"

#include <stddef.h>

#include <pg_query.h>

bool sql_parses(const char *sql)
{
    PgQueryParseResult r = pg_query_parse(sql);
    bool ok = r.error == NULL;
    pg_query_free_parse_result(r);
    return ok;
}
