/* cli.h - what the command-line tool's files share: exit codes, the output
 * options every auditing command takes (with the configuration file and
 * baselines), and the commands themselves.  Each command lives in its own
 * file (cmd_db.c, cmd_scan.c, cmd_config.c...). */
#ifndef DBAUDIT_CLI_H
#define DBAUDIT_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "core/baseline.h"
#include "core/config.h"
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

typedef struct ChangedFiles ChangedFiles;

typedef struct OutputOptions {
    ReportFormat format;
    bool format_given;  /* --format was given (else GITHUB_ACTIONS=true picks github) */
    const char *output; /* NULL: stdout */
    Severity fail_on;
    bool verbose, quiet;
    RuleSelection sel;  /* the rules that run: the configuration file's, then --skip / --only */
    bool cli_set[RULE_COUNT], cli_off[RULE_COUNT]; /* what --skip / --only decided */
    const char *config_path;    /* --config FILE */
    bool no_config;             /* --no-config */
    const char *baseline;       /* --baseline FILE: report only findings it does not hold */
    const char *write_baseline; /* --write-baseline FILE: record the findings instead of reporting */
    Baseline *baseline_data;    /* --baseline's file, read by output_configure() */
    Config config;              /* the effective configuration (output_configure()) */
    const ChangedFiles *changed; /* scan --changed-files: report findings in these files only */
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
    "Colour is used on a terminal unless NO_COLOR is set.\n"                                       \
    "\n"                                                                                           \
    "Configuration and baselines:\n"                                                               \
    "  --config FILE              read FILE (YAML or JSON); default: the first\n"                 \
    "                             .dbaudit.yml, .dbaudit.yaml or .dbaudit.json in the\n"          \
    "                             first PATH's folder (scan) or the current folder (db)\n"        \
    "                             or above it, up to the top of the git repository\n"             \
    "  --no-config                use the built-in configuration only\n"                          \
    "  --baseline FILE            report only findings FILE does not already hold\n"              \
    "  --write-baseline FILE      record the current findings in FILE and exit 0\n"               \
    "'dbaudit config --print' prints the configuration in effect.\n"

/* The getopt_long entries of the output options, all with value id; hand
 * them to output_option() by name. */
#define OUTPUT_LONG_OPTIONS(id)                                                                    \
    {"format", required_argument, NULL, id}, {"output", required_argument, NULL, id},             \
        {"fail-on", required_argument, NULL, id}, {"skip", required_argument, NULL, id},          \
        {"only", required_argument, NULL, id}, {"verbose", no_argument, NULL, id},                \
        {"quiet", no_argument, NULL, id}, {"config", required_argument, NULL, id},                \
        {"no-config", no_argument, NULL, id}, {"baseline", required_argument, NULL, id},          \
        {"write-baseline", required_argument, NULL, id}

void output_options_init(OutputOptions *o);
void output_options_fini(OutputOptions *o);
/* Handles one output option (name without dashes, value may be NULL).
 * Returns 1 when it was one, 0 when it was not, -1 (message printed) when
 * its value is wrong. */
int output_option(OutputOptions *o, const char *name, const char *value);
/* Loads the configuration into o->config: --config's file, else the one
 * config_find() finds from start (a folder or file), else the built-in
 * defaults (also with --no-config); then sets o->sel from the file's rules
 * and --skip / --only over them, and reads --baseline's file.  Returns 0,
 * or -1 with the message printed (a usage error: exit code 2). */
int output_configure(OutputOptions *o, const char *start);
/* Filters the finished report as the options say (severities and ignore
 * globs of the configuration, changed files, baseline), then writes it
 * where they say, or with --write-baseline writes the baseline instead.
 * Returns the exit code: EXIT_CLEAN / EXIT_FINDINGS by threshold (always
 * EXIT_CLEAN after writing a baseline), EXIT_UNAUDITABLE on I/O failure. */
ExitCode output_report(const OutputOptions *o, Report *r);

/* The files changed in the git repositories holding paths: against HEAD
 * (staged, unstaged and untracked files), plus, when base is given, those
 * changed since the merge base of base and HEAD.  NULL with err set (git's
 * own message) when a path is not in a repository or base is not a
 * revision.  See changed.c. */
ChangedFiles *changed_files_new(const char *const *paths, int npaths, const char *base, char *err, size_t errlen);
/* True when file (a path reachable from the current folder) is one of them. */
bool changed_files_has(const ChangedFiles *c, const char *file);
void changed_files_free(ChangedFiles *c);

/* Prints "dbaudit: <message>" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int cmd_db(int argc, char **argv);
int cmd_scan(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_config(int argc, char **argv);

/* Generated from docs/rules/<ID>.md at build time (see CMakeLists.txt). */
const char *rule_doc(const char *id);

#endif
