/* history.h - what a project's migrations did, for the migration rules.
 *
 * The migration readers (Knex schema builder: src/migrate/knex.c; SQL:
 * src/sql/ddl.c) replay each migration's `up` into the schema model
 * (through src/schema/edit.h) and record what it did as events, here.  The
 * `down` direction is recorded only: it never changes the model.
 * Migration rules (src/rules/migration/M###.c) read these events and the
 * final model; they never see a syntax tree.
 *
 * Everything lives in the project's arena (Schema.arena).
 */
#ifndef DBAUDIT_HISTORY_H
#define DBAUDIT_HISTORY_H

#include <stdarg.h>
#include <stdbool.h>

#include "core/report.h"
#include "schema/schema.h"

typedef enum MigEventKind {
    EV_CREATE_TABLE,
    EV_DROP_TABLE,
    EV_RENAME_TABLE,     /* name: the new name */
    EV_ADD_COLUMN,       /* name: column */
    EV_DROP_COLUMN,      /* name: column */
    EV_ALTER_COLUMN,     /* name: column (type, nullability, default) */
    EV_ADD_INDEX,        /* name: index */
    EV_DROP_INDEX,       /* name: index */
    EV_ADD_CONSTRAINT,   /* name: constraint; con_kind */
    EV_DROP_CONSTRAINT,  /* name: constraint; con_kind when known, else 0 */
    EV_CREATE_TYPE,      /* schema, name: the type */
    EV_DROP_TYPE,
    EV_CREATE_POLICY,    /* name: policy */
    EV_DROP_POLICY,
    EV_RLS,              /* ENABLE/DISABLE/FORCE/NO FORCE ROW LEVEL SECURITY; detail */
    EV_BACKFILL,         /* UPDATE or DELETE of rows; bounded, existing_table */
    EV_PARALLEL_DDL,     /* schema changes run concurrently (Promise.all) */
    EV_OTHER             /* any other statement (detail: its kind) */
} MigEventKind;

typedef struct MigEvent {
    MigEventKind kind;
    const char *schema, *table; /* the table it acts on (NULL when none) */
    const char *name;           /* the object, see MigEventKind */
    char con_kind;              /* constraints: ConKind letter; 'u' also for unique indexes */
    const char **cols;          /* constraints and indexes: column names, NULL-terminated */
    bool explicit_on_delete;    /* foreign keys: ON DELETE written out */
    const char *ref_schema, *ref_table; /* foreign keys: the referenced table, when known */
    bool bounded;               /* backfills: a WHERE that bounds the rows, or batching */
    bool existing_table;        /* backfills: the table existed before this migration */
    const char *detail;         /* for messages: "UPDATE tickets SET ..." */
    bool from_sql;              /* written as SQL (a .sql file or knex.raw), not builder calls */
    Origin origin;
} MigEvent;

typedef VEC(MigEvent) MigEventVec;

typedef struct Migration {
    const char *path;  /* as reported in findings */
    const char *name;  /* file name: the order Knex runs them in */
    bool is_sql;       /* a .sql file (or .up.sql/.down.sql pair) */
    bool has_up, has_down;
    Origin up_origin, down_origin; /* where up and down are defined */
    bool no_transaction; /* exports.config = { transaction: false } */
    bool down_optional;  /* a lone .sql file: its format has no down */
    bool not_migration;  /* a file beside migrations that exports no up or down: ignored */
    bool understood;     /* false when some part was not understood (A003 raised) */
    MigEventVec up, down;
} Migration;

/* Where a migration reader sends what it reads. */
typedef struct MigSink {
    Schema *schema;
    Migration *mig;
    bool down;             /* recording `down`: the model is not changed */
    Report *report;        /* for A003 not-understood findings */
    const char *database;  /* the project's name, for findings */
    const char *default_schema; /* "public", or the one withSchema() names */
} MigSink;

/* Records an event in mig->up or mig->down (copied, strings included, into
 * the project's arena). */
void mig_event(MigSink *k, const MigEvent *e);
/* An A003 "not understood" finding at o, and mig->understood = false. */
void mig_not_understood(MigSink *k, Origin o, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void mig_vnot_understood(MigSink *k, Origin o, const char *fmt, va_list ap);

#endif
