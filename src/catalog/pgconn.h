/* pgconn.h - the wall around libpq.
 *
 * Only src/catalog/pgconn.c includes <libpq-fe.h>.  A PgConn is a read-only
 * audit session: connected like psql (a DSN as URL or key=value, or the PG*
 * environment variables and service files), application_name=dbaudit,
 * default_transaction_read_only=on, statement_timeout and lock_timeout set
 * with set_config() parameters (never by building SQL text).
 *
 * Queries run as one pipelined batch inside a single READ ONLY, REPEATABLE
 * READ transaction: one network round trip for the whole catalog, one
 * consistent snapshot, and every query behind its own savepoint so that one
 * failing query (a lock timeout, a permission error) does not stop the
 * others.  Results come back as PgRows: libpq's result, behind our type.
 */
#ifndef DBAUDIT_PGCONN_H
#define DBAUDIT_PGCONN_H

#include <stdbool.h>
#include <stddef.h>

typedef struct PgConn PgConn;

typedef struct PgConnOptions {
    const char *dsn;          /* NULL: environment and defaults */
    int statement_timeout_ms; /* 0: no limit */
    int lock_timeout_ms;      /* 0: no limit */
    int connect_timeout_s;    /* used unless the DSN or PGCONNECT_TIMEOUT sets one */
} PgConnOptions;

/* One result: nrows x ncols text values (NULL for SQL NULL). */
typedef struct PgRows {
    int nrows, ncols;
    void *res; /* the libpq result, freed by pgquery_clear() */
} PgRows;

typedef struct PgQuery PgQuery;

struct PgQuery {
    const char *what; /* for messages: "columns", "policies"... */
    const char *sql;
    int nparams;
    const char *const *params;
    /* Called as soon as this query's result (rows or error) is in, while the
     * server works on the next ones; may be NULL. */
    void (*done)(PgQuery *q, void *ctx);
    void *ctx;
    /* out */
    PgRows *rows;  /* NULL when the query failed */
    char *error;   /* one line, malloc'd, when it failed */
};

/* Connects.  On failure returns NULL and writes a one-line message (never a
 * password) into err. */
PgConn *pgconn_open(const PgConnOptions *opt, char *err, size_t errlen);
void pgconn_close(PgConn *c);

/* Database name. */
const char *pgconn_dbname(const PgConn *c);
/* statement_timeout for the next batches, in milliseconds (0: none). */
void pgconn_set_statement_timeout(PgConn *c, int ms);

/* Asks the server to cancel what this connection is running.  Safe to call
 * from a signal handler (libpq's PQcancel with a PGcancel prepared at
 * connect time); does nothing when there is nothing to cancel. */
void pgconn_cancel(PgConn *c);

/* work_mem for the next batches ("64MB"), or NULL for the server's own. */
void pgconn_set_work_mem(PgConn *c, const char *work_mem);

/* Server version as PQserverVersion() gives it: 150004 for 15.4. */
int pgconn_server_version(const PgConn *c);

/* Runs the queries as one pipelined, read-only batch.  Returns 0 when the
 * connection survived (each query then has rows or error), -1 when it was
 * lost; err then says why in one line. */
int pgconn_run(PgConn *c, PgQuery *q, int n, char *err, size_t errlen);

/* The same in steps, for a catalog read spread over two sessions that see
 * one snapshot.  pgconn_begin() starts the read-only transaction and runs
 * the first queries in it:
 *   - import: the snapshot the other session exported (pg_export_snapshot's
 *     value), or NULL; the queries then go in the same network round trip;
 *   - export: when not NULL, receives this session's snapshot identifier,
 *     or "" when the server would not export it (a second round trip).
 * pgconn_batch() runs more queries in the transaction; pgconn_end() commits.
 * Each returns 0, or -1 when the connection was lost; pgconn_begin() returns
 * -2 when the session could not start (a refused setting or snapshot: err
 * says why), after which the connection must be closed. */
int pgconn_begin(PgConn *c, const char *import, char *export, size_t exportlen, PgQuery *q, int n, char *err,
                 size_t errlen);
int pgconn_batch(PgConn *c, PgQuery *q, int n, char *err, size_t errlen);
int pgconn_end(PgConn *c, char *err, size_t errlen);

/* pgconn_open(), and at the same time a second session for a catalog read
 * (*second, NULL when it could not connect or reached another server,
 * database or role).  Returns the first, or NULL as pgconn_open() does. */
PgConn *pgconn_open_pair(const PgConnOptions *opt, PgConn **second, char *err, size_t errlen);

void pgquery_clear(PgQuery *q);

/* A one-dimensional text array in PostgreSQL's output syntax
 * ({plain,"quoted \"x\"",NULL}) into a NULL-terminated array in arena a;
 * SQL NULL elements become "".  NULL or non-array input gives NULL. */
struct Arena;
const char **pgconn_text_array(struct Arena *a, const char *text, int *count);

/* The value at (row, col), or NULL for SQL NULL; valid until pgquery_clear(). */
const char *pgrows_get(const PgRows *r, int row, int col);

#endif
