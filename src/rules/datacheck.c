/* datacheck.c - building data-check SQL; see datacheck.h.
 *
 * Every check has the same shape, so the runner reads every result alike:
 *   WITH o AS MATERIALIZED (SELECT <key> AS k FROM <table> c WHERE <cond>)
 *   SELECT (SELECT count(*) FROM o), ARRAY(SELECT k FROM o LIMIT <n>)
 * One scan of the table; the offending keys are kept on the server (in
 * work_mem, or a temporary file) and only n of them are sent.  Names are
 * quoted by sql_ident(); conditions come from the model, which got them
 * from the catalog or builds them from quoted names.
 */
#include "rules/datacheck.h"

#include "core/strbuf.h"
#include "rules/rules.h"
#include "sql/sql.h"

const char *datacheck_sql(RuleCtx *c, const Table *t, const char *cond, const char *key_expr, int samples)
{
    return arena_printf(c->a,
                        "WITH o AS MATERIALIZED (SELECT %s AS k FROM %s c WHERE %s)"
                        " SELECT (SELECT pg_catalog.count(*) FROM o), ARRAY(SELECT o.k FROM o LIMIT %d)",
                        key_expr, q_table(c, t), cond, samples);
}

const char *datacheck_key(RuleCtx *c, const Table *t, const int *cols, int n)
{
    const Constraint *pk = table_primary_key(t);
    if (!cols || n == 0) {
        cols = pk ? pk->cols : NULL;
        n = pk ? pk->ncols : 0;
    }
    if (n == 0)
        return "c.ctid::text";
    StrBuf b = STRBUF_INIT;
    if (n == 1)
        sb_printf(&b, "c.%s::text", q_ident(c, t->columns.v[cols[0]].name));
    else {
        sb_puts(&b, "ROW(");
        for (int i = 0; i < n; i++)
            sb_printf(&b, "%sc.%s", i ? ", " : "", q_ident(c, t->columns.v[cols[i]].name));
        sb_puts(&b, ")::text");
    }
    const char *s = arena_strdup(c->a, sb_str(&b));
    sb_fini(&b);
    return s;
}
