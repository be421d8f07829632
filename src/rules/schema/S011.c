/* S011 soft-delete-unique-not-partial: a table with a soft-delete column
 * (deleted_at, archived_at, is_deleted...) has a unique key that is not
 * partial on it, so deleted rows keep their values taken.  A key that lists
 * the soft-delete column itself is worse: NULLs never conflict, so active
 * rows are not unique at all (unless the index is NULLS NOT DISTINCT).
 * Keys on generated values are left alone, and so are keys that hold the
 * primary key (unique whatever is deleted) and keys holding a random value
 * (a token, secret or hash: never re-used, so a deleted row blocks nothing
 * and must keep blocking a replayed one).  A table may have several
 * soft-delete columns (deleted and deleted_at): a predicate or a key on any
 * of them counts. */
#include "rules/rule.h"

static bool is_soft_delete(RuleCtx *c, const Table *t, int col)
{
    return col >= 0 && name_matches(t->columns.v[col].name, &c->cfg->soft_delete_columns);
}

static bool pred_mentions_soft_delete(RuleCtx *c, const Table *t, const Index *x)
{
    for (int i = 0; x->pred_cols && x->pred_cols[i]; i++)
        if (is_soft_delete(c, t, table_column_index(t, x->pred_cols[i])))
            return true;
    return false;
}

/* The key holds every column of the primary key. */
static bool holds_primary_key(const Table *t, const Index *x)
{
    const Constraint *pk = table_primary_key(t);
    if (!pk || x->primary)
        return false;
    for (int i = 0; i < pk->ncols; i++) {
        bool found = false;
        for (int j = 0; j < x->nkeys && !found; j++)
            found = x->cols[j] == pk->cols[i];
        if (!found)
            return false;
    }
    return true;
}

void rule_S011(RuleCtx *c)
{
    for (int i = 0; i < c->s->tables.n; i++) {
        const Table *t = c->s->tables.v[i];
        const TableFacts *tf = facts_of(c, t);
        if (!rule_audited_table(t) || tf->soft_delete_col < 0)
            continue;
        const char *sd = t->columns.v[tf->soft_delete_col].name;
        for (int k = 0; k < t->indexes.n; k++) {
            const Index *x = &t->indexes.v[k];
            if (!x->unique || x->primary || !x->valid || x->nkeys == 0)
                continue;
            if (x->predicate && (pred_mentions_soft_delete(c, t, x) || !x->pred_cols))
                continue; /* partial on it (or a predicate we cannot read: do not guess) */
            bool surrogate = true, keyed = false, secret = false;
            for (int j = 0; j < x->nkeys; j++) {
                surrogate = surrogate && col_is_surrogate(t, x->cols[j]);
                if (is_soft_delete(c, t, x->cols[j]))
                    keyed = true;
                else if (x->cols[j] >= 0 && name_matches(t->columns.v[x->cols[j]].name, &c->cfg->secret_columns))
                    secret = true; /* a random value in the key: the tuple is never re-used */
            }
            if (surrogate || secret || holds_primary_key(t, x) || (keyed && x->nulls_not_distinct))
                continue; /* NULLS NOT DISTINCT: live rows (all NULL there) do conflict */

            const char *keys[34];
            int cols[34], n = 0;
            if (tf->tenant_scoped && tf->tenant_col >= 0 && !index_has_key(x, t->columns.v[tf->tenant_col].name)) {
                bool scoped = false;
                for (int j = 0; j < x->nkeys; j++)
                    scoped = scoped || col_scopes_tenant(c, t, x->cols[j]);
                if (!scoped) {
                    cols[n] = tf->tenant_col;
                    keys[n++] = q_ident(c, t->columns.v[tf->tenant_col].name);
                }
            }
            for (int j = 0; j < x->nkeys && n < 33; j++) {
                if (is_soft_delete(c, t, x->cols[j]))
                    continue;
                cols[n] = x->cols[j];
                keys[n++] = index_key_sql(c, t, x, j);
            }
            const char *pred = keyed ? soft_delete_pred(c, t, tf->soft_delete_col) : unique_replacement_pred(c, t, x);
            Finding *f;
            if (keyed)
                f = rule_at_origin(c, t, &x->origin, index_focus_col(c, t, x), x->name,
                                   "unique %s %s on (%s) includes %s: NULLs never conflict, so rows that are not "
                                   "deleted are not unique at all",
                                   x->backs_constraint ? "constraint" : "index", d_ident(c, x->name),
                                   index_keys_text(c, t, x), d_ident(c, sd));
            else
                f = rule_at_origin(c, t, &x->origin, index_focus_col(c, t, x), x->name,
                                   "unique %s %s on (%s) also counts soft-deleted rows: a deleted row keeps its "
                                   "value taken (make it partial: WHERE %s)",
                                   x->backs_constraint ? "constraint" : "index", d_ident(c, x->name),
                                   index_keys_text(c, t, x), soft_delete_pred(c, t, tf->soft_delete_col));
            if (n > 0)
                fix_unique_index(c, f, t, cols, keys, n, pred, drop_unique(c, t, x));
        }
    }
}
