/* cmd_scan.c - `dbaudit scan`: audit Knex projects from their source.
 *
 * Reads knexfiles and migrations without running them (src/migrate/scan.h)
 * and prints one report for every project found under the given paths.
 * With --changed-files the whole project is still read (the schema model
 * needs every migration); only the report is limited to the changed files. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "migrate/scan.h"

static const char usage[] =
    "Usage: dbaudit scan [OPTIONS] [PATH...]\n"
    "\n"
    "Audit Knex projects statically: knexfiles, Knex migrations (JavaScript and\n"
    "TypeScript, schema builder calls and knex.raw SQL) and .sql migrations.  The\n"
    "migrations are replayed in Knex's order into a schema model, on which the same\n"
    "schema rules as 'dbaudit db' run, with findings at the migration line that\n"
    "caused them; migration and knexfile rules run on what each migration did.\n"
    "Nothing is executed and no database is needed.\n"
    "\n"
    "PATH is a project folder, a monorepo (one project per knexfile, or per\n"
    "migrations folder no knexfile claims), a folder of migrations, a knexfile or a\n"
    "single migration file; default: the current folder.  node_modules, .git, build\n"
    "output (dist, build, out, coverage, .next) and tests are skipped.\n"

    "\n"
    "  --exclude GLOB             skip paths matching GLOB (repeatable), e.g.\n"
    "                             'services/legacy/*' or '*.seed.ts'\n"
    "  --print-model              print the schema model each project's migrations\n"
    "                             produce (one object per line) instead of auditing\n"
    "  --changed-files            report only findings in files changed in the git work\n"
    "                             tree (staged, unstaged, untracked) against HEAD; the\n"
    "                             whole project is still read\n"
    "  --git-base REV             --changed-files, plus the files changed since the\n"
    "                             merge base of REV and HEAD (git diff REV...)\n"
    "  --print-code               print what dbaudit understood of each project's\n"
    "                             data-access code (queries, transactions, loops)\n"
    "                             instead of auditing\n"
    "\n"
    "Suppressions, in any scanned file:\n"
    "  // dbaudit-ignore-next-line RULE[, RULE] -- reason\n"
    "  // dbaudit-ignore-file RULE -- reason\n"
    "  -- dbaudit-ignore RULE -- reason      (SQL; on its own line: the next line)\n"
    "A suppression that matches no finding is reported (A004).\n"
    "\n" OUTPUT_OPTIONS_HELP "\n" EXIT_CODES_HELP;

enum { OPT_HELP = 1, OPT_EXCLUDE, OPT_PRINT_MODEL, OPT_PRINT_CODE, OPT_CHANGED, OPT_GIT_BASE, OPT_OUTPUT_BASE };

static const struct option long_opts[] = {
    {"help", no_argument, NULL, OPT_HELP},
    {"exclude", required_argument, NULL, OPT_EXCLUDE},
    {"print-model", no_argument, NULL, OPT_PRINT_MODEL},
    {"print-code", no_argument, NULL, OPT_PRINT_CODE},
    {"changed-files", no_argument, NULL, OPT_CHANGED},
    {"git-base", required_argument, NULL, OPT_GIT_BASE},
    OUTPUT_LONG_OPTIONS(OPT_OUTPUT_BASE),
    {NULL, 0, NULL, 0},
};

#define MAX_EXCLUDES 256

int cmd_scan(int argc, char **argv)
{
    OutputOptions oo;
    output_options_init(&oo);
    const char *excludes[MAX_EXCLUDES];
    int nexcludes = 0;
    bool print_model = false, print_code = false, changed = false;
    const char *git_base = NULL;
    optind = 1;
    opterr = 0;
    int idx = -1, opt;
    while ((opt = getopt_long(argc, argv, ":", long_opts, &idx)) != -1) {
        switch (opt) {
        case OPT_HELP: fputs(usage, stdout); return EXIT_CLEAN;
        case OPT_EXCLUDE:
            if (nexcludes >= MAX_EXCLUDES) {
                cli_error("too many --exclude globs (%d at most)", MAX_EXCLUDES);
                return EXIT_USAGE;
            }
            excludes[nexcludes++] = optarg;
            break;
        case OPT_PRINT_MODEL: print_model = true; break;
        case OPT_PRINT_CODE: print_code = true; break;
        case OPT_CHANGED: changed = true; break;
        case OPT_GIT_BASE: git_base = optarg, changed = true; break;
        case OPT_OUTPUT_BASE:
            if (output_option(&oo, long_opts[idx].name, optarg) < 0)
                return EXIT_USAGE;
            break;
        case ':': cli_error("option %s needs a value (see 'dbaudit scan --help')", argv[optind - 1]); return EXIT_USAGE;
        default: cli_error("unknown option %s (see 'dbaudit scan --help')", argv[optind - 1]); return EXIT_USAGE;
        }
        idx = -1;
    }
    static const char *const here[] = {"."};
    const char *const *paths = optind < argc ? (const char *const *)argv + optind : here;
    int npaths = optind < argc ? argc - optind : 1;

    if (output_configure(&oo, paths[0]) != 0) {
        output_options_fini(&oo);
        return EXIT_USAGE;
    }
    /* The configuration file's exclude globs, then the command line's. */
    const StrList *cx = &oo.config.exclude;
    const char **allx = xmalloc(sizeof *allx * (size_t)(cx->n + nexcludes + 1));
    for (int i = 0; i < cx->n; i++)
        allx[i] = cx->v[i];
    for (int i = 0; i < nexcludes; i++)
        allx[cx->n + i] = excludes[i];
    char err[1024];
    ChangedFiles *cf = NULL;
    if (changed && !print_model && !print_code && !(cf = changed_files_new(paths, npaths, git_base, err, sizeof err))) {
        cli_error("%s", err);
        free(allx);
        output_options_fini(&oo);
        return EXIT_USAGE;
    }
    oo.changed = cf;

    Report r;
    report_init(&r, "scan");
    ScanOptions so = {allx, cx->n + nexcludes, print_model ? stdout : NULL, print_code ? stdout : NULL};
    r.config = &oo.config.audit;
    ScanRun *run = scan_run(paths, npaths, &so, &oo.config.audit, &oo.sel, &r, err, sizeof err);
    ExitCode ec = EXIT_CLEAN;
    if (!run) {
        cli_error("%s", err); /* a path that does not exist */
        ec = EXIT_USAGE;
    } else {
        if (r.sources.n == 0)
            cli_error("no knexfile, migrations folder or migration file found under %s%s", paths[0],
                      npaths > 1 ? " and the other paths" : "");
        if (!print_model && !print_code) {
            report_finish(&r);
            ec = output_report(&oo, &r);
        }
    }
    report_fini(&r);
    scan_free(run);
    changed_files_free(cf);
    free(allx);
    output_options_fini(&oo);
    return ec;
}
