/* expect.c - expected unique keys; see expect.h.
 *
 *   email   on account tables (users, members...), per tenant
 *   slug    per tenant (or per parent: unique (event_id, slug) is fine)
 *   serial  ticket serial numbers
 *   seat    (event, section, row, seat number) for reserved seating
 *   idempotency keys
 * An expectation is met by a valid unique index (partial ones count: that is
 * how soft-delete tables do it) that contains the principal column and
 * whose other keys are the expected columns, the tenant column or foreign
 * key columns.  A key that adds anything else, deleted_at above all (NULLs
 * never conflict), does not make the values unique, unless the index is
 * NULLS NOT DISTINCT.
 */
#include "rules/expect.h"

typedef UniqueExpect Expect;

static int find_col(const Table *t, const StrList *names)
{
    for (int i = 0; i < t->columns.n; i++)
        if (name_matches(t->columns.v[i].name, names))
            return i;
    return -1;
}

static bool has(const Expect *e, int col)
{
    for (int i = 0; i < e->n; i++)
        if (e->cols[i] == col)
            return true;
    return false;
}

static bool is_fk_col(const Table *t, int col)
{
    return fk_on_column(t, col) != NULL;
}

static bool met(RuleCtx *c, const Table *t, const Expect *e)
{
    const TableFacts *tf = facts_of(c, t);
    for (int i = 0; i < t->indexes.n; i++) {
        const Index *x = &t->indexes.v[i];
        if (!x->unique || !x->valid)
            continue;
        bool principal = false, ok = true;
        for (int k = 0; k < x->nkeys && ok; k++) {
            int col = x->cols[k];
            if (col < 0 && x->key_names && x->key_names[k])
                col = table_column_index(t, x->key_names[k]); /* lower(email) */
            if (col == e->cols[e->principal])
                principal = true;
            ok = col >= 0 && (has(e, col) || col == tf->tenant_col || is_fk_col(t, col) ||
                              (x->nulls_not_distinct && col == tf->soft_delete_col));
        }
        if (ok && principal)
            return true;
    }
    return false;
}

static void expect_one(Expect *e, const char *label, int col)
{
    e->label = label;
    e->n = 1;
    e->cols[0] = col;
    e->principal = 0;
}

int missing_unique_keys(RuleCtx *c, const Table *t, UniqueExpect *out)
{
    const AuditConfig *cfg = c->cfg;
    const TableFacts *tf = facts_of(c, t);
    Expect ex[EXPECT_MAX];
    int nex = 0, col;
    if (name_matches(t->name, &cfg->account_tables) && (col = find_col(t, &cfg->email_columns)) >= 0)
        expect_one(&ex[nex++], "email", col);
    if ((col = find_col(t, &cfg->slug_columns)) >= 0)
        expect_one(&ex[nex++], "slug", col);
    if ((col = find_col(t, &cfg->serial_columns)) >= 0)
        expect_one(&ex[nex++], "serial number", col);
    if ((col = find_col(t, &cfg->idempotency_columns)) >= 0)
        expect_one(&ex[nex++], "idempotency key", col);
    else if (strstr(t->name, "idempotency") && (col = table_column_index(t, "key")) >= 0)
        expect_one(&ex[nex++], "idempotency key", col);
    int ev = find_col(t, &cfg->seat_event_columns), sec = find_col(t, &cfg->seat_section_columns),
        row = find_col(t, &cfg->seat_row_columns), seat = find_col(t, &cfg->seat_number_columns);
    if (ev >= 0 && row >= 0 && seat >= 0) {
        Expect *e = &ex[nex++];
        e->label = "seat";
        e->n = 0;
        e->cols[e->n++] = ev;
        if (sec >= 0)
            e->cols[e->n++] = sec;
        e->cols[e->n++] = row;
        e->cols[e->n++] = seat;
        e->principal = e->n - 1;
    }

    int nout = 0;
    for (int k = 0; k < nex; k++) {
        Expect *e = &ex[k];
        if (met(c, t, e))
            continue;
        /* Scope by tenant unless a key column already does. */
        bool scoped = false;
        for (int j = 0; j < e->n; j++)
            scoped = scoped || col_scopes_tenant(c, t, e->cols[j]);
        UniqueExpect *o = &out[nout++];
        o->label = e->label;
        o->n = 0;
        if (tf->tenant_scoped && tf->tenant_col >= 0 && !scoped)
            o->cols[o->n++] = tf->tenant_col;
        for (int j = 0; j < e->n; j++)
            o->cols[o->n++] = e->cols[j];
        o->principal = e->cols[e->principal];
    }
    return nout;
}
