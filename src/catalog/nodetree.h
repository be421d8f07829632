/* nodetree.h - PostgreSQL's stored expressions (pg_node_tree) as SqlExpr.
 *
 * pg_get_expr() turns a stored expression back into SQL on the server, but
 * first opens the relation it belongs to: on a cold connection that costs
 * about 70 microseconds per table, most of a second for 10,000 tables with
 * row level security.  For the simple expressions policies are made of
 * (comparisons, function calls, casts, AND/OR/NOT, constants, columns) the
 * catalog sends the node tree text instead, and this file reads it: into
 * our SqlExpr tree, and back into SQL text for messages and fixes.
 *
 * The catalog query decides which trees come this way (nodetree_supported_re
 * below); anything else is deparsed by the server as before.  A tree this
 * reader cannot follow all the same makes nodetree_read() fail, and the
 * caller reports the expression as unreadable instead of guessing.
 */
#ifndef DBAUDIT_NODETREE_H
#define DBAUDIT_NODETREE_H

#include <stdbool.h>

#include "core/arena.h"
#include "sql/sql.h"

/* Names of the objects node trees refer to by oid. */
typedef struct NodeNames NodeNames;

NodeNames *nodenames_new(Arena *a);
/* kind: 'o' operator, 'f' function, 't' type.  name: as SQL wants it
 * ("=", "pg_catalog.current_setting" or "current_setting", "uuid"). */
void nodenames_add(NodeNames *n, char kind, unsigned long oid, const char *name);

/* Column name of attribute attnum of the expression's table, or NULL. */
typedef const char *(*NodeColumnFn)(void *ctx, int attnum);

/* Reads one expression tree.  On success sets *expr and *sql (SQL text
 * close to what pg_get_expr() prints), both in a, and returns true.  The
 * generic tree read on the way lives in scratch, which is reset first:
 * nothing of it is referenced afterwards. */
bool nodetree_read(Arena *a, Arena *scratch, const char *text, const NodeNames *names, NodeColumnFn column,
                   void *ctx, SqlExpr **expr, const char **sql);

/* A SQL string literal holding a regular expression that matches node tree
 * text this reader does NOT handle: unknown node types, constants of types
 * it cannot print, casts with a type modifier, outer references.  An
 * E'' literal, so it reads the same whatever standard_conforming_strings. */
#define NODETREE_UNSUPPORTED_SQL                                                                   \
    "E'\\\\{(?!(CONST|VAR|OPEXPR|FUNCEXPR|BOOLEXPR|COERCEVIAIO|RELABELTYPE|NULLTEST|"              \
    "SCALARARRAYOPEXPR|ARRAYEXPR|NULLIFEXPR) )|:consttype (?!(16|19|20|21|23|25|1042|1043) )|"     \
    ":resulttypmod (?!-1 )|:varlevelsup (?!0 )'"

#endif
