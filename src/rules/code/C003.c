/* C003 read-modify-write: a row is read, and an update of the same table
 * (a condition on a column the read also used) writes a value computed
 * from what was read, with nothing to stop another request doing the same
 * in between: no row lock on the read (forUpdate, forNoKeyUpdate,
 * forShare, FOR UPDATE in SQL), no serializable transaction, and no
 * compare-and-set (the update repeats a condition on the value it read,
 * such as version or status, and tests the row count it gets back).
 * Lost updates: two purchases both read available = 1 and both succeed. */
#include <strings.h>

#include "rules/code/common.h"

static bool key_column(const char *col)
{
    size_t n = strlen(col);
    return strcasecmp(col, "id") == 0 || strcasecmp(col, "uuid") == 0 || (n > 3 && strcasecmp(col + n - 3, "_id") == 0) ||
           (n > 2 && strcmp(col + n - 2, "Id") == 0);
}

/* The update re-checks what it read and tests the result. */
static bool compare_and_set(const CodeQuery *w)
{
    if (!w->result_checked)
        return false;
    for (int i = 0; i < w->conds.n; i++)
        if (w->conds.v[i].raw || (w->conds.v[i].column && !key_column(w->conds.v[i].column)))
            return true;
    return false;
}

/* The write targets what was read: a condition on the same column, or a
 * key taken from the row read (where({ id: acct.id })). */
static bool same_rows(const CodeQuery *r, const CodeQuery *w)
{
    for (int i = 0; i < r->conds.n; i++)
        if (r->conds.v[i].column && code_cond_on(w, r->conds.v[i].column))
            return true;
    for (int i = 0; i < w->conds.n; i++)
        if (code_names_meet(w->conds.v[i].idents, r->result_names))
            return true;
    return false;
}

void rule_C003(RuleCtx *c)
{
    CodeIter it = code_iter(c);
    while (code_next(&it)) {
        const CodeUnit *u = it.u;
        for (int j = 0; j < u->queries.n; j++) {
            const CodeQuery *w = &u->queries.v[j];
            if (w->op != QOP_UPDATE || !w->table || !w->set_idents || !w->set_idents[0])
                continue;
            for (int i = j - 1; i >= 0; i--) {
                const CodeQuery *r = &u->queries.v[i];
                if (!qop_reads(r->op) || !r->table || strcmp(r->table, w->table) != 0 ||
                    !code_derives(u, w->set_idents, r->result_names) || !same_rows(r, w))
                    continue;
                const char *iso = code_txn_isolation(u, r->txn);
                /* REPEATABLE READ and SERIALIZABLE fail the second writer with 40001
                 * instead of losing its update (C009 asks for the retry) */
                if (r->lock != LOCK_NONE ||
                    (iso && strcasecmp(iso, "read committed") != 0 && strcasecmp(iso, "read uncommitted") != 0) ||
                    compare_and_set(w))
                    break;
                Finding *f = code_finding(
                    c, u, w->at, arena_printf(c->a, "%s:rmw", w->table),
                    "%s updates %s with a value computed from %s, read at line %d without a lock%s: two concurrent "
                    "requests read the same value and one update is lost",
                    code_query_text(c, w), w->table, r->result, r->at.line,
                    r->txn >= 0 ? " (a transaction alone does not stop it at READ COMMITTED)" : "");
                rule_fix(c, f,
                         "// either lock the row for the read, inside one transaction:\n"
                         "const %s = await trx('%s').where(/* same key */).forUpdate().first();\n"
                         "// or let the database compute the new value atomically:\n"
                         "await trx('%s').where(/* same key */).decrement('column', amount); // or increment\n"
                         "// or compare-and-set: repeat what you read in the where and check the count:\n"
                         "const n = await trx('%s').where({ id, version: %s.version }).update({ /* ... */, version: %s.version + 1 });\n"
                         "if (n === 0) throw new ConflictError();",
                         r->result, w->table, w->table, w->table, r->result, r->result);
                break;
            }
        }
    }
}
