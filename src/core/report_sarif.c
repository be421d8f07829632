/* report_sarif.c - SARIF 2.1.0 for code-scanning tools.
 *
 * One run; every rule of the registry in tool.driver.rules (so ruleIndex is
 * the registry index) with its summary, why, default level and help
 * (helpUri: the rule's page, docs/rules/<ID>.md, relative like every path
 * dbaudit prints); results with a physical location for file findings
 * (relative URI, line and column; columns count Unicode code points, as
 * run.columnKind says) and a logical location ("schema.table.column") for
 * objects, and the fingerprint under partialFingerprints ("dbaudit/v1"), so
 * GitHub code scanning follows a finding across commits.  The fix text,
 * which is SQL and not a file edit, goes into the result's properties.
 */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "core/report.h"
#include "core/strbuf.h"

static cJSON *chk(cJSON *j)
{
    if (!j)
        die_oom();
    return j;
}

static const char *level(Severity s)
{
    return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note";
}

static cJSON *text_obj(const char *text)
{
    cJSON *o = chk(cJSON_CreateObject());
    chk(cJSON_AddStringToObject(o, "text", text));
    return o;
}

/* A file path as a URI reference: relative paths stay relative (GitHub
 * resolves them against the repository root), absolute ones become file:
 * URIs; bytes outside RFC 3986's unreserved set and '/' are %-encoded. */
static char *path_uri(const char *path)
{
    StrBuf b = STRBUF_INIT;
    if (path[0] == '/')
        sb_puts(&b, "file://");
    while (path[0] == '.' && path[1] == '/')
        path += 2;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p))
            sb_putc(&b, (char)*p);
        else
            sb_printf(&b, "%%%02X", *p);
    }
    return sb_take(&b);
}

/* Number of dots outside double quotes: 1 for a table, 2 for a column. */
static int object_depth(const char *s)
{
    int dots = 0;
    bool q = false;
    for (; *s; s++) {
        if (*s == '"')
            q = !q;
        else if (*s == '.' && !q)
            dots++;
    }
    return dots;
}

int report_write_sarif(FILE *out, const Report *r)
{
    cJSON *root = chk(cJSON_CreateObject());
    chk(cJSON_AddStringToObject(root, "$schema", "https://json.schemastore.org/sarif-2.1.0.json"));
    chk(cJSON_AddStringToObject(root, "version", "2.1.0"));
    cJSON *runs = chk(cJSON_AddArrayToObject(root, "runs"));
    cJSON *run = chk(cJSON_CreateObject());
    cJSON_AddItemToArray(runs, run);

    cJSON *driver = chk(cJSON_AddObjectToObject(chk(cJSON_AddObjectToObject(run, "tool")), "driver"));
    chk(cJSON_AddStringToObject(driver, "name", "dbaudit"));
    chk(cJSON_AddStringToObject(driver, "version", DBAUDIT_VERSION));
    chk(cJSON_AddStringToObject(driver, "semanticVersion", DBAUDIT_VERSION));
    cJSON *rules = chk(cJSON_AddArrayToObject(driver, "rules"));
    for (int i = 0; i < RULE_COUNT; i++) {
        const RuleInfo *ri = &rule_table[i];
        cJSON *o = chk(cJSON_CreateObject());
        chk(cJSON_AddStringToObject(o, "id", ri->id));
        chk(cJSON_AddStringToObject(o, "name", ri->slug));
        cJSON_AddItemToObject(o, "shortDescription", text_obj(ri->summary));
        cJSON_AddItemToObject(o, "fullDescription", text_obj(ri->why));
        char uri[64];
        snprintf(uri, sizeof uri, "docs/rules/%s.md", ri->id);
        chk(cJSON_AddStringToObject(o, "helpUri", uri));
        StrBuf help = STRBUF_INIT;
        sb_printf(&help, "%s. %s See %s or run `dbaudit explain %s`.", ri->summary, ri->why, uri, ri->id);
        cJSON *ho = text_obj(sb_str(&help));
        sb_reset(&help);
        sb_printf(&help, "**%s** (`%s`)\n\n%s.\n\n%s\n\nSee [%s](%s) or run `dbaudit explain %s`.", ri->id,
                  ri->slug, ri->summary, ri->why, uri, uri, ri->id);
        chk(cJSON_AddStringToObject(ho, "markdown", sb_str(&help)));
        sb_fini(&help);
        cJSON_AddItemToObject(o, "help", ho);
        cJSON *dc = chk(cJSON_AddObjectToObject(o, "defaultConfiguration"));
        chk(cJSON_AddStringToObject(dc, "level", level(ri->severity)));
        cJSON *props = chk(cJSON_AddObjectToObject(o, "properties"));
        chk(cJSON_AddStringToObject(props, "family", ri->family));
        chk(cJSON_AddStringToObject(props, "guide", ri->guide));
        cJSON *tags = chk(cJSON_AddArrayToObject(props, "tags"));
        cJSON_AddItemToArray(tags, chk(cJSON_CreateString("database-integrity")));
        cJSON_AddItemToArray(tags, chk(cJSON_CreateString(ri->family)));
        cJSON_AddItemToArray(rules, o);
    }

    chk(cJSON_AddStringToObject(run, "columnKind", "unicodeCodePoints"));
    cJSON *results = chk(cJSON_AddArrayToObject(run, "results"));
    for (int i = 0; i < r->findings.n; i++) {
        const Finding *f = &r->findings.v[i];
        cJSON *o = chk(cJSON_CreateObject());
        chk(cJSON_AddStringToObject(o, "ruleId", rule_table[f->rule].id));
        chk(cJSON_AddNumberToObject(o, "ruleIndex", f->rule));
        chk(cJSON_AddStringToObject(o, "level", level(f->severity)));
        cJSON_AddItemToObject(o, "message", text_obj(f->message));
        cJSON *locs = chk(cJSON_AddArrayToObject(o, "locations"));
        cJSON *loc = chk(cJSON_CreateObject());
        if (f->file) {
            cJSON *pl = chk(cJSON_AddObjectToObject(loc, "physicalLocation"));
            cJSON *al = chk(cJSON_AddObjectToObject(pl, "artifactLocation"));
            char *uri = path_uri(f->file);
            chk(cJSON_AddStringToObject(al, "uri", uri));
            free(uri);
            cJSON *reg = chk(cJSON_AddObjectToObject(pl, "region"));
            chk(cJSON_AddNumberToObject(reg, "startLine", f->line));
            chk(cJSON_AddNumberToObject(reg, "startColumn", f->col));
        }
        if (f->object) {
            cJSON *ll = chk(cJSON_AddArrayToObject(loc, "logicalLocations"));
            cJSON *l = chk(cJSON_CreateObject());
            char *fq = NULL;
            if (f->database && r->sources.n > 1) {
                size_t n = strlen(f->database) + strlen(f->object) + 2;
                fq = xmalloc(n);
                snprintf(fq, n, "%s.%s", f->database, f->object);
            }
            chk(cJSON_AddStringToObject(l, "fullyQualifiedName", fq ? fq : f->object));
            free(fq);
            chk(cJSON_AddStringToObject(l, "kind", object_depth(f->object) >= 2 ? "column" : "table"));
            cJSON_AddItemToArray(ll, l);
        }
        cJSON_AddItemToArray(locs, loc);
        cJSON *fp = chk(cJSON_AddObjectToObject(o, "partialFingerprints"));
        chk(cJSON_AddStringToObject(fp, "dbaudit/v1", f->fingerprint));
        cJSON *props = chk(cJSON_AddObjectToObject(o, "properties"));
        if (f->fix)
            chk(cJSON_AddStringToObject(props, "fix", f->fix));
        if (f->database)
            chk(cJSON_AddStringToObject(props, "database", f->database));
        cJSON_AddItemToArray(results, o);
    }

    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    if (!text)
        die_oom();
    fputs(text, out);
    fputc('\n', out);
    free(text);
    return ferror(out) ? -1 : 0;
}
