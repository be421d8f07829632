/* scan.c - `dbaudit scan`; see scan.h. */
#include "migrate/scan.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/file.h"
#include "core/suppress.h"
#include "core/utf8.h"
#include "code/code.h"
#include "code/dump.h"
#include "migrate/knex.h"
#include "migrate/project.h"
#include "schema/dump.h"
#include "source/discover.h"
#include "source/ts.h"
#include "sql/ddl.h"

#define MAX_FILE_BYTES (32u << 20)

struct ScanRun {
    Arena arena; /* paths, file texts' positions, suppressions */
    VEC(Schema *) schemas;
    VEC(Schema *) shared; /* models shared by projects of one database (they borrow tables) */
    VEC(CodeBase *) code;
    Arena scratch;        /* one code file's text at a time */
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

/* Reads a whole text file into the arena (NUL-terminated).  NULL when it
 * cannot be read, is too large, holds NUL bytes or is not UTF-8, with why
 * and the line of the problem set (for report_unreadable()). */
static char *read_text(Arena *a, const char *path, size_t *len, const char **why, int *line)
{
    size_t bad;
    *why = NULL;
    *line = 1;
    char *buf = file_read_all(a, path, MAX_FILE_BYTES, len, why);
    if (buf && memchr(buf, 0, *len)) {
        *why = "holds NUL bytes: not a text file; not read";
        buf = NULL;
    } else if (buf && (bad = utf8_invalid_at(buf, *len)) != UTF8_VALID) {
        *why = arena_printf(a, "is not valid UTF-8 (byte 0x%02x at offset %zu); not read", (unsigned char)buf[bad],
                            bad);
        for (size_t i = 0; i < bad; i++)
            *line += buf[i] == '\n';
        buf = NULL;
    }
    return buf;
}

/* The A003 finding of a file read_text() refused. */
static void report_unreadable(Report *r, const char *path, int line, const char *why, const char *database)
{
    Finding *fi = report_add(r, RULE_A003, "cannot read %s: %s", path, why);
    fi->file = path;
    fi->line = line;
    fi->col = 1;
    fi->group = path;
    fi->database = database;
    fi->key = "read";
}

/* read_text(), reporting a refusal. */
static char *read_file(Arena *a, const char *path, size_t *len, Report *r, const char *database)
{
    const char *why;
    int line;
    char *buf = read_text(a, path, len, &why, &line);
    if (!buf)
        report_unreadable(r, path, line, why, database);
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

enum { CODE_UNREAD = 0, CODE_PARSED, CODE_SKIPPED /* no Knex in it: not parsed */ };

/* The project's code files, shared by the reading threads. */
typedef struct CodeRead {
    ScanRun *run;
    const DiscoveredProject *dp;
    const char *database;
    const AuditConfig *cfg;
    CodeBase *cb;
    Report *r;
    SuppressList *sup;
    CodeFile **out;   /* per file: its model, NULL when not read */
    char *read;       /* per file: CODE_UNREAD (A003 said why), _PARSED or _SKIPPED */
    int next;
    pthread_mutex_t lock; /* next, the report, the suppressions, run->arena */
} CodeRead;

typedef struct CodeWorker {
    CodeRead *job;
    int id;
} CodeWorker;

static void *code_worker(void *arg)
{
    CodeWorker *wk = arg;
    CodeRead *j = wk->job;
    Arena scratch;
    arena_init(&scratch);
    for (;;) {
        pthread_mutex_lock(&j->lock);
        int i = j->next < j->dp->ncode ? j->next++ : -1;
        pthread_mutex_unlock(&j->lock);
        if (i < 0)
            break;
        const char *path = j->dp->code[i];
        size_t len = 0;
        const char *why;
        int line;
        char *text = read_text(&scratch, path, &len, &why, &line);
        pthread_mutex_lock(&j->lock);
        if (!text)
            report_unreadable(j->r, path, line, why, j->database); /* the message is copied */
        else
            suppress_scan(j->sup, &j->run->arena, path, text, len, j->r, j->database);
        pthread_mutex_unlock(&j->lock);
        if (text && !code_may_use_knex(text, len)) {
            j->read[i] = CODE_SKIPPED;
        } else if (text) {
            j->read[i] = CODE_PARSED;
            j->out[i] = code_read(&j->cb->worker[wk->id], j->cfg, path, text, len);
        }
        arena_reset(&scratch);
    }
    arena_fini(&scratch);
    if (wk->id > 0)
        ts_thread_release(); /* worker 0 is the main thread: its cache lives on */
    return NULL;
}

/* Reads the project's data-access code, on up to CODE_WORKERS threads (the
 * machine's cores).  A file with syntax errors is still read (tree-sitter
 * recovers) and noted once (A003). */
static void read_code(ScanRun *run, ScanProject *p, const DiscoveredProject *dp, const AuditConfig *cfg, Report *r,
                      SuppressList *sup)
{
    if (!dp->ncode)
        return;
    CodeBase *cb = xmalloc(sizeof *cb);
    codebase_init(cb);
    vec_push(&run->arena, &run->code, cb);
    p->code = cb;
    CodeRead job = {run, dp, p->name, cfg, cb, r, sup, NULL, NULL, 0, PTHREAD_MUTEX_INITIALIZER};
    job.out = arena_alloc(&run->scratch, sizeof *job.out * (size_t)dp->ncode);
    memset(job.out, 0, sizeof *job.out * (size_t)dp->ncode);
    job.read = arena_alloc(&run->scratch, (size_t)dp->ncode);
    memset(job.read, 0, (size_t)dp->ncode);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int nt = cores < 1 ? 1 : cores > CODE_WORKERS ? CODE_WORKERS : (int)cores;
    if (nt > dp->ncode)
        nt = dp->ncode;
    CodeWorker wk[CODE_WORKERS];
    pthread_t th[CODE_WORKERS];
    int started = 0;
    for (int i = 1; i < nt; i++) {
        wk[started + 1] = (CodeWorker){&job, started + 1};
        if (pthread_create(&th[started], NULL, code_worker, &wk[started + 1]) == 0)
            started++;
    }
    wk[0] = (CodeWorker){&job, 0};
    code_worker(&wk[0]); /* this thread is worker 0 */
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    MigSink k = {0};
    k.report = r;
    k.database = p->name;
    for (int i = 0; i < dp->ncode; i++) {
        CodeFile *f = job.out[i];
        if (f)
            vec_push(&cb->arena, &cb->files, f);
        if (!f && job.read[i] == CODE_PARSED)
            mig_not_understood(&k, (Origin){dp->code[i], 1, 1}, "%s could not be parsed; its code was not audited",
                               dp->code[i]);
        else if (f && f->parse_error)
            mig_not_understood(&k, (Origin){dp->code[i], f->error_line, f->error_col},
                               "syntax error in %s: the code rules may miss queries around it", dp->code[i]);
    }
    arena_reset(&run->scratch);
}

/* Replays one project's migrations into a fresh model. */
static ScanProject *read_project(ScanRun *run, const DiscoveredProject *dp, const AuditConfig *cfg, Report *r,
                                 SuppressList *sup)
{
    Schema *s = schema_new(dp->name);
    s->have = SCHEMA_HAS_ALL;
    vec_push(&run->arena, &run->schemas, s);
    ScanProject *p = arena_alloc(&s->arena, sizeof *p);
    p->name = s->database;
    p->root = dp->root;
    p->schema = s;
    for (int i = 0; i < dp->nknexfiles; i++) {
        vec_push(&s->arena, &p->knexfiles, dp->knexfiles[i]);
        const Knexfile *kf = dp->knexfiles[i];
        if (kf->text) /* read once, by discovery */
            suppress_scan(sup, &run->arena, kf->path, kf->text, kf->len, r, s->database);
    }
    /* Unqualified names go to the knexfile's searchPath, when it names one
     * (the first configuration that does), else to public. */
    const char *default_schema = "public";
    for (int i = 0; i < dp->nknexfiles && strcmp(default_schema, "public") == 0; i++)
        for (int j = 0; j < dp->knexfiles[i]->configs.n; j++)
            if (dp->knexfiles[i]->configs.v[j].search_path) {
                default_schema = arena_strdup(&s->arena, dp->knexfiles[i]->configs.v[j].search_path);
                break;
            }
    KnexModules *mods = knex_modules_new(&s->arena);
    for (int i = 0; i < dp->nmigrations; i++) {
        const char *path = dp->migrations[i];
        Migration *m = arena_alloc(&s->arena, sizeof *m);
        m->path = path;
        m->name = base_name(path);
        m->understood = true;
        vec_push(&s->arena, &p->migrations, m);
        MigSink k = {s, m, false, r, s->database, default_schema};
        if (ends_with(path, ".sql"))
            read_sql_migration(run, &k, path, sup, r);
        else
            read_knex_migration(run, &k, mods, path, dp->nknexfiles == 0, sup, r);
    }
    knex_modules_free(mods);
    /* A migrations folder that no knexfile names and whose files export no
     * up (ClickHouse scripts, fixtures...) is not a Knex project. */
    bool knex = dp->nknexfiles > 0;
    for (int i = 0; i < p->migrations.n && !knex; i++)
        knex = !p->migrations.v[i]->not_migration;
    DiscoveredProject code = *dp;
    if (!knex) {
        /* what looked like migrations is code */
        int nmig = 0;
        for (int i = 0; i < p->migrations.n; i++)
            nmig += !ends_with(p->migrations.v[i]->path, ".sql");
        const char **all = arena_alloc(&run->arena, sizeof *all * (size_t)(dp->ncode + nmig + 1));
        int n = 0;
        for (int i = 0; i < dp->ncode; i++)
            all[n++] = dp->code[i];
        for (int i = 0; i < p->migrations.n; i++)
            if (!ends_with(p->migrations.v[i]->path, ".sql"))
                all[n++] = p->migrations.v[i]->path;
        code.code = all;
        code.ncode = n;
        if (!n)
            return NULL;
        p->migrations.n = 0; /* code with no migrations of its own */
    }
    read_code(run, p, &code, cfg, r, sup);
    schema_derive(s);
    ReportSource *src = report_add_source(r, s->database);
    src->schema = s;
    for (int i = 0; i < s->tables.n; i++)
        src->tables += !s->tables.v[i]->is_partition;
    return p;
}

/* Projects that share one database.  A foreign key to a table its own
 * migrations never create can only have been created when that table
 * already existed in the same database: it proves the two projects share
 * it (services of a monorepo migrating one database, each with its own
 * knex_migrations table).  Schema rules then judge the shared model, so a
 * key that is tenant-scoped through another service's table is seen as
 * such.  Union-find over project indexes. */
static int group_of(int *parent, int i)
{
    while (parent[i] != i)
        i = parent[i] = parent[parent[i]];
    return i;
}

static void group_projects(ScanProject **ps, int n, int *parent)
{
    for (int i = 0; i < n; i++)
        parent[i] = i;
    for (int i = 0; i < n; i++) {
        const Schema *s = ps[i]->schema;
        for (int t = 0; t < s->tables.n; t++) {
            const Table *tab = s->tables.v[t];
            for (int c = 0; c < tab->constraints.n; c++) {
                const Constraint *k = &tab->constraints.v[c];
                if (k->kind != CON_FOREIGN || !k->ref_table || schema_table(s, k->ref_schema, k->ref_table))
                    continue;
                for (int j = 0; j < n; j++)
                    if (j != i && schema_table(ps[j]->schema, k->ref_schema, k->ref_table)) {
                        parent[group_of(parent, i)] = group_of(parent, j);
                        break;
                    }
            }
        }
    }
}

/* Schema rules on the shared model of a group of projects.  The model
 * borrows the projects' tables and types (run->shared keeps it until the
 * report is written); each finding is then attributed to the project whose
 * migration it points at. */
static Schema *rules_on_group(ScanRun *run, ScanProject **ps, const int *members, int nm, const AuditConfig *cfg,
                              const RuleSelection *sel, Report *r)
{
    if (nm == 1) {
        rules_run(ps[members[0]]->schema, cfg, sel, NULL, r, NULL);
        return ps[members[0]]->schema;
    }
    Schema *shared = schema_new(ps[members[0]]->schema->database);
    shared->have = SCHEMA_HAS_ALL;
    vec_push(&run->arena, &run->shared, shared);
    StrMap owner; /* migration path -> project name */
    strmap_init(&owner, &shared->arena);
    for (int m = 0; m < nm; m++) {
        ScanProject *p = ps[members[m]];
        Schema *s = p->schema;
        for (int i = 0; i < p->migrations.n; i++)
            strmap_put(&owner, p->migrations.v[i]->path, (void *)s->database);
        for (int t = 0; t < s->tables.n; t++) {
            Table *tab = s->tables.v[t];
            if (schema_table_q(shared, tab->qname))
                continue; /* two projects create it: the first one's counts */
            vec_push(&shared->arena, &shared->tables, tab);
            strmap_put(&shared->by_qname, tab->qname, tab);
        }
        for (int t = 0; t < s->types.n; t++)
            if (!schema_type(shared, s->types.v[t].schema, s->types.v[t].name))
                *schema_add_type(shared, s->types.v[t].schema, s->types.v[t].name, s->types.v[t].kind) =
                    s->types.v[t];
    }
    schema_sort(shared);
    int first = r->findings.n;
    rules_run(shared, cfg, sel, NULL, r, NULL);
    for (int i = first; i < r->findings.n; i++) {
        Finding *f = &r->findings.v[i];
        const char *name = f->file ? strmap_get(&owner, f->file) : NULL;
        if (name)
            f->database = name;
    }
    /* The projects' own order and table ids, for the rules that read one
     * project alone. */
    for (int m = 0; m < nm; m++)
        schema_sort(ps[members[m]]->schema);
    return shared;
}

ScanRun *scan_run(const char *const *paths, int npaths, const ScanOptions *opt, const AuditConfig *cfg,
                  const RuleSelection *sel, Report *r, char *err, size_t errlen)
{
    ScanRun *run = xmalloc(sizeof *run);
    memset(run, 0, sizeof *run);
    arena_init(&run->arena);
    arena_init(&run->scratch);
    DiscoverOptions dopt = {opt->excludes, opt->nexcludes};
    DiscoveredProject *projects = NULL;
    int n = discover(paths, npaths, &dopt, &run->arena, r, &projects, err, errlen);
    if (n < 0) {
        scan_free(run);
        return NULL;
    }
    SuppressList sup = {0};
    ScanProject **ps = arena_alloc(&run->arena, sizeof *ps * (size_t)(n ? n : 1));
    int kept = 0;
    for (int i = 0; i < n; i++) {
        ScanProject *p = read_project(run, &projects[i], cfg, r, &sup);
        if (p)
            ps[kept++] = p;
    }
    n = kept;
    if (opt->model_out) {
        for (int i = 0; i < n; i++) {
            fprintf(opt->model_out, "# %s\n", ps[i]->schema->database);
            schema_dump(opt->model_out, ps[i]->schema, NULL);
        }
        return run;
    }
    if (opt->code_out) {
        for (int i = 0; i < n; i++)
            if (ps[i]->code) {
                fprintf(opt->code_out, "# %s\n", ps[i]->schema->database);
                code_dump(opt->code_out, ps[i]->code);
            }
        return run;
    }
    int *parent = arena_alloc(&run->arena, sizeof *parent * (size_t)(n ? n : 1));
    int *members = arena_alloc(&run->arena, sizeof *members * (size_t)(n ? n : 1));
    Schema **db = arena_alloc(&run->arena, sizeof *db * (size_t)(n ? n : 1)); /* each project's database */
    group_projects(ps, n, parent);
    for (int g = 0; g < n; g++) {
        if (group_of(parent, g) != g)
            continue;
        int nm = 0;
        for (int i = 0; i < n; i++)
            if (group_of(parent, i) == g)
                members[nm++] = i;
        Schema *model = rules_on_group(run, ps, members, nm, cfg, sel, r);
        for (int m = 0; m < nm; m++)
            db[members[m]] = model;
    }
    for (int i = 0; i < n; i++)
        rules_run_project(ps[i], db[i], cfg, sel, r);
    suppress_apply(&sup, r, sel ? sel->off : NULL);
    return run;
}

void scan_free(ScanRun *run)
{
    if (!run)
        return;
    for (int i = 0; i < run->shared.n; i++)
        schema_free(run->shared.v[i]);
    for (int i = 0; i < run->schemas.n; i++)
        schema_free(run->schemas.v[i]);
    for (int i = 0; i < run->code.n; i++) {
        codebase_fini(run->code.v[i]);
        free(run->code.v[i]);
    }
    arena_fini(&run->scratch);
    arena_fini(&run->arena);
    free(run);
}
