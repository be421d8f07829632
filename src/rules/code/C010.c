/* C010 unhandled-unique-violation: an insert that sets every column of a
 * unique key of its table (per the migrations; the primary key aside),
 * with no onConflict and no handling of a unique violation (23505) in the
 * function.  A duplicate (a second signup with the same email, a retried
 * request) then surfaces as a 500 instead of a 409 or an idempotent
 * answer.  Only tables the migrations create, only unique keys whose
 * columns the insert writes. */
#include <strings.h>

#include "rules/code/common.h"

static bool sets(const CodeQuery *q, const char *col)
{
    for (int i = 0; q->set_cols && q->set_cols[i]; i++)
        if (strcasecmp(q->set_cols[i], col) == 0)
            return true;
    return false;
}

void rule_C010(RuleCtx *c)
{
    CodeIter it = code_iter(c);
    while (code_next(&it)) {
        const CodeUnit *u = it.u;
        for (int j = 0; j < u->queries.n; j++) {
            const CodeQuery *q = &u->queries.v[j];
            if (!code_unguarded_insert(u, q) || !q->set_cols || !q->set_cols[0])
                continue;
            const Table *t = code_table(c, q);
            if (!t)
                continue;
            const Index *key = NULL;
            for (int i = 0; i < t->indexes.n && !key; i++) {
                const Index *x = &t->indexes.v[i];
                if (!x->unique || x->primary || x->nkeys == 0)
                    continue;
                bool all = true;
                for (int k = 0; k < x->nkeys && all; k++)
                    all = x->cols[k] >= 0 && sets(q, t->columns.v[x->cols[k]].name);
                if (all)
                    key = x;
            }
            if (!key)
                continue;
            const char *cols = cols_text(c, t, key->cols, key->nkeys);
            Finding *f = code_finding(c, u, q->at, arena_printf(c->a, "%s:%s", q->table, key->name),
                                      "%s can hit the unique key %s (%s) and nothing handles a unique violation "
                                      "(23505): a duplicate becomes an unhandled error instead of a clear answer",
                                      code_query_text(c, q), key->name, cols);
            rule_fix(c, f,
                     "try {\n"
                     "  await %s('%s').insert(row);\n"
                     "} catch (err) {\n"
                     "  if (err.code === '23505') throw new ConflictError('%s already exists');\n"
                     "  throw err;\n"
                     "}\n"
                     "// or, when a duplicate is fine: .onConflict([%s]).ignore()",
                     q->executor, q->table, cols, code_js_cols(c, t, key->cols, key->nkeys));
        }
    }
}
