/* rule.h - what a rule sees, and how it reports.
 *
 * A rule is one function, void rule_<ID>(RuleCtx *), in a file of its own
 * under src/rules/<family>/.  It reads the schema model and the derived
 * facts below, never libpq or a syntax tree, and reports through the
 * rule_at_*() helpers, which fill location, grouping and fingerprint key the
 * same way for every rule.  Rules do not allocate anything that outlives
 * the report: use ctx->a (the report arena).
 */
#ifndef DBAUDIT_RULE_H
#define DBAUDIT_RULE_H

#include <stdbool.h>

#include "core/config.h"
#include "core/report.h"
#include "schema/schema.h"

typedef enum Confidence { CONF_MEDIUM = 1, CONF_HIGH = 2 } Confidence;

/* A column that looks like a reference but has no foreign key. */
typedef struct InferredRef {
    int col;             /* column index in the referencing table */
    const Table *target;
    const char *target_col; /* its key column */
    Confidence confidence;
    const char *evidence;   /* "name matches table public.events; types match (uuid)" */
    const char *note;       /* "3 of 4 partitions have one", or NULL */
} InferredRef;

/* Facts derived once per schema, indexed by Table.id. */
typedef struct TableFacts {
    int tenant_col;          /* index of the tenant column, or -1 */
    int soft_delete_col;     /* index of the soft-delete column, or -1 */
    bool is_tenants_table;
    bool tenant_scoped;
    const char *scope_reason; /* why it is tenant-scoped */
    const Table *scope_parent; /* parent through which it is scoped, if any */
    const Constraint *scope_fk; /* declared FK to that parent, or NULL */
    const InferredRef *scope_ref; /* inferred reference to that parent, or NULL */
    bool financial;          /* name says payments, ledger, audit... */
    VEC(const Table *) partitions; /* of a partitioned table */
    VEC(InferredRef) inferred;
} TableFacts;

typedef struct Facts {
    TableFacts *t;  /* [schema->tables.n] */
    StrMap names;   /* "schema.name" of every table, index and constraint */
} Facts;

struct DataPlan;
struct ScanProject;

typedef struct RuleCtx {
    const Schema *s;
    const AuditConfig *cfg;
    const Facts *facts;
    Report *report;
    RuleId rule;
    Arena *a; /* the report arena */
    struct DataPlan *plan; /* data rules append their checks here */
    const struct ScanProject *project; /* migration and knexfile rules: what the scan read */
} RuleCtx;

void facts_build(Facts *f, const Schema *s, const AuditConfig *cfg, Arena *a);

static inline const TableFacts *facts_of(const RuleCtx *c, const Table *t)
{
    return &c->facts->t[t->id];
}

/* Report a finding about a table, a column (col >= 0) or an object of the
 * table with its own origin (o).  key: identity for the fingerprint. */
Finding *rule_at_table(RuleCtx *c, const Table *t, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
Finding *rule_at_column(RuleCtx *c, const Table *t, int col, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
Finding *rule_at_origin(RuleCtx *c, const Table *t, const Origin *o, int col, const char *key,
                        const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void rule_fix(RuleCtx *c, Finding *f, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* True for tables rules look at: not partitions (their partitioned parent
 * carries the keys and indexes that matter). */
bool rule_audited_table(const Table *t);
/* Constraints and indexes rules look at: everything but a partition's
 * copies of its parent's (those are reported once, on the parent).  A
 * partition's own foreign keys and indexes are audited on the partition. */
bool rule_audited_constraint(const Table *t, const Constraint *k);
bool rule_audited_index(const Table *t, const Index *x);

/* Names for messages: bare when plain, double-quoted otherwise. */
const char *d_table(RuleCtx *c, const Table *t);
const char *d_ident(RuleCtx *c, const char *name);
const char *d_qname(RuleCtx *c, const char *schema, const char *name);

/* Quoted SQL names, in the report arena. */
const char *q_table(RuleCtx *c, const Table *t);
const char *q_ident(RuleCtx *c, const char *name);
/* "(a, b)" column list of a constraint or index, quoted for SQL. */
const char *q_cols(RuleCtx *c, const Table *t, const int *cols, int n);
/* "a, b" for messages (not quoted). */
const char *cols_text(RuleCtx *c, const Table *t, const int *cols, int n);
/* A name for a new index or constraint, at most 63 bytes:
 * "<table>_<cols>_<suffix>". */
const char *new_name(RuleCtx *c, const Table *t, const int *cols, int n, const char *suffix);

/* Fix: SET NOT NULL without a long lock: a NOT VALID check, VALIDATE (no
 * write lock), SET NOT NULL (PostgreSQL 12+ proves it from the validated
 * check without a scan), then the check is dropped.  note: the comment line
 * above the count query. */
void fix_set_not_null(RuleCtx *c, Finding *f, const Table *t, int col, const char *note);

/* "FOREIGN KEY (a) REFERENCES s.t (id) ON DELETE <on_delete> [ON UPDATE ..]
 * [DEFERRABLE ..]": the key's definition with another ON DELETE action. */
const char *fk_definition(RuleCtx *c, const Table *t, const Constraint *fk, FkAction on_delete);

/* "ALTER TABLE t ADD CONSTRAINT name <definition> NOT VALID;\nALTER TABLE t
 * VALIDATE CONSTRAINT name;", or a plain ADD CONSTRAINT on a partitioned
 * table (PostgreSQL 15 has no NOT VALID foreign keys there).  drop: also
 * drop the constraint of that name in the same statement. */
const char *fix_add_fk(RuleCtx *c, const Table *t, const char *name, const char *definition, bool drop);

/* Unique keys. */
/* True when a column's value is generated (identity, serial, uuid default):
 * unique by construction, so it needs neither tenant nor soft-delete scope. */
bool col_is_surrogate(const Table *t, int col);
/* "deleted_at IS NULL", or "NOT is_deleted" for a boolean flag (unquoted
 * for messages when sql is false). */
const char *soft_delete_pred(RuleCtx *c, const Table *t, int col);
/* The same on alias.col (alias NULL: bare), for rows that are not deleted,
 * or (deleted) for rows that are: "c.deleted_at IS NOT NULL", "c.is_deleted". */
const char *soft_delete_cond(RuleCtx *c, const Table *t, int col, const char *alias, bool deleted);
/* The WHERE clause for the index that replaces unique index x: x's own
 * clause, and on a soft-delete table the soft-delete condition too, so
 * S009 and S011 propose the same index. */
const char *unique_replacement_pred(RuleCtx *c, const Table *t, const Index *x);
/* The statement that removes a unique index or the constraint it backs. */
const char *drop_unique(RuleCtx *c, const Table *t, const Index *x);
/* Key n of an index as SQL: a quoted column, or the expression. */
const char *index_key_sql(RuleCtx *c, const Table *t, const Index *x, int n);
/* The column a finding about a unique index points at: its first key that
 * is not the tenant column, else its first key (-1: an expression). */
int index_focus_col(RuleCtx *c, const Table *t, const Index *x);
/* The keys of an index for messages: "tenant_id, lower(email)". */
const char *index_keys_text(RuleCtx *c, const Table *t, const Index *x);
/* True when a column scopes a key by a tenant-specific parent: the tenant
 * column, or a foreign key (declared, or inferred with high confidence) to a
 * tenant-scoped table. */
bool col_scopes_tenant(RuleCtx *c, const Table *t, int col);

/* Fix: a duplicates query, CREATE UNIQUE INDEX CONCURRENTLY on keys (SQL
 * texts; cols gives the columns for the index name, -1 for expressions)
 * with an optional WHERE, then drop (a statement, or NULL). */
void fix_unique_index(RuleCtx *c, Finding *f, const Table *t, const int *cols, const char *const *keys, int n,
                      const char *pred, const char *drop);

/* "CONCURRENTLY " (builds and drops without blocking writes), or "" on a
 * partitioned table, where PostgreSQL does not allow it. */
const char *concurrently(const Table *t);
/* "-- partitioned tables cannot be indexed CONCURRENTLY..." comment line
 * for partitioned tables, "" otherwise. */
const char *partition_lock_note(const Table *t);

/* Column helpers. */
bool constraint_has_col(const Constraint *k, int col);
bool index_has_key(const Index *x, const char *name);
/* The foreign key whose columns start with col, or NULL. */
const Constraint *fk_on_column(const Table *t, int col);
bool type_is_numeric(const char *type);
bool type_is_text(const char *type);
/* The type to judge a column by: a domain's base type, else its own. */
static inline const char *column_base_type(const Column *c)
{
    return c->base_type ? c->base_type : c->type;
}

#endif
