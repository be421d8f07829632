/* rls.c - policy expressions and tenant policies; see rls.h.
 *
 * A policy expression is tenant-bound when:
 *   a = b     one side is the tenant column (casts aside) and the other
 *             mentions no column of the row but calls a function or runs a
 *             subquery: tenant_id = current_setting('app.tenant')::uuid,
 *             tenant_id = auth.tenant_id();
 *   a IN (subquery), a = ANY (...)   likewise;
 *   A AND B   either side is bound;   A OR B   both sides are bound;
 *   EXISTS (...)  trusted (see rls.h);
 *   CASE WHEN ... THEN r1 ... ELSE rn END   every result is bound, or a
 *             false or NULL constant (which admits no row);
 * anything else (true, NOT ..., a comparison with a constant or with
 * another column) is not.
 */
#include "rules/rls.h"

#include <string.h>

static bool is_tenant_col(const SqlExpr *e, const char *tenant_col)
{
    e = sql_expr_strip_casts(e);
    return e && e->kind == SX_COLUMN && strcmp(e->name, tenant_col) == 0;
}

typedef struct Scan {
    bool column, session;
} Scan;

static bool scan_side(const SqlExpr *e, void *arg)
{
    Scan *s = arg;
    if (e->kind == SX_COLUMN)
        s->column = true;
    if (e->kind == SX_FUNC || e->kind == SX_SUBLINK)
        s->session = true;
    return true;
}

/* A value computed from the session, not from the row. */
static bool session_value(const SqlExpr *e)
{
    Scan s = {false, false};
    sql_expr_walk(e, scan_side, &s);
    return s.session && !s.column;
}

bool rls_tenant_bound(const SqlExpr *e, const char *tenant_col)
{
    if (!e)
        return false;
    switch (e->kind) {
    case SX_AND:
        for (int i = 0; i < e->nargs; i++)
            if (rls_tenant_bound(e->args[i], tenant_col))
                return true;
        return false;
    case SX_OR:
        for (int i = 0; i < e->nargs; i++)
            if (!rls_tenant_bound(e->args[i], tenant_col))
                return false;
        return e->nargs > 0;
    case SX_CASE:
        for (int i = 0; i < e->nargs; i++) {
            bool result = (i % 2 == 1) || i == e->nargs - 1;
            if (!result)
                continue;
            const SqlExpr *r = sql_expr_strip_casts(e->args[i]);
            bool denies = r && r->kind == SX_CONST && (r->const_type == 'n' || strcmp(r->name, "false") == 0);
            if (!denies && !rls_tenant_bound(e->args[i], tenant_col))
                return false;
        }
        return e->nargs > 0;
    case SX_SUBLINK:
        if (strcmp(e->name, "EXISTS") == 0)
            return true;
        return strcmp(e->name, "ANY") == 0 && e->nargs == 1 && is_tenant_col(e->args[0], tenant_col);
    case SX_OP:
        if (e->nargs < 2)
            return false;
        if (strcmp(e->name, "=") == 0 || strcmp(e->name, "= ANY") == 0 || strcmp(e->name, "IN") == 0) {
            if (is_tenant_col(e->args[0], tenant_col)) {
                for (int i = 1; i < e->nargs; i++)
                    if (!session_value(e->args[i]))
                        return false;
                return true;
            }
            if (e->nargs == 2 && strcmp(e->name, "=") == 0 && is_tenant_col(e->args[1], tenant_col))
                return session_value(e->args[0]);
        }
        return false;
    default:
        return false;
    }
}

const char *rls_tenant_expr(RuleCtx *c, const Table *t)
{
    const TableFacts *tf = facts_of(c, t);
    const char *setting = sql_literal(c->a, c->cfg->tenant_setting);
    if (tf->tenant_col >= 0) {
        const Column *col = &t->columns.v[tf->tenant_col];
        return arena_printf(c->a, "%s = nullif(current_setting(%s, true), '')::%s", q_ident(c, col->name), setting,
                            col->type);
    }
    const Table *p = tf->scope_parent;
    const TableFacts *pf = p ? facts_of(c, p) : NULL;
    if (!p || pf->tenant_col < 0 || !(tf->scope_fk || tf->scope_ref))
        return NULL;
    const Column *pcol = &p->columns.v[pf->tenant_col];
    const char *pkey, *ccol;
    if (tf->scope_fk) {
        if (tf->scope_fk->ncols != 1 || tf->scope_fk->nref != 1)
            return NULL;
        pkey = tf->scope_fk->ref_cols[0];
        ccol = t->columns.v[tf->scope_fk->cols[0]].name;
    } else {
        pkey = tf->scope_ref->target_col;
        ccol = t->columns.v[tf->scope_ref->col].name;
    }
    return arena_printf(c->a,
                        "EXISTS (SELECT 1 FROM %s p WHERE p.%s = %s.%s AND p.%s = nullif(current_setting(%s, true), '')::%s)",
                        q_table(c, p), q_ident(c, pkey), q_ident(c, t->name), q_ident(c, ccol),
                        q_ident(c, pcol->name), setting, pcol->type);
}

const char *rls_create_policy(RuleCtx *c, const Table *t)
{
    const char *e = rls_tenant_expr(c, t);
    if (!e)
        return NULL;
    return arena_printf(c->a, "CREATE POLICY tenant_isolation ON %s USING (%s) WITH CHECK (%s);", q_table(c, t), e, e);
}
