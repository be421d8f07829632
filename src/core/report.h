/* report.h - findings, and the writers that print them.
 *
 * A Report collects the findings of one run plus a line per audited source
 * (database or project).  Rules add findings; report_finish() fills in
 * fingerprints and sorts; then exactly one writer prints the report.  Each
 * output format has its own file (report_text.c, report_json.c,
 * report_sarif.c, report_github.c, report_html.c, report_dot.c) and sees the
 * same finished Report.
 */
#ifndef DBAUDIT_REPORT_H
#define DBAUDIT_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "core/arena.h"
#include "core/registry.h"

typedef struct Finding {
    RuleId rule;
    Severity severity;
    const char *message;
    const char *why;      /* NULL: the rule's own why */
    const char *fix;      /* NULL when there is no mechanical fix */
    const char *file;     /* file location, or NULL */
    int line, col;        /* 1-based when file is set */
    const char *object;   /* "schema.table" or "schema.table.column", or NULL */
    const char *database; /* source the finding belongs to */
    const char *group;    /* what text output groups by: table or file */
    const char *key;      /* identity inside the object, for the fingerprint */
    const char *target;   /* "schema.table" (unquoted) of another table the finding
                             is about, or NULL: S003's inferred parent */
    long long count;      /* data findings: offending rows; -1 otherwise */
    bool estimated;       /* the count is scaled from a sample */
    const char **samples; /* data findings: up to N offending keys */
    int nsamples;
    char fingerprint[17];
} Finding;

typedef enum SourceState {
    SOURCE_AUDITED = 0, /* everything read */
    SOURCE_PARTIAL,     /* read, but some parts could not be (see A001) */
    SOURCE_FAILED       /* could not be audited at all */
} SourceState;

typedef struct ReportSource {
    const char *name;   /* database name, or path */
    SourceState state;
    const char *error;  /* one line, when not audited */
    int tables;
    const struct Schema *schema; /* the model the findings came from, kept
                                    until the report is written; NULL when the
                                    source could not be read (or has none) */
} ReportSource;

typedef struct Report {
    Arena arena;
    VEC(Finding) findings;
    VEC(ReportSource) sources;
    const char *command; /* "db", "scan" */
    const struct AuditConfig *config; /* the run's names (tenant column...), for the
                                         integrity map; NULL: the built-in ones */
} Report;

typedef enum ReportFormat {
    FORMAT_TEXT,
    FORMAT_JSON,
    FORMAT_SARIF,
    FORMAT_GITHUB, /* GitHub Actions workflow commands (::error file=...) */
    FORMAT_HTML,   /* one self-contained page with the integrity map */
    FORMAT_DOT     /* the integrity map in Graphviz */
} ReportFormat;

typedef struct ReportOptions {
    ReportFormat format;
    bool color;   /* text only: ANSI colours */
    bool verbose; /* text only: also print why for every finding */
    bool quiet;   /* text only: only the summary line */
} ReportOptions;

void report_init(Report *r, const char *command);
void report_fini(Report *r);

/* Adds a finding with the rule's default severity; the message is printf-
 * formatted into the report arena.  Returns it so callers can set fix, key,
 * location. */
Finding *report_add(Report *r, RuleId rule, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Set fields, formatting into the report arena. */
void finding_fix(Report *r, Finding *f, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void finding_key(Report *r, Finding *f, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

ReportSource *report_add_source(Report *r, const char *name);

/* Computes fingerprints and sorts findings by source, location and rule. */
void report_finish(Report *r);

/* Counts per severity, after filtering. */
void report_counts(const Report *r, int counts[3]);
/* True when some finding is at or above the threshold. */
bool report_fails(const Report *r, Severity threshold);

/* Writers; return 0, or -1 when the stream failed. */
int report_write(FILE *out, const Report *r, const ReportOptions *opt);
int report_write_text(FILE *out, const Report *r, const ReportOptions *opt);
int report_write_json(FILE *out, const Report *r);
int report_write_sarif(FILE *out, const Report *r);
int report_write_github(FILE *out, const Report *r);
int report_write_html(FILE *out, const Report *r);
int report_write_dot(FILE *out, const Report *r);

/* Location as one string, "file:line:col" or "object" (database-prefixed
 * when the report has several sources); into the report arena. */
const char *finding_where(const Report *r, const Finding *f);

#define DBAUDIT_VERSION "0.1.0"

#endif
