/* report.c - findings: creation, fingerprints, order, counts.
 *
 * A fingerprint identifies a finding across runs and unrelated edits: it
 * hashes the rule, the source name, the object (or file path) and the
 * rule's key (constraint name, column list...), never a line number or the
 * message wording.
 */
#include "core/report.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/strmap.h"

void report_init(Report *r, const char *command)
{
    memset(r, 0, sizeof *r);
    arena_init(&r->arena);
    r->command = command;
}

void report_fini(Report *r)
{
    arena_fini(&r->arena);
}

Finding *report_add(Report *r, RuleId rule, const char *fmt, ...)
{
    Finding f = {0};
    f.rule = rule;
    f.severity = rule_table[rule].severity;
    f.count = -1;
    va_list ap;
    va_start(ap, fmt);
    f.message = arena_vprintf(&r->arena, fmt, ap);
    va_end(ap);
    vec_push(&r->arena, &r->findings, f);
    return &r->findings.v[r->findings.n - 1];
}

void finding_fix(Report *r, Finding *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    f->fix = arena_vprintf(&r->arena, fmt, ap);
    va_end(ap);
}

void finding_key(Report *r, Finding *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    f->key = arena_vprintf(&r->arena, fmt, ap);
    va_end(ap);
}

ReportSource *report_add_source(Report *r, const char *name)
{
    ReportSource s = {0};
    s.name = arena_strdup(&r->arena, name);
    vec_push(&r->arena, &r->sources, s);
    return &r->sources.v[r->sources.n - 1];
}

static uint64_t hash_str(uint64_t h, const char *s)
{
    if (s)
        h = hash_fnv1a(s, strlen(s), h);
    return hash_fnv1a("\0", 1, h); /* separator: ("ab","c") != ("a","bc") */
}

static int cmp_str(const char *a, const char *b)
{
    if (!a || !b)
        return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

static int cmp_finding(const void *pa, const void *pb)
{
    const Finding *a = pa, *b = pb;
    int c;
    if ((c = cmp_str(a->database, b->database)))
        return c;
    if ((c = cmp_str(a->file, b->file)))
        return c;
    if (a->file && (c = a->line - b->line))
        return c;
    if (a->file && (c = a->col - b->col))
        return c;
    if ((c = cmp_str(a->object, b->object)))
        return c;
    if ((c = (int)a->rule - (int)b->rule))
        return c;
    if ((c = cmp_str(a->key, b->key)))
        return c;
    return cmp_str(a->message, b->message);
}

void report_finish(Report *r)
{
    for (int i = 0; i < r->findings.n; i++) {
        Finding *f = &r->findings.v[i];
        uint64_t h = HASH_FNV_SEED;
        h = hash_str(h, rule_table[f->rule].id);
        h = hash_str(h, f->database);
        h = hash_str(h, f->object ? f->object : f->file);
        h = hash_str(h, f->key ? f->key : f->message);
        snprintf(f->fingerprint, sizeof f->fingerprint, "%016llx", (unsigned long long)h);
    }
    if (r->findings.n > 1)
        qsort(r->findings.v, (size_t)r->findings.n, sizeof(Finding), cmp_finding);
}

void report_counts(const Report *r, int counts[3])
{
    counts[0] = counts[1] = counts[2] = 0;
    for (int i = 0; i < r->findings.n; i++)
        counts[r->findings.v[i].severity]++;
}

bool report_fails(const Report *r, Severity threshold)
{
    if (threshold == SEV_NONE)
        return false;
    for (int i = 0; i < r->findings.n; i++)
        if (r->findings.v[i].severity >= threshold)
            return true;
    return false;
}

const char *finding_where(const Report *r, const Finding *f)
{
    Arena *a = (Arena *)&r->arena;
    if (f->file)
        return arena_printf(a, "%s:%d:%d", f->file, f->line, f->col);
    if (f->database && r->sources.n > 1)
        return arena_printf(a, "%s:%s", f->database, f->object ? f->object : "");
    return f->object ? f->object : (f->database ? f->database : "");
}

int report_write(FILE *out, const Report *r, const ReportOptions *opt)
{
    switch (opt->format) {
    case FORMAT_JSON: return report_write_json(out, r);
    case FORMAT_SARIF: return report_write_sarif(out, r);
    case FORMAT_GITHUB: return report_write_github(out, r);
    case FORMAT_HTML: return report_write_html(out, r);
    case FORMAT_DOT: return report_write_dot(out, r);
    case FORMAT_TEXT:
    default: return report_write_text(out, r, opt);
    }
}
