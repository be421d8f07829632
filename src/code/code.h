/* code.h - what a project's data-access code does with the database.
 *
 * `dbaudit scan` reads the TypeScript and JavaScript of each project (not
 * its migrations, knexfiles, seeds or tests) and records, per function, the
 * database work the code rules (src/rules/code/) judge: every Knex query
 * with its executor, table, operation, conditions, locks and context (loop,
 * transaction, try/catch, awaited or not), every transaction with its
 * isolation level, and the calls to outside services around them.
 *
 * It is a model of the code as written, not an interpreter: a query is
 * recognised by its shape (a chain of Knex methods on something that is a
 * Knex instance by name, type annotation or import), values are kept as the
 * identifiers they read, and nothing is evaluated.  Where the code is
 * beyond that (a query built across functions, an executor passed through
 * an untyped variable of another name) the query is simply not seen: the
 * rules prefer a missed finding to a false one.
 *
 * All memory belongs to the CodeBase arena.
 */
#ifndef DBAUDIT_CODE_H
#define DBAUDIT_CODE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/config.h"

typedef enum QueryOp {
    QOP_SELECT = 0, /* a builder awaited without a verb, select(), pluck() */
    QOP_FIRST,
    QOP_COUNT,      /* count, min, max, sum, avg */
    QOP_INSERT,
    QOP_UPSERT,     /* insert().onConflict().merge(), upsert() */
    QOP_UPDATE,
    QOP_DELETE,
    QOP_INCREMENT,  /* increment / decrement: an atomic expression */
    QOP_RAW         /* knex.raw: see CodeQuery.sql */
} QueryOp;

static inline bool qop_reads(QueryOp op)
{
    return op == QOP_SELECT || op == QOP_FIRST || op == QOP_COUNT;
}
static inline bool qop_writes(QueryOp op)
{
    return op >= QOP_INSERT && op <= QOP_INCREMENT;
}

typedef enum LockKind { LOCK_NONE = 0, LOCK_SHARE, LOCK_KEY_SHARE, LOCK_NO_KEY_UPDATE, LOCK_UPDATE } LockKind;

/* One condition of a where clause: column = value, column IN (...), or a
 * NULL test.  Raw conditions keep their SQL. */
typedef struct CodeCond {
    const char *column;  /* as written, without a table prefix; NULL for raw */
    const char *value;   /* source text of the value, or NULL */
    const char **idents; /* identifiers the value reads, NULL-terminated */
    const char *raw;     /* whereRaw SQL text, or NULL */
    bool null_test;      /* whereNull / whereNotNull / { col: null } */
} CodeCond;

typedef struct Pos {
    int line, col; /* 1-based */
    size_t offset; /* byte offset: code order inside a file */
} Pos;

/* One more piece of SQL built at run time in the same chain
 * (whereRaw(...).orderByRaw(...)): as CodeQuery's sql fields. */
typedef struct CodeSql {
    const char *sql, *param;
    bool ddl, names_only;
    Pos at;
} CodeSql;

typedef struct CodeQuery {
    Pos at;              /* the first token of the chain */
    const char *executor; /* "knex", "this.db", "trx" as written */
    bool exec_trx;       /* it is a transaction (callback parameter, variable,
                            parameter named or typed as one) */
    bool transacting;    /* .transacting(x) moved it onto x */
    const char *table;   /* lower case, without schema or alias; NULL when unknown */
    const char *schema;  /* withSchema('v1') or 'v1.session': NULL when not named */
    QueryOp op;
    VEC(CodeCond) conds;
    const char **set_cols;   /* insert/update: the columns written (NULL-terminated) */
    const char **set_idents; /* identifiers the written values read */
    bool set_atomic;         /* the new values are SQL expressions (knex.raw) */
    LockKind lock;
    bool skip_locked, no_wait;
    bool on_conflict;        /* onConflict(): ignore or merge */
    bool limit1;             /* limit(1): a pick of one row, like first() */
    /* raw SQL (op RAW, or a *Raw method on a builder) */
    const char *sql;         /* the text, run-time parts shown as ${...}; NULL when unknown */
    bool sql_dynamic;        /* built by interpolation or concatenation of non-constants */
    bool sql_ddl;            /* ... in DDL or a utility statement (no bindings there) */
    bool sql_names_only;     /* ... and every such part is a name from the code
                                (a table, schema or column variable) */
    Pos sql_at;              /* the SQL argument */
    const char *sql_param;   /* the parameterised form suggested */
    VEC(CodeSql) more_sql;   /* the chain's other run-time SQL, after the first */
    /* context */
    bool awaited;            /* awaited, returned or yielded */
    bool discarded;          /* an expression statement: the promise is dropped */
    bool caught;             /* .catch() handles its rejection */
    int loop;                /* innermost loop (CodeUnit.loops), -1 */
    int txn;                 /* innermost transaction (CodeUnit.txns), -1 */
    bool outer_in_txn;       /* run on another executor than the transaction
                                of the callback it sits in */
    int in_try;              /* innermost try block (CodeUnit.tries), -1 */
    unsigned long long branch; /* the if/else arms, switch cases and catch blocks
                                  it sits in, hashed: two queries with the same
                                  value run together or not at all */
    const char *result;      /* the variable the result is bound to */
    const char **result_names; /* every name the binding declares */
    bool result_checked;     /* the result is tested (if (!n), n === 0, rows.length) */
} CodeQuery;

typedef enum LoopKind { LOOP_FOR, LOOP_FOR_OF, LOOP_WHILE, LOOP_CALLBACK } LoopKind;

typedef struct CodeLoop {
    Pos at;
    LoopKind kind;
    const char *method;      /* LOOP_CALLBACK: "map", "forEach"... */
    bool async_foreach;      /* forEach(async ...): the callbacks' awaits do not make forEach wait */
    const char **vars;       /* the loop's variables and those declared in its body */
    bool exits_early;        /* return or break inside the body */
    int parent;              /* enclosing loop, -1 */
    size_t start, end;       /* byte range of the body */
} CodeLoop;

typedef enum TxnKind {
    TXN_CALLBACK, /* knex.transaction(async (trx) => ...) */
    TXN_EXPLICIT, /* const trx = await knex.transaction(); ... commit() */
    TXN_PARAM,    /* a function parameter that is a transaction: the caller's */
    TXN_WRAPPER   /* the callback of a helper named for transactions:
                     withTransaction(async () => ...), transaction(knex, async (trx) => ...) */
} TxnKind;

typedef struct CodeTxn {
    Pos at;                  /* the first token of the transaction call */
    TxnKind kind;
    const char *var;         /* the transaction's name inside: "trx" */
    const char *outer;       /* the executor it was started on */
    const char *isolation;   /* isolationLevel as written, or NULL */
    bool isolation_dynamic;  /* set from a non-literal */
    bool config_first;       /* transaction(config, handler) */
    bool uses_var;           /* the callback uses its transaction; a parameter:
                                queries run on it (else it may be another
                                library's transaction) */
    bool has_callback;
    bool required;           /* a parameter every caller must pass (not optional, no default) */
    int parent;              /* enclosing transaction, -1 */
    size_t start, end;       /* byte range where it is open */
} CodeTxn;

typedef enum CallKind {
    CALL_HTTP,
    CALL_PAYMENT,
    CALL_MAIL,
    CALL_QUEUE,
    CALL_CHAIN,
    CALL_SERVICE /* named by the configuration's external_clients */
} CallKind;

/* A call to something outside the database. */
typedef struct CodeCall {
    Pos at;
    CallKind kind;
    const char *callee; /* as written, arguments left out: "stripe.paymentIntents.create" */
    bool awaited;
    int loop, txn, in_try;
    unsigned long long branch;
} CodeCall;

typedef struct CodeTry {
    Pos at;          /* try */
    Pos catch_at;    /* catch keyword, line 0 when there is none */
    bool rethrows;   /* the catch throws, rejects or rolls back */
    bool has_catch;
    bool has_write;  /* the try block writes */
    int txn;         /* innermost transaction the try sits in, -1 */
    size_t start, end; /* the try block */
} CodeTry;

/* A local variable and the names its initial value reads: remaining in
 * const remaining = row.available - qty reads row and qty. */
typedef struct CodeDef {
    const char *name;
    const char **reads; /* NULL-terminated */
} CodeDef;

/* A function: a declaration, a method, or a function expression bound to a
 * name or handed to something other than a loop helper or a transaction
 * (a route handler).  Callbacks of map/forEach/transaction belong to the
 * function around them. */
typedef struct CodeUnit {
    const char *file;
    const char *name;        /* "PurchaseService.purchase", "<anonymous>" */
    Pos at;
    VEC(CodeQuery) queries;  /* in code order */
    VEC(CodeLoop) loops;
    VEC(CodeTxn) txns;
    VEC(CodeCall) calls;
    VEC(CodeTry) tries;
    VEC(CodeDef) defs;       /* its local variables with what they are computed from */
    bool handles_unique;     /* tests for 23505 / a unique violation */
    bool handles_serialization; /* tests for 40001, or retries */
    bool sets_tenant_local;  /* set_config('app...', ?, true) in it */
} CodeUnit;

typedef struct CodeFile {
    const char *path;
    VEC(CodeUnit *) units;
    bool parse_error;
    int error_line, error_col;
} CodeFile;

/* Files are read by up to CODE_WORKERS threads, each into its own arena. */
#define CODE_WORKERS 4

typedef struct CodeBase {
    Arena arena;                 /* the files vector */
    Arena worker[CODE_WORKERS];  /* the files' models, per reading thread */
    VEC(CodeFile *) files;       /* in the order the project lists them */
} CodeBase;

void codebase_init(CodeBase *cb);
void codebase_fini(CodeBase *cb);

/* Reads one source file (text, len bytes) into a model allocated in a.
 * cfg's external_clients and queue_publishers name outside calls beyond
 * the built-in client names.
 * Returns the file, with parse_error set when tree-sitter found syntax
 * errors (what parsed is still recorded), or NULL when the file could not
 * be parsed at all.  Safe to call from several threads with different
 * arenas. */
CodeFile *code_read(Arena *a, const AuditConfig *cfg, const char *path, const char *text, size_t len);

/* False when the text cannot hold a query dbaudit recognises: no Knex
 * instance name (knex, db, trx, tx as words), no Knex type, no
 * transaction.  Such files are not parsed (a React component, a util). */
bool code_may_use_knex(const char *text, size_t len);

#endif
