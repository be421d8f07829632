/* knex_internal.h - what the Knex migration reader's two files share:
 * the interpreter (knex.c: values, scopes, statements, the module's exports)
 * and the builders (knex_builder.c: knex, knex.schema, table, column and
 * query builders, raw SQL).  Not for use outside src/migrate/. */
#ifndef DBAUDIT_KNEX_INTERNAL_H
#define DBAUDIT_KNEX_INTERNAL_H

#include <stdbool.h>

#include "migrate/history.h"
#include "migrate/knex.h"
#include "source/ts.h"

#define MAX_CALL_DEPTH 16
#define MAX_UNROLL 1000

typedef enum ValKind {
    VK_UNKNOWN,
    VK_UNDEFINED,
    VK_KNEX,   /* knex, or a transaction */
    VK_FN,     /* knex.fn */
    VK_CLIENT, /* knex.client: the PostgreSQL client */
    VK_SCHEMA, /* knex.schema; schema: withSchema() */
    VK_TABLE,  /* table builder */
    VK_COLUMN, /* column builder */
    VK_QUERY,  /* query builder */
    VK_RAW,    /* knex.raw(): SQL */
    VK_STRING,
    VK_NUMBER,
    VK_BOOL,
    VK_NULL,
    VK_ARRAY,
    VK_OBJECT,
    VK_FUNCTION,
    VK_MODULE  /* an imported module (its named exports) */
} ValKind;

typedef struct Scope Scope;
typedef struct TableB TableB;
typedef struct ColB ColB;
typedef struct TableOp TableOp;
typedef struct QueryB QueryB;
typedef struct Val Val;
typedef struct Module Module;

struct Val {
    ValKind k;
    const char *s;  /* STRING; RAW: the SQL */
    double n;       /* NUMBER */
    bool b;         /* BOOL */
    TSNode node;    /* OBJECT, FUNCTION, RAW, QUERY: the literal or call */
    TsDoc *doc;     /* the document node belongs to */
    Module *mod;    /* MODULE */
    Scope *scope;   /* OBJECT, FUNCTION: where it was written */
    const char *schema; /* SCHEMA */
    TableB *tb;     /* TABLE, COLUMN */
    ColB *col;      /* COLUMN */
    TableOp *fk;    /* COLUMN: its pending foreign key, if any */
    QueryB *q;      /* QUERY */
    Val **items;    /* ARRAY */
    int nitems;
    bool used;      /* RAW: consumed as an argument */
    TSNode bindings; /* RAW: the bindings argument */
    const char *dynamic_sql; /* UNKNOWN from a template with run-time parts: the text
                                with those parts as $n parameters */
};

typedef struct Binding {
    const char *name;
    Val *v;
    struct Binding *next;
} Binding;

struct Scope {
    Binding *b;
    Scope *parent;
};

struct ColB {
    const char *name;
    const char *type;
    bool not_null, nullable_set;
    const char *def; /* default expression, or NULL */
    bool alter;      /* .alter(): change the existing column */
    bool serial_pk;  /* increments(): PRIMARY KEY inline */
    bool serial;     /* serial type: default nextval */
    char identity;   /* 'a' / 'd': GENERATED ... AS IDENTITY (specificType) */
    bool generated;
    const char **checks; /* inline CHECK expressions */
    int nchecks;
    const char **enum_labels; /* native enum to create (NULL-terminated) */
    const char *enum_name, *enum_schema;
    TypeKind type_kind;
    Origin origin;
};

typedef enum TopKind {
    TOP_PRIMARY,
    TOP_UNIQUE,
    TOP_INDEX,
    TOP_FOREIGN,
    TOP_CHECK,
    TOP_DROP_COLUMN,
    TOP_RENAME_COLUMN,
    TOP_DROP_FOREIGN,
    TOP_DROP_UNIQUE,
    TOP_DROP_INDEX,
    TOP_DROP_PRIMARY,
    TOP_SET_NULLABLE,
    TOP_DROP_NULLABLE,
    TOP_DROP_CHECKS
} TopKind;

struct TableOp {
    TopKind kind;
    const char **cols;
    int ncols;
    const char *name;      /* explicit name, or NULL for Knex's */
    const char *predicate; /* WHERE of an index */
    const char *method;    /* USING */
    bool as_index;         /* unique built as an index */
    bool deferrable, deferred;
    const char *ref_schema, *ref_table;
    const char **ref_cols;
    int nref;
    FkAction on_delete, on_update;
    bool explicit_on_delete;
    const char *expr;     /* checks */
    const char *new_name; /* rename */
    Origin origin;
};

struct TableB {
    const char *schema, *name;
    bool create, if_not_exists;
    Origin origin;
    VEC(ColB *) cols;
    VEC(TableOp *) ops;
};

struct QueryB {
    const char *table;
    const char *schema;
    char op; /* 'u' update, 'd' delete, 'i' insert, 's' select, 0 */
    bool bounded;
    bool flushed;
    const char *where; /* the WHERE it builds, as SQL (whereNull...), for index predicates */
    Origin origin;
    TSNode node;
};

typedef struct Interp {
    MigSink *k;
    TsDoc *doc;
    Arena *a;    /* this migration's scratch: values, scopes, builders (reset per file) */
    Arena *keep; /* the project's arena: imported modules and what outlives the file */
    Scope *global;
    int depth;
    int loops;        /* inside a loop body: batching */
    int schema_ops;   /* counter, for Promise.all */
    VEC(Val *) pending; /* raw SQL and queries of the current statement */
    KnexModules *modules;  /* the files migrations import, read once per project */
    int module_depth;      /* 0 while reading the migration itself */
    long builder_calls;    /* columns and table statements collected so far */
    bool returned;
    Val *ret;
} Interp;

struct KnexModules {
    VEC(Module *) v;
    Arena scratch; /* reset for each migration */
};

extern Val kx_unknown_val;

Val *kx_val_new(Interp *in, ValKind k);
Val *kx_val_str(Interp *in, const char *s);
/* The string of a string value, else NULL. */
const char *kx_val_string(Val *v);
/* A string, number or boolean as JavaScript prints it, else NULL. */
const char *kx_val_text(Interp *in, Val *v);
/* A string or an array of strings as a list of names (NULL otherwise). */
const char **kx_val_names(Interp *in, Val *v, int *n);
/* A property of an object literal, evaluated; NULL when absent. */
Val *kx_object_get(Interp *in, Val *obj, const char *key);
bool kx_truthy(Val *v, bool *known);
Val *kx_arg(Val **args, int nargs, int i);
/* Marks raw SQL used as an argument, so it is not run as a statement. */
void kx_consume(Val *v);
Origin kx_origin_of(Interp *in, TSNode n);
char *kx_text(Interp *in, TSNode n);
/* A short one-line excerpt of a node, for messages. */
const char *kx_excerpt(Interp *in, TSNode n);
void kx_not_understood(Interp *in, TSNode n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
Val *kx_eval(Interp *in, Scope *s, TSNode n);
Val *kx_call_function(Interp *in, Val *fn, Val **args, int nargs, TSNode site);
void kx_exec_declaration(Interp *in, Scope *s, TSNode n);
/* require('./x'): the module's value, or unknown for packages. */
Val *kx_require(Interp *in, const char *spec, TSNode at);
Val *kx_module_member(Interp *in, Val *mod, const char *name);

/* Client names in comparisons: PostgreSQL's, and other databases'. */
bool kx_is_pg_client(const char *name);
bool kx_is_other_client(const char *name);

/* knex_builder.c */
/* recv.method(args) at call (args_node: its arguments). */
Val *kx_call_method(Interp *in, Val *recv, const char *method, Val **args, int nargs, TSNode call, TSNode args_node);
/* knex('table'): a query builder, judged when its statement ends. */
Val *kx_new_query(Interp *in, const char *table, TSNode call);
/* Ends a statement: runs the raw SQL nobody consumed, records backfills. */
void kx_flush_pending(Interp *in);

#endif
