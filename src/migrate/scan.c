/* scan.c - `dbaudit scan`; see scan.h. */
#include "migrate/scan.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/suppress.h"
#include "core/utf8.h"
#include "migrate/knex.h"
#include "migrate/project.h"
#include "schema/dump.h"
#include "source/discover.h"
#include "sql/ddl.h"

#define MAX_FILE_BYTES (32u << 20)

struct ScanRun {
    Arena arena; /* paths, file texts' positions, suppressions */
    VEC(Schema *) schemas;
};

/* A file's text with an index of its line starts, for positions. */
typedef struct TextPos {
    const char *path, *text;
    size_t len;
    size_t *lines; /* byte offset of each line start */
    int nlines;
} TextPos;

static void textpos_init(TextPos *p, Arena *a, const char *path, const char *text, size_t len)
{
    p->path = path;
    p->text = text;
    p->len = len;
    int n = 1;
    for (size_t i = 0; i < len; i++)
        n += text[i] == '\n';
    p->lines = arena_alloc(a, sizeof *p->lines * (size_t)n);
    p->nlines = 0;
    p->lines[p->nlines++] = 0;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n')
            p->lines[p->nlines++] = i + 1;
}

static Origin textpos_at(void *arg, size_t offset)
{
    TextPos *p = arg;
    if (offset > p->len)
        offset = p->len;
    int lo = 0, hi = p->nlines - 1;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (p->lines[mid] <= offset)
            lo = mid;
        else
            hi = mid - 1;
    }
    int col = 1;
    for (size_t i = p->lines[lo]; i < offset; i++)
        if (((unsigned char)p->text[i] & 0xc0) != 0x80)
            col++;
    return (Origin){p->path, lo + 1, col};
}

/* Reads a whole file into the arena (NUL-terminated).  NULL and a finding
 * when it cannot be read or is too large. */
static char *read_file(Arena *a, const char *path, size_t *len, Report *r, const char *database)
{
    FILE *f = fopen(path, "rb");
    const char *why = NULL;
    char *buf = NULL;
    size_t bad;
    int line = 1;
    if (!f) {
        why = strerror(errno);
    } else {
        struct stat st;
        if (fstat(fileno(f), &st) != 0)
            why = strerror(errno);
        else if ((unsigned long long)st.st_size > MAX_FILE_BYTES)
            why = "larger than 32 MiB; not read";
        else {
            buf = arena_alloc(a, (size_t)st.st_size + 1);
            *len = fread(buf, 1, (size_t)st.st_size, f);
            if (ferror(f)) {
                why = strerror(errno);
                buf = NULL;
            } else if (memchr(buf, 0, *len)) {
                why = "holds NUL bytes: not a text file; not read";
                buf = NULL;
            } else if ((bad = utf8_invalid_at(buf, *len)) != UTF8_VALID) {
                why = arena_printf(a, "is not valid UTF-8 (byte 0x%02x at offset %zu); not read",
                                   (unsigned char)buf[bad], bad);
                for (size_t i = 0; i < bad; i++)
                    line += buf[i] == '\n';
                buf = NULL;
            } else {
                buf[*len] = 0;
            }
        }
        fclose(f);
    }
    if (why) {
        Finding *fi = report_add(r, RULE_A003, "cannot read %s: %s", path, why);
        fi->file = path;
        fi->line = line;
        fi->col = 1;
        fi->group = path;
        fi->database = database;
        fi->key = "read";
        return NULL;
    }
    return buf;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static const char *base_name(const char *path)
{
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

static void read_sql_migration(ScanRun *run, MigSink *k, const char *path, SuppressList *sup, Report *r)
{
    Migration *m = k->mig;
    m->is_sql = true;
    size_t len = 0;
    char *text = read_file(&run->arena, path, &len, r, k->database);
    if (!text) {
        m->understood = false;
        return;
    }
    suppress_scan(sup, &run->arena, path, text, len, r, k->database);
    TextPos tp;
    textpos_init(&tp, &run->arena, path, text, len);
    m->has_up = true;
    m->up_origin = (Origin){path, 1, 1};
    k->down = false;
    sql_ddl_apply(k, text, textpos_at, &tp);
    /* name.up.sql pairs with name.down.sql; a lone .sql file has no down
     * by design (the formats that use it roll forward only). */
    if (ends_with(path, ".up.sql")) {
        const char *down = arena_printf(&run->arena, "%.*s.down.sql", (int)(strlen(path) - 7), path);
        struct stat st;
        if (stat(down, &st) == 0) {
            size_t dlen = 0;
            char *dtext = read_file(&run->arena, down, &dlen, r, k->database);
            if (dtext) {
                suppress_scan(sup, &run->arena, down, dtext, dlen, r, k->database);
                TextPos dp;
                textpos_init(&dp, &run->arena, down, dtext, dlen);
                m->has_down = true;
                m->down_origin = (Origin){down, 1, 1};
                k->down = true;
                sql_ddl_apply(k, dtext, textpos_at, &dp);
                k->down = false;
            }
        }
    } else {
        m->down_optional = true;
    }
}

static void read_knex_migration(ScanRun *run, MigSink *k, KnexModules *mods, const char *path, bool lenient,
                                SuppressList *sup, Report *r)
{
    size_t len = 0;
    char *text = read_file(&run->arena, path, &len, r, k->database);
    if (!text) {
        k->mig->understood = false;
        return;
    }
    suppress_scan(sup, &run->arena, path, text, len, r, k->database);
    knex_read_migration(k, mods, path, text, len, lenient);
}

static void scan_project(ScanRun *run, const DiscoveredProject *dp, const ScanOptions *opt, const AuditConfig *cfg,
                         const RuleSelection *sel, Report *r, SuppressList *sup)
{
    Schema *s = schema_new(dp->name);
    s->have = SCHEMA_HAS_ALL;
    vec_push(&run->arena, &run->schemas, s);
    ScanProject p = {0};
    p.name = s->database;
    p.root = dp->root;
    p.schema = s;
    for (int i = 0; i < dp->nknexfiles; i++) {
        vec_push(&s->arena, &p.knexfiles, dp->knexfiles[i]);
        size_t len = 0;
        char *text = read_file(&run->arena, dp->knexfiles[i]->path, &len, r, s->database);
        if (text)
            suppress_scan(sup, &run->arena, dp->knexfiles[i]->path, text, len, r, s->database);
    }
    KnexModules *mods = knex_modules_new(&s->arena);
    for (int i = 0; i < dp->nmigrations; i++) {
        const char *path = dp->migrations[i];
        Migration *m = arena_alloc(&s->arena, sizeof *m);
        m->path = path;
        m->name = base_name(path);
        m->understood = true;
        vec_push(&s->arena, &p.migrations, m);
        MigSink k = {s, m, false, r, s->database, "public"};
        if (ends_with(path, ".sql"))
            read_sql_migration(run, &k, path, sup, r);
        else
            read_knex_migration(run, &k, mods, path, dp->nknexfiles == 0, sup, r);
    }
    knex_modules_free(mods);
    schema_derive(s);
    ReportSource *src = report_add_source(r, s->database);
    for (int i = 0; i < s->tables.n; i++)
        src->tables += !s->tables.v[i]->is_partition;
    if (opt->model_out) {
        fprintf(opt->model_out, "# %s\n", s->database);
        schema_dump(opt->model_out, s, NULL);
        return;
    }
    rules_run(s, cfg, sel, NULL, r, NULL);
    rules_run_project(&p, cfg, sel, r);
}

ScanRun *scan_run(const char *const *paths, int npaths, const ScanOptions *opt, const AuditConfig *cfg,
                  const RuleSelection *sel, Report *r, char *err, size_t errlen)
{
    ScanRun *run = xmalloc(sizeof *run);
    memset(run, 0, sizeof *run);
    arena_init(&run->arena);
    DiscoverOptions dopt = {opt->excludes, opt->nexcludes};
    DiscoveredProject *projects = NULL;
    int n = discover(paths, npaths, &dopt, &run->arena, r, &projects, err, errlen);
    if (n < 0) {
        scan_free(run);
        return NULL;
    }
    SuppressList sup = {0};
    for (int i = 0; i < n; i++)
        scan_project(run, &projects[i], opt, cfg, sel, r, &sup);
    suppress_apply(&sup, r, sel ? sel->off : NULL);
    return run;
}

void scan_free(ScanRun *run)
{
    if (!run)
        return;
    for (int i = 0; i < run->schemas.n; i++)
        schema_free(run->schemas.v[i]);
    arena_fini(&run->arena);
    free(run);
}
