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
 *
 * A catalog read goes in steps (pgconn_begin, pgconn_batch, pgconn_end) on
 * two sessions: the first exports its snapshot right after BEGIN, in a Sync
 * segment of its own (pg_export_snapshot() refuses to run in a savepoint);
 * the second sends SET TRANSACTION SNAPSHOT right after its BEGIN.
 */
#include "catalog/pgconn.h"

#include <libpq-fe.h>
#include <pthread.h>
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

typedef struct OpenJob {
    PgConnOptions opt;
    PgConn *c;
    char err[256];
} OpenJob;

static void *open_job(void *arg)
{
    OpenJob *j = arg;
    j->c = pgconn_open(&j->opt, j->err, sizeof j->err);
    return NULL;
}

/* Same server, database and role: with a list of hosts, or a service that
 * names several, two connections could reach different servers. */
static bool same_target(const PgConn *a, const PgConn *b)
{
    const char *pa[] = {PQhost(a->conn), PQport(a->conn), PQdb(a->conn), PQuser(a->conn)};
    const char *pb[] = {PQhost(b->conn), PQport(b->conn), PQdb(b->conn), PQuser(b->conn)};
    for (int i = 0; i < 4; i++)
        if (!pa[i] || !pb[i] || strcmp(pa[i], pb[i]) != 0)
            return false;
    return true;
}

PgConn *pgconn_open_pair(const PgConnOptions *opt, PgConn **second, char *err, size_t errlen)
{
    *second = NULL;
    OpenJob j = {.opt = *opt};
    pthread_t th;
    bool started = pthread_create(&th, NULL, open_job, &j) == 0;
    PgConn *c = pgconn_open(opt, err, errlen);
    if (started)
        pthread_join(th, NULL);
    if (!c && j.c) {
        /* A server that admits one more session (a connection limit) may
         * admit either of the two: the one that got in is the first. */
        c = j.c;
        j.c = NULL;
    }
    if (c && j.c && same_target(c, j.c))
        *second = j.c;
    else
        pgconn_close(j.c);
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

/* Sends the opening of a session: settings, BEGIN, the snapshot to share
 * (SET TRANSACTION SNAPSHOT); each its own Sync segment. */
static bool send_begin(PgConn *c, const char *import)
{
    char st[16], lt[16];
    snprintf(st, sizeof st, "%d", c->statement_timeout_ms);
    snprintf(lt, sizeof lt, "%d", c->lock_timeout_ms);
    const char *settings[] = {st, lt, c->work_mem};
    /* work_mem: the catalog queries hash a few MB on large databases and
     * would otherwise spill to disk; data checks keep the server's own
     * (NULL: its reset value), under which its plans were measured.  jit
     * off: on 10,000 tables the catalog queries' cost estimates cross
     * jit_above_cost, and compiling takes longer (0.17 s measured) than
     * the queries save.  No parallel workers: each is a new process that
     * starts with nothing cached, and costs more than it saves here. */
    bool ok = send(c, "SELECT pg_catalog.set_config('default_transaction_read_only', 'on', false),"
                      " pg_catalog.set_config('statement_timeout', $1, false),"
                      " pg_catalog.set_config('lock_timeout', $2, false),"
                      " pg_catalog.set_config('work_mem', COALESCE($3, (SELECT s.reset_val || COALESCE(s.unit, '')"
                      " FROM pg_catalog.pg_settings s WHERE s.name = 'work_mem')), false),"
                      " pg_catalog.set_config('jit', 'off', false),"
                      " pg_catalog.set_config('max_parallel_workers_per_gather', '0', false)",
                   3, settings) == 0 &&
              PQpipelineSync(c->conn) && send(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL) == 0 &&
              PQpipelineSync(c->conn);
    if (ok && import) {
        /* The identifier came from pg_export_snapshot() on our own first
         * session; SET TRANSACTION SNAPSHOT takes no parameter, so it is
         * checked to be what PostgreSQL makes (hex digits and dashes). */
        char sql[96];
        snprintf(sql, sizeof sql, "SET TRANSACTION SNAPSHOT '%s'", import);
        ok = send(c, sql, 0, NULL) == 0 && PQpipelineSync(c->conn);
    }
    return ok;
}

/* Reads what send_begin() sent.  Returns 0, -1 when the connection was
 * lost, -2 when the session could not start (err says why). */
static int read_begin(PgConn *c, bool import, char *err, size_t errlen)
{
    int steps = import ? 3 : 2;
    for (int i = 0; i < steps; i++) {
        if (i > 0 && !take_sync(c))
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
            one_line(err, errlen, i < 2 ? "cannot start a read-only session: " : "cannot share the snapshot: ",
                     primary ? primary : PQresultErrorMessage(res));
            PQclear(res);
            return -2;
        }
        PQclear(res);
    }
    if (!take_sync(c))
        return lost(c, err, errlen);
    return 0;
}

static bool send_batch(PgConn *c, PgQuery *q, int n)
{
    bool ok = true;
    for (int i = 0; ok && i < n; i++)
        ok = send(c, "SAVEPOINT dbaudit_q", 0, NULL) == 0 && send(c, q[i].sql, q[i].nparams, q[i].params) == 0 &&
             PQpipelineSync(c->conn) && send(c, "ROLLBACK TO SAVEPOINT dbaudit_q", 0, NULL) == 0 &&
             PQpipelineSync(c->conn);
    return ok;
}

static int read_batch(PgConn *c, PgQuery *q, int n, char *err, size_t errlen)
{
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
    return 0;
}

static int read_end(PgConn *c, char *err, size_t errlen)
{
    PGresult *cm = take(c);
    if (!cm)
        return lost(c, err, errlen);
    PQclear(cm);
    if (!take_sync(c))
        return lost(c, err, errlen);
    PQexitPipelineMode(c->conn);
    return 0;
}

int pgconn_run(PgConn *c, PgQuery *q, int n, char *err, size_t errlen)
{
    if (!PQenterPipelineMode(c->conn))
        return lost(c, err, errlen);
    bool ok = send_begin(c, NULL) && send_batch(c, q, n) && send(c, "COMMIT", 0, NULL) == 0 &&
              PQpipelineSync(c->conn);
    if (!ok)
        return lost(c, err, errlen);
    int rc = read_begin(c, false, err, errlen);
    if (rc == 0)
        rc = read_batch(c, q, n, err, errlen);
    if (rc == 0)
        rc = read_end(c, err, errlen);
    return rc < 0 ? -1 : 0;
}

/* pg_export_snapshot() on a session whose transaction just began (it
 * refuses to run in a savepoint, so it has one of its own).  When the server
 * refuses, the transaction is begun again and export left empty.  Returns
 * 0, or -1 when the connection was lost. */
static int export_snapshot(PgConn *c, char *export, size_t exportlen, char *err, size_t errlen)
{
    export[0] = '\0';
    if (send(c, "SELECT pg_catalog.pg_export_snapshot()", 0, NULL) != 0 || !PQpipelineSync(c->conn))
        return lost(c, err, errlen);
    PGresult *res = take(c);
    if (!res)
        return lost(c, err, errlen);
    bool ok = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1;
    if (ok)
        snprintf(export, exportlen, "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    if (!take_sync(c))
        return lost(c, err, errlen);
    if (ok)
        return 0;
    if (PQstatus(c->conn) == CONNECTION_BAD)
        return lost(c, err, errlen);
    if (send(c, "ROLLBACK", 0, NULL) != 0 || !PQpipelineSync(c->conn) || !send_begin(c, NULL))
        return lost(c, err, errlen);
    res = take(c);
    if (!res)
        return lost(c, err, errlen);
    PQclear(res);
    if (!take_sync(c))
        return lost(c, err, errlen);
    return read_begin(c, false, err, errlen);
}

int pgconn_begin(PgConn *c, const char *import, char *export, size_t exportlen, PgQuery *q, int n, char *err,
                 size_t errlen)
{
    if (import && (!*import || strlen(import) > 64 || strspn(import, "0123456789ABCDEFabcdef-") != strlen(import))) {
        snprintf(err, errlen, "cannot share the snapshot: unexpected identifier");
        return -2;
    }
    if (!PQenterPipelineMode(c->conn) || !send_begin(c, import) || (!export && !send_batch(c, q, n)))
        return lost(c, err, errlen);
    int rc = read_begin(c, import != NULL, err, errlen);
    if (rc == 0 && export) {
        rc = export_snapshot(c, export, exportlen, err, errlen);
        if (rc == 0 && !send_batch(c, q, n))
            return lost(c, err, errlen);
    }
    if (rc == 0)
        rc = read_batch(c, q, n, err, errlen);
    return rc;
}

int pgconn_batch(PgConn *c, PgQuery *q, int n, char *err, size_t errlen)
{
    if (!send_batch(c, q, n))
        return lost(c, err, errlen);
    return read_batch(c, q, n, err, errlen) < 0 ? -1 : 0;
}

int pgconn_end(PgConn *c, char *err, size_t errlen)
{
    if (send(c, "COMMIT", 0, NULL) != 0 || !PQpipelineSync(c->conn))
        return lost(c, err, errlen);
    return read_end(c, err, errlen) < 0 ? -1 : 0;
}
