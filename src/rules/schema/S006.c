/* S006 nullable-required-reference: a single-column foreign key allows
 * NULL although the relationship looks required:
 *   - the table is named after the parent (event_images -> events,
 *     order_items -> orders): its rows are details of one parent;
 *   - the column is listed in AuditConfig.required_references
 *     (tickets.event_id, payments.user_id... from the guide, 1.3 and 3.1).
 * Keys with ON DELETE SET NULL or SET DEFAULT are nullable on purpose, and
 * the tenant column is S005's.  ON DELETE CASCADE alone proves nothing: an
 * optional owner (a link made by a user, or anonymously) is deleted with
 * its owner and may have none. */
#include <stdio.h>

#include "rules/rule.h"

/* "events" -> "event", "categories" -> "category", "addresses" -> "address". */
static void singular(const char *name, char *out, size_t n)
{
    size_t len = strlen(name);
    if (len > 3 && strcmp(name + len - 3, "ies") == 0)
        snprintf(out, n, "%.*sy", (int)(len - 3), name);
    else if (len > 4 && (strcmp(name + len - 4, "sses") == 0 || strcmp(name + len - 4, "xes") == 0))
        snprintf(out, n, "%.*s", (int)(len - 2), name);
    else if (len > 1 && name[len - 1] == 's' && name[len - 2] != 's')
        snprintf(out, n, "%.*s", (int)(len - 1), name);
    else
        snprintf(out, n, "%s", name);
}

static const char *why_required(RuleCtx *c, const Table *t, const Constraint *fk)
{
    char sing[256];
    singular(fk->ref_table, sing, sizeof sing);
    size_t n = strlen(sing);
    if (n && strncmp(t->name, sing, n) == 0 && t->name[n] == '_')
        return arena_printf(c->a, "%s rows are details of one %s", t->name, sing);
    char qual[512];
    snprintf(qual, sizeof qual, "%s.%s", t->name, t->columns.v[fk->cols[0]].name);
    StrList req = c->cfg->required_references;
    if (name_matches(qual, &req))
        return "the audit guide lists it as a required relationship";
    return NULL;
}

void rule_S006(RuleCtx *c)
{
    for (int i = 0; i < c->s->tables.n; i++) {
        const Table *t = c->s->tables.v[i];
        const TableFacts *tf = facts_of(c, t);
                for (int k = 0; k < t->constraints.n; k++) {
            const Constraint *fk = &t->constraints.v[k];
            if (!rule_audited_constraint(t, fk))
                continue;
            if (fk->kind != CON_FOREIGN || fk->ncols != 1 || fk->cols[0] < 0 || fk->cols[0] == tf->tenant_col ||
                fk->on_delete == FK_SET_NULL || fk->on_delete == FK_SET_DEFAULT)
                continue;
            const Column *col = &t->columns.v[fk->cols[0]];
            if (col->not_null)
                continue;
            const char *why = why_required(c, t, fk);
            if (!why)
                continue;
            Finding *f = rule_at_column(c, t, fk->cols[0], col->name,
                                        "%s allows NULL although it looks required (%s); foreign key %s -> %s, "
                                        "ON DELETE %s",
                                        d_ident(c, col->name), why, d_ident(c, fk->name),
                                        d_qname(c, fk->ref_schema, fk->ref_table), fk_action_sql(fk->on_delete));
            fix_set_not_null(c, f, t, fk->cols[0], "rows without a parent must be given one or removed first");
        }
    }
}
