/* report_json.c - the JSON contract other tools parse.
 *
 * Stable shape (documented in README.md, "JSON output"):
 *   { "tool": {name, version}, "command", "sources": [...],
 *     "summary": {error, warning, info},
 *     "findings": [ { rule, slug, severity, message,
 *                     location: {file, line, column} | {object} (+ database),
 *                     fix?, count?, samples?, fingerprint } ] }
 * count and samples come with data findings (dbaudit db --data).
 * Fields are only ever added, never renamed or removed.
 */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "core/report.h"

static const char *state_name(SourceState s)
{
    return s == SOURCE_AUDITED ? "audited" : s == SOURCE_PARTIAL ? "partial" : "failed";
}

/* cJSON reports allocation failure with NULL; treat it like every other
 * allocation failure in dbaudit. */
static cJSON *chk(cJSON *j)
{
    if (!j)
        die_oom();
    return j;
}

static void add_str(cJSON *o, const char *k, const char *v)
{
    chk(cJSON_AddStringToObject(o, k, v));
}

static void add_num(cJSON *o, const char *k, double v)
{
    chk(cJSON_AddNumberToObject(o, k, v));
}

static cJSON *location(const Report *r, const Finding *f)
{
    cJSON *loc = chk(cJSON_CreateObject());
    if (f->file) {
        add_str(loc, "file", f->file);
        add_num(loc, "line", f->line);
        add_num(loc, "column", f->col);
    }
    if (f->object)
        add_str(loc, "object", f->object);
    if (f->database && r->sources.n > 1)
        add_str(loc, "database", f->database);
    return loc;
}

static cJSON *finding(const Report *r, const Finding *f)
{
    cJSON *o = chk(cJSON_CreateObject());
    add_str(o, "rule", rule_table[f->rule].id);
    add_str(o, "slug", rule_table[f->rule].slug);
    add_str(o, "severity", severity_name(f->severity));
    add_str(o, "message", f->message);
    cJSON_AddItemToObject(o, "location", location(r, f));
    if (f->fix)
        add_str(o, "fix", f->fix);
    if (f->count >= 0) {
        add_num(o, "count", (double)f->count);
        if (f->estimated)
            chk(cJSON_AddTrueToObject(o, "estimated"));
        cJSON *s = chk(cJSON_AddArrayToObject(o, "samples"));
        for (int k = 0; k < f->nsamples; k++)
            cJSON_AddItemToArray(s, chk(cJSON_CreateString(f->samples[k])));
    }
    add_str(o, "fingerprint", f->fingerprint);
    return o;
}

int report_write_json(FILE *out, const Report *r)
{
    cJSON *root = chk(cJSON_CreateObject());
    cJSON *tool = chk(cJSON_AddObjectToObject(root, "tool"));
    add_str(tool, "name", "dbaudit");
    add_str(tool, "version", DBAUDIT_VERSION);
    if (r->command)
        add_str(root, "command", r->command);

    cJSON *sources = chk(cJSON_AddArrayToObject(root, "sources"));
    for (int i = 0; i < r->sources.n; i++) {
        const ReportSource *s = &r->sources.v[i];
        cJSON *o = chk(cJSON_CreateObject());
        add_str(o, "name", s->name);
        add_str(o, "state", state_name(s->state));
        if (s->state != SOURCE_FAILED)
            add_num(o, "tables", s->tables);
        if (s->error)
            add_str(o, "error", s->error);
        cJSON_AddItemToArray(sources, o);
    }

    int c[3];
    report_counts(r, c);
    cJSON *sum = chk(cJSON_AddObjectToObject(root, "summary"));
    add_num(sum, "error", c[SEV_ERROR]);
    add_num(sum, "warning", c[SEV_WARNING]);
    add_num(sum, "info", c[SEV_INFO]);

    /* The findings are printed one at a time, in the layout cJSON gives the
     * whole document (each finding two levels down): a tree of 14,000
     * findings and its text would take 25 MB, the one finding at a time
     * none to speak of. */
    chk(cJSON_AddArrayToObject(root, "findings"));
    char *head = cJSON_Print(root);
    cJSON_Delete(root);
    if (!head)
        die_oom();
    /* cJSON ends the document with its last key: "findings":\t[]\n} */
    size_t n = strlen(head);
    fwrite(head, 1, n >= 4 && strcmp(head + n - 4, "[]\n}") == 0 ? n - 4 : n, out);
    fputc('[', out);
    for (int i = 0; i < r->findings.n; i++) {
        cJSON *o = finding(r, &r->findings.v[i]);
        char *text = cJSON_Print(o);
        cJSON_Delete(o);
        if (!text)
            die_oom();
        if (i)
            fputs(", ", out);
        for (const char *p = text, *nl; *p; p = nl + 1) {
            nl = strchr(p, '\n');
            if (!nl) {
                fputs(p, out);
                break;
            }
            fwrite(p, 1, (size_t)(nl - p + 1), out);
            fputs("\t\t", out);
        }
        free(text);
    }
    fputs("]\n}\n", out);
    free(head);
    return ferror(out) ? -1 : 0;
}
