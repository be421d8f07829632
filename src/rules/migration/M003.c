/* M003 unbatched-backfill: an UPDATE or DELETE in a migration's up over a
 * table that existed before the migration, with nothing bounding the rows
 * (the readers set `bounded` for a WHERE on a key, a LIMIT, or a statement
 * inside a loop) (guide 3.5: large data migrations use batching).
 *
 * Rows of a table the same migration created are not judged: the table is
 * empty, or holds only what the migration itself inserted.  The fix is the
 * guide's loop; inside the migration's transaction each batch's locks are
 * still held until the end, so it also says to run the migration outside
 * one when it is not already. */
#include <string.h>

#include "rules/migration/common.h"
#include "sql/sql.h"

static bool is_delete(const MigEvent *e)
{
    return mig_detail_starts(e->detail, "DELETE") ||
           (e->detail && (strstr(e->detail, ".del(") || strstr(e->detail, ".delete(")));
}

/* The table as the fix names it: bare in the default schema. */
static const char *fix_table(RuleCtx *c, const MigEvent *e)
{
    if (!e->schema || strcmp(e->schema, "public") == 0)
        return q_ident(c, e->table);
    return sql_qname(c->a, e->schema, e->table);
}

static void report_backfill(RuleCtx *c, const Migration *m, const MigEvent *e, int nth)
{
    const char *tab = mig_table_display(c, e->schema, e->table);
    const char *q = fix_table(c, e);
    bool del = is_delete(e);
    const char *key = arena_printf(c->a, "%s:%s:backfill:%d", m->name, e->table, nth);
    Finding *f = mig_finding(c, m, &e->origin, tab, key,
                             "unbatched %s of existing table %s: %s%s%s %s every row it matches in one statement "
                             "and keeps them locked until the migration commits",
                             del ? "delete" : "update", tab, e->detail ? "`" : "", e->detail ? e->detail : "it",
                             e->detail ? "`" : "", del ? "deletes" : "updates");
    const char *stmt =
        del ? arena_printf(c->a, "DELETE FROM %s WHERE id IN (SELECT id FROM %s WHERE <condition> LIMIT %s)", q, q,
                           m->is_sql ? "1000" : "${batchSize}")
            : arena_printf(c->a,
                           "UPDATE %s SET <column> = <value> WHERE id IN (SELECT id FROM %s WHERE <column> IS "
                           "DISTINCT FROM <value> LIMIT %s)",
                           q, q, m->is_sql ? "1000" : "${batchSize}");
    if (m->is_sql) {
        rule_fix(c, f,
                 "-- a .sql migration cannot loop: move the backfill to a Knex migration that repeats\n"
                 "-- this batch until it changes no row (its condition must skip rows already done):\n"
                 "-- %s;",
                 stmt);
        return;
    }
    size_t plen = strlen(m->path);
    bool esm = (plen > 3 && (strcmp(m->path + plen - 3, ".ts") == 0 || strcmp(m->path + plen - 4, ".mjs") == 0 ||
                             strcmp(m->path + plen - 4, ".mts") == 0));
    const char *tx = m->no_transaction ? ""
                     : esm ? "\n// and run this migration outside a transaction, so each batch commits "
                             "and releases its locks:\n"
                             "export const config = { transaction: false };"
                           : "\n// and run this migration outside a transaction, so each batch commits "
                             "and releases its locks:\n"
                             "exports.config = { transaction: false };";
    rule_fix(c, f,
             "// batches of 1000 rows until none is left (the condition must skip rows already done)\n"
             "const batchSize = 1000;\n"
             "let result;\n"
             "do {\n"
             "  result = await knex.raw(`%s`);\n"
             "} while (result.rowCount > 0);%s",
             stmt, tx);
}

void rule_M003(RuleCtx *c)
{
    if (!c->project)
        return;
    for (int i = 0; i < c->project->migrations.n; i++) {
        const Migration *m = c->project->migrations.v[i];
        if (!mig_judged(m))
            continue;
        int nth = 0;
        for (int j = 0; j < m->up.n; j++) {
            const MigEvent *e = &m->up.v[j];
            if (e->kind != EV_BACKFILL || !e->table)
                continue;
            nth++;
            if (e->existing_table && !e->bounded)
                report_backfill(c, m, e, nth);
        }
    }
}
