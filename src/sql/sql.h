/* sql.h - the wall around libpg_query.
 *
 * Only src/sql/ includes <pg_query.h>.  The rest of dbaudit sees:
 *   - identifier and literal quoting that follows PostgreSQL's own keyword
 *     list (taken from libpg_query's scanner, not a copy of it);
 *   - SqlExpr, a small expression tree of our own for the expressions rules
 *     look into (RLS policies, index predicates, CHECK constraints).
 * Every result lives in the caller's arena.
 */
#ifndef DBAUDIT_SQL_H
#define DBAUDIT_SQL_H

#include <stdbool.h>

#include "core/arena.h"

/* Identifier as PostgreSQL's quote_ident() prints it: bare when it is a
 * lower-case name that is not a reserved-ish keyword, quoted otherwise. */
const char *sql_ident(Arena *a, const char *name);
/* "schema.name", each part quoted as needed. */
const char *sql_qname(Arena *a, const char *schema, const char *name);
/* Comma-separated quoted column list: "a, \"B\"". */
const char *sql_ident_list(Arena *a, const char *const *names, int n);
/* String literal: 'it''s'. */
const char *sql_literal(Arena *a, const char *s);

/* An identifier for display in locations: bare when it contains only
 * lower-case letters, digits, _ and $ (and does not start with a digit),
 * double-quoted otherwise, so "schema.table.column" stays unambiguous. */
const char *sql_display_ident(Arena *a, const char *name);

typedef enum SqlExprKind {
    SX_AND,     /* args: operands */
    SX_OR,      /* args: operands */
    SX_NOT,     /* args[0] */
    SX_OP,      /* name: operator ("=", "= ANY", "IN"); args: operands */
    SX_COLUMN,  /* name: last field; qualifier: the one before, if any */
    SX_FUNC,    /* name: function name without schema; args */
    SX_CONST,   /* name: the value as text; const_type: 's' 'i' 'f' 'b' 'n' (null) */
    SX_CAST,    /* name: type name; args[0] */
    SX_SUBLINK, /* name: "EXISTS", "ANY", "ALL", "EXPR"...; args[0]: test expr or none */
    SX_NULLTEST,/* name: "IS NULL" / "IS NOT NULL"; args[0] */
    SX_CASE,    /* args: cond1, result1, cond2, result2, ..., else (a NULL constant when absent) */
    SX_OTHER    /* name: libpg_query node type; args: child expressions found */
} SqlExprKind;

typedef struct SqlExpr {
    SqlExprKind kind;
    const char *name;
    const char *qualifier;
    char const_type;
    int nargs;
    struct SqlExpr **args;
    struct SqlExpr *sub; /* SX_SUBLINK: the subquery's target list and WHERE
                            clause (an SX_OTHER node), walked only by
                            sql_expr_walk_deep() */
} SqlExpr;

/* Parses one scalar expression (as pg_get_expr() prints it, or as written in
 * a migration).  Returns NULL and sets *err (arena text) when it does not
 * parse. */
SqlExpr *sql_expr_parse(Arena *a, const char *expr, const char **err);

/* Calls fn for every node, depth first; stops early when fn returns false.
 * Does not enter subqueries: their columns belong to other tables. */
bool sql_expr_walk(const SqlExpr *e, bool (*fn)(const SqlExpr *e, void *arg), void *arg);
/* The same, entering subqueries (their target lists and WHERE clauses). */
bool sql_expr_walk_deep(const SqlExpr *e, bool (*fn)(const SqlExpr *e, void *arg), void *arg);

/* Names of the columns the expression mentions, NULL-terminated, unique. */
const char **sql_expr_columns(Arena *a, const SqlExpr *e);

/* The expression with casts removed from the top. */
const SqlExpr *sql_expr_strip_casts(const SqlExpr *e);

#endif
