/* cmd_db.c - `dbaudit db`: audit a live database's catalog, and with
 * --data its rows.
 *
 * Connect (read-only session), read the catalog once into the schema
 * model, run the schema rules, run the planned data checks, print.  Any failure to connect or read ends
 * with one line on stderr and exit code 3; for json and sarif the report
 * is still written, with the database marked "failed", so a CI job that
 * parses it sees why. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "catalog/datarun.h"
#include "cli/cli.h"
#include "core/config.h"
#include "core/strbuf.h"

static const char usage[] =
    "Usage: dbaudit db [OPTIONS]\n"
    "\n"
    "Audit the catalog of a live PostgreSQL database: keys, foreign keys, indexes,\n"
    "constraints, tenant scoping and row level security.  The session is read-only.\n"
    "\n"
    "Connection (as psql: a DSN, or the PG* environment variables and ~/.pg_service.conf):\n"
    "  --dsn DSN                  postgresql://user@host:5432/db or \"host=... dbname=...\"\n"
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
    OPT_DSN = 1000, OPT_SCHEMA, OPT_EXCLUDE, OPT_STMT, OPT_LOCK, OPT_CONNECT, OPT_DATA, OPT_SAMPLES, OPT_SAMPLE_ROWS, OPT_BUDGET, OPT_EMIT, OPT_HELP,
    OPT_OUTPUT_BASE
};

static const struct option long_opts[] = {
    {"dsn", required_argument, NULL, OPT_DSN},
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
    {"help", no_argument, NULL, OPT_HELP},
    {"format", required_argument, NULL, OPT_OUTPUT_BASE},
    {"output", required_argument, NULL, OPT_OUTPUT_BASE},
    {"fail-on", required_argument, NULL, OPT_OUTPUT_BASE},
    {"skip", required_argument, NULL, OPT_OUTPUT_BASE},
    {"only", required_argument, NULL, OPT_OUTPUT_BASE},
    {"verbose", no_argument, NULL, OPT_OUTPUT_BASE},
    {"quiet", no_argument, NULL, OPT_OUTPUT_BASE},
    {NULL, 0, NULL, 0},
};

/* The report for a database that could not be audited. */
static ExitCode failed(const OutputOptions *oo, Report *r, const char *name, const char *prefix, const char *msg)
{
    cli_error("%s%s", prefix, msg);
    ReportSource *s = report_add_source(r, name);
    s->state = SOURCE_FAILED;
    s->error = arena_strdup(&r->arena, msg);
    if (oo->format != FORMAT_TEXT) {
        report_finish(r);
        output_report(oo, r);
    }
    return EXIT_UNAUDITABLE;
}

int cmd_db(int argc, char **argv)
{
    OutputOptions oo;
    output_options_init(&oo);
    PgConnOptions co = {NULL, 30000, 5000, 10};
    const char *schemas[64], *excludes[64];
    int nschemas = 0, nexcludes = 0, samples = 5;
    double budget_s = 0, sample_rows = DATA_SAMPLE_ROWS;
    bool emit = false;
    DataMode data = DATA_OFF;

    optind = 1;
    opterr = 0;
    int idx = -1, opt;
    while ((opt = getopt_long(argc, argv, ":", long_opts, &idx)) != -1) {
        long ms;
        switch (opt) {
        case OPT_DSN: co.dsn = optarg; break;
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
        return EXIT_USAGE;
    }

    Report r;
    report_init(&r, "db");
    char err[512];
    PgConn *conn = pgconn_open(&co, err, sizeof err);
    if (!conn) {
        bool usage_error = strncmp(err, "invalid connection string", 25) == 0;
        ExitCode ec = failed(&oo, &r, co.dsn ? "(dsn)" : "(environment)", "cannot connect: ", err);
        report_fini(&r);
        return usage_error ? EXIT_USAGE : ec;
    }

    CatalogFilter filter = {schemas, nschemas, excludes, nexcludes};
    CatalogResult cr;
    int rc = catalog_read(conn, &filter, &cr);
    const char *dbname = pgconn_dbname(conn);
    if (rc != 0) {
        ExitCode ec = failed(&oo, &r, dbname, "", cr.error);
        pgconn_close(conn);
        catalog_result_fini(&cr);
        report_fini(&r);
        return ec;
    }
    ReportSource *src = report_add_source(&r, cr.schema->database);
    src->tables = 0;
    for (int i = 0; i < cr.schema->tables.n; i++)
        src->tables += !cr.schema->tables.v[i]->is_partition;
    StrBuf gaps = STRBUF_INIT;
    for (int i = 0; i < cr.ngaps; i++)
        sb_printf(&gaps, "%s%s (%s)", i ? "; " : "", cr.gaps[i].what, cr.gaps[i].error);
    if (cr.ngaps) {
        src->state = SOURCE_PARTIAL;
        src->error = arena_strdup(&r.arena, sb_str(&gaps));
    }
    DataPlan plan = {&r.arena, samples, emit ? DATA_FULL : data, sample_rows, {0}};
    rules_run(cr.schema, config_default(), &oo.sel, sb_str(&gaps), &r, data || emit ? &plan : NULL);
    sb_fini(&gaps);
    if (emit) {
        pgconn_close(conn);
        ExitCode ec = EXIT_CLEAN;
        FILE *out = oo.output && strcmp(oo.output, "-") != 0 ? fopen(oo.output, "w") : stdout;
        if (!out || datacheck_write_script(out, &plan, cr.schema->database) != 0 || fflush(out) != 0) {
            cli_error("cannot write the script%s%s", oo.output ? " to " : "", oo.output ? oo.output : "");
            ec = EXIT_UNAUDITABLE;
        }
        if (out && out != stdout)
            fclose(out);
        catalog_result_fini(&cr);
        report_fini(&r);
        return ec;
    }
    bool lost = false;
    if (data) {
        DataRunOptions dro = {co.statement_timeout_ms, budget_s, isatty(fileno(stderr)) != 0};
        int drc = datarun(conn, cr.schema, config_default(), &plan, &dro, &r, err, sizeof err);
        if (drc != 0) {
            const char *why = drc > 0 ? "interrupted" : err;
            cli_error("%s (data checks stopped; what was found so far is reported)", why);
            src->state = SOURCE_PARTIAL;
            src->error = arena_strdup(&r.arena, why);
            lost = true;
        }
    }
    pgconn_close(conn);
    report_finish(&r);
    ExitCode ec = output_report(&oo, &r);
    if (lost)
        ec = EXIT_UNAUDITABLE;
    catalog_result_fini(&cr);
    report_fini(&r);
    return ec;
}
