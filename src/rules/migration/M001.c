/* M001 foreign-key-without-on-delete: a migration's up creates a foreign
 * key and does not write its ON DELETE action, so it is NO ACTION by
 * default, a decision nobody wrote down (guide 3.1).
 *
 * The key must still exist at the end of the history: a later migration
 * that drops it (by name, by dropping its first column or its table) has
 * usually replaced it with one that says what it means, and an applied
 * migration cannot be edited anyway.  The referenced table comes from the
 * final model, where the key lives under the same name. */
#include <string.h>

#include "rules/migration/common.h"

/* True when a later event (in this up after ev, or in a later migration's
 * up) drops the key: by name, with its table, or with its first column. */
static bool superseded(RuleCtx *c, int mi, int ei, const MigEvent *fk, const char **final_table)
{
    MigWalk w;
    mig_walk_init(&w, c->project, (MigPos){mi, ei}, mig_end(c->project), fk->schema, fk->table);
    for (const MigEvent *e; (e = mig_walk_next(&w));) {
        if (e->kind == EV_DROP_TABLE)
            return true;
        if (e->kind == EV_DROP_CONSTRAINT && e->name && fk->name && strcmp(e->name, fk->name) == 0)
            return true;
        if (e->kind == EV_DROP_COLUMN && e->name && fk->cols && fk->cols[0] && strcmp(e->name, fk->cols[0]) == 0)
            return true;
    }
    *final_table = w.table;
    return false;
}

static const Constraint *model_fk(const Table *t, const char *name)
{
    for (int i = 0; t && name && i < t->constraints.n; i++)
        if (t->constraints.v[i].kind == CON_FOREIGN && strcmp(t->constraints.v[i].name, name) == 0)
            return &t->constraints.v[i];
    return NULL;
}

static void report_fk(RuleCtx *c, const Migration *m, const MigEvent *e, const char *final_table)
{
    const Table *t = mig_model_table(c, e->schema, final_table);
    const Constraint *k = model_fk(t, e->name);
    const char *tab = mig_table_display(c, e->schema, final_table);
    const char *cols = mig_cols_text(c, e->cols);
    bool one = e->cols && e->cols[0] && !e->cols[1];
    const char *what = one ? arena_printf(c->a, "%s.%s", tab, d_ident(c, e->cols[0]))
                           : arena_printf(c->a, "%s (%s)", tab, cols);
    const char *ref = k              ? d_qname(c, k->ref_schema, k->ref_table)
                      : e->ref_table ? d_qname(c, e->ref_schema ? e->ref_schema : "public", e->ref_table)
                                     : NULL;
    const char *key = arena_printf(c->a, "%s:%s:%s", m->name, final_table, e->name ? e->name : cols);
    Finding *f = mig_finding(c, m, &e->origin, tab, key,
                             "%s%s%s without an explicit ON DELETE (defaults to NO ACTION: deleting a %s row "
                             "fails while rows reference it)",
                             what, ref ? " references " : " has a foreign key",
                             ref ? ref : "", ref ? ref : "referenced");
    bool nullable = false;
    for (int i = 0; t && e->cols && e->cols[i]; i++) {
        const Column *col = table_column(t, e->cols[i]);
        nullable = nullable || (col && !col->not_null);
    }
    const char *guide = "RESTRICT for critical parents (payments -> users), CASCADE for data the parent owns "
                        "(event -> event_images), SET NULL for optional links";
    const char *later = "";
    const char *lead = e->from_sql ? "--" : "//";
    if (t && k) {
        const char *sql = fix_add_fk(c, t, k->name, fk_definition(c, t, k, FK_RESTRICT), true);
        later = arena_printf(c->a, "\n%s already applied? in a new migration (NOT VALID, then VALIDATE, does not "
                                   "block writes):\n%s%s%s",
                             lead, e->from_sql ? "" : "await knex.raw(`\n", sql, e->from_sql ? "" : "\n`);");
    }
    const char *null_note =
        nullable ? arena_printf(c->a, "%s %s allows NULL: SET NULL fits if the link is optional\n", lead, cols) : "";
    if (e->from_sql) {
        const char *def = t && k ? fk_definition(c, t, k, FK_RESTRICT) : "FOREIGN KEY (...) REFERENCES ... ON DELETE RESTRICT";
        rule_fix(c, f, "-- write the action out: %s\n%s%s%s", guide, null_note, def, later);
        return;
    }
    const char *chain;
    if (k && k->nref == 1 && one)
        chain = arena_printf(c->a, "t.foreign('%s').references('%s').inTable('%s')", e->cols[0], k->ref_cols[0],
                             k->ref_table);
    else
        chain = arena_printf(c->a, "t.foreign(%s).references(...)", mig_cols_js(c, e->cols));
    rule_fix(c, f, "// end the key's chain with its action: %s\n%s%s.onDelete('RESTRICT');%s", guide, null_note,
             chain, later);
}

void rule_M001(RuleCtx *c)
{
    if (!c->project)
        return;
    const ScanProject *p = c->project;
    for (int i = 0; i < p->migrations.n; i++) {
        const Migration *m = p->migrations.v[i];
        if (!mig_judged(m))
            continue;
        for (int j = 0; j < m->up.n; j++) {
            const MigEvent *e = &m->up.v[j];
            if (e->kind != EV_ADD_CONSTRAINT || e->con_kind != 'f' || e->explicit_on_delete || !e->table)
                continue;
            const char *final_table = e->table;
            if (superseded(c, i, j, e, &final_table))
                continue;
            report_fk(c, m, e, final_table);
        }
    }
}
