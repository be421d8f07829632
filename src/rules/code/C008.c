/* C008 check-then-insert: the code looks for a row (first, select, count
 * on table T where columns W), tests what it found, and inserts into T.
 * Two requests can both find nothing and both insert: only a unique
 * constraint decides.  Reported when the migrations give T no unique
 * constraint or index whose columns are all among W (plus the tenant
 * column), and nothing handles a unique violation (onConflict, or a catch
 * testing 23505).  Tables the migrations do not create are left alone:
 * without the model the rule cannot tell. */
#include <strings.h>

#include "core/strbuf.h"
#include "rules/code/common.h"

static bool among(const char *col, const CodeQuery *r, const char *tenant)
{
    return code_cond_on(r, col) || strcasecmp(col, tenant) == 0;
}

/* A unique key of t all of whose columns the check tested. */
static bool unique_covers(const Table *t, const CodeQuery *r, const char *tenant)
{
    for (int i = 0; i < t->indexes.n; i++) {
        const Index *x = &t->indexes.v[i];
        if (!x->unique || x->nkeys == 0)
            continue;
        bool all = true;
        for (int k = 0; k < x->nkeys && all; k++) {
            const char *name = x->key_names ? x->key_names[k] : NULL;
            if (!name && x->cols[k] >= 0)
                name = t->columns.v[x->cols[k]].name;
            all = name && among(name, r, tenant);
        }
        if (all)
            return true;
    }
    for (int i = 0; i < t->constraints.n; i++) {
        const Constraint *k = &t->constraints.v[i];
        if (k->kind != CON_UNIQUE && k->kind != CON_PRIMARY)
            continue;
        bool all = true;
        for (int j = 0; j < k->ncols && all; j++)
            all = among(t->columns.v[k->cols[j]].name, r, tenant);
        if (all)
            return true;
    }
    return false;
}

void rule_C008(RuleCtx *c)
{
    CodeIter it = code_iter(c);
    while (code_next(&it)) {
        const CodeUnit *u = it.u;
        for (int j = 0; j < u->queries.n; j++) {
            const CodeQuery *ins = &u->queries.v[j];
            if (!code_unguarded_insert(u, ins))
                continue;
            const Table *t = code_table(c, ins);
            if (!t)
                continue;
            for (int i = j - 1; i >= 0; i--) {
                const CodeQuery *r = &u->queries.v[i];
                if (!qop_reads(r->op) || !r->table || strcmp(r->table, ins->table) != 0 || !r->result_checked ||
                    r->conds.n == 0)
                    continue;
                if (unique_covers(t, r, c->cfg->tenant_column))
                    break;
                StrBuf cols = STRBUF_INIT;
                for (int k = 0; k < r->conds.n; k++)
                    if (r->conds.v[k].column && !r->conds.v[k].null_test)
                        sb_printf(&cols, "%s%s", cols.len ? ", " : "", r->conds.v[k].column);
                const char *ctext = arena_strdup(c->a, cols.len ? cols.s : "?");
                sb_fini(&cols);
                Finding *f = code_finding(
                    c, u, ins->at, arena_printf(c->a, "%s:%s", ins->table, ctext),
                    "%s inserts after checking at line %d that no row with (%s) exists, but %s has no unique "
                    "constraint on those columns and nothing handles a unique violation: two concurrent requests both "
                    "pass the check and both insert",
                    code_query_text(c, ins), r->at.line, ctext, d_table(c, t));
                rule_fix(c, f,
                         "-- let the database arbitrate (a migration):\n"
                         "CREATE UNIQUE INDEX CONCURRENTLY ON %s (%s);\n"
                         "// then insert and treat a duplicate as the answer:\n"
                         "await %s('%s').insert(row).onConflict([/* %s */]).ignore();",
                         q_table(c, t), ctext, ins->executor, ins->table, ctext);
                break;
            }
        }
    }
}
