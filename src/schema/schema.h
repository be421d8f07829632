/* schema.h - the one schema model.
 *
 * Both sources fill this model: the live catalog (src/catalog/) and, later,
 * the migration scanner.  Schema rules read only this model, never libpq or
 * a syntax tree, so they run unchanged on either source.  Every object keeps
 * its Origin: a file position when a migration created or last changed it,
 * or nothing (file == NULL) when it was read from a live catalog, in which
 * case findings name the object itself ("schema.table.column").
 *
 * All memory belongs to Schema.arena.  Column references inside a table are
 * indexes into Table.columns.v, so the model has no dangling pointers when a
 * source renames things.
 */
#ifndef DBAUDIT_SCHEMA_H
#define DBAUDIT_SCHEMA_H

#include <stdbool.h>
#include <string.h>

#include "core/arena.h"
#include "core/strmap.h"

typedef struct Origin {
    const char *file; /* NULL for objects read from a live catalog */
    int line, col;    /* 1-based when file is set */
} Origin;

typedef enum TypeKind {
    TYPE_BASE = 0,
    TYPE_ENUM,
    TYPE_DOMAIN,
    TYPE_OTHER /* composite, range, pseudo... */
} TypeKind;

typedef struct Column {
    const char *name;
    const char *type;      /* as format_type() prints it: "character varying(255)" */
    TypeKind type_kind;    /* of the element type for arrays */
    bool is_array;
    bool domain_checked;   /* a domain with at least one CHECK */
    const char *base_type; /* for a domain: its base type as format_type() prints it */
    bool not_null;
    const char *default_expr; /* NULL when there is none */
    char identity;         /* 'a' always, 'd' by default, 0 none */
    bool generated;
    Origin origin;
} Column;

typedef enum ConKind {
    CON_PRIMARY = 'p',
    CON_UNIQUE = 'u',
    CON_FOREIGN = 'f',
    CON_CHECK = 'c',
    CON_EXCLUDE = 'x'
} ConKind;

/* ON DELETE / ON UPDATE, with pg_constraint's letters. */
typedef enum FkAction {
    FK_NO_ACTION = 'a',
    FK_RESTRICT = 'r',
    FK_CASCADE = 'c',
    FK_SET_NULL = 'n',
    FK_SET_DEFAULT = 'd'
} FkAction;

typedef struct Table Table;

typedef struct Constraint {
    const char *name;
    ConKind kind;
    bool validated;  /* false: NOT VALID */
    bool deferrable;
    bool deferred;   /* INITIALLY DEFERRED */
    char match_type; /* foreign keys: 'f' FULL, 'p' PARTIAL, 's' SIMPLE (default) */
    bool inherited;  /* cloned from a partitioned parent */
    int ncols;
    const int *cols; /* indexes into the table's columns */
    /* foreign keys */
    const char *ref_schema, *ref_table;
    int nref;
    const char **ref_cols; /* names: the target may not be in the model */
    FkAction on_delete, on_update;
    int disabled_triggers;     /* its enforcement triggers on this table that do not
                                  fire in ordinary sessions (disabled, or replica-only) */
    int disabled_ref_triggers; /* ... and on the referenced table */
    /* checks and exclusions */
    const char *expr; /* definition text, e.g. "CHECK ((price > (0)::numeric))" */
    const char *index_name; /* index that backs p/u/x */
    Origin origin;
} Constraint;

typedef struct Index {
    const char *name;
    bool unique, primary, valid;
    bool backs_constraint; /* PRIMARY KEY, UNIQUE or EXCLUDE constraint index */
    const char *method;    /* "btree", "gin"... */
    int nkeys;             /* key columns (INCLUDE columns are not keys) */
    bool has_include;      /* INCLUDE (...) columns beyond the keys */
    bool inherited;        /* a partition's copy of its parent's index */
    bool nulls_not_distinct; /* UNIQUE NULLS NOT DISTINCT (PostgreSQL 15) */
    bool replica_identity; /* REPLICA IDENTITY USING INDEX */
    const int *cols;       /* column index, or -1 for an expression */
    const char **exprs;    /* per key: expression text, or NULL */
    const char *opclasses; /* opaque comparison key (opclass, collation, order) */
    const char *predicate; /* WHERE clause text, or NULL */
    /* Derived by schema_derive(): */
    const char **pred_cols; /* columns the predicate mentions, NULL-terminated */
    const char **key_names; /* per key: the column, or the one column an
                               expression such as lower(email) reads, or NULL */
    Origin origin;
} Index;

/* Policy commands, with pg_policy's letters. */
typedef enum PolicyCmd {
    POL_ALL = '*',
    POL_SELECT = 'r',
    POL_INSERT = 'a',
    POL_UPDATE = 'w',
    POL_DELETE = 'd'
} PolicyCmd;

struct SqlExpr;

typedef struct Policy {
    const char *name;
    PolicyCmd cmd;
    bool permissive;
    const char *roles;      /* "public" or "app, admin" */
    const char *using_expr; /* NULL when absent */
    const char *check_expr; /* NULL when absent */
    /* Derived by schema_derive(): the parsed expressions, NULL when absent
     * or when they do not parse (then *_unparsed is set). */
    const struct SqlExpr *using_tree, *check_tree;
    bool using_unparsed, check_unparsed;
    Origin origin;
} Policy;

typedef struct Trigger {
    const char *name;
    char enabled;    /* 'O' origin, 'D' disabled, 'R' replica, 'A' always */
    bool internal;   /* created by PostgreSQL for a constraint */
    const char *constraint; /* constraint it enforces, or NULL */
    Origin origin;
} Trigger;

struct Table {
    int id;            /* position in Schema.tables after schema_sort() */
    const char *schema, *name;
    const char *qname; /* "schema.name", unquoted: used for lookups and locations */
    char kind;         /* 'r' table, 'p' partitioned table */
    bool is_partition;
    const char *parent; /* qname of the partitioned parent */
    int npartkey;
    const int *partkey;   /* partitioned tables: partition key columns (-1: expression) */
    bool rls_enabled, rls_forced;
    double row_estimate; /* -1 unknown */
    const char *owner;
    bool owner_bypasses_rls; /* the owner is a superuser or has BYPASSRLS */
    VEC(Column) columns;
    VEC(Constraint) constraints;
    VEC(Index) indexes;
    VEC(Policy) policies;
    VEC(Trigger) triggers;
    Origin origin;
};

typedef struct TypeDef {
    const char *schema, *name;
    TypeKind kind;
    const char **labels; /* enums: NULL-terminated */
    bool has_check;      /* domains */
    Origin origin;
} TypeDef;

/* What the source could read.  A rule that needs a part the source could not
 * read does not run, and the audit says so instead of reporting it clean. */
enum {
    SCHEMA_HAS_TABLES = 1 << 0,
    SCHEMA_HAS_COLUMNS = 1 << 1,
    SCHEMA_HAS_CONSTRAINTS = 1 << 2,
    SCHEMA_HAS_INDEXES = 1 << 3,
    SCHEMA_HAS_POLICIES = 1 << 4,
    SCHEMA_HAS_TRIGGERS = 1 << 5,
    SCHEMA_HAS_TYPES = 1 << 6,
    SCHEMA_HAS_ALL = (1 << 7) - 1
};

typedef struct Schema {
    Arena arena;
    const char *database; /* name of the database, or of the migrations folder */
    unsigned have;        /* SCHEMA_HAS_* */
    VEC(Table *) tables;
    VEC(TypeDef) types;
    StrMap by_qname; /* "schema.name" -> Table* */
    StrMap types_by_qname;
    StrMap *obj_names; /* src/schema/edit.c: "schema.name" of tables, indexes and
                          constraints -> how many (+1), built when first needed */
} Schema;

Schema *schema_new(const char *database);
void schema_free(Schema *s);

/* A new, empty table (caller fills it); registered under schema.name. */
Table *schema_add_table(Schema *s, const char *schema, const char *name);
Table *schema_table(const Schema *s, const char *schema, const char *name);
Table *schema_table_q(const Schema *s, const char *qname);
TypeDef *schema_add_type(Schema *s, const char *schema, const char *name, TypeKind kind);
const TypeDef *schema_type(const Schema *s, const char *schema, const char *name);
/* Sorts tables by qname so every source yields the same order, and numbers
 * them (Table.id). */
void schema_sort(Schema *s);
/* Fills the derived fields (Index.pred_cols, Index.key_names, the parsed
 * policy expressions) and sorts.
 * Every source calls it once when the model is complete. */
void schema_derive(Schema *s);

/* Index of the column named name, or -1. */
int table_column_index(const Table *t, const char *name);
const Column *table_column(const Table *t, const char *name);
const Constraint *table_primary_key(const Table *t);
/* The table referenced by a foreign key, or NULL when outside the model. */
Table *constraint_ref(const Schema *s, const Constraint *c);

/* "ON DELETE CASCADE" and friends ("NO ACTION" for the default). */
const char *fk_action_sql(FkAction a);

#endif
