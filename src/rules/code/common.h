/* common.h - what the code rules (C001-C019) share.
 *
 * Code rules read the data-access model of a scanned project (ScanProject
 * .code, src/code/code.h) and, for what the tables are (tenant-scoped,
 * soft-deleted, unique keys, RLS), the schema model its migrations built.
 * A project with no migrations has an empty model: rules that need a table
 * fact then stay silent unless they say in the finding what they assumed.
 */
#ifndef DBAUDIT_CODE_COMMON_H
#define DBAUDIT_CODE_COMMON_H

#include <stdbool.h>

#include "code/code.h"
#include "migrate/project.h"
#include "rules/rule.h"

/* Every function of the project's code, file by file. */
typedef struct CodeIter {
    const CodeBase *cb;
    int file, unit;
    const CodeUnit *u;
} CodeIter;

const CodeBase *code_of(const RuleCtx *c);
static inline CodeIter code_iter(const RuleCtx *c)
{
    return (CodeIter){code_of(c), 0, -1, NULL};
}
/* while (code_next(&it)) { const CodeUnit *u = it.u; ... } */
bool code_next(CodeIter *it);

/* Every query of every function: while (code_next_query(&it)) { it.u, it.q }. */
typedef struct QueryIter {
    CodeIter units;
    int i;
    const CodeUnit *u;
    const CodeQuery *q;
} QueryIter;
static inline QueryIter code_queries(const RuleCtx *c)
{
    return (QueryIter){code_iter(c), -1, NULL, NULL};
}
bool code_next_query(QueryIter *it);

/* The table a query names, in the project's model (in the schema it
 * names, else public first), or NULL. */
const Table *code_table(const RuleCtx *c, const CodeQuery *q);

/* A finding of c->rule at p in u's file.  key: identity without line
 * numbers (the function's name is added). */
Finding *code_finding(RuleCtx *c, const CodeUnit *u, Pos p, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* True when the query has a condition on column (case-insensitive), or a
 * raw condition that names it. */
bool code_cond_on(const CodeQuery *q, const char *column);
/* True when some name of a (NULL-terminated) is in b. */
bool code_names_meet(const char *const *a, const char *const *b);
/* True when one of names is, or is computed from (through the function's
 * local variables, a few steps deep), one of sources. */
bool code_derives(const CodeUnit *u, const char *const *names, const char *const *sources);

/* True when the loop (or a loop around it) declares one of names. */
bool code_loop_declares(const CodeUnit *u, int loop, const char *const *names);

/* A loop that does not work item by item: it stops early (a search, a
 * batch loop that breaks when nothing is left) or runs over chunks,
 * batches or pages (by its variables' names). */
bool code_batch_loop(const CodeLoop *l);

/* An insert that nothing protects from a unique violation: no onConflict,
 * no .catch(), no 23505 handling in its function. */
bool code_unguarded_insert(const CodeUnit *u, const CodeQuery *q);

/* "trx('tickets')" or "knex.raw(...)": how a message names a query. */
const char *code_query_text(RuleCtx *c, const CodeQuery *q);
/* "the transaction at line 12" / "the caller's transaction (parameter trx)". */
const char *code_txn_text(RuleCtx *c, const CodeUnit *u, int txn);
/* "'a', 'b'": column names as a JavaScript list's items. */
const char *code_js_cols(RuleCtx *c, const Table *t, const int *cols, int n);

/* Without the table in the model: how many of the project's queries on
 * table filter it by a column matching globs (for tenant_id, deleted_at),
 * out of how many queries on it.  The code's own convention, for the
 * rules' fallback when no migration creates the table. */
typedef struct CodeUsage {
    int queries, filtered;
    const char *column; /* the column they filter by */
} CodeUsage;
CodeUsage code_usage(const RuleCtx *c, const char *table, const StrList *globs);

/* The isolation level the transaction (or one around it) asks for, or NULL. */
const char *code_txn_isolation(const CodeUnit *u, int txn);

#endif
