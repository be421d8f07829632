/* datacheck.c - building data-check SQL; see datacheck.h.
 *
 * Every check has the same shape, so the runner reads every result alike:
 *   SELECT o.n, CASE WHEN o.n > 0 THEN ARRAY(SELECT <key> FROM <table> c
 *                                            WHERE <cond> LIMIT <k>) END
 *   FROM (SELECT count(*) AS n FROM <table> c WHERE <cond>) o
 * The count is the same plan as a hand-written anti-join.  The samples are
 * an init plan that runs only when there is something to show; it looks at
 * the first SAMPLE_SCAN rows only, with the rule's probe-shaped condition
 * (an OFFSET 0 in a NOT EXISTS keeps it a per-row index probe instead of a
 * hash of the whole parent table), so the samples may be fewer than k when
 * offending rows are rare.  Only the keys
 * are sent.  Names are
 * quoted by sql_ident(); conditions come from the model, which got them
 * from the catalog or builds them from quoted names.
 */
#include "rules/datacheck.h"

#include "core/strbuf.h"
#include "rules/rules.h"
#include "sql/sql.h"

enum { SAMPLE_SCAN = 100000 }; /* rows looked at for samples, at most */

void datacheck_count(RuleCtx *c, DataCheck *d, const char *cond, const char *sample_cond, const char *key_expr)
{
    const char *tab = q_table(c, d->t), *from = arena_printf(c->a, "%s c", tab);
    double rows = d->t->row_estimate;
    if (c->plan->mode == DATA_SAMPLE && rows > c->plan->sample_rows) {
        double pct = 100.0 * c->plan->sample_rows / rows;
        d->sample_pct = pct < 0.001 ? 0.001 : pct;
        /* REPEATABLE: the same sample on every run of one database state */
        from = arena_printf(c->a, "%s c TABLESAMPLE SYSTEM (%.4f) REPEATABLE (42)", tab, d->sample_pct);
    }
    d->sql = arena_printf(c->a,
                          "SELECT o.n, CASE WHEN o.n > 0 THEN ARRAY(SELECT %s FROM (SELECT * FROM %s LIMIT %d OFFSET 0) c"
                          " WHERE %s LIMIT %d) END"
                          " FROM (SELECT pg_catalog.count(*) AS n FROM %s WHERE %s) o",
                          key_expr, tab, SAMPLE_SCAN, sample_cond ? sample_cond : cond, c->plan->samples, from, cond);
}

const char *datacheck_dup_sql(RuleCtx *c, const Table *t, const char *keys, const char *where, int nkeys,
                              int samples)
{
    StrBuf group = STRBUF_INIT, row = STRBUF_INIT;
    for (int i = 1; i <= nkeys; i++) {
        sb_printf(&group, "%s%d", i > 1 ? ", " : "", i);
        sb_printf(&row, "%sg.k%d", i > 1 ? ", " : "", i);
    }
    const char *sql = arena_printf(
        c->a,
        "WITH g AS MATERIALIZED (SELECT %s, pg_catalog.count(*) AS n FROM %s c WHERE %s GROUP BY %s"
        " HAVING pg_catalog.count(*) > 1)"
        " SELECT COALESCE((SELECT pg_catalog.sum(g.n - 1) FROM g), 0)::bigint,"
        " ARRAY(SELECT %s || ' x' || g.n FROM g LIMIT %d), (SELECT pg_catalog.count(*) FROM g)",
        keys, q_table(c, t), where, sb_str(&group),
        nkeys == 1 ? "g.k1::text" : arena_printf(c->a, "ROW(%s)::text", sb_str(&row)), samples);
    sb_fini(&group);
    sb_fini(&row);
    return sql;
}

const char *datacheck_match(RuleCtx *c, const Table *t, const int *cols, const char *const *ref_cols, int n)
{
    StrBuf b = STRBUF_INIT;
    for (int i = 0; i < n; i++)
        sb_printf(&b, "%sp.%s = c.%s", i ? " AND " : "", q_ident(c, ref_cols[i]),
                  q_ident(c, t->columns.v[cols[i]].name));
    const char *s = arena_strdup(c->a, sb_str(&b));
    sb_fini(&b);
    return s;
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

/* Comment text on one line: names may hold newlines. */
static void comment(FILE *out, const char *s)
{
    for (; *s; s++)
        fputc(*s == '\n' || *s == '\r' ? ' ' : *s, out);
}

int datacheck_write_script(FILE *out, const DataPlan *plan, const char *database)
{
    Arena a;
    arena_init(&a);
    fputs("-- dbaudit " DBAUDIT_VERSION " data checks for database ", out);
    comment(out, database);
    fputs(".\n"
          "-- Each statement returns one row: rule, object, count (offending rows; for\n"
          "-- duplicates the extra rows), samples (up to a few keys), and for duplicates\n"
          "-- groups.  Schedule it, e.g. psql -X -f checks.sql, and alert on count > 0.\n"
          "-- Every statement only reads.\n"
          "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY;\n",
          out);
    for (int i = 0; i < plan->checks.n; i++) {
        const DataCheck *d = &plan->checks.v[i];
        const char *object = arena_printf(&a, "%s.%s%s%s", sql_display_ident(&a, d->t->schema),
                                          sql_display_ident(&a, d->t->name), d->col >= 0 ? "." : "",
                                          d->col >= 0 ? sql_display_ident(&a, d->t->columns.v[d->col].name) : "");
        fprintf(out, "\n-- %s ", rule_table[d->rule].id);
        comment(out, object);
        fputs(": ", out);
        comment(out, d->subject);
        if (d->why) {
            fputs(" (", out);
            comment(out, d->why);
            fputc(')', out);
        }
        fprintf(out, "\nSELECT %s AS rule, %s AS object, q.count, q.samples%s FROM (%s) AS q(count, samples%s);\n",
                sql_literal(&a, rule_table[d->rule].id), sql_literal(&a, object), d->groups ? ", q.groups" : "",
                d->sql, d->groups ? ", groups" : "");
    }
    arena_fini(&a);
    return ferror(out) ? -1 : 0;
}
