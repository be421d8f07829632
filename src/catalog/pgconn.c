/* pgconn.c - read-only audit sessions over libpq; see pgconn.h.
 *
 * The batch is sent in pipeline mode:
 *   set_config(...)                                   Sync
 *   BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY   Sync
 *   for each query: SAVEPOINT q; <query>              Sync
 *                   ROLLBACK TO SAVEPOINT q           Sync
 *   COMMIT                                            Sync
 * An error skips the rest of its Sync segment only, and the ROLLBACK TO that
 * follows brings the transaction back, so later queries still run.
 */
#include "catalog/pgconn.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/strbuf.h"

struct PgConn {
    PGconn *conn;
    char *dbname;
    int statement_timeout_ms, lock_timeout_ms;
    const char *work_mem; /* for the next batch; NULL: the server's own */
    PGcancel *cancel;     /* prepared at connect time, for pgconn_cancel() */
};

/* libpq messages span lines ("...failed: ...\n\tIs the server running..."):
 * fold them into one line. */
static void one_line(char *dst, size_t n, const char *prefix, const char *msg)
{
    size_t k = (size_t)snprintf(dst, n, "%s", prefix);
    bool space = false;
    for (const char *p = msg ? msg : ""; *p && k + 1 < n; p++) {
        if (*p == '\n' || *p == '\t' || *p == '\r') {
            space = k > 0;
            continue;
        }
        if (space) {
            if (k + 2 >= n)
                break;
            dst[k++] = ';';
            dst[k++] = ' ';
            space = false;
            if (*p == ' ')
                continue;
        }
        dst[k++] = *p;
    }
    while (k > 0 && (dst[k - 1] == ' ' || dst[k - 1] == ';'))
        k--;
    dst[k < n ? k : n - 1] = '\0';
}

PgConn *pgconn_open(const PgConnOptions *opt, char *err, size_t errlen)
{
    const char *keys[8], *vals[8];
    int k = 0;
    char ct[16];
    if (!getenv("PGCONNECT_TIMEOUT") && opt->connect_timeout_s > 0) {
        /* Before dbname, so a connect_timeout in the DSN wins. */
        snprintf(ct, sizeof ct, "%d", opt->connect_timeout_s);
        keys[k] = "connect_timeout";
        vals[k++] = ct;
    }
    if (opt->dsn) {
        keys[k] = "dbname";
        vals[k++] = opt->dsn;
    }
    keys[k] = "application_name";
    vals[k++] = "dbaudit";
    keys[k] = "client_encoding";
    vals[k++] = "UTF8";
    keys[k] = NULL;
    vals[k] = NULL;

    /* A DSN that does not parse is a usage error, but libpq reports it the
     * same way as a refused connection; check it first to tell them apart. */
    if (opt->dsn) {
        char *perr = NULL;
        PQconninfoOption *o = PQconninfoParse(opt->dsn, &perr);
        if (!o) {
            one_line(err, errlen, "invalid connection string: ", perr ? perr : "out of memory");
            PQfreemem(perr);
            return NULL;
        }
        PQconninfoFree(o);
    }

    PGconn *conn = PQconnectdbParams(keys, vals, 1);
    if (!conn) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (PQstatus(conn) != CONNECTION_OK) {
        one_line(err, errlen, "", PQerrorMessage(conn));
        PQfinish(conn);
        return NULL;
    }
    PgConn *c = xmalloc(sizeof *c);
    c->conn = conn;
    c->dbname = xstrdup(PQdb(conn) ? PQdb(conn) : "");
    c->statement_timeout_ms = opt->statement_timeout_ms;
    c->lock_timeout_ms = opt->lock_timeout_ms;
    c->work_mem = "64MB";
    c->cancel = PQgetCancel(conn);
    return c;
}

void pgconn_close(PgConn *c)
{
    if (!c)
        return;
    if (c->cancel)
        PQfreeCancel(c->cancel);
    PQfinish(c->conn);
    free(c->dbname);
    free(c);
}

const char *pgconn_dbname(const PgConn *c)
{
    return c->dbname;
}

void pgconn_set_statement_timeout(PgConn *c, int ms)
{
    c->statement_timeout_ms = ms;
}

void pgconn_cancel(PgConn *c)
{
    char buf[256];
    if (c && c->cancel)
        (void)PQcancel(c->cancel, buf, sizeof buf);
}

void pgconn_set_work_mem(PgConn *c, const char *work_mem)
{
    c->work_mem = work_mem;
}

int pgconn_server_version(const PgConn *c)
{
    return PQserverVersion(c->conn);
}

/* A one-dimensional text array in PostgreSQL's output syntax
 * ({plain,"quoted \"x\"",NULL}) into a NULL-terminated arena array; SQL
 * NULL elements become "".  NULL input gives NULL. */
const char **pgconn_text_array(Arena *a, const char *text, int *count)
{
    if (count)
        *count = 0;
    if (!text || text[0] != '{')
        return NULL;
    int cap = 1;
    for (const char *p = text; *p; p++)
        cap += *p == ',';
    const char **v = arena_alloc(a, sizeof(char *) * (size_t)(cap + 1));
    int n = 0;
    StrBuf b = STRBUF_INIT;
    const char *p = text + 1;
    while (*p && *p != '}' && n < cap) {
        sb_reset(&b);
        bool quoted = *p == '"';
        if (quoted) {
            for (p++; *p && *p != '"'; p++) {
                if (*p == '\\' && p[1])
                    p++;
                sb_putc(&b, *p);
            }
            if (*p == '"')
                p++;
        } else {
            const char *start = p;
            while (*p && *p != ',' && *p != '}')
                p++;
            sb_putn(&b, start, (size_t)(p - start));
            if (strcmp(sb_str(&b), "NULL") == 0)
                sb_reset(&b);
        }
        v[n++] = arena_strdup(a, sb_str(&b));
        if (*p == ',')
            p++;
    }
    sb_fini(&b);
    v[n] = NULL;
    if (count)
        *count = n;
    return v;
}

void pgquery_clear(PgQuery *q)
{
    if (q->rows) {
        PQclear(q->rows->res);
        free(q->rows);
    }
    free(q->error);
    q->rows = NULL;
    q->error = NULL;
}

const char *pgrows_get(const PgRows *r, int row, int col)
{
    const PGresult *res = r->res;
    return PQgetisnull(res, row, col) ? NULL : PQgetvalue(res, row, col);
}

/* Takes ownership of res. */
static PgRows *wrap_rows(PGresult *res)
{
    PgRows *r = xmalloc(sizeof *r);
    r->nrows = PQntuples(res);
    r->ncols = PQnfields(res);
    r->res = res;
    return r;
}

static int send(PgConn *c, const char *sql, int nparams, const char *const *params)
{
    return PQsendQueryParams(c->conn, sql, nparams, NULL, params, NULL, NULL, 0) ? 0 : -1;
}

/* Reads the results of one command: returns its PGresult (caller clears)
 * or NULL on a lost connection.  Consumes the NULL that ends the command. */
static PGresult *take(PgConn *c)
{
    PGresult *res = PQgetResult(c->conn);
    if (!res)
        return NULL;
    PGresult *extra;
    while ((extra = PQgetResult(c->conn)) != NULL)
        PQclear(extra);
    return res;
}

/* Reads until the next PGRES_PIPELINE_SYNC. */
static bool take_sync(PgConn *c)
{
    for (int guard = 0; guard < 64; guard++) {
        PGresult *res = PQgetResult(c->conn);
        if (!res) {
            if (PQstatus(c->conn) == CONNECTION_BAD)
                return false;
            continue;
        }
        ExecStatusType st = PQresultStatus(res);
        PQclear(res);
        if (st == PGRES_PIPELINE_SYNC)
            return true;
        if (st == PGRES_FATAL_ERROR && PQstatus(c->conn) == CONNECTION_BAD)
            return false;
    }
    return false;
}

static int lost(PgConn *c, char *err, size_t errlen)
{
    one_line(err, errlen, "connection lost: ", PQerrorMessage(c->conn));
    return -1;
}

int pgconn_run(PgConn *c, PgQuery *q, int n, char *err, size_t errlen)
{
    char st[16], lt[16];
    snprintf(st, sizeof st, "%d", c->statement_timeout_ms);
    snprintf(lt, sizeof lt, "%d", c->lock_timeout_ms);
    const char *settings[] = {st, lt, c->work_mem};

    if (!PQenterPipelineMode(c->conn))
        return lost(c, err, errlen);
    /* work_mem: the catalog queries hash a few MB on large databases and
     * would otherwise spill to disk; data checks keep the server's own
     * (NULL: its reset value), under which its plans were measured.  jit
     * off: on 10,000 tables the catalog queries' cost estimates cross
     * jit_above_cost, and compiling takes longer (0.17 s measured) than
     * the queries save. */
    bool ok = send(c, "SELECT pg_catalog.set_config('default_transaction_read_only', 'on', false),"
                      " pg_catalog.set_config('statement_timeout', $1, false),"
                      " pg_catalog.set_config('lock_timeout', $2, false),"
                      " pg_catalog.set_config('work_mem', COALESCE($3, (SELECT s.reset_val || COALESCE(s.unit, '')"
                      " FROM pg_catalog.pg_settings s WHERE s.name = 'work_mem')), false),"
                      " pg_catalog.set_config('jit', 'off', false)",
                   3, settings) == 0 &&
              PQpipelineSync(c->conn) && send(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL) == 0 &&
              PQpipelineSync(c->conn);
    for (int i = 0; ok && i < n; i++)
        ok = send(c, "SAVEPOINT dbaudit_q", 0, NULL) == 0 && send(c, q[i].sql, q[i].nparams, q[i].params) == 0 &&
             PQpipelineSync(c->conn) && send(c, "ROLLBACK TO SAVEPOINT dbaudit_q", 0, NULL) == 0 &&
             PQpipelineSync(c->conn);
    ok = ok && send(c, "COMMIT", 0, NULL) == 0 && PQpipelineSync(c->conn);
    if (!ok)
        return lost(c, err, errlen);

    /* Settings and BEGIN: both must succeed, or nothing else is safe. */
    for (int i = 0; i < 2; i++) {
        if (i == 1 && !take_sync(c))
            return lost(c, err, errlen);
        PGresult *res = take(c);
        if (!res)
            return lost(c, err, errlen);
        ExecStatusType s = PQresultStatus(res);
        if (s != PGRES_TUPLES_OK && s != PGRES_COMMAND_OK) {
            if (PQstatus(c->conn) == CONNECTION_BAD) {
                PQclear(res);
                return lost(c, err, errlen);
            }
            const char *primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
            one_line(err, errlen, "cannot start a read-only session: ", primary ? primary : PQresultErrorMessage(res));
            PQclear(res);
            return -1;
        }
        PQclear(res);
    }
    if (!take_sync(c))
        return lost(c, err, errlen);

    for (int i = 0; i < n; i++) {
        PGresult *sp = take(c); /* SAVEPOINT */
        if (!sp)
            return lost(c, err, errlen);
        PQclear(sp);
        PGresult *res = take(c);
        if (!res)
            return lost(c, err, errlen);
        ExecStatusType s = PQresultStatus(res);
        if (s == PGRES_TUPLES_OK) {
            q[i].rows = wrap_rows(res);
            res = NULL;
        } else {
            if (PQstatus(c->conn) == CONNECTION_BAD) {
                PQclear(res);
                return lost(c, err, errlen);
            }
            char line[512];
            const char *primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
            one_line(line, sizeof line, "",
                     s == PGRES_PIPELINE_ABORTED ? "not run" : primary ? primary : PQresultErrorMessage(res));
            q[i].error = xstrdup(line);
        }
        PQclear(res);
        if (q[i].done)
            q[i].done(&q[i], q[i].ctx);
        if (!take_sync(c))
            return lost(c, err, errlen);
        PGresult *rb = take(c); /* ROLLBACK TO SAVEPOINT */
        if (!rb)
            return lost(c, err, errlen);
        PQclear(rb);
        if (!take_sync(c))
            return lost(c, err, errlen);
    }
    PGresult *cm = take(c);
    if (!cm)
        return lost(c, err, errlen);
    PQclear(cm);
    if (!take_sync(c))
        return lost(c, err, errlen);
    PQexitPipelineMode(c->conn);
    return 0;
}
