/* common.h - what the migration rules (M001-M005) share: walking the
 * recorded events in Knex's order, following a table through later renames
 * and drops, reporting at a migration's position, and the schema findings
 * of the final model.
 *
 * Migration rules read ScanProject (src/migrate/project.h) and the events of
 * src/migrate/history.h; they see neither syntax trees nor SQL text.  Every
 * judgement is made on events alone, so a rule reads the same whether a
 * migration was written with the schema builder, knex.raw or a .sql file.
 */
#ifndef DBAUDIT_MIGRATION_COMMON_H
#define DBAUDIT_MIGRATION_COMMON_H

#include <stdbool.h>

#include "migrate/project.h"
#include "rules/rule.h"

/* A position in the project's history: event ev of migration mig's up.
 * Positions compare in the order the events ran. */
typedef struct MigPos {
    int mig, ev;
} MigPos;

/* The end of the history (after the last event of the last migration). */
MigPos mig_end(const ScanProject *p);

/* True for migrations the rules judge: files that are migrations. */
bool mig_judged(const Migration *m);

/* True when e acts on schema.table (an event without a schema matches any
 * schema; names compare case-sensitively, as the readers normalised them). */
bool mig_on_table(const MigEvent *e, const char *schema, const char *table);

/* A walk over the up events that act on one table, in the order they ran,
 * after a given event: renames are followed (table holds the name from the
 * rename on) and the walk ends after the event that drops the table. */
typedef struct MigWalk {
    const ScanProject *p;
    int mig, ev;    /* the next event to look at */
    MigPos end;     /* exclusive */
    const char *schema;
    const char *table; /* NULL once the table is dropped */
} MigWalk;

/* Starts just after `after`, up to `end` (mig_end(p) for the whole history). */
void mig_walk_init(MigWalk *w, const ScanProject *p, MigPos after, MigPos end, const char *schema, const char *table);
/* The next event on the table, or NULL. */
const MigEvent *mig_walk_next(MigWalk *w);

/* The name table (in schema) has at `to`, given its name just after `from`:
 * follows EV_RENAME_TABLE events of the up directions in between.  NULL
 * when an EV_DROP_TABLE drops it on the way. */
const char *mig_follow_table(const ScanProject *p, MigPos from, MigPos to, const char *schema, const char *table);

/* True when two NULL-terminated column lists hold the same names, in any
 * order.  Two NULL lists are not equal: an unknown list proves nothing. */
bool mig_same_cols(const char *const *a, const char *const *b);
/* True when the NULL-terminated list holds name. */
bool mig_has_col(const char *const *cols, const char *name);
/* "a, b" (bare names), in the report arena; "" for NULL. */
const char *mig_cols_text(RuleCtx *c, const char *const *cols);
/* "(a, b)" quoted for SQL, or "['a', 'b']" for the schema builder. */
const char *mig_cols_sql(RuleCtx *c, const char *const *cols);
const char *mig_cols_js(RuleCtx *c, const char *const *cols);

/* "public.tickets" as schema rules display it (schema NULL: public). */
const char *mig_table_display(RuleCtx *c, const char *schema, const char *table);
/* The table in the final model, or NULL when it is not there. */
const Table *mig_model_table(RuleCtx *c, const char *schema, const char *table);

/* A finding of c->rule at o (or at the migration file's 1:1 when o has no
 * file), grouped by the migration's path.  object: "schema.table" or NULL;
 * key: the fingerprint identity, without line numbers. */
Finding *mig_finding(RuleCtx *c, const Migration *m, const Origin *o, const char *object, const char *key,
                     const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* The objects ("schema.table" or "schema.table.column") that schema rule
 * `rule` reports on the final model of c's project.  The rule runs here, on
 * a scratch report, so the answer does not depend on which rules the user
 * selected or on the order rules run in.  NULL-terminated, in the report
 * arena. */
const char **mig_schema_objects(RuleCtx *c, RuleId rule);

/* True when SQL text (an event's detail) starts with word, ignoring case
 * and leading blanks. */
bool mig_detail_starts(const char *detail, const char *word);

#endif
