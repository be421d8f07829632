/* baseline.c - reading, writing and applying baselines; see baseline.h.
 *
 * Finding.fingerprint is not the identity: for rules without a key it
 * hashes the message, and a few messages carry line numbers (A004's
 * "matches no finding on line 12").  The identity here is the same parts
 * with numbers masked, kept readable in the file instead of hashed.
 */
#include "core/baseline.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdbool.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/file.h"
#include "core/strbuf.h"
#include "core/strmap.h"

enum { BASELINE_VERSION = 1 };
#define MAX_BYTES (64u << 20)

struct Baseline {
    Arena arena;
    StrMap ids; /* identity -> (void *)(index + 1) into counts */
    int *counts;
    int n;
};

typedef struct Identity {
    const char *rule, *source; /* source may be NULL */
    char where;                /* 'o' object, 'f' file, 0 neither */
    const char *loc;
    const char *key;
    const char *message;       /* for the reader, when key is the rule's own */
} Identity;

/* The message with every run of digits replaced by '#'. */
static const char *mask_numbers(Arena *a, const char *s)
{
    char *out = arena_alloc(a, strlen(s) + 1), *o = out;
    while (*s) {
        if (isdigit((unsigned char)*s)) {
            *o++ = '#';
            while (isdigit((unsigned char)*s))
                s++;
        } else {
            *o++ = *s++;
        }
    }
    *o = '\0';
    return out;
}

static Identity identity_of(Arena *a, const Finding *f)
{
    Identity id = {rule_table[f->rule].id, f->database, 0, "", NULL, NULL};
    if (f->object)
        id.where = 'o', id.loc = f->object;
    else if (f->file)
        id.where = 'f', id.loc = f->file;
    if (f->key) {
        id.key = f->key;
        id.message = f->message;
    } else {
        id.key = mask_numbers(a, f->message ? f->message : "");
    }
    return id;
}

/* One string for the map: the parts joined by \x1f, which no name holds. */
static const char *identity_str(Arena *a, const Identity *id)
{
    return arena_printf(a, "%s\x1f%s\x1f%c%s\x1f%s", id->rule, id->source ? id->source : "", id->where ? id->where : '-',
                        id->loc, id->key);
}

/* ---- Reading ---- */

static const char *str_field(const cJSON *o, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

Baseline *baseline_read(const char *path, char *err, size_t errlen)
{
    Baseline *b = xmalloc(sizeof *b);
    memset(b, 0, sizeof *b);
    arena_init(&b->arena);
    strmap_init(&b->ids, &b->arena);
    size_t len;
    const char *why = NULL;
    char *text = file_read_all(&b->arena, path, MAX_BYTES, &len, &why);
    if (!text) {
        snprintf(err, errlen, "cannot read the baseline %s: %s", path, why);
        baseline_free(b);
        return NULL;
    }
    cJSON *doc = cJSON_ParseWithLength(text, len);
    const cJSON *version = cJSON_GetObjectItemCaseSensitive(doc, "version");
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(doc, "findings");
    const char *bad = NULL;
    if (!doc)
        bad = "not JSON";
    else if (!cJSON_IsNumber(version))
        bad = "no \"version\"";
    else if (version->valuedouble != BASELINE_VERSION)
        bad = "a version this dbaudit does not read";
    else if (!cJSON_IsArray(list))
        bad = "no \"findings\" list";
    int n = bad ? 0 : cJSON_GetArraySize(list);
    b->counts = arena_alloc(&b->arena, sizeof *b->counts * (size_t)(n + 1));
    for (int i = 0; i < n && !bad; i++) {
        const cJSON *e = cJSON_GetArrayItem(list, i);
        const cJSON *count = cJSON_GetObjectItemCaseSensitive(e, "count");
        Identity id = {str_field(e, "rule"), str_field(e, "source"), 0, "", str_field(e, "key"), NULL};
        if (str_field(e, "object"))
            id.where = 'o', id.loc = str_field(e, "object");
        else if (str_field(e, "file"))
            id.where = 'f', id.loc = str_field(e, "file");
        if (!cJSON_IsObject(e) || !id.rule || !id.key || (count && (!cJSON_IsNumber(count) || count->valuedouble < 1))) {
            snprintf(err, errlen, "%s: finding %d has no rule, no key or a bad count", path, i + 1);
            bad = "";
            break;
        }
        const char *s = identity_str(&b->arena, &id);
        int c = count ? (int)count->valuedouble : 1;
        void *at = strmap_get(&b->ids, s);
        if (at) {
            b->counts[(intptr_t)at - 1] += c; /* listed twice: the counts add up */
        } else {
            b->counts[b->n] = c;
            strmap_put(&b->ids, s, (void *)(intptr_t)(++b->n));
        }
    }
    cJSON_Delete(doc);
    if (bad) {
        if (*bad)
            snprintf(err, errlen, "%s is not a dbaudit baseline: %s", path, bad);
        baseline_free(b);
        return NULL;
    }
    return b;
}

void baseline_free(Baseline *b)
{
    if (!b)
        return;
    arena_fini(&b->arena);
    free(b);
}

int baseline_apply(const Baseline *b, Report *r)
{
    Arena a;
    arena_init(&a);
    int *left = arena_memdup(&a, b->counts, (size_t)(b->n + 1), sizeof *left);
    int kept = 0, hidden = 0;
    for (int i = 0; i < r->findings.n; i++) {
        Identity id = identity_of(&a, &r->findings.v[i]);
        void *at = strmap_get(&b->ids, identity_str(&a, &id));
        if (at && left[(intptr_t)at - 1] > 0) {
            left[(intptr_t)at - 1]--;
            hidden++;
            continue;
        }
        r->findings.v[kept++] = r->findings.v[i];
    }
    r->findings.n = kept;
    arena_fini(&a);
    return hidden;
}

/* ---- Writing ---- */

typedef struct Entry {
    Identity id;
    int count;
} Entry;

static int cmp_null(const char *x, const char *y)
{
    return strcmp(x ? x : "", y ? y : "");
}

static int cmp_entry(const void *pa, const void *pb)
{
    const Identity *a = &((const Entry *)pa)->id, *b = &((const Entry *)pb)->id;
    int c;
    if ((c = strcmp(a->rule, b->rule)) || (c = cmp_null(a->source, b->source)) || (c = a->where - b->where) ||
        (c = strcmp(a->loc, b->loc)) || (c = strcmp(a->key, b->key)))
        return c;
    return 0;
}

int baseline_write(const char *path, const Report *r, char *err, size_t errlen)
{
    Arena a;
    arena_init(&a);
    StrMap ids;
    strmap_init(&ids, &a);
    Entry *e = arena_alloc(&a, sizeof *e * (size_t)(r->findings.n + 1));
    int n = 0;
    for (int i = 0; i < r->findings.n; i++) {
        Identity id = identity_of(&a, &r->findings.v[i]);
        const char *s = identity_str(&a, &id);
        Entry *at = strmap_get(&ids, s);
        if (at) {
            at->count++;
            continue;
        }
        e[n] = (Entry){id, 1};
        strmap_put(&ids, s, &e[n]);
        n++;
    }
    /* The map points into e: sorting moves entries, so it is not used after. */
    if (n > 1)
        qsort(e, (size_t)n, sizeof *e, cmp_entry);

    StrBuf b = STRBUF_INIT;
    sb_printf(&b, "{\n  \"version\": %d,\n  \"findings\": [", BASELINE_VERSION);
    for (int i = 0; i < n; i++) {
        cJSON *o = cJSON_CreateObject();
        if (!o)
            die_oom();
        cJSON_AddStringToObject(o, "rule", e[i].id.rule);
        if (e[i].id.source)
            cJSON_AddStringToObject(o, "source", e[i].id.source);
        if (e[i].id.where)
            cJSON_AddStringToObject(o, e[i].id.where == 'o' ? "object" : "file", e[i].id.loc);
        cJSON_AddStringToObject(o, "key", e[i].id.key);
        cJSON_AddNumberToObject(o, "count", e[i].count);
        if (e[i].id.message)
            cJSON_AddStringToObject(o, "message", e[i].id.message);
        char *line = cJSON_PrintUnformatted(o);
        if (!line)
            die_oom();
        sb_printf(&b, "%s\n    %s", i ? "," : "", line);
        free(line);
        cJSON_Delete(o);
    }
    sb_puts(&b, n ? "\n  ]\n}\n" : "]\n}\n");

    int rc = 0;
    if (strcmp(path, "-") == 0) {
        if (fputs(sb_str(&b), stdout) < 0 || fflush(stdout) != 0)
            rc = -1, snprintf(err, errlen, "cannot write the baseline to standard output");
    } else {
        /* Written beside it, then renamed: an interrupted run leaves the old one whole. */
        const char *tmp = arena_printf(&a, "%s.tmp", path);
        FILE *f = fopen(tmp, "w");
        bool ok = f && fputs(sb_str(&b), f) >= 0 && fflush(f) == 0;
        if (f && fclose(f) != 0)
            ok = false;
        if (!ok || rename(tmp, path) != 0) {
            snprintf(err, errlen, "cannot write the baseline %s: %s", path, strerror(errno));
            if (f)
                remove(tmp);
            rc = -1;
        }
    }
    arena_fini(&a);
    sb_fini(&b);
    return rc;
}
