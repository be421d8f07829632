/* output.c - the output options every auditing command shares, and the one
 * place that decides where and how a report is written. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("dbaudit: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void output_options_init(OutputOptions *o)
{
    memset(o, 0, sizeof *o);
    o->format = FORMAT_TEXT;
    o->fail_on = SEV_ERROR;
}

static int select_rules(OutputOptions *o, const char *list, bool only)
{
    /* --only keeps the audit-incomplete rules (A001, A002, A003) on: a run that
     * could not look must say so whatever it was asked to check.  --skip
     * turns them off. */
    if (only)
        for (int i = 0; i < RULE_COUNT; i++)
            o->sel.off[i] = i != RULE_A001 && i != RULE_A002 && i != RULE_A003;
    char *copy = strdup(list);
    if (!copy)
        return -1;
    int rc = 1;
    for (char *save = NULL, *tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
        int id = rule_lookup(tok);
        if (id < 0) {
            cli_error("unknown rule '%s' (see 'dbaudit rules')", tok);
            rc = -1;
            break;
        }
        o->sel.off[id] = !only;
    }
    free(copy);
    return rc;
}

int output_option(OutputOptions *o, const char *name, const char *value)
{
    if (strcmp(name, "format") == 0) {
        if (strcmp(value, "text") == 0)
            o->format = FORMAT_TEXT;
        else if (strcmp(value, "json") == 0)
            o->format = FORMAT_JSON;
        else if (strcmp(value, "sarif") == 0)
            o->format = FORMAT_SARIF;
        else if (strcmp(value, "github") == 0)
            o->format = FORMAT_GITHUB;
        else if (strcmp(value, "html") == 0)
            o->format = FORMAT_HTML;
        else if (strcmp(value, "dot") == 0)
            o->format = FORMAT_DOT;
        else {
            cli_error("unknown format '%s': use text, json, sarif, github, html or dot", value);
            return -1;
        }
        o->format_given = true;
        return 1;
    }
    if (strcmp(name, "output") == 0) {
        o->output = value;
        return 1;
    }
    if (strcmp(name, "fail-on") == 0) {
        if (!severity_parse(value, &o->fail_on)) {
            cli_error("unknown --fail-on level '%s': use error, warning, info or none", value);
            return -1;
        }
        return 1;
    }
    if (strcmp(name, "skip") == 0)
        return select_rules(o, value, false);
    if (strcmp(name, "only") == 0)
        return select_rules(o, value, true);
    if (strcmp(name, "verbose") == 0) {
        o->verbose = true;
        return 1;
    }
    if (strcmp(name, "quiet") == 0) {
        o->quiet = true;
        return 1;
    }
    return 0;
}

ExitCode output_report(const OutputOptions *o, const Report *r)
{
    FILE *out = stdout;
    if (o->output && strcmp(o->output, "-") != 0) {
        out = fopen(o->output, "w");
        if (!out) {
            cli_error("cannot write %s: %s", o->output, strerror(errno));
            return EXIT_UNAUDITABLE;
        }
    }
    ReportFormat format = o->format;
    const char *gha = getenv("GITHUB_ACTIONS");
    if (!o->format_given && gha && strcmp(gha, "true") == 0)
        format = FORMAT_GITHUB; /* annotations on the pull request, unasked */
    ReportOptions ro = {format, false, o->verbose, o->quiet};
    ro.color = format == FORMAT_TEXT && getenv("NO_COLOR") == NULL && isatty(fileno(out));
    int rc = report_write(out, r, &ro);
    if (fflush(out) != 0)
        rc = -1;
    if (out != stdout && fclose(out) != 0)
        rc = -1;
    if (rc != 0) {
        cli_error("cannot write the report%s%s", o->output ? " to " : "", o->output ? o->output : "");
        return EXIT_UNAUDITABLE;
    }
    return report_fails(r, o->fail_on) ? EXIT_FINDINGS : EXIT_CLEAN;
}
