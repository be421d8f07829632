/* S012 unchecked-value-column: money, quantity and percentage columns
 * (numeric types) and status columns (text types) that nothing constrains:
 * no CHECK mentions them, their type is not an enum or a domain with a
 * CHECK, and (for statuses) no foreign key points them at a lookup table.
 * Names come from AuditConfig (price, *_amount, quantity, *_percentage,
 * status...).  The fix for statuses cannot know the allowed values, so it
 * lists the values in use and leaves the list to fill in. */
#include "rules/rule.h"

static bool in_check(const Table *t, int col)
{
    for (int i = 0; i < t->constraints.n; i++) {
        const Constraint *k = &t->constraints.v[i];
        if (k->kind == CON_CHECK && constraint_has_col(k, col))
            return true;
    }
    return false;
}

/* "total", "comments_total" in an integer column: a count more often than
 * an amount (amounts in integers are named *_cents, amount...). */
static bool integer_total(const Column *col)
{
    static const char *const totals[] = {"total", "*_total", "subtotal", "*_subtotal"};
    static const StrList list = {totals, 4};
    const char *type = column_base_type(col);
    bool integer = strcmp(type, "integer") == 0 || strcmp(type, "bigint") == 0 || strcmp(type, "smallint") == 0;
    return integer && name_matches(col->name, &list);
}

void rule_S012(RuleCtx *c)
{
    const AuditConfig *cfg = c->cfg;
    for (int i = 0; i < c->s->tables.n; i++) {
        const Table *t = c->s->tables.v[i];
        if (!rule_audited_table(t))
            continue;
        for (int k = 0; k < t->columns.n; k++) {
            const Column *col = &t->columns.v[k];
            if (col->generated || col->is_array || col->type_kind == TYPE_ENUM ||
                (col->type_kind == TYPE_DOMAIN && col->domain_checked) || in_check(t, k) || fk_on_column(t, k))
                continue;
            const char *kind = NULL, *cond = NULL;
            const char *name = q_ident(c, col->name);
            if (type_is_numeric(column_base_type(col))) {
                if (name_matches(col->name, &cfg->percent_columns)) {
                    kind = "percentage";
                    size_t n = strlen(col->name);
                    bool bps = (n > 4 && strcmp(col->name + n - 4, "_bps") == 0) ||
                               (n > 13 && strcmp(col->name + n - 13, "_basis_points") == 0);
                    cond = arena_printf(c->a, "%s BETWEEN 0 AND %s", name, bps ? "10000" : "100");
                } else if (name_matches(col->name, &cfg->money_columns) && !integer_total(col)) {
                    kind = "money";
                    cond = arena_printf(c->a, "%s >= 0", name);
                } else if (name_matches(col->name, &cfg->quantity_columns)) {
                    kind = "quantity";
                    cond = arena_printf(c->a, "%s >= 0", name);
                }
            } else if (type_is_text(column_base_type(col)) && name_matches(col->name, &cfg->status_columns)) {
                kind = "status";
            }
            if (!kind)
                continue;
            Finding *f = rule_at_column(c, t, k, col->name,
                                        "%s column %s (%s) has no CHECK constraint%s", kind,
                                        d_ident(c, col->name), col->type,
                                        strcmp(kind, "status") == 0 ? ", enum type or lookup table" : "");
            const char *chk = q_ident(c, new_name(c, t, &k, 1, "check"));
            if (cond)
                rule_fix(c, f,
                         "-- rows that would fail: SELECT count(*) FROM %s WHERE NOT (%s);\n"
                         "ALTER TABLE %s ADD CONSTRAINT %s CHECK (%s) NOT VALID;\n"
                         "ALTER TABLE %s VALIDATE CONSTRAINT %s;",
                         q_table(c, t), cond, q_table(c, t), chk, cond, q_table(c, t), chk);
            else
                rule_fix(c, f,
                         "-- the values in use: SELECT %s, count(*) FROM %s GROUP BY 1;\n"
                         "-- then list the allowed ones:\n"
                         "-- ALTER TABLE %s ADD CONSTRAINT %s CHECK (%s IN ('...', '...')) NOT VALID;\n"
                         "-- ALTER TABLE %s VALIDATE CONSTRAINT %s;",
                         name, q_table(c, t), q_table(c, t), chk, name, q_table(c, t), chk);
        }
    }
}
