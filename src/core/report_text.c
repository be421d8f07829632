/* report_text.c - the report for people.
 *
 * Findings are grouped by table (or file), most severe first inside each
 * group order; every finding shows its rule, message and fix.  The reason a
 * rule matters ("why") is printed the first time the rule appears, and for
 * every finding with --verbose, so a long report stays readable.  Colour only
 * when the caller says so (a terminal, and NO_COLOR unset).
 */
#include <stdbool.h>
#include <string.h>

#include "core/report.h"

typedef struct Style {
    const char *bold, *dim, *red, *yellow, *cyan, *green, *reset;
} Style;

static const Style plain = {"", "", "", "", "", "", ""};
static const Style ansi = {"\033[1m", "\033[2m", "\033[31m", "\033[33m", "\033[36m", "\033[32m", "\033[0m"};

static const char *sev_color(const Style *st, Severity s)
{
    return s == SEV_ERROR ? st->red : s == SEV_WARNING ? st->yellow : st->cyan;
}

/* Prints text with every line after the first indented by `indent`. */
static void put_indented(FILE *out, const char *text, int indent)
{
    for (const char *p = text; *p; p++) {
        fputc(*p, out);
        if (*p == '\n' && p[1])
            fprintf(out, "%*s", indent, "");
    }
}

static bool same(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

int report_write_text(FILE *out, const Report *r, const ReportOptions *opt)
{
    const Style *st = opt->color ? &ansi : &plain;
    bool why_shown[RULE_COUNT] = {false};
    const char *group = NULL, *db = NULL;
    bool multi = r->sources.n > 1;
    const char *kind = r->command && strcmp(r->command, "scan") == 0 ? "project" : "database";
    enum { INDENT = 19 };

    for (int i = 0; i < r->findings.n && !opt->quiet; i++) {
        const Finding *f = &r->findings.v[i];
        if (multi && (i == 0 || !same(f->database, db))) {
            fprintf(out, "%s== %s %s ==%s\n", st->bold, kind, f->database ? f->database : "?", st->reset);
            group = NULL;
        }
        db = f->database;
        const char *g = f->group ? f->group : f->file ? f->file : f->object;
        if (i == 0 || !same(g, group))
            fprintf(out, "%s%s%s%s\n", i ? "\n" : "", st->bold, g ? g : "(database)", st->reset);
        group = g;

        const RuleInfo *ri = &rule_table[f->rule];
        fprintf(out, "  %s%-8s%s %s%s%s  ", sev_color(st, f->severity), severity_name(f->severity),
                st->reset, st->bold, ri->id, st->reset);
        if (f->file)
            fprintf(out, "%s%s:%d:%d%s  ", st->dim, f->file, f->line, f->col, st->reset);
        else if (f->object && g && strcmp(f->object, g) != 0)
            fprintf(out, "%s%s%s  ", st->dim, f->object, st->reset);
        put_indented(out, f->message, INDENT);
        fputc('\n', out);
        if (opt->verbose || !why_shown[f->rule] || f->why) {
            fprintf(out, "%*s%swhy: ", INDENT - 5, "", st->dim);
            put_indented(out, f->why ? f->why : ri->why, INDENT);
            fprintf(out, " (%s %s, guide %s)%s\n", ri->id, ri->slug, ri->guide, st->reset);
            why_shown[f->rule] = true;
        }
        if (f->nsamples) {
            fprintf(out, "%*s%ssamples: ", INDENT - 9, "", st->dim);
            for (int k = 0; k < f->nsamples; k++)
                fprintf(out, "%s%s", k ? ", " : "", f->samples[k]);
            fprintf(out, "%s\n", st->reset);
        }
        if (f->fix) {
            fprintf(out, "%*s%sfix: ", INDENT - 5, "", st->green);
            put_indented(out, f->fix, INDENT);
            fprintf(out, "%s\n", st->reset);
        }
    }

    int c[3];
    report_counts(r, c);
    if (r->findings.n && !opt->quiet)
        fputc('\n', out);
    fprintf(out, "%s%d error%s%s, %s%d warning%s%s, %s%d info%s", c[SEV_ERROR] ? st->red : "", c[SEV_ERROR],
            c[SEV_ERROR] == 1 ? "" : "s", st->reset, c[SEV_WARNING] ? st->yellow : "", c[SEV_WARNING],
            c[SEV_WARNING] == 1 ? "" : "s", st->reset, c[SEV_INFO] ? st->cyan : "", c[SEV_INFO], st->reset);
    for (int i = 0; i < r->sources.n; i++) {
        const ReportSource *s = &r->sources.v[i];
        fprintf(out, "%s %s %s", i ? ";" : " in", kind, s->name);
        if (s->state == SOURCE_FAILED)
            fprintf(out, " (%snot audited%s: %s)", st->red, st->reset, s->error ? s->error : "unknown error");
        else
            fprintf(out, " (%d table%s%s)", s->tables, s->tables == 1 ? "" : "s",
                    s->state == SOURCE_PARTIAL ? ", partly audited" : "");
    }
    fputc('\n', out);
    return ferror(out) ? -1 : 0;
}
