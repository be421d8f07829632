/* ddl_internal.h - shared by the files of the SQL DDL reader (src/sql/ddl*.c).
 *
 * The reader walks libpg_query's protobuf tree (typed C structs, unlike the
 * JSON that sql.c decodes for single expressions): ddl.c parses and
 * dispatches and handles tables, columns and constraints; ddl_objects.c
 * the other objects (indexes, types, policies, triggers) and the data
 * statements; ddl_text.c everything that works on text (placeholders,
 * type names, expression text, the small lexer).
 */
#ifndef DBAUDIT_DDL_INTERNAL_H
#define DBAUDIT_DDL_INTERNAL_H

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>
#include <stdbool.h>

#include "schema/edit.h"
#include "sql/ddl.h"

/* The state of one sql_ddl_apply() call. */
typedef struct Ddl {
    MigSink *k;
    Schema *s;
    Arena *a;          /* the schema arena: the model and events live there */
    const char *sql;   /* the whole text given to sql_ddl_apply() */
    size_t base;       /* offset in sql of the text libpg_query parsed */
    size_t stmt;       /* offset in sql of the statement's first token */
    size_t stmt_end;   /* and of its end */
    SqlPosFn pos;
    void *arg;
    const char *detail; /* the statement, on one line and shortened */
    int32_t version;    /* of the parse tree, for deparsing */
    const char *tschema, *tname; /* the table the statement creates or alters */
} Ddl;

/* ---- ddl.c ---- */
/* Position of a libpg_query location (in the parsed text; < 0: the
 * statement's start). */
Origin ddl_origin(Ddl *d, int32_t loc);
/* An event about this statement, from_sql set. */
MigEvent ddl_ev(Ddl *d, MigEventKind kind, const char *schema, const char *table, const char *name, int32_t loc);
void ddl_not_understood(Ddl *d, int32_t loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* "public" for an empty schema name. */
const char *ddl_schema_of(Ddl *d, const char *schemaname);
/* The model's table for a RangeVar, or NULL. */
Table *ddl_table(Ddl *d, const PgQuery__RangeVar *rv);
/* Adds a table or column constraint to t (NULL: record the event only) on
 * the table named d->tschema.d->tname.  colname: the column it is written
 * on, col its index in t. */
void ddl_add_constraint(Ddl *d, Table *t, const PgQuery__Constraint *con, int col, const char *colname,
                        bool in_create);

/* ---- ddl_objects.c ---- */
void ddl_index_stmt(Ddl *d, const PgQuery__IndexStmt *x);
void ddl_drop_stmt(Ddl *d, const PgQuery__DropStmt *x);
void ddl_rename_stmt(Ddl *d, const PgQuery__RenameStmt *x);
void ddl_enum_stmt(Ddl *d, const PgQuery__CreateEnumStmt *x);
void ddl_alter_enum_stmt(Ddl *d, const PgQuery__AlterEnumStmt *x);
void ddl_domain_stmt(Ddl *d, const PgQuery__CreateDomainStmt *x);
void ddl_alter_domain_stmt(Ddl *d, const PgQuery__AlterDomainStmt *x);
void ddl_policy_stmt(Ddl *d, const PgQuery__CreatePolicyStmt *x);
void ddl_alter_policy_stmt(Ddl *d, const PgQuery__AlterPolicyStmt *x);
void ddl_trigger_stmt(Ddl *d, const PgQuery__CreateTrigStmt *x);
/* ALTER TABLE ... ENABLE/DISABLE TRIGGER ... */
void ddl_set_triggers(Ddl *d, Table *t, PgQuery__AlterTableType how, const char *name);
void ddl_backfill(Ddl *d, const PgQuery__RangeVar *rel, const PgQuery__Node *where, bool update);

/* ---- ddl_text.c ---- */
/* The String value of a node, or NULL. */
const char *ddl_str(const PgQuery__Node *n);
/* The expression as SQL text (deparsed), or NULL. */
const char *ddl_expr_text(Ddl *d, const PgQuery__Node *expr);
/* A type name as format_type() prints it, with what the model (s, may be
 * NULL) knows of it.  False when it is not a plain type name. */
typedef struct DdlType {
    const char *text;
    TypeKind kind;
    bool is_array, domain_checked;
    const char *base_type;
    const char *serial; /* "integer", "bigint", "smallint" for serial types */
} DdlType;
bool ddl_type(Arena *a, const Schema *s, const char *default_schema, const PgQuery__TypeName *tn, DdlType *out);
/* Offset of the first token at or after off (white space and comments skipped). */
size_t ddl_skip_space(const char *sql, size_t off);
/* End of the element starting at off: the first ',' ')' or ';' at depth 0,
 * outside literals and comments. */
size_t ddl_element_end(const char *sql, size_t off);
/* True when the words (lower case, space-separated) appear in a row in
 * sql[from, to), outside literals and comments. */
bool ddl_has_words(const char *sql, size_t from, size_t to, const char *words);
/* sql[from, to) on one line, at most max bytes ("..." appended). */
const char *ddl_excerpt(Arena *a, const char *sql, size_t from, size_t to, size_t max);
/* Byte offset of the 1-based character position pos in s. */
size_t ddl_char_offset(const char *s, int pos);
/* Offset of the first byte that is not valid UTF-8, or (size_t)-1. */
size_t ddl_invalid_utf8(const char *s);

#endif
