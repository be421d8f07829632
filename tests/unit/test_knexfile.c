/* test_knexfile.c - the static knexfile reader (src/source/knexfile.c) and
 * the knexfile rules K001-K006 on their fixtures (tests/rules/K00N/).
 *
 * Each fixture folder bad*, good* holds one knexfile.  Its findings of the
 * folder's rule must be exactly those bad.expected lists ("K00N path:LINE",
 * the path relative to bad/ unless it starts with a bad* folder), and good*
 * folders must give none.  The source tree is found through DBAUDIT_SOURCE,
 * or else from this file's own path.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/config.h"
#include "migrate/project.h"
#include "rules/rules.h"
#include "source/knexfile.h"

static const char *source_dir(void)
{
    static char buf[4096];
    const char *env = getenv("DBAUDIT_SOURCE");
    if (env && *env)
        return env;
    snprintf(buf, sizeof buf, "%s", __FILE__);
    char *p = strstr(buf, "/tests/unit/");
    if (p)
        *p = 0;
    return buf;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct Lines {
    char *v[64];
    int n;
} Lines;

static void lines_add(Lines *l, const char *s)
{
    assert_true(l->n < 64);
    l->v[l->n++] = strdup(s);
}

static void lines_free(Lines *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->v[i]);
    l->n = 0;
}

static void read_expected(const char *path, Lines *out)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char ln[512];
    while (fgets(ln, sizeof ln, f)) {
        ln[strcspn(ln, "\r\n")] = 0;
        char *s = ln;
        while (*s == ' ')
            s++;
        if (!*s || *s == '#')
            continue;
        char rule[16], where[400], full[450];
        assert_int_equal(sscanf(s, "%15s %399s", rule, where), 2);
        if (strncmp(where, "bad", 3) == 0 && strchr(where, '/') &&
            (where[3] == '/' || where[3] == '-' || where[3] == '_'))
            snprintf(full, sizeof full, "%s %s", rule, where);
        else
            snprintf(full, sizeof full, "%s bad/%s", rule, where);
        lines_add(out, full);
    }
    fclose(f);
}

static const char *find_knexfile(const char *dir, char *buf, size_t n)
{
    static const char *const names[] = {"knexfile.js", "knexfile.ts", "knexfile.cjs", "knexfile.mjs"};
    for (int i = 0; i < 4; i++) {
        snprintf(buf, n, "%s/%s", dir, names[i]);
        FILE *f = fopen(buf, "r");
        if (f) {
            fclose(f);
            return buf;
        }
    }
    return NULL;
}

/* Runs rule id on the knexfile of folder dir/sub; appends "ID sub/file:LINE". */
static void run_fixture(const char *ruledir, const char *sub, RuleId id, Lines *found)
{
    char dir[4600], path[4700];
    snprintf(dir, sizeof dir, "%s/%s", ruledir, sub);
    const char *kpath = find_knexfile(dir, path, sizeof path);
    if (!kpath)
        fail_msg("%s has no knexfile", dir);
    Report r;
    report_init(&r, "scan");
    Knexfile *kf = knexfile_read(kpath, &r.arena, &r);
    assert_true(kf->parsed);
    for (int i = 0; i < r.findings.n; i++)
        fail_msg("%s: unexpected %s at %d: %s", kpath, rule_table[r.findings.v[i].rule].id, r.findings.v[i].line,
                 r.findings.v[i].message);
    Schema *s = schema_new(sub);
    ScanProject p = {0};
    p.name = s->database;
    p.root = dir;
    p.schema = s;
    vec_push(&s->arena, &p.knexfiles, kf);
    RuleSelection sel;
    for (int i = 0; i < RULE_COUNT; i++)
        sel.off[i] = i != (int)id;
    rules_run_project(&p, s, config_default(), &sel, &r);
    size_t skip = strlen(ruledir) + 1;
    for (int i = 0; i < r.findings.n; i++) {
        const Finding *f = &r.findings.v[i];
        assert_int_equal(f->rule, id);
        assert_non_null(f->file);
        assert_non_null(f->fix);
        assert_non_null(f->key);
        assert_string_equal(f->database, sub);
        assert_string_equal(f->group, f->file);
        assert_true(f->col >= 1);
        char ln[600];
        snprintf(ln, sizeof ln, "%s %s:%d", rule_table[id].id, f->file + skip, f->line);
        lines_add(found, ln);
    }
    schema_free(s);
    report_fini(&r);
}

static void check_rule(const char *rule)
{
    RuleId id = (RuleId)rule_lookup(rule);
    char ruledir[4400], exp[4500];
    snprintf(ruledir, sizeof ruledir, "%s/tests/rules/%s", source_dir(), rule);
    snprintf(exp, sizeof exp, "%s/bad.expected", ruledir);
    Lines expected = {0}, found = {0};
    read_expected(exp, &expected);
    DIR *d = opendir(ruledir);
    assert_non_null(d);
    struct dirent *e;
    int nbad = 0, ngood = 0;
    while ((e = readdir(d))) {
        bool bad = strncmp(e->d_name, "bad", 3) == 0 && !strchr(e->d_name, '.');
        bool good = strncmp(e->d_name, "good", 4) == 0 && !strchr(e->d_name, '.');
        if (bad) {
            run_fixture(ruledir, e->d_name, id, &found);
            nbad++;
        } else if (good) {
            Lines g = {0};
            run_fixture(ruledir, e->d_name, id, &g);
            for (int i = 0; i < g.n; i++)
                print_error("good fixture finding: %s\n", g.v[i]);
            assert_int_equal(g.n, 0);
            ngood++;
        }
    }
    closedir(d);
    assert_true(nbad >= 2);
    assert_true(ngood >= 1);
    qsort(expected.v, (size_t)expected.n, sizeof *expected.v, cmp_str);
    qsort(found.v, (size_t)found.n, sizeof *found.v, cmp_str);
    bool same = expected.n == found.n;
    for (int i = 0; same && i < found.n; i++)
        same = strcmp(expected.v[i], found.v[i]) == 0;
    if (!same) {
        for (int i = 0; i < expected.n; i++)
            print_error("expected: %s\n", expected.v[i]);
        for (int i = 0; i < found.n; i++)
            print_error("found:    %s\n", found.v[i]);
    }
    assert_true(same);
    lines_free(&expected);
    lines_free(&found);
}

static void test_K001(void **state) { check_rule("K001"); }
static void test_K002(void **state) { check_rule("K002"); }
static void test_K003(void **state) { check_rule("K003"); }
static void test_K004(void **state) { check_rule("K004"); }
static void test_K005(void **state) { check_rule("K005"); }
static void test_K006(void **state) { check_rule("K006"); }

/* ---- the reader on inline sources -------------------------------------- */

typedef struct Read {
    Report r;
    Knexfile *kf;
} Read;

static void read_src(Read *rd, const char *name, const char *src)
{
    report_init(&rd->r, "scan");
    rd->kf = knexfile_read_text(name, src, strlen(src), &rd->r.arena, &rd->r);
}

static const KnexConfig *config(const Read *rd, const char *env)
{
    for (int i = 0; i < rd->kf->configs.n; i++) {
        const KnexConfig *c = &rd->kf->configs.v[i];
        if ((!env && !c->env) || (env && c->env && strcmp(env, c->env) == 0))
            return c;
    }
    fail_msg("no config %s", env ? env : "(single)");
    return NULL;
}

static void test_env_blocks_and_spread(void **state)
{
    Read rd;
    read_src(&rd, "knexfile.js",
             "const base = { client: 'pg', pool: { min: 2, max: 10 }, migrations: { directory: './db/migrations' } };\n"
             "const prod = { ...base, pool: { ...base.pool, max: Number(process.env.MAX) || 20 } };\n"
             "module.exports = {\n"
             "  development: { ...base, connection: 'postgres://localhost/x' },\n"
             "  production: prod,\n"
             "  external: { ...require('./shared'), client: 'pg' },\n"
             "  computed: makeConfig(),\n"
             "};\n");
    assert_int_equal(rd.r.findings.n, 0);
    assert_int_equal(rd.kf->configs.n, 3);
    assert_false(rd.kf->complete); /* computed */
    const KnexConfig *dev = config(&rd, "development");
    assert_int_equal(dev->pool.state, KNEX_LITERAL);
    assert_int_equal(dev->pool.origin.line, 1);
    assert_int_equal(dev->pool_max.state, KNEX_LITERAL);
    assert_true(dev->pool_max.num == 10);
    assert_string_equal(dev->migration_dirs[0], "./db/migrations");
    assert_null(dev->migration_dirs[1]);
    assert_false(dev->open);
    const KnexConfig *prod = config(&rd, "production");
    assert_int_equal(prod->pool.origin.line, 2);
    assert_int_equal(prod->pool_max.state, KNEX_DYNAMIC);
    assert_int_equal(prod->pool_min.state, KNEX_LITERAL); /* from base.pool */
    assert_true(prod->pool_min.num == 2);
    assert_int_equal(prod->origin.line, 2);
    const KnexConfig *ext = config(&rd, "external");
    assert_true(ext->open);
    assert_int_equal(ext->pool.state, KNEX_UNKNOWN);
    assert_int_equal(ext->statement_timeout.state, KNEX_UNKNOWN);
    assert_false(ext->migrations_known);
    report_fini(&rd.r);
}

static void test_typescript_single_config(void **state)
{
    Read rd;
    read_src(&rd, "knexfile.ts",
             "import type { Knex } from 'knex';\n"
             "const config: Knex.Config = {\n"
             "  client: 'postgresql',\n"
             "  connection: { connectionString: process.env.DATABASE_URL, options: '-c statement_timeout=5s' },\n"
             "  migrations: { directory: ['./migrations', './legacy'], tableName: 'knex_history',\n"
             "                loadExtensions: ['.ts'] },\n"
             "};\n"
             "export default config;\n");
    assert_int_equal(rd.r.findings.n, 0);
    assert_int_equal(rd.kf->configs.n, 1);
    const KnexConfig *c = config(&rd, NULL);
    assert_string_equal(c->client.str, "postgresql");
    assert_true(knexfile_client_is_pg(c));
    assert_int_equal(c->pool.state, KNEX_ABSENT);
    assert_int_equal(c->statement_timeout.state, KNEX_LITERAL);
    assert_int_equal(c->statement_timeout.origin.line, 4);
    assert_string_equal(c->migration_dirs[1], "./legacy");
    assert_string_equal(c->migration_table, "knex_history");
    assert_string_equal(c->load_extensions[0], ".ts");
    assert_null(c->load_extensions[1]);
    report_fini(&rd.r);
}

static void test_esm_named_exports(void **state)
{
    Read rd;
    read_src(&rd, "knexfile.mjs",
             "export const development = { client: 'pg', pool: { max: 4 } };\n"
             "exports.production = { client: 'pg' };\n");
    assert_int_equal(rd.kf->configs.n, 2);
    assert_int_equal(config(&rd, "production")->pool.state, KNEX_ABSENT);
    report_fini(&rd.r);
}

static void test_other_export_forms(void **state)
{
    static const char *const srcs[][2] = {
        {"knexfile.ts", "const config = { client: 'pg', pool: { max: 4 } };\nexport = config;\n"},
        {"knexfile.js", "module.exports = () => ({ client: 'pg', pool: { max: 4 } });\n"},
        {"knexfile.js", "module.exports = async function () {\n  return { client: 'pg', pool: { max: 4 } };\n};\n"},
        {"knexfile.ts", "import { Knex } from 'knex';\nexport default { client: 'pg', pool: { max: 4 } } as Knex.Config;\n"},
        {"knexfile.js", "const c = { client: 'pg', pool: { max: 4 } };\nmodule.exports = { ...c };\n"},
    };
    for (size_t i = 0; i < sizeof srcs / sizeof *srcs; i++) {
        Read rd;
        read_src(&rd, srcs[i][0], srcs[i][1]);
        assert_int_equal(rd.r.findings.n, 0);
        if (rd.kf->configs.n != 1)
            fail_msg("case %zu: %d configs", i, rd.kf->configs.n);
        assert_true(config(&rd, NULL)->pool_max.num == 4);
        report_fini(&rd.r);
    }
    /* Not readable without running it: no configs, nothing claimed. */
    static const char *const opaque[] = {
        "import config from './src/db/config';\nexport default config;\n",
        "module.exports = require('./config/database');\n",
        "module.exports = (env) => { const base = load(env); return { ...base }; };\n",
        "const env = process.env.NODE_ENV;\nmodule.exports = { [env]: { client: 'pg' } };\n",
    };
    for (size_t i = 0; i < sizeof opaque / sizeof *opaque; i++) {
        Read rd;
        read_src(&rd, "knexfile.js", opaque[i]);
        assert_int_equal(rd.kf->configs.n, 0);
        assert_false(rd.kf->complete);
        report_fini(&rd.r);
    }
}

static void test_paths_and_reassignment(void **state)
{
    Read rd;
    read_src(&rd, "knexfile.js",
             "const path = require('path');\n"
             "const BASE = path.join(__dirname, 'src', 'db');\n"
             "let connection = { host: 'a' };\n"
             "if (process.env.URL) connection = process.env.URL;\n"
             "module.exports = {\n"
             "  a: { client: 'pg', connection, migrations: { directory: path.join(BASE, 'migrations') } },\n"
             "  b: { client: 'pg', migrations: { directory: `${__dirname}/db/migrations` } },\n"
             "  c: { client: 'pg', migrations: { directory: __dirname + '/sql' } },\n"
             "  d: { client: 'pg', migrations: { directory: process.env.MIGRATIONS_DIR } },\n"
             "};\n");
    const KnexConfig *a = config(&rd, "a");
    assert_string_equal(a->migration_dirs[0], "./src/db/migrations");
    assert_int_equal(a->migration_dirs_origin.line, 6);
    assert_int_equal(a->connection.state, KNEX_UNKNOWN); /* reassigned */
    assert_int_equal(a->statement_timeout.state, KNEX_UNKNOWN);
    assert_string_equal(config(&rd, "b")->migration_dirs[0], "./db/migrations");
    assert_string_equal(config(&rd, "c")->migration_dirs[0], "./sql");
    assert_false(config(&rd, "d")->migrations_known);
    report_fini(&rd.r);
}

static void test_syntax_error(void **state)
{
    Read rd;
    read_src(&rd, "knexfile.js",
             "module.exports = {\n"
             "  client: 'pg',\n"
             "  pool: { min: 2 max: 10 },\n"
             "};\n");
    assert_true(rd.kf->parsed);
    assert_int_equal(rd.r.findings.n, 1);
    assert_int_equal(rd.r.findings.v[0].rule, RULE_A003);
    assert_int_equal(rd.r.findings.v[0].line, 3);
    assert_string_equal(rd.r.findings.v[0].file, "knexfile.js");
    report_fini(&rd.r);

    read_src(&rd, "knexfile.js", "module.exports = { client: 'pg\xff' };\n");
    assert_false(rd.kf->parsed);
    assert_int_equal(rd.r.findings.n, 1);
    assert_int_equal(rd.r.findings.v[0].rule, RULE_A003);
    report_fini(&rd.r);
}

/* afterCreate bodies and what K005's analysis must conclude. */
static void test_done_analysis(void **state)
{
    static const struct {
        const char *fn;
        KnexDone done;
        const char *path; /* substring of the path description, or NULL */
    } cases[] = {
        {"(conn, done) => conn.query('SET x = 1', done)", DONE_OK, NULL},
        {"(conn, done) => { conn.query('SET x = 1', (err) => done(err, conn)); }", DONE_OK, NULL},
        {"(conn, done) => { done(null, conn); }", DONE_OK, NULL},
        {"(conn, done) => { conn.query('SET x = 1'); }", DONE_NEVER, NULL},
        {"(conn) => { conn.query('SET x = 1'); }", DONE_NO_PARAM, NULL},
        {"function (conn, done) { conn.query('q', function (err) { if (!err) done(null, conn); }); }",
         DONE_SOME_PATHS, "when the query fails"},
        {"(conn, done) => { conn.query('q', (err) => { if (err) { return done(err); } done(null, conn); }); }",
         DONE_OK, NULL},
        {"(conn, done) => { conn.query('q', (err) => { if (err) done(err); done(null, conn); }); }", DONE_TWICE,
         "when the query fails"},
        {"(conn, done) => { conn.query('q', (err) => { err ? done(err) : done(null, conn); }); }", DONE_OK, NULL},
        {"(conn, done) => { conn.query('q', (err) => { err && done(err); }); }", DONE_SOME_PATHS,
         "when the query succeeds"},
        {"async (conn, done) => { await conn.query('q'); done(null, conn); }", DONE_SOME_PATHS,
         "when the query fails"},
        {"async (conn, done) => { try { await conn.query('q'); done(null, conn); } catch (e) { done(e, conn); } }",
         DONE_OK, NULL},
        {"async (conn, done) => { try { await conn.query('q'); } catch (e) { return done(e); } finally { } "
         "done(null, conn); }",
         DONE_OK, NULL},
        {"async (conn, done) => { try { await conn.query('q'); } finally { done(null, conn); } }", DONE_OK, NULL},
        {"(conn, done) => { conn.query('q').then(() => done(null, conn)).catch(done); }", DONE_OK, NULL},
        {"(conn, done) => { conn.query('q').then(() => done(null, conn), (e) => done(e)); }", DONE_OK, NULL},
        {"(conn, done) => { conn.query('q').then(() => done(null, conn)); }", DONE_SOME_PATHS,
         "when the query fails"},
        {"(conn, done) => { conn.query('q').finally(() => done(null, conn)); }", DONE_OK, NULL},
        {"(conn, done) => { conn.query('q').then(() => done(null, conn)).catch(done).finally(done); }",
         DONE_TWICE, NULL},
        {"(conn, done) => { if (process.env.X) { done(null, conn); return; } done(null, conn); }", DONE_OK, NULL},
        {"(conn, done) => { if (process.env.X) { done(null, conn); } done(null, conn); }", DONE_TWICE,
         "when process.env.X"},
        {"(conn, done) => { if (process.env.X) done(null, conn); }", DONE_SOME_PATHS,
         "when process.env.X is false"},
        /* cannot follow: silent */
        {"(conn, done) => { retry(conn, done); }", DONE_UNKNOWN, NULL},
        {"(conn, done) => { for (const q of qs) conn.query(q); done(null, conn); }", DONE_OK, NULL},
        {"(conn, done) => { for (const q of qs) done(null, conn); }", DONE_UNKNOWN, NULL},
        {"(conn, done) => { setTimeout(() => done(null, conn), 10); }", DONE_UNKNOWN, NULL},
        {"(conn, ...rest) => { rest[0](null, conn); }", DONE_UNKNOWN, NULL},
        {"(conn, done) => { const d = done; d(null, conn); }", DONE_UNKNOWN, NULL},
        {"async (conn, done) => { await new Promise((r) => setTimeout(r, 5)); done(null, conn); }", DONE_OK, NULL},
        {"async (conn, done) => { try { await conn.query('q').then(() => done(null, conn)); } catch (e) { done(e); } }",
         DONE_OK, NULL},
        {"async (conn, done) => { const run = promisify(conn.query.bind(conn)); await run('SET x = 1'); "
         "done(null, conn); }",
         DONE_SOME_PATHS, "when run('SET x = 1') throws"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char src[1024];
        snprintf(src, sizeof src, "module.exports = { client: 'pg', pool: { afterCreate: %s } };\n", cases[i].fn);
        Read rd;
        read_src(&rd, "knexfile.js", src);
        assert_int_equal(rd.r.findings.n, 0);
        const KnexConfig *c = config(&rd, NULL);
        assert_int_equal(c->hooks.n, 1);
        const KnexHook *h = &c->hooks.v[0];
        if (h->done != cases[i].done || (cases[i].path && (!h->path || !strstr(h->path, cases[i].path))))
            fail_msg("case %zu (%s): got %d %s, want %d %s", i, cases[i].fn, h->done, h->path ? h->path : "-",
                     cases[i].done, cases[i].path ? cases[i].path : "-");
        report_fini(&rd.r);
    }
}

static void test_hooks_and_sql(void **state)
{
    Read rd;
    read_src(&rd, "knexfile.js",
             "const SETUP = 'SET statement_timeout = 1000';\n"
             "function hook(conn, done) { conn.query(SETUP, done); }\n"
             "module.exports = {\n"
             "  a: { client: 'pg', pool: { afterCreate: hook } },\n"
             "  b: { client: 'pg', afterCreate: hook, connection: { afterCreate: hook } },\n"
             "  c: { client: 'pg', pool: { afterCreate: require('./hooks').afterCreate } },\n"
             "};\n");
    const KnexConfig *a = config(&rd, "a");
    assert_int_equal(a->hooks.n, 1);
    assert_string_equal(a->hooks.v[0].where, "pool");
    assert_int_equal(a->hooks.v[0].done, DONE_OK);
    assert_int_equal(a->statement_timeout.state, KNEX_LITERAL);
    assert_int_equal(a->statement_timeout.origin.line, 1);
    const KnexConfig *b = config(&rd, "b");
    assert_int_equal(b->hooks.n, 2);
    assert_int_equal(b->statement_timeout.state, KNEX_ABSENT); /* misplaced hooks never run */
    const KnexConfig *c = config(&rd, "c");
    assert_false(c->hooks.v[0].readable);
    assert_int_equal(c->statement_timeout.state, KNEX_UNKNOWN);
    report_fini(&rd.r);

    /* SQL in a list and in a helper function of the same file */
    read_src(&rd, "knexfile.js",
             "const SETUP = ['SET timezone = 1', `SET statement_timeout = 5000`];\n"
             "function setup(conn) { return Promise.all(SETUP.map((q) => conn.query(q))); }\n"
             "module.exports = { client: 'pg',\n"
             "  pool: { afterCreate: (conn, done) => { setup(conn).then(() => done(null, conn), done); } } };\n");
    c = config(&rd, NULL);
    assert_int_equal(c->hooks.v[0].done, DONE_OK);
    assert_int_equal(c->statement_timeout.state, KNEX_LITERAL);
    assert_int_equal(c->statement_timeout.origin.line, 1);
    report_fini(&rd.r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_env_blocks_and_spread),
        cmocka_unit_test(test_typescript_single_config),
        cmocka_unit_test(test_esm_named_exports),
        cmocka_unit_test(test_other_export_forms),
        cmocka_unit_test(test_paths_and_reassignment),
        cmocka_unit_test(test_syntax_error),
        cmocka_unit_test(test_done_analysis),
        cmocka_unit_test(test_hooks_and_sql),
        cmocka_unit_test(test_K001),
        cmocka_unit_test(test_K002),
        cmocka_unit_test(test_K003),
        cmocka_unit_test(test_K004),
        cmocka_unit_test(test_K005),
        cmocka_unit_test(test_K006),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
