/* output.c - the output options every auditing command shares, and the one
 * place that decides what a report holds and where and how it is written.
 *
 * Between the rules and the writer, in this order: the configuration file's
 * severities, its ignore globs, --changed-files, then the baseline (or
 * --write-baseline, which records the findings instead of reporting them).
 * The exit code is computed on what is left, so every format and the exit
 * code agree. */
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
    config_init(&o->config);
}

void output_options_fini(OutputOptions *o)
{
    baseline_free(o->baseline_data);
    o->baseline_data = NULL;
    config_fini(&o->config);
}

static int select_rules(OutputOptions *o, const char *list, bool only)
{
    /* --only keeps the audit-incomplete rules (A001, A002, A003) on: a run that
     * could not look must say so whatever it was asked to check.  --skip
     * turns them off.  Both decide over the configuration file. */
    if (only)
        for (int i = 0; i < RULE_COUNT; i++) {
            o->cli_set[i] = true;
            o->cli_off[i] = o->sel.off[i] = i != RULE_A001 && i != RULE_A002 && i != RULE_A003;
        }
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
        o->sel.off[id] = o->cli_off[id] = !only;
        o->cli_set[id] = true;
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
    if (strcmp(name, "config") == 0) {
        o->config_path = value;
        return 1;
    }
    if (strcmp(name, "no-config") == 0) {
        o->no_config = true;
        return 1;
    }
    if (strcmp(name, "baseline") == 0) {
        o->baseline = value;
        return 1;
    }
    if (strcmp(name, "write-baseline") == 0) {
        o->write_baseline = value;
        return 1;
    }
    return 0;
}

int output_configure(OutputOptions *o, const char *start)
{
    if (o->config_path && o->no_config) {
        cli_error("--config and --no-config contradict each other");
        return -1;
    }
    const char *path = o->config_path;
    Arena scratch;
    arena_init(&scratch);
    if (!path && !o->no_config)
        path = config_find(&scratch, start ? start : ".");
    int rc = 0;
    const char *err = NULL;
    if (o->config_path && access(path, F_OK) != 0) {
        cli_error("--config %s: %s", path, strerror(errno));
        rc = -1;
    } else if (path && config_load(&o->config, path, &err) != 0) {
        cli_error("%s", err);
        rc = -1;
    }
    arena_fini(&scratch);
    for (int i = 0; i < RULE_COUNT; i++)
        o->sel.off[i] = o->cli_set[i] ? o->cli_off[i] : o->config.rules[i] == CONFIG_RULE_OFF;
    if (rc == 0 && o->baseline && !o->write_baseline) {
        /* Read now: a baseline that is not one stops the run before the audit. */
        char err2[1024];
        if (!(o->baseline_data = baseline_read(o->baseline, err2, sizeof err2))) {
            cli_error("%s", err2);
            rc = -1;
        }
    }
    return rc;
}

/* Keeps the findings keep() accepts, in order; returns how many went. */
static int filter(Report *r, bool (*keep)(const OutputOptions *, const Finding *), const OutputOptions *o)
{
    int kept = 0, n = r->findings.n;
    for (int i = 0; i < n; i++)
        if (keep(o, &r->findings.v[i]))
            r->findings.v[kept++] = r->findings.v[i];
    r->findings.n = kept;
    return n - kept;
}

static bool not_ignored(const OutputOptions *o, const Finding *f)
{
    return !config_ignores(&o->config, f->object);
}

/* In changed-files mode a finding stays when its file changed; one with no
 * file only when it says the audit could not look (A001-A003). */
static bool in_changed_file(const OutputOptions *o, const Finding *f)
{
    if (!f->file)
        return f->rule == RULE_A001 || f->rule == RULE_A002 || f->rule == RULE_A003;
    return changed_files_has(o->changed, f->file);
}

ExitCode output_report(const OutputOptions *o, Report *r)
{
    for (int i = 0; i < r->findings.n; i++) {
        int set = o->config.rules[r->findings.v[i].rule];
        if (set != CONFIG_RULE_DEFAULT && set != CONFIG_RULE_OFF)
            r->findings.v[i].severity = (Severity)set;
    }
    filter(r, not_ignored, o);
    int outside = o->changed ? filter(r, in_changed_file, o) : 0;
    if (outside)
        fprintf(stderr, "dbaudit: %d finding%s outside the changed files not shown\n", outside,
                outside == 1 ? "" : "s");
    char err[1024];
    if (o->write_baseline) {
        if (baseline_write(o->write_baseline, r, err, sizeof err) != 0) {
            cli_error("%s", err);
            return EXIT_UNAUDITABLE;
        }
        if (strcmp(o->write_baseline, "-") != 0)
            fprintf(stderr, "dbaudit: wrote %d finding%s to the baseline %s\n", r->findings.n,
                    r->findings.n == 1 ? "" : "s", o->write_baseline);
        return EXIT_CLEAN;
    }
    if (o->baseline_data) {
        int hidden = baseline_apply(o->baseline_data, r);
        if (hidden)
            fprintf(stderr, "dbaudit: %d finding%s hidden by the baseline %s\n", hidden, hidden == 1 ? "" : "s",
                    o->baseline);
    }
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
