/* main.c - dbaudit's entry point: global options and command dispatch. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const char usage[] =
    "Usage: dbaudit COMMAND [OPTIONS]\n"
    "\n"
    "Audit the integrity of a PostgreSQL data layer: keys, constraints, tenant\n"
    "isolation and row level security.\n"
    "\n"
    "Commands:\n"
    "  db         audit a live database's catalog (read-only)\n"
    "  scan       audit Knex projects from their source: knexfiles and migrations\n"
    "  rules      list the rules\n"
    "  explain    show a rule's documentation\n"
    "  config     print the effective configuration (config --print)\n"
    "\n"
    "Options:\n"
    "  --help     this text; 'dbaudit COMMAND --help' for a command\n"
    "  --version  print the version\n"
    "\n"
    "db and scan read a configuration file (rules on, off or at another severity;\n"
    "paths and objects to leave out; the names the heuristics look for): the first\n"
    ".dbaudit.yml, .dbaudit.yaml or .dbaudit.json found from the scanned path (scan)\n"
    "or the current folder (db) upwards, up to the top of the git repository, or\n"
    "--config FILE.  --baseline FILE reports only findings FILE does not hold.\n"
    "\n" EXIT_CODES_HELP;

static const struct {
    const char *name;
    int (*fn)(int argc, char **argv);
} commands[] = {
    {"db", cmd_db},
    {"scan", cmd_scan},
    {"rules", cmd_rules},
    {"explain", cmd_explain},
    {"config", cmd_config},
};

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        fputs(usage, stdout);
        return EXIT_CLEAN;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("dbaudit %s\n", DBAUDIT_VERSION);
        return EXIT_CLEAN;
    }
    for (unsigned i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].fn(argc - 1, argv + 1);
    cli_error("unknown command '%s' (see 'dbaudit --help')", argv[1]);
    return EXIT_USAGE;
}
