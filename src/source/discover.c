/* discover.c - projects and migrations on disk; see discover.h.
 *
 * Two passes.  The walk visits every folder under the given paths once
 * (device and inode of each folder entered are remembered, so a symlink
 * that points back up the tree is reported instead of followed forever)
 * and notes knexfiles and folders named "migrations".  Then each knexfile
 * folder becomes a project whose migration folders come from its configs,
 * and every migrations folder no knexfile claimed becomes a project of its
 * own.  Migration folders are listed flat and sorted by file name with a
 * plain byte comparison, as Knex sorts them.
 */
#include "source/discover.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/strbuf.h"
#include "core/strmap.h"

#define MAX_DEPTH 64

/* Knex's default migrations.loadExtensions. */
static const char *const default_extensions[] = {".co", ".coffee", ".eg", ".iced", ".js", ".cjs",
                                                 ".litcoffee", ".ls", ".ts", NULL};

/* Never projects: dependencies, VCS data, build output, tests. */
static const char *const skipped_dirs[] = {"node_modules", ".git", "dist", "build", "out", "coverage",
                                           ".next", "test", "tests", "__tests__", NULL};

static const char *const knexfile_names[] = {"knexfile.cjs", "knexfile.js", "knexfile.mjs", "knexfile.ts", NULL};

/* Data-access code: these extensions, except declarations, bundles, tests,
 * and the files of seed, script and migration folders (one-off loaders and
 * tooling, not the application; migrations are read as migrations). */
static const char *const code_extensions[] = {".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", NULL};
static const char *const code_skipped_dirs[] = {"seeds", "seed", "seeders", "fixtures", "__mocks__", "e2e",
                                                "vendor", "public", "static", "scripts", NULL};
#define CODE_MAX_BYTES (2u << 20) /* larger sources are generated or bundled */

typedef struct DirId {
    dev_t dev;
    ino_t ino;
} DirId;

typedef struct Found {
    const char *path; /* reachable from the cwd */
    const char *rel;  /* relative to the scan root ("" for the root itself) */
    int arg;          /* index of the scan root in paths */
    DirId id;
} Found;

typedef struct Walk {
    Arena *a;
    Report *r;
    const DiscoverOptions *opt;
    const char *const *roots; /* the paths given, trailing slashes removed */
    const char *const *root_dirs; /* the same, or the folder of a file given */
    int nroots;
    VEC(DirId) entered;
    VEC(Found) knexfiles;
    VEC(Found) migdirs;
    VEC(DirId) claimed; /* migration folders some knexfile names */
    VEC(DirId) project_roots;
    VEC(Found) code;    /* data-access code: TypeScript and JavaScript outside migrations */
    VEC(DiscoveredProject) out;
} Walk;

static bool in_list(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(s, *list) == 0)
            return true;
    return false;
}

static bool has_id(const void *vec, DirId id)
{
    const VEC(DirId) *v = vec;
    for (int i = 0; i < v->n; i++)
        if (v->v[i].dev == id.dev && v->v[i].ino == id.ino)
            return true;
    return false;
}

static const char *join(Arena *a, const char *dir, const char *name)
{
    if (!*dir || strcmp(dir, ".") == 0)
        return arena_strdup(a, name);
    if (!*name)
        return arena_strdup(a, dir);
    size_t n = strlen(dir);
    return arena_printf(a, "%s%s%s", dir, dir[n - 1] == '/' ? "" : "/", name);
}

static const char *base_name(const char *path)
{
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

static const char *dir_name(Arena *a, const char *path)
{
    const char *b = strrchr(path, '/');
    if (!b)
        return ".";
    if (b == path)
        return "/";
    return arena_strndup(a, path, (size_t)(b - path));
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Lexical normalisation: "a/./b/../c" -> "a/c"; "" -> ".". */
const char *path_normalize(Arena *a, const char *path)
{
    bool abs = path[0] == '/';
    char *copy = arena_strdup(a, path);
    const char **parts = arena_alloc(a, sizeof *parts * (strlen(path) / 2 + 2));
    int n = 0;
    for (char *save = NULL, *p = strtok_r(copy, "/", &save); p; p = strtok_r(NULL, "/", &save)) {
        if (strcmp(p, ".") == 0)
            continue;
        if (strcmp(p, "..") == 0 && n > 0 && strcmp(parts[n - 1], "..") != 0) {
            n--;
            continue;
        }
        if (strcmp(p, "..") == 0 && abs)
            continue;
        parts[n++] = p;
    }
    StrBuf b = STRBUF_INIT;
    if (abs)
        sb_putc(&b, '/');
    for (int i = 0; i < n; i++)
        sb_printf(&b, "%s%s", i ? "/" : "", parts[i]);
    const char *r = arena_strdup(a, b.len ? sb_str(&b) : ".");
    sb_fini(&b);
    return r;
}

static bool excluded(const Walk *w, const char *rel, const char *name)
{
    for (int i = 0; i < w->opt->nexcludes; i++) {
        const char *g = w->opt->excludes[i];
        if (fnmatch(g, rel, 0) == 0 || fnmatch(g, name, 0) == 0)
            return true;
    }
    return false;
}

static bool test_file(const char *name)
{
    return strstr(name, ".test.") != NULL || strstr(name, ".spec.") != NULL;
}

static bool code_file(const char *rel, const char *name, off_t size)
{
    const char *dot = strrchr(name, '.');
    if (!dot || !in_list(dot, code_extensions) || ends_with(name, ".d.ts") || ends_with(name, ".min.js") ||
        ends_with(name, ".bundle.js") || test_file(name) || size > (off_t)CODE_MAX_BYTES)
        return false;
    /* a folder of the path among the skipped ones */
    for (const char *p = rel; *p;) {
        const char *slash = strchr(p, '/');
        if (!slash)
            break;
        char part[64];
        size_t k = (size_t)(slash - p);
        if (k < sizeof part) {
            memcpy(part, p, k);
            part[k] = 0;
            if (in_list(part, code_skipped_dirs) || strstr(part, "migration"))
                return false; /* migrations folders under other names: the M rules' */
        }
        p = slash + 1;
    }
    return true;
}

static Finding *problem(Walk *w, const char *path, const char *database, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static Finding *problem(Walk *w, const char *path, const char *database, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = arena_vprintf(&w->r->arena, fmt, ap);
    va_end(ap);
    Finding *f = report_add(w->r, RULE_A003, "%s", msg);
    f->severity = SEV_INFO;
    f->file = arena_strdup(&w->r->arena, path);
    f->line = 1;
    f->col = 1;
    f->group = f->file;
    f->database = database;
    f->key = "discover";
    return f;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The entry names of a folder, sorted; NULL (and errno) when it cannot be
 * read. */
static char **list_dir(Arena *a, const char *path, int *n)
{
    DIR *d = opendir(path);
    if (!d)
        return NULL;
    VEC(char *) v = {0};
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            vec_push(a, &v, arena_strdup(a, e->d_name));
    closedir(d);
    if (v.n)
        qsort(v.v, (size_t)v.n, sizeof *v.v, cmp_str);
    *n = v.n;
    return v.n ? v.v : arena_alloc(a, sizeof(char *));
}

/* True when the folder the link points to holds the link itself: following
 * it would walk the same tree again, above where the walk started. */
static bool leads_up(const char *dir, const char *link)
{
    char *here = realpath(dir, NULL), *there = realpath(link, NULL);
    bool up = false;
    if (here && there) {
        size_t n = strlen(there);
        up = strncmp(here, there, n) == 0 && (here[n] == '/' || here[n] == 0 || n == 1);
    }
    free(here);
    free(there);
    return up;
}

static void walk_dir(Walk *w, int arg, const char *path, const char *rel, bool via_link, int depth)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        problem(w, path, NULL, "cannot read folder %s: %s", path, strerror(errno));
        return;
    }
    DirId id = {st.st_dev, st.st_ino};
    if (has_id(&w->entered, id)) {
        if (via_link)
            problem(w, path, NULL, "symbolic link %s leads to a folder already scanned; not followed", path);
        return;
    }
    vec_push(w->a, &w->entered, id);
    if (depth > MAX_DEPTH) {
        problem(w, path, NULL, "folder %s is nested more than %d levels deep; not scanned", path, MAX_DEPTH);
        return;
    }
    int n;
    char **names = list_dir(w->a, path, &n);
    if (!names) {
        problem(w, path, NULL, "cannot read folder %s: %s", path, strerror(errno));
        return;
    }
    for (int i = 0; i < n; i++) {
        const char *name = names[i];
        const char *child = join(w->a, path, name);
        const char *crel = join(w->a, rel, name);
        if (excluded(w, crel, name))
            continue;
        struct stat ls, cs;
        if (lstat(child, &ls) != 0)
            continue;
        bool link = S_ISLNK(ls.st_mode);
        if (link ? stat(child, &cs) != 0 : (cs = ls, false))
            continue; /* a dangling link */
        if (S_ISDIR(cs.st_mode)) {
            if (in_list(name, skipped_dirs))
                continue;
            if (link && leads_up(path, child)) {
                problem(w, child, NULL, "symbolic link %s leads to a folder that contains it (a loop); not followed",
                        child);
                continue;
            }
            if (strcmp(name, "migrations") == 0) {
                Found f = {child, crel, arg, {cs.st_dev, cs.st_ino}};
                vec_push(w->a, &w->migdirs, f);
                continue; /* Knex does not recurse into it */
            }
            walk_dir(w, arg, child, crel, link, depth + 1);
        } else if (S_ISREG(cs.st_mode) && in_list(name, knexfile_names)) {
            Found f = {child, crel, arg, {cs.st_dev, cs.st_ino}};
            vec_push(w->a, &w->knexfiles, f);
        } else if (S_ISREG(cs.st_mode) && code_file(crel, name, cs.st_size)) {
            Found f = {child, crel, arg, {cs.st_dev, cs.st_ino}};
            vec_push(w->a, &w->code, f);
        }
    }
}


/* True when the migration file can be handed to a reader: it exists and is
 * not too large.  Otherwise an A003 finding. */
static bool migration_ok(Walk *w, const char *path, const char *database)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        problem(w, path, database, "cannot read migration %s: %s", path, strerror(errno));
        return false;
    }
    if ((unsigned long long)st.st_size > DISCOVER_MAX_FILE_BYTES) {
        problem(w, path, database, "migration %s is too large (%lld bytes, over 32 MiB); skipped", path,
                (long long)st.st_size);
        return false;
    }
    /* Readability and encoding are checked when the scan reads it. */
    return true;
}

typedef struct MigFile {
    const char *path, *name;
    int dir; /* index of its folder, for sortDirsSeparately */
} MigFile;

static int cmp_mig(const void *pa, const void *pb)
{
    const MigFile *a = pa, *b = pb;
    int c = strcmp(a->name, b->name);
    /* Knex's sort is stable: equal names keep the order of their folders. */
    return c ? c : a->dir != b->dir ? (a->dir < b->dir ? -1 : 1) : strcmp(a->path, b->path);
}

static int cmp_mig_dir(const void *pa, const void *pb)
{
    const MigFile *a = pa, *b = pb;
    return a->dir != b->dir ? (a->dir < b->dir ? -1 : 1) : strcmp(a->name, b->name);
}

/* Semantic versions as migration names ("2.0.0-beta.148.js"), parsed into
 * major, minor, patch and an optional pre-release (compared by its dotted
 * parts, numbers numerically, as semver says). */
typedef struct Version {
    long n[3];
    const char *pre; /* after '-', up to the extension; NULL for a release */
    size_t prelen;
} Version;

static bool parse_version(const char *name, Version *v)
{
    const char *p = name;
    for (int i = 0; i < 3; i++) {
        if (*p < '0' || *p > '9')
            return false;
        char *end;
        v->n[i] = strtol(p, &end, 10);
        p = end;
        if (i < 2 && *p++ != '.')
            return false;
    }
    const char *ext = strrchr(name, '.');
    if (!ext || ext < p)
        return false;
    v->pre = NULL;
    v->prelen = 0;
    if (*p == '-') {
        v->pre = p + 1;
        v->prelen = (size_t)(ext - v->pre);
    } else if (p != ext) {
        return false;
    }
    return true;
}

static int cmp_pre(const char *a, size_t na, const char *b, size_t nb)
{
    while (na && nb) {
        size_t la = 0, lb = 0;
        while (la < na && a[la] != '.')
            la++;
        while (lb < nb && b[lb] != '.')
            lb++;
        bool da = la && strspn(a, "0123456789") >= la, db = lb && strspn(b, "0123456789") >= lb;
        int c;
        if (da && db)
            c = strtol(a, NULL, 10) < strtol(b, NULL, 10) ? -1 : strtol(a, NULL, 10) > strtol(b, NULL, 10);
        else if (da != db)
            c = da ? -1 : 1;
        else {
            c = strncmp(a, b, la < lb ? la : lb);
            if (!c)
                c = la < lb ? -1 : la > lb;
        }
        if (c)
            return c;
        a += la, na -= la, b += lb, nb -= lb;
        if (na)
            a++, na--;
        if (nb)
            b++, nb--;
    }
    return na ? 1 : nb ? -1 : 0;
}

static int cmp_version(const void *pa, const void *pb)
{
    const MigFile *a = pa, *b = pb;
    Version x, y;
    parse_version(a->name, &x);
    parse_version(b->name, &y);
    for (int i = 0; i < 3; i++)
        if (x.n[i] != y.n[i])
            return x.n[i] < y.n[i] ? -1 : 1;
    if (!x.pre || !y.pre)
        return x.pre ? -1 : y.pre ? 1 : 0; /* a pre-release comes before its release */
    return cmp_pre(x.pre, x.prelen, y.pre, y.prelen);
}

static bool extension_ok(const char *name, const char *const *exts)
{
    if (ends_with(name, ".d.ts"))
        return false;
    if (ends_with(name, ".sql"))
        return true;
    const char *dot = strrchr(name, '.');
    return dot && in_list(dot, exts);
}

/* Appends the migrations of folder dir (rel: relative to the scan root). */
static void list_migrations(Walk *w, DiscoveredProject *p, void *files, int dirno, const char *dir, const char *rel,
                            const char *const *exts)
{
    VEC(MigFile) *v = files;
    int n;
    char **names = list_dir(w->a, dir, &n);
    if (!names) {
        problem(w, dir, p->name, "cannot read migrations folder %s: %s", dir, strerror(errno));
        return;
    }
    for (int i = 0; i < n; i++) {
        const char *name = names[i];
        const char *path = join(w->a, dir, name);
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        if (!extension_ok(name, exts) || test_file(name) || excluded(w, join(w->a, rel, name), name))
            continue;
        if (ends_with(name, ".down.sql")) {
            /* Listed through its .up.sql; a lone down has nothing to undo. */
            const char *up = arena_printf(w->a, "%.*s.up.sql", (int)(strlen(path) - 9), path);
            if (stat(up, &st) != 0)
                problem(w, path, p->name, "%s has no matching .up.sql file; skipped", path);
            continue;
        }
        if (!migration_ok(w, path, p->name))
            continue;
        MigFile m = {path, base_name(path), dirno};
        vec_push(w->a, v, m);
        if (ends_with(name, ".sql"))
            p->sql_migrations = true;
    }
}

/* The name of a project folder: relative to the scan root, or "." for the
 * root itself.  With several roots, relative names would collide ("." for
 * each), so the root's own path leads: "services/api", "../billing". */
static const char *project_name(Walk *w, int arg, const char *rel)
{
    if (w->nroots > 1 && strcmp(w->root_dirs[arg], ".") != 0)
        return path_normalize(w->a, join(w->a, w->root_dirs[arg], rel));
    if (*rel)
        return arena_strdup(w->a, rel);
    /* The root itself: its folder's name reads better than "." */
    char buf[4096];
    const char *dir = w->root_dirs[arg];
    if (realpath(dir, buf)) {
        const char *slash = strrchr(buf, '/');
        if (slash && slash[1])
            return arena_strdup(w->a, slash + 1);
    }
    return ".";
}

static bool new_root(Walk *w, const char *root)
{
    struct stat st;
    if (stat(root, &st) != 0)
        return true;
    DirId id = {st.st_dev, st.st_ino};
    if (has_id(&w->project_roots, id))
        return false;
    vec_push(w->a, &w->project_roots, id);
    return true;
}

/* Sets the database of the findings added since `since`. */
static void attribute(Report *r, int since, const char *database)
{
    for (int i = since; i < r->findings.n; i++)
        if (!r->findings.v[i].database)
            r->findings.v[i].database = database;
}

static void finish_project(Walk *w, DiscoveredProject *p, void *files, bool by_dir)
{
    VEC(MigFile) *v = files;
    /* Without a knexfile the migration source is the project's own: when
     * every file is named by a version (2.0.0.js, 2.0.0-beta.148.js), it
     * runs them in version order, which byte order gets wrong (beta.148
     * before beta.99). */
    bool versions = p->nknexfiles == 0 && v->n > 1;
    for (int i = 0; i < v->n && versions; i++) {
        Version x;
        versions = parse_version(v->v[i].name, &x);
    }
    if (v->n)
        qsort(v->v, (size_t)v->n, sizeof *v->v, versions ? cmp_version : by_dir ? cmp_mig_dir : cmp_mig);
    p->migrations = arena_alloc(w->a, sizeof *p->migrations * (size_t)(v->n + 1));
    for (int i = 0; i < v->n; i++)
        p->migrations[i] = v->v[i].path;
    p->nmigrations = v->n;
    vec_push(w->a, &w->out, *p);
}

/* One project per folder holding knexfiles (the `knexfiles` entries from
 * index first on that share its folder). */
static void knexfile_project(Walk *w, int first)
{
    const Found *kf0 = &w->knexfiles.v[first];
    const char *folder = dir_name(w->a, kf0->path);
    const char *relfolder = strchr(kf0->rel, '/') ? dir_name(w->a, kf0->rel) : "";
    DiscoveredProject p = {0};
    p.root = folder;
    p.name = project_name(w, kf0->arg, relfolder);
    if (!new_root(w, folder))
        return;
    VEC(Knexfile *) kfs = {0};
    for (int i = first; i < w->knexfiles.n; i++) {
        const Found *f = &w->knexfiles.v[i];
        if (strcmp(dir_name(w->a, f->path), folder) != 0)
            break;
        int since = w->r->findings.n;
        Knexfile *k = knexfile_read(f->path, w->a, w->r);
        attribute(w->r, since, p.name);
        vec_push(w->a, &kfs, k);
    }
    p.knexfiles = kfs.v;
    p.nknexfiles = kfs.n;

    /* Environments may name different folders (a seed-only test config, a
     * reporting replica with its own migrations): Knex runs whichever the
     * environment chosen at run time names, so the union is what may run
     * somewhere; each folder is listed once. */
    VEC(const char *) dirs = {0};
    VEC(const Origin *) explicit_at = {0}; /* where each entry of dirs was named, NULL: the default */
    VEC(const char *) exts = {0};
    bool default_exts = false, by_dir = true, any_config = false;
    for (int i = 0; i < kfs.n; i++)
        for (int j = 0; j < kfs.v[i]->configs.n; j++) {
            const KnexConfig *c = &kfs.v[i]->configs.v[j];
            any_config = true;
            by_dir &= c->sort_dirs_separately;
            if (c->migration_dirs)
                for (const char **d = c->migration_dirs; *d; d++) {
                    vec_push(w->a, &dirs, *d);
                    vec_push(w->a, &explicit_at, &c->migration_dirs_origin);
                }
            else {
                vec_push(w->a, &dirs, "./migrations");
                vec_push(w->a, &explicit_at, (const Origin *)NULL);
            }
            if (c->load_extensions)
                for (const char **e = c->load_extensions; *e; e++)
                    vec_push(w->a, &exts, *e);
            else
                default_exts = true;
        }
    if (!any_config) {
        by_dir = false;
        default_exts = true;
        vec_push(w->a, &dirs, "./migrations");
        vec_push(w->a, &explicit_at, (const Origin *)NULL);
    }
    if (default_exts || !exts.n)
        for (const char *const *e = default_extensions; *e; e++)
            vec_push(w->a, &exts, *e);
    vec_push(w->a, &exts, (const char *)NULL);

    VEC(MigFile) files = {0};
    VEC(const char *) done = {0};
    for (int i = 0; i < dirs.n; i++) {
        const char *dir = dirs.v[i][0] == '/' ? path_normalize(w->a, dirs.v[i])
                                              : path_normalize(w->a, join(w->a, folder, dirs.v[i]));
        bool dup = false;
        for (int j = 0; j < done.n && !dup; j++)
            dup = strcmp(done.v[j], dir) == 0;
        if (dup)
            continue;
        vec_push(w->a, &done, dir);
        struct stat st;
        if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
            const Origin *at = explicit_at.v[i];
            if (at) {
                Finding *f = problem(w, at->file, p.name, "migrations.directory %s names %s, which is not a folder",
                                     dirs.v[i], dir);
                f->line = at->line;
                f->col = at->col;
            }
            continue;
        }
        DirId id = {st.st_dev, st.st_ino};
        vec_push(w->a, &w->claimed, id);
        const char *rel = path_normalize(w->a, join(w->a, relfolder, dirs.v[i]));
        list_migrations(w, &p, &files, done.n - 1, dir, rel, exts.v);
    }
    finish_project(w, &p, &files, by_dir);
}

/* The project folder of an unclaimed migrations folder: the folder that
 * holds it, or the one above db/, database/, src/ or src/database/. */
static const char *strip_layout(Arena *a, const char *path)
{
    static const char *const layouts[] = {"/src/database/migrations", "/database/migrations", "/db/migrations",
                                          "/src/migrations", "/migrations", NULL};
    static const char *const bare[] = {"src/database/migrations", "database/migrations", "db/migrations",
                                       "src/migrations", "migrations", NULL};
    if (!*path)
        return ""; /* the scan root itself */
    for (int i = 0; layouts[i]; i++) {
        if (strcmp(path, bare[i]) == 0)
            return "";
        if (ends_with(path, layouts[i]))
            return arena_strndup(a, path, strlen(path) - strlen(layouts[i]));
    }
    return dir_name(a, path);
}

static void migrations_project(Walk *w, int first, bool *used)
{
    const Found *m0 = &w->migdirs.v[first];
    const char *arg = w->roots[m0->arg];
    const char *relroot = strip_layout(w->a, m0->rel);
    DiscoveredProject p = {0};
    p.root = *relroot ? join(w->a, arg, relroot) : arena_strdup(w->a, arg);
    p.name = project_name(w, m0->arg, relroot);
    if (!new_root(w, p.root))
        return; /* a knexfile's folder: Knex runs the folders its configs name, not this one */
    VEC(MigFile) files = {0};
    for (int i = first; i < w->migdirs.n; i++) {
        const Found *m = &w->migdirs.v[i];
        if (used[i] || m->arg != m0->arg || strcmp(strip_layout(w->a, m->rel), relroot) != 0)
            continue;
        used[i] = true;
        list_migrations(w, &p, &files, i, m->path, m->rel, default_extensions);
    }
    finish_project(w, &p, &files, false);
}

static void file_project(Walk *w, int arg, const char *path)
{
    const char *name = base_name(path);
    if (in_list(name, knexfile_names)) {
        Found f = {arena_strdup(w->a, path), name, arg, {0, 0}};
        vec_push(w->a, &w->knexfiles, f);
        return;
    }
    static const char *const exts[] = {".sql", ".js", ".ts", ".cjs", ".mjs", ".mts", ".cts", NULL};
    const char *dot = strrchr(name, '.');
    if (!dot || !in_list(dot, exts) || ends_with(name, ".d.ts")) {
        problem(w, path, NULL, "%s is neither a folder, a knexfile nor a migration file; skipped", path);
        return;
    }
    DiscoveredProject p = {0};
    p.name = arena_strdup(w->a, path);
    p.root = dir_name(w->a, path);
    VEC(MigFile) files = {0};
    if (migration_ok(w, path, p.name)) {
        MigFile m = {arena_strdup(w->a, path), name, 0};
        vec_push(w->a, &files, m);
        p.sql_migrations = ends_with(name, ".sql");
    }
    finish_project(w, &p, &files, false);
}

static int cmp_found(const void *pa, const void *pb)
{
    const Found *a = pa, *b = pb;
    return a->arg != b->arg ? (a->arg < b->arg ? -1 : 1) : strcmp(a->path, b->path);
}

static int cmp_project(const void *pa, const void *pb)
{
    const DiscoveredProject *a = pa, *b = pb;
    int c = strcmp(a->name, b->name);
    return c ? c : strcmp(a->root, b->root);
}

/* True when a folder directly holds files a migration reader takes. */
static bool holds_migrations(Arena *a, const char *dir)
{
    int n;
    char **names = list_dir(a, dir, &n);
    for (int i = 0; names && i < n; i++)
        if (extension_ok(names[i], default_extensions))
            return true;
    return false;
}

/* True when dir (normalised) holds path (normalised). */
static bool under(const char *dir, const char *path)
{
    if (strcmp(dir, ".") == 0)
        return path[0] != '/' && strncmp(path, "../", 3) != 0;
    size_t n = strlen(dir);
    return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == 0);
}

/* Gives each code file to the project whose folder holds it (the deepest),
 * else to the only project of its scan root, else to a code-only project
 * of that root. */
static void assign_code(Walk *w)
{
    if (!w->code.n)
        return;
    StrMap migs;
    strmap_init(&migs, w->a);
    int nproj = w->out.n;
    const char **roots = arena_alloc(w->a, sizeof *roots * (size_t)(nproj + 1));
    for (int j = 0; j < nproj; j++) {
        const DiscoveredProject *p = &w->out.v[j];
        roots[j] = path_normalize(w->a, p->root);
        for (int i = 0; i < p->nmigrations; i++) {
            strmap_put(&migs, path_normalize(w->a, p->migrations[i]), (void *)1);
            if (ends_with(p->migrations[i], ".up.sql")) {
                const char *m = p->migrations[i];
                strmap_put(&migs,
                           path_normalize(w->a, arena_printf(w->a, "%.*s.down.sql", (int)(strlen(m) - 7), m)),
                           (void *)1);
            }
        }
    }
    VEC(const char *) *lists = arena_alloc(w->a, sizeof *lists * (size_t)(nproj + w->nroots + 1));
    memset(lists, 0, sizeof *lists * (size_t)(nproj + w->nroots + 1));
    for (int i = 0; i < w->code.n; i++) {
        const Found *f = &w->code.v[i];
        const char *path = path_normalize(w->a, f->path);
        if (strmap_get(&migs, path))
            continue;
        int best = -1;
        size_t best_len = 0;
        for (int j = 0; j < nproj; j++) {
            size_t len = strlen(roots[j]);
            if (under(roots[j], path) && (best < 0 || len > best_len)) {
                best = j;
                best_len = len;
            }
        }
        if (best < 0) {
            const char *rd = path_normalize(w->a, w->root_dirs[f->arg]);
            int n = 0;
            for (int j = 0; j < nproj; j++)
                if (under(rd, roots[j]) || under(roots[j], rd))
                    n++, best = j;
            if (n != 1)
                best = nproj + f->arg;
        }
        vec_push(w->a, &lists[best], f->path);
    }
    for (int j = 0; j < nproj + w->nroots; j++) {
        if (!lists[j].n)
            continue;
        DiscoveredProject *p;
        if (j < nproj) {
            p = &w->out.v[j];
        } else {
            DiscoveredProject np = {0};
            int arg = j - nproj;
            np.root = arena_strdup(w->a, w->root_dirs[arg]);
            np.name = project_name(w, arg, "");
            vec_push(w->a, &w->out, np);
            p = &w->out.v[w->out.n - 1];
        }
        p->code = lists[j].v;
        p->ncode = lists[j].n;
    }
}

int discover(const char *const *paths, int npaths, const DiscoverOptions *opt, Arena *a, Report *r,
             DiscoveredProject **out, char *err, size_t errlen)
{
    static const DiscoverOptions none = {NULL, 0};
    Walk w = {0};
    w.a = a;
    w.r = r;
    w.opt = opt ? opt : &none;
    const char **roots = arena_alloc(a, sizeof *roots * (size_t)(npaths + 1));
    for (int i = 0; i < npaths; i++) {
        char *p = arena_strdup(a, paths[i]);
        size_t n = strlen(p);
        while (n > 1 && p[n - 1] == '/')
            p[--n] = 0;
        roots[i] = p;
        struct stat st;
        if (stat(p, &st) != 0) {
            snprintf(err, errlen, "%s: %s", paths[i], strerror(errno));
            return -1;
        }
    }
    w.roots = roots;
    w.nroots = npaths;
    const char **root_dirs = arena_alloc(a, sizeof *root_dirs * (size_t)(npaths + 1));
    for (int i = 0; i < npaths; i++) {
        struct stat st;
        root_dirs[i] = stat(roots[i], &st) == 0 && S_ISDIR(st.st_mode) ? roots[i] : dir_name(a, roots[i]);
    }
    w.root_dirs = root_dirs;
    for (int i = 0; i < npaths; i++) {
        struct stat st;
        stat(roots[i], &st);
        if (S_ISDIR(st.st_mode))
            walk_dir(&w, i, roots[i], "", false, 0);
        else
            file_project(&w, i, roots[i]);
    }
    if (w.knexfiles.n)
        qsort(w.knexfiles.v, (size_t)w.knexfiles.n, sizeof *w.knexfiles.v, cmp_found);
    for (int i = 0; i < w.knexfiles.n; i++)
        if (i == 0 || strcmp(dir_name(a, w.knexfiles.v[i].path), dir_name(a, w.knexfiles.v[i - 1].path)) != 0)
            knexfile_project(&w, i);
    bool *used = arena_alloc(a, (size_t)w.migdirs.n + 1);
    for (int i = 0; i < w.migdirs.n; i++) {
        if (has_id(&w.claimed, w.migdirs.v[i].id))
            used[i] = true;
        if (!used[i])
            migrations_project(&w, i, used);
    }
    /* A folder given on the command line that holds migrations itself,
     * under a name of its own (db/knex_migrations, configured in code):
     * when nothing under it was a project, it is the migrations folder. */
    for (int i = 0; i < npaths; i++) {
        struct stat st;
        if (stat(roots[i], &st) != 0 || !S_ISDIR(st.st_mode) || has_id(&w.claimed, (DirId){st.st_dev, st.st_ino}))
            continue;
        bool covered = false;
        size_t rl = strlen(roots[i]);
        for (int j = 0; j < w.out.n && !covered; j++)
            covered = strcmp(roots[i], ".") == 0 || strncmp(w.out.v[j].root, roots[i], rl) == 0;
        if (covered || !holds_migrations(a, roots[i]))
            continue;
        Found f = {roots[i], "", i, {st.st_dev, st.st_ino}};
        vec_push(a, &w.migdirs, f);
        bool *once = arena_alloc(a, (size_t)w.migdirs.n + 1);
        for (int j = 0; j < w.migdirs.n - 1; j++)
            once[j] = true;
        migrations_project(&w, w.migdirs.n - 1, once);
    }
    assign_code(&w);
    if (w.out.n)
        qsort(w.out.v, (size_t)w.out.n, sizeof *w.out.v, cmp_project);
    *out = w.out.v;
    return w.out.n;
}
