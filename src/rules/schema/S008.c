/* S008 disabled-foreign-key-trigger: PostgreSQL enforces a foreign key
 * with internal triggers on both tables; ALTER TABLE ... DISABLE TRIGGER ALL
 * (often left behind by a bulk load) switches them off and the key is no
 * longer checked, while the catalog still lists it as valid.  ENABLE
 * REPLICA TRIGGER has the same effect in ordinary sessions.  The fix
 * enables them again (superuser only, as disabling them was) and re-checks
 * the rows written meanwhile by re-adding the key NOT VALID and validating. */
#include "core/strbuf.h"
#include "rules/rule.h"

void rule_S008(RuleCtx *c)
{
    for (int i = 0; i < c->s->tables.n; i++) {
        const Table *t = c->s->tables.v[i];
                for (int k = 0; k < t->constraints.n; k++) {
            const Constraint *fk = &t->constraints.v[k];
            if (!rule_audited_constraint(t, fk))
                continue;
            if (fk->kind != CON_FOREIGN || (fk->disabled_triggers + fk->disabled_ref_triggers) == 0)
                continue;
            const char *where = fk->disabled_triggers && fk->disabled_ref_triggers ? "on both tables"
                                : fk->disabled_triggers                            ? "on this table"
                                                                                   : "on the referenced table";
            Finding *f = rule_at_origin(c, t, &fk->origin, fk->ncols ? fk->cols[0] : -1, fk->name,
                                        "foreign key %s (%s) -> %s (ON DELETE %s) is not enforced: %d of its "
                                        "triggers are disabled (or fire only in replica sessions) %s",
                                        d_ident(c, fk->name), cols_text(c, t, fk->cols, fk->ncols),
                                        d_qname(c, fk->ref_schema, fk->ref_table), fk_action_sql(fk->on_delete),
                                        fk->disabled_triggers + fk->disabled_ref_triggers, where);
            const char *ref = arena_printf(c->a, "%s.%s", q_ident(c, fk->ref_schema), q_ident(c, fk->ref_table));
            StrBuf enable = STRBUF_INIT;
            if (fk->disabled_triggers)
                sb_printf(&enable, "ALTER TABLE %s ENABLE TRIGGER ALL;\n", q_table(c, t));
            if (fk->disabled_ref_triggers)
                sb_printf(&enable, "ALTER TABLE %s ENABLE TRIGGER ALL;\n", ref);
            rule_fix(c, f,
                     "-- as a superuser; ENABLE TRIGGER ALL also enables user triggers disabled on purpose\n"
                     "%s"
                     "-- rows written while it was off were never checked: check them now\n"
                     "%s",
                     sb_str(&enable), fix_add_fk(c, t, fk->name, fk_definition(c, t, fk, fk->on_delete), true));
            sb_fini(&enable);
        }
    }
}
