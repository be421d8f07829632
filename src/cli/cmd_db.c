/* cmd_db.c - `dbaudit db`: audit a live database's catalog, and with
 * --data its rows.
 *
 * Connect (read-only session), read the catalog once into the schema
 * model, run the schema rules, run the planned data checks, print.  Any failure to connect or read ends
 * with one line on stderr and exit code 3; for json and sarif the report
 * is still written, with the database marked "failed", so a CI job that
 * parses it sees why. */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "catalog/datarun.h"
#include "cli/cli.h"
#include "core/config.h"
#include "core/strbuf.h"
#include "schema/dump.h"

static const char usage[] =
    "Usage: dbaudit db [OPTIONS]\n"
    "\n"
    "Audit the catalog of a live PostgreSQL database: keys, foreign keys, indexes,\n"
    "constraints, tenant scoping and row level security.  The sessions are read-only:\n"
    "the catalog is read by two at once that share one snapshot (one when the server\n"
    "admits only one).\n"
    "\n"
    "Connection (as psql: a DSN, or the PG* environment variables and ~/.pg_service.conf):\n"
    "  --dsn DSN                  postgresql://user@host:5432/db or \"host=... dbname=...\";\n"
    "                             repeat it to audit several databases in one run\n"
    "  --dsn-file FILE            one database per line: \"DSN\" or \"name: DSN\" (- for stdin)\n"
    "  --jobs N                   databases audited at once (default 4; each reads its\n"
    "                             catalog over two sessions)\n"
    "  --schema GLOB              audit only matching schemas (repeatable; default all)\n"
    "  --exclude-schema GLOB      skip matching schemas (repeatable)\n"
    "  --statement-timeout TIME   per statement, e.g. 30s or 500ms (default 30s; 0: none)\n"
    "  --lock-timeout TIME        wait for catalog locks at most this long (default 5s)\n"
    "  --connect-timeout TIME     unless the DSN or PGCONNECT_TIMEOUT says (default 10s)\n"
    "\n"
    "Data checks (they read table rows, on the server; still read-only):\n"
    "  --data[=off|sample|full]   count broken rows: orphans, NOT VALID check violations,\n"
    "                             cross-tenant references, rows under soft-deleted\n"
    "                             parents, duplicates (default off; --data means full;\n"
    "                             sample: tables over a million rows are read through\n"
    "                             TABLESAMPLE and their counts are estimates)\n"
    "  --samples N                offending keys to show per check (default 5)\n"
    "  --sample-rows N            --data=sample reads tables over N rows through a sample\n"
    "                             of about N rows (default 1000000)\n"
    "  --emit-sql                 print the data checks as a SQL script to schedule,\n"
    "                             instead of running them\n"
    "  --budget TIME              time for all data checks together, e.g. 5min; checks\n"
    "                             that do not fit are reported as not completed (A002)\n"
    "  --print-model              print the schema model read from the catalog (one object\n"
    "                             per line, as 'dbaudit scan --print-model' prints the\n"
    "                             migrations' model) instead of auditing\n"
    "Ctrl-C during data checks cancels the running check on the server and prints what\n"
    "was found so far (exit code 3).\n"
    "\n" OUTPUT_OPTIONS_HELP "\n" EXIT_CODES_HELP;

/* "30s", "500ms", "2min", "1500" (ms) -> milliseconds; -1 when invalid. */
static long parse_duration_ms(const char *s)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || v < 0)
        return -1;
    double mult = 1;
    if (strcmp(end, "") == 0 || strcmp(end, "ms") == 0)
        mult = 1;
    else if (strcmp(end, "s") == 0)
        mult = 1000;
    else if (strcmp(end, "min") == 0)
        mult = 60000;
    else
        return -1;
    double ms = v * mult;
    return ms > 2147483647.0 ? -1 : (long)ms;
}

enum {
    OPT_DSN = 1000, OPT_DSN_FILE, OPT_JOBS, OPT_SCHEMA, OPT_EXCLUDE, OPT_STMT, OPT_LOCK, OPT_CONNECT, OPT_DATA, OPT_SAMPLES, OPT_SAMPLE_ROWS, OPT_BUDGET, OPT_EMIT, OPT_PRINT_MODEL, OPT_HELP,
    OPT_OUTPUT_BASE
};

static const struct option long_opts[] = {
    {"dsn", required_argument, NULL, OPT_DSN},
    {"dsn-file", required_argument, NULL, OPT_DSN_FILE},
    {"jobs", required_argument, NULL, OPT_JOBS},
    {"schema", required_argument, NULL, OPT_SCHEMA},
    {"exclude-schema", required_argument, NULL, OPT_EXCLUDE},
    {"statement-timeout", required_argument, NULL, OPT_STMT},
    {"lock-timeout", required_argument, NULL, OPT_LOCK},
    {"connect-timeout", required_argument, NULL, OPT_CONNECT},
    {"data", optional_argument, NULL, OPT_DATA},
    {"samples", required_argument, NULL, OPT_SAMPLES},
    {"sample-rows", required_argument, NULL, OPT_SAMPLE_ROWS},
    {"budget", required_argument, NULL, OPT_BUDGET},
    {"emit-sql", no_argument, NULL, OPT_EMIT},
    {"print-model", no_argument, NULL, OPT_PRINT_MODEL},
    {"help", no_argument, NULL, OPT_HELP},
    OUTPUT_LONG_OPTIONS(OPT_OUTPUT_BASE),
    {NULL, 0, NULL, 0},
};

/* What every database of a run is audited with. */
typedef struct Settings {
    PgConnOptions co; /* dsn unset: each target has its own */
    CatalogFilter filter;
    const RuleSelection *sel;
    const AuditConfig *cfg; /* the effective configuration's heuristics */
    DataMode data;
    int samples;
    double budget_s, sample_rows;
    bool progress;
    bool print_model;
} Settings;

/* One database: its name for findings (NULL: the database's own) and DSN
 * (NULL: the environment). */
typedef struct Target {
    const char *name, *dsn;
} Target;

typedef VEC(Target) TargetVec;

typedef struct Job {
    const Target *target;
    const Settings *set;
    Report r;       /* this database's sources and findings */
    bool usage;     /* the DSN does not parse */
    bool incomplete; /* not audited, or stopped part way: exit code 3 */
    Schema *schema; /* kept until the report is written: findings name its database */
} Job;

static void job_error(const Job *j, const char *what, const char *msg)
{
    if (j->target->name)
        cli_error("%s: %s%s", j->target->name, what, msg);
    else
        cli_error("%s%s", what, msg);
}

/* Connects and reads the catalog.  On failure prints one line, records the
 * database as failed in j->r and returns NULL; else returns the connection
 * with *cr filled (the schema named after the target when it has a name). */
static PgConn *open_catalog(Job *j, CatalogResult *cr)
{
    PgConnOptions co = j->set->co;
    co.dsn = j->target->dsn;
    char err[512];
    memset(cr, 0, sizeof *cr);
    PgConn *second = NULL;
    PgConn *conn = pgconn_open_pair(&co, &second, err, sizeof err);
    const char *what = NULL, *name = j->target->name;
    if (!conn) {
        job_error(j, "cannot connect: ", err);
        what = err;
        name = name ? name : co.dsn ? "(dsn)" : "(environment)";
        j->usage = strncmp(err, "invalid connection string", 25) == 0;
    } else if (catalog_read(conn, second, &j->set->filter, cr) != 0) {
        job_error(j, "", cr->error);
        what = cr->error;
        name = name ? name : pgconn_dbname(conn);
    }
    if (what) {
        ReportSource *src = report_add_source(&j->r, name);
        src->state = SOURCE_FAILED;
        src->error = arena_strdup(&j->r.arena, what);
        j->incomplete = true;
        pgconn_close(conn);
        catalog_result_fini(cr);
        return NULL;
    }
    if (j->target->name)
        cr->schema->database = arena_strdup(&cr->schema->arena, j->target->name);
    return conn;
}

/* Audits one database into j->r; never exits. */
static void audit_one(Job *j)
{
    const Settings *set = j->set;
    Report *r = &j->r;
    char err[512];
    CatalogResult cr;
    PgConn *conn = open_catalog(j, &cr);
    if (!conn)
        return;
    if (set->print_model) {
        static const char *const skip[] = {"knex_migrations", NULL};
        schema_dump(stdout, cr.schema, skip);
        pgconn_close(conn);
        catalog_result_fini(&cr);
        return;
    }
    ReportSource *src = report_add_source(r, cr.schema->database);
    src->schema = cr.schema; /* kept in j->schema until the report is written */
    for (int i = 0; i < cr.schema->tables.n; i++)
        src->tables += !cr.schema->tables.v[i]->is_partition;
    StrBuf gaps = STRBUF_INIT;
    for (int i = 0; i < cr.ngaps; i++)
        sb_printf(&gaps, "%s%s (%s)", i ? "; " : "", cr.gaps[i].what, cr.gaps[i].error);
    if (cr.ngaps) {
        src->state = SOURCE_PARTIAL;
        src->error = arena_strdup(&r->arena, sb_str(&gaps));
    }
    DataPlan plan = {set->samples, set->data, set->sample_rows, {0}};
    rules_run(cr.schema, set->cfg, set->sel, sb_str(&gaps), r, set->data ? &plan : NULL);
    sb_fini(&gaps);
    if (set->data) {
        DataRunOptions dro = {set->co.statement_timeout_ms, set->budget_s, set->progress};
        int drc = datarun(conn, cr.schema, set->cfg, &plan, &dro, r, err, sizeof err);
        if (drc != 0) {
            const char *why = drc > 0 ? "interrupted" : err;
            job_error(j, why, " (data checks stopped; what was found so far is reported)");
            src->state = SOURCE_PARTIAL;
            src->error = arena_strdup(&r->arena, why);
            j->incomplete = true;
        }
    }
    pgconn_close(conn);
    j->schema = cr.schema; /* findings name its database */
    cr.schema = NULL;
    catalog_result_fini(&cr);
}

/* Worker threads take the next job until none is left. */
typedef struct Pool {
    Job *jobs;
    int n, next;
    pthread_mutex_t lock;
} Pool;

static void *worker(void *arg)
{
    Pool *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        int i = p->next < p->n ? p->next++ : -1;
        pthread_mutex_unlock(&p->lock);
        if (i < 0)
            return NULL;
        audit_one(&p->jobs[i]);
    }
}

/* "name: dsn" or "dsn" per line; # comments and blank lines skipped.  A
 * name is letters, digits, '_', '-', '.', followed by ':' and white space,
 * which no connection URL or key=value string starts with. */
static int read_dsn_file(const char *path, Arena *a, TargetVec *out)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!f) {
        cli_error("cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    char line[4096];
    int lineno = 0, rc = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *s = line + strspn(line, " \t");
        s[strcspn(s, "\r\n")] = '\0';
        if (!*s || *s == '#')
            continue;
        Target t = {NULL, NULL};
        size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.");
        if (n > 0 && s[n] == ':' && (s[n + 1] == ' ' || s[n + 1] == '\t')) {
            t.name = arena_strndup(a, s, n);
            s += n + 1 + strspn(s + n + 1, " \t");
        }
        if (!*s) {
            cli_error("%s:%d: a name without a connection string", path, lineno);
            rc = -1;
            break;
        }
        t.dsn = arena_strdup(a, s);
        vec_push(a, out, t);
    }
    if (f != stdin)
        fclose(f);
    return rc;
}

/* --emit-sql: plan the checks of one database and print them. */
static int emit_script(const Settings *set, const Target *t, const OutputOptions *oo, Arena *ta)
{
    Job j = {0};
    j.target = t;
    j.set = set;
    report_init(&j.r, "db");
    ExitCode ec = EXIT_CLEAN;
    CatalogResult cr;
    PgConn *conn = open_catalog(&j, &cr);
    if (!conn) {
        ec = j.usage ? EXIT_USAGE : EXIT_UNAUDITABLE;
    } else {
        DataPlan plan = {set->samples, DATA_FULL, set->sample_rows, {0}};
        rules_run(cr.schema, set->cfg, set->sel, "", &j.r, &plan);
        FILE *out = oo->output && strcmp(oo->output, "-") != 0 ? fopen(oo->output, "w") : stdout;
        if (!out || datacheck_write_script(out, &plan, cr.schema->database) != 0 || fflush(out) != 0) {
            cli_error("cannot write the script%s%s", oo->output ? " to " : "", oo->output ? oo->output : "");
            ec = EXIT_UNAUDITABLE;
        }
        if (out && out != stdout)
            fclose(out);
        pgconn_close(conn);
        catalog_result_fini(&cr);
    }
    report_fini(&j.r);
    arena_fini(ta);
    return ec;
}

int cmd_db(int argc, char **argv)
{
    memory_for_bulk_work();
    OutputOptions oo;
    output_options_init(&oo);
    PgConnOptions co = {NULL, 30000, 5000, 10};
    const char *schemas[64], *excludes[64];
    int nschemas = 0, nexcludes = 0, samples = 5;
    double budget_s = 0, sample_rows = DATA_SAMPLE_ROWS;
    bool emit = false, print_model = false;
    DataMode data = DATA_OFF;
    int jobs = 4;
    Arena ta;
    arena_init(&ta);
    TargetVec targets = {0};

    optind = 1;
    opterr = 0;
    int idx = -1, opt;
    while ((opt = getopt_long(argc, argv, ":", long_opts, &idx)) != -1) {
        long ms;
        switch (opt) {
        case OPT_DSN: vec_push(&ta, &targets, ((Target){NULL, optarg})); break;
        case OPT_DSN_FILE:
            if (read_dsn_file(optarg, &ta, &targets) != 0) {
                arena_fini(&ta);
                return EXIT_USAGE;
            }
            break;
        case OPT_JOBS: {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || v < 1 || v > 64) {
                cli_error("invalid --jobs '%s': a number from 1 to 64", optarg);
                return EXIT_USAGE;
            }
            jobs = (int)v;
            break;
        }
        case OPT_SCHEMA:
        case OPT_EXCLUDE:
            if ((opt == OPT_SCHEMA ? nschemas : nexcludes) >= 64) {
                cli_error("too many schema patterns (64 at most)");
                return EXIT_USAGE;
            }
            if (opt == OPT_SCHEMA)
                schemas[nschemas++] = optarg;
            else
                excludes[nexcludes++] = optarg;
            break;
        case OPT_STMT:
        case OPT_LOCK:
        case OPT_CONNECT:
        case OPT_BUDGET:
            ms = parse_duration_ms(optarg);
            if (ms < 0) {
                cli_error("invalid duration '%s' for --%s (examples: 30s, 500ms, 2min)", optarg, long_opts[idx].name);
                return EXIT_USAGE;
            }
            if (opt == OPT_STMT)
                co.statement_timeout_ms = (int)ms;
            else if (opt == OPT_LOCK)
                co.lock_timeout_ms = (int)ms;
            else if (opt == OPT_BUDGET)
                budget_s = (double)ms / 1000.0;
            else
                co.connect_timeout_s = ms > 0 && ms < 1000 ? 1 : (int)(ms / 1000);
            break;
        case OPT_DATA:
            if (!optarg || strcmp(optarg, "full") == 0)
                data = DATA_FULL;
            else if (strcmp(optarg, "sample") == 0)
                data = DATA_SAMPLE;
            else if (strcmp(optarg, "off") == 0)
                data = DATA_OFF;
            else {
                cli_error("unknown --data mode '%s': use off, sample or full", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_SAMPLES: {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || v < 0 || v > 1000) {
                cli_error("invalid --samples '%s': a number from 0 to 1000", optarg);
                return EXIT_USAGE;
            }
            samples = (int)v;
            break;
        }
        case OPT_EMIT: emit = true; break;
        case OPT_PRINT_MODEL: print_model = true; break;
        case OPT_SAMPLE_ROWS: {
            char *end;
            double v = strtod(optarg, &end);
            if (*end || v < 1) {
                cli_error("invalid --sample-rows '%s': a number of rows, 1 or more", optarg);
                return EXIT_USAGE;
            }
            sample_rows = v;
            break;
        }
        case OPT_HELP: fputs(usage, stdout); return EXIT_CLEAN;
        case OPT_OUTPUT_BASE:
            if (output_option(&oo, long_opts[idx].name, optarg) < 0)
                return EXIT_USAGE;
            break;
        case ':': cli_error("option %s needs a value (see 'dbaudit db --help')", argv[optind - 1]); return EXIT_USAGE;
        default: cli_error("unknown option %s (see 'dbaudit db --help')", argv[optind - 1]); return EXIT_USAGE;
        }
        idx = -1;
    }
    if (optind < argc) {
        cli_error("unexpected argument '%s' (see 'dbaudit db --help')", argv[optind]);
        arena_fini(&ta);
        return EXIT_USAGE;
    }
    if (targets.n == 0)
        vec_push(&ta, &targets, ((Target){NULL, NULL})); /* the environment */
    if ((emit || print_model) && targets.n > 1) {
        cli_error("--%s works on one database: give one --dsn", emit ? "emit-sql" : "print-model");
        arena_fini(&ta);
        return EXIT_USAGE;
    }
    if (emit && targets.n > 1) {
        cli_error("--emit-sql writes the checks of one database: give one --dsn");
        arena_fini(&ta);
        return EXIT_USAGE;
    }

    if (output_configure(&oo, ".") != 0) {
        output_options_fini(&oo);
        arena_fini(&ta);
        return EXIT_USAGE;
    }
    Settings set = {co, {schemas, nschemas, excludes, nexcludes}, &oo.sel, &oo.config.audit,
                    emit ? DATA_FULL : data, samples, budget_s, sample_rows,
                    targets.n == 1 && isatty(fileno(stderr)) != 0, print_model};
    if (emit) {
        int rc = emit_script(&set, &targets.v[0], &oo, &ta);
        output_options_fini(&oo);
        return rc;
    }

    Job *jv = xmalloc(sizeof(Job) * (size_t)targets.n);
    memset(jv, 0, sizeof(Job) * (size_t)targets.n);
    for (int i = 0; i < targets.n; i++) {
        jv[i].target = &targets.v[i];
        jv[i].set = &set;
        report_init(&jv[i].r, "db");
    }
    if (set.data)
        datarun_catch_interrupts();
    if (targets.n == 1) {
        audit_one(&jv[0]);
    } else {
        Pool pool = {jv, targets.n, 0, PTHREAD_MUTEX_INITIALIZER};
        int nt = jobs < targets.n ? jobs : targets.n;
        pthread_t th[64];
        int started = 0;
        for (; started < nt; started++)
            if (pthread_create(&th[started], NULL, worker, &pool) != 0)
                break;
        if (started == 0)
            worker(&pool); /* no thread could start: audit them here, one by one */
        for (int i = 0; i < started; i++)
            pthread_join(th[i], NULL);
    }
    if (set.data)
        datarun_release_interrupts();

    /* One report, the databases in the order given. */
    Report r;
    report_init(&r, "db");
    r.config = &oo.config.audit;
    bool incomplete = false, bad_dsn = false;
    for (int i = 0; i < targets.n; i++) {
        for (int k = 0; k < jv[i].r.sources.n; k++)
            vec_push(&r.arena, &r.sources, jv[i].r.sources.v[k]);
        for (int k = 0; k < jv[i].r.findings.n; k++)
            vec_push(&r.arena, &r.findings, jv[i].r.findings.v[k]);
        incomplete = incomplete || jv[i].incomplete;
        bad_dsn = bad_dsn || jv[i].usage;
    }
    ExitCode ec;
    if (print_model)
        ec = EXIT_CLEAN; /* the model was printed; a failure made incomplete true */
    else if (targets.n == 1 && r.findings.n == 0 && r.sources.v[0].state == SOURCE_FAILED &&
        oo.format == FORMAT_TEXT)
        ec = EXIT_UNAUDITABLE; /* the one-line error said it all */
    else {
        report_finish(&r);
        ec = output_report(&oo, &r);
    }
    if (ec != EXIT_UNAUDITABLE && incomplete)
        ec = EXIT_UNAUDITABLE;
    if (bad_dsn && targets.n == 1)
        ec = EXIT_USAGE;
    report_fini(&r);
    for (int i = 0; i < targets.n; i++) {
        report_fini(&jv[i].r);
        schema_free(jv[i].schema);
    }
    free(jv);
    arena_fini(&ta);
    output_options_fini(&oo);
    return ec;
}
