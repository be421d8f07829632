/* S001 table-without-primary-key: a table (not a partition) with no
 * PRIMARY KEY.  The fix promotes an existing NOT NULL unique key when there
 * is one, uses an "id" column when present, and adds an identity column
 * otherwise.  On a partitioned table the key must contain the partition
 * key, and USING INDEX is not available. */
#include "core/strbuf.h"
#include "rules/rule.h"

/* indoption all zero: ascending, NULLS LAST, as a primary key index must be. */
static bool default_order(const Index *x)
{
    const char *opt = x->opclasses ? strrchr(x->opclasses, '/') : NULL;
    if (!opt)
        return true;
    for (opt++; *opt; opt++)
        if (*opt != '0' && *opt != ' ')
            return false;
    return true;
}

/* A unique, valid, non-partial, expression-free index on NOT NULL columns. */
static const Index *promotable(const Table *t)
{
    for (int i = 0; i < t->indexes.n; i++) {
        const Index *x = &t->indexes.v[i];
        if (!x->unique || !x->valid || x->predicate || x->has_include || strcmp(x->method, "btree") != 0 ||
            !default_order(x))
            continue;
        bool ok = x->nkeys > 0;
        for (int k = 0; k < x->nkeys && ok; k++)
            ok = x->cols[k] >= 0 && t->columns.v[x->cols[k]].not_null;
        if (ok)
            return x;
    }
    return NULL;
}

void rule_S001(RuleCtx *c)
{
    for (int i = 0; i < c->s->tables.n; i++) {
        const Table *t = c->s->tables.v[i];
        if (!rule_audited_table(t) || table_primary_key(t))
            continue;
        Finding *f = rule_at_table(c, t, "pk", "table %s has no primary key", d_table(c, t));
        const Index *x = promotable(t);
        int id = table_column_index(t, "id");
        if (t->kind == 'p') {
            /* (id, partition key...), or the unique key, which already holds it. */
            StrBuf k = STRBUF_INIT;
            bool ok = x != NULL;
            if (x)
                sb_puts(&k, q_cols(c, t, x->cols, x->nkeys));
            else if (id >= 0) {
                ok = true;
                sb_printf(&k, "(%s", q_ident(c, "id"));
                for (int j = 0; j < t->npartkey && ok; j++) {
                    ok = t->partkey[j] >= 0;
                    if (ok && t->partkey[j] != id)
                        sb_printf(&k, ", %s", q_ident(c, t->columns.v[t->partkey[j]].name));
                }
                sb_putc(&k, ')');
            }
            if (ok)
                rule_fix(c, f,
                         "-- a partitioned table's primary key must contain its partition key\n"
                         "ALTER TABLE %s ADD PRIMARY KEY %s;",
                         q_table(c, t), sb_str(&k));
            sb_fini(&k);
        } else if (x && !x->backs_constraint)
            rule_fix(c, f, "ALTER TABLE %s ADD CONSTRAINT %s PRIMARY KEY USING INDEX %s;", q_table(c, t),
                     q_ident(c, new_name(c, t, NULL, 0, "pkey")), q_ident(c, x->name));
        else if (x)
            rule_fix(c, f, "ALTER TABLE %s ADD PRIMARY KEY %s;", q_table(c, t), q_cols(c, t, x->cols, x->nkeys));
        else if (id >= 0)
            rule_fix(c, f,
                     "-- fails while id has NULLs or duplicates; find them with:\n"
                     "-- SELECT id, count(*) FROM %s GROUP BY id HAVING count(*) > 1 OR id IS NULL;\n"
                     "ALTER TABLE %s ADD PRIMARY KEY (id);",
                     q_table(c, t), q_table(c, t));
        else
            rule_fix(c, f, "ALTER TABLE %s ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;",
                     q_table(c, t));
    }
}
