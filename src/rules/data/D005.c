/* D005 duplicate-rows: how many rows already break a uniqueness nothing
 * enforces.  Two kinds of check:
 *   - every expected unique key that no unique index provides (S010's list,
 *     src/rules/expect.c): groups of rows with equal non-NULL values,
 *     soft-deleted rows left out where the table has a soft-delete column;
 *   - tables without any primary key or unique index (S001): whole rows
 *     that repeat.
 * The count is the number of extra rows (a value held by 3 rows counts 2);
 * the message gives the number of groups; samples are "(value) xN". */
#include "core/strbuf.h"
#include "rules/datacheck.h"
#include "rules/expect.h"

static bool has_unique(const Table *t)
{
    for (int i = 0; i < t->indexes.n; i++)
        if (t->indexes.v[i].unique && t->indexes.v[i].valid && !t->indexes.v[i].predicate)
            return true;
    return false;
}

static const char *active_rows(RuleCtx *c, const Table *t)
{
    int sd = facts_of(c, t)->soft_delete_col;
    return sd < 0 ? "true" : soft_delete_cond(c, t, sd, "c", false);
}

void rule_D005(RuleCtx *c)
{
    for (int i = 0; i < c->s->tables.n; i++) {
        const Table *t = c->s->tables.v[i];
        if (!rule_audited_table(t))
            continue;
        UniqueExpect ex[EXPECT_MAX];
        int nex = missing_unique_keys(c, t, ex);
        for (int k = 0; k < nex; k++) {
            const UniqueExpect *e = &ex[k];
            StrBuf keys = STRBUF_INIT, where = STRBUF_INIT;
            sb_puts(&where, active_rows(c, t));
            for (int j = 0; j < e->n; j++) {
                const char *col = q_ident(c, t->columns.v[e->cols[j]].name);
                sb_printf(&keys, "%sc.%s AS k%d", j ? ", " : "", col, j + 1);
                sb_printf(&where, " AND c.%s IS NOT NULL", col);
            }
            DataCheck d = {0};
            d.rule = c->rule;
            d.t = t;
            d.col = e->principal;
            d.key = arena_printf(c->a, "duplicates:%s", e->label);
            d.groups = true;
            d.sql = datacheck_dup_sql(c, t, sb_str(&keys), sb_str(&where), e->n, c->plan->samples);
            d.subject = arena_printf(c->a, "(%s) repeats; no unique key refuses it (S010)", cols_text(c, t, e->cols, e->n));
            d.fix = arena_printf(c->a, "-- the groups: SELECT %s, count(*) FROM %s c WHERE %s GROUP BY %s HAVING count(*) > 1;\n"
                                       "-- merge or delete the extra rows, then add the unique index S010 proposes",
                                 cols_text(c, t, e->cols, e->n), q_table(c, t), sb_str(&where),
                                 cols_text(c, t, e->cols, e->n));
            if (c->plan->mode == DATA_SAMPLE && t->row_estimate > c->plan->sample_rows)
                d.not_run = "not run in --data=sample: duplicates need every row of a large table (use --data=full)";
            vec_push(c->a, &c->plan->checks, d);
            sb_fini(&keys);
            sb_fini(&where);
        }
        if (!table_primary_key(t) && !has_unique(t)) {
            DataCheck d = {0};
            d.rule = c->rule;
            d.t = t;
            d.col = -1;
            d.key = "duplicates:rows";
            d.groups = true;
            /* the row as text: every type has a text form, not every type has equality */
            d.sql = datacheck_dup_sql(c, t, "c::text AS k1", "true", 1, c->plan->samples);
            d.subject = "whole rows repeat; the table has no primary or unique key (S001)";
            d.fix = arena_printf(c->a, "-- the groups: SELECT c::text, count(*) FROM %s c GROUP BY 1 HAVING count(*) > 1;\n"
                                       "-- delete the extra copies, then add the primary key S001 proposes",
                                 q_table(c, t));
            if (c->plan->mode == DATA_SAMPLE && t->row_estimate > c->plan->sample_rows)
                d.not_run = "not run in --data=sample: duplicates need every row of a large table (use --data=full)";
            vec_push(c->a, &c->plan->checks, d);
        }
    }
}
