/* cmd_config.c - `dbaudit config --print`: the configuration a run would use.
 *
 * Finds and reads the configuration file exactly as `scan` (from PATH) and
 * `db` (from the current folder) do, and prints the result, every key with
 * its value, as a file dbaudit reads back: a starting point to copy, and a
 * way to see what a project's file changed. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static const char usage[] =
    "Usage: dbaudit config --print [--config FILE | --no-config] [PATH]\n"
    "\n"
    "Print the effective configuration: the built-in defaults, then the configuration\n"
    "file, as YAML that dbaudit reads back.  The file is the one 'dbaudit scan PATH'\n"
    "would use (PATH defaults to the current folder, where 'dbaudit db' looks):\n"
    "the first of .dbaudit.yml, .dbaudit.yaml and .dbaudit.json in PATH's folder or\n"
    "above it, up to the top of the git repository (the folder holding .git).\n"
    "\n"
    "  --print                    print the configuration\n"
    "  --config FILE              read FILE instead of looking for one\n"
    "  --no-config                the built-in defaults alone\n"
    "\n"
    "Keys: rules (id or slug: off, on, error, warning, info), exclude (path globs for\n"
    "scan), ignore (schema.table[.column] globs), and the name lists the rules'\n"
    "heuristics read (tenant_column, soft_delete_columns, money_columns...).  A list\n"
    "replaces the built-in one; {add: [...], remove: [...]} edits it.  JSON works too.\n"
    "\n" EXIT_CODES_HELP;

enum { OPT_HELP = 1, OPT_PRINT, OPT_CONFIG, OPT_NO_CONFIG };

static const struct option long_opts[] = {
    {"help", no_argument, NULL, OPT_HELP},
    {"print", no_argument, NULL, OPT_PRINT},
    {"config", required_argument, NULL, OPT_CONFIG},
    {"no-config", no_argument, NULL, OPT_NO_CONFIG},
    {NULL, 0, NULL, 0},
};

int cmd_config(int argc, char **argv)
{
    OutputOptions oo;
    output_options_init(&oo);
    bool print = false;
    optind = 1;
    opterr = 0;
    int opt;
    while ((opt = getopt_long(argc, argv, ":", long_opts, NULL)) != -1) {
        switch (opt) {
        case OPT_HELP: fputs(usage, stdout); return EXIT_CLEAN;
        case OPT_PRINT: print = true; break;
        case OPT_CONFIG: oo.config_path = optarg; break;
        case OPT_NO_CONFIG: oo.no_config = true; break;
        case ':': cli_error("option %s needs a value (see 'dbaudit config --help')", argv[optind - 1]); return EXIT_USAGE;
        default: cli_error("unknown option %s (see 'dbaudit config --help')", argv[optind - 1]); return EXIT_USAGE;
        }
    }
    if (!print) {
        cli_error("say what to do: 'dbaudit config --print' (see 'dbaudit config --help')");
        return EXIT_USAGE;
    }
    if (argc - optind > 1) {
        cli_error("one PATH at most (see 'dbaudit config --help')");
        return EXIT_USAGE;
    }
    const char *start = optind < argc ? argv[optind] : ".";
    if (access(start, F_OK) != 0) {
        cli_error("%s: %s", start, strerror(errno));
        return EXIT_USAGE;
    }
    if (output_configure(&oo, start) != 0) {
        output_options_fini(&oo);
        return EXIT_USAGE;
    }
    ExitCode ec = EXIT_CLEAN;
    if (config_print(stdout, &oo.config) != 0 || fflush(stdout) != 0) {
        cli_error("cannot write the configuration");
        ec = EXIT_UNAUDITABLE;
    }
    output_options_fini(&oo);
    return ec;
}
