/* cli.h - what the command-line tool's files share: exit codes, the output
 * options every auditing command takes, and the commands themselves.
 * Each command lives in its own file (cmd_db.c, cmd_rules.c). */
#ifndef DBAUDIT_CLI_H
#define DBAUDIT_CLI_H

#include <stdbool.h>

#include "core/report.h"
#include "rules/rules.h"

/* Exit codes, documented in README.md and in --help. */
typedef enum ExitCode {
    EXIT_CLEAN = 0,      /* nothing at or above the --fail-on threshold */
    EXIT_FINDINGS = 1,   /* findings at or above the threshold */
    EXIT_USAGE = 2,      /* bad command line or configuration */
    EXIT_UNAUDITABLE = 3 /* could not audit: connection, permission, I/O */
} ExitCode;

#define EXIT_CODES_HELP                                                                            \
    "Exit codes:\n"                                                                                \
    "  0  no finding at or above the --fail-on threshold\n"                                        \
    "  1  findings at or above the threshold\n"                                                    \
    "  2  usage or configuration error\n"                                                          \
    "  3  could not audit (connection, permission, I/O)\n"

typedef struct OutputOptions {
    ReportFormat format;
    bool format_given;  /* --format was given (else GITHUB_ACTIONS=true picks github) */
    const char *output; /* NULL: stdout */
    Severity fail_on;
    bool verbose, quiet;
    RuleSelection sel;
} OutputOptions;

#define OUTPUT_OPTIONS_HELP                                                                        \
    "Output:\n"                                                                                    \
    "  --format FORMAT            text, json, sarif, github, html or dot (default text;\n"       \
    "                             github when GITHUB_ACTIONS=true)\n"                             \
    "  --output FILE              write the report to FILE instead of standard output\n"           \
    "  --fail-on LEVEL            error|warning|info|none: lowest severity that makes the\n"       \
    "                             exit code 1 (default error)\n"                                   \
    "  --skip IDS                 comma-separated rule ids or slugs not to run\n"                  \
    "  --only IDS                 run only these rules\n"                                          \
    "  --verbose                  text: explain why for every finding\n"                           \
    "  --quiet                    text: print only the summary line\n"                             \
    "Colour is used on a terminal unless NO_COLOR is set.\n"

/* The getopt_long entries of the output options, all with value id; hand
 * them to output_option() by name. */
#define OUTPUT_LONG_OPTIONS(id)                                                                    \
    {"format", required_argument, NULL, id}, {"output", required_argument, NULL, id},             \
        {"fail-on", required_argument, NULL, id}, {"skip", required_argument, NULL, id},          \
        {"only", required_argument, NULL, id}, {"verbose", no_argument, NULL, id},                \
        {"quiet", no_argument, NULL, id}

void output_options_init(OutputOptions *o);
/* Handles one output option (name without dashes, value may be NULL).
 * Returns 1 when it was one, 0 when it was not, -1 (message printed) when
 * its value is wrong. */
int output_option(OutputOptions *o, const char *name, const char *value);
/* Writes the finished report where the options say.  Returns the exit code:
 * EXIT_CLEAN / EXIT_FINDINGS by threshold, or EXIT_UNAUDITABLE on I/O
 * failure. */
ExitCode output_report(const OutputOptions *o, const Report *r);

/* Prints "dbaudit: <message>" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int cmd_db(int argc, char **argv);
int cmd_scan(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_explain(int argc, char **argv);

/* Generated from docs/rules/<ID>.md at build time (see CMakeLists.txt). */
const char *rule_doc(const char *id);

#endif
